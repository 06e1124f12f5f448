// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/smtp/SmtpConnection.h"

#include "engine/smtp/SmtpClassifier.h"
#include "engine/smtp/SmtpReply.h"

#include <QSslSocket>
#include <QSysInfo>

using namespace Qt::StringLiterals;

namespace umgate {

namespace {

constexpr int kMaxLineBytes = 64 * 1024; // RFC 5321 allows 512; anything near this is garbage
constexpr int kMaxReplyLines = 200;
constexpr int kQuitWaitMs = 5000;

QString replyText(const QList<QByteArray>& lines)
{
    QStringList parts;
    for (const QByteArray& l : lines)
        parts << QString::fromUtf8(l);
    return parts.join(u" / "_s);
}

QString seconds(int ms)
{
    return ms % 1000 == 0 ? u"%1 s"_s.arg(ms / 1000) : u"%1 ms"_s.arg(ms);
}

} // namespace

SmtpConnection::SmtpConnection(const SmtpServerConfig& config, QObject* parent)
    : QObject(parent), m_config(config)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SmtpConnection::onTimeout);
}

SmtpConnection::~SmtpConnection()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        delete m_socket;
    }
}

bool SmtpConnection::isIdle() const
{
    return !m_busy && (m_state == State::Idle || m_state == State::Disconnected);
}

bool SmtpConnection::isConnected() const
{
    return m_socket && m_state != State::Disconnected && m_state != State::Quit;
}

bool SmtpConnection::isClosed() const
{
    return m_state == State::Disconnected;
}

QByteArray SmtpConnection::encodeBody(const QByteArray& data)
{
    // Worst case doubles every byte (bare CR or LF to CRLF, "." to ".."), plus the final ".".
    QByteArray out;
    out.resize(data.size() * 2 + 5);
    char* o = out.data();
    const char* in = data.constData();
    const char* const end = in + data.size();
    bool lineStart = true;
    while (in < end) {
        const char c = *in++;
        if (c == '\r' || c == '\n') {
            // CRLF, a bare LF and a bare CR all end a line.
            if (c == '\r' && in < end && *in == '\n') ++in;
            *o++ = '\r';
            *o++ = '\n';
            lineStart = true;
            continue;
        }
        if (lineStart && c == '.') *o++ = '.';
        *o++ = c;
        lineStart = false;
    }
    if (!lineStart) {
        *o++ = '\r';
        *o++ = '\n';
    }
    *o++ = '.';
    *o++ = '\r';
    *o++ = '\n';
    out.truncate(o - out.constData());
    return out;
}

void SmtpConnection::send(const SmtpMessage& message, Done done)
{
    SmtpResult early;
    early.server = u"%1:%2"_s.arg(m_config.host).arg(m_config.port);
    if (!isIdle() || message.recipients.isEmpty()) {
        const bool busy = !isIdle();
        early.outcome = busy ? SmtpOutcome::Deferral : SmtpOutcome::Failure;
        early.stage = SmtpStage::Mail;
        early.reply = busy ? u"internal error: the SMTP connection is busy with another message or closing"_s
                           : u"the message has no recipients"_s;
        early.tried = !busy; // nothing went to the server; a mail without recipients is its own fault
        for (const QString& r : message.recipients)
            early.recipients.append({r, early.outcome, early.stage, 0, early.reply});
        QMetaObject::invokeMethod(
            this, [done = std::move(done), early] { done(early); }, Qt::QueuedConnection);
        return;
    }
    m_busy = true;
    m_txOpen = true;
    m_retried = false;
    m_message = message;
    m_body = encodeBody(message.data);
    m_done = std::move(done);
    m_result = SmtpResult();
    m_result.server = early.server;
    m_decided.clear();
    for (const QString& r : message.recipients) {
        m_result.recipients.append({r, SmtpOutcome::Deferral, SmtpStage::Connect, 0, QString()});
        m_decided.append(false);
    }
    m_elapsed.start();
    // Queued, so `done` can never run inside send() (a connect may fail synchronously).
    QMetaObject::invokeMethod(this, &SmtpConnection::begin, Qt::QueuedConnection);
}

