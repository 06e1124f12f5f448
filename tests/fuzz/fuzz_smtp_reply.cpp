// SPDX-License-Identifier: GPL-3.0-or-later
// What an SMTP server sends (engine/smtp/SmtpReply): reply lines, multi-line replies and the EHLO
// keywords, cut into lines the way SmtpConnection::onReadyRead cuts its socket buffer.
#include "engine/smtp/SmtpReply.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace umgate;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray stream = fuzz::bytes(data, size);
    QList<QByteArray> reply;
    qsizetype start = 0;
    for (qsizetype nl = stream.indexOf('\n'); nl >= 0; nl = stream.indexOf('\n', start)) {
        QByteArray line = stream.mid(start, nl - start);
        start = nl + 1;
        if (line.endsWith('\r')) line.chop(1);
        const auto parsed = SmtpReplyLine::parse(line);
        if (!parsed) return 0; // the session ends with a protocol error here
        fuzz::check(parsed->code >= 100 && parsed->code <= 599, "reply codes are 100-599");
        fuzz::check(QByteArray::number(parsed->code) == line.left(3),
                    "the code is the first three characters");
        reply.append(line);
        if (!parsed->last) continue;
        const SmtpExtensions ext = SmtpExtensions::fromEhloReply(std::exchange(reply, {}));
        for (qsizetype i = 0; i < ext.authMechanisms.size(); ++i) {
            const QString& m = ext.authMechanisms[i];
            fuzz::check(!m.isEmpty() && m == m.toUpper(), "AUTH mechanisms are upper case", m);
            fuzz::check(ext.authMechanisms.indexOf(m) == i, "each AUTH mechanism once", m);
            fuzz::check(!m.contains(u' '), "an AUTH mechanism is one word", m);
        }
    }
    return 0;
}
