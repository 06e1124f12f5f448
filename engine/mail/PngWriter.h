// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>

namespace umgate {

// Writes 8-bit greyscale PNG images (RFC 2083 / ISO 15948) with zlib: the fax preview in the
// HTML part of a mail. zlib (Debian zlib1g) rather than Qt's QImage: the engine links Qt Core
// only, and QtGui would bring a font and platform stack into a headless daemon for one picture.
class PngWriter
{
public:
    // `pixels` holds height rows of width bytes (0 = black, 255 = white). Empty on bad arguments.
    static QByteArray grey8(int width, int height, const QByteArray& pixels);
};

} // namespace umgate
