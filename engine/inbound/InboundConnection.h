// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/directory/DialingRules.h"
#include "engine/inbound/SenderCheck.h"
#include "engine/inbound/SmtpServerSession.h"
#include "engine/mail/DeliveryReport.h"

#include <QDateTime>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>
#include <optional>

class QSslSocket;
class QTimer;

namespace umgate {

class CallQueue;
class DirectoryService;
class InboundAddress;
class KernelJobWriter;
class RotatingLog;

// A mail, or the part of it for recipients outside the gateway's domains, for the smart host.
struct RelayRequest
{
    QString mailId; // in umgate's Received: line; the dedupe key of the queued copy
    QString sender; // MAIL FROM, "" for the null sender
    QStringList recipients;
    QByteArray data; // with umgate's Received: line on top
};
// Queues it durably for the smart host; `done` runs on the caller's thread once it is on disk
// (ok, with the queue id) or could not be (the reason).
using RelayFn =
    std::function<void(RelayRequest request, std::function<void(bool ok, const QString& detail)> done)>;

// Done callback of a part of a received mail that must be on disk before the 250.
using PartDone = std::function<void(bool ok, const QString& detail)>;
// Queues the report about recipients a sender's rights kept from the kernel (SenderCheck) for
// the sender (the instance fills in its reporter and message id); `done` as for RelayFn.
using RefusalReportFn = std::function<void(const QString& mailId, DeliveryReport report, PartDone done)>;
// A mail of an unknown sender was refused (ixi-UMS 4.2.4.3): tells the default recipient.
using UnknownSenderFn = std::function<void(const QString& mailId, const QString& sender,
                                           const QStringList& recipients, const QString& reason)>;

// Whether `peer` is in one of `networks` (an IPv4 client on a dual-stack socket, ::ffff:a.b.c.d,
// counts as a.b.c.d). False for an empty list.
bool inNetworks(const QHostAddress& peer, const QList<QPair<QHostAddress, int>>& networks);

// What an instance's SMTP listener runs with (InstanceParts::inbound builds it from the config).
struct InboundSettings
{
    QString instanceId;
    QByteArray hostName; // in the greeting, EHLO and Received: lines
    SmtpServerSession::Limits limits;
    // RFC 5321 4.5.3.2: a server waits at least 5 minutes for a command and 3 minutes for each
    // block of data; a client idle or trickling for longer is dropped with 421.
    // A command must be complete within commandTimeoutMs (bytes without a line end do not count,
    // so a client cannot trickle a command forever); data must keep coming (dataTimeoutMs
    // between blocks) and a whole mail's data must be in within mailTimeoutMs (RFC 5321's
    // 10 minutes for DATA termination).
    int commandTimeoutMs = 5 * 60 * 1000;
    int dataTimeoutMs = 3 * 60 * 1000;
    int mailTimeoutMs = 10 * 60 * 1000;
    int maxConnections = 100;                       // per instance
    int maxPerClient = 10;                          // per client address
    QList<QPair<QHostAddress, int>> allowedClients; // addresses and networks; empty: everybody
    QString senderTemplate;
    QString mailDomain;
    DialingRules dialing; // the site's: national and local numbers to E.164
    QString outgoingDir;  // Kernel/Outgoing
    // ixi-UMS 4.2.1.1-2: STARTTLS with the instance's certificate (nothing: not offered; the
    // reason in tlsError when it was asked for), AUTH against the configured account.
    std::optional<QSslConfiguration> tls;
    QString tlsError;
    // RFC 8314 implicit TLS: the handshake comes first, the greeting after it; no STARTTLS.
    // The listener does not listen when this is asked for but `tls` could not be loaded.
    bool implicitTls = false;
    bool forceTls = false;
    QString authUser; // empty: no AUTH, anyone allowed may send
    QString authPassword;
    bool cramMd5 = false;
    // ixi-UMS 4.2.1.1 against the directory: the entry loginFilter finds (${USER} = the name
    // given) is bound with the password; `directory` is the instance's. `embeddedDirectory`: the
    // instance has no LDAP servers, so no login can succeed (a warning in the status).
    bool directoryLogin = false;
    QString loginFilter;
    bool embeddedDirectory = false;
    QPointer<DirectoryService> directory;
    int authFailureDelayMs = 2000; // a failed login is answered this late
    // Cisco Unity's smart host: a recipient outside the gateway's domains is relayed when the
    // client logged in or its address is in relayClients; `relay` queues it (Instance sets it).
    bool relayUnknown = false;
    QList<QPair<QHostAddress, int>> relayClients;
    RelayFn relay;
    // ixi-UMS 4.2.4 and Cisco Unity: who may send what (SenderCheck, at the end of each mail's
    // data). Refused recipients are reported to the sender through reportRefused; without it
    // (no mail queue) the whole mail is refused instead. The mails of unknown senders are kept
    // in refusedDir (SMTPIn/Error) when the policy archives them.
    SenderPolicy policy;
    RefusalReportFn reportRefused;
    UnknownSenderFn unknownSender;
    QString refusedDir;
};

// One SMTP client of an instance's listener: the socket, the timeouts and the hand-over of each
// received mail to the KernelJobWriter (one job per recipient) and, for recipients of other
// domains, to the smart host's queue (InboundSettings::relay); the 250 only after both say their
// part is on disk. The protocol is SmtpServerSession's. Deletes itself when the connection ends.
class InboundConnection : public QObject
{
    Q_OBJECT
public:
    InboundConnection(QSslSocket* socket, const InboundSettings& settings, const InboundAddress& addresses,
                      KernelJobWriter* writer, RotatingLog* log, QObject* parent);
    ~InboundConnection() override;

