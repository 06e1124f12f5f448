// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/rpc/RpcServer.h"

#include <QByteArray>
#include <QDeadlineTimer>
#include <QHostAddress>
#include <QIODevice>
#include <QSet>
#include <QTimer>

namespace umgate {

// One client. States: AwaitingAuth -> Ready -> Closing. Requests are framed by LF; a line longer
// than the limit, a client that never authenticates, one that stops reading, or one that idles
// is dropped. Nothing a client sends can stall the engine: all I/O is non-blocking.
class RpcConnection : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        AwaitingAuth,
        Ready,
        Closing
    };

    // authDeadline: when the client must have authenticated (for TLS, counted from the accept).
    RpcConnection(RpcServer* server, QIODevice* device, bool local, QDeadlineTimer authDeadline);
    ~RpcConnection() override;

    void notify(rpc::Notification notification, const QJsonObject& params);
    bool isSubscribed(rpc::Notification notification) const { return m_topics.contains(int(notification)); }
    bool isLocal() const { return m_local; }
    bool isAuthenticated() const { return m_state == State::Ready; }
    QString principal() const { return m_principal; }
    QHostAddress peerAddress() const { return m_peer; } // null for the local socket
    // Sends an error line without an id (no request asked for it), then closes.
    void closeWithError(rpc::ErrorCode code, const QString& message);

private:
    class Reply;
    void onReadyRead();
    void processLine(const QByteArray& line);
    void handleVersion(const QJsonValue& id, const QJsonObject& params);
    void handleSubscribe(const QJsonValue& id, const QJsonObject& params);
    void send(const QByteArray& line);
    void sendError(const QJsonValue& id, rpc::ErrorCode code, const QString& message,
                   const QJsonValue& data = {});
    void close(const QString& why);
    void touch();

    RpcServer* m_server;
    QIODevice* m_device;
    bool m_local;
    QHostAddress m_peer;
    State m_state = State::AwaitingAuth;
    QString m_principal;
    QByteArray m_buffer;
    QSet<int> m_topics;
    QTimer m_timer; // auth timeout first, idle timeout after
    bool m_passScheduled = false;
    // Replies can arrive after the connection is gone; they check this flag through a shared pointer.
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};

} // namespace umgate
