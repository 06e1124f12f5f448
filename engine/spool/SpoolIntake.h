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

    SpoolIntake(const QString& instanceId, const QString& spoolDir, QObject* parent = nullptr);

    void setProcessor(Processor processor) { m_processor = std::move(processor); }
    void setMaxInFlight(int n) { m_maxInFlight = qMax(1, n); }
    void setRescanIntervalMs(int ms);
    void start();
    void stop(); // messages in flight finish; nothing new is taken
    bool isRunning() const { return m_running; }
    int inFlight() const { return int(m_inFlight.size()); }
    QString errorDir() const;

    // Moves an envelope and its attachments to the error folder with a reason file.
    bool moveToError(const QString& envelopeName, const QStringList& attachments, const QString& reason);

signals:
    void taken(const QString& kernelId); // processed and removed from the spool

private:
    void scan();
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
    int m_maxInFlight = 64;
    bool m_running = false;
};

} // namespace umgate
