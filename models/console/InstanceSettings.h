// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>
#include <QTimer>
#include <functional>

namespace umgate {

class EngineConnection;

// The settings of one instance as the console edits them: the engine's values (config.get), the
// administrator's pending edits on top, and the engine's validation errors per key. Pages read
// and write through a SettingsBinder bound to this object; Apply sends every pending edit in one
// config.set (all or nothing), Cancel drops them. Edits are checked by config.validate shortly
// after typing stops, so an error appears next to its field before Apply. A config.changed
// notification reloads the keys the administrator has not touched.
//
// Secrets: config.get shows them as {"set": bool}; value() returns that object until a new secret
// is typed; setValue(key, "text") stores a new one on Apply. They are never cached elsewhere.
class InstanceSettings : public QObject
{
    Q_OBJECT
public:
    InstanceSettings(EngineConnection* connection, const QString& instanceId, QObject* parent = nullptr);
    ~InstanceSettings() override;

    QString instanceId() const { return m_instanceId; }
    EngineConnection* connection() const { return m_connection; }
    bool isLoaded() const { return m_loaded; }

    void reload(); // config.get -> loaded()

    // Pending edit if any, else the engine's value, else the schema default.
    QJsonValue value(const QString& key) const;
    QJsonValue engineValue(const QString& key) const { return m_values.value(key); }
    // A pending edit; setting the engine's value again removes it. Starts the validation timer.
    void setValue(const QString& key, const QJsonValue& value);
    bool isDirty() const { return !m_pending.isEmpty(); }

    // config.set of every pending edit; done(ok) runs once, on this object's thread.
    void apply(const std::function<void(bool ok)>& done = {});
    void revert(); // drop pending edits and their errors

    // "" when the key has no error. Keys may be "a.b[2].field" for object-list fields.
    QString errorFor(const QString& key) const { return m_errors.value(key); }
    QHash<QString, QString> errors() const { return m_errors; }

signals:
    void loaded();
    void loadFailed(const QString& message); // config.get failed; values stay as they were
    void valueChanged(const QString& key);   // engine value or pending edit changed
    void dirtyChanged(bool dirty);
    void errorsChanged();
    void applied(bool ok, const QString& message);

private:
    void validateNow();
    void onNotification(int notification, const QJsonObject& params);
    // Takes a config.get result: engine values plus "name" and "enabled" as keys of their own.
    void takeValues(const QJsonObject& result);
    void setErrors(const QJsonArray& errors);

    QPointer<EngineConnection> m_connection;
    QString m_instanceId;
    QJsonObject m_values;  // from config.get
    QJsonObject m_pending; // edits not yet applied
    QHash<QString, QString> m_errors;
    QTimer m_validateTimer; // single shot, ~300 ms after the last edit
    quint64 m_validateGeneration = 0;
    bool m_loaded = false;
    quint64 m_loadGeneration = 0; // a reload overtaken by a newer one is dropped
    bool m_applying = false;
};

} // namespace umgate
