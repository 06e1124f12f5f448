// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/inbound/SmtpServerSession.h"

#include <cstring>

namespace umgate {

namespace {

QByteArray replyLine(int code, const QByteArray& enhanced, const QByteArray& text)
{
    return QByteArray::number(code) + ' ' + enhanced + ' ' + text;
}

// The verb of a command line, upper case, and where its arguments start.
QByteArray verbOf(QByteArrayView line, QByteArrayView* args)
{
    qsizetype space = line.indexOf(' ');
    if (space < 0) space = line.size();
    *args = space < line.size() ? line.sliced(space + 1) : QByteArrayView();
    return line.first(qMin(space, qsizetype(16))).toByteArray().toUpper();
}

} // namespace

SmtpServerSession::SmtpServerSession(const QByteArray& hostName, const Limits& limits, RecipientCheck check,
                                     Transcript transcript)
    : m_hostName(hostName), m_limits(limits), m_check(std::move(check)), m_transcript(std::move(transcript))
{
}

QByteArray SmtpServerSession::greeting()
{
    reply("220 " + m_hostName + " ESMTP umgate");
    return takeOutput();
}

void SmtpServerSession::reply(const QByteArray& line)
{
    if (m_transcript) m_transcript('>', line);
    m_output += line;
    m_output += "\r\n";
}

void SmtpServerSession::refuse(int code, const QByteArray& enhanced, const QByteArray& text)
{
    reply(replyLine(code, enhanced, text));
    if (++m_errors > m_limits.maxErrors)
        close("421 4.7.0 " + m_hostName + " too many errors, closing the connection");
}

void SmtpServerSession::close(const QByteArray& line)
{
    if (m_state == State::Closed) return;
    reply(line);
    m_state = State::Closed;
    m_input.clear();
    m_pos = 0;
}

void SmtpServerSession::abort(const QByteArray& reply)
{
    close(reply);
}

void SmtpServerSession::resetTransaction()
{
    m_inTransaction = false;
    m_message = ReceivedMail();
    m_dataError.clear();
    m_dataBytes = 0;
    m_inHeader = true;
    m_hops = 0;
}

void SmtpServerSession::receive(QByteArrayView bytes)
{
    if (m_state == State::Closed) return;
    // What was handled is dropped before the buffer grows, so it holds at most one line plus
    // what a client pipelines behind a waiting command.
    if (m_pos > 0) {
        m_input.remove(0, m_pos);
        m_pos = 0;
    }
    m_input.append(bytes.data(), bytes.size());
    handleLines();
}

void SmtpServerSession::handleLines()
{
    while (m_state == State::Command || m_state == State::Data) {
        const char* begin = m_input.constData() + m_pos;
        const qsizetype available = m_input.size() - m_pos;
        // The first CR or LF: with CRLF the line is complete, anything else is a bare one.
        qsizetype end = 0;
        while (end < available && begin[end] != '\r' && begin[end] != '\n')
            ++end;
        // A command line (or, in DATA, a text line) over the limit is refused without keeping
        // its bytes. The rest of such a line, when its line end comes, is skipped as a whole: in
        // DATA its last piece must not be read as a line of its own ("." would end the data).
        // Whether the line end is already here or still to come, the answer is the same: the
        // replies must not depend on how the client's bytes were cut into packets.
        if (end >= kMaxLine) lineTooLong();
        if (m_state == State::Closed) return; // too many errors
        if (end == available) {
            if (available >= kMaxLine) m_pos = m_input.size(); // no line end yet
            return;
        }
        if (begin[end] == '\n' || end + 1 >= available || begin[end + 1] != '\n') {
            if (begin[end] == '\r' && end + 1 >= available) return; // the LF may still come
            close("550 5.5.2 bare <CR> or <LF> received; lines must end with <CR><LF>");
            return;
        }
        const QByteArrayView line(begin, end);
        m_pos += end + 2;
        ++m_lines;
        if (m_skipLine)
            m_skipLine = false; // the end of the line that was too long
        else if (m_state == State::Data)
            handleDataLine(line);
        else if (m_sasl != Sasl::None)
            handleSaslLine(line);
        else
            handleCommandLine(line);
    }
}

void SmtpServerSession::lineTooLong()
{
    if (m_state == State::Command && !m_skipLine)
        refuse(500, "5.5.2", "line too long (at most 1,000 bytes with CRLF)");
    if (m_state == State::Data && m_dataError.isEmpty())
        m_dataError = replyLine(554, "5.6.0", "a line of the message is longer than 998 characters");
    m_skipLine = m_state != State::Closed;
}

void SmtpServerSession::handleCommandLine(QByteArrayView line)
{
    if (m_transcript) {
        // An AUTH line may carry the password (AUTH PLAIN with an initial response): only
        // "AUTH MECHANISM" is logged.
        const bool auth =
            line.size() > 5 && line.first(5).compare(QByteArrayView("AUTH "), Qt::CaseInsensitive) == 0;
        const qsizetype cut = auth ? line.indexOf(' ', 5) : -1;
        m_transcript('<', cut > 0 ? line.first(cut).toByteArray() + " ****" : line.toByteArray());
    }
    if (line.size() + 2 > kMaxLine) {
        refuse(500, "5.5.2", "line too long (at most 1,000 bytes with CRLF)");
        return;
    }
    if (line.contains('\0')) {
        refuse(500, "5.5.2", "NUL character in the command");
        return;
    }
    QByteArrayView args;
    const QByteArray verb = verbOf(line, &args);
    if (verb == "EHLO" || verb == "HELO") return ehlo(args, verb == "EHLO");
    if (verb == "MAIL") return mail(args);
    if (verb == "RCPT") return rcpt(args);
    if (verb == "DATA") return data(args);
    if (verb == "QUIT") return close("221 2.0.0 " + m_hostName + " closing connection");
    const bool junk = verb == "NOOP" || verb == "RSET" || verb == "VRFY" || verb == "HELP";
    if (junk && ++m_junk > m_limits.maxJunk)
        return close("421 4.7.0 " + m_hostName + " too many commands without mail, closing the connection");
    if (verb == "NOOP") return reply("250 2.0.0 Ok");
    if (verb == "RSET") {
        resetTransaction();
        return reply("250 2.0.0 Ok");
    }
    if (verb == "VRFY") return reply("252 2.5.0 Cannot VRFY; send mail and it will be tried");
    if (verb == "HELP") return reply("214 2.0.0 See RFC 5321; this is umgate's mail to telephony gateway");
    if (verb == "STARTTLS") return startTls(args);
    if (verb == "AUTH") return auth(args);
    if (verb == "EXPN" || verb == "BDAT" || verb == "ETRN" || verb == "TURN")
        return refuse(502, "5.5.1", "command not implemented");
    refuse(500, "5.5.1", "command unrecognized");
}

void SmtpServerSession::ehlo(QByteArrayView args, bool extended)
{
    const QByteArrayView name = args.trimmed();
    if (name.isEmpty())
        return refuse(501, "5.5.4", "syntax: " + QByteArray(extended ? "EHLO" : "HELO") + " hostname");
    resetTransaction();
    m_helo = name.first(qMin(name.size(), qsizetype(255))).toByteArray();
    m_extended = extended;
    if (!extended) return reply("250 " + m_hostName);
    reply("250-" + m_hostName);
    reply("250-PIPELINING");
    reply("250-SIZE " + QByteArray::number(m_limits.maxMessageBytes));
    reply("250-8BITMIME");
    reply("250-ENHANCEDSTATUSCODES");
    if (m_security.tlsOffered && !m_security.tlsActive) reply("250-STARTTLS");
    if (const QByteArray mechanisms = authMechanisms(); !mechanisms.isEmpty())
        reply("250-AUTH " + mechanisms);
    reply("250 DSN");
}

void SmtpServerSession::mail(QByteArrayView args)
{
    if (m_helo.isEmpty()) return refuse(503, "5.5.1", "send EHLO or HELO first");
    if (m_inTransaction) return refuse(503, "5.5.1", "nested MAIL command");
    if (!mailAllowed()) return;
    SmtpCommand::Error error;
    const auto parsed = SmtpCommand::parseMail(args, m_extended, &error);
    if (!parsed) return refuse(error.code, error.enhanced, error.text);
    if (parsed->size > m_limits.maxMessageBytes)
        return refuse(552, "5.3.4",
                      "message size exceeds the limit of " + QByteArray::number(m_limits.maxMessageBytes) +
                          " bytes");
    m_inTransaction = true;
    m_junk = 0;
    m_message.helo = m_helo;
    m_message.sender = parsed->sender;
    m_message.ret = parsed->ret;
    m_message.envId = parsed->envId;
    m_message.eightBit = parsed->eightBit;
    m_message.authenticatedUser = m_authUser;
    m_message.tls = m_security.tlsActive;
    reply("250 2.1.0 Ok");
}

void SmtpServerSession::rcpt(QByteArrayView args)
{
    if (!m_inTransaction) return refuse(503, "5.5.1", "need MAIL before RCPT");
    SmtpCommand::Error error;
    const auto parsed = SmtpCommand::parseRcpt(args, m_extended, &error);
    if (!parsed) return refuse(error.code, error.enhanced, error.text);
    if (m_message.recipients.size() >= m_limits.maxRecipients)
        return reply("452 4.5.3 too many recipients; send the others in another mail");
    const Verdict verdict = m_check ? m_check(parsed->recipient) : Verdict{};
    if (!verdict.accepted) {
        const QByteArray line =
            verdict.reply.isEmpty() ? QByteArray("550 5.1.1 recipient refused") : verdict.reply;
        reply(line);
        if (line.startsWith('5') && ++m_errors > m_limits.maxErrors)
            close("421 4.7.0 " + m_hostName + " too many errors, closing the connection");
        return;
    }
    m_message.recipients.append({parsed->recipient, parsed->notify, parsed->orcpt, verdict.route});
    reply("250 2.1.5 Ok");
}

void SmtpServerSession::data(QByteArrayView args)
{
    if (!m_inTransaction) return refuse(503, "5.5.1", "need MAIL before DATA");
    if (m_message.recipients.isEmpty()) return refuse(554, "5.5.1", "no valid recipients");
    if (!args.isEmpty()) return refuse(501, "5.5.4", "syntax: DATA takes no arguments");
    m_state = State::Data;
    reply("354 End data with <CR><LF>.<CR><LF>");
}

void SmtpServerSession::handleDataLine(QByteArrayView line)
{
    if (line.size() == 1 && line.front() == '.') return endOfData();
    if (!line.isEmpty() && line.front() == '.') line = line.sliced(1); // RFC 5321 4.5.2
    if (!m_dataError.isEmpty()) return;
    if (line.size() + 2 > kMaxLine) {
        m_dataError = replyLine(554, "5.6.0", "a line of the message is longer than 998 characters");
        return;
    }
    m_dataBytes += line.size() + 2;
    if (m_dataBytes > m_limits.maxMessageBytes) {
        m_dataError = replyLine(552, "5.3.4",
                                "message size exceeds the limit of " +
                                    QByteArray::number(m_limits.maxMessageBytes) + " bytes");
        m_message.data.clear();
        m_message.data.squeeze();
        return;
    }
    if (line.contains('\0')) {
        m_dataError = replyLine(554, "5.6.0", "the message contains NUL characters");
        return;
    }
    countHop(line);
    m_message.data.append(line.data(), line.size());
    m_message.data.append("\r\n", 2);
}

// RFC 5321 6.3: a mail that has passed too many relays is in a loop (a relay that sends back here
// what it was given, a smart host routing a domain to the gateway); it is refused at its end.
void SmtpServerSession::countHop(QByteArrayView line)
{
    if (!m_inHeader) return;
    if (line.isEmpty()) {
        m_inHeader = false;
        return;
    }
    constexpr QByteArrayView kReceived("received:");
    if (line.size() < kReceived.size() ||
        line.first(kReceived.size()).compare(kReceived, Qt::CaseInsensitive) != 0 ||
        ++m_hops <= m_limits.maxHops)
        return;
    m_dataError = replyLine(554, "5.4.6",
                            "too many hops (more than " + QByteArray::number(m_limits.maxHops) +
                                " Received: lines): a mail loop?");
}

void SmtpServerSession::endOfData()
{
    if (!m_dataError.isEmpty()) {
        const QByteArray line = m_dataError;
        m_state = State::Command;
        resetTransaction();
        reply(line);
        if (++m_errors > m_limits.maxErrors)
            close("421 4.7.0 " + m_hostName + " too many errors, closing the connection");
        return;
    }
    m_state = State::Waiting;
}

ReceivedMail SmtpServerSession::takeMessage()
{
    return std::exchange(m_message, ReceivedMail());
}

void SmtpServerSession::finishMessage(const QByteArray& line)
{
    if (m_state != State::Waiting) return;
    m_state = State::Command;
    resetTransaction();
    reply(line);
    handleLines();
}

} // namespace umgate
