// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/directory/LdapConnector.h"

#include <QFileInfo>
#include <QTcpSocket>

namespace umgate {

struct LdapConnector::Attempt
{
    const LdapServerConfig& server;
    int port;
    QString where; // the server's URI
    LdapFailure& failure;
    QList<DirectoryTestStep>* steps;
    LdapHandle handle;
    QString tlsNote; // how the certificate was checked, for the test's "tls" step

    bool tls() const { return server.security != LdapServerConfig::Security::None; }
    bool ldaps() const { return server.security == LdapServerConfig::Security::Ldaps; }
    QString hostPort() const { return QStringLiteral("%1:%2").arg(server.host).arg(port); }
    void passed(const QString& step, const QString& detail)
    {
        if (steps) steps->append({step, true, detail});
    }
    bool fail(const QString& step, DirectoryError error, const QString& text, bool failover)
    {
        failure = {error, QStringLiteral("%1: %2").arg(where, text), failover};
        if (steps) steps->append({step, false, text});
        handle.close();
        return false;
    }
};

QString LdapConnector::serverUri(const LdapServerConfig& server, int port)
{
    const QString host = server.host.contains(QLatin1Char(':')) && !server.host.startsWith(QLatin1Char('['))
                             ? QStringLiteral("[%1]").arg(server.host)
                             : server.host;
    const QLatin1String scheme(server.security == LdapServerConfig::Security::Ldaps ? "ldaps" : "ldap");
    return QStringLiteral("%1://%2:%3").arg(scheme, host).arg(port);
}

bool LdapConnector::sameConnectionSettings(const LdapClientConfig& a, const LdapClientConfig& b)
{
    if (a.servers.size() != b.servers.size()) return false;
    for (qsizetype i = 0; i < a.servers.size(); ++i) {
        const LdapServerConfig& x = a.servers[i];
        const LdapServerConfig& y = b.servers[i];
        if (x.host != y.host || x.port != y.port || x.security != y.security) return false;
    }
    return a.bindDn == b.bindDn && a.password == b.password && a.caCertificateFile == b.caCertificateFile &&
           a.acceptInvalidCertificate == b.acceptInvalidCertificate && a.timeoutMs == b.timeoutMs;
}

timeval LdapConnector::toTimeval(int ms)
{
    ms = qMax(ms, 1);
    return timeval{ms / 1000, suseconds_t(ms % 1000) * 1000};
}

LdapHandle LdapConnector::open(int server, int port, LdapFailure& f, QList<DirectoryTestStep>* steps) const
{
    const LdapServerConfig& s = m_config.servers[server];
    if (port <= 0) port = s.port;
    Attempt a{s, port, serverUri(s, port), f, steps, {}, {}};

    const int rc = ldap_initialize(&a.handle.ld, a.where.toUtf8().constData());
    if (rc != LDAP_SUCCESS || !a.handle.ld) {
        a.handle.ld = nullptr;
        a.fail(QStringLiteral("connect"), DirectoryError::Connect,
               QStringLiteral("invalid server address: %1").arg(LdapFailure::message(nullptr, rc)), false);
        return {};
    }
    a.handle.server = server;
    a.handle.port = port;
    const int version = LDAP_VERSION3;
    ldap_set_option(a.handle.ld, LDAP_OPT_PROTOCOL_VERSION, &version);
    // Active Directory answers with referrals to other domains; chasing them would bind to
    // servers nobody configured.
    ldap_set_option(a.handle.ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
    const timeval tv = toTimeval(m_config.timeoutMs);
    ldap_set_option(a.handle.ld, LDAP_OPT_NETWORK_TIMEOUT, &tv);
    ldap_set_option(a.handle.ld, LDAP_OPT_TIMEOUT, &tv);
    if ((a.tls() && !setUpTls(a)) || !connect(a) || !startTls(a) || !bind(a)) return {};
    return std::move(a.handle);
}

// Per-handle TLS settings: they only take effect with a new TLS context for this handle.
bool LdapConnector::setUpTls(Attempt& a) const
{
    LDAP* ld = a.handle.ld;
    const int require = m_config.acceptInvalidCertificate ? LDAP_OPT_X_TLS_ALLOW : LDAP_OPT_X_TLS_DEMAND;
    ldap_set_option(ld, LDAP_OPT_X_TLS_REQUIRE_CERT, &require);
    const QString& caFile = m_config.caCertificateFile;
    if (!caFile.isEmpty()) {
        if (!QFileInfo(caFile).isReadable())
            return a.fail(QStringLiteral("tls"), DirectoryError::Tls,
                          QStringLiteral("the CA certificate file %1 cannot be read").arg(caFile), false);
        const QByteArray ca = caFile.toLocal8Bit();
        ldap_set_option(ld, LDAP_OPT_X_TLS_CACERTFILE, ca.constData());
    }
    const int isServer = 0;
    const int rc = ldap_set_option(ld, LDAP_OPT_X_TLS_NEWCTX, &isServer);
    if (rc != LDAP_OPT_SUCCESS)
        return a.fail(QStringLiteral("tls"), DirectoryError::Tls,
                      QStringLiteral("TLS setup failed (CA file %1): %2")
                          .arg(caFile.isEmpty() ? QStringLiteral("system default") : caFile,
                               LdapFailure::message(ld, rc)),
                      false);
    a.tlsNote = m_config.acceptInvalidCertificate
                    ? QStringLiteral("certificate NOT verified (acceptInvalidCertificate is on)")
                    : QStringLiteral("certificate verified against %1")
                          .arg(caFile.isEmpty() ? QStringLiteral("the system CAs") : caFile);
    return true;
}

// libldap does not say why a handshake failed; name the usual suspects instead.
QString LdapConnector::tlsHint(const QString& host) const
{
    if (m_config.acceptInvalidCertificate) return QStringLiteral("does the port speak TLS?");
    return QStringLiteral("is the certificate issued by %1 for %2, and does the port speak TLS?")
        .arg(m_config.caCertificateFile.isEmpty() ? QStringLiteral("a system CA")
                                                  : m_config.caCertificateFile,
             host);
}

bool LdapConnector::connect(Attempt& a) const
{
    const QString connectStep = QStringLiteral("connect");
    if (a.ldaps() && a.steps) {
        // One ldap_connect does TCP and TLS for ldaps://; test() reports them separately.
        if (!tcpReachable(a.server.host, a.port))
            return a.fail(connectStep, DirectoryError::Connect,
                          QStringLiteral("connect to %1 failed: %2")
                              .arg(a.hostPort(), QString::fromUtf8(ldap_err2string(LDAP_SERVER_DOWN))),
                          true);
        a.passed(connectStep, QStringLiteral("connected to %1").arg(a.hostPort()));
    }
    const int rc = ldap_connect(a.handle.ld);
    if (rc != LDAP_SUCCESS) {
        const QString message = LdapFailure::message(a.handle.ld, rc);
        if (a.ldaps() && rc != LDAP_TIMEOUT && (a.steps || tcpReachable(a.server.host, a.port)))
            return a.fail(
                QStringLiteral("tls"), DirectoryError::Tls,
                QStringLiteral("TLS handshake failed (%1): %2").arg(tlsHint(a.server.host), message), true);
        return a.fail(connectStep, LdapFailure::connectionError(rc),
                      QStringLiteral("connect to %1 failed: %2").arg(a.hostPort(), message), true);
    }
    // Before StartTLS and bind write anything more: from here on no write raises SIGPIPE.
    a.handle.writeWithoutSigPipe();
    if (!a.ldaps()) a.passed(connectStep, QStringLiteral("connected to %1").arg(a.hostPort()));
    return true;
}

bool LdapConnector::startTls(Attempt& a) const
{
    if (a.server.security == LdapServerConfig::Security::StartTls) {
        const int rc = ldap_start_tls_s(a.handle.ld, nullptr, nullptr);
        if (rc != LDAP_SUCCESS) {
            const QString message = LdapFailure::message(a.handle.ld, rc);
            return a.fail(
                QStringLiteral("tls"), rc == LDAP_TIMEOUT ? DirectoryError::Timeout : DirectoryError::Tls,
                rc == LDAP_CONNECT_ERROR
                    ? QStringLiteral("StartTLS failed (%1): %2").arg(tlsHint(a.server.host), message)
                    : QStringLiteral("StartTLS failed: %1").arg(message),
                true);
        }
    }
    if (a.tls() && a.steps) a.passed(QStringLiteral("tls"), tlsDetail(a.handle.ld, a.tlsNote));
    return true;
}

bool LdapConnector::bind(Attempt& a) const
{
    const QByteArray dn = m_config.bindDn.toUtf8();
    QByteArray password = m_config.password.toUtf8();
    berval cred{ber_len_t(password.size()), password.data()};
    const int rc = ldap_sasl_bind_s(a.handle.ld, dn.isEmpty() ? nullptr : dn.constData(), LDAP_SASL_SIMPLE,
                                    &cred, nullptr, nullptr, nullptr);
    const QString who = m_config.bindDn.isEmpty() ? QStringLiteral("anonymous bind")
                                                  : QStringLiteral("bind as %1").arg(m_config.bindDn);
    if (rc != LDAP_SUCCESS) {
        const bool down = LdapFailure::isFailoverCode(rc);
        return a.fail(QStringLiteral("bind"), down ? LdapFailure::connectionError(rc) : DirectoryError::Bind,
                      QStringLiteral("%1 failed: %2").arg(who, LdapFailure::message(a.handle.ld, rc)), down);
    }
    a.passed(QStringLiteral("bind"), QStringLiteral("%1 succeeded").arg(who));
    return true;
}

QString LdapConnector::tlsDetail(LDAP* ld, const QString& note)
{
    QStringList parts;
    char* value = nullptr;
    if (ldap_get_option(ld, LDAP_OPT_X_TLS_VERSION, &value) == LDAP_OPT_SUCCESS && value) {
        parts << QString::fromUtf8(value);
        ldap_memfree(value);
    }
    value = nullptr;
    if (ldap_get_option(ld, LDAP_OPT_X_TLS_CIPHER, &value) == LDAP_OPT_SUCCESS && value) {
        parts << QString::fromUtf8(value);
        ldap_memfree(value);
    }
    parts << note;
    return parts.join(QStringLiteral(", "));
}

bool LdapConnector::tcpReachable(const QString& host, int port) const
{
    QTcpSocket socket;
    socket.connectToHost(host, quint16(port));
    const bool ok = socket.waitForConnected(qMax(m_config.timeoutMs, 1));
    socket.abort();
    return ok;
}

} // namespace umgate
