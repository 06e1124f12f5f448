// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QLockFile>
#include <QString>

namespace umgate {

// One engine per data dir: DIR/umgated.lock, taken over when the engine that held it is gone
// (a crash leaves a stale lock; QLockFile checks the PID).
class DataDirLock
{
public:
    DataDirLock(const QString& lockFile, const QString& dataDir);

    // False with a sentence naming the engine that holds it.
    bool acquire(QString* error);
    void release() { m_lock.unlock(); }

private:
    QLockFile m_lock;
    QString m_dataDir;
};

} // namespace umgate
