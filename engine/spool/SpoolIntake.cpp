// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/spool/SpoolIntake.h"

#include "engine/core/AtomicFile.h"
#include "engine/core/Log.h"
#include "engine/spool/SpoolFile.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QStringDecoder>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

using namespace Qt::StringLiterals;

namespace umgate {

namespace {
constexpr qint64 kMaxEnvelopeBytes = qint64{1024} * 1024;
constexpr int kLaterBackoffMs = 5000;

struct Listing
{
    QStringList envelopes;                     // oldest first
    QList<std::pair<QByteArray, QString>> bad; // raw name, why it cannot be an envelope
};

QString notRegularReason(mode_t mode)
{
    if (S_ISLNK(mode)) return u"the envelope is a symbolic link (links are never followed)"_s;
    if (S_ISFIFO(mode)) return u"the envelope is a FIFO, not a regular file"_s;
    if (S_ISDIR(mode)) return u"the envelope is a folder, not a regular file"_s;
    return u"the envelope is not a regular file"_s;
}

// The envelopes of a spool folder, oldest first (then by name). Not QDir with QDir::Time: that
// sort converts each file time to local time per comparison, and glibc checks /etc/localtime on
// every conversion; a backlog of 10,000 envelopes cost seconds of stat calls per listing.
// Names that look like envelopes but cannot be one (not UTF-8, a link, a FIFO) are listed as bad.
Listing listEnvelopes(const QString& dir)
{
    struct Item
    {
        qint64 mtimeNs;
        QByteArray name;
    };
    std::vector<Item> items;
    Listing out;
    DIR* d = ::opendir(QFile::encodeName(dir).constData());
    if (!d) return out;
    const int dfd = ::dirfd(d);
    while (const dirent* e = ::readdir(d)) {
        const size_t len = ::strlen(e->d_name);
        if (e->d_name[0] == '.' || len < 6 || ::strcmp(e->d_name + len - 5, ".json") != 0) continue;
        struct stat st;
        if (::fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) continue; // taken away meanwhile
        const QByteArray raw(e->d_name, qsizetype(len));
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString name = utf8(raw);
        if (utf8.hasError() || name.toUtf8() != raw)
            out.bad.append({raw, u"the envelope's file name is not valid UTF-8"_s});
        else if (!S_ISREG(st.st_mode))
            out.bad.append({raw, notRegularReason(st.st_mode)});
        else
            items.push_back({qint64(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec, raw});
    }
    ::closedir(d);
    std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
        return a.mtimeNs != b.mtimeNs ? a.mtimeNs < b.mtimeNs : a.name < b.name;
    });
    out.envelopes.reserve(qsizetype(items.size()));
    for (const Item& i : items)
        out.envelopes << QString::fromUtf8(i.name);
    return out;
}

bool existsNoFollow(const QByteArray& path)
{
    struct stat st;
    return ::lstat(path.constData(), &st) == 0;
}

// Moves one directory entry as it is: rename never follows a link or opens a FIFO.
bool moveEntry(const QByteArray& from, const QByteArray& to)
{
    if (!existsNoFollow(from)) return true; // nothing to move
    ::unlink(to.constData());               // an older message of the same name was already looked at
    return ::rename(from.constData(), to.constData()) == 0;
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
    // Test hook for the poison rule (tst_spool_hardening): processing of this kernel id never
    // finishes, as if the engine hung or died in it.
    m_stallId = qEnvironmentVariable("UMGATE_TEST_STALL_KERNEL_ID");
}

SpoolIntake::~SpoolIntake()
{
    // An orderly stop is not a crash: messages still in flight are taken again without a count.
    for (const QString& name : std::as_const(m_inFlight))
        removeRecord(name);
}

QString SpoolIntake::progressDir() const
{
    return m_dir + u"/.processing"_s;
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
    if (!m_recovered) recoverInProgress(); // once per engine start, before anything is taken
    m_recovered = true;
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
    if (!m_solo.isEmpty()) return; // an envelope an engine died on runs alone
    const int room = m_maxInFlight - int(m_inFlight.size());
    if (room <= 0) return;
    // Oldest first, so a burst is delivered in the order it arrived. The folder is listed once
    // per burst, not once per message: again only when the backlog is used up or the periodic
    // rescan asks for it (our own removals would otherwise make every finish a new listing).
    if (m_backlog.isEmpty() || m_dirty) {
        m_dirty = false;
        Listing listing = listEnvelopes(m_dir);
        m_backlog = std::move(listing.envelopes);
        for (const auto& [raw, reason] : std::as_const(listing.bad))
            moveBadEntry(raw, reason);
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    int started = 0;
    bool more = false;
    QString suspect;
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
        // An engine died while this envelope was in progress (with up to 63 others, so it is
        // only a suspect): it waits until nothing else is to do and then runs alone. A second
        // death is then its own, and innocent neighbours of the first death are not blamed.
        if (m_crashes.contains(name)) {
            if (suspect.isEmpty()) suspect = name;
            m_backlog.removeFirst();
            continue;
        }
        if (started == room) {
            more = true;
            break;
        }
        m_backlog.removeFirst();
        const qsizetype before = m_inFlight.size();
        take(name);
        if (m_inFlight.size() > before) ++started;
    }
    if (more) scheduleScan(0);
    if (!suspect.isEmpty() && started == 0 && m_inFlight.isEmpty()) {
        m_solo = suspect;
        take(suspect);
        if (!m_inFlight.contains(suspect)) m_solo.clear();
    }
}

void SpoolIntake::take(const QString& name)
{
    // One descriptor, O_NOFOLLOW | O_NONBLOCK, checked with fstat: an envelope swapped for a
    // link or a FIFO since the listing is refused and never blocks the engine.
    QString error;
    bool missing = false;
    const auto json = SpoolFile::read(m_dir, name, kMaxEnvelopeBytes, &error, &missing);
    if (!json) {
        if (!missing) moveToError(name, {}, u"the envelope cannot be read: %1"_s.arg(error));
        return; // missing: taken away meanwhile; the next scan sees
    }
    auto envelope = KernelEnvelope::parse(*json, m_dir, &error);
    if (!envelope) {
        // The attachments it names go with it (valid names only; links are moved, not followed).
        moveToError(name, KernelEnvelope::attachmentNamesOf(*json), error);
        return;
    }
    envelope->fileName = name;
    m_inFlight.insert(name);
    m_retryAfterMs.remove(name);
    writeRecord(name, m_crashes.value(name));
    if (!m_stallId.isEmpty() && envelope->id == m_stallId) {
        Log::warning(m_instanceId, u"kernel message %1 stalls (test hook)"_s.arg(envelope->id));
        return;
    }
    QPointer<SpoolIntake> self(this);
    const KernelEnvelope e = *envelope;
    m_processor(e, [self, e](Outcome outcome, const QString& reason) {
        if (self) self->finish(e, outcome, reason);
    });
}

void SpoolIntake::finish(const KernelEnvelope& e, Outcome outcome, const QString& reason)
{
    m_inFlight.remove(e.fileName);
    if (m_solo == e.fileName) m_solo.clear();
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
        removeRecord(e.fileName);
        m_crashes.remove(e.fileName);
        emit taken(e.id);
        break;
    }
    case Outcome::Later:
        removeRecord(e.fileName); // a normal end: only deaths count, and they are remembered
        m_retryAfterMs.insert(e.fileName, QDateTime::currentMSecsSinceEpoch() + kLaterBackoffMs);
        if (!reason.isEmpty()) Log::warning(m_instanceId, u"kernel message %1 waits: %2"_s.arg(e.id, reason));
        break;
    case Outcome::Error:
        moveToError(e.fileName, e.attachments, reason);
        break;
    }
    scheduleScan(0);
}

