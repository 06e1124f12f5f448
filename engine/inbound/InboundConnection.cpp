// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/inbound/InboundConnection.h"

#include "engine/core/Log.h"
#include "engine/core/RotatingLog.h"
#include "engine/directory/DirectoryService.h"
#include "engine/inbound/InboundAddress.h"
#include "engine/inbound/KernelJob.h"
#include "engine/inbound/KernelJobWriter.h"
#include "engine/mail/MimeEncoding.h"

#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>
#include <QSslCipher>
#include <QSslSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace umgate {

namespace {

// A client that does not read its replies is dropped before they pile up.
constexpr qint64 kMaxUnsent = qint64(256) * 1024;
// Read at most this much ahead: while a mail is written, TCP holds back the rest.
constexpr qint64 kReadBuffer = qint64(64) * 1024;
// After the last reply (QUIT, 421, 550 for a bare LF), how long the client has to read it.
constexpr int kCloseGraceMs = 10 * 1000;

// A HELO name as it may stand in a header (no spaces), or a line as the log may show it.
QByteArray printable(const QByteArray& text, bool spaces = false)
{
    QByteArray out = text.left(255);
    const unsigned char first = spaces ? 32 : 33;
    for (char& c : out)
        if (static_cast<unsigned char>(c) < first || static_cast<unsigned char>(c) > 126) c = '?';
    return out;
}

// The route of a recipient relayed to the smart host (KernelJob routes have a type).
const QString kRelay = u"relay"_s;

bool isRelayed(const ReceivedRecipient& r)
{
    return r.route.value(kRelay).toBool();
}

} // namespace

bool inNetworks(const QHostAddress& peer, const QList<QPair<QHostAddress, int>>& networks)
{
    bool v4 = false;
    const QHostAddress plain(peer.toIPv4Address(&v4));
    const QHostAddress& address = v4 ? plain : peer;
    return std::any_of(networks.begin(), networks.end(),
                       [&address](const QPair<QHostAddress, int>& net) { return address.isInSubnet(net); });
}

SmtpServerSession::Verdict InboundConnection::checkRecipient(const InboundAddress& addresses,
                                                             const QByteArray& address)
{
    SmtpServerSession::Verdict v;
    const auto parsed = addresses.parse(address, &v.reply);
    if (parsed) {
        v.accepted = true;
        v.route = QJsonObject{{u"type"_s, parsed->type}, {u"number"_s, parsed->number}};
        if (!parsed->subAddress.isEmpty()) v.route.insert(u"subAddress"_s, parsed->subAddress);
        return v;
    }
    if (!m_settings.relayUnknown || !addresses.isForeign(address)) return v;
    if (!mayRelay()) {
        // Postfix's words, so a mail administrator knows it at once.
        v.reply = "554 5.7.1 <" + address + ">: Relay access denied (log in first)";
        logLine(u"relay to %1 refused: not logged in and not a relay client"_s.arg(
            QString::fromLatin1(printable(address))));
        return v;
    }
    v.accepted = true;
    v.route = QJsonObject{{kRelay, true}};
    return v;
}

// Cisco Unity: only a client that logged in, or one the administrator listed, may relay.
bool InboundConnection::mayRelay() const
{
    return !m_session.authenticatedUser().isEmpty() || inNetworks(m_peer, m_settings.relayClients);
}

