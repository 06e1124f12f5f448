// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/rpc/RpcServer.h"

#include "engine/core/Log.h"
#include "engine/rpc/RpcConnection.h"
#include "engine/rpc/RpcTlsListener.h"

#include <QFile>
#include <QLocalServer>
#include <QLocalSocket>
#include <QSslSocket>

namespace umgate {

RpcServer::RpcServer(Handler handler, Authenticator authenticator, QObject* parent)
    : QObject(parent), m_handler(std::move(handler)), m_authenticator(std::move(authenticator))
{
}

RpcServer::~RpcServer()
{
    const auto connections = m_connections;
    m_connections.clear();
    qDeleteAll(connections);
    if (m_local) {
        const QString path = m_local->fullServerName();
        m_local->close();
        QFile::remove(path);
    }
}

bool RpcServer::listenLocal(const QString& socketPath, QString* error)
{
    // sockaddr_un holds 108 bytes; a longer path would be cut silently by some layers.
    if (QFile::encodeName(socketPath).size() >= 108) {
        if (error)
            *error = QStringLiteral("socket path %1 is longer than 107 bytes; choose a shorter data dir")
                         .arg(socketPath);
        return false;
    }
    // The caller holds the data dir's lock, so a socket file still there is a stale one.
    QLocalServer::removeServer(socketPath);
    m_local = new QLocalServer(this);
    m_local->setSocketOptions(QLocalServer::UserAccessOption);
    m_local->setMaxPendingConnections(64);
    if (!m_local->listen(socketPath)) {
        if (error) *error = QStringLiteral("cannot listen on %1: %2").arg(socketPath, m_local->errorString());
        return false;
    }
    QFile::setPermissions(socketPath, QFile::ReadOwner | QFile::WriteOwner);
    connect(m_local, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket* s = m_local->nextPendingConnection())
            adopt(s, true, QDeadlineTimer(m_limits.authTimeoutMs));
    });
    return true;
}

bool RpcServer::listenTls(const QHostAddress& address, quint16 port, const QSslConfiguration& tls,
                          QString* error)
{
    closeTls();
    m_tls = new RpcTlsListener(
        tls, [this](const QHostAddress& peer) { return admitRemote(peer); }, this);
    m_tls->setHandshakeTimeout(m_limits.authTimeoutMs);
    if (!m_tls->listen(address, port)) {
        if (error)
            *error = QStringLiteral("cannot listen on %1:%2: %3")
                         .arg(address.toString())
                         .arg(port)
                         .arg(m_tls->errorString());
        delete m_tls;
        m_tls = nullptr;
        return false;
    }
    connect(m_tls, &RpcTlsListener::ready, this,
            [this](QSslSocket* s, QDeadlineTimer authDeadline) { adopt(s, false, authDeadline); });
    return true;
}

void RpcServer::closeTls()
{
    if (!m_tls) return;
    m_tls->close();
    delete m_tls;
    m_tls = nullptr;
}

bool RpcServer::isListeningTls() const
{
    return m_tls && m_tls->isListening();
}

void RpcServer::setLimits(const Limits& limits)
{
    m_limits = limits;
    if (m_tls) m_tls->setHandshakeTimeout(limits.authTimeoutMs);
}

bool RpcServer::admitRemote(const QHostAddress& peer)
{
    int remote = m_tls ? m_tls->handshakeCount() : 0;
    int unauthenticated = m_tls ? m_tls->handshakesFrom(peer) : 0;
    for (const RpcConnection* c : std::as_const(m_connections)) {
        if (c->isLocal()) continue;
        ++remote;
        if (!c->isAuthenticated() && c->peerAddress().isEqual(peer)) ++unauthenticated;
    }
    if (remote >= m_limits.maxRemoteClients) {
        refuseRemote(QStringLiteral("%1 remote clients (rpc.tcp.maxClients); refused %2")
                         .arg(remote)
                         .arg(peer.toString()));
        return false;
    }
    if (unauthenticated >= m_limits.maxUnauthenticatedPerAddress) {
        refuseRemote(
            QStringLiteral("%1 unauthenticated clients from %2 (rpc.tcp.maxUnauthenticatedPerAddress); "
                           "refused another")
                .arg(unauthenticated)
                .arg(peer.toString()));
        return false;
    }
    return true;
}

void RpcServer::refuseRemote(const QString& why)
{
    if (m_lastRefusalLog.isValid() && !m_lastRefusalLog.hasExpired(10000)) return;
    m_lastRefusalLog.start();
    Log::warning({}, QStringLiteral("remote RPC: %1").arg(why));
}

void RpcServer::adopt(QIODevice* device, bool local, QDeadlineTimer authDeadline)
{
    // Remote peers were counted before their handshake (admitRemote); the local socket has its own
    // limit, which remote clients never use up.
    if (local) {
        int localClients = 0;
        for (const RpcConnection* c : std::as_const(m_connections))
            localClients += c->isLocal() ? 1 : 0;
        if (localClients >= m_limits.maxClients) {
            // The reason goes out before the close, so the client can say why (it has not sent
            // anything yet, so there is no request id to answer).
            device->write(
                rpc::errorLine(QJsonValue(), {rpc::ErrorCode::Busy, QStringLiteral("too many clients"), {}}) +
                '\n');
            auto* ls = qobject_cast<QLocalSocket*>(device);
            connect(ls, &QLocalSocket::disconnected, ls, &QObject::deleteLater);
            ls->disconnectFromServer(); // writes what is buffered first
            return;
        }
    }
    m_connections.append(new RpcConnection(this, device, local, authDeadline));
}

int RpcServer::closePrincipal(const QString& principal, const QString& why)
{
    int closed = 0;
    const auto connections = m_connections;
    for (RpcConnection* c : connections) {
        if (c->isLocal() || !c->isAuthenticated() || c->principal() != principal) continue;
        c->closeWithError(rpc::ErrorCode::Unauthenticated, why);
        ++closed;
    }
    return closed;
}

void RpcServer::forget(RpcConnection* connection)
{
    m_connections.removeOne(connection);
}

void RpcServer::broadcast(rpc::Notification notification, const QJsonObject& params)
{
    const auto connections = m_connections;
    for (RpcConnection* c : connections)
        if (c->isSubscribed(notification)) c->notify(notification, params);
}

} // namespace umgate
