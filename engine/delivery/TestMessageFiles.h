// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace umgate {

// The attachments of Send Test Message (ixi-UMS 4.2.7): a real one-page fax TIFF (CCITT G4,
// 204x196 dpi, A4 width) and a real WAV (8 kHz mono, a short tone), so the test runs the same
// conversion and MIME path as a real message.
class TestMessageFiles
{
public:
    static bool writeFax(const QString& path, QString* error);
    static bool writeWav(const QString& path, int seconds, QString* error);
};

} // namespace umgate
