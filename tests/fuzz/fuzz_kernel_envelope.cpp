// SPDX-License-Identifier: GPL-3.0-or-later
// The kernel spool envelope (engine/spool/KernelEnvelope): whatever the kernel drops into
// Kernel/Incoming. An accepted envelope must survive toJson() -> parse() unchanged.
#include "engine/spool/KernelEnvelope.h"
#include "tests/fuzz/FuzzSupport.h"

#include <QJsonDocument>

using namespace umgate;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    QString error;
    // No spool dir: attachment files are not looked for (the intake checks them the same way
    // after this parse, and the file system is not what is fuzzed here).
    const auto envelope = KernelEnvelope::parse(fuzz::bytes(data, size), {}, &error);
    if (!envelope) {
        fuzz::check(!error.isEmpty(), "a refused envelope says why");
        return 0;
    }
    const QByteArray again = QJsonDocument(envelope->toJson()).toJson(QJsonDocument::Compact);
    QString error2;
    const auto reparsed = KernelEnvelope::parse(again, {}, &error2);
    fuzz::check(reparsed.has_value(), "toJson() of an accepted envelope parses", error2);
    fuzz::check(reparsed->toJson() == envelope->toJson(), "toJson() -> parse() is stable",
                QString::fromUtf8(again));
    return 0;
}
