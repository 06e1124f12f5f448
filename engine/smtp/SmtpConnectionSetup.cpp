// SPDX-License-Identifier: GPL-3.0-or-later
// SmtpConnection, session setup: TLS (implicit or STARTTLS), EHLO and AUTH. The rule that a
// password goes only inside TLS whose certificate was verified, unless the administrator chose
// encryption "none" or "accept invalid certificate" explicitly, lives here (refuseAuthWithoutTls).
// Opportunistic STARTTLS follows Postfix's "may" level: encrypt when offered, and an unverified
// certificate still beats plain text for the mail itself. The rest is in SmtpConnection.cpp.
#include "engine/smtp/SmtpConnection.h"

#include <QMessageAuthenticationCode>
#include <QSslCertificate>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QSysInfo>

using namespace Qt::StringLiterals;

namespace umgate {

void SmtpConnection::setupSocketTls()
{
    QSslConfiguration conf = QSslConfiguration::defaultConfiguration();
    if (!m_config.caCertificateFile.isEmpty()) {
        const QList<QSslCertificate> cas = QSslCertificate::fromPath(m_config.caCertificateFile, QSsl::Pem);
        if (cas.isEmpty()) {
            setupFailed(SmtpStage::Connect, 0,
                        u"CA certificate file %1 cannot be read or holds no PEM certificate"_s.arg(
                            m_config.caCertificateFile));
            return;
        }
        conf.setCaCertificates(cas);
    }
    conf.setPeerVerifyMode(QSslSocket::VerifyPeer);
    m_socket->setSslConfiguration(conf);
    m_socket->setPeerVerifyName(m_config.tlsPeerName.isEmpty() ? m_config.host : m_config.tlsPeerName);
}

void SmtpConnection::onEncrypted()
{
    m_tlsActive = true;
    const QSslCipher cipher = m_socket->sessionCipher();
    m_tlsInfo =
        u"%1 %2, %3"_s.arg(cipher.protocolString(), cipher.name(),
                           m_tlsUnverified ? u"certificate NOT verified (%1)"_s.arg(unverifiedBecause())
                                           : u"certificate verified"_s);
    m_result.tls = m_tlsInfo;
    m_result.transcript << u"TLS: "_s + m_tlsInfo;
    if (m_state == State::Connecting) { // implicit TLS
        m_state = State::Greeting;
        armTimer();
    } else if (m_state == State::TlsHandshake) {
        sendEhlo(); // RFC 3207: forget what was learnt before TLS
    }
}

void SmtpConnection::onSslErrors(const QList<QSslError>& errors)
{
    for (const QSslError& e : errors)
        m_sslErrors << e.errorString();
    // Opportunistic: encrypted but unverified is still better than plain text for the mail;
    // refuseAuthWithoutTls() keeps the password from such a session.
    if (m_config.acceptInvalidCertificate || m_config.tls == SmtpServerConfig::Tls::StartTlsOpportunistic) {
        m_tlsUnverified = true;
        m_result.transcript << u"TLS: certificate NOT verified (%1): %2"_s.arg(unverifiedBecause(),
                                                                               m_sslErrors.join(u"; "_s));
        m_socket->ignoreSslErrors();
    }
}

QString SmtpConnection::unverifiedBecause() const
{
    return m_config.acceptInvalidCertificate ? u"accept invalid certificate is on"_s
                                             : u"opportunistic encryption continues without verification"_s;
}

void SmtpConnection::sendEhlo()
{
    m_pipelining = m_startTlsOffered = m_eightBitMime = false;
    m_sizeLimit = 0;
    m_authMechanisms.clear();
    m_state = State::Ehlo;
    QString name = m_config.heloName.isEmpty() ? QSysInfo::machineHostName() : m_config.heloName;
    if (name.isEmpty()) name = u"localhost"_s;
    if (writeCommand("EHLO " + name.toUtf8())) armTimer();
}

void SmtpConnection::afterHelo()
{
    const bool wantTls = m_config.tls == SmtpServerConfig::Tls::StartTlsOpportunistic ||
                         m_config.tls == SmtpServerConfig::Tls::StartTlsRequired;
    if (wantTls && !m_tlsActive) {
        if (m_startTlsOffered) {
            m_state = State::StartTls;
            if (writeCommand("STARTTLS")) armTimer();
            return;
        }
        if (m_config.tls == SmtpServerConfig::Tls::StartTlsRequired) {
            setupFailed(
                SmtpStage::StartTls, 0,
                u"STARTTLS failed: %1 does not offer STARTTLS, but the configuration requires TLS"_s.arg(
                    m_result.server));
            return;
        }
        m_result.transcript << u"TLS: not offered by the server, continuing without TLS (opportunistic)"_s;
        m_noTlsWhy = u"server offers no STARTTLS"_s;
    }
    startAuth();
}

bool SmtpConnection::refuseAuthWithoutTls()
{
    if (m_tlsActive && m_tlsUnverified && !m_config.acceptInvalidCertificate) {
        // Only opportunistic gets here: the other modes drop a session whose certificate fails.
        const QString text =
            u"the certificate of %1 is not verified (%2); not sending the password to an unverified server "
            "(encryption: opportunistic): put its CA certificate on the Encryption page or switch on "
            "\"Accept invalid certificate\""_s.arg(m_result.server, m_sslErrors.join(u"; "_s));
        m_result.securityNote = text;
        m_result.transcript << u"AUTH: "_s + text;
        setupFailed(SmtpStage::Auth, 0, text);
        return true;
    }
    if (m_tlsActive || m_config.tls == SmtpServerConfig::Tls::None) return false;
    // Every path to AUTH comes here: no STARTTLS offered, STARTTLS refused, an EHLO that
    // re-advertises AUTH without TLS, a HELO-only server. A failed handshake never gets here
    // (the session is dropped).
    const QString why = m_noTlsWhy.isEmpty() ? u"no TLS session"_s : m_noTlsWhy;
    const QString mode = m_config.tls == SmtpServerConfig::Tls::StartTlsOpportunistic ? u"opportunistic"_s
                         : m_config.tls == SmtpServerConfig::Tls::StartTlsRequired    ? u"STARTTLS required"_s
                                                                                      : u"implicit TLS"_s;
    const QString text = u"%1; not sending the password in clear (encryption: %2)"_s.arg(why, mode);
    m_result.securityNote = text;
    m_result.transcript << u"AUTH: "_s + text;
    setupFailed(SmtpStage::Auth, 0, text);
    return true;
}

void SmtpConnection::startAuth()
{
    if (m_config.user.isEmpty()) {
        sessionReady();
        return;
    }
    if (refuseAuthWithoutTls()) return;
    const QString offered = m_authMechanisms.isEmpty() ? u"none"_s : m_authMechanisms.join(u' ');
    if (m_config.forceCramMd5) {
        if (!m_authMechanisms.contains(u"CRAM-MD5"_s)) {
            setupFailed(SmtpStage::Auth, 0,
                        u"AUTH failed: CRAM-MD5 is required (force CRAM-MD5 is on), but %1 offers: %2"_s.arg(
                            m_result.server, offered));
            return;
        }
        m_authMechanism = u"CRAM-MD5"_s;
    } else if (m_authMechanisms.contains(u"CRAM-MD5"_s)) {
        m_authMechanism = u"CRAM-MD5"_s;
    } else if (m_authMechanisms.contains(u"PLAIN"_s)) {
        m_authMechanism = u"PLAIN"_s;
    } else if (m_authMechanisms.contains(u"LOGIN"_s)) {
        m_authMechanism = u"LOGIN"_s;
    } else {
        setupFailed(SmtpStage::Auth, 0,
                    u"AUTH failed: a user name is configured, but %1 offers no usable mechanism "
                    "(offered: %2; supported: CRAM-MD5 PLAIN LOGIN)"_s.arg(m_result.server, offered));
        return;
    }
    if (!m_tlsActive) {
        // Encryption "none" was chosen: allowed, but said in the log every time a session does it.
        m_result.securityNote =
            m_authMechanism == u"CRAM-MD5"_s
                ? u"AUTH CRAM-MD5 as %1 without TLS (encryption: none); the password itself is not sent"_s
                      .arg(m_config.user)
                : u"AUTH %1 as %2: the password went in clear (encryption: none)"_s.arg(m_authMechanism,
                                                                                        m_config.user);
        m_result.transcript << u"AUTH: "_s + m_result.securityNote;
    }
    m_state = State::Auth;
    bool ok = false;
    if (m_authMechanism == u"PLAIN"_s) {
        m_authStep = AuthStep::PlainSent;
        const QByteArray token =
            QByteArray(1, '\0') + m_config.user.toUtf8() + QByteArray(1, '\0') + m_config.password.toUtf8();
        ok = writeCommand("AUTH PLAIN " + token.toBase64(), u"AUTH PLAIN (hidden)"_s);
    } else if (m_authMechanism == u"LOGIN"_s) {
        m_authStep = AuthStep::LoginStart;
        ok = writeCommand("AUTH LOGIN");
    } else {
        m_authStep = AuthStep::CramStart;
        ok = writeCommand("AUTH CRAM-MD5");
    }
    if (ok) armTimer();
}

void SmtpConnection::onAuthReply(int code, const QString& text, const QList<QByteArray>& lines)
{
    const auto refused = [&] {
        setupFailed(SmtpStage::Auth, code,
                    u"AUTH %1 as %2 refused: %3"_s.arg(m_authMechanism, m_config.user,
                                                       code == 334 ? u"unexpected 334 challenge"_s : text));
    };
    if (code / 100 == 2) {
        if (m_authStep == AuthStep::PlainSent || m_authStep == AuthStep::LoginPasswordSent ||
            m_authStep == AuthStep::CramAnswerSent) {
            sessionReady();
        } else {
            refused();
        }
        return;
    }
    if (code != 334) {
        refused();
        return;
    }
    bool ok = false;
    switch (m_authStep) {
    case AuthStep::LoginStart:
        m_authStep = AuthStep::LoginUserSent;
        ok = writeCommand(m_config.user.toUtf8().toBase64(), u"(hidden)"_s);
        break;
    case AuthStep::LoginUserSent:
        m_authStep = AuthStep::LoginPasswordSent;
        ok = writeCommand(m_config.password.toUtf8().toBase64(), u"(hidden)"_s);
        break;
    case AuthStep::CramStart: {
        const QByteArray challenge = QByteArray::fromBase64(lines.last().mid(4).trimmed());
        const QByteArray digest =
            QMessageAuthenticationCode::hash(challenge, m_config.password.toUtf8(), QCryptographicHash::Md5)
                .toHex();
        m_authStep = AuthStep::CramAnswerSent;
        ok = writeCommand((m_config.user.toUtf8() + ' ' + digest).toBase64(), u"(hidden)"_s);
        break;
    }
    case AuthStep::PlainSent:
    case AuthStep::LoginPasswordSent:
    case AuthStep::CramAnswerSent:
        // A further challenge where the exchange should be over: cancel it (RFC 4954).
        writeCommand("*");
        refused();
        return;
    }
    if (ok) armTimer();
}

} // namespace umgate
