// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/config/ConfigStore.h"

#include "engine/core/AtomicFile.h"
#include "engine/core/FolderCount.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>

namespace umgate {

namespace {
QStringList changedKeys(const InstanceConfig& before, const InstanceConfig& after)
{
    QStringList keys;
    if (before.name != after.name) keys << QStringLiteral("name");
    if (before.enabled != after.enabled) keys << QStringLiteral("enabled");
    QStringList all = before.settings.keys() + after.settings.keys();
    all.removeDuplicates();
    all.sort();
    for (const QString& k : all)
        if (before.settings.value(k) != after.settings.value(k)) keys << k;
    for (const QString& s : after.secretsSet)
        if (!before.secretsSet.contains(s)) keys << s;
    for (const QString& s : before.secretsSet)
        if (!after.secretsSet.contains(s)) keys << s;
    return keys;
}
} // namespace

ConfigStore::ConfigStore(const Paths& paths, QObject* parent) : QObject(parent), m_paths(paths) {}

void ConfigStore::load()
{
    m_instances.clear();
    m_broken.clear();
    const QDir dir(m_paths.instancesDir());
    // Leftovers of a crash: a delete that renamed but did not finish removing, and temp files of
    // writes that never reached their rename. Neither holds anything the engine acknowledged.
    for (const QString& dead : dir.entryList({QStringLiteral(".deleted-*")}, QDir::Dirs | QDir::Hidden))
        QDir(dir.filePath(dead)).removeRecursively();
    const QStringList entries = dir.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString& id : entries) {
        if (id.startsWith(QLatin1Char('.'))) continue;
        // instance.json, the embedded directory, mailboxes.json: every AtomicFile write here; and
        // the reason files of SMTPIn/Error. Not Kernel/Incoming: the kernel writes there too, and
        // its files in progress are its own. SMTPOut and Badmail are MailQueue's to clean.
        AtomicFile::removeStaleTemps(dir.filePath(id));
        AtomicFile::removeStaleTemps(dir.filePath(id) + QLatin1Char('/') + Paths::smtpInError());
        QFile f(m_paths.instanceConfigFile(id));
        if (!f.exists()) continue;
        if (!f.open(QIODevice::ReadOnly)) {
            m_broken.insert(id, f.errorString());
            continue;
        }
        const QByteArray data = f.readAll();
        QString error;
        auto config = InstanceConfig::parse(data, &error);
        if (!config) {
            m_broken.insert(id, QStringLiteral("%1: %2").arg(f.fileName(), error));
            continue;
        }
        if (config->id != id) {
            m_broken.insert(
                id,
                QStringLiteral("%1: id \"%2\" does not match its directory").arg(f.fileName(), config->id));
            continue;
        }
        m_lastWritten.insert(id, data);
        // Entries written before list entries had ids, or by hand: their new ids are stored now,
        // once, so they stay the same from here on (secrets are keyed by them).
        if (config->assignEntryIds()) {
            const QByteArray withIds = config->serialize();
            QString writeError;
            if (AtomicFile::write(f.fileName(), withIds, &writeError, 0600))
                m_lastWritten.insert(id, withIds);
            else
                emit problem(id, QStringLiteral("cannot store the new list entry ids: %1").arg(writeError));
        }
        m_instances.insert(id, *config);
    }
}

bool ConfigStore::ensureDefaultInstance(QString* error)
{
    if (!m_instances.isEmpty() || !m_broken.isEmpty()) return true;
    ValidationErrors errors;
    auto config = makeNew(QStringLiteral("MSConnInst1"), QStringLiteral("Instance1"), &errors);
    if (!config) {
        if (error)
            *error = errors.isEmpty() ? QStringLiteral("cannot create the default instance")
                                      : errors.first().reason;
        return false;
    }
    return save(*config, &errors, error);
}

QStringList ConfigStore::ids() const
{
    QStringList list = m_instances.keys();
    list.sort();
    return list;
}

const InstanceConfig* ConfigStore::find(const QString& id) const
{
    const auto it = m_instances.constFind(id);
    return it == m_instances.constEnd() ? nullptr : &*it;
}

ValidationErrors ConfigStore::check(const InstanceConfig& config) const
{
    ValidationErrors errors = config.validate();
    if (config.enabled) {
        for (const InstanceConfig& other : m_instances) {
            if (other.id == config.id || !other.enabled) continue;
            if (listenersClash(config, other))
                errors.append(
                    {keys::listenPort.toString(),
                     QStringLiteral("%1:%2 is already used by enabled instance %3; give each enabled "
                                    "instance its own IP address or port")
                         .arg(config.listenAddress())
                         .arg(config.listenPort())
                         .arg(other.id)});
        }
    }
    return errors;
}

bool ConfigStore::ensureTree(const QString& id, QString* error) const
{
    const QDir base(m_paths.instanceDir(id));
    for (const QString& sub : Paths::instanceSubdirs()) {
        if (!base.mkpath(sub)) {
            if (error) *error = QStringLiteral("cannot create %1").arg(base.filePath(sub));
            return false;
        }
    }
    return true;
}

