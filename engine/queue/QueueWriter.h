// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/queue/QueueEntry.h"

#include <QByteArray>
#include <QString>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace umgate {

// One change to a MailQueue's files. The owner thread fills in the request, the writer thread the
// result; the owner reads the result only after taking the job back from the done list.
struct QueueJob
{
    enum class Kind
    {
        Enqueue,       // new <id>.eml + <id>.json
        Update,        // <id>.json replaced
        Remove,        // a queued mail's files deleted
        RemoveBadmail, // a Badmail mail's files deleted
        ToBadmail,     // message to Badmail with a Badmail .json, queue .json deleted
        Requeue        // queue .json written, message back from Badmail, Badmail files deleted
    };
    using Done = std::function<void(bool ok, const QString& error, const QueueEntry& stored)>;

    Kind kind = Kind::Enqueue;
    QueueEntry entry; // entry.id always; the metadata to store for Enqueue, Update, ToBadmail, Requeue
    QByteArray data;  // Enqueue: the message
    QByteArray meta;  // entry.toFileData()
    bool sync = true; // Remove: false = this removal does not need a directory sync of its own
    Done done;
    bool accounted = false; // MailQueue's bookkeeping: counted in its pending bytes and kernel ids

    bool ok = true;
    QString error;   // why it failed (ok == false)
    QString warning; // a leftover file that could not be deleted: the change itself is made
};

// The writer thread of one MailQueue: every change to the queue's files is made here, in the order
// submitted, in batches with one directory sync per step for all of them (group commit). Each step
// syncs what it touched before the next one starts, so a crash leaves only states that
// MailQueue's recovery knows (see MailQueue.h for the steps of each kind).
class QueueWriter
{
public:
    using JobList = std::vector<std::unique_ptr<QueueJob>>;

    // `notify` runs (on the writer thread, or the thread calling finishLater) with the lock held
    // whenever the done list was empty and gets a job; it must only post a wake-up to the owner.
    QueueWriter(const QString& dir, const QString& badmailDir, std::function<void()> notify);
    ~QueueWriter(); // stop()

    void start();
    // Writes every job submitted so far, then ends the thread. Later submissions fail.
    void stop();
    void submit(std::unique_ptr<QueueJob> job);
    // Reports a job without writing anything (it failed before it reached the disk).
    void finishLater(std::unique_ptr<QueueJob> job);
    JobList takeDone();
    bool hasDone();

private:
    void loop();
    JobList nextBatchLocked();

    const QString m_dir;
    const QString m_badmailDir;
    const std::function<void()> m_notify;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    JobList m_jobs;
    JobList m_done;
    bool m_stopping = false;
    std::thread m_thread;
};

} // namespace umgate