void SmtpConnection::begin()
{
    if (!m_txOpen) return;
    if (m_state == State::Idle && m_socket && m_socket->state() == QAbstractSocket::ConnectedState) {
        m_reused = true;
        if (m_tlsActive) m_result.tls = m_tlsInfo;
        startTransaction();
    } else {
        m_reused = false;
        connectNow();
    }
}

void SmtpConnection::connectNow()
{
    dropSocket();
    m_pipelining = m_startTlsOffered = m_eightBitMime = false;
    m_sizeLimit = 0;
    m_authMechanisms.clear();
    m_tlsActive = m_tlsUnverified = false;
    m_noTlsWhy.clear();
    m_tlsInfo.clear();
    m_sslErrors.clear();
    m_needRset = false;
    m_buffer.clear();
    m_replyLines.clear();

    m_socket = new QSslSocket(this);
    connect(m_socket, &QSslSocket::connected, this, &SmtpConnection::onConnected);
    connect(m_socket, &QSslSocket::encrypted, this, &SmtpConnection::onEncrypted);
    connect(m_socket, &QSslSocket::sslErrors, this, &SmtpConnection::onSslErrors);
    connect(m_socket, &QSslSocket::errorOccurred, this, &SmtpConnection::onSocketError);
    connect(m_socket, &QSslSocket::disconnected, this, &SmtpConnection::onDisconnected);
    connect(m_socket, &QSslSocket::readyRead, this, &SmtpConnection::onReadyRead);
    connect(m_socket, &QSslSocket::bytesWritten, this, [this] {
        // A large message: the end-of-data timeout counts from the last byte that left.
        if (m_state == State::Body) armTimer();
    });
    if (m_config.tls != SmtpServerConfig::Tls::None) setupSocketTls();
    if (!m_socket) return; // the CA file could not be used

    m_state = State::Connecting;
    ++m_connectionsOpened;
    const bool implicit = m_config.tls == SmtpServerConfig::Tls::Implicit;
    m_result.transcript << u"C: connect %1%2"_s.arg(m_result.server,
                                                    implicit ? u" (implicit TLS)"_s : QString());
    armTimer();
    if (implicit)
        m_socket->connectToHostEncrypted(m_config.host, m_config.port, m_config.host);
    else
        m_socket->connectToHost(m_config.host, m_config.port);
}

void SmtpConnection::onConnected()
{
    if (m_config.tls == SmtpServerConfig::Tls::Implicit) return; // greeting after the handshake
    m_state = State::Greeting;
    armTimer();
}

void SmtpConnection::onSocketError()
{
    if (!m_socket) return;
    QString why = m_socket->errorString();
    const bool tlsPhase = m_state == State::TlsHandshake ||
                          (m_state == State::Connecting && m_config.tls == SmtpServerConfig::Tls::Implicit);
    if (tlsPhase &&
        (!m_sslErrors.isEmpty() || m_socket->error() == QAbstractSocket::SslHandshakeFailedError)) {
        const QString detail = m_sslErrors.isEmpty() ? why : m_sslErrors.join(u"; "_s);
        why = u"TLS error: handshake with %1 failed: %2"_s.arg(m_result.server, detail);
    }
    connectionLost(why, true);
}

void SmtpConnection::onDisconnected()
{
    connectionLost(u"the server closed the connection"_s, true);
}

