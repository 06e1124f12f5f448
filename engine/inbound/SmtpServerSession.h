// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/inbound/SmtpCommand.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <functional>

namespace umgate {

// One accepted recipient of an inbound mail, with what the recipient check made of it.
struct ReceivedRecipient
{
    QByteArray address; // RCPT TO without <>
    QByteArray notify;  // DSN NOTIFY (upper case), "" when not given
    QByteArray orcpt;   // DSN ORCPT as sent
    QJsonObject route;  // the recipient check's answer (e.g. type and number)
};

// A mail the session received completely: envelope and data.
struct ReceivedMail
{
    QByteArray helo;
    QByteArray sender; // MAIL FROM without <>, "" for the null reverse-path
    QByteArray ret;    // DSN RET, "" when not given
    QByteArray envId;  // DSN ENVID (xtext as sent)
    bool eightBit = false;
    QList<ReceivedRecipient> recipients;
    QByteArray data;           // as received: dot-unstuffed, CRLF line ends, without the final "."
    QString authenticatedUser; // who logged in with AUTH, "" when nobody did
    bool tls = false;          // received over TLS (STARTTLS or implicit)
};

// The server side of one SMTP session as a state machine without sockets or clocks (after
// OpenSMTPD's smtp_session): bytes in, reply bytes out, and a complete mail handed to the caller,
// who makes it durable and then says which reply the client gets. InboundConnection drives it
// over a socket with the timeouts; tests and the fuzz target drive it directly.
//
// What it enforces (issue 12):
//   - a line ends only with CRLF. A bare CR or LF, in a command or in the message, is refused
//     with 550 5.5.2 and the connection closes (as Postfix's smtpd_forbid_bare_newline = reject):
//     no reading of "\n.\n", "\r.\r" or "\r\n.\r" can end DATA, so no mail can be smuggled
//     behind another. Only CRLF "." CRLF ends the data;
//   - lines of at most 1,000 bytes with the CRLF (RFC 5321 4.5.3.1.4-6): a longer command is
//     refused with 500 5.5.2, a longer line in the message refuses the message (554 5.6.0) after
//     its end was read;
//   - SIZE: a MAIL whose SIZE is over the limit gets 552 5.3.4; data over the limit is read to
//     its end and discarded, then refused with 552 5.3.4; never buffered beyond the limit;
//   - NUL in a command: 500; NUL in the message: refused at its end with 554 5.6.0;
//   - PIPELINING: commands are answered in order, and nothing after a command that waits
//     (the end of data, while the mail is written) is read until it is answered;
//   - more than `maxErrors` refused commands, or `maxJunk` NOOP/RSET/VRFY/HELP, end the session
//     with 421 4.7.0;
//   - up to `maxRecipients` recipients per mail (more: 452 4.5.3, RFC 5321 4.5.3.1.8);
//   - a mail with more than `maxHops` Received: header lines is in a loop: 554 5.4.6.
class SmtpServerSession
{
public:
    struct Limits
    {
        qint64 maxMessageBytes = qint64(10) * 1024 * 1024;
        int maxRecipients = 100;
        int maxErrors = 20;
        int maxJunk = 100;
        int maxHops = 50; // Received: lines; more is a loop (Postfix's hopcount_limit)
    };
    static constexpr qsizetype kMaxLine = 1000; // with the CRLF

    // What the recipient check says about one RCPT TO address: accept (with what the job needs
    // to know) or the reply that refuses it, e.g. "550 5.1.1 ...".
    struct Verdict
    {
        bool accepted = false;
        QByteArray reply; // the whole reply line without CRLF when refused
        QJsonObject route;
    };
    using RecipientCheck = std::function<Verdict(const QByteArray& address)>;
    // Each command line read ('<') and reply line sent ('>') for the connection log.
    using Transcript = std::function<void(char direction, const QByteArray& line)>;

    enum class State
    {
        Command,
        Data,
        Waiting,        // a complete mail is with the caller; finishMessage() continues
        StartTls,       // send what takeOutput() gives, run the TLS handshake, then tlsStarted()
        Authenticating, // credentials are with the caller; finishAuth() continues
        Closed          // send what takeOutput() gives, then close
    };

