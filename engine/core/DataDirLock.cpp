// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/DataDirLock.h"

namespace umgate {

DataDirLock::DataDirLock(const QString& lockFile, const QString& dataDir)
    : m_lock(lockFile), m_dataDir(dataDir)
{
    m_lock.setStaleLockTime(0);
}

bool DataDirLock::acquire(QString* error)
{
    if (m_lock.tryLock(0)) return true;
    qint64 pid = 0;
    QString host, app;
    m_lock.getLockInfo(&pid, &host, &app);
    *error = QStringLiteral("another engine (pid %1) already uses %2").arg(pid).arg(m_dataDir);
    return false;
}

} // namespace umgate
