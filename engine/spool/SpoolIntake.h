// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/spool/KernelEnvelope.h"

#include <QFileSystemWatcher>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <functional>

namespace umgate {

// Takes envelopes out of one instance's Kernel/Incoming (protocol: KernelEnvelope.h) and hands
// each to a processor; the files go only when the processor says the message is safe elsewhere.
// A folder watch reacts at once; a rescan every few seconds catches what a watch can miss.
//
// Nothing in the folder can stall or fool the intake: an envelope name that is not UTF-8, a
// symbolic link or a FIFO named *.json is moved to Error with a reason (never opened); an envelope
// is read from one descriptor opened O_NOFOLLOW|O_NONBLOCK and checked with fstat.
//
// Poison messages: before an envelope is handed to the processor a small record
// `.processing/<envelope>` is written (holding how many engines already died on it); it is removed
// when the processor finishes. A record found at start means the engine died while processing
// that envelope (and whatever else was in flight): it becomes a suspect, taken again only when
// nothing else is to do, and then alone. The second death moves it and its attachments to Error
// with the reason instead of retrying it forever; the innocent neighbours of the first death
// finish on their own turn. An engine that restarts before a suspect's turn forgets nothing: the
// record keeps the count until it is processed.
class SpoolIntake : public QObject
{
    Q_OBJECT
public:
    enum class Outcome
    {
        Done,  // durably queued / stored / deliberately deleted: remove the spool files
        Later, // cannot take it now (queue full, store unavailable): leave it, try again later
        Error  // the message itself is unusable: move it to Kernel/Incoming/Error with the reason
    };
    using Finished = std::function<void(Outcome outcome, const QString& reason)>;
    using Processor = std::function<void(const KernelEnvelope& envelope, Finished finished)>;

    static constexpr int kMaxCrashes = 2; // engine deaths while processing one envelope

    SpoolIntake(const QString& instanceId, const QString& spoolDir, QObject* parent = nullptr);
    ~SpoolIntake() override;

    void setProcessor(Processor processor) { m_processor = std::move(processor); }
    void setMaxInFlight(int n) { m_maxInFlight = qMax(1, n); }
    void setRescanIntervalMs(int ms);
    void start();
    void stop(); // messages in flight finish; nothing new is taken
    bool isRunning() const { return m_running; }
    int inFlight() const { return int(m_inFlight.size()); }
    QString errorDir() const;
    QString progressDir() const; // the in-progress records

    // Moves an envelope and its attachments to the error folder with a reason file.
    bool moveToError(const QString& envelopeName, const QStringList& attachments, const QString& reason);

signals:
    void taken(const QString& kernelId); // processed and removed from the spool

private:
    void scan();
    void take(const QString& name);
    void recoverInProgress();
    void moveBadEntry(const QByteArray& rawName, const QString& reason);
    void writeRecord(const QString& name, int crashes) const;
    void removeRecord(const QString& name) const;
    void scheduleScan(int delayMs);
    void finish(const KernelEnvelope& envelope, Outcome outcome, const QString& reason);

    QString m_instanceId;
    QString m_dir;
    Processor m_processor;
    QFileSystemWatcher m_watcher;
    QTimer m_rescan;
    QTimer m_soon;
    QSet<QString> m_inFlight;              // envelope file names
    QStringList m_backlog;                 // the last listing, oldest first, not yet handed out
    bool m_dirty = true;                   // the periodic rescan wants a new listing
    QHash<QString, qint64> m_retryAfterMs; // "Later" envelopes: not before this time (ms since epoch)
    QHash<QString, int> m_crashes;         // envelopes an engine already died on: how often
    QString m_solo;                        // the suspect running alone, if any
    QSet<QByteArray> m_badReported;        // bad entries that could not be moved: logged, left alone
    QString m_stallId;                     // test hook UMGATE_TEST_STALL_KERNEL_ID (see take())
    int m_maxInFlight = 64;
    bool m_running = false;
    bool m_recovered = false;
};

} // namespace umgate