void SmtpConnection::onReadyRead()
{
    QSslSocket* const socket = m_socket;
    if (!socket) return;
    m_buffer.append(socket->readAll());
    // Bounded: each pass consumes one line; a handler may replace or drop the socket.
    while (m_socket == socket) {
        const qsizetype nl = m_buffer.indexOf('\n');
        if (nl < 0) {
            if (m_buffer.size() > kMaxLineBytes)
                connectionLost(
                    u"protocol error: the server sent a line longer than %1 bytes"_s.arg(kMaxLineBytes),
                    false);
            return;
        }
        QByteArray line = m_buffer.left(nl);
        m_buffer.remove(0, nl + 1);
        if (line.endsWith('\r')) line.chop(1);
        const auto parsed = SmtpReplyLine::parse(line);
        if (!parsed) {
            connectionLost(u"protocol error: the server sent \"%1\", not an SMTP reply"_s.arg(
                               QString::fromUtf8(line.left(200))),
                           false);
            return;
        }
        const int code = parsed->code;
        m_replyLines.append(line);
        if (!parsed->last) {
            if (m_replyLines.size() > kMaxReplyLines) {
                connectionLost(u"protocol error: reply with more than %1 lines"_s.arg(kMaxReplyLines), false);
                return;
            }
            continue;
        }
        const QList<QByteArray> lines = std::exchange(m_replyLines, {});
        onReply(code, lines);
    }
}

void SmtpConnection::onTimeout()
{
    if (m_state == State::Quit) {
        dropSocket();
        emit closed();
        return;
    }
    const QString why =
        m_state == State::Connecting
            ? u"no connection to %1 within %2"_s.arg(m_result.server, seconds(m_config.timeoutMs))
            : u"timeout: no reply from %1 within %2 while waiting for the %3"_s.arg(
                  m_result.server, seconds(m_config.timeoutMs), stageWaitText());
    connectionLost(why, false);
}

SmtpStage SmtpConnection::currentStage() const
{
    switch (m_state) {
    case State::Disconnected:
    case State::Connecting:
        return SmtpStage::Connect;
    case State::Greeting:
        return SmtpStage::Greeting;
    case State::Ehlo:
    case State::Helo:
        return SmtpStage::Helo;
    case State::StartTls:
    case State::TlsHandshake:
        return SmtpStage::StartTls;
    case State::Auth:
        return SmtpStage::Auth;
    case State::Idle:
    case State::Rset:
        return SmtpStage::Mail;
    case State::Transaction:
        return m_expect.isEmpty() ? SmtpStage::Mail : m_expect.first().stage;
    case State::Body:
    case State::ResetAfter:
    case State::Quit:
        return SmtpStage::EndOfData;
    }
    return SmtpStage::Connect;
}

QString SmtpConnection::stageWaitText() const
{
    switch (m_state) {
    case State::Greeting:
        return u"greeting"_s;
    case State::Ehlo:
        return u"EHLO reply"_s;
    case State::Helo:
        return u"HELO reply"_s;
    case State::StartTls:
        return u"STARTTLS reply"_s;
    case State::TlsHandshake:
        return u"TLS handshake"_s;
    case State::Auth:
        return u"AUTH reply"_s;
    case State::Rset:
    case State::ResetAfter:
        return u"RSET reply"_s;
    case State::Body:
        return u"reply to the end of data"_s;
    default:
        return smtpStageName(currentStage()) + u" reply"_s;
    }
}

bool SmtpConnection::writeRaw(const QByteArray& bytes)
{
    if (!m_socket || m_socket->write(bytes) != bytes.size()) {
        connectionLost(u"cannot send to %1: %2"_s.arg(m_result.server, m_socket ? m_socket->errorString()
                                                                                : u"not connected"_s),
                       true);
        return false;
    }
    return true;
}

bool SmtpConnection::writeCommand(const QByteArray& line, const QString& shown)
{
    m_result.transcript << u"C: "_s + (shown.isEmpty() ? QString::fromUtf8(line) : shown);
    return writeRaw(line + "\r\n");
}

void SmtpConnection::armTimer(int ms)
{
    m_timer.start(ms > 0 ? ms : qMax(1, m_config.timeoutMs));
}

