// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/client/Paths.h"
#include "engine/core/FolderCount.h"
#include "engine/core/JsonTemplate.h"
#include "engine/instance/Instance.h"

#include <QHash>
#include <QJsonObject>
#include <QStringList>

namespace umgate {

class ConfigStore;

// The engine.status answer, and the instance objects of instance.list, the instance.* replies and
// instance.state notifications: built from the configs, the running Instances and a few live counters.
// Consoles poll engine.status, so its text is kept between changes (JsonTemplate) with holes for
// what moves on its own: the uptime, the number of clients, the RSS and each instance's queue
// depth. Qt's JSON writer runs again only after invalidate(), or when the secret store or the
// remote listener changed.
class EngineStatus
{
public:
    // What only the Engine knows, read per call.
    struct Live
    {
        qint64 uptimeSeconds = 0;
        int clients = 0;
        bool remoteRpc = false;
        QString secretStore;
    };

    EngineStatus(const Paths& paths, const ConfigStore& store, const Instances& instances);
    ~EngineStatus();
    EngineStatus(const EngineStatus&) = delete;
    EngineStatus& operator=(const EngineStatus&) = delete;

    // {id, name, enabled, state, listen, queued, directory, error?}, the queue counted now.
    QJsonObject instanceJson(const QString& id);
    // The whole engine.status answer.
    QJsonObject statusJson(const Live& live);
    // The same as compact JSON text, byte for byte what QJsonDocument writes for statusJson().
    QByteArray statusText(const Live& live);
    // An instance was added, changed, removed or changed state.
    void invalidate(const QString& id);

private:
    QJsonObject instanceFixed(const QString& id); // cached; "queued" filled in by the caller
    int queued(const QString& id);
    QString queuePath(const QString& id) const;
    QJsonObject build(const Live& live, const QStringList& ids, bool placeholders);
    void rebuildTemplate(const Live& live);
    qint64 residentKb();

    const Paths& m_paths;
    const ConfigStore& m_store;
    const Instances& m_instances;
    QHash<QString, QJsonObject> m_instanceCache;
    FolderCount m_queues;
    int m_statm = -1; // /proc/self/statm, kept open: one pread per call

    // The template and what it was built for.
    JsonTemplate m_template;
    bool m_templateStale = true;
    QStringList m_templateIds;
    bool m_templateRemoteRpc = false;
    QString m_templateSecretStore;
    QHash<QString, QString> m_templateBroken;
};

} // namespace umgate
