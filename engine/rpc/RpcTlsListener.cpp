// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/rpc/RpcTlsListener.h"

#include "engine/core/Log.h"

#include <QSslSocket>
#include <QTimer>
#include <unistd.h>

namespace umgate {

RpcTlsListener::RpcTlsListener(const QSslConfiguration& tls, Admit admit, QObject* parent)
    : QTcpServer(parent), m_tls(tls), m_admit(std::move(admit))
{
}

RpcTlsListener::~RpcTlsListener()
{
    // The sockets are our children and go with us; only the bookkeeping is cleared first, so
    // their signals find nothing to act on.
    const auto sockets = m_handshakes.keys();
    m_handshakes.clear();
    for (QSslSocket* s : sockets)
        s->disconnect(this);
}

int RpcTlsListener::handshakesFrom(const QHostAddress& peer) const
{
    int n = 0;
    for (const Handshake& h : m_handshakes)
        n += h.peer.isEqual(peer) ? 1 : 0;
    return n;
}

void RpcTlsListener::incomingConnection(qintptr descriptor)
{
    auto* socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        ::close(int(descriptor)); // not adopted, so still ours to close
        delete socket;
        return;
    }
    const QHostAddress peer = socket->peerAddress();
    if (!m_admit(peer)) {
        socket->abort();
        delete socket;
        return;
    }
    socket->setSslConfiguration(m_tls);
    auto* timer = new QTimer(socket);
    timer->setSingleShot(true);
    m_handshakes.insert(socket, Handshake{peer, QDeadlineTimer(m_handshakeTimeoutMs), timer});
    connect(timer, &QTimer::timeout, this,
            [this, socket] { drop(socket, QStringLiteral("no TLS handshake in time")); });
    connect(socket, &QSslSocket::encrypted, this, [this, socket] {
        const auto it = m_handshakes.find(socket);
        if (it == m_handshakes.end()) return;
        const QDeadlineTimer deadline = it->deadline;
        delete it->timer;
        m_handshakes.erase(it);
        socket->disconnect(this);
        socket->setParent(nullptr);
        emit ready(socket, deadline);
    });
    connect(socket, &QAbstractSocket::errorOccurred, this,
            [this, socket](QAbstractSocket::SocketError) { drop(socket, socket->errorString()); });
    connect(socket, &QAbstractSocket::disconnected, this,
            [this, socket] { drop(socket, QStringLiteral("the peer left")); });
    timer->start(m_handshakeTimeoutMs);
    socket->startServerEncryption();
}

void RpcTlsListener::drop(QSslSocket* socket, const QString& why)
{
    const auto it = m_handshakes.find(socket);
    if (it == m_handshakes.end()) return;
    Log::debug({}, QStringLiteral("RPC TLS connection from %1 dropped before its handshake ended: %2")
                       .arg(it->peer.toString(), why));
    m_handshakes.erase(it);
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater(); // we may be inside one of its signals
}

} // namespace umgate
