// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/queue/MailQueue.h"

#include "engine/core/Log.h"

#include <QDir>
#include <QFile>
#include <QPointer>
#include <QTimer>
#include <algorithm>
#include <sys/stat.h>

namespace umgate {

namespace {

void setError(QString* error, const QString& text)
{
    if (error) *error = text;
}

qint64 fileSize(const QString& path)
{
    struct stat st = {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0) return -1;
    return qint64(st.st_size);
}

} // namespace

MailQueue::MailQueue(const QString& smtpOutDir, QObject* parent)
    : QObject(parent), m_dir(QDir::cleanPath(smtpOutDir)), m_badmailDir(m_dir + QStringLiteral("/Badmail")),
      m_writer(m_dir, m_badmailDir, [this] {
          // Only posts: runs on the writer thread. The context object drops it once we are gone.
          QMetaObject::invokeMethod(this, "drainDone", Qt::QueuedConnection);
      })
{
}

MailQueue::~MailQueue()
{
    m_stopping = true;
    m_writer.stop();
    // The writer wrote every job it had; report them here, as no event loop will run for us again.
    // A callback that changes the queue again gets a "shutting down" failure (an enqueue through
    // the done list, reported by the next round).
    for (int round = 0; round < 100 && m_writer.hasDone(); ++round)
        drainDone();
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
    auto job = std::make_unique<QueueJob>();
    job->kind = QueueJob::Kind::Enqueue;
    job->meta = entry.toFileData();
    job->entry = std::move(entry);
    job->data = std::move(data);
    job->done = std::move(durable);
    job->accounted = true;
    m_pendingBytes += job->entry.size;
    if (!job->entry.kernelId.isEmpty()) ++m_kernelIds[job->entry.kernelId];
    m_writer.submit(std::move(job));
}

void MailQueue::failLater(QueueEntry entry, const QString& error, DurableCallback durable)
{
    // Through the done list, so even the destructor reports it.
    auto job = std::make_unique<QueueJob>();
    job->entry = std::move(entry);
    job->done = std::move(durable);
    job->ok = false;
    job->error = error;
    m_writer.finishLater(std::move(job));
}

void MailQueue::drainDone()
{
    JobList done = m_writer.takeDone();
    QPointer<MailQueue> self(this);
    for (auto& job : done) {
        // A callback may delete the queue; the remaining ones are still reported, just not indexed.
        if (self)
            finishJob(*job);
        else if (job->done)
            job->done(job->ok, job->error, job->entry);
    }
}

void MailQueue::finishJob(QueueJob& job)
{
    const QString& id = job.entry.id;
    if (job.kind == QueueJob::Kind::Enqueue) {
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
    } else {
        if (--m_pendingChanges[id] <= 0) m_pendingChanges.remove(id);
        if (!job.warning.isEmpty())
            Log::warning(m_instanceId, QStringLiteral("Mail queue %1: %2").arg(m_dir, job.warning));
        if (!job.ok) {
            Log::error(m_instanceId, QStringLiteral("Mail queue %1: mail %2: %3").arg(m_dir, id, job.error));
            // The index showed the change since it was asked for; the disk has the last word.
            if (!m_pendingChanges.contains(id)) reload(id);
        }
    }
    if (job.done) job.done(job.ok, job.error, job.entry);
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
    QString path, other;
    if (m_entries.count(id)) {
        path = queuePath(id, "eml");
        other = badmailPath(id, "eml");
    } else if (m_badmail.count(id)) {
        path = badmailPath(id, "eml");
        other = queuePath(id, "eml");
    }
    if (path.isEmpty()) {
        setError(error, QStringLiteral("no mail %1 in %2 or its Badmail").arg(id, m_dir));
        return std::nullopt;
    }
    // A move between SMTPOut and Badmail may still be on its way (the writer renames the message
    // while we look): then the message is where it was, or already where it goes.
    const QStringList tries =
        m_pendingChanges.contains(id) ? QStringList{path, other, path} : QStringList{path};
    QFile f;
    for (const QString& p : tries) {
        f.setFileName(p);
        if (f.open(QIODevice::ReadOnly)) return f.readAll();
    }
    setError(error, QStringLiteral("cannot read the message file %1: %2").arg(path, f.errorString()));
    return std::nullopt;
}

QList<QueueEntry> MailQueue::due(const QDateTime& now, int max) const
{
    QList<QueueEntry> out;
    for (const auto& [id, e] : m_entries) {
        if (out.size() >= max) break;
        if (m_pendingChanges.contains(id)) continue; // its files are still being changed
        if (!e.nextAttempt.isValid() || e.nextAttempt <= now) out.append(e);
    }
    return out;
}

bool MailQueue::acceptsChanges(const QString& what, const QString& id, QString* error) const
{
    if (m_open && !m_stopping) return true;
    setError(error, QStringLiteral("cannot %1 mail %2: the mail queue %3 is %4")
                        .arg(what, id, m_dir,
                             m_stopping ? QStringLiteral("shutting down") : QStringLiteral("not open")));
    return false;
}

void MailQueue::submitChange(QueueJob::Kind kind, const QueueEntry& entry, bool sync, ChangeDone durable)
{
    auto job = std::make_unique<QueueJob>();
    job->kind = kind;
    job->entry = entry;
    if (kind == QueueJob::Kind::Update || kind == QueueJob::Kind::ToBadmail ||
        kind == QueueJob::Kind::Requeue)
        job->meta = entry.toFileData();
    job->sync = sync;
    if (durable)
        job->done = [durable = std::move(durable)](bool ok, const QString& error, const QueueEntry&) {
            durable(ok, error);
        };
    ++m_pendingChanges[entry.id];
    m_writer.submit(std::move(job));
}

bool MailQueue::update(const QueueEntry& entry, QString* error, ChangeDone durable)
{
    const auto it = m_entries.find(entry.id);
    if (it == m_entries.end()) {
        setError(error,
                 QStringLiteral("cannot update mail %1: it is not in the queue %2").arg(entry.id, m_dir));
        return false;
    }
    if (!acceptsChanges(QStringLiteral("update"), entry.id, error)) return false;
    QueueEntry e = entry;
    e.size = it->second.size;
    e.badmailReason.clear();
    if (e.created.isValid()) e.created = e.created.toUTC();
    if (e.nextAttempt.isValid()) e.nextAttempt = e.nextAttempt.toUTC();
    submitChange(QueueJob::Kind::Update, e, true, std::move(durable));
    indexRemove(m_entries, e.id);
    indexAdd(m_entries, e);
    return true;
}

bool MailQueue::remove(const QString& id, QString* error, bool sync, ChangeDone durable)
{
    const bool queued = m_entries.count(id) > 0;
    if (!queued && !m_badmail.count(id)) {
        setError(
            error,
            QStringLiteral("cannot delete mail %1: it is neither in %2 nor in its Badmail").arg(id, m_dir));
        return false;
    }
    if (!acceptsChanges(QStringLiteral("delete"), id, error)) return false;
    QueueEntry e;
    e.id = id;
    submitChange(queued ? QueueJob::Kind::Remove : QueueJob::Kind::RemoveBadmail, e, sync || !queued,
                 std::move(durable));
    indexRemove(queued ? m_entries : m_badmail, id);
    noteChanged();
    return true;
}

bool MailQueue::moveToBadmail(const QString& id, const QString& reason, QString* error, ChangeDone durable)
{
    const auto it = m_entries.find(id);
    if (it == m_entries.end()) {
        setError(error,
                 QStringLiteral("cannot move mail %1 to Badmail: it is not in the queue %2").arg(id, m_dir));
        return false;
    }
    if (!acceptsChanges(QStringLiteral("move to Badmail"), id, error)) return false;
    QueueEntry e = it->second;
    e.badmailReason = reason;
    submitChange(QueueJob::Kind::ToBadmail, e, true, std::move(durable));
    indexRemove(m_entries, id);
    indexAdd(m_badmail, e);
    noteChanged();
    return true;
}

bool MailQueue::requeue(const QString& id, QString* error, ChangeDone durable)
{
    const auto it = m_badmail.find(id);
    if (it == m_badmail.end()) {
        setError(error, QStringLiteral("cannot requeue mail %1: it is not in %2/Badmail").arg(id, m_dir));
        return false;
    }
    if (!acceptsChanges(QStringLiteral("requeue"), id, error)) return false;
    // With no change in flight the message must be there now (a stat, no write); one in flight may
    // still be moving it into Badmail, and the writer reports a missing message then.
    if (!m_pendingChanges.contains(id) && fileSize(badmailPath(id, "eml")) < 0) {
        setError(error, QStringLiteral("cannot requeue mail %1: its message file %2 is missing")
                            .arg(id, badmailPath(id, "eml")));
        return false;
    }
    QueueEntry e = it->second;
    e.attempts = 0;
    e.nextAttempt = QDateTime::currentDateTimeUtc();
    e.badmailReason.clear();
    e.lastError.clear();
    submitChange(QueueJob::Kind::Requeue, e, true, std::move(durable));
    indexRemove(m_badmail, id);
    indexAdd(m_entries, e);
    noteChanged();
    return true;
}

} // namespace umgate
