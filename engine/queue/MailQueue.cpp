// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/queue/MailQueue.h"

#include "engine/core/AtomicFile.h"
#include "engine/core/Log.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace umgate {

namespace {

// Two descriptors per mail stay open during a batch; 64 mails keep that far below the usual limit of
// 1024 descriptors, and the measurements showed no gain from larger batches.
constexpr size_t kMaxBatchMails = 64;
constexpr qint64 kMaxBatchBytes = 64 * 1024 * 1024;
constexpr int kFileMode = 0640;

QString errnoText(const QString& what, const QString& path, int err)
{
    return QStringLiteral("%1 %2: %3").arg(what, path, QString::fromLocal8Bit(std::strerror(err)));
}

void setError(QString* error, const QString& text)
{
    if (error) *error = text;
}

QByteArray native(const QString& path)
{
    return QFile::encodeName(path);
}

bool writeAll(int fd, const QByteArray& data)
{
    qsizetype done = 0;
    // Each round writes at least one byte or fails, so this ends after at most data.size() rounds.
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + done, size_t(data.size() - done));
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        done += n;
    }
    return true;
}

// Missing files count as removed.
bool unlinkFile(const QString& path, QString* error)
{
    if (::unlink(native(path).constData()) == 0 || errno == ENOENT) return true;
    setError(error, errnoText(QStringLiteral("cannot delete"), path, errno));
    return false;
}

bool renameFile(const QString& from, const QString& to, QString* error)
{
    if (::rename(native(from).constData(), native(to).constData()) == 0) return true;
    setError(error, errnoText(QStringLiteral("cannot move %1 to").arg(from), to, errno));
    return false;
}

qint64 fileSize(const QString& path)
{
    struct stat st = {};
    if (::stat(native(path).constData(), &st) != 0) return -1;
    return qint64(st.st_size);
}

bool isTempName(const QString& name)
{
    // Ours are ".<id>.eml.tmp" / ".<id>.json.tmp"; AtomicFile's are ".<name>.tmp-<hex>".
    return name.startsWith(QLatin1Char('.'));
}

} // namespace

MailQueue::MailQueue(const QString& smtpOutDir, QObject* parent)
    : QObject(parent), m_dir(QDir::cleanPath(smtpOutDir)), m_badmailDir(m_dir + QStringLiteral("/Badmail"))
{
}

MailQueue::~MailQueue()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_writer.joinable()) m_writer.join();
    // The writer wrote every job it had; report them here, as no event loop will run for us again.
    // A callback that enqueues again gets a "shutting down" failure, reported by the next round.
    for (int round = 0; round < 100; ++round) {
        {
            std::lock_guard lock(m_mutex);
            if (m_done.empty()) break;
        }
        drainDone();
    }
}

QString MailQueue::queuePath(const QString& id, const char* ext) const
{
    return QStringLiteral("%1/%2.%3").arg(m_dir, id, QLatin1String(ext));
}

QString MailQueue::badmailPath(const QString& id, const char* ext) const
{
    return QStringLiteral("%1/%2.%3").arg(m_badmailDir, id, QLatin1String(ext));
}

void MailQueue::setMaxDiskBytes(qint64 bytes)
{
    m_maxDiskBytes = std::max<qint64>(0, bytes);
}

bool MailQueue::open(QString* error)
{
    if (m_open) {
        setError(error, QStringLiteral("mail queue %1 is already open").arg(m_dir));
        return false;
    }
    if (!QDir().mkpath(m_badmailDir)) {
        setError(error, QStringLiteral("cannot create the mail queue directory %1").arg(m_badmailDir));
        return false;
    }
    if (!recover(error) || !recoverBadmail(error)) {
        m_entries.clear();
        m_badmail.clear();
        m_kernelIds.clear();
        m_diskBytes = 0;
        return false;
    }
    m_open = true;
    m_writer = std::thread([this] { writerLoop(); });
    return true;
}

