// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/mail/DeliveryReport.h"

#include "engine/mail/MimeEncoding.h"

#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace umgate {

namespace {

// A field of the delivery-status part: one line, whatever a reply or a client sent.
QByteArray oneLine(const QString& text, qsizetype max = 900)
{
    QByteArray b = text.toUtf8().left(max);
    for (char& c : b)
        if (c == '\r' || c == '\n' || c == '\0') c = ' ';
    return b;
}

} // namespace

QByteArray DeliveryReport::build() const
{
    const QByteArray boundary =
        "=_umgate_" + QByteArray::number(QRandomGenerator::global()->generate64(), 16);
    QByteArray mail;
    mail += MimeEncoding::structuredHeader(
        "From",
        MimeEncoding::formatAddress(u"Mail Delivery System"_s, u"MAILER-DAEMON@%1"_s.arg(fromDomain)));
    mail += MimeEncoding::structuredHeader("To", MimeEncoding::formatAddress({}, to, 4));
    mail += "Date: " + MimeEncoding::rfc5322Date(QDateTime::currentDateTimeUtc()) + "\r\n";
    mail += MimeEncoding::unstructuredHeader("Subject", u"Undelivered Mail Returned to Sender"_s);
    mail += MimeEncoding::structuredHeader("Message-ID", messageId.toLatin1());
    mail += "Auto-Submitted: auto-replied\r\nMIME-Version: 1.0\r\n"
            "Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary=\"" +
            boundary + "\"\r\n\r\n";
    mail +=
        "--" + boundary +
        "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n";
    mail += MimeEncoding::quotedPrintable(text);
    mail += "\r\n--" + boundary + "\r\nContent-Type: message/delivery-status\r\n\r\n";
    // RFC 3464 2.2: the per-message fields, then one block per recipient.
    if (!envId.isEmpty()) mail += "Original-Envelope-Id: " + oneLine(envId, 100) + "\r\n";
    mail += "Reporting-MTA: dns; " + oneLine(reporter, 255) +
            "\r\nArrival-Date: " + MimeEncoding::rfc5322Date(arrival) + "\r\n";
    for (const Recipient& r : recipients) {
        mail += "\r\n";
        if (!r.original.isEmpty()) mail += "Original-Recipient: " + oneLine(r.original, 500) + "\r\n";
        mail += "Final-Recipient: rfc822; " + oneLine(r.address, 500) +
                "\r\nAction: failed\r\nStatus: " + r.status.toLatin1() + "\r\nDiagnostic-Code: smtp; " +
                oneLine(r.diagnostic) + "\r\n";
    }
    mail += "\r\n--" + boundary + "\r\nContent-Type: text/rfc822-headers\r\n\r\n" + headers + "\r\n\r\n--" +
            boundary + "--\r\n";
    return mail;
}

} // namespace umgate
