// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <optional>

namespace umgate {

// The first page of a fax TIFF as a small greyscale PNG, for the HTML part of a fax mail: the
// recipient sees what came in without opening the PDF. Works on the bytes (libtiff reads from
// memory), so it fits whichever way the attachment was read.
//
// Hostile input is expected: libtiff's messages are swallowed, pages larger than kMaxPixels are not
// rendered, and any failure gives nothing (the mail then simply has no preview).
class FaxPreview
{
public:
    static constexpr int kDefaultWidth = 600;        // fits a mail reader's pane
    static constexpr qint64 kMaxPixels = 16'000'000; // A4 at 400 dpi; bounds the memory per preview

    // maxPixels: the engine uses kMaxPixels; the fuzz target a smaller bound (same checks, less time).
    static std::optional<QByteArray> firstPagePng(const QByteArray& tiff, int maxWidth = kDefaultWidth,
                                                  qint64 maxPixels = kMaxPixels);
};

} // namespace umgate