// A plain write, no fsync: the record only has to survive the death of the process (the page
// cache does), not a power cut, after which the message is simply tried again. Costs one small
// file per message instead of two fsyncs.
void SpoolIntake::writeRecord(const QString& name, int crashes) const
{
    const QByteArray path = QFile::encodeName(progressDir() + u'/' + name);
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0640);
    if (fd < 0) {
        Log::warning(m_instanceId, u"cannot write the in-progress record %1"_s.arg(QFile::decodeName(path)));
        return;
    }
    const QByteArray text = QByteArray::number(crashes) + '\n';
    if (::write(fd, text.constData(), size_t(text.size())) != text.size())
        Log::warning(m_instanceId, u"cannot write the in-progress record %1"_s.arg(QFile::decodeName(path)));
    ::close(fd);
}

void SpoolIntake::removeRecord(const QString& name) const
{
    ::unlink(QFile::encodeName(progressDir() + u'/' + name).constData());
}

void SpoolIntake::recoverInProgress()
{
    QDir().mkpath(progressDir());
    const QStringList records = QDir(progressDir()).entryList(QDir::Files | QDir::Hidden | QDir::System);
    for (const QString& name : records) {
        QString error;
        const auto text = SpoolFile::read(progressDir(), name, 64, &error);
        const int crashes = (text ? text->trimmed().toInt() : 0) + 1; // this start found one more
        if (!name.endsWith(u".json"_s) || !existsNoFollow(QFile::encodeName(m_dir + u'/' + name))) {
            removeRecord(name); // the envelope is gone (or the record is not ours)
            continue;
        }
        if (crashes < kMaxCrashes) {
            m_crashes.insert(name, crashes);
            Log::warning(m_instanceId, u"kernel message %1 was being processed when the engine stopped; "
                                       u"it is tried once more"_s.arg(name));
            continue;
        }
        const auto json = SpoolFile::read(m_dir, name, kMaxEnvelopeBytes, &error);
        moveToError(name, json ? KernelEnvelope::attachmentNamesOf(*json) : QStringList(),
                    u"the engine stopped %1 times while processing this message (crash, out of memory or "
                    u"killed); it is not retried"_s.arg(crashes));
    }
}

