// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/client/Paths.h"
#include "engine/config/InstanceConfig.h"

#include <QHash>
#include <QObject>

namespace umgate {

// The instance configs of one data dir, on disk and in memory. Every write is validated first and
// is durable (AtomicFile) before the change is announced; nothing invalid is ever stored.
class ConfigStore : public QObject
{
    Q_OBJECT
public:
    explicit ConfigStore(const Paths& paths, QObject* parent = nullptr);

    // Reads every DATA/instances/*/instance.json. A broken file does not stop the others: the
    // instance is listed as broken with the reason and never started or overwritten. Removes
    // AtomicFile temps in each instance folder; list entries without an id get one, written back
    // at once (so do those of a hand edit in reloadFromDisk).
    void load();
    // First start: create Instance1 / MSConnInst1 on embedded defaults.
    bool ensureDefaultInstance(QString* error);

    QStringList ids() const; // sorted
    // Whether the id is taken: an instance, a broken one, or a folder of that name.
    bool exists(const QString& id) const;
    const InstanceConfig* find(const QString& id) const;
    QHash<QString, QString> brokenInstances() const { return m_broken; } // id -> reason

    // Every rule: the instance's own settings, then those that span instances (manual 3.8:
    // enabled instances must not share an IP address and port).
    ValidationErrors check(const InstanceConfig& config) const;

    // Stores a validated config (new or changed), list entries without an id given one. Creates
    // the instance directory tree.
    // `changedSecrets` names secrets written to the secret store with this change: the file may
    // not differ, but whoever uses the password must still pick up the new one.
    bool save(const InstanceConfig& config, ValidationErrors* errors, QString* ioError,
              const QStringList& changedSecrets = {});

    // A fresh instance on defaults with the first free port from 2525 up, so it never clashes.
    // The first port new instances try (2525 unless the daemon was told otherwise).
    void setBasePort(int port) { m_basePort = port; }
    std::optional<InstanceConfig> makeNew(const QString& id, const QString& name,
                                          ValidationErrors* errors) const;

    // Number of unsent messages waiting in the instance's SMTPOut (not Badmail).
    int queuedMessages(const QString& id) const { return countFiles(id, Paths::smtpOut(), ".json"); }
    // Plain files (not dot files in progress) in one of the instance's folders, optionally only
    // those ending in `suffix`. A queued mail is <id>.eml plus <id>.json, the .json being its
    // commit point, so mails are counted by ".json".
    int countFiles(const QString& id, const QString& subdir, const char* suffix = nullptr) const;

    // Removes the instance and its directory. keepQueue moves SMTPOut to DATA/kept-queues first
    // and returns that path in keptQueuePath (manual 4.1.2).
    bool remove(const QString& id, bool keepQueue, QString* keptQueuePath, QString* error);

    // Re-reads one instance after its file changed behind our back (an editor, a config
    // management tool). An invalid file is reported and the running config is kept.
    void reloadFromDisk(const QString& id);

    const Paths& paths() const { return m_paths; }

signals:
    void instanceAdded(const QString& id);
    void instanceChanged(const QString& id, const QStringList& changedKeys);
    void instanceRemoved(const QString& id);
    void problem(const QString& id, const QString& text);

private:
    bool ensureTree(const QString& id, QString* error) const;

    Paths m_paths;
    QHash<QString, InstanceConfig> m_instances;
    QHash<QString, QString> m_broken;
    QHash<QString, QByteArray> m_lastWritten; // what we wrote, to tell our writes from others'
    int m_basePort = 0;                       // 0 = the schema default
};

} // namespace umgate
