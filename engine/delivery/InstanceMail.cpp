// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/delivery/InstanceMail.h"

#include "engine/client/Paths.h"
#include "engine/core/Log.h"
#include "engine/mail/MailHost.h"
#include "engine/mail/MailNaming.h"
#include "engine/mail/MimeEncoding.h"
#include "engine/smtp/SmtpConnection.h"
#include "engine/smtp/SmtpPool.h"
#include "engine/spool/SpoolFile.h"

#include <QDir>
#include <QJsonArray>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace umgate {

namespace {

const QString kNotifyPrefix = u"notify:"_s; // kernel ids of our own failure notices: never notified again

SmtpServerConfig::Tls tlsOf(MailEncryption mode)
{
    switch (mode) {
    case MailEncryption::None:
        break;
    case MailEncryption::StartTlsOpportunistic:
        return SmtpServerConfig::Tls::StartTlsOpportunistic;
    case MailEncryption::StartTlsRequired:
        return SmtpServerConfig::Tls::StartTlsRequired;
    case MailEncryption::ImplicitTls:
        return SmtpServerConfig::Tls::Implicit;
    }
    return SmtpServerConfig::Tls::None;
}

} // namespace

InstanceMail::InstanceMail(DirectoryService& directory, RotatingLog* smtpLog, QObject* parent)
    : QObject(parent), m_smtpLog(smtpLog)
{
    m_deliveryTimer.setInterval(1000);
    connect(&m_deliveryTimer, &QTimer::timeout, this, &InstanceMail::deliverDue);
    m_deliverSoon.setSingleShot(true);
    connect(&m_deliverSoon, &QTimer::timeout, this, &InstanceMail::deliverDue);
    m_pool = new SmtpPool(this);
    m_direct = new DirectSmtp(this);
    m_builds = new MailBuildPool(this);
    m_recipients = new RecipientResolver(directory, this);
}

InstanceMail::~InstanceMail()
{
    if (m_intake) m_intake->stop();
    m_direct->stop(); // aborted sends end here, they do not move on to the next MX host
    m_pool->abortAll();
    abandonRetryWaits();
}

bool InstanceMail::configure(const Config& config, QString* error)
{
    m_config = config;
    m_routes = MailRoutes::fromSettings(config.settings);
    m_recipients->configure({config.id, config.instanceDir + u"/"_s + Paths::mailboxes(), config.settings,
                             config.ldapErrorToDefaultRecipient});
    m_pool->setMaxConnectionsPerServer(config.maxConnections);
    m_pool->setIdleTimeoutMs(config.idleMs);
    if (QString why; !m_direct->setNameserver(config.nameserver, &why)) Log::error(config.id, why);

    const SettingValues& s = config.settings;
    if (!m_messageIdLog)
        m_messageIdLog = std::make_unique<RotatingLog>(
            Paths::instanceLogFileIn(config.instanceDir, Paths::InstanceLog::MessageId));
    m_messageIdLog->setLimits(s.get(keys::messageIdLog), s.get(keys::messageIdLogSizeMb),
                              s.get(keys::messageIdLogCount));

    if (!m_queue) {
        auto queue = std::make_unique<MailQueue>(config.instanceDir + u"/"_s + Paths::smtpOut());
        if (!queue->open(error)) return false;
        connect(queue.get(), &MailQueue::changed, this, &InstanceMail::queueChanged);
        m_queue = std::move(queue);
    }
    m_queue->setMaxDiskBytes(config.maxDiskBytes);
    if (!m_intake) {
        m_intake =
            std::make_unique<SpoolIntake>(config.id, config.instanceDir + u"/"_s + Paths::kernelIncoming());
        m_intake->setProcessor(
            [this](const KernelEnvelope& e, const SpoolIntake::Finished& f) { process(e, f); });
        m_intake->start();
    }
    m_deliveryTimer.start();
    deliverSoon();
    return true;
}

