// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/queue/QueueWriter.h"

#include "engine/core/AtomicFile.h"

#include <QFile>
#include <QSet>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace umgate {

namespace {

// Two descriptors per mail stay open during a batch; 64 mails keep that far below the usual limit of
// 1024 descriptors, and the measurements (MailQueue.h) showed no gain from larger batches.
constexpr size_t kMaxBatchJobs = 64;
constexpr qint64 kMaxBatchBytes = qint64{64} * 1024 * 1024;
constexpr int kFileMode = 0640;

using Kind = QueueJob::Kind;

QString errnoText(const QString& what, const QString& path, int err)
{
    return QStringLiteral("%1 %2: %3").arg(what, path, QString::fromLocal8Bit(std::strerror(err)));
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

// Missing files count as removed. Returns the error text, empty on success.
QString unlinkFile(const QString& path)
{
    if (::unlink(native(path).constData()) == 0 || errno == ENOENT) return QString();
    return errnoText(QStringLiteral("cannot delete"), path, errno);
}

QString renameFile(const QString& from, const QString& to)
{
    if (::rename(native(from).constData(), native(to).constData()) == 0) return QString();
    return errnoText(QStringLiteral("cannot move %1 to").arg(from), to, errno);
}

// One batch on the writer thread. Steps, each ended by one sync of every directory it touched:
//   files  write every temp file, sync_file_range(WRITE) on all, then fdatasync each
//   1      Enqueue: every .eml renamed, then every .json (a .json never names a missing message);
//          Update, Requeue: queue .json renamed; ToBadmail: message to Badmail, Badmail .json
//          renamed; Remove/RemoveBadmail: .json deleted, then the rest
//   2      ToBadmail: queue .json deleted; Requeue: message back from Badmail
//   3      Requeue: Badmail .json (and reason files) deleted
// A job that fails skips its later steps and is undone as far as it can be (undo()).
class Batch
{
public:
    Batch(const QString& dir, const QString& badmailDir, QueueWriter::JobList& jobs)
        : m_dir(dir), m_badmailDir(badmailDir)
    {
        m_slots.reserve(jobs.size());
        for (auto& job : jobs) {
            job->ok = true;
            m_slots.emplace_back().job = job.get();
        }
    }

    void run()
    {
        writeFiles();
        stepOne();
        stepTwo();
        stepThree();
        for (Slot& s : m_slots)
            if (!s.job->ok) undo(s);
    }

private:
    struct Slot
    {
        QueueJob* job = nullptr;
        QString emlTmp, jsonTmp;
        int emlFd = -1, jsonFd = -1;
        bool renamedEml = false, renamedJson = false;      // Enqueue: the temp files reached their names
        bool movedEml = false;                             // ToBadmail, Requeue: the message moved
        bool touchedQueue = false, touchedBadmail = false; // in the current step
    };

    QString queuePath(const QString& id, const char* ext) const
    {
        return QStringLiteral("%1/%2.%3").arg(m_dir, id, QLatin1String(ext));
    }
    QString badmailPath(const QString& id, const char* ext) const
    {
        return QStringLiteral("%1/%2.%3").arg(m_badmailDir, id, QLatin1String(ext));
    }
    static void fail(Slot& s, const QString& text)
    {
        if (s.job->ok || s.job->error.isEmpty()) s.job->error = text;
        s.job->ok = false;
    }
    static void warn(Slot& s, const QString& text)
    {
        if (!text.isEmpty() && s.job->warning.isEmpty()) s.job->warning = text;
    }

    static QString openAndWrite(const QString& path, const QByteArray& data, int* fd)
    {
        *fd = ::open(native(path).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, kFileMode);
        if (*fd < 0) return errnoText(QStringLiteral("cannot create"), path, errno);
        if (!writeAll(*fd, data)) return errnoText(QStringLiteral("cannot write"), path, errno);
        // Starts writeback now, so the device sees the whole batch at once; fdatasync below is what
        // guarantees durability (sync_file_range alone does not flush metadata or the disk cache).
        ::sync_file_range(*fd, 0, 0, SYNC_FILE_RANGE_WRITE);
        return QString();
    }

    void writeFiles()
    {
        for (Slot& s : m_slots) {
            const QueueJob& job = *s.job;
            const QString& id = job.entry.id;
            QString why;
            switch (job.kind) {
            case Kind::Enqueue:
                s.emlTmp = QStringLiteral("%1/.%2.eml.tmp").arg(m_dir, id);
                why = openAndWrite(s.emlTmp, job.data, &s.emlFd);
                [[fallthrough]];
            case Kind::Update:
            case Kind::Requeue:
                s.jsonTmp = QStringLiteral("%1/.%2.json.tmp").arg(m_dir, id);
                if (why.isEmpty()) why = openAndWrite(s.jsonTmp, job.meta, &s.jsonFd);
                break;
            case Kind::ToBadmail:
                s.jsonTmp = QStringLiteral("%1/.%2.json.tmp").arg(m_badmailDir, id);
                why = openAndWrite(s.jsonTmp, job.meta, &s.jsonFd);
                break;
            case Kind::Remove:
            case Kind::RemoveBadmail:
                break;
            }
            if (!why.isEmpty()) fail(s, why);
        }
        for (Slot& s : m_slots) {
            QString why;
            if (s.job->ok && s.emlFd >= 0 && !AtomicFile::syncData(s.emlFd, s.emlTmp, &why)) fail(s, why);
            if (s.job->ok && s.jsonFd >= 0 && !AtomicFile::syncData(s.jsonFd, s.jsonTmp, &why)) fail(s, why);
            if (s.emlFd >= 0) ::close(s.emlFd);
            if (s.jsonFd >= 0) ::close(s.jsonFd);
            s.emlFd = s.jsonFd = -1;
        }
    }

    // Syncs the directories the jobs still ok touched in this step; a failed sync fails them all:
    // their change is not known to be durable.
    void endStep()
    {
        const auto syncOne = [this](const QString& dir, bool Slot::*touched) {
            const bool any = std::any_of(m_slots.begin(), m_slots.end(),
                                         [touched](const Slot& s) { return s.job->ok && s.*touched; });
            QString why;
            if (any && !AtomicFile::syncDirectory(dir, &why))
                for (Slot& s : m_slots)
                    if (s.job->ok && s.*touched) fail(s, why);
        };
        syncOne(m_dir, &Slot::touchedQueue);
        syncOne(m_badmailDir, &Slot::touchedBadmail);
        for (Slot& s : m_slots)
            s.touchedQueue = s.touchedBadmail = false;
    }

    void stepOne()
    {
        // All messages before any metadata: a .json (the commit point) never names a message not yet there.
        for (Slot& s : m_slots) {
            if (!s.job->ok || s.job->kind != Kind::Enqueue) continue;
            const QString why = renameFile(s.emlTmp, queuePath(s.job->entry.id, "eml"));
            s.renamedEml = why.isEmpty();
            if (!s.renamedEml) fail(s, why);
            s.touchedQueue = true;
        }
        for (Slot& s : m_slots)
            if (s.job->ok) stepOne(s);
        endStep();
    }

    void stepOne(Slot& s)
    {
        const QString& id = s.job->entry.id;
        QString why;
        switch (s.job->kind) {
        case Kind::Enqueue:
        case Kind::Update:
        case Kind::Requeue:
            why = renameFile(s.jsonTmp, queuePath(id, "json"));
            s.renamedJson = why.isEmpty();
            s.touchedQueue = true;
            break;
        case Kind::ToBadmail:
            why = renameFile(queuePath(id, "eml"), badmailPath(id, "eml"));
            s.movedEml = why.isEmpty();
            if (s.movedEml) why = renameFile(s.jsonTmp, badmailPath(id, "json"));
            s.renamedJson = s.movedEml && why.isEmpty();
            s.touchedQueue = s.touchedBadmail = true;
            break;
        case Kind::Remove:
            // The .json goes first: without it the mail is gone, and a stray .eml is deleted by recovery.
            why = unlinkFile(queuePath(id, "json"));
            if (why.isEmpty()) warn(s, unlinkFile(queuePath(id, "eml")));
            s.touchedQueue = s.job->sync;
            break;
        case Kind::RemoveBadmail:
            why = unlinkFile(badmailPath(id, "json"));
            if (why.isEmpty())
                for (const char* ext : {"eml", "reason.txt", "json.corrupt"})
                    warn(s, unlinkFile(badmailPath(id, ext)));
            s.touchedBadmail = true;
            break;
        }
        if (!why.isEmpty()) fail(s, why);
    }

    void stepTwo()
    {
        for (Slot& s : m_slots) {
            if (!s.job->ok) continue;
            const QString& id = s.job->entry.id;
            QString why;
            if (s.job->kind == Kind::ToBadmail) {
                // From here on the mail is in Badmail whatever happens; a queue .json left behind is
                // an interrupted move that recovery finishes.
                why = unlinkFile(queuePath(id, "json"));
                s.touchedQueue = true;
            } else if (s.job->kind == Kind::Requeue) {
                why = renameFile(badmailPath(id, "eml"), queuePath(id, "eml"));
                s.movedEml = why.isEmpty();
                s.touchedQueue = true;
            }
            if (!why.isEmpty()) fail(s, why);
        }
        endStep();
    }

    void stepThree()
    {
        for (Slot& s : m_slots) {
            if (!s.job->ok || s.job->kind != Kind::Requeue) continue;
            // The mail is queued now; a Badmail .json left behind is cleaned by recovery.
            const QString& id = s.job->entry.id;
            QString why;
            for (const char* ext : {"json", "reason.txt", "json.corrupt"})
                if (why.isEmpty()) why = unlinkFile(badmailPath(id, ext));
            if (!why.isEmpty()) fail(s, why);
            s.touchedBadmail = true;
        }
        endStep();
    }

    // A failed job leaves no temp file, and as far as possible the state it started from. What it
    // cannot take back (a failed directory sync after the rename) MailQueue reads back from disk.
    void undo(const Slot& s)
    {
        const QString& id = s.job->entry.id;
        switch (s.job->kind) {
        case Kind::Enqueue:
            // Not known to be durable, so not acknowledged: take the mail back out; the caller retries.
            if (s.renamedJson) unlinkFile(queuePath(id, "json"));
            if (s.renamedEml) unlinkFile(queuePath(id, "eml"));
            break;
        case Kind::ToBadmail:
            if (s.movedEml && !s.renamedJson) renameFile(badmailPath(id, "eml"), queuePath(id, "eml"));
            break;
        case Kind::Requeue:
            // The message never left Badmail: the queue .json must not claim it.
            if (s.renamedJson && !s.movedEml) {
                unlinkFile(queuePath(id, "json"));
                QString ignored;
                AtomicFile::syncDirectory(m_dir, &ignored);
            }
            break;
        case Kind::Update:
        case Kind::Remove:
        case Kind::RemoveBadmail:
            break;
        }
        if (!s.emlTmp.isEmpty() && !s.renamedEml) unlinkFile(s.emlTmp);
        if (!s.jsonTmp.isEmpty() && !s.renamedJson) unlinkFile(s.jsonTmp);
    }

    const QString& m_dir;
    const QString& m_badmailDir;
    std::vector<Slot> m_slots;
};

} // namespace

QueueWriter::QueueWriter(const QString& dir, const QString& badmailDir, std::function<void()> notify)
    : m_dir(dir), m_badmailDir(badmailDir), m_notify(std::move(notify))
{
}

QueueWriter::~QueueWriter()
{
    stop();
}

void QueueWriter::start()
{
    m_thread = std::thread([this] { loop(); });
}

void QueueWriter::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

void QueueWriter::submit(std::unique_ptr<QueueJob> job)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_stopping) {
            m_jobs.push_back(std::move(job));
            m_wake.notify_one();
            return;
        }
    }
    job->ok = false;
    job->error = QStringLiteral("the mail queue %1 is shutting down").arg(m_dir);
    finishLater(std::move(job));
}