bool ConfigStore::save(const InstanceConfig& given, ValidationErrors* errors, QString* ioError,
                       const QStringList& changedSecrets)
{
    InstanceConfig config = given;
    config.assignEntryIds(); // nothing is stored without them
    const ValidationErrors found = check(config);
    if (!found.isEmpty()) {
        if (errors) *errors = found;
        return false;
    }
    if (!QDir().mkpath(m_paths.instancesDir()) || !ensureTree(config.id, ioError)) return false;
    const QByteArray data = config.serialize();
    if (!AtomicFile::write(m_paths.instanceConfigFile(config.id), data, ioError, 0600)) return false;
    m_lastWritten.insert(config.id, data);
    m_broken.remove(config.id);
    const auto it = m_instances.find(config.id);
    if (it == m_instances.end()) {
        m_instances.insert(config.id, config);
        emit instanceAdded(config.id);
    } else {
        QStringList keys = changedKeys(*it, config);
        for (const QString& secret : changedSecrets)
            if (!keys.contains(secret)) keys.append(secret);
        *it = config;
        if (!keys.isEmpty()) emit instanceChanged(config.id, keys);
    }
    return true;
}

bool ConfigStore::exists(const QString& id) const
{
    return m_instances.contains(id) || m_broken.contains(id) || QFileInfo::exists(m_paths.instanceDir(id));
}

std::optional<InstanceConfig> ConfigStore::makeNew(const QString& id, const QString& name,
                                                   ValidationErrors* errors) const
{
    InstanceConfig config = InstanceConfig::withDefaults(id, name);
    if (m_basePort > 0) config.settings.insert(keys::listenPort.toString(), m_basePort);
    if (exists(id)) {
        if (errors)
            errors->append(
                {QStringLiteral("id"), QStringLiteral("an instance with id %1 already exists").arg(id)});
        return std::nullopt;
    }
    // Bounded: at most one step per existing instance is ever needed.
    for (int i = 0; i <= m_instances.size(); ++i) {
        if (check(config).isEmpty()) break;
        config.settings.insert(keys::listenPort.toString(), config.listenPort() + 1);
    }
    const ValidationErrors found = check(config);
    if (!found.isEmpty()) {
        if (errors) *errors = found;
        return std::nullopt;
    }
    return config;
}

int ConfigStore::countFiles(const QString& id, const QString& subdir, const char* suffix) const
{
    return FolderCount::countNow(QFile::encodeName(m_paths.instanceDir(id) + QLatin1Char('/') + subdir),
                                 suffix);
}

bool ConfigStore::remove(const QString& id, bool keepQueue, QString* keptQueuePath, QString* error)
{
    if (!m_instances.contains(id) && !m_broken.contains(id)) {
        if (error) *error = QStringLiteral("no instance %1").arg(id);
        return false;
    }
    const QString dir = m_paths.instanceDir(id);
    if (keepQueue) {
        const QString kept =
            QStringLiteral("%1/kept-queues/%2-%3")
                .arg(m_paths.dataDir(), id,
                     QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMddThhmmssZ")));
        if (!QDir().mkpath(kept) || !QDir().rename(dir + QLatin1Char('/') + Paths::smtpOut(),
                                                   kept + QLatin1Char('/') + Paths::smtpOut())) {
            if (error) *error = QStringLiteral("cannot move the queue of %1 to %2").arg(id, kept);
            return false;
        }
        AtomicFile::syncDirectory(kept);
        if (keptQueuePath) *keptQueuePath = kept + QLatin1Char('/') + Paths::smtpOut();
    }
    // Rename first, so a crash midway leaves either the whole instance or none of it.
    const QString graveyard = QStringLiteral("%1/.deleted-%2-%3")
                                  .arg(m_paths.instancesDir(), id)
                                  .arg(QDateTime::currentMSecsSinceEpoch());
    if (!QDir().rename(dir, graveyard)) {
        if (error) *error = QStringLiteral("cannot remove %1").arg(dir);
        return false;
    }
    AtomicFile::syncDirectory(m_paths.instancesDir());
    QDir(graveyard).removeRecursively();
    m_instances.remove(id);
    m_broken.remove(id);
    m_lastWritten.remove(id);
    emit instanceRemoved(id);
    return true;
}

void ConfigStore::reloadFromDisk(const QString& id)
{
    QFile f(m_paths.instanceConfigFile(id));
    if (!f.open(QIODevice::ReadOnly)) return; // gone or being replaced; the next event tells
    const QByteArray data = f.readAll();
    if (data == m_lastWritten.value(id)) return;
    QString error;
    auto config = InstanceConfig::parse(data, &error);
    if (!config || config->id != id) {
        emit problem(id, QStringLiteral("%1 changed on disk but is invalid (%2); the running configuration "
                                        "is kept")
                             .arg(f.fileName(), config ? QStringLiteral("id mismatch") : error));
        return;
    }
    const ValidationErrors errors = check(*config);
    if (!errors.isEmpty()) {
        emit problem(id, QStringLiteral("%1 changed on disk but %2: %3; the running configuration is kept")
                             .arg(f.fileName(), errors.first().key, errors.first().reason));
        return;
    }
    if (config->assignEntryIds()) {
        // A hand edit added list entries without ids: store the ones they get now, so they stay.
        const QByteArray withIds = config->serialize();
        QString writeError;
        if (!AtomicFile::write(f.fileName(), withIds, &writeError, 0600)) {
            emit problem(id, QStringLiteral("cannot store the new list entry ids: %1; the running "
                                            "configuration is kept")
                                 .arg(writeError));
            return;
        }
        m_lastWritten.insert(id, withIds);
    } else {
        m_lastWritten.insert(id, data);
    }
    m_broken.remove(id);
    const auto it = m_instances.find(id);
    if (it == m_instances.end()) {
        m_instances.insert(id, *config);
        emit instanceAdded(id);
    } else {
        const QStringList keys = changedKeys(*it, *config);
        *it = *config;
        if (!keys.isEmpty()) emit instanceChanged(id, keys);
    }
}

} // namespace umgate
