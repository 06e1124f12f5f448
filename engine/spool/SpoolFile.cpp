// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/spool/SpoolFile.h"

#include <QFile>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace umgate {

namespace {

struct Fd
{
    int fd = -1;
    ~Fd()
    {
        if (fd >= 0) ::close(fd);
    }
};

QString kindOf(mode_t mode)
{
    if (S_ISDIR(mode)) return u"a folder"_s;
    if (S_ISFIFO(mode)) return u"a FIFO"_s;
    if (S_ISSOCK(mode)) return u"a socket"_s;
    if (S_ISCHR(mode) || S_ISBLK(mode)) return u"a device"_s;
    return u"not a regular file"_s;
}

} // namespace

std::optional<QByteArray> SpoolFile::read(int dirFd, const QString& name, qint64 maxBytes, QString* error,
                                          bool* missing)
{
    if (missing) *missing = false;
    const auto fail = [&](const QString& why) -> std::optional<QByteArray> {
        if (error) *error = u"%1: %2"_s.arg(name, why);
        return std::nullopt;
    };
    if (name.isEmpty() || name.contains(u'/') || name == u"."_s || name == u".."_s)
        return fail(u"not a plain file name"_s);
    Fd f;
    f.fd = ::openat(dirFd, QFile::encodeName(name).constData(),
                    O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (f.fd < 0) {
        const int err = errno;
        if (err == ELOOP) return fail(u"is a symbolic link"_s);
        if (err == ENOENT) {
            if (missing) *missing = true;
            return fail(u"does not exist"_s);
        }
        return fail(QString::fromLocal8Bit(::strerror(err)));
    }
    struct stat st;
    if (::fstat(f.fd, &st) != 0) return fail(QString::fromLocal8Bit(::strerror(errno)));
    if (!S_ISREG(st.st_mode)) return fail(u"is %1"_s.arg(kindOf(st.st_mode)));
    if (st.st_size > maxBytes) return fail(u"is larger than %1 bytes"_s.arg(maxBytes));
    // Up to one byte more than allowed: a file that grows while it is read is caught too.
    QByteArray data(qsizetype(st.st_size), Qt::Uninitialized);
    qsizetype got = 0;
    for (;;) {
        if (got == data.size()) {
            if (data.size() > maxBytes) return fail(u"is larger than %1 bytes"_s.arg(maxBytes));
            data.resize(qsizetype(qMin<qint64>(maxBytes + 1, qint64(data.size()) + qint64{64} * 1024)));
        }
        const ssize_t n = ::read(f.fd, data.data() + got, size_t(data.size() - got));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return fail(QString::fromLocal8Bit(::strerror(errno)));
        if (n == 0) break;
        got += n;
    }
    data.resize(got);
    if (got > maxBytes) return fail(u"is larger than %1 bytes"_s.arg(maxBytes));
    return data;
}

std::optional<QByteArray> SpoolFile::read(const QString& dir, const QString& name, qint64 maxBytes,
                                          QString* error, bool* missing)
{
    Fd d;
    d.fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (d.fd < 0) {
        if (error) *error = u"%1: %2"_s.arg(dir, QString::fromLocal8Bit(::strerror(errno)));
        return std::nullopt;
    }
    return read(d.fd, name, maxBytes, error, missing);
}

} // namespace umgate
