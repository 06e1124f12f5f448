// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/console/EngineConnection.h"

#include "engine/client/EngineTarget.h"
#include "engine/client/Paths.h"
#include "engine/client/RpcFields.h"
#include "models/rpc/RpcClient.h"

#include <QFuture>
#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace umgate {

namespace field = rpc::field;

namespace {
// Back-off between reconnect attempts: 1, 2, 4, 8, 16, then 30 s for as long as it takes.
constexpr int kMaxBackoffSeconds = 30;

QJsonArray allTopics()
{
    QJsonArray topics;
    for (auto n :
         {rpc::Notification::InstanceState, rpc::Notification::ConfigChanged, rpc::Notification::LogLine,
          rpc::Notification::QueueChanged, rpc::Notification::MiscChanged})
        topics.append(rpc::notificationName(n));
    return topics;
}
} // namespace

EngineConnection::EngineConnection(QObject* parent) : QObject(parent), m_client(new RpcClient(this))
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &EngineConnection::attempt);
    connect(m_client, &RpcClient::connected, this, &EngineConnection::onConnected);
    connect(m_client, &RpcClient::disconnected, this, &EngineConnection::onDisconnected);
    connect(m_client, &RpcClient::errorOccurred, this, [this](const QString& message) {
        m_lastError = message;
        // A failed attempt ends here (no disconnected(): it was never ready); a lost link ends
        // here and in onDisconnected(); scheduleReconnect() takes both.
        if (m_client->state() == RpcClient::State::Disconnected) scheduleReconnect();
    });
    connect(m_client, &RpcClient::notificationReceived, this, &EngineConnection::onNotification);
}

EngineConnection::~EngineConnection()
{
    m_wanted = false;
    m_reconnectTimer.stop();
    m_client->disconnect(this);
}

void EngineConnection::connectLocal(const QString& dataDir)
{
    m_dataDir = dataDir;
    m_url.clear();
    m_token.clear();
    m_wanted = true;
    m_reconnectAttempt = 0;
    attempt();
}

void EngineConnection::connectRemote(const QUrl& url, const QString& token, const QSslConfiguration& tls)
{
    m_dataDir.clear();
    m_url = url;
    m_token = token;
    m_tls = tls;
    m_wanted = true;
    m_reconnectAttempt = 0;
    attempt();
}

void EngineConnection::disconnectFromEngine()
{
    m_wanted = false;
    m_reconnectTimer.stop();
    ++m_session;
    m_client->disconnectFromEngine();
    setState(State::Disconnected);
}

QString EngineConnection::displayName() const
{
    if (!m_url.isEmpty()) return u"%1:%2"_s.arg(m_url.host()).arg(m_url.port());
    return tr("local (%1)").arg(m_dataDir);
}

QJsonObject EngineConnection::schemaEntry(const QString& key) const
{
    const qsizetype i = m_schemaIndex.value(key, -1);
    return i < 0 ? QJsonObject() : m_schema.at(i).toObject();
}

void EngineConnection::attempt()
{
    if (!m_wanted) return;
    ++m_session;
    setState(State::Connecting);
    if (!m_url.isEmpty()) {
        m_client->connectToRemote(m_url, m_token, m_tls);
        return;
    }
    // The cookie changes with every engine start, so it is read again for every attempt.
    // A cookie that cannot be read yet (no engine) is sent empty: the socket's error says more.
    const Paths paths(m_dataDir);
    QString unread;
    m_client->connectToLocal(paths.socketFile(), EngineTarget::readToken(paths.cookieFile(), &unread));
}

void EngineConnection::scheduleReconnect()
{
    if (!m_wanted || m_reconnectTimer.isActive()) return;
    const int seconds = std::min(kMaxBackoffSeconds, 1 << std::min(m_reconnectAttempt, 5));
    ++m_reconnectAttempt;
    setState(State::Connecting);
    m_reconnectTimer.start(std::chrono::seconds(seconds));
}

