// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/queue/QueueEntry.h"
#include "engine/queue/QueueWriter.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <functional>
#include <map>
#include <optional>

namespace umgate {

// The durable outgoing mail queue of one connector instance (folder SMTPOut).
//
// On disk (SMTPOut = the directory given to the constructor):
//   SMTPOut/<id>.eml            the message, exactly as it will be sent
//   SMTPOut/<id>.json           its QueueEntry ("umgate.queue-entry", version 1)
//   SMTPOut/.<id>.eml.tmp, .<id>.json.tmp, .<name>.tmp-<hex>   temp files, only while writing
//   SMTPOut/Badmail/<id>.eml    a mail given up on, with <id>.json carrying badmailReason;
//   SMTPOut/Badmail/<id>.reason.txt   why recovery moved it (and <id>.json.corrupt: a damaged original)
//   SMTPOut/Badmail/.<id>.json.tmp    temp file, only while writing
// The `.json` is the commit point: a mail exists exactly when its `.json` is in SMTPOut.
//
// One write path: every change (enqueue, update, remove, moveToBadmail, requeue) is a job for the
// writer thread (QueueWriter), never a file operation on the caller's thread. The in-memory index
// changes at once, so the event loop always sees the state it asked for; the `durable` callback
// runs on the queue's thread once the change is on disk (then it is acknowledged: it survives
// SIGKILL and power loss), or failed (then the queue reads the mail's state back from disk and
// logs why). A mail with a change on its way to disk is not due().
//
// Group commit: every job that arrives while a batch is being written joins the next batch (one
// job per mail per batch). Per batch: write all temp files; sync_file_range(WRITE) on all of them
// so the device gets the data in one burst; fdatasync each (the first one commits the ext4 journal
// for all, the rest find their metadata already committed and cost little); then the renames and
// deletions in steps, each ended by one fsync per directory it touched (QueueWriter.cpp lists them:
// a Badmail .json is durable before the queue .json goes; a requeued .json is durable before the
// message leaves Badmail); then the callbacks run on the queue's thread. Only then is a mail
// acknowledged, and the caller may delete the kernel spool file. Measured on this disk (ext4, about
// 1,500 fsyncs/s; 4 KB mails, batches of 64, 4,000 mails, median of 5 interleaved runs, mails/s):
//   fdatasync of each file right after writing it           ~750
//   write all, then fdatasync each                          ~970
//   write all, one syncfs(2) on the directory fd            ~1,140 (spread 1,010-1,560)
//   write all + sync_file_range(WRITE), then fdatasync each ~1,480 (spread 1,440-1,880)   <- used
// (Without any sync at all the same loop ran 1,100-2,200 mails/s: ext4 file creation costs CPU, so
// the batched variants are near the ceiling.) syncfs is also worse in principle: it flushes every
// dirty page of the whole file system (logs, other programs), so its latency depends on strangers,
// and it reports write errors only per file system. fdatasync guarantees exactly the files we wrote.
// The unit test prints the mails/s of 2,000 concurrent enqueues (650-2,850 on the shared test box).
//
// Crash recovery in open() (MailQueueRecovery.cpp; it runs before the writer starts, on the
// caller's thread, and syncs only when it repaired something): temp files are deleted; an .eml
// without .json was never acknowledged and is deleted; a .json whose .eml is in Badmail is an
// interrupted moveToBadmail and is completed; any other .json without .eml, an unparsable .json or
// an .eml whose size does not match its .json moves to Badmail with a reason file: nothing
// acknowledged is ever deleted silently. A Badmail .json whose id is also queued is the leftover of
// an interrupted requeue and is deleted.
//
// Memory holds metadata only; message bytes stay on disk (readData). Not thread-safe: use a MailQueue
// from the thread it lives on; only the internal writer thread runs elsewhere.
class MailQueue : public QObject
{
    Q_OBJECT
public:
    using DurableCallback = std::function<void(bool ok, const QString& error, const QueueEntry& stored)>;
    // A change's acknowledgement: ok = on disk; otherwise `error` says why (already logged).
    using ChangeDone = std::function<void(bool ok, const QString& error)>;

    explicit MailQueue(const QString& smtpOutDir, QObject* parent = nullptr);
    // Waits for the writer thread. Changes still pending are written; their callbacks run from here
    // (they must not use this queue any more).
    ~MailQueue() override;

