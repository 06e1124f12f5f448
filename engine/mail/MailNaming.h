// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QString>

namespace umgate {

// How a mail names things for a person: numbers as the kernel grouped them, attachment file names
// a user can keep, and the domain of a Message-ID. The canonical forms (digits only) stay in the
// addresses and the X-UMS-* headers; these are for reading.
class MailNaming
{
public:
    // The number as the kernel spelled it, e.g. "+49 30 5550101": only dialable characters and
    // single spaces between groups (a line break ends it). Empty when nothing dialable is left.
    static QString displayNumber(const QString& number);

    // `number` in the national form of `own` when both are in the same country and that country
    // dials national numbers with a trunk prefix 0: "+49 30 5550101" seen from "+49 89 ..." is
    // "030 5550101". Otherwise displayNumber(number). Needs the kernel's grouping (the first group
    // is the country code); an ungrouped number is never guessed at.
    static QString nationalNumber(const QString& number, const QString& own);

    // A file name that Windows, macOS and Linux all accept and that a user can keep: no
    // \ / : * ? " < > | or control characters, no trailing dot or space, not a reserved DOS device
    // name, at most 120 characters (the extension kept).
    static QString safeFileName(const QString& name);

    // "Fax from 030 5550101, 2026-12-04 16.05" in `language`, `local` being the time of reception in
    // the instance's zone. `number` empty = the localized "unknown". Without an extension.
    static QString attachmentBaseName(const QString& type, const QString& number, const QDateTime& local,
                                      const QString& language);

    // The right side of a Message-ID: the mail domain when set, else the host's fully qualified
    // name, never a single label (a bare host name is not unique on the Internet): "umgate.invalid"
    // (RFC 2606) when neither is usable.
    static QString messageIdDomain(const QString& mailDomain, const QString& hostName);
};

} // namespace umgate
