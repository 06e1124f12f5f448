// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/client/Paths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace umgate {

Paths::Paths(const QString& dataDir) : m_dataDir(QDir(dataDir).absolutePath()) {}

QString Paths::defaultDataDir()
{
    const QString env = qEnvironmentVariable("UMGATE_DATA_DIR");
    if (!env.isEmpty()) return QDir(env).absolutePath();
    if (::geteuid() == 0) return QStringLiteral("/var/lib/umgate");
    // GenericDataLocation honours XDG_DATA_HOME, falling back to ~/.local/share.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) + QStringLiteral("/umgate");
}

bool Paths::prepareDataDir(QString* error, QString* warning) const
{
    const QByteArray path = QFile::encodeName(m_dataDir);
    struct stat st = {};
    if (::stat(path.constData(), &st) != 0) {
        if (errno != ENOENT) {
            *error = QStringLiteral("cannot use the data dir %1: %2")
                         .arg(m_dataDir, QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
        // Ours: the parents as the umask says, the data dir itself private.
        QDir().mkpath(QFileInfo(m_dataDir).absolutePath());
        if (::mkdir(path.constData(), 0700) == 0) {
            ::chmod(path.constData(), 0700); // the umask may have taken bits away, never added
            return true;
        }
        if (errno != EEXIST || ::stat(path.constData(), &st) != 0) {
            *error = QStringLiteral("cannot create the data dir %1: %2")
                         .arg(m_dataDir, QString::fromLocal8Bit(std::strerror(errno)));
            return false;
        }
    }
    if (!S_ISDIR(st.st_mode)) {
        *error = QStringLiteral("the data dir %1 is not a directory").arg(m_dataDir);
        return false;
    }
    const QString mode = QString::number(st.st_mode & 07777, 8).rightJustified(4, QLatin1Char('0'));
    if (st.st_uid != ::geteuid()) {
        *error = QStringLiteral("the data dir %1 belongs to user id %2, not to the engine's user (%3); "
                                "give the engine a directory of its own, e.g. a new subdirectory")
                     .arg(m_dataDir)
                     .arg(st.st_uid)
                     .arg(::geteuid());
        return false;
    }
    if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
        *error = QStringLiteral("the data dir %1 is writable by other users (mode %2); the engine keeps "
                                "configs, passwords and mail there and does not change the mode of a "
                                "directory it did not create: give it a private one (mkdir -m 700 %1/umgate "
                                "and --data-dir %1/umgate), or remove the write bits (chmod go-w)")
                     .arg(m_dataDir, mode);
        return false;
    }
    if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0 && warning)
        *warning = QStringLiteral("the data dir %1 can be read by other users (mode %2); chmod 700 it "
                                  "unless that is intended")
                       .arg(m_dataDir, mode);
    return true;
}

QString Paths::socketFile() const
{
    return m_dataDir + QStringLiteral("/umgated.sock");
}
QString Paths::cookieFile() const
{
    return m_dataDir + QStringLiteral("/rpc.cookie");
}
QString Paths::lockFile() const
{
    return m_dataDir + QStringLiteral("/umgated.lock");
}
QString Paths::miscFile() const
{
    return m_dataDir + QStringLiteral("/misc.json");
}
QString Paths::secretsFile() const
{
    return m_dataDir + QStringLiteral("/secrets");
}
QString Paths::secretsBackendFile() const
{
    return m_dataDir + QStringLiteral("/secrets.backend");
}
QString Paths::tokensFile() const
{
    return m_dataDir + QStringLiteral("/rpc-tokens.json");
}
QString Paths::instancesDir() const
{
    return m_dataDir + QStringLiteral("/instances");
}
QString Paths::instanceDir(const QString& id) const
{
    return instancesDir() + QLatin1Char('/') + id;
}
QString Paths::instanceConfigFile(const QString& id) const
{
    return instanceDir(id) + QStringLiteral("/instance.json");
}

QString Paths::instanceDirectoryFile(const QString& id) const
{
    return instanceDir(id) + QStringLiteral("/users.ldif");
}

QString Paths::instanceMailboxesFile(const QString& id) const
{
    return instanceDir(id) + QLatin1Char('/') + mailboxes();
}

const QList<Paths::InstanceLogName>& Paths::instanceLogs()
{
    static const QList<InstanceLogName> logs = {
        {InstanceLog::LdapSearch, QStringLiteral("ldapSearch"), QStringLiteral("LdapSearch.log")},
        {InstanceLog::SmtpConnection, QStringLiteral("smtpConnection"), QStringLiteral("SmtpConnection.log")},
        {InstanceLog::MessageId, QStringLiteral("messageId"), QStringLiteral("MessageId.log")}};
    return logs;
}

QString Paths::instanceLogFileIn(const QString& instanceDir, InstanceLog log)
{
    for (const InstanceLogName& name : instanceLogs())
        if (name.log == log)
            return instanceDir + QLatin1Char('/') + logs() + QLatin1Char('/') + name.fileName;
    Q_UNREACHABLE();
}

QString Paths::instanceLogFile(const QString& id, InstanceLog log) const
{
    return instanceLogFileIn(instanceDir(id), log);
}

const QStringList& Paths::instanceSubdirs()
{
    static const QStringList dirs = {smtpOut(), badmail(),        smtpInError(),    certificates(),
                                     logs(),    kernelIncoming(), kernelOutgoing(), dailyCounts()};
    return dirs;
}

} // namespace umgate
