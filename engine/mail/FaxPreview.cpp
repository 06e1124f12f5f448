// SPDX-License-Identifier: GPL-3.0-or-later
#include "FaxPreview.h"

#include "MemoryTiff.h"
#include "PngWriter.h"

#include <QList>
#include <QScopeGuard>
#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstring>
#include <tiffio.h>

namespace umgate {

namespace {

int quietHandler(TIFF*, void*, const char*, const char*, va_list)
{
    return 1; // handled: nothing reaches stderr
}

// Vertical stretch of the page: fax pages are often 204 x 98 dpi, drawn as square pixels they
// would look squashed.
double aspect(TIFF* tiff)
{
    float x = 0, y = 0;
    if (TIFFGetField(tiff, TIFFTAG_XRESOLUTION, &x) == 1 &&
        TIFFGetField(tiff, TIFFTAG_YRESOLUTION, &y) == 1 && x > 1 && y > 1)
        return std::clamp(double(x) / double(y), 0.25, 4.0);
    return 1.0;
}

} // namespace

std::optional<QByteArray> FaxPreview::firstPagePng(const QByteArray& tiffBytes, int maxWidth,
                                                   qint64 maxPixels)
{
    if (tiffBytes.size() < 8 || maxWidth < 16) return std::nullopt;
    MemoryTiff file;
    TIFFOpenOptions* options = TIFFOpenOptionsAlloc();
    TIFFOpenOptionsSetErrorHandlerExtR(options, quietHandler, nullptr);
    TIFFOpenOptionsSetWarningHandlerExtR(options, quietHandler, nullptr);
    TIFFOpenOptionsSetMaxSingleMemAlloc(options, tmsize_t{128} * 1024 * 1024);
    // "m": no memory mapping; the procs read from the QByteArray.
    TIFF* tiff = openMemoryTiff(file, tiffBytes, "fax", "rm", options);
    TIFFOpenOptionsFree(options);
    if (!tiff) return std::nullopt;
    const auto close = qScopeGuard([tiff] { TIFFClose(tiff); });

    uint32_t width = 0, height = 0;
    if (TIFFGetField(tiff, TIFFTAG_IMAGEWIDTH, &width) != 1 ||
        TIFFGetField(tiff, TIFFTAG_IMAGELENGTH, &height) != 1)
        return std::nullopt;
    if (width == 0 || height == 0 || qint64(width) * height > maxPixels) return std::nullopt;
    QList<uint32_t> rgba(qsizetype(width) * height);
    if (TIFFReadRGBAImageOriented(tiff, width, height, rgba.data(), ORIENTATION_TOPLEFT, 0) != 1)
        return std::nullopt;

    const int outW = int(std::min<uint32_t>(width, uint32_t(maxWidth)));
    const double scaledH = double(height) * aspect(tiff) * outW / double(width);
    const int outH = std::clamp(int(std::lround(scaledH)), 1, 16384);
    // Box filter: every source pixel adds its luminance to the output pixel it falls into.
    QList<quint32> sum(qsizetype(outW) * outH, 0);
    QList<quint32> count(qsizetype(outW) * outH, 0);
    for (uint32_t sy = 0; sy < height; ++sy) {
        const qsizetype ty = qsizetype(quint64(sy) * outH / height);
        const uint32_t* row = rgba.constData() + qsizetype(sy) * width;
        for (uint32_t sx = 0; sx < width; ++sx) {
            const uint32_t p = row[sx];
            const quint32 lum = (TIFFGetR(p) * 299 + TIFFGetG(p) * 587 + TIFFGetB(p) * 114) / 1000;
            const qsizetype t = ty * outW + qsizetype(quint64(sx) * outW / width);
            sum[t] += lum;
            ++count[t];
        }
    }
    QByteArray grey(qsizetype(outW) * outH, char(255));
    for (qsizetype i = 0; i < grey.size(); ++i)
        if (count.at(i) > 0) grey[i] = char(sum.at(i) / count.at(i));
    const QByteArray png = PngWriter::grey8(outW, outH, grey);
    if (png.isEmpty()) return std::nullopt;
    return png;
}

} // namespace umgate
