// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/CallQueue.h"
#include "engine/inbound/MimeReader.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

namespace umgate {

// Writes kernel jobs into Kernel/Outgoing (the protocol is in KernelJob.h) on its own thread, with
// group commit: every mail submitted while the previous batch was being written goes into the next
// batch, and a batch costs two syncs however many sessions wait in it:
//   1. each mail file `<id>.eml` (the Received: line and the data, written with one writev), the
//      attachments MimeReader decodes as `<id>.<n>.<ext>`, hard links of all of them for the
//      other recipients' jobs, each envelope as `.<id>.json.tmp`;
//      and the daily-count lines of those mails (DailyCounts), appended to their files;
//   2. one syncfs() of the spool's file system (the instance's folder): every file of the batch on disk at
//   once (one
//      journal commit and one cache flush instead of one fdatasync per file, which is what
//      Postfix pays per mail);
//   3. every envelope moved to `<id>.json` (link, then the temp name removed: an envelope already
//      there is never replaced), then one fsync of the folder: the commit point;
//   4. each mail's `done` runs on the thread that created the writer, ok or with the reason.
// A mail whose files cannot be written fails alone and leaves nothing behind; a failed sync fails
// every mail of its batch. Nothing is answered before step 3 is on disk.
class KernelJobWriter : public QObject
{
    Q_OBJECT
public:
    struct Write
    {
        QByteArray prefix;  // written before data (umgate's Received: line)
        QByteArray data;    // the mail as received
        QList<QString> ids; // one job per recipient: `<ids[0]>.eml` and links for the others
        // Job i's envelope, built on the writer thread from the mail's decoded content and the
        // names of job i's attachment files (in the order of content.attachments).
        std::function<QByteArray(qsizetype i, const MimeReader::Content& content, const QStringList& files)>
            envelope;
        std::function<void(bool ok, const QString& error)> done;
        // Appended to `countFile` (DailyCounts) before the batch's sync, when the mail's files
        // were written: the sender's daily count is on disk with the jobs.
        QString countFile;
        QByteArray countLine;
    };

    explicit KernelJobWriter(const QString& dir, QObject* parent = nullptr);
    ~KernelJobWriter() override; // writes what was submitted, then ends the thread

    void submit(Write write);
    // What a crash left of a write: `.<id>.json.tmp`, and `<id>.eml` and `<id>.<n>[.<ext>]` files
    // without an envelope. Call before the first submit.
    static void recover(const QString& dir);
    // Cancels a job the kernel has not taken (an administrator's queue.delete): its envelope is
    // renamed to `.<id>.json.cancelled` (the commit point, the folder synced), then its files and
    // that envelope are removed. The envelope as it was, or nothing with the reason: no such job
    // (the kernel took it: its rename came first) or a malformed id (then *notFound), a file system
    // error.
    static std::optional<QJsonObject> cancel(const QString& dir, const QString& id, QString* error,
                                             bool* notFound = nullptr);
    // The number of batches written so far (for tests and the benchmark).
    quint64 batches() const;

private:
    struct Item
    {
        Write write;
        bool ok = true;
        QString error;
        QList<QByteArray> created;    // file names this item made, envelopes first
        void fail(const QString& why) // the first reason is the one reported
        {
            if (ok) error = why;
            ok = false;
        }
    };
    void loop();
    void writeBatch(std::vector<Item>& batch);
    static void writeItem(int dirFd, Item& item);
    static void appendCounts(std::vector<Item>& batch);

    const QString m_dir;
    CallQueue* m_results;
    CallQueue::Target m_target;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::vector<Item> m_pending; // guarded by m_mutex
    bool m_stopping = false;     // guarded by m_mutex
    quint64 m_batches = 0;       // guarded by m_mutex
    std::thread m_thread;
};

} // namespace umgate
