// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/delivery/TestMessageFiles.h"

#include <QFile>
#include <QtEndian>
#include <algorithm>
#include <cmath>
#include <tiffio.h>
#include <vector>

using namespace Qt::StringLiterals;

namespace umgate {

bool TestMessageFiles::writeFax(const QString& path, QString* error)
{
    // A4 at fax "fine" resolution: 1728 pixels across, 2292 lines.
    constexpr int width = 1728;
    constexpr int height = 2292;
    TIFF* tif = TIFFOpen(QFile::encodeName(path).constData(), "w");
    if (!tif) {
        if (error) *error = u"cannot create %1"_s.arg(path);
        return false;
    }
    TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, width);
    TIFFSetField(tif, TIFFTAG_IMAGELENGTH, height);
    TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 1);
    TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 1);
    TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX4);
    TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE);
    TIFFSetField(tif, TIFFTAG_FILLORDER, FILLORDER_MSB2LSB);
    TIFFSetField(tif, TIFFTAG_XRESOLUTION, 204.0);
    TIFFSetField(tif, TIFFTAG_YRESOLUTION, 196.0);
    TIFFSetField(tif, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
    TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, height);
    TIFFSetField(tif, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE);
    TIFFSetField(tif, TIFFTAG_PAGENUMBER, 0, 1);
    std::vector<unsigned char> row(width / 8);
    bool ok = true;
    for (int y = 0; y < height && ok; ++y) {
        // A frame and a few bars: something a viewer visibly renders, cheap to compress.
        const bool frameRow = y < 40 || y >= height - 40;
        const bool bar = (y / 120) % 4 == 1 && y > 300 && y < 1500;
        for (int x = 0; x < width / 8; ++x) {
            const bool frameColumn = x < 5 || x >= width / 8 - 5;
            const bool inBar = bar && x > 20 && x < 20 + (y % 1000) / 6;
            row[size_t(x)] = (frameRow || frameColumn || inBar) ? 0xff : 0;
        }
        ok = TIFFWriteScanline(tif, row.data(), uint32_t(y), 0) == 1;
    }
    ok = ok && TIFFWriteDirectory(tif) == 1;
    TIFFClose(tif);
    if (!ok && error) *error = u"cannot write the test fax %1"_s.arg(path);
    return ok;
}

bool TestMessageFiles::writeWav(const QString& path, int seconds, QString* error)
{
    constexpr int rate = 8000;
    const int samples = rate * qBound(1, seconds, 60);
    QByteArray data(44 + samples * 2, Qt::Uninitialized);
    char* p = data.data();
    auto put32 = [&](int at, quint32 v) { qToLittleEndian(v, p + at); };
    auto put16 = [&](int at, quint16 v) { qToLittleEndian(v, p + at); };
    // The chunk tags without their terminating NUL.
    auto putTag = [&](int at, QLatin1StringView tag) { std::copy(tag.begin(), tag.end(), p + at); };
    putTag(0, "RIFF"_L1);
    put32(4, quint32(36 + samples * 2));
    putTag(8, "WAVEfmt "_L1);
    put32(16, 16);
    put16(20, 1); // PCM
    put16(22, 1); // mono
    put32(24, rate);
    put32(28, rate * 2);
    put16(32, 2);
    put16(34, 16);
    putTag(36, "data"_L1);
    put32(40, quint32(samples * 2));
    for (int i = 0; i < samples; ++i) {
        const double t = double(i) / rate;
        put16(44 + i * 2, quint16(qint16(6000 * std::sin(2 * M_PI * 440 * t))));
    }
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size()) {
        if (error) *error = u"cannot write %1: %2"_s.arg(path, f.errorString());
        return false;
    }
    return true;
}

} // namespace umgate
