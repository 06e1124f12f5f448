// SPDX-License-Identifier: GPL-3.0-or-later
// A received mail as MimeReader reads it for the kernel job (engine/inbound/MimeReader): any bytes.
// Decoding never makes more data than it read, and the limits hold.
#include "engine/inbound/MimeReader.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace umgate;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray mail = fuzz::bytes(data, size);
    MimeReader::Limits limits;
    limits.maxDepth = 8;
    limits.maxParts = 50;
    limits.maxText = 1000;
    const MimeReader::Content c = MimeReader::read(mail, limits);
    qsizetype total = 0;
    for (const MimeReader::Attachment& a : c.attachments)
        total += a.data.size();
    fuzz::check(total <= mail.size(), "attachments are not larger than the mail");
    fuzz::check(c.attachments.size() <= limits.maxParts, "at most maxParts attachments");
    fuzz::check(c.text.size() <= limits.maxText, "the text is cut at maxText");
    fuzz::check(c.priority == QLatin1String("high") || c.priority == QLatin1String("normal") ||
                    c.priority == QLatin1String("low"),
                "a known priority");
    MimeReader::decodeHeader(mail.left(2000));
    return 0;
}