InboundConnection::InboundConnection(QSslSocket* socket, const InboundSettings& settings,
                                     const InboundAddress& addresses, KernelJobWriter* writer,
                                     RotatingLog* log, QObject* parent)
    : QObject(parent), m_socket(socket), m_settings(settings), m_writer(writer), m_log(log),
      m_peer(socket->peerAddress()),
      m_id(QStringLiteral("%1").arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'))),
      m_session(
          settings.hostName, settings.limits,
          [this, addresses](const QByteArray& address) { return checkRecipient(addresses, address); },
          [this](char direction, const QByteArray& line) {
              logLine(QString(QLatin1Char(direction)) + u' ' +
                      QString::fromLatin1(printable(line.left(200), true)));
          }),
      m_timer(new QTimer(this)), m_mailTimer(new QTimer(this))
{
    socket->setParent(this);
    socket->setReadBufferSize(kReadBuffer);
    SmtpServerSession::Security security;
    const bool implicitTls = settings.implicitTls && settings.tls;
    security.tlsOffered = settings.tls.has_value() && !implicitTls;
    security.tlsActive = implicitTls; // nothing is read before the handshake is done
    security.forceTls = settings.forceTls;
    security.authRequired = !settings.authUser.isEmpty() || settings.directoryLogin;
    security.cramMd5 = settings.cramMd5;
    m_session.setSecurity(security);
    if (settings.tls) socket->setSslConfiguration(*settings.tls);
    connect(socket, &QSslSocket::encrypted, this, [this] {
        logLine(u"TLS started: %1"_s.arg(m_socket->sessionCipher().name()));
        if (m_settings.implicitTls) {
            m_socket->write(m_session.greeting());
            return;
        }
        m_session.tlsStarted();
        afterInput();
    });
    // A failed handshake ends the connection (Qt closes it); say why. sslErrors never fires here:
    // the server asks for no client certificate.
    connect(socket, &QAbstractSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_session.state() == SmtpServerSession::State::StartTls ||
            (m_settings.implicitTls && m_socket && !m_socket->isEncrypted()))
            logLine(u"TLS handshake failed: %1"_s.arg(m_socket ? m_socket->errorString() : QString()));
    });
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, &InboundConnection::onTimeout);
    m_mailTimer->setSingleShot(true);
    connect(m_mailTimer, &QTimer::timeout, this, [this] {
        if (m_session.state() == SmtpServerSession::State::Data)
            timeOut("the mail's data took longer than " +
                    QByteArray::number(m_settings.mailTimeoutMs / 1000) + " seconds");
    });
    connect(socket, &QTcpSocket::readyRead, this, &InboundConnection::onReadyRead);
    connect(socket, &QTcpSocket::disconnected, this, [this] {
        if (m_finished) return;
        m_finished = true;
        logLine(u"disconnected"_s);
        emit finished(this);
    });
    logLine(u"connect from %1"_s.arg(m_peer.toString()));
    // Implicit TLS: the greeting follows the handshake, which must be done within the command
    // timeout like the first command.
    if (implicitTls)
        socket->startServerEncryption();
    else
        socket->write(m_session.greeting());
    restartTimer();
}

InboundConnection::~InboundConnection() = default;

void InboundConnection::logLine(const QString& text)
{
    if (m_log) m_log->append(u"in=%1 %2"_s.arg(m_id, text));
}

void InboundConnection::restartTimer()
{
    const SmtpServerSession::State state = m_session.state();
    const bool progress = m_session.linesHandled() != m_lines || state != m_timedState;
    m_lines = m_session.linesHandled();
    if (state == SmtpServerSession::State::Data && m_timedState != SmtpServerSession::State::Data)
        m_mailTimer->start(m_settings.mailTimeoutMs);
    if (state != SmtpServerSession::State::Data) m_mailTimer->stop();
    m_timedState = state;
    switch (state) {
    case SmtpServerSession::State::Command:
        if (progress || !m_timer->isActive()) m_timer->start(m_settings.commandTimeoutMs);
        break;
    case SmtpServerSession::State::Data:
        m_timer->start(m_settings.dataTimeoutMs); // any bytes are a data block
        break;
    case SmtpServerSession::State::Waiting:
    case SmtpServerSession::State::Authenticating:
        m_timer->stop(); // our turn, not the client's
        break;
    case SmtpServerSession::State::StartTls:
        if (progress) m_timer->start(m_settings.commandTimeoutMs); // the handshake's time
        break;
    case SmtpServerSession::State::Closed:
        if (progress) m_timer->start(kCloseGraceMs);
        break;
    }
}

void InboundConnection::onReadyRead()
{
    const SmtpServerSession::State state = m_session.state();
    if (!m_socket || (state != SmtpServerSession::State::Command && state != SmtpServerSession::State::Data))
        return;
    const QByteArray bytes = m_socket->read(kReadBuffer);
    if (bytes.isEmpty()) return;
    m_session.receive(bytes);
    afterInput();
    // More may be in the socket's buffer (it reads ahead up to kReadBuffer).
    if (m_socket && m_socket->bytesAvailable() > 0 && m_session.state() != SmtpServerSession::State::Waiting)
        QMetaObject::invokeMethod(this, &InboundConnection::onReadyRead, Qt::QueuedConnection);
}

void InboundConnection::afterInput()
{
    if (m_session.state() == SmtpServerSession::State::Waiting) submit();
    if (m_session.state() == SmtpServerSession::State::Authenticating) checkLogin();
    flush();
    if (m_session.state() == SmtpServerSession::State::StartTls) startTls();
    restartTimer();
}

// After a reply the session waited for: handle what it kept, then what waits in the socket.
void InboundConnection::resume()
{
    afterInput();
    if (m_socket && m_socket->bytesAvailable() > 0) onReadyRead();
}