void SpoolIntake::moveBadEntry(const QByteArray& rawName, const QString& reason)
{
    // One that could not be moved is not tried again at every scan (each try costs two fsyncs);
    // the next engine start tries again.
    if (m_badReported.contains(rawName)) return;
    // A name that is not UTF-8 cannot be spelled in a log or a reason file: percent-encoded.
    const QString safe = QString::fromLatin1(rawName.toPercentEncoding("+@=,~"));
    const QString target = errorDir();
    QDir().mkpath(target);
    const QString base = safe.left(safe.size() - 5); // without ".json"
    QString error;
    AtomicFile::write(target + u'/' + base + u".reason.txt"_s, reason.toUtf8() + '\n', &error, 0640);
    const bool ok =
        moveEntry(QFile::encodeName(m_dir) + '/' + rawName, QFile::encodeName(target + u'/' + safe));
    AtomicFile::syncDirectory(target);
    AtomicFile::syncDirectory(m_dir);
    if (ok) {
        Log::error(m_instanceId, u"kernel message %1 moved to %2: %3"_s.arg(safe, target, reason));
    } else {
        m_badReported.insert(rawName);
        Log::error(m_instanceId, u"kernel message %1 cannot be moved to %2 (%3): %4"_s.arg(
                                     safe, target, QString::fromLocal8Bit(::strerror(errno)), reason));
    }
}

bool SpoolIntake::moveToError(const QString& envelopeName, const QStringList& attachments,
                              const QString& reason)
{
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
        // Entries are moved as they are (a link stays a link, pointing wherever it pointed).
        if (!moveEntry(QFile::encodeName(m_dir + u'/' + name), QFile::encodeName(target + u'/' + name)))
            ok = false;
    }
    AtomicFile::syncDirectory(target);
    AtomicFile::syncDirectory(m_dir);
    removeRecord(envelopeName);
    m_crashes.remove(envelopeName);
    Log::error(m_instanceId, u"kernel message %1 moved to %2: %3"_s.arg(envelopeName, target, reason));
    m_retryAfterMs.remove(envelopeName);
    return ok;
}

} // namespace umgate