bool MailQueue::recover(QString* error)
{
    const QStringList names = QDir(m_dir).entryList(QDir::Files | QDir::Hidden, QDir::Name);
    QSet<QString> emls, jsons;
    bool touched = false;
    for (const QString& name : names) {
        if (isTempName(name)) {
            // Never part of a committed mail, so a failure here costs disk space, not correctness.
            QString why;
            if (!unlinkFile(m_dir + QLatin1Char('/') + name, &why))
                Log::warning(m_instanceId, QStringLiteral("Mail queue %1: %2").arg(m_dir, why));
            touched = true;
        } else if (name.endsWith(QLatin1String(".eml"))) {
            emls.insert(name.chopped(4));
        } else if (name.endsWith(QLatin1String(".json"))) {
            jsons.insert(name.chopped(5));
        }
    }
    QStringList stems = QStringList(emls.begin(), emls.end()) + QStringList(jsons.begin(), jsons.end());
    stems.sort();
    stems.removeDuplicates();
    for (const QString& stem : std::as_const(stems)) {
        if (!jsons.contains(stem)) {
            // Never committed, so never acknowledged: the kernel still has the spool file.
            if (!unlinkFile(queuePath(stem, "eml"), error)) return false;
            touched = true;
            continue;
        }
        const QString jsonPath = queuePath(stem, "json");
        QFile f(jsonPath);
        QString why;
        std::optional<QueueEntry> parsed;
        if (!f.open(QIODevice::ReadOnly))
            why = QStringLiteral("cannot read %1: %2").arg(jsonPath, f.errorString());
        else
            parsed = QueueEntry::fromFileData(f.readAll(), &why);
        if (parsed && parsed->id != stem) {
            why = QStringLiteral("its id \"%1\" does not match the file name").arg(parsed->id);
            parsed.reset();
        }
        if (!parsed) {
            if (!quarantine(stem, QStringLiteral("metadata file %1.json is damaged (%2)").arg(stem, why),
                            parsed, error))
                return false;
            touched = true;
            continue;
        }
        if (!emls.contains(stem)) {
            if (QFile::exists(badmailPath(stem, "eml"))) {
                // An interrupted moveToBadmail (or a requeue that had not moved the message yet):
                // finish the move; a Badmail .json that is already there wins.
                QString ignored;
                const bool haveBadmailJson = [&] {
                    QFile bf(badmailPath(stem, "json"));
                    return bf.open(QIODevice::ReadOnly) &&
                           QueueEntry::fromFileData(bf.readAll(), &ignored).has_value();
                }();
                if (!haveBadmailJson) {
                    QueueEntry e = *parsed;
                    if (e.badmailReason.isEmpty())
                        e.badmailReason = QStringLiteral("moving the mail to Badmail was interrupted");
                    e.size = fileSize(badmailPath(stem, "eml"));
                    if (!AtomicFile::write(badmailPath(stem, "json"), e.toFileData(), error, kFileMode))
                        return false;
                }
                if (!unlinkFile(jsonPath, error)) return false;
            } else if (!quarantine(stem, QStringLiteral("message file %1.eml is missing").arg(stem), parsed,
                                   error)) {
                return false;
            }
            touched = true;
            continue;
        }
        const qint64 actual = fileSize(queuePath(stem, "eml"));
        if (actual != parsed->size) {
            if (!quarantine(stem,
                            QStringLiteral("message file %1.eml has %2 bytes, its metadata says %3")
                                .arg(stem)
                                .arg(actual)
                                .arg(parsed->size),
                            parsed, error))
                return false;
            touched = true;
            continue;
        }
        indexAdd(m_entries, *parsed);
    }
    if (touched && !AtomicFile::syncDirectory(m_dir, error)) return false;
    return true;
}

