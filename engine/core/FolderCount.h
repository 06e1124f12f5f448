// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QHash>
#include <QString>

namespace umgate {

// Counts the plain files of a folder (dot files are writes in progress and never count). For
// answers asked for often, count() reads a folder again only when it changed since it was last
// counted: any file added, removed or renamed in it moves the folder's mtime. Timestamps are
// coarse (a clock tick on ext4, whole seconds on some file systems), so a second change within the
// tick of the first would leave the mtime as it was: a count taken less than a few seconds after
// the mtime is not trusted and the folder is read again (git's "racily clean" rule).
class FolderCount
{
public:
    // Files of `path` whose names end in `suffix` (every file for nullptr); 0 when there is no
    // such folder. Always reads the folder.
    static int countNow(const QByteArray& path, const char* suffix);

    FolderCount() = default;
    ~FolderCount();
    FolderCount(const FolderCount&) = delete;
    FolderCount& operator=(const FolderCount&) = delete;

    // The same, read again only when the folder changed. One suffix per path. The folder is kept
    // open, so the check is an fstat without a path walk; a folder removed since is opened again
    // by its path.
    int count(const QString& path, const char* suffix);
    // Closes the folder: its path may name another folder now (an instance deleted or renamed).
    void forget(const QString& path);

private:
    struct Entry
    {
        int fd = -1;
        qint64 mtimeNs = 0;
        qint64 countedAtNs = 0; // CLOCK_REALTIME, the clock the mtime comes from
        int count = 0;
    };
    QHash<QString, Entry> m_entries;
};

} // namespace umgate
