// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/Paths.h"

#include <QDir>
#include <QStandardPaths>
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

const QStringList& Paths::instanceSubdirs()
{
    static const QStringList dirs = {smtpOut(), badmail(),        smtpInError(),   certificates(),
                                     logs(),    kernelIncoming(), kernelOutgoing()};
    return dirs;
}

} // namespace umgate
