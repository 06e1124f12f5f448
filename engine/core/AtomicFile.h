// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace umgate {

// Durable replacement of a whole file: write to a temp file in the same directory, fsync it,
// rename over the target, fsync the directory. A SIGKILL at any point leaves either the old
// or the new content on disk, never a torn file.
class AtomicFile
{
public:
    // mode is the permission of the new file (e.g. 0600 for secrets); the temp file is created
    // with it, so the content is never readable by others, not even for a moment.
    static bool write(const QString& path, const QByteArray& data, QString* error = nullptr, int mode = 0644);
    // Removes the temp files (".NAME.tmp-HEX") that writes into `dirPath` left when the process
    // died before their rename. Only while no write can be in progress (at start, under the lock).
    static void removeStaleTemps(const QString& dirPath);
    // fsync a directory so a rename or unlink inside it is durable.
    static bool syncDirectory(const QString& dirPath, QString* error = nullptr);
    // fdatasync an open file (`path` names it in the error), for writers that manage their own files.
    static bool syncData(int fd, const QString& path, QString* error = nullptr);

    // Test hook: when set, every fsync and fdatasync made here (write, syncDirectory, syncData)
    // first calls the observer with the path, on the thread that syncs. tst_mailqueue uses it to
    // prove that no queue change is synced on the event loop. nullptr removes it.
    using SyncObserver = void (*)(const QString& path);
    static void setSyncObserver(SyncObserver observer);
};

} // namespace umgate
