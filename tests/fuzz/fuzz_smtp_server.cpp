// SPDX-License-Identifier: GPL-3.0-or-later
// What an SMTP client sends to an instance's listener (engine/inbound/SmtpServerSession): any bytes,
// fed in pieces whose sizes come from the input itself. The session must answer every line with
// CRLF-terminated replies, never hand over a mail whose data contains a bare CR or LF, and give
// the same result however the bytes are cut. (A line "." inside a mail is fine: the client sent
// ".." and the session unstuffed it.)
#include "engine/inbound/SmtpServerSession.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace umgate;

namespace {

struct Outcome
{
    QByteArray output;
    QList<QByteArray> mails;
};

Outcome drive(const QByteArray& input, qsizetype chunk)
{
    SmtpServerSession::Limits limits;
    limits.maxMessageBytes = 8192;
    limits.maxRecipients = 4;
    SmtpServerSession session("fuzz.example", limits, [](const QByteArray& address) {
        SmtpServerSession::Verdict v;
        v.accepted = address.endsWith("@fax.example");
        v.reply = "550 5.1.2 no";
        return v;
    });
    Outcome o;
    o.output = session.greeting();
    for (qsizetype i = 0; i < input.size(); i += chunk) {
        session.receive(QByteArrayView(input).sliced(i, qMin(chunk, input.size() - i)));
        while (session.state() == SmtpServerSession::State::Waiting) {
            const ReceivedMail m = session.takeMessage();
            fuzz::check(!m.recipients.isEmpty(), "a mail has recipients");
            fuzz::check(m.data.size() <= limits.maxMessageBytes, "a mail is within SIZE");
            // Every line of the data ends with CRLF.
            qsizetype start = 0;
            for (qsizetype nl = m.data.indexOf('\n'); nl >= 0; nl = m.data.indexOf('\n', start)) {
                fuzz::check(nl > 0 && m.data[nl - 1] == '\r', "no bare LF in a mail");
                start = nl + 1;
            }
            fuzz::check(start == m.data.size(), "a mail ends with CRLF");
            fuzz::check(m.data.count('\r') == m.data.count('\n'), "no bare CR in a mail");
            o.mails.append(m.data);
            session.finishMessage("250 2.0.0 Ok");
        }
        o.output += session.takeOutput();
        if (session.state() == SmtpServerSession::State::Closed) break;
    }
    return o;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 1) return 0;
    const qsizetype chunk = 1 + data[0] % 64;
    const QByteArray input = fuzz::bytes(data + 1, size - 1);
    const Outcome pieces = drive(input, chunk);
    const Outcome whole = drive(input, input.size() + 1);
    fuzz::check(pieces.output == whole.output, "the replies do not depend on how the input is cut");
    fuzz::check(pieces.mails == whole.mails, "the mails do not depend on how the input is cut");
    fuzz::check(whole.output.endsWith("\r\n"), "replies end with CRLF");
    return 0;
}
