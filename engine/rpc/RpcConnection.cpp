// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/rpc/RpcConnection.h"

#include "engine/core/Log.h"

#include <QAbstractSocket>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalSocket>

namespace umgate {

using rpc::ErrorCode;
namespace field = rpc::field;

// The answer to one request goes back on the connection that asked, if it is still there.
class RpcConnection::Reply final : public RpcReplySink
{
public:
    Reply(RpcConnection* connection, QJsonValue id, bool isNotification)
        : m_connection(connection), m_alive(connection->m_alive), m_id(std::move(id)),
          m_isNotification(isNotification)
    {
    }
    void reply(const QJsonValue& result, const std::optional<rpc::Error>& error) override
    {
        if (!open()) return;
        m_connection->send(error ? rpc::errorLine(m_id, *error) : rpc::resultLine(m_id, result));
    }
    void replySerialized(const QByteArray& resultJson) override
    {
        if (open()) m_connection->send(rpc::resultLineSerialized(m_id, resultJson));
    }

private:
    bool open() const
    {
        const auto alive = m_alive.lock();
        return alive && *alive && !m_isNotification;
    }
    RpcConnection* m_connection;
    std::weak_ptr<bool> m_alive;
    QJsonValue m_id;
    bool m_isNotification;
};

RpcConnection::RpcConnection(RpcServer* server, QIODevice* device, bool local, QDeadlineTimer authDeadline)
    : QObject(server), m_server(server), m_device(device), m_local(local)
{
    device->setParent(this);
    connect(device, &QIODevice::readyRead, this, &RpcConnection::onReadyRead);
    if (auto* ls = qobject_cast<QLocalSocket*>(device))
        connect(ls, &QLocalSocket::disconnected, this,
                [this] { m_state == State::Closing ? deleteLater() : close({}); });
    else if (auto* ts = qobject_cast<QAbstractSocket*>(device)) {
        m_peer = ts->peerAddress();
        connect(ts, &QAbstractSocket::disconnected, this,
                [this] { m_state == State::Closing ? deleteLater() : close({}); });
    }
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        close(m_state == State::AwaitingAuth ? QStringLiteral("did not authenticate in time")
                                             : QStringLiteral("idle timeout"));
    });
    m_timer.start(std::chrono::milliseconds(qMax<qint64>(0, authDeadline.remainingTime())));
    // Data may have arrived before we connected to readyRead.
    if (device->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &RpcConnection::onReadyRead, Qt::QueuedConnection);
}

RpcConnection::~RpcConnection()
{
    *m_alive = false;
    if (m_server) m_server->forget(this);
}

void RpcConnection::touch()
{
    if (m_state != State::Ready) return;
    // Subscribers are consoles waiting for events; silence is their normal state.
    if (!m_topics.isEmpty())
        m_timer.stop();
    else
        m_timer.start(m_server->limits().idleTimeoutMs);
}

void RpcConnection::close(const QString& why)
{
    if (m_state == State::Closing) return;
    m_state = State::Closing;
    m_timer.stop();
    if (!why.isEmpty()) Log::debug({}, QStringLiteral("RPC client dropped: %1").arg(why));
    if (auto* ls = qobject_cast<QLocalSocket*>(m_device))
        ls->disconnectFromServer();
    else if (auto* ts = qobject_cast<QAbstractSocket*>(m_device))
        ts->disconnectFromHost();
    m_server->forget(this);
    m_server = nullptr;
    // Let the last reply (the reason for closing) reach the client; then go, or after a grace
    // period if the client never reads it.
    auto* ls = qobject_cast<QLocalSocket*>(m_device);
    auto* ts = qobject_cast<QAbstractSocket*>(m_device);
    const bool gone = (ls && ls->state() == QLocalSocket::UnconnectedState) ||
                      (ts && ts->state() == QAbstractSocket::UnconnectedState);
    if (gone) {
        deleteLater();
        return;
    }
    QTimer::singleShot(5000, this, &QObject::deleteLater);
}