// Moves a queued mail that recovery cannot use to Badmail, with a reason file. Order: message first,
// then the Badmail .json (durable), then the queue .json goes: a crash in between is finished by the
// "interrupted moveToBadmail" rule of the next recovery.
bool MailQueue::quarantine(const QString& stem, const QString& reason,
                           const std::optional<QueueEntry>& parsed, QString* error)
{
    Log::warning(m_instanceId,
                 QStringLiteral("Mail queue %1: moving %2 to Badmail: %3").arg(m_dir, stem, reason));
    const QString jsonPath = queuePath(stem, "json");
    if (QFile::exists(queuePath(stem, "eml")) &&
        !renameFile(queuePath(stem, "eml"), badmailPath(stem, "eml"), error))
        return false;
    QueueEntry e;
    if (parsed) {
        e = *parsed;
    } else {
        e.id = stem;
        e.created = QFileInfo(jsonPath).lastModified().toUTC();
        e.nextAttempt = e.created;
    }
    e.badmailReason = reason;
    e.size = std::max<qint64>(0, fileSize(badmailPath(stem, "eml")));
    const QString reasonText =
        QStringLiteral("%1 %2\n").arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate), reason);
    if (!AtomicFile::write(badmailPath(stem, "reason.txt"), reasonText.toUtf8(), error, kFileMode))
        return false;
    if (!parsed) {
        // Keep the damaged original for the administrator next to the synthesized metadata.
        if (!renameFile(jsonPath, badmailPath(stem, "json.corrupt"), error)) return false;
        if (!AtomicFile::write(badmailPath(stem, "json"), e.toFileData(), error, kFileMode)) return false;
    } else {
        if (!AtomicFile::write(badmailPath(stem, "json"), e.toFileData(), error, kFileMode)) return false;
        if (!unlinkFile(jsonPath, error)) return false;
    }
    return true;
}

bool MailQueue::recoverBadmail(QString* error)
{
    const QStringList names = QDir(m_badmailDir).entryList(QDir::Files | QDir::Hidden, QDir::Name);
    bool touched = false;
    for (const QString& name : names) {
        if (isTempName(name)) {
            QString why;
            if (!unlinkFile(m_badmailDir + QLatin1Char('/') + name, &why))
                Log::warning(m_instanceId, QStringLiteral("Mail queue %1: %2").arg(m_dir, why));
            touched = true;
            continue;
        }
        if (!name.endsWith(QLatin1String(".json"))) continue;
        const QString stem = name.chopped(5);
        if (m_entries.count(stem)) {
            // Leftover of an interrupted requeue: the mail is back in the queue.
            for (const char* ext : {"json", "reason.txt", "json.corrupt"})
                if (!unlinkFile(badmailPath(stem, ext), error)) return false;
            touched = true;
            continue;
        }
        QFile f(badmailPath(stem, "json"));
        QString why;
        std::optional<QueueEntry> parsed;
        if (!f.open(QIODevice::ReadOnly))
            why = f.errorString();
        else
            parsed = QueueEntry::fromFileData(f.readAll(), &why);
        if (!parsed || parsed->id != stem) {
            Log::warning(m_instanceId,
                         QStringLiteral("Mail queue %1: ignoring Badmail/%2: %3")
                             .arg(m_dir, name, parsed ? QStringLiteral("id does not match file name") : why));
            continue;
        }
        const qint64 actual = fileSize(badmailPath(stem, "eml"));
        if (actual >= 0) parsed->size = actual;
        indexAdd(m_badmail, *parsed);
    }
    if (touched && !AtomicFile::syncDirectory(m_badmailDir, error)) return false;
    return true;
}

