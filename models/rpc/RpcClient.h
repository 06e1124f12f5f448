// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/client/RpcProtocol.h"
#include "models/rpc/RpcResponse.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QFuture>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QPromise>
#include <QSslConfiguration>
#include <QString>
#include <QTimer>
#include <QUrl>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

class QIODevice;

namespace umgate {

// A callback for RpcClient::exec that does nothing once `receiver` is gone: an answer may arrive
// after the page or model that asked was closed. (QFuture::then(context, ...) asserts on a
// destroyed context in Qt 6.4, so callers use this instead.)
template <typename F> std::function<void(const RpcResponse&)> guarded(QObject* receiver, F f)
{
    return [alive = QPointer<QObject>(receiver), f = std::move(f)](const RpcResponse& r) {
        if (alive) f(r);
    };
}

// The one asynchronous client of the engine's JSON-RPC interface, for umgatectl and the console.
// The same code path serves the local Unix socket and TLS: both are a QIODevice carrying one JSON
// object per line. The rpc.version handshake runs on its own once the transport is up; requests
// issued before it finishes wait in a queue. Every request ends: with the answer, with an error
// when the connection drops, or with a timeout. Nothing here blocks.
class RpcClient : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Disconnected,
        Connecting,
        Handshaking,
        Ready
    };
    using Callback = std::function<void(const RpcResponse&)>;

    // A server line longer than this is a broken or hostile peer; we drop the connection.
    static constexpr qsizetype MaxServerLineBytes = qsizetype{16} * 1024 * 1024;

    explicit RpcClient(QObject* parent = nullptr);
    ~RpcClient() override;

    // Sent in rpc.version as "client"; default "umgate/<version>".
    void setClientName(const QString& name) { m_clientName = name; }
    void setRequestTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    std::chrono::milliseconds requestTimeout() const { return m_timeout; }

    void connectToLocal(const QString& socketPath, const QString& token);
    // url: umgate://HOST:PORT; TLS always, verified against tls's CA certificates.
    void connectToRemote(const QUrl& url, const QString& token, const QSslConfiguration& tls);
    // Closes the connection; pending requests fail with a Connection error.
    void disconnectFromEngine();

    State state() const { return m_state; }
    bool isReady() const { return m_state == State::Ready; }
    QString peerName() const { return m_peerName; }         // socket path or URL, for messages
    QJsonObject serverInfo() const { return m_serverInfo; } // the rpc.version result
    QString lastError() const { return m_lastError; }
    // Whether the last connection attempt got as far as a transport to the engine (socket
    // connected, TLS up). False after "no such socket" or "connection refused".
    bool reachedEngine() const { return m_reachedEngine; }

    QFuture<RpcResponse> exec(rpc::Method method, const QJsonObject& params = {});
    // Same path as above; the callback runs on this object's thread, never inside exec().
    void exec(rpc::Method method, const QJsonObject& params, Callback callback);

signals:
    void connected(); // after a successful handshake
    void disconnected();
    void notificationReceived(umgate::rpc::Notification notification, const QJsonObject& params);
    void errorOccurred(const QString& message);

private:
    struct Pending
    {
        qint64 id = 0;
        rpc::Method method = rpc::Method::RpcVersion;
        QByteArray line;
        std::shared_ptr<QPromise<RpcResponse>> promise; // shared: QPromise is move-only
        Callback callback;
        QDeadlineTimer deadline;
    };

    QFuture<RpcResponse> submit(rpc::Method method, const QJsonObject& params, Callback callback);
    void startConnecting(QIODevice* device, const QString& peerName, const QString& token);
    void sendHandshake();
    void sendLine(const QByteArray& line);
    void onReadyRead();
    void processLine(const QByteArray& line);
    void handleHandshakeReply(const RpcResponse& response);
    void complete(qint64 id, const RpcResponse& response);
    static void finish(const Pending& pending, const RpcResponse& response);
    void failLater(Pending pending, const RpcResponse& response);
    void deliverDeferred();
    void onTimeoutTick();
    void armTimeoutTimer();
    // The transport reported an error or closed: read what is still buffered (the engine's last
    // words, e.g. why it refused us), then tear down.
    void onTransportClosed(const QString& reason);
    // Closes the transport and fails every request with `reason`. Safe to call more than once.
    void teardown(const QString& reason, rpc::ErrorCode code = rpc::ErrorCode::InternalError,
                  bool userRequested = false);

    State m_state = State::Disconnected;
    QPointer<QIODevice> m_device;
    QString m_peerName;
    QString m_token;
    QString m_clientName;
    QString m_lastError;
    QString m_transportError;                // the socket's own words, kept for the teardown message
    std::optional<rpc::Error> m_engineError; // an error line without an id: why the engine closes
    QJsonObject m_serverInfo;
    QByteArray m_buffer;
    qint64 m_nextId = 1;
    qint64 m_handshakeId = 0;
    bool m_reachedEngine = false;
    quint64 m_generation = 0; // bumped by teardown, so loops notice a callback reconnected
    std::chrono::milliseconds m_timeout{30000};
    QTimer m_connectTimer;
    QTimer m_timeoutTimer;                                   // fires at the earliest request deadline
    std::map<qint64, Pending> m_sent;                        // on the wire, waiting for an answer
    std::map<qint64, Pending> m_queued;                      // waiting for the handshake, in id order
    std::vector<std::pair<Pending, RpcResponse>> m_deferred; // failed in exec(), delivered next turn
};

} // namespace umgate

Q_DECLARE_METATYPE(umgate::rpc::Notification)
