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
// Never crashes or prints on damaged input: libtiff and libharu errors are collected per call and
// returned as text. Bad code words inside a page's CCITT data (line noise) are not an error: libtiff
// repairs those lines and the page is converted as received. Safe to call from several threads.
class FaxConverter
{
public:
    static constexpr int kMaxPages = 1000; // more is not a fax but a mistake or an attack
    static constexpr int kMaxPixelsPerSide = 20000;
    static constexpr qint64 kMaxPixelsPerPage = 36'000'000; // A4 at 600 dpi; bounds memory per page

    // The PDF, or nothing with *error naming the file and the reason. *pages receives the number
    // of pages converted.
    static std::optional<QByteArray> tiffToPdf(const QString& tiffPath, QString* error, int* pages = nullptr);

    // Number of pages (TIFF directories), or -1 with *error set.
    static int tiffPageCount(const QString& tiffPath, QString* error);
};

} // namespace umgate
