// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <optional>

namespace umgate {

// The length of a RIFF/WAVE recording, read from its "fmt " and "data" chunks (and "fact" for
// compressed formats), for a voice message whose kernel envelope gave no duration.
//
// The bytes come from outside (the kernel's spool, or a file someone dropped there): every size is
// checked against what is really there, chunks are walked with a bounded loop, and anything that
// does not add up gives nothing rather than a guess. A "data" chunk that claims more than the file
// holds (a recording cut off, or a streaming writer's 0xFFFFFFFF) counts the bytes present.
class WavInfo
{
public:
    struct Format
    {
        quint16 formatTag = 0; // 1 = PCM, 6 = A-law, 7 = mu-law, 0xFFFE = extensible, ...
        quint16 channels = 0;
        quint32 sampleRate = 0;
        quint32 byteRate = 0;
        quint16 blockAlign = 0;
        quint16 bitsPerSample = 0;
        qint64 dataBytes = 0;    // audio bytes present
        qint64 factSamples = -1; // samples per channel from a "fact" chunk, -1 = none
    };

    static std::optional<Format> parse(const QByteArray& wav);
    // Milliseconds of audio, or nothing when `wav` is not a WAVE file whose length can be told.
    static std::optional<qint64> durationMs(const QByteArray& wav);
    // Whole seconds, rounded to the nearest; a recording shorter than half a second but not empty
    // counts as 1 so that it never reads "0:00".
    static std::optional<int> durationSeconds(const QByteArray& wav);
};

} // namespace umgate