void SmtpConnection::onReply(int code, const QList<QByteArray>& lines)
{
    const QString text = replyText(lines);
    const bool hidden = m_state == State::Auth && code == 334;
    if (hidden) {
        m_result.transcript << u"S: 334 (hidden)"_s;
    } else {
        for (const QByteArray& l : lines)
            m_result.transcript << u"S: "_s + QString::fromUtf8(l);
    }
    m_timer.stop();
    m_lastCode = code;
    m_lastReply = hidden ? u"334 (hidden)"_s : text;
    if (m_txOpen) m_gotReply = true;

    if (code == 421 && m_state != State::Quit) {
        // The server is closing the session: whatever is not decided waits for a later try.
        decideAll(SmtpOutcome::Deferral, currentStage(), code, text);
        dropSocket();
        if (m_txOpen) finish();
        emit closed();
        return;
    }

    const int digit = code / 100;
    switch (m_state) {
    case State::Greeting:
        if (digit == 2)
            sendEhlo();
        else
            setupFailed(SmtpStage::Greeting, code, text);
        return;
    case State::Ehlo:
        onEhloReply(code, text, lines);
        return;
    case State::Helo:
        if (digit == 2)
            afterHelo();
        else
            setupFailed(SmtpStage::Helo, code, text);
        return;
    case State::StartTls:
        onStartTlsReply(code, text);
        return;
    case State::Auth:
        onAuthReply(code, text, lines);
        return;
    case State::Rset:
        if (digit == 2) {
            m_needRset = false;
            startMail();
        } else {
            // The session is in an unknown state; the mail is not at fault.
            decideAll(SmtpOutcome::Deferral, SmtpStage::Mail, code, u"RSET refused: "_s + text);
            dropSocket();
            finish();
            emit closed();
        }
        return;
    case State::Transaction:
        onTransactionReply(code, text);
        return;
    case State::Body:
        for (int i : std::as_const(m_accepted))
            decide(i, SmtpClassifier::classify(SmtpStage::EndOfData, code, m_config.policy),
                   SmtpStage::EndOfData, code, text);
        m_needRset = false; // any reply to the final dot ends the transaction
        finish();
        return;
    case State::ResetAfter:
        if (digit == 2) m_needRset = false;
        finish();
        return;
    case State::Quit:
        dropSocket();
        emit closed();
        return;
    case State::Idle:
    case State::Disconnected:
    case State::Connecting:
    case State::TlsHandshake:
        // Unsolicited: the session is no longer in a known state.
        dropSocket();
        if (m_txOpen) {
            decideAll(SmtpOutcome::Deferral, currentStage(), code, u"unexpected reply: "_s + text);
            finish();
        }
        emit closed();
        return;
    }
}

void SmtpConnection::onEhloReply(int code, const QString& text, const QList<QByteArray>& lines)
{
    const int digit = code / 100;
    if (digit == 2) {
        const SmtpExtensions ext = SmtpExtensions::fromEhloReply(lines);
        m_pipelining = ext.pipelining;
        m_startTlsOffered = ext.startTls;
        m_eightBitMime = ext.eightBitMime;
        m_sizeLimit = ext.sizeLimit;
        m_authMechanisms = ext.authMechanisms;
        afterHelo();
    } else if (digit == 5) {
        // RFC 5321 4.1.4: an old server that does not know EHLO.
        m_state = State::Helo;
        const QByteArray name =
            (m_config.heloName.isEmpty() ? QSysInfo::machineHostName() : m_config.heloName).toUtf8();
        if (writeCommand("HELO " + (name.isEmpty() ? QByteArray("localhost") : name))) armTimer();
    } else {
        setupFailed(SmtpStage::Helo, code, text);
    }
}

