// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/umgatectl/CtlInput.h"

#include <QFile>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <string>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

namespace umgate {

namespace {

QString tooBig(const QString& what, qint64 size, qint64 limit)
{
    return QStringLiteral("%1 is %2 bytes; the engine accepts at most %3 bytes per request")
        .arg(what, size < 0 ? QStringLiteral("more than %1").arg(limit) : QString::number(size))
        .arg(limit);
}

// Reads from `fd` until end of file or limit + 1 bytes, whichever comes first.
std::optional<QByteArray> readUpTo(int fd, qint64 limit, const QString& what, QString* error)
{
    QByteArray bytes;
    char chunk[65536];
    while (bytes.size() <= limit) {
        const ssize_t n =
            ::read(fd, chunk, size_t(qMin<qint64>(qint64(sizeof chunk), limit + 1 - bytes.size())));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            *error =
                QStringLiteral("cannot read %1: %2").arg(what, QString::fromLocal8Bit(std::strerror(errno)));
            return std::nullopt;
        }
        if (n == 0) return bytes;
        bytes.append(chunk, n);
    }
    *error = tooBig(what, -1, limit);
    return std::nullopt;
}

} // namespace

std::optional<QByteArray> readBoundedInput(const QString& file, qint64 limit, QString* error)
{
    if (file == QLatin1String("-"))
        return readUpTo(STDIN_FILENO, limit, QStringLiteral("standard input"), error);
    // O_NONBLOCK: opening a FIFO without a writer would otherwise wait forever; stat says what it is.
    const int fd = ::open(QFile::encodeName(file).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        *error = QStringLiteral("cannot read %1: %2").arg(file, QString::fromLocal8Bit(std::strerror(errno)));
        return std::nullopt;
    }
    struct stat st = {};
    std::optional<QByteArray> result;
    if (::fstat(fd, &st) != 0) {
        *error = QStringLiteral("cannot read %1: %2").arg(file, QString::fromLocal8Bit(std::strerror(errno)));
    } else if (!S_ISREG(st.st_mode)) {
        *error = QStringLiteral("cannot read %1: not a regular file").arg(file);
    } else if (qint64(st.st_size) > limit) {
        *error = tooBig(file, qint64(st.st_size), limit);
    } else {
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
        result = readUpTo(fd, limit, file, error); // the file may grow after the stat
    }
    ::close(fd);
    return result;
}

std::optional<QString> readStdinValue(const QString& what)
{
    if (::isatty(STDIN_FILENO)) {
        std::fputs(QStringLiteral("%1: ").arg(what).toUtf8().constData(), stderr);
        std::fflush(stderr);
        termios old{};
        const bool haveTerm = ::tcgetattr(STDIN_FILENO, &old) == 0;
        if (haveTerm) {
            termios silent = old;
            silent.c_lflag &= ~tcflag_t(ECHO);
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
        }
        std::string line;
        const bool ok = bool(std::getline(std::cin, line));
        if (haveTerm) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        std::fputs("\n", stderr);
        std::fflush(stderr);
        if (!ok) return std::nullopt;
        return QString::fromStdString(line);
    }
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly)) return std::nullopt;
    QByteArray bytes = in.readAll();
    if (bytes.endsWith('\n')) bytes.chop(1);
    if (bytes.endsWith('\r')) bytes.chop(1);
    return QString::fromUtf8(bytes);
}

} // namespace umgate
