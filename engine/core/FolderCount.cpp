// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/FolderCount.h"

#include <QFile>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

FolderCount::~FolderCount()
{
    for (const Entry& e : std::as_const(m_entries))
        if (e.fd >= 0) ::close(e.fd);
}

void FolderCount::forget(const QString& path)
{
    const auto it = m_entries.constFind(path);
    if (it == m_entries.constEnd()) return;
    if (it->fd >= 0) ::close(it->fd);
    m_entries.erase(it);
}

int FolderCount::count(const QString& path, const char* suffix)
{
    auto it = m_entries.find(path);
    struct stat st = {};
    // The open folder, while it still exists (a removed one has no links left).
    const bool open = it != m_entries.end() && it->fd >= 0 && ::fstat(it->fd, &st) == 0 && st.st_nlink > 0;
    if (!open) {
        forget(path);
        const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) return 0;
        if (::fstat(fd, &st) != 0) {
            ::close(fd);
            return 0;
        }
        it = m_entries.insert(path, Entry{fd, -1, 0, 0});
    }
    const qint64 mtime = nanoseconds(st.st_mtim);
    if (it->mtimeNs == mtime && it->countedAtNs - mtime >= kTrustAfterNs) return it->count;
    timespec now = {};
    ::clock_gettime(CLOCK_REALTIME, &now);
    it->mtimeNs = mtime;
    it->countedAtNs = nanoseconds(now);
    it->count = countNow(QFile::encodeName(path), suffix);
    return it->count;
}

} // namespace umgate
