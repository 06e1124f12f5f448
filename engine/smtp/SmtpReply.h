// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QList>
#include <QStringList>
#include <optional>

namespace umgate {

// What a server sends, read the way SmtpConnection reads it: pure functions, so the fuzz target
// (tests/fuzz/fuzz_smtp_reply.cpp) runs exactly the code a session runs.

// One reply line without its line end (RFC 5321 4.2): three digits 100-599, then ' ' (last line),
// '-' (more follow) or nothing. Anything else is not an SMTP reply.
struct SmtpReplyLine
{
    int code = 0;
    bool last = true;
    static std::optional<SmtpReplyLine> parse(const QByteArray& line);
};

// The service extensions a 2xx EHLO reply announces in its lines after the first.
struct SmtpExtensions
{
    bool pipelining = false;
    bool startTls = false;
    bool eightBitMime = false;
    qint64 sizeLimit = 0;       // SIZE; 0 = none announced
    QStringList authMechanisms; // upper case, each once, from "AUTH a b" and the old "AUTH=a b"
    static SmtpExtensions fromEhloReply(const QList<QByteArray>& lines);
};

} // namespace umgate
