// SPDX-License-Identifier: GPL-3.0-or-later
#include "FaxConverter.h"

#include <QFileInfo>
#include <cstdarg>
#include <cstdio>
#include <hpdf.h>
#include <list>
#include <tiffio.h>

using namespace Qt::StringLiterals;

namespace umgate {

namespace {

// Collects libtiff's messages of one handle instead of letting the library print them.
struct TiffMessages
{
    QString firstError;
};

int tiffError(TIFF*, void* user, const char* module, const char* fmt, va_list ap)
{
    auto* messages = static_cast<TiffMessages*>(user);
    if (messages && messages->firstError.isEmpty()) {
        char buffer[512];
        std::vsnprintf(buffer, sizeof buffer, fmt, ap);
        messages->firstError = module && *module
                                   ? u"%1: %2"_s.arg(QString::fromUtf8(module), QString::fromUtf8(buffer))
                                   : QString::fromUtf8(buffer);
    }
    return 1; // handled: the global handler (stderr) is not called
}

int tiffWarning(TIFF*, void*, const char*, const char*, va_list)
{
    return 1; // warnings (unknown tags etc.) do not stop a conversion and are not worth a log line
}

struct TiffHandle
{
    TIFF* tiff = nullptr;
    TiffMessages messages;
    ~TiffHandle()
    {
        if (tiff) TIFFClose(tiff);
    }
};

bool openTiff(const QString& path, TiffHandle& handle, QString* error)
{
    const QFileInfo info(path);
    if (!info.isFile()) {
        *error = u"fax file %1 does not exist"_s.arg(path);
        return false;
    }
    if (info.size() == 0) {
        *error = u"fax file %1 is empty (0 bytes)"_s.arg(path);
        return false;
    }
    TIFFOpenOptions* options = TIFFOpenOptionsAlloc();
    TIFFOpenOptionsSetErrorHandlerExtR(options, tiffError, &handle.messages);
    TIFFOpenOptionsSetWarningHandlerExtR(options, tiffWarning, &handle.messages);
    TIFFOpenOptionsSetMaxSingleMemAlloc(options, 256 * 1024 * 1024);
    handle.tiff = TIFFOpenExt(QFile::encodeName(path).constData(), "r", options);
    TIFFOpenOptionsFree(options);
    if (!handle.tiff) {
        *error = u"fax file %1 is not a readable TIFF: %2"_s.arg(
            path, handle.messages.firstError.isEmpty() ? u"unknown error"_s : handle.messages.firstError);
        return false;
    }
    return true;
}

struct HpdfState
{
    HPDF_STATUS status = HPDF_OK;
    HPDF_STATUS detail = 0;
};

void hpdfError(HPDF_STATUS errorNo, HPDF_STATUS detailNo, void* user)
{
    auto* state = static_cast<HpdfState*>(user);
    if (state->status == HPDF_OK) {
        state->status = errorNo;
        state->detail = detailNo;
    }
}

struct PdfDoc
{
    HpdfState state;
    HPDF_Doc doc = nullptr;
    bool saved = false;
    ~PdfDoc()
    {
        // libharu 2.3 frees the DecodeParms of a CCITT image only while writing the document, so
        // an abandoned document is written into its memory stream first (leak seen with valgrind).
        if (doc && !saved) HPDF_SaveToStream(doc);
        if (doc) HPDF_Free(doc);
    }
};

// Resolution in dots per inch; fax TIFFs without resolution tags get the fax standard values.
void resolution(TIFF* tiff, uint32_t width, uint32_t height, double* xDpi, double* yDpi)
{
    float x = 0, y = 0;
    uint16_t unit = RESUNIT_INCH;
    TIFFGetFieldDefaulted(tiff, TIFFTAG_RESOLUTIONUNIT, &unit);
    const bool hasX = TIFFGetField(tiff, TIFFTAG_XRESOLUTION, &x) == 1 && x > 1;
    const bool hasY = TIFFGetField(tiff, TIFFTAG_YRESOLUTION, &y) == 1 && y > 1;
    const double factor = unit == RESUNIT_CENTIMETER ? 2.54 : 1.0;
    const bool faxWidth = width == 1728 || width == 2048 || width == 2432;
    *xDpi = hasX && unit != RESUNIT_NONE ? x * factor : (faxWidth ? 204.0 : 200.0);
    *yDpi = hasY && unit != RESUNIT_NONE ? y * factor : (faxWidth ? (height > 1400 ? 196.0 : 98.0) : *xDpi);
    // A page with RESUNIT_NONE but an aspect ratio (e.g. 2:1 for normal-resolution fax) keeps it.
    if (unit == RESUNIT_NONE && hasX && hasY) *yDpi = *xDpi * y / x;
}

} // namespace

int FaxConverter::tiffPageCount(const QString& tiffPath, QString* error)
{
    QString localError;
    TiffHandle handle;
    if (!openTiff(tiffPath, handle, &localError)) {
        if (error) *error = localError;
        return -1;
    }
    const tdir_t count = TIFFNumberOfDirectories(handle.tiff);
    if (count == 0 || count > kMaxPages) {
        if (error)
            *error = u"fax file %1 has %2 pages (1 to %3 expected)"_s.arg(tiffPath).arg(count).arg(kMaxPages);
        return -1;
    }
    return int(count);
}

std::optional<QByteArray> FaxConverter::tiffToPdf(const QString& tiffPath, QString* error, int* pages)
{
    QString localError;
    const auto fail = [&](const QString& text) -> std::optional<QByteArray> {
        if (error) *error = text;
        return std::nullopt;
    };
    if (pages) *pages = 0;
    TiffHandle tiff;
    if (!openTiff(tiffPath, tiff, &localError)) return fail(localError);

    PdfDoc pdf;
    pdf.doc = HPDF_New(hpdfError, &pdf.state);
    if (!pdf.doc) return fail(u"cannot create a PDF document (out of memory)"_s);
    HPDF_SetCompressionMode(pdf.doc, HPDF_COMP_ALL);
    const auto hpdfFailed = [&](int page) {
        return u"writing page %1 of fax %2 into the PDF failed (libharu error 0x%3, detail %4)"_s.arg(page)
            .arg(tiffPath)
            .arg(QString::number(pdf.state.status, 16))
            .arg(pdf.state.detail);
    };
    // libharu may keep pointers to the pixel buffers until the document is saved.
    std::list<QByteArray> buffers;

    int page = 0;
    do {
        ++page;
        if (page > kMaxPages)
            return fail(u"fax file %1 has more than %2 pages"_s.arg(tiffPath).arg(kMaxPages));
        const auto pageError = [&](const QString& what) {
            return u"fax file %1, page %2: %3"_s.arg(tiffPath).arg(page).arg(
                tiff.messages.firstError.isEmpty() ? what : what + u" ("_s + tiff.messages.firstError + u')');
        };
        uint32_t width = 0, height = 0;
        uint16_t bits = 1, samples = 1, photometric = PHOTOMETRIC_MINISWHITE;
        if (!TIFFGetField(tiff.tiff, TIFFTAG_IMAGEWIDTH, &width) ||
            !TIFFGetField(tiff.tiff, TIFFTAG_IMAGELENGTH, &height))
            return fail(pageError(u"image width or height is missing"_s));
        if (width == 0 || height == 0 || width > uint32_t(kMaxPixelsPerSide) ||
            height > uint32_t(kMaxPixelsPerSide) || qint64(width) * height > kMaxPixelsPerPage)
            return fail(pageError(u"unsupported image size %1x%2 pixels"_s.arg(width).arg(height)));
        TIFFGetFieldDefaulted(tiff.tiff, TIFFTAG_BITSPERSAMPLE, &bits);
        TIFFGetFieldDefaulted(tiff.tiff, TIFFTAG_SAMPLESPERPIXEL, &samples);
        if (!TIFFGetField(tiff.tiff, TIFFTAG_PHOTOMETRIC, &photometric))
            photometric = bits == 1 ? PHOTOMETRIC_MINISWHITE : PHOTOMETRIC_MINISBLACK;
        double xDpi = 0, yDpi = 0;
        resolution(tiff.tiff, width, height, &xDpi, &yDpi);

        HPDF_Image image = nullptr;
        const bool grey =
            samples == 1 && (photometric == PHOTOMETRIC_MINISWHITE || photometric == PHOTOMETRIC_MINISBLACK);
        if (grey && (bits == 1 || bits == 8) && !TIFFIsTiled(tiff.tiff)) {
            const tmsize_t lineBytes = TIFFScanlineSize(tiff.tiff);
            const tmsize_t expected = bits == 1 ? (tmsize_t(width) + 7) / 8 : tmsize_t(width);
            if (lineBytes != expected)
                return fail(pageError(u"unexpected scanline size %1"_s.arg(lineBytes)));
            QByteArray& pixels = buffers.emplace_back(qsizetype(lineBytes) * height, '\0');
            for (uint32_t row = 0; row < height; ++row) {
                auto* line = reinterpret_cast<uchar*>(pixels.data()) + qsizetype(row) * lineBytes;
                if (TIFFReadScanline(tiff.tiff, line, row, 0) < 0)
                    return fail(pageError(u"image data is damaged at row %1"_s.arg(row)));
            }
            if (bits == 1) {
                // libharu 2.3 writes the flag into /BlackIs1 of its own G4 stream, whose decoder
                // then treats 0 bits as black: a TIFF's "1 = black" (min-is-white) needs FALSE here.
                // tst_faxconverter checks the rendered polarity.
                image = HPDF_Image_LoadRaw1BitImageFromMem(
                    pdf.doc, reinterpret_cast<const HPDF_BYTE*>(pixels.constData()), width, height,
                    HPDF_UINT(lineBytes), photometric == PHOTOMETRIC_MINISWHITE ? HPDF_FALSE : HPDF_TRUE,
                    HPDF_TRUE);
            } else {
                if (photometric == PHOTOMETRIC_MINISWHITE)
                    for (char& b : pixels)
                        b = char(~uchar(b));
                image =
                    HPDF_LoadRawImageFromMem(pdf.doc, reinterpret_cast<const HPDF_BYTE*>(pixels.constData()),
                                             width, height, HPDF_CS_DEVICE_GRAY, 8);
            }
        } else {
            // Everything else (colour, tiled, 4-bit ...) through libtiff's RGBA decoder.
            std::vector<uint32_t> rgba(size_t(width) * height);
            if (!TIFFReadRGBAImageOriented(tiff.tiff, width, height, rgba.data(), ORIENTATION_TOPLEFT, 0))
                return fail(
                    pageError(u"image data cannot be decoded (%1 bits, %2 samples per pixel)"_s.arg(bits).arg(
                        samples)));
            QByteArray& pixels = buffers.emplace_back(qsizetype(width) * height * 3, '\0');
            for (size_t i = 0; i < rgba.size(); ++i) {
                pixels[qsizetype(i * 3)] = char(TIFFGetR(rgba[i]));
                pixels[qsizetype(i * 3 + 1)] = char(TIFFGetG(rgba[i]));
                pixels[qsizetype(i * 3 + 2)] = char(TIFFGetB(rgba[i]));
            }
            image = HPDF_LoadRawImageFromMem(pdf.doc, reinterpret_cast<const HPDF_BYTE*>(pixels.constData()),
                                             width, height, HPDF_CS_DEVICE_RGB, 8);
        }
        if (!image || pdf.state.status != HPDF_OK) return fail(hpdfFailed(page));
        // Line noise on the telephone line leaves bad code words in real faxes; libtiff reports them
        // but fills the lines, as every fax viewer does. Such a page is shown as received rather
        // than failing the whole PDF; only structural damage (directories) stops the conversion.
        tiff.messages.firstError.clear();

        // Points from pixels and dpi; libharu accepts 3..14400 points per side.
        const auto clampPt = [](double v) { return HPDF_REAL(std::clamp(v, 3.0, 14400.0)); };
        const HPDF_REAL wPt = clampPt(width / xDpi * 72.0);
        const HPDF_REAL hPt = clampPt(height / yDpi * 72.0);
        HPDF_Page pdfPage = HPDF_AddPage(pdf.doc);
        if (!pdfPage || HPDF_Page_SetWidth(pdfPage, wPt) != HPDF_OK ||
            HPDF_Page_SetHeight(pdfPage, hPt) != HPDF_OK ||
            HPDF_Page_DrawImage(pdfPage, image, 0, 0, wPt, hPt) != HPDF_OK || pdf.state.status != HPDF_OK)
            return fail(hpdfFailed(page));
    } while (TIFFReadDirectory(tiff.tiff) == 1);
    if (!tiff.messages.firstError.isEmpty())
        return fail(u"fax file %1 is damaged after page %2: %3"_s.arg(tiffPath).arg(page).arg(
            tiff.messages.firstError));

    pdf.saved = true;
    if (HPDF_SaveToStream(pdf.doc) != HPDF_OK || pdf.state.status != HPDF_OK)
        return fail(u"saving the PDF of fax %1 failed (libharu error 0x%2)"_s.arg(tiffPath).arg(
            QString::number(pdf.state.status, 16)));
    QByteArray out;
    out.resize(qsizetype(HPDF_GetStreamSize(pdf.doc)));
    HPDF_UINT32 size = HPDF_UINT32(out.size());
    HPDF_ResetStream(pdf.doc);
    // Reading exactly the stream's size may report end-of-stream; only a short read is an error.
    const HPDF_STATUS read = HPDF_ReadFromStream(pdf.doc, reinterpret_cast<HPDF_BYTE*>(out.data()), &size);
    if ((read != HPDF_OK && read != HPDF_STREAM_EOF) || size != HPDF_UINT32(out.size()))
        return fail(u"reading the PDF of fax %1 from memory failed"_s.arg(tiffPath));
    out.resize(size);
    if (!out.startsWith("%PDF-")) return fail(u"the PDF of fax %1 is incomplete"_s.arg(tiffPath));
    if (pages) *pages = page;
    return out;
}

} // namespace umgate
