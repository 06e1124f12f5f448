// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace umgate {

// The data directory layout. One place names every file, so the daemon, the CLI, the console
// and the tests agree.
//
//   DATA/umgated.sock             JSON-RPC Unix socket (0600)
//   DATA/rpc.cookie               token for local clients (0600), new at every engine start
//   DATA/umgated.lock             one engine per data dir
//   DATA/misc.json                Misc Setup values and Ignore flags
//   DATA/secrets                  0600 secret file when no Secret Service answers
//   DATA/secrets.backend          the backend that holds this engine's secrets
//   DATA/rpc-tokens.json          remote admin bearer tokens, hashed (0600)
//   DATA/instances/ID/instance.json                  the instance config
//   DATA/instances/ID/users.ldif                     the embedded directory
//   DATA/instances/ID/{SMTPOut,SMTPOut/Badmail,SMTPIn/Error,Certificates,Logs,Kernel/Incoming,Kernel/Outgoing,
//                      DailyCounts}
//   DATA/instances/ID/Logs/{LdapSearch,SmtpConnection,MessageId}.log   the instance logs (InstanceLog)
// The entries inside the queue and spool folders are named by their owners (QueueWriter,
// KernelEnvelope), because the kernel and the queue format fix those names.
class Paths
{
public:
    // The instance logs of ixi-UMS 4.2.8; rpcName is how log.* and the log settings name them.
    enum class InstanceLog
    {
        LdapSearch,
        SmtpConnection,
        MessageId
    };
    struct InstanceLogName
    {
        InstanceLog log;
        QString rpcName;  // "ldapSearch"
        QString fileName; // "LdapSearch.log"
    };
    static const QList<InstanceLogName>& instanceLogs();

    explicit Paths(const QString& dataDir);

    // $UMGATE_DATA_DIR, else the XDG data dir for a user, /var/lib/umgate for root's system service.
    static QString defaultDataDir();

    QString dataDir() const { return m_dataDir; }
    // Creates the data dir as 0700, or checks an existing one: it must be a directory owned by
    // the engine's user and writable by nobody else. The mode of a directory the engine did not
    // create is never changed (a chmod of a shared 1777 directory would take its sticky bit away
    // from everybody else); one that others can write is refused, because they could replace the
    // configs, secrets and queued mail inside it. `warning` says when others can read it.
    bool prepareDataDir(QString* error, QString* warning) const;
    QString socketFile() const;
    QString cookieFile() const;
    QString lockFile() const;
    QString miscFile() const;
    QString secretsFile() const;
    QString secretsBackendFile() const; // which backend holds the secrets: "keychain" or "file"
    QString tokensFile() const;
    QString instancesDir() const;
    QString instanceDir(const QString& id) const;
    QString instanceConfigFile(const QString& id) const;
    QString instanceDirectoryFile(const QString& id) const; // the embedded directory (LDIF, 0600)
    QString instanceMailboxesFile(const QString& id) const; // subscriber mailboxes (JSON)
    QString instanceLogFile(const QString& id, InstanceLog log) const;
    // The same below an instance folder the caller already has.
    static QString instanceLogFileIn(const QString& instanceDir, InstanceLog log);

    // Subdirectories of an instance, named as in the manual.
    static const QStringList& instanceSubdirs();
    static QString smtpOut() { return QStringLiteral("SMTPOut"); }
    static QString badmail() { return QStringLiteral("SMTPOut/Badmail"); }
    static QString smtpInError() { return QStringLiteral("SMTPIn/Error"); }
    // Today's sends per user and type (DailyCounts: one YYYY-MM-DD.log, the day's lines)
    static QString dailyCounts() { return QStringLiteral("DailyCounts"); }
    static QString certificates() { return QStringLiteral("Certificates"); }
    static QString logs() { return QStringLiteral("Logs"); }
    static QString mailboxes() { return QStringLiteral("mailboxes.json"); }
    static QString kernelIncoming() { return QStringLiteral("Kernel/Incoming"); }
    static QString kernelOutgoing() { return QStringLiteral("Kernel/Outgoing"); }

private:
    QString m_dataDir;
};

} // namespace umgate
