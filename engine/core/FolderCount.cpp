// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/FolderCount.h"

#include <QFile>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <sys/stat.h>

namespace umgate {

namespace {
// Longer than any file system's timestamp granularity (FAT: 2 s) plus the coarse clock's lag.
constexpr qint64 kTrustAfterNs = 3'000'000'000;

qint64 nanoseconds(const timespec& t)
{
    return qint64(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}
} // namespace

int FolderCount::countNow(const QByteArray& path, const char* suffix)
{
    const size_t suffixLength = suffix ? std::strlen(suffix) : 0;
    // readdir, not QDir: engine.status asks for every instance on every call.
    DIR* dir = ::opendir(path.constData());
    if (!dir) return 0;
    int n = 0;
    while (const dirent* e = ::readdir(dir)) {
        if (e->d_name[0] == '.') continue; // dot files are temp files of writes in progress
        if (suffix) {
            const size_t length = std::strlen(e->d_name);
            if (length <= suffixLength || std::strcmp(e->d_name + length - suffixLength, suffix) != 0)
                continue;
        }
        if (e->d_type == DT_REG || e->d_type == DT_UNKNOWN) ++n;
    }
    ::closedir(dir);
    return n;
}

int FolderCount::count(const QString& path, const char* suffix)
{
    const QByteArray encoded = QFile::encodeName(path);
    struct stat st = {};
    if (::stat(encoded.constData(), &st) != 0) {
        m_entries.remove(path);
        return 0;
    }
    const qint64 mtime = nanoseconds(st.st_mtim);
    auto it = m_entries.find(path);
    if (it != m_entries.end() && it->device == st.st_dev && it->inode == st.st_ino && it->mtimeNs == mtime &&
        it->countedAtNs - mtime >= kTrustAfterNs)
        return it->count;
    timespec now = {};
    ::clock_gettime(CLOCK_REALTIME, &now);
    const int n = countNow(encoded, suffix);
    m_entries.insert(path, Entry{st.st_dev, st.st_ino, mtime, nanoseconds(now), n});
    return n;
}

} // namespace umgate