void SmtpConnection::onStartTlsReply(int code, const QString& text)
{
    if (code == 220) {
        m_state = State::TlsHandshake;
        m_buffer.clear(); // RFC 3207 5: nothing sent before the handshake may be trusted
        armTimer();
        m_socket->startClientEncryption();
    } else if (m_config.tls == SmtpServerConfig::Tls::StartTlsRequired) {
        setupFailed(SmtpStage::StartTls, code,
                    u"STARTTLS refused by the server (TLS is required): "_s + text);
    } else {
        m_result.transcript << u"TLS: STARTTLS refused, continuing without TLS (opportunistic)"_s;
        m_noTlsWhy = u"server refused STARTTLS (%1)"_s.arg(text);
        startAuth();
    }
}

void SmtpConnection::sessionReady()
{
    m_state = State::Idle;
    if (m_txOpen) startTransaction();
}

void SmtpConnection::startTransaction()
{
    m_gotReply = false;
    m_accepted.clear();
    m_expect.clear();
    m_nextRecipient = 0;
    m_mailAccepted = false;
    // Checks that need no round trip: the server said what it takes.
    const qint64 size = m_body.size() - 3; // without the final ".\r\n"
    if (m_sizeLimit > 0 && size > m_sizeLimit) {
        decideAll(SmtpOutcome::Failure, SmtpStage::Mail, 0,
                  u"message too large: %1 bytes, but %2 accepts at most %3 bytes (SIZE); not sent"_s.arg(size)
                      .arg(m_result.server)
                      .arg(m_sizeLimit));
        finish();
        return;
    }
    if (m_message.eightBit && !m_eightBitMime) {
        decideAll(SmtpOutcome::Failure, SmtpStage::Mail, 0,
                  u"the message has 8-bit content, but %1 does not offer 8BITMIME; not sent"_s.arg(
                      m_result.server));
        finish();
        return;
    }
    if (m_needRset) {
        m_state = State::Rset;
        if (writeCommand("RSET")) armTimer();
        return;
    }
    startMail();
}

void SmtpConnection::startMail()
{
    QByteArray mail = "MAIL FROM:<" + m_message.from.toUtf8() + '>';
    if (m_sizeLimit > 0 || m_pipelining || m_eightBitMime) {
        // Parameters only for an ESMTP server (a HELO server offered nothing).
        if (m_sizeLimit > 0) mail += " SIZE=" + QByteArray::number(m_body.size() - 3);
        if (m_message.eightBit && m_eightBitMime) mail += " BODY=8BITMIME";
    }
    m_state = State::Transaction;
    m_needRset = true;
    if (m_pipelining) {
        // RFC 2920: MAIL, all RCPTs and DATA in one write, the replies come in order.
        QByteArray batch = mail + "\r\n";
        m_result.transcript << u"C: "_s + QString::fromUtf8(mail);
        m_expect.append({SmtpStage::Mail});
        for (int i = 0; i < m_message.recipients.size(); ++i) {
            const QByteArray rcpt = "RCPT TO:<" + m_message.recipients[i].toUtf8() + '>';
            m_result.transcript << u"C: "_s + QString::fromUtf8(rcpt);
            batch += rcpt + "\r\n";
            m_expect.append({SmtpStage::Rcpt, i});
        }
        batch += "DATA\r\n";
        m_result.transcript << u"C: DATA"_s
                            << u"C: (pipelined: %1 commands in one write)"_s.arg(m_expect.size() + 1);
        m_expect.append({SmtpStage::Data});
        m_nextRecipient = int(m_message.recipients.size());
        if (writeRaw(batch)) armTimer();
        return;
    }
    m_expect.append({SmtpStage::Mail});
    if (writeCommand(mail)) armTimer();
}