void RpcConnection::send(const QByteArray& line)
{
    if (m_state == State::Closing) return;
    if (m_device->bytesToWrite() > m_server->limits().maxPendingWriteBytes) {
        close(QStringLiteral("client does not read its replies"));
        return;
    }
    m_device->write(line);
    m_device->write("\n", 1);
}

void RpcConnection::sendError(const QJsonValue& id, ErrorCode code, const QString& message,
                              const QJsonValue& data)
{
    send(rpc::errorLine(id, rpc::Error{code, message, data}));
}

void RpcConnection::closeWithError(ErrorCode code, const QString& message)
{
    sendError(QJsonValue(), code, message);
    close(message);
}

void RpcConnection::notify(rpc::Notification notification, const QJsonObject& params)
{
    send(rpc::notificationLine(notification, params));
}

void RpcConnection::onReadyRead()
{
    if (m_state == State::Closing) return;
    m_passScheduled = false;
    const qsizetype limit = m_server->limits().maxMessageBytes;
    // Never buffer more than one request's worth beyond a line end.
    // Read what is there, not the limit: QIODevice::read(n) allocates n bytes up front.
    if (m_buffer.size() <= limit)
        m_buffer += m_device->read(qMin<qint64>(m_device->bytesAvailable(), limit + 1 - m_buffer.size()));
    // A few requests per pass, then back to the event loop: replies go out as they are ready
    // (acknowledged means written), and one client pipelining thousands of calls cannot starve
    // the others.
    constexpr int kLinesPerPass = 16;
    qsizetype start = 0;
    int handled = 0;
    for (qsizetype nl = m_buffer.indexOf('\n'); nl >= 0 && handled < kLinesPerPass;
         nl = m_buffer.indexOf('\n', start)) {
        const QByteArray line = m_buffer.mid(start, nl - start);
        start = nl + 1;
        ++handled;
        if (line.size() > limit) {
            sendError(QJsonValue(), ErrorCode::MessageTooLarge,
                      QStringLiteral("request longer than %1 bytes").arg(limit));
            close(QStringLiteral("oversized request"));
            return;
        }
        processLine(line);
        if (m_state == State::Closing) return;
    }
    m_buffer.remove(0, start);
    if (m_buffer.size() > limit && m_buffer.indexOf('\n') < 0) {
        sendError(QJsonValue(), ErrorCode::MessageTooLarge,
                  QStringLiteral("request longer than %1 bytes").arg(limit));
        close(QStringLiteral("oversized request"));
        return;
    }
    // Push replies out now; flush() writes what the kernel takes without blocking.
    if (auto* ls = qobject_cast<QLocalSocket*>(m_device))
        ls->flush();
    else if (auto* ts = qobject_cast<QAbstractSocket*>(m_device))
        ts->flush();
    if (m_buffer.contains('\n') || (m_device->bytesAvailable() > 0 && m_buffer.size() <= limit)) {
        if (!m_passScheduled) {
            m_passScheduled = true;
            QMetaObject::invokeMethod(this, &RpcConnection::onReadyRead, Qt::QueuedConnection);
        }
    }
}

