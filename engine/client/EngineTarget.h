// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSslConfiguration>
#include <QString>
#include <QUrl>
#include <optional>

namespace umgate {

// Which engine a client talks to and how it proves who it is. umgatectl and the console take the
// same options (--data-dir | --connect, --token-file, --ca) and read them here, so both reach an
// engine the same way:
//   local   DATA/umgated.sock, authenticated with DATA/rpc.cookie (or the token file given);
//   remote  umgate://HOST:PORT over TLS, with an admin token (--token-file, else $UMGATE_TOKEN)
//           and the system's CAs or those in --ca (else $UMGATE_CA_FILE).
class EngineTarget
{
public:
    struct Options
    {
        QString dataDir;    // empty: Paths::defaultDataDir()
        QString connectUrl; // non-empty: a remote engine
        QString tokenFile;
        QString caFile;
    };

    // False with *error (one sentence naming the option) when the options cannot work: a bad
    // address, an unreadable token file, no token for a remote engine, a CA file without a
    // certificate. A local engine's cookie is not read here: see localToken().
    static bool fromOptions(const Options& options, EngineTarget* target, QString* error);

    bool isRemote() const { return !m_url.isEmpty(); }
    QUrl url() const { return m_url; }
    QString token() const { return m_token; } // remote: the admin token
    QSslConfiguration tls() const { return m_tls; }
    QString dataDir() const { return m_dataDir; }
    QString socketFile() const;
    QString cookieFile() const;
    // What a local client presents: the token file given, else the cookie, which is new at every
    // engine start and so is read again for every connection attempt.
    QString localToken(QString* error) const;
    // The address as messages name it: the URL, or the socket file.
    QString displayName() const;

    // umgate://HOST:PORT with a host and a port.
    static bool isEngineUrl(const QUrl& url);
    // The first 4 KB of a token or cookie file, trimmed; empty with *error when it cannot be read.
    static QString readToken(const QString& path, QString* error);
    // TLS for a remote engine: the system's trusted CAs, or only the PEM certificates in file.
    // nullopt when the file holds no PEM certificate (or cannot be read).
    static std::optional<QSslConfiguration> tlsForCaFile(const QString& file);

private:
    QString m_dataDir;
    QUrl m_url;
    QString m_tokenFile;
    QString m_token;
    QSslConfiguration m_tls;
};

} // namespace umgate
