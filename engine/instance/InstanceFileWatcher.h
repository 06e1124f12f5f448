// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/client/Paths.h"

#include <QHash>
#include <QObject>
#include <QSet>

class QFileSystemWatcher;
class QTimer;

namespace umgate {

class ConfigStore;

// What changes on disk behind the engine's back. Edits of instance.json by hand or by a config
// management tool take effect without a restart (ConfigStore::reloadFromDisk reports invalid ones
// and keeps the running config); a new instance folder with a config is picked up. Files arriving
// in or leaving SMTPOut, SMTPOut/Badmail or SMTPIn/Error, whoever moves them, are announced as
// queueDepthChanged, at most four times a second per folder.
class InstanceFileWatcher : public QObject
{
    Q_OBJECT
public:
    InstanceFileWatcher(const Paths& paths, ConfigStore& store, QObject* parent = nullptr);

    // Mails (or files, for SMTPIn/Error) in one of the watched queue folders of an instance.
    int queueDepth(const QString& id, const QString& queue) const;

signals:
    void queueDepthChanged(const QString& id, const QString& queue, int depth);

private:
    void rewatch();
    void onFileChanged(const QString& path);
    void onDirectoryChanged(const QString& path);
    void countDirtyQueues();

    Paths m_paths;
    ConfigStore& m_store;
    QFileSystemWatcher* m_watcher;
    QTimer* m_countTimer;
    QSet<QString> m_dirtyQueues;
    QHash<QString, int> m_queueDepth; // queue folder -> last depth announced
};

} // namespace umgate