void EngineConnection::onConnected()
{
    // Subscribe first: the engine answers in order, so nothing that changes after the instance
    // list is read goes unnoticed.
    const quint64 session = ++m_session;
    auto remaining = std::make_shared<int>(3);
    auto failed = std::make_shared<bool>(false);
    auto step = [this, session, remaining, failed](const RpcResponse& r, const char* what) {
        if (session != m_session) return;
        if (!r.ok && !*failed) {
            *failed = true;
            m_lastError = tr("%1 failed after connecting: %2").arg(QLatin1String(what), r.errorText());
            m_client->disconnectFromEngine();
            scheduleReconnect();
        }
        if (--*remaining == 0 && !*failed) {
            m_reconnectAttempt = 0;
            m_lastError.clear();
            setState(State::Connected);
        }
    };
    m_client->exec(rpc::Method::EventsSubscribe, {{field::topics, allTopics()}},
                   [step](const RpcResponse& r) { step(r, "events.subscribe"); });
    m_client->exec(rpc::Method::ConfigSchema, {}, [this, step](const RpcResponse& r) {
        if (r.ok) {
            m_schema = r.resultObject().value(field::settings).toArray();
            m_schemaIndex.clear();
            for (qsizetype i = 0; i < m_schema.size(); ++i)
                m_schemaIndex.insert(m_schema.at(i).toObject().value(field::key).toString(), i);
        }
        step(r, "config.schema");
    });
    m_listInFlight = false;
    m_listAgain = false;
    m_client->exec(rpc::Method::InstanceList, {}, [this, session, step](const RpcResponse& r) {
        if (r.ok && session == m_session) setInstances(r.resultObject().value(field::instances).toArray());
        step(r, "instance.list");
    });
}

void EngineConnection::onDisconnected()
{
    ++m_session;
    m_listInFlight = false;
    scheduleReconnect();
}

void EngineConnection::setState(State state)
{
    if (m_state == state) return;
    m_state = state;
    emit stateChanged(state);
}

void EngineConnection::refreshInstances()
{
    // Notifications come in bursts (an enable changes the state twice); one list in flight and at
    // most one more after it is enough to end up current.
    if (m_listInFlight) {
        m_listAgain = true;
        return;
    }
    m_listInFlight = true;
    const quint64 session = m_session;
    m_client->exec(rpc::Method::InstanceList, {}, [this, session](const RpcResponse& r) {
        if (session != m_session) return;
        m_listInFlight = false;
        if (r.ok) setInstances(r.resultObject().value(field::instances).toArray());
        if (std::exchange(m_listAgain, false)) refreshInstances();
    });
}

void EngineConnection::setInstances(const QJsonArray& instances)
{
    const bool changed = instances != m_instances;
    m_instances = instances;
    QList<std::pair<QString, int>> depths;
    for (const auto& v : instances) {
        const QJsonObject o = v.toObject();
        const QString id = o.value(field::id).toString();
        const int depth = o.value(field::queued).toInt();
        if (!m_queueDepth.contains(id) || m_queueDepth.value(id) != depth) {
            m_queueDepth.insert(id, depth);
            depths.append({id, depth});
        }
    }
    if (changed) emit instancesChanged();
    for (const auto& [id, depth] : std::as_const(depths))
        emit queueDepthChanged(id, depth);
}

void EngineConnection::onNotification(rpc::Notification kind, const QJsonObject& params)
{
    const QString id = params.value(field::id).toString();
    switch (kind) {
    case rpc::Notification::InstanceState: {
        // Shown at once from the notification; the list that follows fills in the rest.
        QJsonArray next = m_instances;
        for (qsizetype i = 0; i < next.size(); ++i) {
            QJsonObject o = next.at(i).toObject();
            if (o.value(field::id).toString() != id) continue;
            for (const QLatin1StringView k : {field::state, field::enabled, field::listen})
                if (params.contains(k)) o.insert(k, params.value(k));
            if (params.contains(field::error))
                o.insert(field::error, params.value(field::error));
            else
                o.remove(field::error);
            next.replace(i, o);
        }
        if (next != m_instances) {
            m_instances = next;
            emit instancesChanged();
        }
        refreshInstances();
        break;
    }
    case rpc::Notification::ConfigChanged:
        refreshInstances(); // names, enabled flags, added and removed instances
        break;
    case rpc::Notification::QueueChanged:
        // The notification's depth counts the folder's files (a mail is more than one); the
        // instance list counts mails, which is what the status bar shows.
        if (params.value(field::queue).toString() == Paths::smtpOut()) refreshInstances();
        break;
    case rpc::Notification::LogLine:
    case rpc::Notification::MiscChanged:
        break;
    }
    emit notification(kind, params);
}

} // namespace umgate