void InboundConnection::startTls()
{
    if (!m_socket || m_socket->isEncrypted() || m_socket->mode() != QSslSocket::UnencryptedMode) return;
    // CVE-2011-0411: what the client sent in clear after STARTTLS is dropped, never read as a command.
    m_socket->read(m_socket->bytesAvailable());
    m_socket->startServerEncryption();
}

// The login against the configured account or the directory; a wrong one is answered late, and
// logged.
void InboundConnection::checkLogin()
{
    const SmtpServerSession::Credentials c = m_session.takeCredentials();
    if (m_settings.directoryLogin) {
        checkDirectoryLogin(c);
        return;
    }
    const QByteArray password = m_settings.authPassword.toUtf8();
    const QByteArray expected =
        c.mechanism == "CRAM-MD5"
            ? QMessageAuthenticationCode::hash(c.challenge, password, QCryptographicHash::Md5).toHex()
            : password;
    const QByteArray given = c.mechanism == "CRAM-MD5" ? c.digest : c.password;
    // Compared in constant time, so the answer's timing does not tell how much was right.
    unsigned char diff = expected.size() == given.size() ? 0 : 1;
    for (qsizetype i = 0; i < qMin(expected.size(), given.size()); ++i)
        diff |= expected[i] ^ given[i];
    const bool ok = diff == 0 && !password.isEmpty() && c.user == m_settings.authUser;
    if (ok) {
        logLine(u"authenticated as %1 (%2)"_s.arg(c.user, QString::fromLatin1(c.mechanism)));
        m_session.finishAuth(true);
        return;
    }
    refuseLogin(c.user, c.mechanism, {});
}

// The directory answers later: the session waits in Authenticating (input stays in the socket)
// until the verdict, then resumes. The password is handed to the bind and kept nowhere else.
void InboundConnection::checkDirectoryLogin(const SmtpServerSession::Credentials& c)
{
    DirectoryService* directory = m_settings.directory;
    if (!directory || c.mechanism == "CRAM-MD5") {
        refuseLogin(c.user, c.mechanism, u"no directory to check it against"_s);
        return;
    }
    QPointer<InboundConnection> self(this);
    const QString user = c.user;
    const QByteArray mechanism = c.mechanism;
    directory->checkLogin(
        user, QString::fromUtf8(c.password), m_settings.loginFilter,
        [self, user, mechanism](DirectoryService::LoginResult result, const QString& detail) {
            if (!self) return;
            using V = SmtpServerSession::AuthVerdict;
            switch (result) {
            case DirectoryService::LoginResult::Accepted:
                self->logLine(u"authenticated as %1 (%2, directory entry %3)"_s.arg(
                    user, QString::fromLatin1(mechanism), detail.left(300)));
                self->m_loginDn = detail;
                self->m_session.finishAuth(V::Accepted);
                self->resume();
                return;
            case DirectoryService::LoginResult::Unavailable:
                self->logLine(u"login as %1 not checked: %2"_s.arg(user.left(100), detail.left(300)));
                Log::warning(self->m_settings.instanceId,
                             u"SMTP login as \"%1\" not checked, the directory cannot answer: %2"_s.arg(
                                 user.left(100), detail.left(300)));
                self->m_session.finishAuth(V::Unavailable);
                self->resume();
                return;
            case DirectoryService::LoginResult::Refused:
                self->refuseLogin(user, mechanism, detail);
                return;
            }
        });
}

void InboundConnection::refuseLogin(const QString& user, const QByteArray& mechanism, const QString& why)
{
    const QString how =
        QString::fromLatin1(mechanism) + (why.isEmpty() ? QString() : u": "_s + why.left(300));
    logLine(u"failed login as %1 (%2)"_s.arg(user.left(100), how));
    Log::warning(m_settings.instanceId,
                 u"failed SMTP login as \"%1\" from %2 (%3)"_s.arg(user.left(100), m_peer.toString(), how));
    QPointer<InboundConnection> self(this);
    QTimer::singleShot(m_settings.authFailureDelayMs, this, [self] {
        if (!self) return;
        self->m_session.finishAuth(false);
        self->resume();
    });
}

void InboundConnection::flush()
{
    if (!m_socket) return;
    const QByteArray out = m_session.takeOutput();
    if (!out.isEmpty()) m_socket->write(out);
    if (m_session.state() == SmtpServerSession::State::Closed) {
        m_socket->disconnectFromHost();
        return;
    }
    if (m_socket->bytesToWrite() > kMaxUnsent) {
        logLine(u"dropped: the client does not read its replies"_s);
        m_socket->abort();
    }
}

