// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/secrets/FileSecretStore.h"

#include "engine/core/AtomicFile.h"
#include "engine/core/VersionedJson.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace umgate {

namespace {

// Far beyond any real set of passwords; stops a mistaken path (a log, a disk image) from being
// slurped into memory.
constexpr qint64 maxFileSize = qint64{16} * 1024 * 1024;

QString errnoString(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

QString octal(unsigned mode)
{
    return QStringLiteral("%1").arg(mode, 4, 8, QLatin1Char('0'));
}

} // namespace

FileSecretStore::FileSecretStore(const QString& path, const QString& keychainUnavailableReason,
                                 QObject* parent)
    : SecretStore(parent), m_path(path), m_keychainUnavailableReason(keychainUnavailableReason)
{
}

QString FileSecretStore::description() const
{
    QString text = QStringLiteral("file %1 (mode 0600)").arg(m_path);
    if (!m_keychainUnavailableReason.isEmpty())
        text += QStringLiteral("; keychain unavailable: %1").arg(m_keychainUnavailableReason);
    return text;
}

QString FileSecretStore::check() const
{
    QMap<QString, QString> secrets;
    QString error;
    load(&secrets, &error);
    return error;
}

bool FileSecretStore::load(QMap<QString, QString>* secrets, QString* error) const
{
    secrets->clear();
    const QByteArray native = QFile::encodeName(m_path);
    // O_NOFOLLOW + fstat: the checks apply to the very file that is read, not to whatever a
    // symlink or a rename put at the path in between.
    const int fd = ::open(native.constData(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        const int e = errno;
        if (e == ENOENT) return true; // created by the first write
        if (e == ELOOP) {
            *error = QStringLiteral("secrets file %1 is a symbolic link; refusing to use it (replace it by a "
                                    "regular file with mode 0600)")
                         .arg(m_path);
        } else {
            *error = QStringLiteral("cannot open secrets file %1: %2").arg(m_path, errnoString(e));
        }
        return false;
    }
    QFile file;
    if (!file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle)) {
        ::close(fd);
        *error = QStringLiteral("cannot open secrets file %1: %2").arg(m_path, file.errorString());
        return false;
    }
    struct stat st = {};
    if (::fstat(fd, &st) != 0) {
        *error = QStringLiteral("cannot stat secrets file %1: %2").arg(m_path, errnoString(errno));
        return false;
    }
    if (!S_ISREG(st.st_mode)) {
        *error = QStringLiteral("secrets file %1 is not a regular file; refusing to use it").arg(m_path);
        return false;
    }
    if (st.st_uid != ::geteuid()) {
        *error = QStringLiteral("secrets file %1 is owned by uid %2, not by this user (uid %3); refusing to "
                                "use it: run chown %3 %1 if it is yours")
                     .arg(m_path)
                     .arg(st.st_uid)
                     .arg(::geteuid());
        return false;
    }
    if ((st.st_mode & 0177) != 0) {
        *error = QStringLiteral("secrets file %1 has mode %2, so others may read it; refusing to use it: "
                                "run chmod 600 %1 (and consider the passwords in it exposed)")
                     .arg(m_path, octal(unsigned(st.st_mode & 07777)));
        return false;
    }
    if (st.st_size > maxFileSize) {
        *error = QStringLiteral("secrets file %1 is %2 bytes, too large to be an umgate secrets file")
                     .arg(m_path)
                     .arg(qint64(st.st_size));
        return false;
    }
    const QByteArray data = file.read(maxFileSize + 1);
    if (file.error() != QFileDevice::NoError) {
        *error = QStringLiteral("cannot read secrets file %1: %2").arg(m_path, file.errorString());
        return false;
    }
    // An administrator may prepare the file with `install -m 600 /dev/null secrets`.
    if (data.trimmed().isEmpty()) return true;

    const QString corrupt = QStringLiteral("secrets file %1 is corrupt (%2); it is left as it is: repair "
                                           "it or move it away and enter the passwords again");
    QString why;
    const auto parsed = VersionedJson::parse(data, formatName(), formatVersion, &why);
    if (!parsed) {
        *error = corrupt.arg(m_path, why);
        return false;
    }
    const QJsonObject& root = *parsed;
    const QJsonValue entries = root.value(QLatin1String("secrets"));
    if (!entries.isObject()) {
        *error = corrupt.arg(m_path, QStringLiteral("\"secrets\" is not an object"));
        return false;
    }
    const QJsonObject map = entries.toObject();
    for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
        if (!it.value().isString()) {
            *error = corrupt.arg(m_path, QStringLiteral("the value of \"%1\" is not a string").arg(it.key()));
            return false;
        }
        secrets->insert(it.key(), it.value().toString());
    }
    return true;
}

bool FileSecretStore::save(const QMap<QString, QString>& secrets, QString* error) const
{
    QJsonObject map;
    for (auto it = secrets.constBegin(); it != secrets.constEnd(); ++it)
        map.insert(it.key(), it.value());
    const QJsonObject root{{QStringLiteral("format"), formatName()},
                           {QStringLiteral("version"), formatVersion},
                           {QStringLiteral("secrets"), map}};
    QString writeError;
    if (!AtomicFile::write(m_path, QJsonDocument(root).toJson(QJsonDocument::Indented), &writeError, 0600)) {
        *error = QStringLiteral("cannot write secrets file: %1").arg(writeError);
        return false;
    }
    return true;
}

// The Secret Service answers later over D-Bus; the file answers later too, so a caller written
// against one backend cannot come to depend on the other's timing.
void FileSecretStore::deliver(std::function<void()> call)
{
    QMetaObject::invokeMethod(this, std::move(call), Qt::QueuedConnection);
}

void FileSecretStore::read(const QString& key, ReadCallback done)
{
    QMap<QString, QString> secrets;
    QString error;
    std::optional<QString> value;
    if (load(&secrets, &error)) {
        const auto it = secrets.constFind(key);
        if (it != secrets.constEnd()) value = it.value();
    }
    deliver([done = std::move(done), value = std::move(value), error] { done(value, error); });
}

void FileSecretStore::write(const QString& key, const QString& value, DoneCallback done)
{
    QMap<QString, QString> secrets;
    QString error;
    if (load(&secrets, &error)) {
        secrets.insert(key, value);
        save(secrets, &error);
    }
    deliver([done = std::move(done), error] { done(error); });
}

void FileSecretStore::remove(const QString& key, DoneCallback done)
{
    QMap<QString, QString> secrets;
    QString error;
    // A key that is not there is already removed; no need to create or rewrite the file.
    if (load(&secrets, &error) && secrets.remove(key) > 0) save(secrets, &error);
    deliver([done = std::move(done), error] { done(error); });
}

} // namespace umgate