void MailQueue::enqueue(QueueEntry entry, QByteArray data, DurableCallback durable)
{
    if (m_stopping)
        return failLater(std::move(entry), QStringLiteral("mail queue %1 is shutting down").arg(m_dir),
                         std::move(durable));
    if (!m_open)
        return failLater(std::move(entry), QStringLiteral("mail queue %1 is not open").arg(m_dir),
                         std::move(durable));
    if (entry.recipients.isEmpty())
        return failLater(std::move(entry), QStringLiteral("cannot queue a mail without recipients"),
                         std::move(durable));
    if (data.isEmpty())
        return failLater(std::move(entry), QStringLiteral("cannot queue an empty message"),
                         std::move(durable));
    entry.id = QueueEntry::newId();
    entry.size = data.size();
    entry.badmailReason.clear();
    if (!entry.created.isValid()) entry.created = QDateTime::currentDateTimeUtc();
    entry.created = entry.created.toUTC();
    if (!entry.nextAttempt.isValid()) entry.nextAttempt = entry.created;
    entry.nextAttempt = entry.nextAttempt.toUTC();
    if (m_maxDiskBytes > 0 && m_diskBytes + m_pendingBytes + entry.size > m_maxDiskBytes) {
        return failLater(std::move(entry),
                         QStringLiteral("mail queue %1 is full: %2 bytes queued or being written plus this "
                                        "mail's %3 bytes exceed the limit of %4 bytes")
                             .arg(m_dir)
                             .arg(m_diskBytes + m_pendingBytes)
                             .arg(data.size())
                             .arg(m_maxDiskBytes),
                         std::move(durable));
    }
    auto job = std::make_unique<Job>();
    job->meta = entry.toFileData();
    job->entry = std::move(entry);
    job->data = std::move(data);
    job->durable = std::move(durable);
    job->accounted = true;
    m_pendingBytes += job->entry.size;
    if (!job->entry.kernelId.isEmpty()) ++m_kernelIds[job->entry.kernelId];
    {
        std::lock_guard lock(m_mutex);
        m_jobs.push_back(std::move(job));
    }
    m_wake.notify_one();
}

void MailQueue::failLater(QueueEntry entry, const QString& error, DurableCallback durable)
{
    // Through the done list, so even the destructor reports it.
    auto job = std::make_unique<Job>();
    job->entry = std::move(entry);
    job->durable = std::move(durable);
    job->error = error;
    std::lock_guard lock(m_mutex);
    m_done.push_back(std::move(job));
    postDrainLocked();
}

void MailQueue::postDrainLocked()
{
    if (m_drainPosted) return;
    m_drainPosted = true;
    QMetaObject::invokeMethod(
        this, [this] { drainDone(); }, Qt::QueuedConnection);
}

void MailQueue::writerLoop()
{
    // Runs until the destructor sets m_stopping; it then writes what is left and ends.
    for (;;) {
        JobList batch;
        {
            std::unique_lock lock(m_mutex);
            // Waiting for work is this thread's idle state; the destructor always wakes it.
            m_wake.wait(lock, [this] { return !m_jobs.empty() || m_stopping; });
            if (m_jobs.empty()) return;
            qint64 bytes = 0;
            size_t n = 0;
            while (n < m_jobs.size() && n < kMaxBatchMails && (n == 0 || bytes < kMaxBatchBytes))
                bytes += m_jobs[n++]->data.size();
            batch.assign(std::make_move_iterator(m_jobs.begin()),
                         std::make_move_iterator(m_jobs.begin() + n));
            m_jobs.erase(m_jobs.begin(), m_jobs.begin() + qsizetype(n));
        }
        writeBatch(m_dir, batch);
        std::lock_guard lock(m_mutex);
        for (auto& job : batch)
            m_done.push_back(std::move(job));
        postDrainLocked();
    }
}