// One received mail's writes: the kernel jobs, the copy for the smart host, the report of
// refused recipients. The client hears 250 only when every part is on disk, else 451 (it sends
// again; a part already written stays: the kernel or the smart host may get it twice, never not
// at all).
void InboundConnection::submit()
{
    ReceivedMail message = m_session.takeMessage();
    QStringList relayed;
    QList<ReceivedRecipient> jobs;
    for (const ReceivedRecipient& r : std::as_const(message.recipients)) {
        if (isRelayed(r))
            relayed.append(QString::fromLatin1(r.address));
        else
            jobs.append(r);
    }
    message.recipients = jobs;
    if (m_settings.policy.enabled && !jobs.isEmpty()) {
        checkSender(std::move(message), relayed);
        return;
    }
    accept(std::move(message), relayed, {});
}

// The recipients of `message` are the kernel's, less those `check` refused (reported to the
// sender); `relayed` go to the smart host.
void InboundConnection::accept(ReceivedMail message, const QStringList& relayed,
                               const SenderCheck::Result& check)
{
    const QDateTime now = QDateTime::currentDateTime();
    const QString mailId = KernelJob::newId();
    QList<ReceivedRecipient> jobs;
    for (qsizetype i = 0; i < message.recipients.size(); ++i)
        if (std::none_of(check.refused.begin(), check.refused.end(),
                         [i](const SenderCheck::Refusal& r) { return r.index == i; }))
            jobs.append(message.recipients.at(i));
    // RFC 3848: ESMTP, with S for TLS and A for a login.
    const QByteArray protocol =
        QByteArray("ESMTP") + (message.tls ? "S" : "") + (message.authenticatedUser.isEmpty() ? "" : "A");
    const QByteArray prefix = "Received: from " + printable(message.helo) + " ([" +
                              m_peer.toString().toLatin1() + "])\r\n\tby " + printable(m_settings.hostName) +
                              " (umgate) with " + protocol + " id " + mailId.toLatin1() + ";\r\n\t" +
                              MimeEncoding::rfc5322Date(now) + "\r\n";
    auto pending = std::make_shared<Pending>();
    pending->instance = m_settings.instanceId;
    pending->sender = QString::fromLatin1(message.sender);
    pending->parts =
        (jobs.isEmpty() ? 0 : 1) + (relayed.isEmpty() ? 0 : 1) + (check.refused.isEmpty() ? 0 : 1);
    pending->reply = "250 2.0.0 Ok: queued as " + mailId.toLatin1();
    if (jobs.size() > 1) pending->reply += " and " + QByteArray::number(jobs.size() - 1) + " more";
    if (!relayed.isEmpty())
        pending->reply += "; " + QByteArray::number(relayed.size()) +
                          (relayed.size() == 1 ? " recipient" : " recipients") + " relayed to the smart host";
    if (!check.refused.isEmpty())
        pending->reply += "; " + QByteArray::number(check.refused.size()) +
                          (check.refused.size() == 1 ? " recipient" : " recipients") +
                          " refused, the sender gets a report";
    if (!check.refused.isEmpty()) submitReport(message, mailId, check, pending);
    if (!relayed.isEmpty())
        submitRelay({mailId, QString::fromLatin1(message.sender), relayed, prefix + message.data}, pending);
    message.recipients = jobs;
    if (!jobs.isEmpty()) submitJobs(std::move(message), mailId, prefix, now, check, pending);
}

// A part is on disk (or failed: already logged); the last one answers the client, if it is still
// there (if not, what was written stands: it will send again, RFC 1047).
void InboundConnection::partDone(const QPointer<InboundConnection>& self,
                                 const std::shared_ptr<Pending>& pending, bool ok, const QString& what)
{
    if (ok)
        pending->accepted.append(what);
    else
        pending->ok = false;
    if (--pending->parts > 0) return;
    if (!pending->accepted.isEmpty())
        Log::info(pending->instance,
                  u"mail from <%1> accepted %2"_s.arg(pending->sender, pending->accepted.join(u"; "_s)));
    if (!self) return;
    self->m_session.finishMessage(
        pending->ok ? pending->reply : QByteArray("451 4.3.0 the mail could not be stored; try again later"));
    self->resume();
}

// Answered on a later turn of the event loop even when the queue answers at once: the session
// is still inside accept() when a part is submitted.
PartDone InboundConnection::onLaterTurn(const QPointer<InboundConnection>& self, PartDone done)
{
    return [self, done = std::move(done)](bool ok, const QString& detail) {
        if (!self) return done(ok, detail);
        QMetaObject::invokeMethod(
            self, [done, ok, detail] { done(ok, detail); }, Qt::QueuedConnection);
    };
}