void SmtpConnection::onTransactionReply(int code, const QString& text)
{
    if (m_expect.isEmpty()) return;
    const Expect e = m_expect.takeFirst();
    const int digit = code / 100;
    switch (e.stage) {
    case SmtpStage::Mail:
        if (digit == 2) {
            m_mailAccepted = true;
        } else {
            decideAll(SmtpClassifier::classify(SmtpStage::Mail, code, m_config.policy), SmtpStage::Mail, code,
                      text);
        }
        if (!m_pipelining) {
            if (!m_mailAccepted) {
                sendResetAfter();
                return;
            }
            sendNextRecipient();
            return;
        }
        break;
    case SmtpStage::Rcpt:
        if (digit == 2 && m_mailAccepted)
            m_accepted.append(e.recipient);
        else
            decide(e.recipient,
                   digit == 2 ? SmtpOutcome::Deferral
                              : SmtpClassifier::classify(SmtpStage::Rcpt, code, m_config.policy),
                   SmtpStage::Rcpt, code, text);
        if (!m_pipelining) {
            if (m_nextRecipient < m_message.recipients.size()) {
                sendNextRecipient();
                return;
            }
            afterRecipients();
            return;
        }
        break;
    case SmtpStage::Data:
        onDataReply(code, text);
        return;
    default:
        break;
    }
    if (m_expect.isEmpty())
        sendResetAfter();
    else
        armTimer();
}

// Without PIPELINING one RCPT at a time, each after the reply to the one before.
void SmtpConnection::sendNextRecipient()
{
    const QByteArray rcpt = "RCPT TO:<" + m_message.recipients[m_nextRecipient].toUtf8() + '>';
    m_expect.append({SmtpStage::Rcpt, m_nextRecipient++});
    if (writeCommand(rcpt)) armTimer();
}

void SmtpConnection::onDataReply(int code, const QString& text)
{
    const int digit = code / 100;
    if (code == 354) {
        if (m_accepted.isEmpty()) {
            // Pipelined and the server wants data although no recipient was accepted: an
            // empty message must not go out, so the session is abandoned.
            decideAll(SmtpOutcome::Deferral, SmtpStage::Data, code, text);
            dropSocket();
            finish();
            emit closed();
            return;
        }
        m_state = State::Body;
        m_result.transcript << u"C: (message, %1 bytes)"_s.arg(m_body.size() - 3) << u"C: ."_s;
        if (writeRaw(m_body)) armTimer();
        return;
    }
    for (int i : std::as_const(m_accepted))
        decide(i,
               digit == 2 ? SmtpOutcome::Deferral
                          : SmtpClassifier::classify(SmtpStage::Data, code, m_config.policy),
               SmtpStage::Data, code, text);
    decideAll(SmtpOutcome::Deferral, SmtpStage::Data, code, text);
    sendResetAfter();
}

void SmtpConnection::afterRecipients()
{
    if (m_accepted.isEmpty()) {
        sendResetAfter(); // RFC 5321 3.3: no DATA without an accepted recipient
        return;
    }
    m_expect.append({SmtpStage::Data});
    if (writeCommand("DATA")) armTimer();
}

void SmtpConnection::sendResetAfter()
{
    m_state = State::ResetAfter;
    if (writeCommand("RSET")) armTimer();
}

void SmtpConnection::decide(int index, SmtpOutcome outcome, SmtpStage stage, int code, const QString& reply)
{
    if (index < 0 || index >= m_decided.size() || m_decided[index]) return;
    m_decided[index] = true;
    SmtpRecipientResult& r = m_result.recipients[index];
    r.outcome = outcome;
    r.stage = stage;
    r.code = code;
    r.reply = reply;
}

void SmtpConnection::decideAll(SmtpOutcome outcome, SmtpStage stage, int code, const QString& reply)
{
    for (int i = 0; i < m_decided.size(); ++i)
        decide(i, outcome, stage, code, reply);
}

void SmtpConnection::setupFailed(SmtpStage stage, int code, const QString& reply)
{
    decideAll(SmtpClassifier::classify(stage, code, m_config.policy), stage, code, reply);
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState && m_state != State::Connecting) {
        m_state = State::Quit;
        if (!writeCommand("QUIT")) return; // connectionLost() finished and closed
        armTimer(qMin(kQuitWaitMs, qMax(1, m_config.timeoutMs)));
    } else {
        dropSocket();
    }
    finish();
    if (m_state == State::Disconnected) emit closed();
}