void MailQueue::writeBatch(const QString& dir, JobList& batch)
{
    struct Files
    {
        QString emlTmp, jsonTmp, eml, json;
        int emlFd = -1, jsonFd = -1;
        bool renamedEml = false, renamedJson = false;
    };
    std::vector<Files> files(batch.size());
    auto fail = [](Job& job, const QString& text) {
        if (job.ok || job.error.isEmpty()) job.error = text;
        job.ok = false;
    };
    auto openAndWrite = [](const QString& path, const QByteArray& data, int* fd) -> QString {
        *fd = ::open(native(path).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, kFileMode);
        if (*fd < 0) return errnoText(QStringLiteral("cannot create"), path, errno);
        if (!writeAll(*fd, data)) return errnoText(QStringLiteral("cannot write"), path, errno);
        // Starts writeback now, so the device sees the whole batch at once; fdatasync below is what
        // guarantees durability (sync_file_range alone does not flush metadata or the disk cache).
        ::sync_file_range(*fd, 0, 0, SYNC_FILE_RANGE_WRITE);
        return QString();
    };
    for (size_t i = 0; i < batch.size(); ++i) {
        Job& job = *batch[i];
        Files& f = files[i];
        const QString& id = job.entry.id;
        f.emlTmp = QStringLiteral("%1/.%2.eml.tmp").arg(dir, id);
        f.jsonTmp = QStringLiteral("%1/.%2.json.tmp").arg(dir, id);
        f.eml = QStringLiteral("%1/%2.eml").arg(dir, id);
        f.json = QStringLiteral("%1/%2.json").arg(dir, id);
        job.ok = true;
        QString why = openAndWrite(f.emlTmp, job.data, &f.emlFd);
        if (why.isEmpty()) why = openAndWrite(f.jsonTmp, job.meta, &f.jsonFd);
        if (!why.isEmpty()) fail(job, why);
    }
    for (size_t i = 0; i < batch.size(); ++i) {
        Job& job = *batch[i];
        Files& f = files[i];
        if (job.ok && ::fdatasync(f.emlFd) != 0)
            fail(job, errnoText(QStringLiteral("cannot sync"), f.emlTmp, errno));
        if (job.ok && ::fdatasync(f.jsonFd) != 0)
            fail(job, errnoText(QStringLiteral("cannot sync"), f.jsonTmp, errno));
        if (f.emlFd >= 0) ::close(f.emlFd);
        if (f.jsonFd >= 0) ::close(f.jsonFd);
    }
    // All messages before any metadata: a .json (the commit point) never names a message not yet there.
    for (size_t i = 0; i < batch.size(); ++i) {
        QString why;
        if (batch[i]->ok) {
            files[i].renamedEml = renameFile(files[i].emlTmp, files[i].eml, &why);
            if (!files[i].renamedEml) fail(*batch[i], why);
        }
    }
    for (size_t i = 0; i < batch.size(); ++i) {
        QString why;
        if (batch[i]->ok) {
            files[i].renamedJson = renameFile(files[i].jsonTmp, files[i].json, &why);
            if (!files[i].renamedJson) fail(*batch[i], why);
        }
    }
    QString syncError;
    const bool anyRenamed =
        std::any_of(files.begin(), files.end(), [](const Files& f) { return f.renamedEml || f.renamedJson; });
    if (anyRenamed && !AtomicFile::syncDirectory(dir, &syncError)) {
        // Not known to be durable, so not acknowledged: take the mails back out; the caller retries them.
        for (size_t i = 0; i < batch.size(); ++i)
            if (batch[i]->ok) fail(*batch[i], syncError);
    }
    for (size_t i = 0; i < batch.size(); ++i) {
        if (batch[i]->ok) continue;
        const Files& f = files[i];
        QString ignored;
        if (f.renamedJson) unlinkFile(f.json, &ignored);
        if (f.renamedEml) unlinkFile(f.eml, &ignored);
        if (!f.emlTmp.isEmpty()) unlinkFile(f.emlTmp, &ignored);
        if (!f.jsonTmp.isEmpty()) unlinkFile(f.jsonTmp, &ignored);
    }
}

void MailQueue::drainDone()
{
    JobList done;
    {
        std::lock_guard lock(m_mutex);
        done.swap(m_done);
        m_drainPosted = false;
    }
    QPointer<MailQueue> self(this);
    for (auto& job : done) {
        // A callback may delete the queue; the remaining ones are still reported, just not indexed.
        if (self)
            finishJob(*job);
        else if (job->durable)
            job->durable(job->ok, job->error, job->entry);
    }
}

void MailQueue::finishJob(Job& job)
{
    if (job.accounted) {
        m_pendingBytes -= job.entry.size;
        if (!job.entry.kernelId.isEmpty() && --m_kernelIds[job.entry.kernelId] <= 0)
            m_kernelIds.remove(job.entry.kernelId);
    }
    if (job.ok) {
        indexAdd(m_entries, job.entry);
        noteChanged();
    } else if (job.accounted) {
        Log::warning(m_instanceId,
                     QStringLiteral("Mail queue %1: cannot queue mail for %2: %3")
                         .arg(m_dir, job.entry.recipients.join(QStringLiteral(", ")), job.error));
    }
    job.data.clear();
    if (job.durable) job.durable(job.ok, job.error, job.entry);
}