void InstanceMail::deliverSoon()
{
    // Many intakes finish in one turn of the event loop: one look at the queue serves them all.
    if (!m_deliverSoon.isActive()) m_deliverSoon.start(0);
}

MessageStore InstanceMail::messageStore() const
{
    return MessageStore(m_config.settings.get(keys::messageStoreMode), m_config.instanceDir,
                        m_config.settings.get(keys::maildirPath));
}

RetryPolicy InstanceMail::retryPolicy() const
{
    return RetryPolicy(m_config.settings.get(keys::pollingIntervals),
                       m_config.settings.get(keys::pollingRetries), SmtpPool::kUnreachablePauseMs);
}

MimeOptions InstanceMail::baseOptions() const
{
    const SettingValues& s = m_config.settings;
    MimeOptions o;
    o.language = enumName(s.get(keys::htmlReportLanguage));
    o.faxFormat = s.get(keys::inboundFaxFormat);
    o.senderTemplate = s.get(keys::senderTemplate);
    o.replyToTemplate = s.get(keys::replyToTemplate);
    o.displayNameTemplate = s.get(keys::displayNameTemplate);
    o.reportDisplayNameTemplate = s.get(keys::reportDisplayNameTemplate);
    o.mailDomain = s.get(keys::mailDomain);
    // Message-IDs use the mail domain; without one the host's FQDN (never a bare host name).
    o.messageIdDomain = m_config.hostName.contains(u'.') ? m_config.hostName : MailHost::fqdn();
    o.htmlReport = s.get(keys::htmlReport);
    return o;
}

std::optional<InboundMessage> InstanceMail::toInbound(const KernelEnvelope& e, const QString& spoolDir,
                                                      QString* error)
{
    InboundMessage m;
    m.type = InboundMessage::Type(int(e.type)); // same order by design
    m.kernelId = e.id;
    m.calling = e.calling;
    m.called = e.called;
    m.received = e.time;
    m.pages = e.pages;
    m.durationSeconds = e.durationSeconds;
    m.text = e.text;
    for (const QString& a : e.attachments) {
        // Once, from one descriptor: a name swapped for a symbolic link meanwhile is refused.
        QString why;
        auto data = SpoolFile::read(spoolDir, a, MimeBuilder::kMaxAttachmentBytes, &why);
        if (!data) {
            *error = u"attachment %1"_s.arg(why);
            return std::nullopt;
        }
        m.attachments.append({a, std::move(*data)});
    }
    m.report = e.report;
    return m;
}

// --- intake: route, build, store

void InstanceMail::process(const KernelEnvelope& e, const SpoolIntake::Finished& finished)
{
    if (messageStore().mode() == MessageStoreMode::Delete) {
        logMessageId(u"kernel=%1 type=%2 from=%3 to=%4 deleted (message store: delete)"_s.arg(
            e.id, KernelEnvelope::typeName(e.type), e.calling, e.called));
        finished(SpoolIntake::Outcome::Done, {});
        return;
    }
    QPointer<InstanceMail> self(this);
    m_recipients->resolve(e, [self, e, finished](const Recipients& r) {
        if (!self) return;
        if (r.retryLater) {
            finished(SpoolIntake::Outcome::Later, r.error);
            return;
        }
        const QList<Group> groups = self->groupsFor(r);
        if (groups.isEmpty()) {
            finished(SpoolIntake::Outcome::Error, u"no recipient"_s);
            return;
        }
        const QString spoolDir = self->m_config.instanceDir + u"/"_s + Paths::kernelIncoming();
        auto store = [self, e, r, groups, finished](const BuiltMails& built) {
            if (self) self->store(e, r, groups, built, finished);
        };
        // Attachments (a fax to convert, a recording to encode) are read and built on the build
        // pool: the event loop keeps answering meanwhile. Text messages are built at once.
        if (e.attachments.isEmpty())
            store(buildAll(e, spoolDir, groups));
        else
            self->m_builds->run([e, spoolDir, groups] { return buildAll(e, spoolDir, groups); }, store);
    });
}

