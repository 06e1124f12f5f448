// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/rpc/RpcCall.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslConfiguration>
#include <functional>
#include <optional>

class QLocalServer;

namespace umgate {

class RpcConnection;
class RpcTlsListener;

// JSON-RPC 2.0 over a 0600 Unix socket and, optionally, TLS. It owns connections, framing,
// limits and authentication; what a method does is the handler's business.
class RpcServer : public QObject
{
    Q_OBJECT
public:
    struct Limits
    {
        qsizetype maxMessageBytes = rpc::DefaultMaxMessageBytes;
        // Local and remote clients have separate limits, so no number of remote peers can lock
        // an administrator out of the local socket.
        int maxClients = 64;       // on the local socket
        int maxRemoteClients = 64; // over TLS, in their handshake or connected
        // TLS peers of one address that have not authenticated yet (handshake or rpc.version pending).
        int maxUnauthenticatedPerAddress = 8;
        int authTimeoutMs = 10000; // from accept to a successful rpc.version, TLS handshake included
        int idleTimeoutMs = 900000;
        qint64 maxPendingWriteBytes = qint64{16} * 1024 * 1024; // a client that stops reading is dropped
    };
    using Handler = std::function<void(const RpcCall& call, RpcReply reply)>;
    // Returns the principal for a valid token, nullopt otherwise.
    using Authenticator = std::function<std::optional<QString>(const QByteArray& token, bool local)>;

    RpcServer(Handler handler, Authenticator authenticator, QObject* parent = nullptr);
    ~RpcServer() override;

    bool listenLocal(const QString& socketPath, QString* error);
    bool listenTls(const QHostAddress& address, quint16 port, const QSslConfiguration& tls, QString* error);
    void closeTls();
    bool isListeningTls() const;
    void setLimits(const Limits& limits);
    const Limits& limits() const { return m_limits; }

    void broadcast(rpc::Notification notification, const QJsonObject& params);
    int clientCount() const { return int(m_connections.size()); }
    // Closes every connection authenticated as `principal` at once (a revoked admin token), with
    // an error line saying why. Returns how many were closed.
    int closePrincipal(const QString& principal, const QString& why);

private:
    friend class RpcConnection;
    void adopt(class QIODevice* device, bool local, QDeadlineTimer authDeadline);
    bool admitRemote(const QHostAddress& peer);
    void refuseRemote(const QString& why);
    void forget(RpcConnection* connection);

    Handler m_handler;
    Authenticator m_authenticator;
    Limits m_limits;
    QLocalServer* m_local = nullptr;
    RpcTlsListener* m_tls = nullptr;
    QList<RpcConnection*> m_connections;
    QElapsedTimer m_lastRefusalLog; // refusals are logged at most every 10 s: a flood must not fill the log
};

} // namespace umgate