void MailQueue::noteChanged()
{
    if (m_changedPosted) return;
    m_changedPosted = true;
    QTimer::singleShot(0, this, [this] {
        m_changedPosted = false;
        emit changed();
    });
}

void MailQueue::indexAdd(std::map<QString, QueueEntry>& index, const QueueEntry& e)
{
    index[e.id] = e;
    if (!e.kernelId.isEmpty()) ++m_kernelIds[e.kernelId];
    m_diskBytes += e.size;
}

void MailQueue::indexRemove(std::map<QString, QueueEntry>& index, const QString& id)
{
    const auto it = index.find(id);
    if (it == index.end()) return;
    const QString& k = it->second.kernelId;
    if (!k.isEmpty() && --m_kernelIds[k] <= 0) m_kernelIds.remove(k);
    m_diskBytes -= it->second.size;
    index.erase(it);
}

bool MailQueue::containsKernelId(const QString& kernelId) const
{
    return !kernelId.isEmpty() && m_kernelIds.value(kernelId) > 0;
}

QList<QueueEntry> MailQueue::entries() const
{
    QList<QueueEntry> out;
    out.reserve(qsizetype(m_entries.size()));
    for (const auto& [id, e] : m_entries)
        out.append(e);
    return out;
}

QList<QueueEntry> MailQueue::badmail() const
{
    QList<QueueEntry> out;
    out.reserve(qsizetype(m_badmail.size()));
    for (const auto& [id, e] : m_badmail)
        out.append(e);
    return out;
}

std::optional<QueueEntry> MailQueue::entry(const QString& id) const
{
    if (const auto it = m_entries.find(id); it != m_entries.end()) return it->second;
    if (const auto it = m_badmail.find(id); it != m_badmail.end()) return it->second;
    return std::nullopt;
}

std::optional<QByteArray> MailQueue::readData(const QString& id, QString* error) const
{
    QString path;
    if (m_entries.count(id))
        path = queuePath(id, "eml");
    else if (m_badmail.count(id))
        path = badmailPath(id, "eml");
    if (path.isEmpty()) {
        setError(error, QStringLiteral("no mail %1 in %2 or its Badmail").arg(id, m_dir));
        return std::nullopt;
    }
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        setError(error, QStringLiteral("cannot read the message file %1: %2").arg(path, f.errorString()));
        return std::nullopt;
    }
    return f.readAll();
}

QList<QueueEntry> MailQueue::due(const QDateTime& now, int max) const
{
    QList<QueueEntry> out;
    for (const auto& [id, e] : m_entries) {
        if (out.size() >= max) break;
        if (!e.nextAttempt.isValid() || e.nextAttempt <= now) out.append(e);
    }
    return out;
}

bool MailQueue::update(const QueueEntry& entry, QString* error)
{
    const auto it = m_entries.find(entry.id);
    if (it == m_entries.end()) {
        setError(error,
                 QStringLiteral("cannot update mail %1: it is not in the queue %2").arg(entry.id, m_dir));
        return false;
    }
    QueueEntry e = entry;
    e.size = it->second.size;
    e.badmailReason.clear();
    if (e.created.isValid()) e.created = e.created.toUTC();
    if (e.nextAttempt.isValid()) e.nextAttempt = e.nextAttempt.toUTC();
    if (!AtomicFile::write(queuePath(e.id, "json"), e.toFileData(), error, kFileMode)) return false;
    indexRemove(m_entries, e.id);
    indexAdd(m_entries, e);
    return true;
}