BuiltMails InstanceMail::buildAll(const KernelEnvelope& e, const QString& spoolDir,
                                  const QList<Group>& groups)
{
    BuiltMails built;
    const std::optional<InboundMessage> inbound = toInbound(e, spoolDir, &built.error);
    if (!inbound) return built;
    for (const Group& g : groups)
        built.mails.append(MimeBuilder::build(*inbound, g.recipients, g.options));
    return built;
}

void InstanceMail::store(const KernelEnvelope& e, const Recipients& r, const QList<Group>& groups,
                         const BuiltMails& built, const SpoolIntake::Finished& finished)
{
    if (!built.error.isEmpty()) {
        finished(SpoolIntake::Outcome::Error, built.error);
        return;
    }
    const MessageStore messages = messageStore();
    struct Pending
    {
        int remaining = 0;
        bool later = false;
        QString error;
    };
    auto pending = std::make_shared<Pending>();
    pending->remaining = int(groups.size());
    QPointer<InstanceMail> self(this);
    auto oneDone = [self, finished, pending](bool ok, bool later, const QString& why) {
        if (!ok) {
            pending->later |= later;
            if (pending->error.isEmpty()) pending->error = why;
        }
        if (--pending->remaining > 0) return;
        if (pending->error.isEmpty())
            finished(SpoolIntake::Outcome::Done, {});
        else
            finished(pending->later ? SpoolIntake::Outcome::Later : SpoolIntake::Outcome::Error,
                     pending->error);
        if (self) self->deliverSoon();
    };
    for (qsizetype gi = 0; gi < groups.size(); ++gi) {
        const Group& g = groups.at(gi);
        const BuiltMail& mail = built.mails.at(gi);
        if (!mail.ok()) {
            oneDone(false, false, mail.error);
            continue;
        }
        for (const QString& w : mail.warnings)
            Log::warning(m_config.id, u"message %1: %2"_s.arg(e.id, w));
        const QString kernelId = groups.size() > 1 ? u"%1/%2"_s.arg(e.id).arg(gi) : e.id;
        if (messages.mode() == MessageStoreMode::LocalMaildir) {
            QString error;
            for (const MessageStore::Stored& stored :
                 messages.storeLocally(g.recipients, mail.data, kernelId, e.time, &error))
                logMessageId(u"kernel=%1 message-id=%2 to=%3 stored in the local message store (%4)"_s.arg(
                    e.id, mail.messageId, stored.recipient, r.how));
            oneDone(error.isEmpty(), true, error);
            continue;
        }
        if (m_queue->containsKernelId(kernelId)) { // queued before a crash: not twice
            oneDone(true, false, {});
            continue;
        }
        QueueEntry entry;
        entry.messageId = mail.messageId;
        entry.kernelId = kernelId;
        entry.from = mail.from;
        entry.recipients = g.recipients;
        entry.route = r.how;
        m_queue->enqueue(entry, mail.data,
                         [self, oneDone, e, messageId = mail.messageId,
                          how = r.how](bool ok, const QString& error, const QueueEntry& stored) {
                             if (ok && self)
                                 self->logMessageId(
                                     u"kernel=%1 message-id=%2 queue=%3 to=%4 queued (%5)"_s.arg(
                                         e.id, messageId, stored.id, stored.recipients.join(u','), how));
                             oneDone(ok, true, error);
                         });
    }
}

// --- delivery

