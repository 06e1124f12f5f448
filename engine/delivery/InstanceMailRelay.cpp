// SPDX-License-Identifier: GPL-3.0-or-later
// InstanceMail: mail the listener relays to the smart host (Cisco Unity), and the non-delivery
// report (RFC 3464) its sender gets when the smart host does not take it.
#include "engine/client/Paths.h"
#include "engine/core/Log.h"
#include "engine/delivery/InstanceMail.h"
#include "engine/inbound/MimeReader.h"
#include "engine/mail/DeliveryReport.h"
#include "engine/mail/MailNaming.h"
#include "engine/mail/MimeEncoding.h"

#include <QPointer>
#include <QRandomGenerator>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace umgate {

namespace {

// Kernel ids of relayed mails ("smtp:<the listener's mail id>") and of reports about them.
const QString kRelayPrefix = u"smtp:"_s;
const QString kBouncePrefix = u"notify:bounce:"_s; // a notice: never reported on again

// What the report says about one recipient: the line of the reason naming it, and the RFC 3463
// status in it (else 5.0.0, or 4.4.7 when the retries ran out on temporary failures).
struct RecipientFailure
{
    QString diagnostic;
    QString status;
};

RecipientFailure failureOf(const QString& recipient, const QString& reason)
{
    RecipientFailure f;
    const QStringList parts = reason.split(u"; "_s);
    for (const QString& part : parts) {
        const qsizetype at = part.indexOf(recipient + u": "_s);
        if (at >= 0) f.diagnostic = part.mid(at + recipient.size() + 2);
    }
    if (f.diagnostic.isEmpty()) f.diagnostic = reason;
    static const QRegularExpression kStatus(u"\\b([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b"_s);
    const QRegularExpressionMatch m = kStatus.match(f.diagnostic);
    const bool expired = reason.startsWith(u"not delivered after"_s);
    if (m.hasMatch() && m.captured(1) == u"5"_s)
        f.status = m.captured(0);
    else
        f.status = expired ? u"4.4.7"_s : u"5.0.0"_s;
    return f;
}

} // namespace

void InstanceMail::relay(const QString& mailId, const QString& sender, const QStringList& recipients,
                         QByteArray data, std::function<void(bool ok, const QString& detail)> done)
{
    const MailRoute* smartHost = m_routes.smartHost();
    if (!m_queue || !smartHost) {
        done(false, m_queue ? u"no smart host is configured"_s : u"the mail queue is not open"_s);
        return;
    }
    QueueEntry entry;
    entry.kernelId = kRelayPrefix + mailId;
    // MimeReader over the header section alone: the Message-ID as the kernel jobs read it.
    entry.messageId = QString::fromLatin1(
        MimeReader::read(MimeReader::headerSection(data) + "\r\n\r\n").messageId.left(998));
    entry.from = sender;
    entry.recipients = recipients;
    entry.relay = true;
    entry.route = smartHost->name;
    QPointer<InstanceMail> self(this);
    m_queue->enqueue(entry, std::move(data),
                     [self, done = std::move(done)](bool ok, const QString& error, const QueueEntry& stored) {
                         if (!ok) {
                             done(false, error);
                             return;
                         }
                         if (self) {
                             self->logMessageId(u"queue=%1 message-id=%2 to=%3 queued for the %4"_s.arg(
                                 stored.id, stored.messageId, stored.recipients.join(u','), stored.route));
                             self->deliverSoon();
                         }
                         done(true, stored.id);
                     });
}

