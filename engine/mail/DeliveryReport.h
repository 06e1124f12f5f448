// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace umgate {

// A delivery status notification: RFC 3464 inside RFC 6522's multipart/report, as sent with the
// null sender (RFC 5321 6.1) to the sender of a mail umgate could not pass on: the smart host
// refused a relayed mail, or a sender's rights kept a fax, SMS or voice job from the kernel.
struct DeliveryReport
{
    struct Recipient
    {
        QString address;    // Final-Recipient (rfc822)
        QString original;   // ORCPT decoded ("rfc822;a@b"), "" when the client sent none
        QString status;     // RFC 3463: "5.7.1"
        QString diagnostic; // one line; a reply or the reason in words
    };

    QString fromDomain; // MAILER-DAEMON@fromDomain
    QString to;         // the sender
    QString reporter;   // Reporting-MTA: dns; reporter
    QString messageId;  // of the report, with <>
    QString envId;      // the client's ENVID as it sent it (xtext, RFC 3461 4.4); "" when none
    QDateTime arrival;  // when the mail came
    QString text;       // the human-readable part (plain text, UTF-8)
    QList<Recipient> recipients;
    QByteArray headers; // the original mail's header section (text/rfc822-headers)

    // The whole mail, CRLF line ends; no header line over 998 bytes.
    QByteArray build() const;
};

} // namespace umgate