SmtpServerConfig InstanceMail::serverFor(const MailRoute& route) const
{
    const SettingValues& s = m_config.settings;
    SmtpServerConfig c;
    c.host = route.host;
    c.port = quint16(route.port);
    c.tls = tlsOf(s.get(keys::mailEncryption));
    if (const QString ca = s.get(keys::mailCaCertificate); !ca.isEmpty())
        c.caCertificateFile = m_config.instanceDir + u"/"_s + Paths::certificates() + u"/"_s + ca;
    c.acceptInvalidCertificate = s.get(keys::mailAcceptInvalidCertificate);
    c.user = route.user;
    c.password = m_config.passwords.value(route.passwordKey);
    c.forceCramMd5 = route.cramMd5;
    c.heloName = m_config.hostName;
    c.timeoutMs = m_config.timeoutMs;
    c.policy = m_config.policy;
    return c;
}

void InstanceMail::sendRoute(const MailRoute& route, const SmtpMessage& message, SendFn send,
                             DirectSmtp::Done done)
{
    const SmtpServerConfig base = serverFor(route);
    if (route.direct)
        m_direct->send(base, message, std::move(send), std::move(done));
    else
        send(base, message, std::move(done));
}

void InstanceMail::deliverDue()
{
    if (!m_queue || m_queue->size() == 0) return;
    // Without a mail server in the message store, only relayed mail is sent.
    const bool all = messageStore().queues();
    const int room = kMaxDeliveriesInFlight - int(m_delivering.size());
    if (room <= 0) return;
    const QList<QueueEntry> due =
        m_queue->due(QDateTime::currentDateTimeUtc(), room + int(m_delivering.size()));
    for (const QueueEntry& entry : due) {
        if (m_delivering.contains(entry.id) || (!all && !entry.relay)) continue;
        if (int(m_delivering.size()) >= kMaxDeliveriesInFlight) break;
        deliverEntry(entry);
    }
}

bool InstanceMail::deliverEntry(const QueueEntry& entry)
{
    // Nothing to send to: the mail waits (the configuration check asks for a server). Checked
    // before the message is read, since this repeats every second for every waiting mail.
    if (m_routes.isEmpty() && !(entry.relay && m_routes.smartHost())) return false;
    QString error;
    const auto data = m_queue->readData(entry.id, &error);
    if (!data) {
        toBadmail(entry, u"the queued message cannot be read: %1"_s.arg(error));
        return false;
    }
    // One SMTP transaction per route; recipients of other domains may go elsewhere. Relayed mail
    // goes to the smart host (if relaying was switched off since, by the routes of the day).
    QHash<QString, QStringList> byRoute;
    QHash<QString, const MailRoute*> routeOf;
    const MailRoute* smartHost = entry.relay ? m_routes.smartHost() : nullptr;
    for (const QString& rcpt : entry.recipients) {
        const MailRoute* route = smartHost ? smartHost : m_routes.forRecipient(rcpt);
        // Direct SMTP: one transaction per recipient domain, since each has its own MX hosts.
        const QString key =
            route->direct ? route->key() + u"|"_s + rcpt.section(u'@', -1).toLower() : route->key();
        byRoute[key] << rcpt;
        routeOf.insert(key, route);
    }
    m_delivering.insert(entry.id);
    auto results = std::make_shared<QList<SmtpResult>>();
    auto remaining = std::make_shared<int>(int(byRoute.size()));
    QPointer<InstanceMail> self(this);
    for (auto it = byRoute.constBegin(); it != byRoute.constEnd(); ++it) {
        const MailRoute* route = routeOf.value(it.key());
        SmtpMessage msg;
        msg.id = entry.id;
        msg.from = route->senderIdentifier.isEmpty() || entry.relay ? entry.from : route->senderIdentifier;
        msg.recipients = it.value();
        msg.data = *data;
        SmtpPool* pool = m_pool;
        sendRoute(
            *route, msg,
            [pool](const SmtpServerConfig& c, const SmtpMessage& m, SmtpPool::Done d) {
                pool->send(c, m, std::move(d));
            },
            [self, entry, results, remaining](const SmtpResult& result) {
                if (!self) return;
                self->logSmtp(entry, result);
                results->append(result);
                if (--*remaining == 0) self->finishAttempt(entry.id, *results);
            });
    }
    return true;
}

