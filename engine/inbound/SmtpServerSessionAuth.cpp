// SPDX-License-Identifier: GPL-3.0-or-later
// SmtpServerSession's STARTTLS (RFC 3207) and AUTH (RFC 4954: PLAIN RFC 4616, LOGIN, CRAM-MD5
// RFC 2195). The session only collects what the client sends; InboundConnection runs the TLS
// handshake and checks the credentials.
#include "engine/inbound/SmtpServerSession.h"

#include <QDateTime>
#include <QRandomGenerator>

namespace umgate {

namespace {

// A SASL response: base64, or "*" to cancel (RFC 4954 4).
std::optional<QByteArray> saslDecode(QByteArrayView line)
{
    if (line == "=") return QByteArray(); // an empty initial response
    auto decoded =
        QByteArray::fromBase64Encoding(line.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded) return std::nullopt;
    return *decoded;
}

} // namespace

QByteArray SmtpServerSession::authMechanisms() const
{
    if (!m_security.authRequired) return {};
    QByteArrayList out;
    if (m_security.tlsActive)
        out << "PLAIN"
            << "LOGIN"; // never a password in clear
    if (m_security.cramMd5 && (m_security.tlsActive || !m_security.forceTls)) out << "CRAM-MD5";
    return out.join(' ');
}

bool SmtpServerSession::mailAllowed()
{
    if (m_security.forceTls && !m_security.tlsActive) {
        refuse(530, "5.7.0", "Must issue a STARTTLS command first");
        return false;
    }
    if (m_security.authRequired && m_authUser.isEmpty()) {
        refuse(530, "5.7.0", "Authentication required");
        return false;
    }
    return true;
}

void SmtpServerSession::startTls(QByteArrayView args)
{
    if (!m_security.tlsOffered) return refuse(502, "5.5.1", "STARTTLS is not offered (no certificate)");
    if (m_security.tlsActive) return refuse(503, "5.5.1", "TLS is already active");
    if (!args.isEmpty()) return refuse(501, "5.5.4", "syntax: STARTTLS takes no arguments");
    reply("220 2.0.0 Ready to start TLS");
    // CVE-2011-0411: whatever the client pipelined behind STARTTLS came in clear and is dropped.
    m_input.clear();
    m_pos = 0;
    m_state = State::StartTls;
}

void SmtpServerSession::tlsStarted()
{
    if (m_state != State::StartTls) return;
    m_security.tlsActive = true;
    m_helo.clear();
    m_extended = false;
    m_authUser.clear();
    resetTransaction();
    m_input.clear();
    m_pos = 0;
    m_state = State::Command;
}

void SmtpServerSession::auth(QByteArrayView args)
{
    if (m_helo.isEmpty() || !m_extended) return refuse(503, "5.5.1", "send EHLO first");
    if (!m_security.authRequired) return refuse(502, "5.5.1", "AUTH is not offered");
    if (!m_authUser.isEmpty()) return refuse(503, "5.5.1", "already authenticated");
    if (m_inTransaction) return refuse(503, "5.5.1", "AUTH is not allowed during a mail transaction");
    if (m_security.forceTls && !m_security.tlsActive)
        return refuse(530, "5.7.0", "Must issue a STARTTLS command first");
    const qsizetype space = args.indexOf(' ');
    const QByteArray mechanism = (space < 0 ? args : args.first(space)).toByteArray().toUpper();
    const QByteArrayView initial = space < 0 ? QByteArrayView() : args.sliced(space + 1).trimmed();
    if (!authMechanisms().split(' ').contains(mechanism)) {
        if ((mechanism == "PLAIN" || mechanism == "LOGIN") && !m_security.tlsActive)
            return refuse(538, "5.7.11", "Encryption required for requested authentication mechanism");
        return refuse(504, "5.5.4", "unknown or unavailable authentication mechanism");
    }
    if (mechanism == "PLAIN") {
        m_sasl = Sasl::PlainResponse;
        if (initial.isEmpty()) return reply("334 ");
        return handleSaslLine(initial);
    }
    if (mechanism == "LOGIN") {
        m_sasl = Sasl::LoginUser;
        // The user name may come along (Python's smtplib and Outlook send it; Postfix and Exchange
        // take it), then only the password is asked for.
        if (!initial.isEmpty()) return handleSaslLine(initial);
        return reply("334 VXNlcm5hbWU6"); // "Username:"
    }
    if (!initial.isEmpty()) return refuse(501, "5.5.4", "this mechanism takes no initial response");
    m_credentials = Credentials{"CRAM-MD5", {}, {}, {}, {}};
    m_credentials.challenge = "<" + QByteArray::number(QRandomGenerator::global()->generate64()) + "." +
                              QByteArray::number(QDateTime::currentMSecsSinceEpoch()) + "@" + m_hostName +
                              ">";
    m_sasl = Sasl::CramResponse;
    reply("334 " + m_credentials.challenge.toBase64());
}

void SmtpServerSession::handleSaslLine(QByteArrayView line)
{
    if (m_transcript) m_transcript('<', "(authentication data)");
    const Sasl step = std::exchange(m_sasl, Sasl::None);
    if (line == "*") return refuse(501, "5.0.0", "authentication cancelled");
    const std::optional<QByteArray> data = saslDecode(line);
    if (!data) return refuse(501, "5.5.2", "cannot decode the authentication data (base64)");
    switch (step) {
    case Sasl::PlainResponse: {
        // authzid NUL authcid NUL passwd; an authzid other than the user is not supported.
        const QByteArrayList parts = data->split('\0');
        if (parts.size() != 3 || parts.at(1).isEmpty() ||
            (!parts.at(0).isEmpty() && parts.at(0) != parts.at(1)))
            return refuse(501, "5.5.2", "malformed AUTH PLAIN response");
        return saslDone(Credentials{"PLAIN", QString::fromUtf8(parts.at(1)), parts.at(2), {}, {}});
    }
    case Sasl::LoginUser:
        m_credentials = Credentials{"LOGIN", QString::fromUtf8(*data), {}, {}, {}};
        m_sasl = Sasl::LoginPassword;
        return reply("334 UGFzc3dvcmQ6"); // "Password:"
    case Sasl::LoginPassword: {
        Credentials c = std::exchange(m_credentials, {});
        c.password = *data;
        return saslDone(c);
    }
    case Sasl::CramResponse: {
        // "user SP hex-digest"
        const qsizetype space = data->lastIndexOf(' ');
        if (space <= 0) return refuse(501, "5.5.2", "malformed CRAM-MD5 response");
        Credentials c = std::exchange(m_credentials, {});
        c.user = QString::fromUtf8(data->left(space));
        c.digest = data->mid(space + 1).toLower();
        return saslDone(c);
    }
    case Sasl::None:
        break;
    }
}

void SmtpServerSession::saslDone(Credentials credentials)
{
    m_pendingUser = credentials.user; // the caller takes the credentials before its verdict
    m_credentials = std::move(credentials);
    m_state = State::Authenticating;
}

void SmtpServerSession::finishAuth(AuthVerdict verdict)
{
    if (m_state != State::Authenticating) return;
    m_state = State::Command;
    m_credentials = {};
    const QString user = std::exchange(m_pendingUser, {});
    if (verdict == AuthVerdict::Accepted) {
        m_authUser = user;
        reply("235 2.7.0 Authentication successful");
    } else if (verdict == AuthVerdict::Unavailable) {
        reply("454 4.7.0 Temporary authentication failure");
    } else {
        reply("535 5.7.8 Authentication credentials invalid");
        if (++m_authFailures >= kMaxAuthFailures)
            close("421 4.7.0 " + m_hostName + " too many failed logins, closing the connection");
    }
    handleLines();
}

} // namespace umgate
