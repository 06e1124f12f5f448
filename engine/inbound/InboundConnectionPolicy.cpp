// SPDX-License-Identifier: GPL-3.0-or-later
// InboundConnection: the sender check between a mail's data and its writes (ixi-UMS 4.2.4, 5.1;
// Cisco Unity's authenticated sender), and what a refusal leaves behind: the report to the
// sender about refused recipients, the archive in SMTPIn/Error, the notice to the default
// recipient.
#include "engine/core/AtomicFile.h"
#include "engine/core/CallQueue.h"
#include "engine/core/Log.h"
#include "engine/directory/DirectoryService.h"
#include "engine/inbound/DailyCounts.h"
#include "engine/inbound/InboundConnection.h"
#include "engine/inbound/KernelJob.h"
#include "engine/inbound/MimeReader.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QThreadPool>

using namespace Qt::StringLiterals;

namespace umgate {

void InboundConnection::checkSender(ReceivedMail message, const QStringList& relayed)
{
    SenderCheck::Input input;
    input.envelopeSender = QString::fromLatin1(message.sender);
    // The From header only: MimeReader over the header section, the body is not touched here.
    input.from = MimeReader::read(MimeReader::headerSection(message.data) + "\r\n\r\n").from;
    input.loginDn = m_loginDn;
    for (const ReceivedRecipient& r : std::as_const(message.recipients))
        input.routes.append(r.route);
    QPointer<InboundConnection> self(this);
    auto shared = std::make_shared<ReceivedMail>(std::move(message));
    SenderCheck::run(
        m_settings.directory, m_settings.policy, m_settings.dialing, input,
        [self, shared, relayed, from = input.from,
         counts = m_settings.policy.counts](const SenderCheck::Result& check) {
            if (!self) return SenderCheck::release(check, counts.get()); // the client left: it sends again
            // A temporary refusal (the directory did not answer) holds the whole mail back, the
            // smart host's part too: the client sends it all again.
            if (!check.reply.isEmpty() && (relayed.isEmpty() || check.reply.startsWith('4')))
                return self->refuseMail(*shared, check, from);
            SenderCheck::Result r = check;
            if (!r.reply.isEmpty()) {
                // The smart host's part goes on; the kernel's is reported as refused.
                r.refused.clear();
                for (qsizetype i = 0; i < shared->recipients.size(); ++i)
                    r.refused.append({i, check.reason});
            }
            if (!r.refused.isEmpty() && (!self->m_settings.reportRefused || shared->sender.isEmpty())) {
                // Nobody to send the report through or to: the mail server tells the sender.
                r.reply = "550 5.7.1 " + r.refused.first().reason.toUtf8();
                SenderCheck::release(r, counts.get());
                return self->refuseMail(*shared, r, from);
            }
            self->logLine(u"sender <%1> sends as %2"_s.arg(QString::fromLatin1(shared->sender),
                                                           r.user.isEmpty() ? u"-"_s : r.user));
            self->accept(std::move(*shared), relayed, r);
        });
}

// The whole mail is refused. An unknown sender's mail may be kept in SMTPIn/Error first (the
// refusal waits until it is on disk) and told to the default recipient.
void InboundConnection::refuseMail(const ReceivedMail& message, const SenderCheck::Result& check,
                                   const QString& from)
{
    const QString sender = QString::fromLatin1(message.sender);
    QStringList recipients;
    for (const ReceivedRecipient& r : message.recipients)
        recipients.append(QString::fromLatin1(r.address));
    logLine(u"refused: %1"_s.arg(check.reason.left(300)));
    Log::warning(m_settings.instanceId, u"mail from <%1> to %2 refused: %3"_s.arg(
                                            sender, recipients.join(u", "_s).left(300), check.reason));
    if (check.notifyDefaultRecipient && m_settings.unknownSender)
        m_settings.unknownSender(KernelJob::newId(), sender, recipients, check.reason);
    if (!check.archive || m_settings.refusedDir.isEmpty()) {
        m_session.finishMessage(check.reply);
        resume();
        return;
    }
    // SMTPIn/Error/<id>.eml, then <id>.json naming sender, recipients and reason (the commit
    // point, as in the queue): written on the thread pool, the 550 after both are on disk.
    const QString id = KernelJob::newId();
    const QJsonObject meta{{u"version"_s, 1},
                           {u"id"_s, id},
                           {u"sender"_s, sender},
                           {u"from"_s, from},
                           {u"recipients"_s, QJsonArray::fromStringList(recipients)},
                           {u"reason"_s, check.reason},
                           {u"client"_s, m_peer.toString()},
                           {u"authenticatedUser"_s, message.authenticatedUser},
                           {u"received"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}};
    if (!m_calls) m_calls = new CallQueue(this);
    QPointer<InboundConnection> self(this);
    QThreadPool::globalInstance()->start([target = m_calls->target(), dir = m_settings.refusedDir, id, meta,
                                          data = message.data, reply = check.reply, self,
                                          instance = m_settings.instanceId] {
        QString error;
        const bool ok = QDir().mkpath(dir) &&
                        AtomicFile::write(dir + u"/"_s + id + u".eml"_s, data, &error, 0600) &&
                        AtomicFile::write(dir + u"/"_s + id + u".json"_s,
                                          QJsonDocument(meta).toJson(QJsonDocument::Indented), &error, 0600);
        target.post([self, ok, error, reply, id, instance] {
            if (!ok)
                Log::error(instance, u"the refused mail could not be archived: %1"_s.arg(error));
            else
                Log::info(instance, u"the refused mail is kept as SMTPIn/Error/%1.eml"_s.arg(id));
            if (!self) return;
            self->m_session.finishMessage(
                ok ? reply : QByteArray("451 4.3.0 the refused mail could not be archived; try again later"));
            self->resume();
        });
    });
}

// RFC 3464 for the recipients a sender's rights kept from the kernel, part of the 250: the
// report is queued before the client hears it.
void InboundConnection::submitReport(const ReceivedMail& message, const QString& mailId,
                                     const SenderCheck::Result& check,
                                     const std::shared_ptr<Pending>& pending)
{
    DeliveryReport report;
    report.to = QString::fromLatin1(message.sender);
    report.envId = QString::fromLatin1(message.envId);
    report.arrival = QDateTime::currentDateTime();
    report.headers = MimeReader::headerSection(message.data);
    QStringList lines;
    for (const SenderCheck::Refusal& r : check.refused) {
        const ReceivedRecipient& rcpt = message.recipients.at(r.index);
        QString original;
        if (const qsizetype semi = rcpt.orcpt.indexOf(';'); semi > 0)
            original = QString::fromLatin1(rcpt.orcpt.left(semi)) + u";"_s +
                       QString::fromUtf8(SmtpCommand::decodeXtext(rcpt.orcpt.mid(semi + 1)));
        report.recipients.append({QString::fromLatin1(rcpt.address), original, u"5.7.1"_s, r.reason});
        lines.append(u"  %1: %2"_s.arg(QString::fromLatin1(rcpt.address), r.reason));
    }
    report.text = u"Your message was not sent to these recipients:\n\n%1\n\nIt was sent to the others."_s.arg(
        lines.join(u"\n"_s));
    logLine(u"refused for %1 recipient(s): %2"_s.arg(check.refused.size()).arg(check.refused.first().reason));
    QPointer<InboundConnection> self(this);
    auto done = [self, pending](bool ok, const QString& detail) {
        if (!ok)
            Log::error(pending->instance,
                       u"the report to <%1> about refused recipients could not be queued: %2"_s.arg(
                           pending->sender, detail));
        partDone(self, pending, ok, u"report of refused recipients as %1"_s.arg(detail));
    };
    m_settings.reportRefused(mailId, std::move(report), onLaterTurn(self, done));
}

} // namespace umgate