    bool open(QString* error); // creates dirs, recovers, builds the in-memory index, starts the writer
    bool isOpen() const { return m_open; }
    QString directory() const { return m_dir; }
    QString badmailDirectory() const { return m_badmailDir; }
    void setMaxDiskBytes(qint64 bytes); // 0 = unlimited; counts queue + Badmail + pending messages
    void setInstanceId(const QString& id) { m_instanceId = id; } // names the instance in log lines
    qint64 maxDiskBytes() const { return m_maxDiskBytes; }

    // Durable enqueue. A new id is assigned; size, created (if unset) and nextAttempt (if unset, = created)
    // are filled in. `durable` runs later on this object's thread, never inside enqueue. The mail is
    // in entries() only from then on.
    void enqueue(QueueEntry entry, QByteArray data, DurableCallback durable);

    bool containsKernelId(const QString& kernelId) const;     // queued, in Badmail or being enqueued
    QList<QueueEntry> entries() const;                        // oldest first
    QList<QueueEntry> badmail() const;                        // oldest first
    std::optional<QueueEntry> entry(const QString& id) const; // queued or in Badmail
    std::optional<QByteArray> readData(const QString& id, QString* error) const;
    // nextAttempt <= now, oldest (by id) first; not the mails with a change on its way to disk.
    QList<QueueEntry> due(const QDateTime& now, int max) const;

    // The changes. Each returns false with *error when it cannot apply (no such mail, queue not
    // open or shutting down): nothing changed and `durable` never runs. Otherwise the index shows
    // the change at once and `durable` runs exactly once, later, on this object's thread.
    bool update(const QueueEntry& entry, QString* error, ChangeDone durable = {}); // id, size: the queue's
    // Queued or in Badmail. `sync` = false spares a directory fsync of its own: for delivered mail a
    // removal lost to a power cut only means the mail is sent again, and SIGKILL loses nothing.
    bool remove(const QString& id, QString* error, bool sync = true, ChangeDone durable = {});
    bool moveToBadmail(const QString& id, const QString& reason, QString* error, ChangeDone durable = {});
    bool requeue(const QString& id, QString* error, ChangeDone durable = {}); // attempts reset, due now
    qint64 diskBytes() const { return m_diskBytes; }
    int size() const { return int(m_entries.size()); }
    int badmailSize() const { return int(m_badmail.size()); }

signals:
    void changed(); // entries added/removed/moved; coalesced per event-loop turn

private:
    using JobList = QueueWriter::JobList;

    // MailQueueRecovery.cpp
    bool recover(QString* error);
    bool recoverBadmail(QString* error);
    bool recoverMail(const QString& stem, bool haveEml, bool haveJson, bool* touched, QString* error);
    bool recoverWithoutMessage(const QString& stem, const QueueEntry& parsed, QString* error);
    bool quarantine(const QString& stem, const QString& reason, const std::optional<QueueEntry>& parsed,
                    QString* error);
    std::optional<QueueEntry> readEntry(const QString& path, QString* error) const;
    void reload(const QString& id);

    bool acceptsChanges(const QString& what, const QString& id, QString* error) const;
    void submitChange(QueueJob::Kind kind, const QueueEntry& entry, bool sync, ChangeDone durable);
    void failLater(QueueEntry entry, const QString& error, DurableCallback durable);
    // Invoked by name from the writer thread: the event carries nothing of ours (CallQueue says why).
    Q_INVOKABLE void drainDone();
    void finishJob(QueueJob& job);
    void noteChanged();
    void indexAdd(std::map<QString, QueueEntry>& index, const QueueEntry& e);
    void indexRemove(std::map<QString, QueueEntry>& index, const QString& id);
    QString queuePath(const QString& id, const char* ext) const;
    QString badmailPath(const QString& id, const char* ext) const;

    const QString m_dir;
    const QString m_badmailDir;
    QString m_instanceId;
    bool m_open = false;
    bool m_stopping = false;
    qint64 m_maxDiskBytes = 0;
    qint64 m_diskBytes = 0;
    qint64 m_pendingBytes = 0;
    std::map<QString, QueueEntry> m_entries; // by id = creation order
    std::map<QString, QueueEntry> m_badmail;
    QHash<QString, int> m_kernelIds;      // queued + Badmail + pending
    QHash<QString, int> m_pendingChanges; // id -> changes submitted and not yet done
    bool m_changedPosted = false;
    QueueWriter m_writer;
};

} // namespace umgate
