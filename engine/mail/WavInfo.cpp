// SPDX-License-Identifier: GPL-3.0-or-later
#include "WavInfo.h"

#include <QtEndian>

namespace umgate {

namespace {

constexpr int kMaxChunks = 4096; // a real WAVE file has a handful; more is hostile or broken

quint32 le32(const QByteArray& b, qsizetype at)
{
    return qFromLittleEndian<quint32>(b.constData() + at);
}

quint16 le16(const QByteArray& b, qsizetype at)
{
    return qFromLittleEndian<quint16>(b.constData() + at);
}

} // namespace

std::optional<WavInfo::Format> WavInfo::parse(const QByteArray& wav)
{
    if (wav.size() < 12 || !wav.startsWith("RIFF") || wav.mid(8, 4) != "WAVE") return std::nullopt;
    Format f;
    bool haveFmt = false;
    bool haveData = false;
    qsizetype pos = 12;
    // Bounded by kMaxChunks, and every step moves at least 8 bytes forward.
    for (int chunk = 0; chunk < kMaxChunks && pos + 8 <= wav.size(); ++chunk) {
        const QByteArray id = wav.mid(pos, 4);
        const qint64 size = le32(wav, pos + 4);
        const qsizetype body = pos + 8;
        const qint64 present = std::min<qint64>(size, wav.size() - body);
        if (id == "fmt ") {
            if (present < 16) return std::nullopt;
            f.formatTag = le16(wav, body);
            f.channels = le16(wav, body + 2);
            f.sampleRate = le32(wav, body + 4);
            f.byteRate = le32(wav, body + 8);
            f.blockAlign = le16(wav, body + 12);
            f.bitsPerSample = le16(wav, body + 14);
            haveFmt = true;
        } else if (id == "fact" && present >= 4) {
            f.factSamples = le32(wav, body);
        } else if (id == "data") {
            f.dataBytes = present;
            haveData = true;
            if (size > present) break; // cut off: nothing can follow the data
        }
        pos = body + size + (size & 1); // chunks are padded to an even size
    }
    if (!haveFmt || !haveData || f.channels == 0 || f.sampleRate == 0) return std::nullopt;
    return f;
}

std::optional<qint64> WavInfo::durationMs(const QByteArray& wav)
{
    const std::optional<Format> f = parse(wav);
    if (!f) return std::nullopt;
    // PCM and its relatives: whole frames of blockAlign bytes. Compressed formats (GSM 6.10,
    // ADPCM) carry the sample count in "fact"; failing that, the average byte rate is the best
    // guess the header allows.
    const bool pcmLike = f->formatTag == 1 || f->formatTag == 3 || f->formatTag == 6 || f->formatTag == 7 ||
                         f->formatTag == 0xFFFE;
    if (pcmLike && f->blockAlign > 0) return f->dataBytes / f->blockAlign * 1000 / f->sampleRate;
    if (f->factSamples >= 0) return f->factSamples * 1000 / f->sampleRate;
    if (f->byteRate > 0) return f->dataBytes * 1000 / f->byteRate;
    return std::nullopt;
}

std::optional<int> WavInfo::durationSeconds(const QByteArray& wav)
{
    const std::optional<qint64> ms = durationMs(wav);
    if (!ms) return std::nullopt;
    if (*ms > 0 && *ms < 500) return 1;
    return int(std::min<qint64>((*ms + 500) / 1000, 1000000));
}

} // namespace umgate
