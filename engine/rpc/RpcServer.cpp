// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/rpc/RpcServer.h"

#include "engine/core/Log.h"
#include "engine/rpc/RpcConnection.h"

#include <QFile>
#include <QLocalServer>
#include <QLocalSocket>
#include <QSslServer>
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
            adopt(s, true);
    });
    return true;
}

bool RpcServer::listenTls(const QHostAddress& address, quint16 port, const QSslConfiguration& tls,
                          QString* error)
{
    closeTls();
    m_tls = new QSslServer(this);
    m_tls->setSslConfiguration(tls);
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
    connect(m_tls, &QSslServer::errorOccurred, this, [](QSslSocket* s, QAbstractSocket::SocketError) {
        Log::warning({}, QStringLiteral("RPC TLS connection from %1 failed: %2")
                             .arg(s->peerAddress().toString(), s->errorString()));
    });
    connect(m_tls, &QTcpServer::pendingConnectionAvailable, this, [this] {
        while (QTcpSocket* s = m_tls->nextPendingConnection())
            adopt(s, false);
    });
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

void RpcServer::adopt(QIODevice* device, bool local)
{
    if (m_connections.size() >= m_limits.maxClients) {
        device->write(
            rpc::errorLine(QJsonValue(), {rpc::ErrorCode::Busy, QStringLiteral("too many clients"), {}}) +
            '\n');
        if (auto* ls = qobject_cast<QLocalSocket*>(device))
            ls->disconnectFromServer();
        else if (auto* ts = qobject_cast<QAbstractSocket*>(device))
            ts->disconnectFromHost();
        connect(device, SIGNAL(disconnected()), device, SLOT(deleteLater()));
        return;
    }
    m_connections.append(new RpcConnection(this, device, local));
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
