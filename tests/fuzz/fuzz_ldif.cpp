// SPDX-License-Identifier: GPL-3.0-or-later
// LDIF (engine/directory/Ldif): the embedded directory's users.ldif and user import files.
// Accepted entries must write and parse back to the same entries.
#include "engine/directory/Ldif.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace umgate;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    QString error;
    const auto entries = Ldif::parse(fuzz::bytes(data, size), &error);
    if (!entries) {
        fuzz::check(error.startsWith(QStringLiteral("line ")), "an LDIF error names the line", error);
        return 0;
    }
    const QByteArray written = Ldif::write(*entries);
    QString error2;
    const auto again = Ldif::parse(written, &error2);
    fuzz::check(again.has_value(), "write() of parsed entries parses", error2);
    fuzz::check(Ldif::write(*again) == written, "parse -> write is stable", QString::fromUtf8(written));
    for (const DirectoryEntry& e : *entries)
        Ldif::normalizedDn(e.dn);
    return 0;
}
