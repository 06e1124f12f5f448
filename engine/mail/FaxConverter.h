// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace umgate {

// Converts the kernel's fax TIFFs into PDF in memory (libtiff reads, libharu writes; nothing is
// run as a separate process). Bilevel pages (CCITT G3/G4, any fax resolution such as 204x98 or
// 204x196 dpi) become CCITT G4 images, 8-bit grey pages Flate-compressed grey images, anything
// else libtiff can decode an RGB image. Each PDF page has the physical size of the TIFF page, so a
// fax page is A4 or Letter sized whatever its (non-square) resolution.
//
// The TIFF is read from memory (the bytes the spool intake read once from its descriptor, see
// SpoolFile): nothing here opens a file by name. Pages are streamed into the PDF: one decoded page
// is in memory at a time and freed as soon as libharu has taken its own copy (G4-encoded for
// bilevel pages, raw for grey and colour pages until the PDF is written).
//
// Budget per fax: a small TIFF can describe gigabytes of pixels (a white G4 page of 36 million
// pixels compresses to a few hundred bytes). Before a page is decoded its pixels are added to
// kMaxPixelsPerFax (CPU time) and its decoded size plus what libharu already holds to
// kMaxBytesPerFax (memory). A fax over either is not converted: the caller gets *overBudget and
// delivers the TIFF as received with a note (MimeBuilder), so an engine under a memory limit
// never aborts on a fax.
//
// Never crashes or prints on damaged input: libtiff and libharu errors are collected per call and
// returned as text. Bad code words inside a page's CCITT data (line noise) are not an error: libtiff
// repairs those lines and the page is converted as received. Safe to call from several threads;
// the engine runs it on a worker thread (InstanceMail), never on the event loop.
class FaxConverter
{
public:
    static constexpr int kMaxPages = 1000; // more is not a fax but a mistake or an attack
    static constexpr int kMaxPixelsPerSide = 20000;
    static constexpr qint64 kMaxPixelsPerPage = 36'000'000; // A4 at 600 dpi; bounds memory per page
    // About 250 A4 pages at fine resolution (204x196 dpi), or 125 superfine pages.
    static constexpr qint64 kMaxPixelsPerFax = 1'000'000'000;
    // Decoded bytes of the current page plus everything libharu holds until the PDF is written.
    static constexpr qint64 kMaxBytesPerFax = 256LL * 1024 * 1024;

    // The limits above; the engine always uses the defaults. The fuzz target passes smaller ones:
    // the same checks run, but a hostile input costs milliseconds instead of seconds.
    struct Limits
    {
        int pixelsPerSide = kMaxPixelsPerSide;
        qint64 pixelsPerPage = kMaxPixelsPerPage;
        qint64 pixelsPerFax = kMaxPixelsPerFax;
        qint64 bytesPerFax = kMaxBytesPerFax;
    };

    // The PDF of the TIFF `tiff` (named `name` in messages), or nothing with *error naming the file
    // and the reason; *overBudget says the fax was refused for its size, not for damage. *pages
    // receives the number of pages converted.
    static std::optional<QByteArray> tiffToPdf(const QByteArray& tiff, const QString& name, QString* error,
                                               int* pages = nullptr, bool* overBudget = nullptr);
    static std::optional<QByteArray> tiffToPdf(const QByteArray& tiff, const QString& name, QString* error,
                                               int* pages, bool* overBudget, const Limits& limits);

    // Number of pages (TIFF directories), or -1 with *error set.
    static int tiffPageCount(const QByteArray& tiff, const QString& name, QString* error);
};

} // namespace umgate
