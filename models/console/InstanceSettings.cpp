// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/console/InstanceSettings.h"

#include "engine/client/RpcFields.h"
#include "models/console/EngineConnection.h"
#include "models/rpc/RpcClient.h"

#include <QJsonArray>
#include <memory>

using namespace Qt::StringLiterals;

namespace umgate {

namespace field = rpc::field;

namespace {
constexpr int kValidateDelayMs = 300;
const QString kName = u"name"_s;
const QString kEnabled = u"enabled"_s;
} // namespace

InstanceSettings::InstanceSettings(EngineConnection* connection, const QString& instanceId, QObject* parent)
    : QObject(parent), m_connection(connection), m_instanceId(instanceId)
{
    m_validateTimer.setSingleShot(true);
    m_validateTimer.setInterval(kValidateDelayMs);
    connect(&m_validateTimer, &QTimer::timeout, this, &InstanceSettings::validateNow);
    if (!connection) return;
    connect(connection, &EngineConnection::notification, this,
            [this](rpc::Notification n, const QJsonObject& params) { onNotification(int(n), params); });
    // After a reconnect the engine may hold anything (another console, a restart with edited
    // files): read it again, keeping the administrator's pending edits.
    connect(connection, &EngineConnection::stateChanged, this, [this](EngineConnection::State s) {
        if (s == EngineConnection::State::Connected) reload();
    });
    if (connection->state() == EngineConnection::State::Connected) reload();
}

InstanceSettings::~InstanceSettings() = default;

void InstanceSettings::reload()
{
    if (!m_connection) return;
    const quint64 generation = ++m_loadGeneration;
    m_connection->client()->exec(
        rpc::Method::ConfigGet, {{field::id, m_instanceId}},
        guarded(this, [this, generation](const RpcResponse& r) {
            if (generation != m_loadGeneration) return;
            if (!r.ok) {
                emit loadFailed(tr("Reading the settings of %1 failed: %2").arg(m_instanceId, r.errorText()));
                return;
            }
            const bool wasDirty = isDirty();
            takeValues(r.resultObject());
            m_loaded = true;
            if (wasDirty != isDirty()) emit dirtyChanged(isDirty());
            emit loaded();
        }));
}

void InstanceSettings::takeValues(const QJsonObject& result)
{
    QJsonObject next = result.value(field::values).toObject();
    if (result.contains(kName)) next.insert(kName, result.value(kName));
    if (result.contains(kEnabled)) next.insert(kEnabled, result.value(kEnabled));
    QStringList changed;
    for (auto it = next.begin(); it != next.end(); ++it)
        if (m_values.value(it.key()) != it.value()) changed << it.key();
    for (auto it = m_values.begin(); it != m_values.end(); ++it)
        if (!next.contains(it.key())) changed << it.key();
    m_values = next;
    // An edit that now equals the engine's value is no longer an edit.
    for (const QString& key : m_pending.keys())
        if (m_pending.value(key) == m_values.value(key)) m_pending.remove(key);
    for (const QString& key : std::as_const(changed))
        emit valueChanged(key);
}

QJsonValue InstanceSettings::value(const QString& key) const
{
    if (m_pending.contains(key)) return m_pending.value(key);
    if (m_values.contains(key)) return m_values.value(key);
    if (m_connection) return m_connection->schemaEntry(key).value(field::defaultValue);
    return {};
}

void InstanceSettings::setValue(const QString& key, const QJsonValue& value)
{
    const bool wasDirty = isDirty();
    const bool same =
        m_values.contains(key)
            ? m_values.value(key) == value
            : m_connection && m_connection->schemaEntry(key).value(field::defaultValue) == value;
    if (same) {
        if (!m_pending.contains(key)) return;
        m_pending.remove(key);
    } else {
        if (m_pending.contains(key) && m_pending.value(key) == value) return;
        m_pending.insert(key, value);
    }
    emit valueChanged(key);
    if (wasDirty != isDirty()) emit dirtyChanged(isDirty());
    m_validateTimer.start();
}

void InstanceSettings::validateNow()
{
    if (!m_connection) return;
    const quint64 generation = ++m_validateGeneration;
    if (m_pending.isEmpty()) {
        setErrors({});
        return;
    }
    m_connection->client()->exec(rpc::Method::ConfigValidate,
                                 {{field::id, m_instanceId}, {field::values, m_pending}},
                                 guarded(this, [this, generation](const RpcResponse& r) {
                                     // The administrator typed on, or applied, since this was asked.
                                     if (generation != m_validateGeneration) return;
                                     if (r.ok) setErrors(r.resultObject().value(field::errors).toArray());
                                 }));
}

void InstanceSettings::setErrors(const QJsonArray& errors)
{
    QHash<QString, QString> next;
    for (const auto& v : errors) {
        const QJsonObject e = v.toObject();
        const QString key = e.value(field::key).toString();
        const QString reason = e.value(field::reason).toString();
        // Several reasons for one key are all worth reading.
        next.insert(key, next.contains(key) ? next.value(key) + u"; "_s + reason : reason);
    }
    if (next == m_errors) return;
    m_errors = next;
    emit errorsChanged();
}

void InstanceSettings::apply(const std::function<void(bool ok)>& done)
{
    auto finish = [this, done](bool ok, const QString& message) {
        emit applied(ok, message);
        if (done) done(ok);
    };
    if (!m_connection || m_connection->state() != EngineConnection::State::Connected) {
        const QString message =
            tr("Not connected to the engine; the changes to %1 were not applied").arg(m_instanceId);
        QMetaObject::invokeMethod(
            this, [finish, message] { finish(false, message); }, Qt::QueuedConnection);
        return;
    }
    if (m_pending.isEmpty()) {
        QMetaObject::invokeMethod(
            this, [finish] { finish(true, QString()); }, Qt::QueuedConnection);
        return;
    }
    m_validateTimer.stop();
    ++m_validateGeneration; // a validation still under way says nothing about what is applied now
    m_applying = true;
    const QJsonObject sent = m_pending;
    m_connection->client()->exec(
        rpc::Method::ConfigSet, {{field::id, m_instanceId}, {field::values, sent}},
        guarded(this, [this, sent, finish](const RpcResponse& r) {
            m_applying = false;
            if (!r.ok) {
                if (r.error.code == rpc::ErrorCode::ValidationFailed)
                    setErrors(r.error.data.toObject().value(field::errors).toArray());
                finish(false, tr("The settings of %1 were not applied: %2").arg(m_instanceId, r.errorText()));
                return;
            }
            // Edits typed while the answer was on its way stay pending.
            const bool wasDirty = isDirty();
            for (auto it = sent.begin(); it != sent.end(); ++it)
                if (m_pending.value(it.key()) == it.value()) m_pending.remove(it.key());
            takeValues(r.resultObject());
            if (wasDirty != isDirty()) emit dirtyChanged(isDirty());
            setErrors({});
            if (!m_pending.isEmpty()) m_validateTimer.start();
            finish(true, QString());
        }));
}

void InstanceSettings::revert()
{
    m_validateTimer.stop();
    ++m_validateGeneration;
    const QStringList keys = m_pending.keys();
    m_pending = {};
    for (const QString& key : keys)
        emit valueChanged(key);
    if (!keys.isEmpty()) emit dirtyChanged(false);
    setErrors({});
}

void InstanceSettings::onNotification(int notification, const QJsonObject& params)
{
    if (rpc::Notification(notification) != rpc::Notification::ConfigChanged) return;
    if (params.value(field::id).toString() != m_instanceId || params.value(field::removed).toBool()) return;
    // Our own apply answers with the new values itself.
    if (m_applying) return;
    reload();
}

} // namespace umgate