void RpcConnection::processLine(const QByteArray& rawLine)
{
    const QByteArray line = rawLine.trimmed();
    if (line.isEmpty()) return;
    touch();
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &pe);
    if (pe.error != QJsonParseError::NoError) {
        sendError(QJsonValue(), ErrorCode::ParseError, QStringLiteral("not JSON: %1").arg(pe.errorString()));
        return;
    }
    if (doc.isArray()) {
        sendError(QJsonValue(), ErrorCode::InvalidRequest,
                  QStringLiteral("batch requests are not supported"));
        return;
    }
    const QJsonObject req = doc.object();
    const QJsonValue id = req.value(field::id);
    const bool isNotification = !req.contains(field::id);
    if (!id.isUndefined() && !id.isDouble() && !id.isString() && !id.isNull()) {
        sendError(QJsonValue(), ErrorCode::InvalidRequest,
                  QStringLiteral("id must be a number, a string or null"));
        return;
    }
    const QJsonValue replyId = isNotification ? QJsonValue() : id;
    if (req.value(field::jsonrpc).toString() != QLatin1String("2.0")) {
        sendError(replyId, ErrorCode::InvalidRequest, QStringLiteral("jsonrpc must be \"2.0\""));
        return;
    }
    const QJsonValue methodValue = req.value(field::method);
    if (!methodValue.isString()) {
        sendError(replyId, ErrorCode::InvalidRequest, QStringLiteral("method must be a string"));
        return;
    }
    const QJsonValue paramsValue = req.value(field::params);
    if (!paramsValue.isUndefined() && !paramsValue.isObject()) {
        sendError(replyId, ErrorCode::InvalidParams, QStringLiteral("params must be an object"));
        return;
    }
    const QJsonObject params = paramsValue.toObject();
    const auto method = rpc::methodFromName(methodValue.toString());
    if (!method) {
        sendError(replyId, ErrorCode::MethodNotFound,
                  QStringLiteral("no method %1").arg(methodValue.toString()));
        return;
    }
    if (*method == rpc::Method::RpcVersion) {
        handleVersion(replyId, params);
        return;
    }
    if (m_state != State::Ready) {
        sendError(replyId, ErrorCode::Unauthenticated, QStringLiteral("authenticate with rpc.version first"));
        return;
    }
    if (*method == rpc::Method::EventsSubscribe) {
        handleSubscribe(replyId, params);
        return;
    }
    const RpcCall call{*method, params, m_local, m_principal};
    m_server->m_handler(call, RpcReply(std::make_shared<Reply>(this, replyId, isNotification)));
}

void RpcConnection::handleVersion(const QJsonValue& id, const QJsonObject& params)
{
    // The method table is fixed at build time; every client's handshake asks for it.
    static const QJsonArray names = [] {
        QJsonArray out;
        for (const auto& m : rpc::methods())
            out.append(QString::fromLatin1(m.name));
        return out;
    }();
    QJsonObject result{{field::protocol, rpc::ProtocolVersion},
                       {field::engineVersion, QStringLiteral(UMGATE_VERSION)}};
    if (m_state != State::Ready) {
        const QByteArray token = params.value(field::token).toString().toUtf8();
        const auto principal = token.isEmpty() ? std::nullopt : m_server->m_authenticator(token, m_local);
        if (!principal) {
            sendError(id, ErrorCode::Unauthenticated,
                      m_local
                          ? QStringLiteral("wrong or missing token (read it from the engine's rpc.cookie)")
                          : QStringLiteral("wrong or missing admin token"));
            close(QStringLiteral("authentication failed"));
            return;
        }
        m_principal = *principal;
        m_state = State::Ready;
        touch();
    }
    result.insert(field::authenticated, true);
    result.insert(field::principal, m_principal);
    result.insert(field::methods, names);
    send(rpc::resultLine(id, result));
}

void RpcConnection::handleSubscribe(const QJsonValue& id, const QJsonObject& params)
{
    const QJsonValue topics = params.value(field::topics);
    if (!topics.isArray()) {
        sendError(id, ErrorCode::InvalidParams,
                  QStringLiteral("topics must be a list of notification names"));
        return;
    }
    QSet<int> wanted;
    for (const auto& t : topics.toArray()) {
        const auto n = rpc::notificationFromName(t.toString());
        if (!n) {
            sendError(id, ErrorCode::InvalidParams, QStringLiteral("no notification %1").arg(t.toString()));
            return;
        }
        wanted.insert(int(*n));
    }
    m_topics = wanted;
    touch();
    QJsonArray names;
    for (int n : std::as_const(m_topics))
        names.append(rpc::notificationName(rpc::Notification(n)));
    send(rpc::resultLine(id, QJsonObject{{field::topics, names}}));
}

} // namespace umgate