    QHostAddress peer() const { return m_peer; }
    // Ends the session with 421 (the listener stops).
    void shutdown();

signals:
    void finished(InboundConnection* connection);

private:
    void onReadyRead();
    void afterInput();
    void flush();
    // One received mail's parts (kernel jobs, the smart host's copy, the report of refused
    // recipients): the 250 only when every part is on disk, else 451.
    struct Pending
    {
        QString instance;
        QString sender;
        int parts = 0;
        bool ok = true;
        QStringList accepted; // for the log line
        QByteArray reply;     // "queued as ..." and what was relayed
    };
    void submit();
    // InboundConnectionPolicy.cpp: the sender check between the data and the writes.
    void checkSender(ReceivedMail message, const QStringList& relayed);
    void refuseMail(const ReceivedMail& message, const SenderCheck::Result& check, const QString& from);
    void submitReport(const ReceivedMail& message, const QString& mailId, const SenderCheck::Result& check,
                      const std::shared_ptr<Pending>& pending);
    void accept(ReceivedMail message, const QStringList& relayed, const SenderCheck::Result& check);
    void submitJobs(ReceivedMail message, const QString& mailId, const QByteArray& prefix,
                    const QDateTime& now, const SenderCheck::Result& check,
                    const std::shared_ptr<Pending>& pending);
    void submitRelay(RelayRequest request, const std::shared_ptr<Pending>& pending);
    static PartDone onLaterTurn(const QPointer<InboundConnection>& self, PartDone done);
    static void partDone(const QPointer<InboundConnection>& self, const std::shared_ptr<Pending>& pending,
                         bool ok, const QString& what);
    SmtpServerSession::Verdict checkRecipient(const InboundAddress& addresses, const QByteArray& address);
    bool mayRelay() const;
    void onTimeout();
    void restartTimer();
    void timeOut(const QByteArray& why);
    void startTls();
    void checkLogin();
    void checkDirectoryLogin(const SmtpServerSession::Credentials& c);
    void refuseLogin(const QString& user, const QByteArray& mechanism, const QString& why);
    void resume();
    void logLine(const QString& text);

    QPointer<QSslSocket> m_socket;
    const InboundSettings m_settings;
    KernelJobWriter* m_writer;
    RotatingLog* m_log;
    QHostAddress m_peer;
    QString m_id;      // the session id in the log
    QString m_loginDn; // the directory entry the client logged in as
    SmtpServerSession m_session;
    QTimer* m_timer;     // the current wait: command, data block, the last reply
    QTimer* m_mailTimer; // the whole of a mail's data
    quint64 m_lines = 0;
    SmtpServerSession::State m_timedState = SmtpServerSession::State::Command;
    bool m_finished = false;
    CallQueue* m_calls = nullptr; // answers from the thread pool (the archive of a refused mail)
};

} // namespace umgate
