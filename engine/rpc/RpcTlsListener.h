// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDeadlineTimer>
#include <QHash>
#include <QHostAddress>
#include <QSslConfiguration>
#include <QTcpServer>
#include <functional>

class QSslSocket;
class QTimer;

namespace umgate {

// The remote RPC listener: accepts TCP connections and runs each TLS handshake itself, under a
// deadline, then hands the encrypted socket on (ready()).
//
// Why not QSslServer: in Qt 6.4 it counts sockets in their handshake against
// maxPendingConnections (30) and pauses accepting when the count is reached, but resumes only when
// a pending connection is taken; a peer that leaves mid-handshake (or times out) lowers the count
// without resuming. Thirty plain TCP connections closed before their handshake therefore left the
// listener accepting nothing, for good. Here QTcpServer's own pending queue stays empty (nothing
// is ever added to it), so accepting never pauses; our limits decide instead (admit()).
class RpcTlsListener : public QTcpServer
{
    Q_OBJECT
public:
    // Asked for every new TCP connection, before any TLS work: false refuses (closes) it.
    using Admit = std::function<bool(const QHostAddress& peer)>;

    RpcTlsListener(const QSslConfiguration& tls, Admit admit, QObject* parent = nullptr);
    ~RpcTlsListener() override;

    void setHandshakeTimeout(int ms) { m_handshakeTimeoutMs = ms; }
    int handshakeCount() const { return int(m_handshakes.size()); }
    int handshakesFrom(const QHostAddress& peer) const;

signals:
    // The handshake is done; the receiver owns `socket`. `authDeadline` is what is left of the
    // time the peer has to authenticate.
    void ready(QSslSocket* socket, QDeadlineTimer authDeadline);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    struct Handshake
    {
        QHostAddress peer;
        QDeadlineTimer deadline;
        QTimer* timer = nullptr; // a child of the socket
    };
    void drop(QSslSocket* socket, const QString& why);

    QSslConfiguration m_tls;
    Admit m_admit;
    int m_handshakeTimeoutMs = 10000;
    QHash<QSslSocket*, Handshake> m_handshakes;
};

} // namespace umgate