void SmtpConnection::connectionLost(const QString& why, bool mayRetry)
{
    const State was = m_state;
    const SmtpStage stage = currentStage();
    dropSocket();
    if (was == State::Disconnected) return;
    if (m_txOpen) {
        const bool beforeFirstReply = (was == State::Rset || was == State::Transaction) && !m_gotReply;
        if (mayRetry && m_reused && beforeFirstReply && !m_retried) {
            // The server closed the idle session (its idle timeout): a new one, once.
            m_retried = true;
            m_reused = false;
            m_result.transcript << u"(%1; reconnecting)"_s.arg(why);
            emit closed();
            connectNow();
            return;
        }
        const bool plainConnectError =
            was == State::Connecting && !why.startsWith(u"TLS"_s) && !why.startsWith(u"no connection"_s);
        const QString text = plainConnectError ? u"cannot connect to %1: %2"_s.arg(m_result.server, why)
                                               : u"%1 (step: %2)"_s.arg(why, smtpStageName(stage));
        decideAll(SmtpOutcome::Deferral, stage, 0, text);
        m_result.transcript << u"(%1)"_s.arg(text);
        finish();
    }
    emit closed();
}

void SmtpConnection::dropSocket()
{
    m_timer.stop();
    if (m_socket) {
        QSslSocket* s = m_socket;
        m_socket = nullptr;
        s->disconnect(this);
        s->abort();
        s->deleteLater();
    }
    m_state = State::Disconnected;
    m_buffer.clear();
    m_replyLines.clear();
}

void SmtpConnection::finish()
{
    if (!m_txOpen) return;
    m_txOpen = false;
    if (m_state != State::Disconnected && m_state != State::Quit) m_state = State::Idle;
    if (m_state == State::Idle) m_timer.stop();
    SmtpResult& r = m_result;
    bool anyDeferral = false, anyFailure = false;
    for (int i = 0; i < r.recipients.size(); ++i) {
        if (!m_decided[i])
            decide(i, SmtpOutcome::Deferral, currentStage(), 0, u"no result (internal error)"_s);
        anyDeferral |= r.recipients[i].outcome == SmtpOutcome::Deferral;
        anyFailure |= r.recipients[i].outcome == SmtpOutcome::Failure;
    }
    r.outcome = anyDeferral  ? SmtpOutcome::Deferral
                : anyFailure ? SmtpOutcome::Failure
                             : SmtpOutcome::Success;
    const SmtpRecipientResult* deciding = nullptr;
    for (const SmtpRecipientResult& rr : std::as_const(r.recipients))
        if (rr.outcome == r.outcome) {
            deciding = &rr;
            break;
        }
    if (deciding) {
        r.stage = deciding->stage;
        r.code = deciding->code;
        r.reply = deciding->reply;
    }
    r.elapsedMs = m_elapsed.elapsed();
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_busy = false;
            Done done = std::move(m_done);
            m_done = nullptr;
            const SmtpResult result = std::move(m_result);
            if (done) done(result);
        },
        Qt::QueuedConnection);
}

void SmtpConnection::quit()
{
    if (m_state == State::Idle && m_socket && !m_txOpen) {
        m_state = State::Quit;
        m_result.transcript.clear();
        if (writeCommand("QUIT")) armTimer(qMin(kQuitWaitMs, qMax(1, m_config.timeoutMs)));
        return;
    }
    if (m_state == State::Disconnected || m_state == State::Quit) return;
    const bool hadTx = m_txOpen;
    if (hadTx) decideAll(SmtpOutcome::Deferral, currentStage(), 0, u"connection closed by the gateway"_s);
    dropSocket();
    if (hadTx) finish();
    emit closed();
}

} // namespace umgate
