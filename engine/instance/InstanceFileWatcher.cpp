// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/instance/InstanceFileWatcher.h"

#include "engine/config/ConfigStore.h"

#include <QDir>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QTimer>

namespace umgate {

namespace {
const QStringList& queueFolders()
{
    // Kernel/Outgoing too: the console lists the jobs the kernel has not taken, and the kernel
    // takes them without telling us.
    static const QStringList queues = {Paths::smtpOut(), Paths::badmail(), Paths::smtpInError(),
                                       Paths::kernelOutgoing()};
    return queues;
}
} // namespace

InstanceFileWatcher::InstanceFileWatcher(const Paths& paths, ConfigStore& store, QObject* parent)
    : QObject(parent), m_paths(paths), m_store(store), m_watcher(new QFileSystemWatcher(this)),
      m_countTimer(new QTimer(this))
{
    m_watcher->addPath(m_paths.instancesDir());
    rewatch();
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, &InstanceFileWatcher::onFileChanged);
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, &InstanceFileWatcher::onDirectoryChanged);
    m_countTimer->setSingleShot(true);
    m_countTimer->setInterval(250);
    connect(m_countTimer, &QTimer::timeout, this, &InstanceFileWatcher::countDirtyQueues);
}

int InstanceFileWatcher::queueDepth(const QString& id, const QString& queue) const
{
    // SMTPOut and Badmail keep a mail as .eml + .json (+ reason.txt in Badmail), Kernel/Outgoing a
    // job as its .json envelope beside the mail and attachments: count those.
    const bool mailQueue =
        queue == Paths::smtpOut() || queue == Paths::badmail() || queue == Paths::kernelOutgoing();
    return m_store.countFiles(id, queue, mailQueue ? ".json" : nullptr);
}

void InstanceFileWatcher::rewatch()
{
    const QStringList watched = m_watcher->files() + m_watcher->directories();
    for (const QString& id : m_store.ids()) {
        const QString config = m_paths.instanceConfigFile(id);
        if (!watched.contains(config) && QFileInfo::exists(config)) m_watcher->addPath(config);
        for (const QString& q : queueFolders()) {
            const QString dir = m_paths.instanceDir(id) + QLatin1Char('/') + q;
            if (watched.contains(dir) || !QFileInfo::exists(dir)) continue;
            m_watcher->addPath(dir);
            m_queueDepth.insert(dir, queueDepth(id, q)); // announce changes, not the start
        }
    }
}

void InstanceFileWatcher::onFileChanged(const QString& path)
{
    const QString id = QFileInfo(path).dir().dirName();
    if (m_store.find(id)) m_store.reloadFromDisk(id);
    rewatch(); // a rename replaces the inode the watch was on
}

void InstanceFileWatcher::onDirectoryChanged(const QString& path)
{
    if (path == m_paths.instancesDir()) {
        for (const QString& id : QDir(m_paths.instancesDir()).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            if (!id.startsWith(QLatin1Char('.')) && !m_store.find(id) &&
                QFile::exists(m_paths.instanceConfigFile(id)))
                m_store.reloadFromDisk(id);
        rewatch();
        return;
    }
    // A busy queue changes thousands of times a second; counting it each time would read the
    // whole folder per mail. Counted at most four times a second instead.
    m_dirtyQueues.insert(path);
    if (!m_countTimer->isActive()) m_countTimer->start();
}

void InstanceFileWatcher::countDirtyQueues()
{
    const QSet<QString> dirty = std::exchange(m_dirtyQueues, {});
    for (const QString& path : dirty) {
        const QString relative = path.mid(m_paths.instancesDir().size() + 1); // ID/SMTPOut[/Badmail]
        const QString id = relative.section(QLatin1Char('/'), 0, 0);
        const QString queue = relative.section(QLatin1Char('/'), 1);
        if (!m_store.find(id) || !queueFolders().contains(queue)) continue;
        const int depth = queueDepth(id, queue);
        if (m_queueDepth.value(path, -1) == depth) continue;
        m_queueDepth.insert(path, depth);
        emit queueDepthChanged(id, queue, depth);
    }
}

} // namespace umgate
