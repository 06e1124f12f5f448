// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/spool/SpoolIntake.h"

#include "engine/core/AtomicFile.h"
#include "engine/core/Log.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <algorithm>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <vector>

using namespace Qt::StringLiterals;

namespace umgate {

namespace {
constexpr qint64 kMaxEnvelopeBytes = 1024 * 1024;
constexpr int kLaterBackoffMs = 5000;

// The envelopes of a spool folder, oldest first (then by name). Not QDir with QDir::Time: that
// sort converts each file time to local time per comparison, and glibc checks /etc/localtime on
// every conversion; a backlog of 10,000 envelopes cost seconds of stat calls per listing.
QStringList listEnvelopes(const QString& dir)
{
    struct Item
    {
        qint64 mtimeNs;
        QByteArray name;
    };
    std::vector<Item> items;
    DIR* d = ::opendir(QFile::encodeName(dir).constData());
    if (!d) return {};
    const int dfd = ::dirfd(d);
    while (const dirent* e = ::readdir(d)) {
        const size_t len = ::strlen(e->d_name);
        if (e->d_name[0] == '.' || len < 6 || ::strcmp(e->d_name + len - 5, ".json") != 0) continue;
        if (e->d_type != DT_REG && e->d_type != DT_UNKNOWN) continue;
        struct stat st;
        if (::fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode))
            continue; // taken away meanwhile, or not a plain file
        items.push_back({qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec, QByteArray(e->d_name)});
    }
    ::closedir(d);
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
        return a.mtimeNs != b.mtimeNs ? a.mtimeNs < b.mtimeNs : a.name < b.name;
    });
    QStringList names;
    names.reserve(qsizetype(items.size()));
    for (const Item& i : items)
        names << QFile::decodeName(i.name);
    return names;
}
} // namespace

SpoolIntake::SpoolIntake(const QString& instanceId, const QString& spoolDir, QObject* parent)
    : QObject(parent), m_instanceId(instanceId), m_dir(spoolDir)
{
    m_rescan.setInterval(3000);
    connect(&m_rescan, &QTimer::timeout, this, [this] {
        m_dirty = true;
        scan();
    });
    m_soon.setSingleShot(true);
    connect(&m_soon, &QTimer::timeout, this, &SpoolIntake::scan);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, [this] { scheduleScan(0); });
}

QString SpoolIntake::errorDir() const
{
    return m_dir + u"/Error"_s;
}

void SpoolIntake::setRescanIntervalMs(int ms)
{
    m_rescan.setInterval(qMax(100, ms));
}

void SpoolIntake::start()
{
    if (m_running) return;
    if (!QDir().mkpath(m_dir))
        Log::error(m_instanceId, u"cannot create the kernel spool folder %1"_s.arg(m_dir));
    m_running = true;
    if (!m_watcher.directories().contains(m_dir)) m_watcher.addPath(m_dir);
    m_rescan.start();
    scheduleScan(0);
}

void SpoolIntake::stop()
{
    m_running = false;
    m_rescan.stop();
    m_soon.stop();
    if (!m_watcher.directories().isEmpty()) m_watcher.removePaths(m_watcher.directories());
}

void SpoolIntake::scheduleScan(int delayMs)
{
    if (!m_running) return;
    if (!m_soon.isActive() || m_soon.remainingTime() > delayMs) m_soon.start(delayMs);
}