void InboundConnection::submitRelay(RelayRequest request, const std::shared_ptr<Pending>& pending)
{
    const QString to = request.recipients.join(u", "_s);
    logLine(u"relay to %1"_s.arg(to.left(300)));
    QPointer<InboundConnection> self(this);
    auto done = [self, pending, to](bool ok, const QString& detail) {
        if (!ok)
            Log::error(pending->instance,
                       u"mail from <%1> to %2 could not be queued for the smart host: %3"_s.arg(
                           pending->sender, to, detail));
        partDone(self, pending, ok, u"relayed to %1 as %2"_s.arg(to, detail));
    };
    const PartDone later = onLaterTurn(self, done);
    if (!m_settings.relay) return later(false, u"the instance has no mail queue"_s);
    m_settings.relay(std::move(request), later);
}

void InboundConnection::submitJobs(ReceivedMail message, const QString& mailId, const QByteArray& prefix,
                                   const QDateTime& now, const SenderCheck::Result& check,
                                   const std::shared_ptr<Pending>& pending)
{
    KernelJobWriter::Write w;
    w.ids.append(mailId); // the first job has the Received: line's id
    for (qsizetype i = 1; i < message.recipients.size(); ++i)
        w.ids.append(KernelJob::newId());
    w.prefix = prefix;
    KernelJob::Context base{QString(),
                            m_peer.toString(),
                            message.authenticatedUser,
                            now,
                            w.prefix.size() + message.data.size(),
                            {},
                            {}};
    base.sender = check.sender;
    w.countFile = check.countFile;
    w.countLine = check.countLine;
    QStringList summary;
    for (qsizetype i = 0; i < message.recipients.size(); ++i)
        summary.append(u"%1 (%2 %3)"_s.arg(w.ids.at(i),
                                           message.recipients.at(i).route.value(u"type"_s).toString(),
                                           message.recipients.at(i).route.value(u"number"_s).toString()));
    w.data = std::move(message.data);
    message.data = QByteArray();
    // Built on the writer thread, which decodes the mail (no MIME work on the event loop).
    w.envelope = [message, base, ids = w.ids, dialing = m_settings.dialing](
                     qsizetype i, const MimeReader::Content& content, const QStringList& files) {
        KernelJob::Context c = base;
        c.id = ids.at(i);
        if (!c.sender.isEmpty())
            c.reach = enumName(dialing.reach(message.recipients.at(i).route.value(u"number"_s).toString()));
        return QJsonDocument(KernelJob::envelope(message, message.recipients.at(i), c, content, files))
            .toJson(QJsonDocument::Compact);
    };
    QPointer<InboundConnection> self(this);
    w.done = [self, jobs = summary.join(u", "_s), pending, check,
              counts = m_settings.policy.counts](bool ok, const QString& error) {
        if (!ok) {
            Log::error(pending->instance, u"mail from <%1> could not be stored for the kernel: %2"_s.arg(
                                              pending->sender, error));
            SenderCheck::release(check, counts.get());
        }
        partDone(self, pending, ok, u"as "_s + jobs);
    };
    m_writer->submit(std::move(w));
}

void InboundConnection::onTimeout()
{
    if (!m_socket) return;
    if (m_session.state() == SmtpServerSession::State::Closed) {
        m_socket->abort(); // the client did not take its last reply
        return;
    }
    timeOut(m_session.state() == SmtpServerSession::State::Data
                ? "no data for " + QByteArray::number(m_settings.dataTimeoutMs / 1000) + " seconds"
                : "no command for " + QByteArray::number(m_settings.commandTimeoutMs / 1000) + " seconds");
}

void InboundConnection::timeOut(const QByteArray& why)
{
    logLine(u"timeout: "_s + QString::fromLatin1(why));
    Log::warning(m_settings.instanceId,
                 u"SMTP client %1 dropped: %2"_s.arg(m_peer.toString(), QString::fromLatin1(why)));
    m_session.abort("421 4.4.2 " + m_settings.hostName + " timeout (" + why + "), closing the connection");
    flush();
    restartTimer();
}

void InboundConnection::shutdown()
{
    if (!m_socket || m_session.state() == SmtpServerSession::State::Closed) return;
    m_session.abort("421 4.3.2 " + m_settings.hostName + " shutting down, try again later");
    flush();
    restartTimer();
}

} // namespace umgate
