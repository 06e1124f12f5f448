// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/EngineStatus.h"

#include "engine/client/RpcFields.h"
#include "engine/config/ConfigStore.h"
#include "engine/instance/Instance.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QVarLengthArray>
#include <fcntl.h>
#include <unistd.h>

namespace umgate {

namespace field = rpc::field;

EngineStatus::EngineStatus(const Paths& paths, const ConfigStore& store, const Instances& instances)
    : m_paths(paths), m_store(store), m_instances(instances)
{
}

EngineStatus::~EngineStatus()
{
    if (m_statm >= 0) ::close(m_statm);
}

void EngineStatus::invalidate(const QString& id)
{
    m_instanceCache.remove(id);
    m_queues.forget(queuePath(id)); // a removed and re-created instance has a new folder
    m_templateStale = true;
}

QJsonObject EngineStatus::instanceFixed(const QString& id)
{
    auto it = m_instanceCache.find(id);
    if (it != m_instanceCache.end()) return *it;
    const InstanceConfig* c = m_store.find(id);
    if (!c) return {};
    const Instance* instance = m_instances.value(id);
    const InstanceListener* r = instance ? &instance->listener() : nullptr;
    // Where it really listens: a changed address that could not be bound leaves the old one
    // listening (the error says so).
    const bool running = r && r->state() == InstanceListener::State::Running && !r->listenText().isEmpty();
    QJsonObject o{
        {field::id, c->id},
        {field::name, c->name},
        {field::enabled, c->enabled},
        {field::state, InstanceListener::stateName(r ? r->state() : InstanceListener::State::Stopped)},
        {field::listen,
         running ? r->listenText() : QStringLiteral("%1:%2").arg(c->listenAddress()).arg(c->listenPort())},
        {field::queued, 0},
        {field::directory, m_paths.instanceDir(id)}};
    if (r && !r->error().isEmpty()) o.insert(field::error, r->error());
    if (r && !r->warnings().isEmpty()) o.insert(field::warnings, QJsonArray::fromStringList(r->warnings()));
    return *m_instanceCache.insert(id, o);
}

QString EngineStatus::queuePath(const QString& id) const
{
    return m_paths.instanceDir(id) + QLatin1Char('/') + Paths::smtpOut();
}

int EngineStatus::queued(const QString& id)
{
    // Files arrive and leave without telling us; FolderCount notices by the folder's mtime.
    return m_queues.count(queuePath(id), ".json");
}

QJsonObject EngineStatus::instanceJson(const QString& id)
{
    QJsonObject o = instanceFixed(id);
    if (!o.isEmpty()) o.insert(field::queued, queued(id));
    return o;
}

QJsonObject EngineStatus::build(const Live& live, const QStringList& ids, bool placeholders)
{
    // Placeholders: 0 clients, 1..n the queues, n + 1 RSS, n + 2 uptime.
    const auto hole = [placeholders](int i, qint64 value) {
        return placeholders ? JsonTemplate::placeholder(i) : value;
    };
    QJsonArray instances;
    for (qsizetype i = 0; i < ids.size(); ++i) {
        QJsonObject o = instanceFixed(ids.at(i));
        if (o.isEmpty()) continue;
        o.insert(field::queued, hole(int(i) + 1, placeholders ? 0 : queued(ids.at(i))));
        instances.append(o);
    }
    QJsonArray broken;
    const auto b = m_store.brokenInstances();
    for (auto it = b.begin(); it != b.end(); ++it)
        broken.append(QJsonObject{{field::id, it.key()}, {field::reason, it.value()}});
    const int n = int(ids.size());
    return QJsonObject{{field::version, QStringLiteral(UMGATE_VERSION)},
                       {field::pid, qint64(QCoreApplication::applicationPid())},
                       {field::uptimeSeconds, hole(n + 2, live.uptimeSeconds)},
                       {field::dataDir, m_paths.dataDir()},
                       {field::socket, m_paths.socketFile()},
                       {field::secretStore, live.secretStore},
                       {field::remoteRpc, live.remoteRpc},
                       {field::clients, hole(0, live.clients)},
                       {field::rssKb, hole(n + 1, placeholders ? 0 : residentKb())},
                       {field::instances, instances},
                       {field::brokenInstances, broken}};
}

QJsonObject EngineStatus::statusJson(const Live& live)
{
    return build(live, m_store.ids(), false);
}

void EngineStatus::rebuildTemplate(const Live& live)
{
    m_templateIds.clear();
    for (const QString& id : m_store.ids())
        if (m_store.find(id)) m_templateIds.append(id);
    m_templateRemoteRpc = live.remoteRpc;
    m_templateSecretStore = live.secretStore;
    m_templateBroken = m_store.brokenInstances();
    m_templateStale = false;
    if (!m_template.build(build(live, m_templateIds, true), int(m_templateIds.size()) + 3))
        m_template.clear();
}

QByteArray EngineStatus::statusText(const Live& live)
{
    if (m_templateStale || live.remoteRpc != m_templateRemoteRpc ||
        live.secretStore != m_templateSecretStore || m_store.brokenInstances() != m_templateBroken)
        rebuildTemplate(live);
    if (!m_template.isValid()) return QJsonDocument(statusJson(live)).toJson(QJsonDocument::Compact);
    QVarLengthArray<qint64, 32> values;
    values.append(live.clients);
    for (const QString& id : std::as_const(m_templateIds))
        values.append(queued(id));
    values.append(residentKb());
    values.append(live.uptimeSeconds);
    return m_template.fill(std::span<const qint64>(values.data(), size_t(values.size())));
}

qint64 EngineStatus::residentKb()
{
    // pread on a descriptor kept open: procfs makes the text anew at offset 0.
    if (m_statm < 0) m_statm = ::open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    char buffer[128];
    const ssize_t n = m_statm < 0 ? -1 : ::pread(m_statm, buffer, sizeof buffer, 0);
    if (n <= 0) return 0;
    // "size resident shared ...", in pages
    const QByteArrayView text(buffer, n);
    const qsizetype start = text.indexOf(' ') + 1;
    const qsizetype end = text.indexOf(' ', start);
    if (start <= 0 || end < 0) return 0;
    return text.sliced(start, end - start).toLongLong() * (::sysconf(_SC_PAGESIZE) / 1024);
}

} // namespace umgate
