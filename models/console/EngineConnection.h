// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/client/RpcProtocol.h"
#include "models/rpc/RpcClient.h" // declares rpc::Notification as a metatype before our signals use it

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QSslConfiguration>
#include <QString>
#include <QTimer>
#include <QUrl>

namespace umgate {

class RpcClient;

// One engine the console talks to (a node at the top of the main window's tree): the RpcClient,
// the connection state, reconnection with back-off after a lost link, and what every page needs
// right after connecting (the settings schema and the instance list). Pages and models share one
// EngineConnection per engine; none of them ever waits for an answer on the GUI thread.
class EngineConnection : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Disconnected, // never connected, or given up (see lastError())
        Connecting,   // first attempt or a reconnect attempt under way
        Connected,    // handshake done, schema and instance list loaded
    };
    Q_ENUM(State)

    explicit EngineConnection(QObject* parent = nullptr);
    ~EngineConnection() override;

    // The local engine of a data dir: socket and cookie as laid out by engine/client/Paths.
    void connectLocal(const QString& dataDir);
    // A remote engine over TLS: url "umgate://host:port"; the token is an admin token.
    void connectRemote(const QUrl& url, const QString& token, const QSslConfiguration& tls = {});
    void disconnectFromEngine();

    State state() const { return m_state; }
    QString displayName() const; // "local (/var/lib/umgate)" or "host:port"
    QString lastError() const { return m_lastError; }
    RpcClient* client() const { return m_client; }

    // config.schema "settings" array, in schema order; empty until connected.
    const QJsonArray& schema() const { return m_schema; }
    // The schema entry of one key (also "a.b[].field" is not needed: object lists carry "fields").
    QJsonObject schemaEntry(const QString& key) const;
    // instance.list "instances" as last received; refreshed on instance.state notifications.
    const QJsonArray& instances() const { return m_instances; }
    // Mails in SMTPOut per instance id (instance.list "queued"), refreshed on queue.changed.
    int queueDepth(const QString& instanceId) const { return m_queueDepth.value(instanceId); }

signals:
    void stateChanged(umgate::EngineConnection::State state);
    void instancesChanged();
    void queueDepthChanged(const QString& instanceId, int depth);
    // Every engine notification, after EngineConnection's own bookkeeping.
    void notification(umgate::rpc::Notification notification, const QJsonObject& params);

private:
    void setState(State state);
    void onConnected();
    void onDisconnected();
    void scheduleReconnect();
    void refreshInstances();
    void attempt(); // one connection try with the remembered target
    void onNotification(umgate::rpc::Notification notification, const QJsonObject& params);
    void setInstances(const QJsonArray& instances);

    RpcClient* m_client = nullptr;
    State m_state = State::Disconnected;
    QString m_lastError;
    QString m_dataDir; // local
    QUrl m_url;        // remote
    QString m_token;
    QSslConfiguration m_tls;
    QJsonArray m_schema;
    QJsonArray m_instances;
    QHash<QString, int> m_queueDepth;
    QTimer m_reconnectTimer;
    int m_reconnectAttempt = 0;
    bool m_wanted = false; // false after disconnectFromEngine(): no reconnects
    quint64 m_session = 0; // bumped per connection, so answers from an old link are dropped
    bool m_listInFlight = false;
    bool m_listAgain = false; // another instance.list is due once the one in flight returns
    QHash<QString, qsizetype> m_schemaIndex;
};

} // namespace umgate
