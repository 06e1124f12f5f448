// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/rpc/RpcClient.h"

#include "engine/client/EngineTarget.h"
#include "engine/client/RpcFields.h"

#include <QAbstractSocket>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalSocket>
#include <QSslError>
#include <QSslSocket>
#include <vector>

namespace umgate {

namespace field = rpc::field;

using rpc::ErrorCode;
using Failure = RpcResponse::Failure;

namespace {

// Reads at most this much per pass, so one huge burst cannot grow the buffer far past the
// line limit before we check it.
constexpr qint64 ReadChunkBytes = qint64{1024} * 1024;

QString localSocketReason(QLocalSocket::LocalSocketError error, const QString& fallback)
{
    // Qt's own strings ("QLocalSocket::connectToServer: Invalid name") confuse administrators.
    switch (error) {
    case QLocalSocket::ServerNotFoundError:
        return RpcClient::tr("no such socket");
    case QLocalSocket::ConnectionRefusedError:
        return RpcClient::tr("connection refused");
    case QLocalSocket::SocketAccessError:
        return RpcClient::tr("permission denied");
    case QLocalSocket::PeerClosedError:
        return RpcClient::tr("the engine closed the connection");
    case QLocalSocket::SocketTimeoutError:
        return RpcClient::tr("timed out");
    default:
        return fallback;
    }
}

QString seconds(std::chrono::milliseconds ms)
{
    return QString::number(double(ms.count()) / 1000.0, 'g', 3);
}

} // namespace

RpcClient::RpcClient(QObject* parent)
    : QObject(parent), m_clientName(QStringLiteral("umgate/" UMGATE_VERSION))
{
    m_connectTimer.setSingleShot(true);
    connect(&m_connectTimer, &QTimer::timeout, this,
            [this] { teardown(tr("no answer from the engine within %1 s").arg(seconds(m_timeout))); });
    m_timeoutTimer.setSingleShot(true);
    connect(&m_timeoutTimer, &QTimer::timeout, this, &RpcClient::onTimeoutTick);
}

RpcClient::~RpcClient()
{
    // Futures must not hang; callbacks are not run, their owners may be half destroyed too.
    const RpcResponse gone = RpcResponse::failed(Failure::Connection, ErrorCode::InternalError,
                                                 tr("the RPC client was destroyed"));
    for (auto* map : {&m_sent, &m_queued}) {
        for (auto& [id, p] : *map) {
            if (!p.promise) continue;
            p.promise->addResult(gone);
            p.promise->finish();
        }
        map->clear();
    }
    for (auto& [p, r] : m_deferred) {
        if (!p.promise) continue;
        p.promise->addResult(r);
        p.promise->finish();
    }
    if (m_device) m_device->disconnect(this);
}

void RpcClient::connectToLocal(const QString& socketPath, const QString& token)
{
    auto* socket = new QLocalSocket(this);
    connect(socket, &QLocalSocket::connected, this, &RpcClient::sendHandshake);
    connect(socket, &QLocalSocket::disconnected, this,
            [this] { onTransportClosed(tr("the engine closed the connection")); });
    connect(socket, &QLocalSocket::errorOccurred, this, [this, socket](QLocalSocket::LocalSocketError error) {
        onTransportClosed(localSocketReason(error, socket->errorString()));
    });
    startConnecting(socket, socketPath, token);
    // Deferred, so a caller can queue requests first and every failure arrives the same way.
    QPointer<QLocalSocket> guard(socket);
    QMetaObject::invokeMethod(
        this,
        [this, guard, socketPath] {
            if (guard && guard == m_device) guard->connectToServer(socketPath);
        },
        Qt::QueuedConnection);
}

void RpcClient::connectToRemote(const QUrl& url, const QString& token, const QSslConfiguration& tls)
{
    if (!EngineTarget::isEngineUrl(url)) {
        teardown(tr("reconnecting"), ErrorCode::InternalError, true);
        m_peerName = url.toString();
        m_lastError = tr("%1 is not an engine address; expected umgate://HOST:PORT").arg(url.toString());
        QMetaObject::invokeMethod(
            this, [this, message = m_lastError] { emit errorOccurred(message); }, Qt::QueuedConnection);
        return;
    }
    auto* socket = new QSslSocket(this);
    socket->setSslConfiguration(tls);
    connect(socket, &QAbstractSocket::connected, this, [this] { m_reachedEngine = true; });
    connect(socket, &QSslSocket::encrypted, this, &RpcClient::sendHandshake);
    connect(socket, &QSslSocket::sslErrors, this, [this](const QList<QSslError>& errors) {
        QStringList texts;
        for (const QSslError& e : errors)
            texts << e.errorString();
        m_transportError = texts.join(QStringLiteral("; "));
    });
    connect(socket, &QAbstractSocket::disconnected, this,
            [this] { onTransportClosed(tr("the engine closed the connection")); });
    connect(socket, &QAbstractSocket::errorOccurred, this,
            [this, socket](QAbstractSocket::SocketError error) {
                QString reason = socket->errorString();
                if (error == QAbstractSocket::SslHandshakeFailedError && !m_transportError.isEmpty())
                    reason = tr("TLS handshake failed: %1").arg(m_transportError);
                else if (error == QAbstractSocket::RemoteHostClosedError)
                    reason = tr("the engine closed the connection");
                onTransportClosed(reason);
            });
    startConnecting(socket, url.toString(), token);
    QPointer<QSslSocket> guard(socket);
    const QString host = url.host();
    const auto port = quint16(url.port());
    QMetaObject::invokeMethod(
        this,
        [this, guard, host, port] {
            if (guard && guard == m_device) guard->connectToHostEncrypted(host, port);
        },
        Qt::QueuedConnection);
}

void RpcClient::disconnectFromEngine()
{
    teardown(tr("disconnected by the client"), ErrorCode::InternalError, true);
}

void RpcClient::startConnecting(QIODevice* device, const QString& peerName, const QString& token)
{
    teardown(tr("reconnecting"), ErrorCode::InternalError, true);
    m_device = device;
    m_peerName = peerName;
    m_token = token;
    m_buffer.clear();
    m_serverInfo = {};
    m_lastError.clear();
    m_transportError.clear();
    m_engineError.reset();
    m_reachedEngine = false;
    m_state = State::Connecting;
    connect(device, &QIODevice::readyRead, this, &RpcClient::onReadyRead);
    m_connectTimer.start(m_timeout);
}

void RpcClient::sendHandshake()
{
    if (m_state != State::Connecting) return;
    m_state = State::Handshaking;
    m_reachedEngine = true;
    Pending p;
    p.id = m_nextId++;
    p.method = rpc::Method::RpcVersion;
    p.line = rpc::requestLine(p.id, rpc::methodName(p.method),
                              {{field::token, m_token}, {field::client, m_clientName}});
    p.deadline = QDeadlineTimer(QDeadlineTimer::Forever); // m_connectTimer bounds the handshake
    m_handshakeId = p.id;
    sendLine(p.line);
    m_sent.emplace(p.id, std::move(p));
}

void RpcClient::sendLine(const QByteArray& line)
{
    if (m_device) m_device->write(line + '\n');
}

QFuture<RpcResponse> RpcClient::exec(rpc::Method method, const QJsonObject& params)
{
    return submit(method, params, {});
}

void RpcClient::exec(rpc::Method method, const QJsonObject& params, Callback callback)
{
    submit(method, params, std::move(callback));
}

QFuture<RpcResponse> RpcClient::submit(rpc::Method method, const QJsonObject& params, Callback callback)
{
    Pending p;
    p.id = m_nextId++;
    p.method = method;
    p.line = rpc::requestLine(p.id, rpc::methodName(method), params);
    p.promise = std::make_shared<QPromise<RpcResponse>>();
    p.promise->start();
    p.callback = std::move(callback);
    p.deadline = QDeadlineTimer(m_timeout);
    QFuture<RpcResponse> future = p.promise->future();

    if (const qsizetype size = p.line.size(); size > rpc::DefaultMaxMessageBytes) {
        failLater(std::move(p),
                  RpcResponse::failed(Failure::Client, ErrorCode::MessageTooLarge,
                                      tr("the request is %1 bytes; the engine accepts at most %2")
                                          .arg(size)
                                          .arg(rpc::DefaultMaxMessageBytes)));
        return future;
    }
    switch (m_state) {
    case State::Disconnected:
        failLater(std::move(p), RpcResponse::failed(Failure::Connection, ErrorCode::InternalError,
                                                    m_lastError.isEmpty() ? tr("not connected to the engine")
                                                                          : m_lastError));
        break;
    case State::Connecting:
    case State::Handshaking:
        m_queued.emplace(p.id, std::move(p));
        armTimeoutTimer();
        break;
    case State::Ready:
        sendLine(p.line);
        m_sent.emplace(p.id, std::move(p));
        armTimeoutTimer();
        break;
    }
    return future;
}

void RpcClient::finish(const Pending& pending, const RpcResponse& response)
{
    if (pending.promise) {
        pending.promise->addResult(response);
        pending.promise->finish();
    }
    if (pending.callback) pending.callback(response);
}

void RpcClient::failLater(Pending pending, const RpcResponse& response)
{
    // Kept here rather than in a queued lambda, so the destructor can still finish the future.
    if (m_deferred.empty())
        QMetaObject::invokeMethod(this, &RpcClient::deliverDeferred, Qt::QueuedConnection);
    m_deferred.emplace_back(std::move(pending), response);
}

void RpcClient::deliverDeferred()
{
    std::vector<std::pair<Pending, RpcResponse>> deferred;
    deferred.swap(m_deferred);
    // Callbacks may delete us; finish() is static and `deferred` is ours.
    for (auto& [p, r] : deferred)
        finish(p, r);
}

void RpcClient::onReadyRead()
{
    QPointer<RpcClient> guard(this);
    const quint64 generation = m_generation;
    // Bounded: each pass consumes at most one chunk; the device runs dry or the limit trips.
    while (m_device && m_device->bytesAvailable() > 0) {
        m_buffer += m_device->read(ReadChunkBytes);
        qsizetype start = 0;
        for (qsizetype nl = m_buffer.indexOf('\n'); nl >= 0; nl = m_buffer.indexOf('\n', start)) {
            const QByteArray line = m_buffer.mid(start, nl - start);
            start = nl + 1;
            processLine(line);
            if (!guard || generation != m_generation) return;
        }
        m_buffer.remove(0, start);
        if (m_buffer.size() > MaxServerLineBytes) {
            teardown(tr("the engine sent a line longer than %1 MiB")
                         .arg(MaxServerLineBytes / (qsizetype{1024} * 1024)));
            return;
        }
    }
}

void RpcClient::processLine(const QByteArray& rawLine)
{
    const QByteArray line = rawLine.trimmed();
    if (line.isEmpty()) return;
    if (line.size() > MaxServerLineBytes) {
        teardown(tr("the engine sent a line longer than %1 MiB")
                     .arg(MaxServerLineBytes / (qsizetype{1024} * 1024)));
        return;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        teardown(tr("the engine sent something that is not a JSON-RPC message"));
        return;
    }
    const QJsonObject message = doc.object();
    const QJsonValue id = message.value(field::id);
    if (id.isDouble()) {
        const QJsonValue error = message.value(field::error);
        complete(id.toInteger(),
                 error.isObject()
                     ? [&] {
                           RpcResponse r;
                           r.failure = Failure::Server;
                           r.error = rpc::Error::fromJson(error.toObject());
                           return r;
                       }()
                     : RpcResponse::success(message.value(field::result)));
        return;
    }
    if (message.contains(field::method)) {
        const auto notification = rpc::notificationFromName(message.value(field::method).toString());
        // Unknown names come from a newer engine; ignoring them keeps old clients working.
        if (notification) emit notificationReceived(*notification, message.value(field::params).toObject());
        return;
    }
    if (message.value(field::error).isObject()) {
        // An error without an id answers no request (oversized or unparsable line); the engine
        // usually closes next, and this is the reason worth reporting.
        const rpc::Error e = rpc::Error::fromJson(message.value(field::error).toObject());
        m_engineError = e;
        if (m_engineError->message.isEmpty()) m_engineError->message = rpc::errorName(e.code);
        emit errorOccurred(m_engineError->message);
    }
}

void RpcClient::complete(qint64 id, const RpcResponse& response)
{
    auto it = m_sent.find(id);
    if (it == m_sent.end()) return; // timed out earlier; the late answer has no one waiting
    Pending p = std::move(it->second);
    m_sent.erase(it);
    armTimeoutTimer();
    if (id == m_handshakeId) {
        handleHandshakeReply(response);
        return;
    }
    finish(p, response);
}

void RpcClient::handleHandshakeReply(const RpcResponse& response)
{
    m_handshakeId = 0;
    const QJsonObject info = response.resultObject();
    if (!response.ok) {
        teardown(tr("authentication failed: %1").arg(response.errorText()), response.error.code);
        return;
    }
    if (!info.value(field::authenticated).toBool()) {
        teardown(tr("the engine did not accept our token"), ErrorCode::Unauthenticated);
        return;
    }
    const int protocol = info.value(field::protocol).toInt();
    if (protocol != rpc::ProtocolVersion) {
        teardown(tr("the engine speaks protocol %1, this client %2").arg(protocol).arg(rpc::ProtocolVersion));
        return;
    }
    m_serverInfo = info;
    m_state = State::Ready;
    m_connectTimer.stop();
    std::map<qint64, Pending> queued;
    queued.swap(m_queued);
    for (auto& [qid, p] : queued) {
        sendLine(p.line);
        m_sent.emplace(qid, std::move(p));
    }
    armTimeoutTimer();
    emit connected();
}

void RpcClient::onTimeoutTick()
{
    std::vector<Pending> expired;
    for (auto* map : {&m_sent, &m_queued}) {
        for (auto it = map->begin(); it != map->end();) {
            if (it->first != m_handshakeId && it->second.deadline.hasExpired()) {
                expired.push_back(std::move(it->second));
                it = map->erase(it);
            } else {
                ++it;
            }
        }
    }
    armTimeoutTimer();
    for (Pending& p : expired) {
        const QString name = rpc::methodName(p.method);
        finish(p, RpcResponse::failed(
                      Failure::Timeout, ErrorCode::InternalError,
                      tr("no answer from the engine to %1 within %2 s").arg(name, seconds(m_timeout))));
    }
}

void RpcClient::armTimeoutTimer()
{
    qint64 next = -1;
    for (const auto* map : {&m_sent, &m_queued}) {
        for (const auto& [id, p] : *map) {
            if (p.deadline.isForever()) continue;
            const qint64 left = std::max<qint64>(0, p.deadline.remainingTime());
            if (next < 0 || left < next) next = left;
        }
    }
    if (next < 0)
        m_timeoutTimer.stop();
    else
        m_timeoutTimer.start(std::chrono::milliseconds(next));
}

void RpcClient::onTransportClosed(const QString& reason)
{
    if (m_state == State::Disconnected) return;
    QPointer<RpcClient> guard(this);
    const quint64 generation = m_generation;
    onReadyRead();
    if (!guard || generation != m_generation) return;
    // The engine said why it closes (too many clients, a revoked token): that is the reason to
    // report, not the closed socket.
    if (m_engineError && m_state == State::Ready)
        teardown(tr("the engine closed the connection: %1").arg(m_engineError->message), m_engineError->code);
    else if (m_engineError)
        teardown(tr("the engine refused the connection: %1").arg(m_engineError->message),
                 m_engineError->code);
    else if (m_state == State::Handshaking)
        teardown(tr("%1 before answering the handshake (%2)")
                     .arg(reason, rpc::methodName(rpc::Method::RpcVersion)));
    else
        teardown(reason);
}

void RpcClient::teardown(const QString& reason, ErrorCode code, bool userRequested)
{
    if (m_state == State::Disconnected) return;
    const bool wasReady = m_state == State::Ready;
    ++m_generation;
    m_state = State::Disconnected;
    m_handshakeId = 0;
    m_connectTimer.stop();
    m_timeoutTimer.stop();
    m_lastError = reason;
    if (QIODevice* device = m_device) {
        m_device = nullptr;
        device->disconnect(this);
        if (auto* local = qobject_cast<QLocalSocket*>(device))
            local->abort();
        else if (auto* socket = qobject_cast<QAbstractSocket*>(device))
            socket->abort();
        device->deleteLater(); // we may be inside one of its signals
    }
    m_buffer.clear();
    std::map<qint64, Pending> sent;
    std::map<qint64, Pending> queued;
    sent.swap(m_sent);
    queued.swap(m_queued);

    QPointer<RpcClient> guard(this);
    if (!userRequested) emit errorOccurred(reason);
    if (guard && wasReady) emit disconnected();
    // From here on `this` may be gone (a slot or callback may delete us); finish() is static.
    const RpcResponse failure = RpcResponse::failed(Failure::Connection, code, reason);
    for (auto* map : {&sent, &queued})
        for (auto& [id, p] : *map)
            if (p.promise || p.callback) finish(p, failure);
}

} // namespace umgate
