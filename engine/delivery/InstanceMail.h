// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/config/SettingValues.h"
#include "engine/core/RotatingLog.h"
#include "engine/delivery/MailBuildPool.h"
#include "engine/delivery/MailRoutes.h"
#include "engine/delivery/MessageStore.h"
#include "engine/delivery/RecipientResolver.h"
#include "engine/delivery/RetryPolicy.h"
#include "engine/mail/DeliveryReport.h"
#include "engine/mail/MimeBuilder.h"
#include "engine/queue/MailQueue.h"
#include "engine/smtp/DirectSmtp.h"
#include "engine/smtp/SmtpTypes.h"
#include "engine/spool/SpoolIntake.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <functional>
#include <memory>

namespace umgate {

class DirectoryService;
class SmtpPool;

// The telephony -> e-mail side of one instance (ixi-UMS 3.9, 4.2.2, 4.2.7, 4.2.8):
//
//   Kernel/Incoming --SpoolIntake--> RecipientResolver (report sender | subscriber mailbox,
//     directory, default recipient)
//     --MimeBuilder--> message store: SMTPOut queue (durable) | local Maildir | delete
//   listener (relay) --> SMTPOut (relay = true) --> the smart host; refused for good -> a
//     non-delivery report to the sender (InstanceMailRelay.cpp)
//   SMTPOut --SmtpPool--> mail server / sender list route; deferrals retried at the polling
//     intervals; permanent failures and exhausted retries -> SMTPOut/Badmail + the default
//     recipient is told.
class InstanceMail : public QObject
{
    Q_OBJECT
public:
    struct Config
    {
        QString id;
        QString instanceDir;
        SettingValues settings;            // the instance's values (instance.json), read by key
        QHash<QString, QString> passwords; // secret path -> password, read by the caller
        SmtpPolicy policy;
        int maxConnections = 4;
        int timeoutMs = 120000;
        int idleMs = 10000;
        qint64 maxDiskBytes = 0;
        bool ldapErrorToDefaultRecipient = false;
        QString hostName;   // Message-ID domain and EHLO name
        QString nameserver; // Misc dns.nameserver: DNS server for Direct SMTP; empty = the system's
    };

    // `directory` is the instance's own (Instance owns both and deletes this first).
    // `smtpLog`, the instance's SMTP connection log (shared with its listener), may be nullptr and
    // must outlive this object.
    InstanceMail(DirectoryService& directory, RotatingLog* smtpLog, QObject* parent = nullptr);
    ~InstanceMail() override;

    // Applies a configuration; the first call opens the queue and starts the intake.
    bool configure(const Config& config, QString* error);
    MailQueue* queue() const { return m_queue.get(); }
    SpoolIntake* intake() const { return m_intake.get(); }
    const Config& config() const { return m_config; }

    // Send Test Message (ixi-UMS 4.2.7): the real path, delivered at once, reported step by step.
    // `fileDir` holds the envelope's attachments.
    void testMessage(const KernelEnvelope& envelope, const QString& fileDir,
                     const std::function<void(const QJsonObject& report)>& done);

    void deliverSoon();

    // Cisco Unity's smart host: a mail the listener took for recipients outside the gateway's
    // domains, `data` with its Received: line, queued (relay = true) for the smart host as it
    // came. `done` runs later, on this object's thread: ok with the queue id once it is on disk,
    // else the reason. If the smart host refuses it for good, its sender gets a non-delivery
    // report (RFC 3464).
    void relay(const QString& mailId, const QString& sender, const QStringList& recipients, QByteArray data,
               std::function<void(bool ok, const QString& detail)> done);

    // The listener refused some recipients of a mail for the sender's rights (SenderCheck): the
    // report (RFC 3464) about them goes to the sender on the smart host's route, queued like a
    // relayed mail. `done` as for relay().
    void reportRefused(const QString& mailId, DeliveryReport report,
                       std::function<void(bool ok, const QString& detail)> done);
    // ixi-UMS 4.2.4.3: a mail of an unknown sender was refused; the default recipient hears of it.
    void noticeUnknownSender(const QString& mailId, const QString& sender, const QStringList& recipients,
                             const QString& reason);

