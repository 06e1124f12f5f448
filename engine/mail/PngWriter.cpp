// SPDX-License-Identifier: GPL-3.0-or-later
#include "PngWriter.h"

#include <QtEndian>
#include <zlib.h>

namespace umgate {

namespace {

void appendBe32(QByteArray& out, quint32 value)
{
    char b[4];
    qToBigEndian(value, b);
    out.append(b, 4);
}

void appendChunk(QByteArray& out, const char* type, const QByteArray& data)
{
    appendBe32(out, quint32(data.size()));
    const QByteArray typed = QByteArray(type, 4) + data;
    out.append(typed);
    appendBe32(out, quint32(crc32(0, reinterpret_cast<const Bytef*>(typed.constData()), uInt(typed.size()))));
}

} // namespace

QByteArray PngWriter::grey8(int width, int height, const QByteArray& pixels)
{
    if (width <= 0 || height <= 0 || width > 16384 || height > 16384 ||
        pixels.size() != qsizetype(width) * height)
        return {};
    // Each row is preceded by its filter type; 0 (none) is enough for a small fax preview.
    QByteArray raw;
    raw.reserve(qsizetype(width + 1) * height);
    for (int y = 0; y < height; ++y) {
        raw.append('\0');
        raw.append(pixels.constData() + qsizetype(y) * width, width);
    }
    uLongf size = compressBound(uLong(raw.size()));
    QByteArray deflated(qsizetype(size), '\0');
    if (compress2(reinterpret_cast<Bytef*>(deflated.data()), &size,
                  reinterpret_cast<const Bytef*>(raw.constData()), uLong(raw.size()),
                  Z_BEST_COMPRESSION) != Z_OK)
        return {};
    deflated.truncate(qsizetype(size));

    QByteArray header;
    appendBe32(header, quint32(width));
    appendBe32(header, quint32(height));
    header.append(char(8)); // bit depth
    header.append(char(0)); // colour type: greyscale
    header.append(char(0)); // compression: deflate
    header.append(char(0)); // filter method 0
    header.append(char(0)); // no interlace
    QByteArray png("\x89PNG\r\n\x1a\n", 8);
    appendChunk(png, "IHDR", header);
    appendChunk(png, "IDAT", deflated);
    appendChunk(png, "IEND", {});
    return png;
}

} // namespace umgate