void QueueWriter::finishLater(std::unique_ptr<QueueJob> job)
{
    std::lock_guard lock(m_mutex);
    const bool wasEmpty = m_done.empty();
    m_done.push_back(std::move(job));
    if (wasEmpty) m_notify();
}

QueueWriter::JobList QueueWriter::takeDone()
{
    JobList done;
    std::lock_guard lock(m_mutex);
    done.swap(m_done);
    return done;
}

bool QueueWriter::hasDone()
{
    std::lock_guard lock(m_mutex);
    return !m_done.empty();
}

// The jobs at the front, in order, up to the limits; it stops before a second job for the same
// mail, which goes into the next batch (two steps of one batch must never meet on one file).
QueueWriter::JobList QueueWriter::nextBatchLocked()
{
    QSet<QString> ids;
    qint64 bytes = 0;
    size_t n = 0;
    while (n < m_jobs.size() && n < kMaxBatchJobs && (n == 0 || bytes < kMaxBatchBytes)) {
        const QueueJob& job = *m_jobs[n];
        if (ids.contains(job.entry.id)) break;
        ids.insert(job.entry.id);
        bytes += job.data.size();
        ++n;
    }
    JobList batch(std::make_move_iterator(m_jobs.begin()),
                  std::make_move_iterator(m_jobs.begin() + qsizetype(n)));
    m_jobs.erase(m_jobs.begin(), m_jobs.begin() + qsizetype(n));
    return batch;
}

void QueueWriter::loop()
{
    // Runs until stop(); it then writes what is left and ends.
    for (;;) {
        JobList batch;
        {
            std::unique_lock lock(m_mutex);
            // Waiting for work is this thread's idle state; stop() always wakes it.
            m_wake.wait(lock, [this] { return !m_jobs.empty() || m_stopping; });
            if (m_jobs.empty()) return;
            batch = nextBatchLocked();
        }
        Batch(m_dir, m_badmailDir, batch).run();
        std::lock_guard lock(m_mutex);
        const bool wasEmpty = m_done.empty();
        for (auto& job : batch)
            m_done.push_back(std::move(job));
        if (wasEmpty) m_notify();
    }
}

} // namespace umgate
