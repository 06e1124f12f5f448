// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/delivery/MaildirStore.h"

#include "engine/core/AtomicFile.h"

#include <QAtomicInteger>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSysInfo>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace umgate {

bool MaildirStore::isSafeAddress(const QString& address)
{
    if (address.isEmpty() || address.size() > 254 || address.startsWith(u'.') || !address.contains(u'@'))
        return false;
    for (const QChar c : address)
        if (c.unicode() < 0x21 || c.unicode() > 0x7e || c == u'/' || c == u'\\') return false;
    return true;
}

QString MaildirStore::maildirOf(const QString& address) const
{
    return m_root + u"/"_s + address.toLower();
}

QString MaildirStore::deliver(const QString& address, const QByteArray& message, QString* error) const
{
    return store(address, message, QString(), QDateTime(), error);
}

QString MaildirStore::deliverOnce(const QString& address, const QByteArray& message, const QString& key,
                                  const QDateTime& time, QString* error) const
{
    return store(address, message, key, time, error);
}

QString MaildirStore::store(const QString& address, const QByteArray& message, const QString& key,
                            const QDateTime& time, QString* error) const
{
    auto fail = [error](const QString& why) {
        if (error) *error = why;
        return QString();
    };
    if (!isSafeAddress(address))
        return fail(u"%1 is not an address a Maildir can be named after"_s.arg(address));
    const QString dir = maildirOf(address);
    for (const char* sub : {"tmp", "new", "cur"})
        if (!QDir().mkpath(dir + u"/"_s + QLatin1String(sub)))
            return fail(u"cannot create the Maildir %1"_s.arg(dir));
    QString host = QSysInfo::machineHostName();
    host.replace(u'/', u"\\057"_s).replace(u':', u"\\072"_s);
    QString name;
    if (key.isEmpty()) {
        // Unique per the Maildir convention: time, process and a counter, then the host.
        static QAtomicInteger<quint32> counter;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        name = u"%1.M%2P%3Q%4.%5"_s.arg(now.toSecsSinceEpoch())
                   .arg(now.time().msec() * 1000)
                   .arg(::getpid())
                   .arg(counter.fetchAndAddRelaxed(1))
                   .arg(host);
    } else {
        // The same name for the same key: a hash keeps dots and slashes of the key out of it.
        const QByteArray hash =
            QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256).toHex().left(20);
        name = u"%1.K%2.%3"_s.arg(time.isValid() ? time.toSecsSinceEpoch() : 0)
                   .arg(QString::fromLatin1(hash), host);
        // Stored before a crash: a mail client may since have moved it to cur/ (":2," plus flags).
        for (const QString& existing : {dir + u"/new/"_s + name, dir + u"/cur/"_s + name + u":2,"_s,
                                        dir + u"/cur/"_s + name + u":2,S"_s})
            if (QFile::exists(existing)) return existing;
    }
    const QString tmp = dir + u"/tmp/"_s + name;
    QString target = dir + u"/new/"_s + name;
    const QByteArray nativeTmp = QFile::encodeName(tmp);
    // A keyed name may have a half-written tmp file from before a crash: it is replaced.
    const int fd = ::open(nativeTmp.constData(),
                          O_WRONLY | O_CREAT | O_CLOEXEC | (key.isEmpty() ? O_EXCL : O_TRUNC), 0600);
    if (fd < 0) return fail(u"cannot create %1: %2"_s.arg(tmp, QString::fromLocal8Bit(std::strerror(errno))));
    qsizetype done = 0;
    while (done < message.size()) {
        const ssize_t n = ::write(fd, message.constData() + done, size_t(message.size() - done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            const QString why = QString::fromLocal8Bit(std::strerror(errno));
            ::close(fd);
            ::unlink(nativeTmp.constData());
            return fail(u"cannot write %1: %2"_s.arg(tmp, why));
        }
        done += n;
    }
    if (::fsync(fd) != 0) {
        const QString why = QString::fromLocal8Bit(std::strerror(errno));
        ::close(fd);
        ::unlink(nativeTmp.constData());
        return fail(u"cannot sync %1: %2"_s.arg(tmp, why));
    }
    ::close(fd);
    if (::rename(nativeTmp.constData(), QFile::encodeName(target).constData()) != 0) {
        const QString why = QString::fromLocal8Bit(std::strerror(errno));
        ::unlink(nativeTmp.constData());
        return fail(u"cannot move %1 into new: %2"_s.arg(tmp, why));
    }
    QString syncError;
    if (!AtomicFile::syncDirectory(dir + u"/new"_s, &syncError)) return fail(syncError);
    return target;
}

} // namespace umgate