// RFC 3464 with RFC 6522's multipart/report, sent with the null sender (RFC 5321 6.1) through the
// smart host, which will usually be the mail server holding the sender's mailbox.
void InstanceMail::bounceToSender(const QueueEntry& failed, const QString& reason, const QByteArray& headers)
{
    if (failed.from.isEmpty() || failed.kernelId.startsWith(u"notify:"_s)) {
        notifyDefaultRecipient(failed, reason); // nobody to return it to
        return;
    }
    QString domain = m_config.settings.get(keys::mailDomain);
    if (domain.isEmpty()) domain = m_config.hostName;
    const QString idDomain = MailNaming::messageIdDomain(domain, baseOptions().messageIdDomain);
    const QString reporter = m_config.hostName.contains(u'.') ? m_config.hostName : idDomain;
    const QString messageId = u"<bounce.%1@%2>"_s.arg(failed.id, idDomain);
    DeliveryReport report;
    report.fromDomain = domain;
    report.to = failed.from;
    report.reporter = reporter;
    report.messageId = messageId;
    report.arrival = failed.created;
    report.text =
        u"This is the mail gateway umgate at %1 (instance %2).\n\nYour message %3 could not be delivered "
        u"to %4 through the smart host.\n\nReason: %5\n"_s.arg(reporter, m_config.id, failed.messageId,
                                                               failed.recipients.join(u", "_s), reason);
    for (const QString& rcpt : failed.recipients) {
        const RecipientFailure f = failureOf(rcpt, reason);
        report.recipients.append({rcpt, QString(), f.status, f.diagnostic});
    }
    report.headers = headers;
    const QByteArray mail = report.build();
    QueueEntry bounce;
    bounce.kernelId = kBouncePrefix + failed.id;
    bounce.messageId = messageId;
    bounce.recipients = {failed.from};
    bounce.relay = true; // the way the mail came: the sender's server is behind the smart host
    bounce.route = u"non-delivery report"_s;
    QPointer<InstanceMail> self(this);
    m_queue->enqueue(bounce, mail, [self, failed](bool ok, const QString& error, const QueueEntry& stored) {
        if (!self) return;
        if (!ok) {
            Log::error(self->m_config.id,
                       u"the non-delivery report to %1 about mail %2 cannot be queued: %3"_s.arg(
                           failed.from, failed.id, error));
            return;
        }
        Log::info(self->m_config.id, u"non-delivery report %1 to %2 about mail %3 queued"_s.arg(
                                         stored.id, failed.from, failed.id));
    });
}

void InstanceMail::reportRefused(const QString& mailId, DeliveryReport report,
                                 std::function<void(bool ok, const QString& detail)> done)
{
    if (!m_queue || !m_routes.reachesSenders()) {
        done(false,
             m_queue ? u"no mail server to send the report through"_s : u"the mail queue is not open"_s);
        return;
    }
    QString domain = m_config.settings.get(keys::mailDomain);
    if (domain.isEmpty()) domain = m_config.hostName;
    const QString idDomain = MailNaming::messageIdDomain(domain, baseOptions().messageIdDomain);
    report.fromDomain = domain;
    report.reporter = m_config.hostName.contains(u'.') ? m_config.hostName : idDomain;
    report.messageId = u"<refused.%1@%2>"_s.arg(mailId, idDomain);
    report.text =
        u"This is the mail gateway umgate at %1 (instance %2).\n\n"_s.arg(report.reporter, m_config.id) +
        report.text + u"\n"_s;
    QueueEntry entry;
    entry.kernelId = kBouncePrefix + u"refused:"_s + mailId; // a notice: never reported on again
    entry.messageId = report.messageId;
    entry.recipients = {report.to};
    entry.relay = true; // the way reports to senders go: their server is behind the smart host
    entry.route = u"non-delivery report"_s;
    QPointer<InstanceMail> self(this);
    m_queue->enqueue(entry, report.build(),
                     [self, done = std::move(done)](bool ok, const QString& error, const QueueEntry& stored) {
                         if (!ok) return done(false, error);
                         if (self) self->deliverSoon();
                         done(true, stored.id);
                     });
}

QByteArray InstanceMail::headersOf(const QString& queueId) const
{
    QString error;
    const auto data = m_queue->readData(queueId, &error);
    return data ? MimeReader::headerSection(*data)
                : QByteArray("(the message cannot be read: " + error.toUtf8() + ")");
}

} // namespace umgate