    // What an explicit retry (queue.retry) did to one mail.
    struct RetryResult
    {
        enum class Status
        {
            Delivered, // tried, every recipient accepted
            Deferred,  // tried, not delivered: `reason`, an attempt counted, next try at `nextAttempt`
            Failed,    // tried, failed for good (or past the retries): moved to Badmail
            NotTried,  // no server was asked (it failed a moment ago): no attempt counted
            Trying,    // the try was still running when the answer was due
            Waiting,   // due now, but nothing could start it yet (`reason` says why)
            Gone       // deleted while it was tried
        };
        QString queueId;
        Status status = Status::Waiting;
        QString reason;
        int attempts = 0;
        QDateTime nextAttempt;
    };
    static QString retryStatusName(RetryResult::Status status);
    using RetryDone = std::function<void(const QList<RetryResult>&)>;
    // queue.retry: the queued mails `ids` (every queued mail when empty) are tried now; the pool's
    // "unreachable" pause is lifted first, so a server fixed a moment ago is asked at once. `done`
    // runs exactly once, with one result per mail found (none: no such mail), when every try has
    // ended or after `waitMs` (then the ones still running are reported as Trying).
    void retryNow(const QStringList& ids, int waitMs, RetryDone done);

    // The message with its attachments read from `spoolDir` (SpoolFile: one descriptor each, no
    // symbolic links), or nothing with *error. Public for the MIME builder's fuzz target.
    static std::optional<InboundMessage> toInbound(const KernelEnvelope& envelope, const QString& spoolDir,
                                                   QString* error);

signals:
    void queueChanged();

private:
    using Recipients = RecipientResolver::Recipients;
    using Group = RecipientResolver::Group;

    void process(const KernelEnvelope& envelope, const SpoolIntake::Finished& finished);
    // Reads the attachments once (SpoolFile) and builds one mail per group; runs on the build
    // pool for messages with attachments (touches no member).
    static BuiltMails buildAll(const KernelEnvelope& envelope, const QString& spoolDir,
                               const QList<Group>& groups);
    void store(const KernelEnvelope& envelope, const Recipients& recipients, const QList<Group>& groups,
               const BuiltMails& built, const SpoolIntake::Finished& finished);
    QList<Group> groupsFor(const Recipients& recipients) const
    {
        return RecipientResolver::groupsFor(recipients, baseOptions());
    }
    MimeOptions baseOptions() const;
    // Where built messages go (queue, local Maildir, delete); delivery and Send Test Message ask it.
    MessageStore messageStore() const;
    RetryPolicy retryPolicy() const; // mailSystem.polling.* and the pool's pause

    static constexpr int kMaxDeliveriesInFlight = 256;
    void deliverDue();
    // False when no attempt started (no server configured; the message could not be read).
    bool deliverEntry(const QueueEntry& entry);
    void finishAttempt(const QString& queueId, const QList<SmtpResult>& results);
    // Sorts an attempt's recipients: delivered ones go to entry.delivered (and the Message-ID log),
    // the others to *deferred / *failed. Returns the reasons, one line per recipient not delivered.
    QString tally(QueueEntry& entry, const QList<SmtpResult>& results, QStringList* deferred,
                  QStringList* failed);
    // An attempt ended: the explicit retries waiting for this mail learn what happened.
    void reportRetry(const RetryResult& result);
    // The instance stops: every waiting queue.retry is answered with what is known.
    void abandonRetryWaits();
    struct RetryWait;
    void toBadmail(const QueueEntry& entry, const QString& reason, MailQueue::ChangeDone durable = {});
    void notifyDefaultRecipient(const QueueEntry& failed, const QString& reason);
    void queueNotice(const QString& id, const QString& subject, const QString& text, bool viaSmartHost);
    // InstanceMailRelay.cpp
    void bounceToSender(const QueueEntry& failed, const QString& reason, const QByteArray& headers);
    QByteArray headersOf(const QString& queueId) const;
    SmtpServerConfig serverFor(const MailRoute& route) const;
    // Sends over a route: to its server, or (Direct SMTP) to the recipients' MX hosts in turn.
    // `send` is the transport (the pool for queued mail, a fresh connection for test messages).
    using SendFn = DirectSmtp::SendFn;
    void sendRoute(const MailRoute& route, const SmtpMessage& message, SendFn send, DirectSmtp::Done done);
    void logSmtp(const QueueEntry& entry, const SmtpResult& result);
    void logSecurityNote(const SmtpResult& result) const;
    void logMessageId(const QString& line);

    Config m_config;
    MailRoutes m_routes;
    RecipientResolver* m_recipients = nullptr;
    std::unique_ptr<MailQueue> m_queue;
    std::unique_ptr<SpoolIntake> m_intake;
    MailBuildPool* m_builds = nullptr;
    SmtpPool* m_pool = nullptr;
    DirectSmtp* m_direct = nullptr;
    QTimer m_deliveryTimer;
    QTimer m_deliverSoon;
    QSet<QString> m_delivering;                     // queue ids with an attempt in progress
    QList<std::shared_ptr<RetryWait>> m_retryWaits; // queue.retry calls waiting for attempts
    RotatingLog* m_smtpLog;
    std::unique_ptr<RotatingLog> m_messageIdLog;
};

} // namespace umgate