void SpoolIntake::scan()
{
    if (!m_running || !m_processor) return;
    const int room = m_maxInFlight - int(m_inFlight.size());
    if (room <= 0) return;
    // Oldest first, so a burst is delivered in the order it arrived. The folder is listed once
    // per burst, not once per message: again only when the backlog is used up or the periodic
    // rescan asks for it (our own removals would otherwise make every finish a new listing).
    if (m_backlog.isEmpty() || m_dirty) {
        m_dirty = false;
        m_backlog = listEnvelopes(m_dir);
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    int started = 0;
    bool more = false;
    while (!m_backlog.isEmpty()) {
        const QString name = m_backlog.first();
        if (name.startsWith(u'.') || m_inFlight.contains(name)) {
            m_backlog.removeFirst();
            continue;
        }
        if (const auto it = m_retryAfterMs.constFind(name); it != m_retryAfterMs.constEnd() && *it > now) {
            m_backlog.removeFirst();
            continue;
        }
        if (started == room) {
            more = true;
            break;
        }
        m_backlog.removeFirst();
        // One open and the size from it: no separate exists/size calls per envelope.
        QString error;
        QFile f(m_dir + u'/' + name);
        if (!f.open(QIODevice::ReadOnly)) continue; // taken away meanwhile; the next scan sees
        if (f.size() > kMaxEnvelopeBytes) {
            f.close();
            moveToError(name, {}, u"the envelope is larger than %1 bytes"_s.arg(kMaxEnvelopeBytes));
            continue;
        }
        const QByteArray json = f.read(kMaxEnvelopeBytes);
        f.close();
        auto envelope = KernelEnvelope::parse(json, m_dir, &error);
        if (!envelope) {
            // Attachments of a malformed envelope go with it when they can be named.
            moveToError(name, {}, error);
            continue;
        }
        envelope->fileName = name;
        m_inFlight.insert(name);
        m_retryAfterMs.remove(name);
        ++started;
        QPointer<SpoolIntake> self(this);
        const KernelEnvelope e = *envelope;
        m_processor(e, [self, e](Outcome outcome, const QString& reason) {
            if (self) self->finish(e, outcome, reason);
        });
    }
    if (more) scheduleScan(0);
}

void SpoolIntake::finish(const KernelEnvelope& e, Outcome outcome, const QString& reason)
{
    m_inFlight.remove(e.fileName);
    const QDir dir(m_dir);
    switch (outcome) {
    case Outcome::Done: {
        // The envelope first: once it is gone the message cannot be taken twice; leftover
        // attachments after a crash here are harmless files.
        // No directory fsync: SIGKILL cannot undo an unlink, and should a power cut bring the
        // envelope back, the queue knows its kernel id and takes it only once.
        QFile::remove(dir.filePath(e.fileName));
        for (const QString& a : e.attachments)
            QFile::remove(dir.filePath(a));
        emit taken(e.id);
        break;
    }
    case Outcome::Later:
        m_retryAfterMs.insert(e.fileName, QDateTime::currentMSecsSinceEpoch() + kLaterBackoffMs);
        if (!reason.isEmpty()) Log::warning(m_instanceId, u"kernel message %1 waits: %2"_s.arg(e.id, reason));
        break;
    case Outcome::Error:
        moveToError(e.fileName, e.attachments, reason);
        break;
    }
    scheduleScan(0);
}

bool SpoolIntake::moveToError(const QString& envelopeName, const QStringList& attachments,
                              const QString& reason)
{
    const QDir dir(m_dir);
    const QString target = errorDir();
    QDir().mkpath(target);
    // The reason first: whoever finds the envelope in Error finds why.
    const QString base = QFileInfo(envelopeName).completeBaseName();
    QString error;
    AtomicFile::write(target + u"/"_s + base + u".reason.txt"_s, reason.toUtf8() + '\n', &error, 0640);
    bool ok = true;
    QStringList names = attachments;
    names << envelopeName;
    for (const QString& name : std::as_const(names)) {
        const QString to = target + u"/"_s + name;
        QFile::remove(to); // an older message of the same name was already looked at
        if (QFile::exists(dir.filePath(name)) && !QFile::rename(dir.filePath(name), to)) ok = false;
    }
    AtomicFile::syncDirectory(target);
    AtomicFile::syncDirectory(m_dir);
    Log::error(m_instanceId, u"kernel message %1 moved to %2: %3"_s.arg(envelopeName, target, reason));
    m_retryAfterMs.remove(envelopeName);
    return ok;
}

} // namespace umgate
