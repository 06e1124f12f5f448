// SPDX-License-Identifier: GPL-3.0-or-later
// The kernel's fax TIFF -> PDF (engine/mail/FaxConverter, libtiff + libharu, from memory as the
// engine reads it) and the first-page preview of the HTML part (engine/mail/FaxPreview).
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

Converted convert(const QByteArray& tiff)
{
    const QString name = QStringLiteral("fax.tif");
    Converted c;
    c.pdf = FaxConverter::tiffToPdf(tiff, name, &c.error, &c.pages);
    QString countError;
    c.pageCount = FaxConverter::tiffPageCount(tiff, name, &countError);
    return c;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray tiff = fuzz::bytes(data, size);
    const Converted c = convert(tiff);
    if (const std::optional<QByteArray> png = FaxPreview::firstPagePng(tiff))
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
