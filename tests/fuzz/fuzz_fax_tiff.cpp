// SPDX-License-Identifier: GPL-3.0-or-later
// The kernel's fax TIFF -> PDF (engine/mail/FaxConverter, libtiff + libharu, from memory as the
// engine reads it) and the first-page preview of the HTML part (engine/mail/FaxPreview).
//
// With smaller limits than the engine's: the same size and budget checks run (and are hit far
// more often), but an input that declares a huge page costs milliseconds, not seconds, so a long
// run reaches millions of executions.
#include "engine/mail/FaxConverter.h"
#include "engine/mail/FaxPreview.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace umgate;

namespace {

struct Converted
{
    std::optional<QByteArray> pdf;
    int pages = 0;
    int pageCount = 0; // tiffPageCount(), -1 on error
    QString error;
};

// A page of at most 2048 pixels a side and 300,000 pixels: the seeds are far smaller, and every
// size check is still crossed by inputs that declare larger pages.
constexpr FaxConverter::Limits kLimits{2048, 300'000, 1'000'000, 8LL * 1024 * 1024};
constexpr qint64 kPreviewPixels = 300'000;

Converted convert(const QByteArray& tiff)
{
    const QString name = QStringLiteral("fax.tif");
    Converted c;
    bool overBudget = false;
    c.pdf = FaxConverter::tiffToPdf(tiff, name, &c.error, &c.pages, &overBudget, kLimits);
    fuzz::check(!overBudget || (!c.pdf && c.error.contains(QStringLiteral("too large to convert"))),
                "over budget means no PDF and says so", c.error);
    QString countError;
    c.pageCount = FaxConverter::tiffPageCount(tiff, name, &countError);
    return c;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray tiff = fuzz::bytes(data, size);
    const Converted c = convert(tiff);
    // The engine draws the preview only of a fax it converted (MimeBuilder); a TIFF that failed
    // still goes through the preview, but only small pages, so broken large pages (the common case
    // among mutations) do not spend the run decoding rasters that end in an error.
    const qint64 previewPixels = c.pdf ? kPreviewPixels : kPreviewPixels / 16;
    if (const std::optional<QByteArray> png =
            FaxPreview::firstPagePng(tiff, FaxPreview::kDefaultWidth, previewPixels))
        fuzz::check(png->startsWith("\x89PNG\r\n\x1a\n"), "the preview is a PNG");
    if (!c.pdf) {
        fuzz::check(!c.error.isEmpty(), "a failed conversion says why");
        return 0;
    }
    fuzz::check(c.pdf->startsWith("%PDF-"), "the result is a PDF");
    fuzz::check(c.pages >= 1 && c.pages <= FaxConverter::kMaxPages, "1 to kMaxPages pages",
                QString::number(c.pages));
    return 0;
}
