// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/AtomicFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace umgate {

namespace {
QString errnoText(const char* what, const QString& path)
{
    return QStringLiteral("%1 %2: %3")
        .arg(QString::fromLatin1(what), path, QString::fromLocal8Bit(std::strerror(errno)));
}
void setError(QString* error, const QString& text)
{
    if (error) *error = text;
}
std::atomic<AtomicFile::SyncObserver> g_syncObserver{nullptr};
void noteSync(const QString& path)
{
    if (const AtomicFile::SyncObserver observer = g_syncObserver.load(std::memory_order_acquire))
        observer(path);
}
} // namespace

void AtomicFile::setSyncObserver(SyncObserver observer)
{
    g_syncObserver.store(observer, std::memory_order_release);
}

bool AtomicFile::syncData(int fd, const QString& path, QString* error)
{
    noteSync(path);
    if (::fdatasync(fd) == 0) return true;
    setError(error, errnoText("cannot sync", path));
    return false;
}

bool AtomicFile::syncDirectory(const QString& dirPath, QString* error)
{
    const QByteArray native = QFile::encodeName(dirPath);
    const int fd = ::open(native.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        setError(error, errnoText("cannot open directory", dirPath));
        return false;
    }
    noteSync(dirPath);
    const bool ok = ::fsync(fd) == 0;
    if (!ok) setError(error, errnoText("cannot fsync directory", dirPath));
    ::close(fd);
    return ok;
}

void AtomicFile::removeStaleTemps(const QString& dirPath)
{
    const QDir dir(dirPath);
    // The same name write() gives its temp file: a dot, the target's name, ".tmp-", hex digits.
    static const QRegularExpression name(QStringLiteral("^\\..+\\.tmp-[0-9a-f]+$"));
    for (const QString& entry : dir.entryList({QStringLiteral(".*.tmp-*")}, QDir::Files | QDir::Hidden))
        if (name.match(entry).hasMatch()) QFile::remove(dir.filePath(entry));
}

bool AtomicFile::write(const QString& path, const QByteArray& data, QString* error, int mode)
{
    const QFileInfo info(path);
    const QString dir = info.absolutePath();
    const QString tmp = QStringLiteral("%1/.%2.tmp-%3")
                            .arg(dir, info.fileName())
                            .arg(QRandomGenerator::global()->generate64(), 0, 16);
    const QByteArray nativeTmp = QFile::encodeName(tmp);
    const int fd = ::open(nativeTmp.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0) {
        setError(error, errnoText("cannot create", tmp));
        return false;
    }
    qsizetype done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + done, size_t(data.size() - done));
        if (n < 0) {
            if (errno == EINTR) continue;
            setError(error, errnoText("cannot write", tmp));
            ::close(fd);
            ::unlink(nativeTmp.constData());
            return false;
        }
        done += n;
    }
    // fchmod: the umask may have narrowed the mode given to open().
    noteSync(tmp);
    if (::fchmod(fd, mode_t(mode)) != 0 || ::fsync(fd) != 0) {
        setError(error, errnoText("cannot sync", tmp));
        ::close(fd);
        ::unlink(nativeTmp.constData());
        return false;
    }
    ::close(fd);
    if (::rename(nativeTmp.constData(), QFile::encodeName(path).constData()) != 0) {
        setError(error, errnoText("cannot rename onto", path));
        ::unlink(nativeTmp.constData());
        return false;
    }
    return syncDirectory(dir, error);
}

} // namespace umgate
