// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <optional>

namespace umgate {

// The arguments of MAIL FROM and RCPT TO as the instance's SMTP listener reads them (RFC 5321
// 4.1.1.2-3 and 4.1.2, RFC 1870 SIZE, RFC 6152 8BITMIME, RFC 3461 DSN). Pure functions: the
// session (SmtpServerSession) turns a failure into its reply, and a fuzz target can call them.
//
// Strict where leniency has been abused, lenient where real mail servers differ:
//   - the path must be in angle brackets; spaces between "FROM:" and "<" are allowed (Exchange and
//     Notes send none, some scripts one);
//   - a source route ("<@a,@b:user@c>") is read and dropped (RFC 5321 C);
//   - only ASCII: SMTPUTF8 is not offered, so an address with other bytes is refused with
//     553 5.6.7, the code RFC 6531 gives for that;
//   - parameters are KEYWORD[=VALUE], each at most once; unknown ones are refused (555 5.5.4).
struct SmtpCommand
{
    // Why a command's arguments were refused: the reply's code, enhanced code and text.
    struct Error
    {
        int code = 501;
        QByteArray enhanced = "5.5.4";
        QByteArray text;
    };

    struct Mail
    {
        QByteArray sender; // without <>, "" for the null reverse-path
        qint64 size = -1;  // SIZE=, -1 when not given
        bool eightBit = false;
        QByteArray ret;   // RET= FULL | HDRS, "" when not given
        QByteArray envId; // ENVID= as sent (xtext)
    };

    struct Rcpt
    {
        QByteArray recipient; // without <>
        QByteArray notify;    // NOTIFY= upper case, "" when not given
        QByteArray orcpt;     // ORCPT= as sent (addr-type;xtext)
    };

    // `args` is what follows the verb ("FROM:<a@b> SIZE=10"); `extended` is false after HELO,
    // where no parameters are allowed.
    static std::optional<Mail> parseMail(QByteArrayView args, bool extended, Error* error);
    static std::optional<Rcpt> parseRcpt(QByteArrayView args, bool extended, Error* error);

    // RFC 3461 4: xtext, "+XX" for the bytes outside 33-126, "+" and "=".
    static bool isXtext(QByteArrayView text);
    static QByteArray decodeXtext(QByteArrayView text); // of a valid xtext
    // RFC 5321 4.1.2 Mailbox: Local-part "@" ( Domain / address-literal ); ASCII only.
    static bool isMailbox(QByteArrayView address);
};

} // namespace umgate
