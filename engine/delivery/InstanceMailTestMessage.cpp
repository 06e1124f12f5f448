// SPDX-License-Identifier: GPL-3.0-or-later
// InstanceMail: Send Test Message (test.message). The same routing, building and store as a kernel
// message, step by step for the report; SMTP on a connection of its own, never the pool. Kept apart
// from InstanceMail.cpp, which holds intake and the regular delivery.
#include "engine/delivery/InstanceMail.h"
#include "engine/smtp/SmtpConnection.h"
#include "engine/smtp/SmtpPool.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace umgate {

void InstanceMail::testMessage(const KernelEnvelope& e, const QString& fileDir,
                               const std::function<void(const QJsonObject&)>& done)
{
    auto steps = std::make_shared<QJsonArray>();
    auto step = [steps](const QString& name, bool ok, const QString& detail) {
        steps->append(QJsonObject{{u"step"_s, name}, {u"ok"_s, ok}, {u"detail"_s, detail}});
    };
    QPointer<InstanceMail> self(this);
    m_recipients->resolve(e, [self, e, done, steps, step, fileDir](const Recipients& r) {
        if (!self) return;
        auto finish = [done, steps](bool ok, const QString& outcome) {
            done(QJsonObject{{u"ok"_s, ok}, {u"outcome"_s, outcome}, {u"steps"_s, *steps}});
        };
        if (!r.filter.isEmpty())
            step(u"directory"_s, r.error.isEmpty(),
                 u"filter %1 on %2"_s.arg(r.filter, r.server.isEmpty() ? u"-"_s : r.server));
        if (r.retryLater) {
            step(u"recipient"_s, false, r.error);
            finish(false, r.error);
            return;
        }
        step(u"recipient"_s, true, u"%1 (%2)"_s.arg(r.addresses.join(u", "_s), r.how));
        QString readError;
        const std::optional<InboundMessage> inbound = toInbound(e, fileDir, &readError);
        if (!inbound) {
            step(u"message"_s, false, readError);
            finish(false, readError);
            return;
        }
        const QList<Group> groups = self->groupsFor(r);
        const Group& g = groups.first();
        const BuiltMail mail = MimeBuilder::build(*inbound, r.addresses, g.options);
        if (!mail.ok()) {
            step(u"message"_s, false, mail.error);
            finish(false, mail.error);
            return;
        }
        step(
            u"message"_s, true,
            u"From %1, Subject \"%2\", Message-ID %3, %4 bytes"_s.arg(mail.from, mail.subject, mail.messageId)
                .arg(mail.data.size()));
        const MessageStore messages = self->messageStore();
        if (messages.mode() == MessageStoreMode::Delete) {
            step(u"store"_s, true, MessageStore::deletedReason());
            finish(true, u"deleted as configured"_s);
            return;
        }
        if (messages.mode() == MessageStoreMode::LocalMaildir) {
            QString error;
            QStringList paths;
            for (const MessageStore::Stored& stored :
                 messages.storeLocally(r.addresses, mail.data, mail.messageId, e.time, &error))
                paths << stored.path;
            if (!error.isEmpty()) {
                step(u"store"_s, false, error);
                finish(false, error);
                return;
            }
            step(u"store"_s, true, u"stored in the local message store: %1"_s.arg(paths.join(u", "_s)));
            finish(true, u"stored locally"_s);
            return;
        }
        const MailRoute* route = self->m_routes.forRecipient(r.addresses.first());
        if (!route) {
            step(u"smtp"_s, false, u"no mail server is configured (Mail System: General)"_s);
            finish(false, u"no mail server"_s);
            return;
        }
        SmtpMessage msg;
        msg.id = mail.messageId;
        msg.from = route->senderIdentifier.isEmpty() ? mail.from : route->senderIdentifier;
        msg.recipients = r.addresses;
        msg.data = mail.data;
        // A connection of its own, not the pool: the report shows a whole dialogue, and a test
        // never waits behind queued mail.
        InstanceMail* owner = self;
        auto sendOnce = [owner](const SmtpServerConfig& c, const SmtpMessage& m, const SmtpPool::Done& d) {
            auto* connection = new SmtpConnection(c, owner);
            connection->send(m, [owner, connection, d](const SmtpResult& result) {
                owner->logSecurityNote(result); // the dialogue in the report shows it too
                connection->quit();
                connection->deleteLater();
                d(result);
            });
        };
        self->sendRoute(*route, msg, sendOnce, [step, finish, name = route->name](const SmtpResult& result) {
            const bool ok = result.outcome == SmtpOutcome::Success;
            QString detail = u"%1 %2: %3 at %4: %5"_s.arg(
                name, result.server, smtpOutcomeName(result.outcome), smtpStageName(result.stage),
                result.reply.isEmpty() ? u"no reply"_s : result.reply);
            if (!result.tls.isEmpty()) detail += u"; TLS: "_s + result.tls;
            step(u"smtp"_s, ok, detail);
            for (const QString& line : result.transcript)
                step(u"dialogue"_s, true, line);
            finish(ok, ok ? u"delivered"_s : smtpOutcomeName(result.outcome));
        });
    });
}

} // namespace umgate