void InstanceMail::finishAttempt(const QString& queueId, const QList<SmtpResult>& results)
{
    m_delivering.remove(queueId);
    deliverSoon(); // a free slot: the next due mail need not wait for the timer
    using Status = RetryResult::Status;
    using Outcome = RetryPolicy::Outcome;
    auto current = m_queue->entry(queueId);
    if (!current) { // deleted by an administrator meanwhile
        reportRetry({queueId, Status::Gone, u"deleted from the queue while it was tried"_s, 0, {}});
        return;
    }
    QueueEntry entry = *current;
    QStringList deferred, failed;
    const QString reason = tally(entry, results, &deferred, &failed);
    if (!failed.isEmpty() && !deferred.isEmpty()) {
        // Some wait, some failed for good: the failed ones get their own Badmail copy.
        QueueEntry copy = entry;
        copy.recipients = failed;
        copy.kernelId = entry.kernelId + u"!failed-%1"_s.arg(entry.attempts);
        copy.lastError = reason;
        QString error;
        if (const auto data = m_queue->readData(entry.id, &error)) {
            QPointer<InstanceMail> self(this);
            m_queue->enqueue(copy, *data, [self, reason](bool ok, const QString&, const QueueEntry& stored) {
                if (ok && self) self->toBadmail(stored, u"permanent failure: %1"_s.arg(reason));
            });
        }
    }
    const bool tried =
        std::any_of(results.cbegin(), results.cend(), [](const SmtpResult& r) { return r.tried; });
    const Outcome outcome = !deferred.isEmpty() ? (tried ? Outcome::Deferred : Outcome::NotTried)
                            : failed.isEmpty()  ? Outcome::Delivered
                                                : Outcome::Failed;
    const RetryPolicy policy = retryPolicy();
    const RetryPolicy::Decision d =
        policy.afterAttempt(entry.attempts, outcome, QDateTime::currentDateTimeUtc());
    entry.attempts = d.attempts;
    entry.recipients = deferred.isEmpty() ? failed : deferred;
    // Each answer to an explicit retry waits until the change it reports is on disk.
    QPointer<InstanceMail> self(this);
    const auto report = [self](const RetryResult& r) {
        return [self, r](bool, const QString&) {
            if (self) self->reportRetry(r);
        };
    };
    QString error;
    if (d.action == RetryPolicy::Action::Remove) {
        if (!m_queue->remove(entry.id, &error, false,
                             report({entry.id, Status::Delivered, {}, entry.attempts, {}})))
            Log::error(m_config.id, error);
        return;
    }
    entry.lastError = reason;
    if (d.action == RetryPolicy::Action::Badmail) {
        const QString why = outcome == Outcome::Failed
                                ? u"permanent failure: %1"_s.arg(reason)
                                : u"not delivered after %1 retries: %2"_s.arg(policy.retries()).arg(reason);
        m_queue->update(entry, &error);
        toBadmail(
            entry, why,
            report(
                {entry.id, Status::Failed, outcome == Outcome::Failed ? reason : why, entry.attempts, {}}));
        return;
    }
    entry.nextAttempt = d.nextAttempt;
    const Status status = d.attemptCounted ? Status::Deferred : Status::NotTried;
    if (!m_queue->update(entry, &error,
                         report({entry.id, status, reason, entry.attempts, entry.nextAttempt})))
        Log::error(m_config.id, error);
    // Not tried: no server was asked (the pool paused one that failed a moment ago); the mail keeps
    // its attempts and is due again when the pause is over, not an interval later.
    // Logged either way: at 3 a.m. the log must show why a mail waits, tried or not.
    if (d.attemptCounted)
        Log::warning(m_config.id, u"mail %1 deferred (attempt %2 of %3), next try in %4 s: %5"_s.arg(entry.id)
                                      .arg(entry.attempts)
                                      .arg(policy.retries() + 1)
                                      .arg(d.waitMs / 1000)
                                      .arg(reason));
    else
        Log::info(m_config.id,
                  u"mail %1 not tried, no attempt counted (%2 so far), next try in %3 s: %4"_s.arg(entry.id)
                      .arg(entry.attempts)
                      .arg(d.waitMs / 1000)
                      .arg(reason));
}