bool MailQueue::remove(const QString& id, QString* error, bool durable)
{
    if (m_entries.count(id)) {
        // The .json goes first: without it the mail is gone, and a stray .eml is deleted by recovery.
        if (!unlinkFile(queuePath(id, "json"), error)) return false;
        QString why;
        if (!unlinkFile(queuePath(id, "eml"), &why))
            Log::warning(m_instanceId, QStringLiteral("Mail queue %1: %2").arg(m_dir, why));
        indexRemove(m_entries, id);
        noteChanged();
        return !durable || AtomicFile::syncDirectory(m_dir, error);
    }
    if (m_badmail.count(id)) {
        if (!unlinkFile(badmailPath(id, "json"), error)) return false;
        for (const char* ext : {"eml", "reason.txt", "json.corrupt"}) {
            QString why;
            if (!unlinkFile(badmailPath(id, ext), &why))
                Log::warning(m_instanceId, QStringLiteral("Mail queue %1: %2").arg(m_dir, why));
        }
        indexRemove(m_badmail, id);
        noteChanged();
        return AtomicFile::syncDirectory(m_badmailDir, error);
    }
    setError(error,
             QStringLiteral("cannot delete mail %1: it is neither in %2 nor in its Badmail").arg(id, m_dir));
    return false;
}

// Order: message to Badmail, Badmail .json (durable, syncs Badmail), queue .json deleted. Recovery
// finishes a move interrupted after the first step.
bool MailQueue::moveToBadmail(const QString& id, const QString& reason, QString* error)
{
    const auto it = m_entries.find(id);
    if (it == m_entries.end()) {
        setError(error,
                 QStringLiteral("cannot move mail %1 to Badmail: it is not in the queue %2").arg(id, m_dir));
        return false;
    }
    QueueEntry e = it->second;
    e.badmailReason = reason;
    if (!renameFile(queuePath(id, "eml"), badmailPath(id, "eml"), error)) return false;
    if (!AtomicFile::write(badmailPath(id, "json"), e.toFileData(), error, kFileMode)) {
        QString ignored;
        renameFile(badmailPath(id, "eml"), queuePath(id, "eml"), &ignored);
        return false;
    }
    indexRemove(m_entries, id);
    indexAdd(m_badmail, e);
    noteChanged();
    // From here on the mail is in Badmail whatever happens; a leftover queue .json is cleaned by recovery.
    return unlinkFile(queuePath(id, "json"), error) && AtomicFile::syncDirectory(m_dir, error);
}

// Order: queue .json first (while the message is still in Badmail, recovery would put the mail back
// into Badmail: safe), then the message moves (now it is queued), then the Badmail files go.
bool MailQueue::requeue(const QString& id, QString* error)
{
    const auto it = m_badmail.find(id);
    if (it == m_badmail.end()) {
        setError(error, QStringLiteral("cannot requeue mail %1: it is not in %2/Badmail").arg(id, m_dir));
        return false;
    }
    const qint64 size = fileSize(badmailPath(id, "eml"));
    if (size < 0) {
        setError(error, QStringLiteral("cannot requeue mail %1: its message file %2 is missing")
                            .arg(id, badmailPath(id, "eml")));
        return false;
    }
    QueueEntry e = it->second;
    e.attempts = 0;
    e.nextAttempt = QDateTime::currentDateTimeUtc();
    e.badmailReason.clear();
    e.lastError.clear();
    e.size = size;
    if (!AtomicFile::write(queuePath(id, "json"), e.toFileData(), error, kFileMode)) return false;
    if (!renameFile(badmailPath(id, "eml"), queuePath(id, "eml"), error)) {
        QString ignored;
        unlinkFile(queuePath(id, "json"), &ignored);
        AtomicFile::syncDirectory(m_dir, &ignored);
        return false;
    }
    indexRemove(m_badmail, id);
    indexAdd(m_entries, e);
    noteChanged();
    bool ok = AtomicFile::syncDirectory(m_dir, error);
    for (const char* ext : {"json", "reason.txt", "json.corrupt"})
        ok = unlinkFile(badmailPath(id, ext), ok ? error : nullptr) && ok;
    return AtomicFile::syncDirectory(m_badmailDir, ok ? error : nullptr) && ok;
}

} // namespace umgate