    // TLS and SMTP AUTH (RFC 3207, RFC 4954; ixi-UMS 4.2.1.1-2), as the instance is configured.
    struct Security
    {
        bool tlsOffered = false;   // STARTTLS is announced (a certificate and key are loaded)
        bool tlsActive = false;    // implicit TLS: the connection is encrypted from the start
        bool forceTls = false;     // AUTH and MAIL only after STARTTLS (530 5.7.0 before)
        bool authRequired = false; // MAIL only after a successful AUTH (530 5.7.0 before)
        bool cramMd5 = false;      // CRAM-MD5 offered (also without TLS, unless forceTls)
    };
    // What the client sent to log in; State::Authenticating.
    struct Credentials
    {
        QByteArray mechanism; // "PLAIN", "LOGIN", "CRAM-MD5"
        QString user;
        QByteArray password;  // PLAIN, LOGIN
        QByteArray challenge; // CRAM-MD5: what the server sent
        QByteArray digest;    // CRAM-MD5: the client's hex HMAC-MD5 of the challenge
    };
    static constexpr int kMaxAuthFailures = 3;

    SmtpServerSession(const QByteArray& hostName, const Limits& limits, RecipientCheck check,
                      Transcript transcript = {});

    // The 220 greeting (the caller may send a 554 instead and close).
    QByteArray greeting();
    // Takes bytes from the client and handles every complete line it can; the replies are in
    // takeOutput(). Input after a command that waits is kept until finishMessage().
    void receive(QByteArrayView bytes);
    QByteArray takeOutput() { return std::exchange(m_output, {}); }
    State state() const { return m_state; }
    // Bytes received but not handled yet (input pipelined behind a waiting command).
    qsizetype buffered() const { return m_input.size() - m_pos; }
    // Complete lines handled so far (commands and lines of data): progress, for the timeouts.
    quint64 linesHandled() const { return m_lines; }

    // State::Waiting: the mail to make durable. finishMessage() gives the reply for it (e.g.
    // "250 2.0.0 Ok: queued as X" or "451 4.3.0 ..."), resets the transaction and handles the
    // input that waited.
    ReceivedMail takeMessage();
    void finishMessage(const QByteArray& reply);

    // Ends the session with a 421 (timeout, shutdown) unless it is closed already.
    void abort(const QByteArray& reply);

    void setSecurity(const Security& security) { m_security = security; }
    // State::StartTls: the handshake succeeded. The session starts over (RFC 3207 4.2): no
    // HELO, no login, and nothing the client sent before the handshake is ever read.
    void tlsStarted();
    // State::Authenticating: the login to check, then finishAuth() with the verdict.
    Credentials takeCredentials() { return std::exchange(m_credentials, {}); }
    // Unavailable (the directory cannot say): 454 4.7.0, and it does not count as a failed login.
    enum class AuthVerdict
    {
        Accepted,
        Refused,
        Unavailable
    };
    void finishAuth(AuthVerdict verdict);
    void finishAuth(bool ok) { finishAuth(ok ? AuthVerdict::Accepted : AuthVerdict::Refused); }
    QString authenticatedUser() const { return m_authUser; }

private:
    void handleLines();
    void lineTooLong();
    void handleCommandLine(QByteArrayView line);
    void handleDataLine(QByteArrayView line);
    void endOfData();
    void countHop(QByteArrayView line);
    void ehlo(QByteArrayView args, bool extended);
    void mail(QByteArrayView args);
    void rcpt(QByteArrayView args);
    void data(QByteArrayView args);
    void reply(const QByteArray& line);
    void refuse(int code, const QByteArray& enhanced, const QByteArray& text);
    void close(const QByteArray& line);
    void resetTransaction();
    // SmtpServerSessionAuth.cpp
    void startTls(QByteArrayView args);
    void auth(QByteArrayView args);
    void handleSaslLine(QByteArrayView line);
    void saslDone(Credentials credentials);
    QByteArray authMechanisms() const;
    bool mailAllowed();

    const QByteArray m_hostName;
    const Limits m_limits;
    const RecipientCheck m_check;
    const Transcript m_transcript;

    State m_state = State::Command;
    QByteArray m_input;
    qsizetype m_pos = 0; // handled up to here
    QByteArray m_output;
    bool m_skipLine = false; // a command line over the limit: discard up to its CRLF
    int m_errors = 0;
    int m_junk = 0;
    quint64 m_lines = 0;

    QByteArray m_helo;
    bool m_extended = false;
    bool m_inTransaction = false;
    ReceivedMail m_message;
    // DATA: what refuses the mail once its end is read (too big, long line, NUL), else empty.
    QByteArray m_dataError;
    qint64 m_dataBytes = 0;
    bool m_inHeader = true; // DATA: still in the header section
    int m_hops = 0;         // Received: lines in it

    Security m_security;
    enum class Sasl
    {
        None,
        PlainResponse,
        LoginUser,
        LoginPassword,
        CramResponse
    };
    Sasl m_sasl = Sasl::None; // the next line is a SASL response, not a command
    Credentials m_credentials;
    QString m_authUser;
    QString m_pendingUser; // Authenticating: who tries to log in
    int m_authFailures = 0;
};

} // namespace umgate