QString InstanceMail::tally(QueueEntry& entry, const QList<SmtpResult>& results, QStringList* deferred,
                            QStringList* failed)
{
    QStringList reasons;
    for (const SmtpResult& r : results) {
        for (const SmtpRecipientResult& rr : r.recipients) {
            const QString line = u"%1: %2 at %3 (%4 %5) via %6"_s
                                     .arg(rr.address, smtpOutcomeName(rr.outcome), smtpStageName(rr.stage))
                                     .arg(rr.code)
                                     .arg(rr.reply, r.server);
            switch (rr.outcome) {
            case SmtpOutcome::Success:
                entry.delivered << rr.address;
                logMessageId(u"queue=%1 message-id=%2 to=%3 delivered via %4: %5"_s.arg(
                    entry.id, entry.messageId, rr.address, r.server, rr.reply));
                break;
            case SmtpOutcome::Deferral:
                *deferred << rr.address;
                reasons << line;
                break;
            case SmtpOutcome::Failure:
                *failed << rr.address;
                reasons << line;
                break;
            }
        }
    }
    return reasons.join(u"; "_s);
}

void InstanceMail::toBadmail(const QueueEntry& entry, const QString& reason, MailQueue::ChangeDone durable)
{
    // A relayed mail goes back to its sender, with its headers: read before the file moves.
    const QByteArray headers = entry.relay ? headersOf(entry.id) : QByteArray();
    QString error;
    if (!m_queue->moveToBadmail(entry.id, reason, &error, std::move(durable))) {
        Log::error(m_config.id, u"mail %1 cannot be moved to Badmail: %2"_s.arg(entry.id, error));
        return;
    }
    Log::error(m_config.id,
               u"mail %1 (%2) moved to %3: %4"_s.arg(entry.id, entry.messageId, Paths::badmail(), reason));
    logMessageId(u"queue=%1 message-id=%2 to=%3 badmail: %4"_s.arg(entry.id, entry.messageId,
                                                                   entry.recipients.join(u','), reason));
    if (entry.relay)
        bounceToSender(entry, reason, headers);
    else
        notifyDefaultRecipient(entry, reason);
}

void InstanceMail::notifyDefaultRecipient(const QueueEntry& failed, const QString& reason)
{
    if (failed.kernelId.startsWith(kNotifyPrefix)) return; // a notice about a notice would loop
    if (!messageStore().queues()) return;                  // Badmail only exists with a mail server
    queueNotice(
        failed.id, u"Undeliverable UMS message %1"_s.arg(failed.messageId),
        u"umgate instance %1 could not deliver a message.\n\nRecipients: %2\nMessage-ID: %3\nReason: %4\n\n"
        u"The message is kept in %5/%6.eml; after fixing the cause, requeue it with\n"
        u"  umgatectl queue requeue %1 %6\n"_s.arg(m_config.id, failed.recipients.join(u", "_s),
                                                   failed.messageId, reason, Paths::badmail(), failed.id),
        false);
}

void InstanceMail::noticeUnknownSender(const QString& mailId, const QString& sender,
                                       const QStringList& recipients, const QString& reason)
{
    // ixi-UMS 4.2.4.3 "deleted but default recipient will be notified": through the mail server
    // (or the smart host's route), whichever message store the instance has.
    queueNotice(
        u"sender-"_s + mailId, u"UMS message of an unknown sender refused"_s,
        u"umgate instance %1 refused a message to the telephony side.\n\nSender: <%2>\nRecipients: %3\n"
        u"Reason: %4\n\nThe sender's mail server has told the sender. To let this sender send, enter the "
        u"address in the directory (mail or proxyAddresses), or choose another action under Global User "
        u"Settings, Unknown Sender.\n"_s.arg(m_config.id, sender, recipients.join(u", "_s), reason),
        true);
}

