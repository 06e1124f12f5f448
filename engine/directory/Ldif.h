// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/directory/DirectoryEntry.h"

#include <QByteArray>
#include <QList>
#include <optional>

namespace umgate {

// LDIF content records (RFC 2849), the file format of the embedded directory and of user
// import/export. Supported: an optional "version: 1", "dn:" / "dn::", "attr: value",
// "attr:: base64", folded lines (continuation lines start with one space), comments ("#" at the
// start of a line) and blank lines between records. Not supported, and reported as errors:
// change records ("changetype:"), "attr:< URL" values, and values that are not UTF-8.
class Ldif
{
public:
    // On failure `error` reads "line N: <reason>" (N counts from 1, the physical line).
    static std::optional<QList<DirectoryEntry>> parse(const QByteArray& data, QString* error = nullptr);
    // Records in the given order, objectClass first and then the attributes in the order of
    // DirectoryEntry::attributes; values that are not SAFE-STRINGs (non-ASCII, a leading space,
    // ':' or '<', a trailing space, control characters) are written in base64; lines are folded
    // at 76 characters. The same entries always give the same bytes.
    static QByteArray write(const QList<DirectoryEntry>& entries, const QByteArray& header = {});

    // A DN's identity: RDNs trimmed around ',' and '=', case folded, so "CN=A, dc=X" and
    // "cn=a,DC=x" are the same DN. Duplicate DNs in a file are an error.
    static QString normalizedDn(const QString& dn);
    // RFC 2849 SAFE-STRING, and no trailing space (which editors and some parsers lose).
    static bool isSafeString(const QByteArray& value);
};

} // namespace umgate
