// SPDX-License-Identifier: GPL-3.0-or-later
#include "FaxConverter.h"

#include "MemoryTiff.h"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <hpdf.h>
#include <limits>
#include <tiffio.h>
#include <vector>

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
    MemoryTiff source;
    ~TiffHandle()
    {
        if (tiff) TIFFClose(tiff);
    }
};

bool openTiff(const QByteArray& data, const QString& name, TiffHandle& handle, QString* error)
{
    if (data.isEmpty()) {
        *error = u"fax file %1 is empty (0 bytes)"_s.arg(name);
        return false;
    }
    TIFFOpenOptions* options = TIFFOpenOptionsAlloc();
    TIFFOpenOptionsSetErrorHandlerExtR(options, tiffError, &handle.messages);
    TIFFOpenOptionsSetWarningHandlerExtR(options, tiffWarning, &handle.messages);
    TIFFOpenOptionsSetMaxSingleMemAlloc(options, tmsize_t{256} * 1024 * 1024);
    handle.tiff = openMemoryTiff(handle.source, data, name.toUtf8().constData(), "r", options);
    TIFFOpenOptionsFree(options);
    if (!handle.tiff) {
        *error = u"fax file %1 is not a readable TIFF: %2"_s.arg(
            name, handle.messages.firstError.isEmpty() ? u"unknown error"_s : handle.messages.firstError);
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

// What one fax may still cost (see FaxConverter.h).
struct Budget
{
    qint64 pixels = 0;   // decoded so far
    qint64 retained = 0; // bytes libharu holds (its image streams) until the PDF is written
};

struct PageFormat
{
    uint32_t width = 0, height = 0;
    uint16_t bits = 1, samples = 1, photometric = PHOTOMETRIC_MINISWHITE;
    bool direct = false; // bilevel or 8-bit grey in strips: decoded line by line into one buffer
    tmsize_t lineBytes = 0;
};

// Decodes the current page and hands it to libharu; the decoded pixels live only inside this call
// (libharu copies them: G4-encodes bilevel pages at once, keeps raw grey/colour pages).
HPDF_Image loadPage(TIFF* tiff, HPDF_Doc doc, const PageFormat& f, QString* what)
{
    if (f.direct) {
        QByteArray pixels(qsizetype(f.lineBytes) * f.height, '\0');
        for (uint32_t row = 0; row < f.height; ++row) {
            auto* line = reinterpret_cast<uchar*>(pixels.data()) + qsizetype(row) * f.lineBytes;
            if (TIFFReadScanline(tiff, line, row, 0) < 0) {
                *what = u"image data is damaged at row %1"_s.arg(row);
                return nullptr;
            }
        }
        if (f.bits == 1) {
            // libharu 2.3 writes the flag into /BlackIs1 of its own G4 stream, whose decoder
            // then treats 0 bits as black: a TIFF's "1 = black" (min-is-white) needs FALSE here.
            // tst_faxconverter checks the rendered polarity.
            return HPDF_Image_LoadRaw1BitImageFromMem(
                doc, reinterpret_cast<const HPDF_BYTE*>(pixels.constData()), f.width, f.height,
                HPDF_UINT(f.lineBytes), f.photometric == PHOTOMETRIC_MINISWHITE ? HPDF_FALSE : HPDF_TRUE,
                HPDF_TRUE);
        }
        if (f.photometric == PHOTOMETRIC_MINISWHITE)
            for (char& b : pixels)
                b = char(~uchar(b));
        return HPDF_LoadRawImageFromMem(doc, reinterpret_cast<const HPDF_BYTE*>(pixels.constData()), f.width,
                                        f.height, HPDF_CS_DEVICE_GRAY, 8);
    }
    // Everything else (colour, tiled, 4-bit ...) through libtiff's RGBA decoder.
    std::vector<uint32_t> rgba(size_t(f.width) * f.height);
    if (!TIFFReadRGBAImageOriented(tiff, f.width, f.height, rgba.data(), ORIENTATION_TOPLEFT, 0)) {
        *what = u"image data cannot be decoded (%1 bits, %2 samples per pixel)"_s.arg(f.bits).arg(f.samples);
        return nullptr;
    }
    QByteArray pixels(qsizetype(f.width) * f.height * 3, '\0');
    for (size_t i = 0; i < rgba.size(); ++i) {
        pixels[qsizetype(i) * 3] = char(TIFFGetR(rgba[i]));
        pixels[qsizetype(i) * 3 + 1] = char(TIFFGetG(rgba[i]));
        pixels[qsizetype(i) * 3 + 2] = char(TIFFGetB(rgba[i]));
    }
    rgba = {};
    return HPDF_LoadRawImageFromMem(doc, reinterpret_cast<const HPDF_BYTE*>(pixels.constData()), f.width,
                                    f.height, HPDF_CS_DEVICE_RGB, 8);
}

// Bytes in memory while a page is decoded (before libharu's copy).
qint64 decodeBytes(const PageFormat& f)
{
    const qint64 pixels = qint64(f.width) * f.height;
    return f.direct ? qint64(f.lineBytes) * f.height : pixels * 4 + pixels * 3;
}

qint64 imageBytes(HPDF_Image image)
{
    return image && image->stream ? qint64(image->stream->size) : 0;
}

// The current page's size, sample format and resolution; why the page cannot be converted, or "".
QString readPageFormat(TIFF* tiff, const FaxConverter::Limits& limits, PageFormat* f, double* xDpi,
                       double* yDpi)
{
    if (!TIFFGetField(tiff, TIFFTAG_IMAGEWIDTH, &f->width) ||
        !TIFFGetField(tiff, TIFFTAG_IMAGELENGTH, &f->height))
        return u"image width or height is missing"_s;
    if (f->width == 0 || f->height == 0 || f->width > uint32_t(limits.pixelsPerSide) ||
        f->height > uint32_t(limits.pixelsPerSide) || qint64(f->width) * f->height > limits.pixelsPerPage)
        return u"unsupported image size %1x%2 pixels"_s.arg(f->width).arg(f->height);
    TIFFGetFieldDefaulted(tiff, TIFFTAG_BITSPERSAMPLE, &f->bits);
    TIFFGetFieldDefaulted(tiff, TIFFTAG_SAMPLESPERPIXEL, &f->samples);
    if (!TIFFGetField(tiff, TIFFTAG_PHOTOMETRIC, &f->photometric))
        f->photometric = f->bits == 1 ? PHOTOMETRIC_MINISWHITE : PHOTOMETRIC_MINISBLACK;
    resolution(tiff, f->width, f->height, xDpi, yDpi);
    const bool grey = f->samples == 1 &&
                      (f->photometric == PHOTOMETRIC_MINISWHITE || f->photometric == PHOTOMETRIC_MINISBLACK);
    f->direct = grey && (f->bits == 1 || f->bits == 8) && !TIFFIsTiled(tiff);
    if (f->direct) {
        f->lineBytes = TIFFScanlineSize(tiff);
        const tmsize_t expected = f->bits == 1 ? (tmsize_t(f->width) + 7) / 8 : tmsize_t(f->width);
        if (f->lineBytes != expected) return u"unexpected scanline size %1"_s.arg(f->lineBytes);
    }
    return {};
}

// One PDF page the size of the fax page, the image drawn over all of it.
bool addPdfPage(HPDF_Doc doc, HPDF_Image image, const PageFormat& f, double xDpi, double yDpi)
{
    // Points from pixels and dpi; libharu accepts 3..14400 points per side.
    const auto clampPt = [](double v) { return HPDF_REAL(std::clamp(v, 3.0, 14400.0)); };
    const HPDF_REAL wPt = clampPt(f.width / xDpi * 72.0);
    const HPDF_REAL hPt = clampPt(f.height / yDpi * 72.0);
    HPDF_Page pdfPage = HPDF_AddPage(doc);
    return pdfPage && HPDF_Page_SetWidth(pdfPage, wPt) == HPDF_OK &&
           HPDF_Page_SetHeight(pdfPage, hPt) == HPDF_OK &&
           HPDF_Page_DrawImage(pdfPage, image, 0, 0, wPt, hPt) == HPDF_OK;
}

// The finished document as bytes (libharu writes it into its memory stream).
std::optional<QByteArray> savePdf(PdfDoc& pdf, const QString& name, QString* error)
{
    if (HPDF_SaveToStream(pdf.doc) != HPDF_OK || pdf.state.status != HPDF_OK) {
        *error = u"saving the PDF of fax %1 failed (libharu error 0x%2)"_s.arg(name).arg(
            QString::number(pdf.state.status, 16));
        return std::nullopt;
    }
    QByteArray out;
    out.resize(qsizetype(HPDF_GetStreamSize(pdf.doc)));
    HPDF_UINT32 size = HPDF_UINT32(out.size());
    HPDF_ResetStream(pdf.doc);
    // Reading exactly the stream's size may report end-of-stream; only a short read is an error.
    const HPDF_STATUS read = HPDF_ReadFromStream(pdf.doc, reinterpret_cast<HPDF_BYTE*>(out.data()), &size);
    if ((read != HPDF_OK && read != HPDF_STREAM_EOF) || size != HPDF_UINT32(out.size())) {
        *error = u"reading the PDF of fax %1 from memory failed"_s.arg(name);
        return std::nullopt;
    }
    out.resize(size);
    if (!out.startsWith("%PDF-")) {
        *error = u"the PDF of fax %1 is incomplete"_s.arg(name);
        return std::nullopt;
    }
    return out;
}

} // namespace

int FaxConverter::tiffPageCount(const QByteArray& data, const QString& name, QString* error)
{
    QString localError;
    TiffHandle handle;
    if (!openTiff(data, name, handle, &localError)) {
        if (error) *error = localError;
        return -1;
    }
    const tdir_t count = TIFFNumberOfDirectories(handle.tiff);
    if (count == 0 || count > kMaxPages) {
        if (error)
            *error = u"fax file %1 has %2 pages (1 to %3 expected)"_s.arg(name).arg(count).arg(kMaxPages);
        return -1;
    }
    return int(count);
}

std::optional<QByteArray> FaxConverter::tiffToPdf(const QByteArray& data, const QString& name, QString* error,
                                                  int* pages, bool* overBudget)
{
    return tiffToPdf(data, name, error, pages, overBudget, Limits{});
}

std::optional<QByteArray> FaxConverter::tiffToPdf(const QByteArray& data, const QString& name, QString* error,
                                                  int* pages, bool* overBudget, const Limits& limits)
{
    QString localError;
    const auto fail = [&](const QString& text) -> std::optional<QByteArray> {
        if (error) *error = text;
        return std::nullopt;
    };
    if (pages) *pages = 0;
    if (overBudget) *overBudget = false;
    TiffHandle tiff;
    if (!openTiff(data, name, tiff, &localError)) return fail(localError);

    PdfDoc pdf;
    pdf.doc = HPDF_New(hpdfError, &pdf.state);
    if (!pdf.doc) return fail(u"cannot create a PDF document (out of memory)"_s);
    HPDF_SetCompressionMode(pdf.doc, HPDF_COMP_ALL);
    const auto hpdfFailed = [&](int page) {
        return u"writing page %1 of fax %2 into the PDF failed (libharu error 0x%3, detail %4)"_s.arg(page)
            .arg(name)
            .arg(QString::number(pdf.state.status, 16))
            .arg(pdf.state.detail);
    };
    Budget budget;
    const auto refuse = [&](int page, const QString& what) {
        if (overBudget) *overBudget = true;
        return fail(u"fax file %1 is too large to convert at page %2: %3"_s.arg(name).arg(page).arg(what));
    };

    int page = 0;
    do {
        ++page;
        if (page > kMaxPages) return fail(u"fax file %1 has more than %2 pages"_s.arg(name).arg(kMaxPages));
        const auto pageError = [&](const QString& what) {
            return u"fax file %1, page %2: %3"_s.arg(name).arg(page).arg(
                tiff.messages.firstError.isEmpty() ? what : what + u" ("_s + tiff.messages.firstError + u')');
        };
        PageFormat f;
        double xDpi = 0, yDpi = 0;
        if (const QString what = readPageFormat(tiff.tiff, limits, &f, &xDpi, &yDpi); !what.isEmpty())
            return fail(pageError(what));
        // The budget is checked before anything of the page is decoded.
        budget.pixels += qint64(f.width) * f.height;
        if (budget.pixels > limits.pixelsPerFax)
            return refuse(page,
                          u"more than %1 million pixels in all"_s.arg(double(limits.pixelsPerFax) / 1e6));
        if (budget.retained + decodeBytes(f) > limits.bytesPerFax)
            return refuse(page,
                          u"more than %1 MiB of image data"_s.arg(double(limits.bytesPerFax) / 1048576.0));

        QString what;
        const HPDF_Image image = loadPage(tiff.tiff, pdf.doc, f, &what);
        if (!what.isEmpty()) return fail(pageError(what));
        if (!image || pdf.state.status != HPDF_OK) return fail(hpdfFailed(page));
        budget.retained += imageBytes(image);
        // Line noise on the telephone line leaves bad code words in real faxes; libtiff reports them
        // but fills the lines, as every fax viewer does. Such a page is shown as received rather
        // than failing the whole PDF; only structural damage (directories) stops the conversion.
        tiff.messages.firstError.clear();

        if (!addPdfPage(pdf.doc, image, f, xDpi, yDpi) || pdf.state.status != HPDF_OK)
            return fail(hpdfFailed(page));
    } while (TIFFReadDirectory(tiff.tiff) == 1);
    if (!tiff.messages.firstError.isEmpty())
        return fail(
            u"fax file %1 is damaged after page %2: %3"_s.arg(name).arg(page).arg(tiff.messages.firstError));

    pdf.saved = true;
    QString saveError;
    std::optional<QByteArray> out = savePdf( // not const: returned by move
        pdf, name, &saveError);
    if (!out) return fail(saveError);
    if (pages) *pages = page;
    return out;
}

} // namespace umgate