// A notice from the gateway to the default recipient (mailSystem.general.defaultRecipient),
// queued like any mail; `viaSmartHost`: on the route reports to senders take (relay = true: the
// smart host, else the recipient's route), also for instances whose message store is not the
// mail server.
void InstanceMail::queueNotice(const QString& id, const QString& subject, const QString& text,
                               bool viaSmartHost)
{
    const QString to = m_config.settings.get(keys::defaultRecipient);
    if (to.isEmpty() || !m_queue) return;
    if (viaSmartHost && !m_routes.reachesSenders()) {
        Log::warning(m_config.id, u"no notice to %1: no mail server is configured (%2)"_s.arg(to, subject));
        return;
    }
    QString domain = m_config.settings.get(keys::mailDomain);
    if (domain.isEmpty()) domain = m_config.hostName;
    const QString from = u"MAILER-DAEMON@%1"_s.arg(domain);
    // The same right side as the mails themselves: the mail domain or the FQDN, never a bare name.
    const QString messageId =
        u"<notify.%1@%2>"_s.arg(id, MailNaming::messageIdDomain(domain, baseOptions().messageIdDomain));
    QByteArray mail;
    mail += MimeEncoding::structuredHeader("From", MimeEncoding::formatAddress(u"umgate"_s, from));
    mail += MimeEncoding::structuredHeader("To", MimeEncoding::formatAddress({}, to, 4));
    mail += "Date: " + MimeEncoding::rfc5322Date(QDateTime::currentDateTimeUtc()) + "\r\n";
    mail += MimeEncoding::unstructuredHeader("Subject", subject);
    mail += MimeEncoding::structuredHeader("Message-ID", messageId.toLatin1());
    mail += "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
    mail += MimeEncoding::quotedPrintable(text);
    QueueEntry notice;
    notice.kernelId = kNotifyPrefix + id;
    notice.messageId = messageId;
    notice.recipients = {to};
    notice.route = u"failure notice"_s;
    notice.relay = viaSmartHost;
    QPointer<InstanceMail> self(this);
    m_queue->enqueue(notice, mail, [self, to, id](bool ok, const QString& error, const QueueEntry&) {
        if (!ok && self)
            Log::error(self->m_config.id,
                       u"the notice to %1 about %2 cannot be queued: %3"_s.arg(to, id, error));
    });
}

void InstanceMail::logSmtp(const QueueEntry& entry, const SmtpResult& r)
{
    if (!m_smtpLog) return;
    m_smtpLog->append(u"queue=%1 server=%2 tls=%3 outcome=%4 stage=%5 code=%6 reply=\"%7\" time=%8ms"_s
                          .arg(entry.id, r.server, r.tls.isEmpty() ? u"none"_s : r.tls,
                               smtpOutcomeName(r.outcome), smtpStageName(r.stage))
                          .arg(r.code)
                          .arg(r.reply)
                          .arg(r.elapsedMs));
    for (const QString& line : r.transcript)
        m_smtpLog->append(u"queue=%1   %2"_s.arg(entry.id, line));
    logSecurityNote(r);
}

void InstanceMail::logSecurityNote(const SmtpResult& r) const
{
    // The SMTP connection log has it in the dialogue; the engine log is what an administrator
    // watches, so a password in clear (or one held back) is said there too.
    if (!r.securityNote.isEmpty()) Log::warning(m_config.id, u"SMTP %1: %2"_s.arg(r.server, r.securityNote));
}

void InstanceMail::logMessageId(const QString& line)
{
    if (m_messageIdLog) m_messageIdLog->append(line);
}

} // namespace umgate
