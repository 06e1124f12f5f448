// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QThread>
#include <csignal>
#include <sys/types.h>

namespace umgate::test {

// Whether every thread of `pid` is in job-control stop ('T'; 't' is a ptrace stop). The state is
// the first field after the command name's closing parenthesis in /proc/<pid>/task/<tid>/stat.
inline bool allThreadsStopped(pid_t pid)
{
    const QString tasks = QStringLiteral("/proc/%1/task").arg(pid);
    const QStringList tids = QDir(tasks).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    if (tids.isEmpty()) return false;
    for (const QString& tid : tids) {
        QFile stat(tasks + QLatin1Char('/') + tid + QStringLiteral("/stat"));
        if (!stat.open(QIODevice::ReadOnly)) continue; // the thread ended meanwhile
        const QByteArray line = stat.readAll();
        const qsizetype close = line.lastIndexOf(')');
        if (close < 0 || close + 2 >= line.size()) return false;
        const char state = line.at(close + 2);
        if (state != 'T' && state != 't') return false;
    }
    return true;
}

// Stops `pid` with SIGSTOP and returns once it can no longer answer anything. kill() alone
// returns before that: the kernel wakes one thread to take the signal, and only when that thread
// runs does it stop the others, so on a busy machine a thread already running (an LDAP server's
// listener, the engine's event loop) still answers a request sent right after kill(). A test that
// means "the peer is silent now" waits for the stop. false when it did not happen in time.
inline bool stopProcess(pid_t pid, int timeoutMs = 10000)
{
    if (pid <= 0 || ::kill(pid, SIGSTOP) != 0) return false;
    QElapsedTimer t;
    t.start();
    while (!allThreadsStopped(pid)) {
        if (t.elapsed() > timeoutMs) return false;
        QThread::msleep(1);
    }
    return true;
}

} // namespace umgate::test
