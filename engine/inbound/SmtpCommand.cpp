// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/inbound/SmtpCommand.h"

#include <QList>
#include <algorithm>

namespace umgate {

namespace {

using Error = SmtpCommand::Error;

constexpr qsizetype kMaxPath = 256;  // RFC 5321 4.5.3.1.3
constexpr qsizetype kMaxEnvId = 100; // RFC 3461 4.4
constexpr qsizetype kMaxOrcpt = 500; // RFC 3461 4.2

bool fail(Error* error, int code, const char* enhanced, const QByteArray& text)
{
    if (error) *error = Error{code, enhanced, text};
    return false;
}

bool isAlnum(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// RFC 5322 atext
bool isAtext(char c)
{
    return isAlnum(c) || (c != 0 && QByteArrayView("!#$%&'*+-/=?^_`{|}~").contains(c));
}

bool isDotString(QByteArrayView s)
{
    if (s.isEmpty() || s.front() == '.' || s.back() == '.') return false;
    char previous = 0;
    for (const char c : s) {
        if (c == '.' && previous == '.') return false;
        if (c != '.' && !isAtext(c)) return false;
        previous = c;
    }
    return true;
}

bool isQuotedString(QByteArrayView s)
{
    if (s.size() < 2 || s.front() != '"' || s.back() != '"') return false;
    for (qsizetype i = 1; i + 1 < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '\\') {
            ++i;
            if (i + 1 >= s.size()) return false;
            const auto q = static_cast<unsigned char>(s[i]);
            if (q < 32 || q > 126) return false;
            continue;
        }
        if (c < 32 || c > 126 || c == '"') return false;
    }
    return true;
}

bool isDomain(QByteArrayView d)
{
    if (d.isEmpty() || d.size() > 255) return false;
    if (d.front() == '[') { // address literal: checked for its characters only
        if (d.back() != ']' || d.size() < 3) return false;
        for (const char c : d.sliced(1, d.size() - 2))
            if (static_cast<unsigned char>(c) < 33 || static_cast<unsigned char>(c) > 126 || c == '[' ||
                c == ']' || c == '\\')
                return false;
        return true;
    }
    qsizetype label = 0;
    char previous = '.';
    for (const char c : d) {
        if (c == '.') {
            if (previous == '.' || previous == '-') return false;
            label = 0;
        } else {
            if (!isAlnum(c) && c != '-') return false;
            if (c == '-' && previous == '.') return false;
            if (++label > 63) return false;
        }
        previous = c;
    }
    return previous != '.' && previous != '-';
}

// "<...>" at the start of `args`: the path without brackets and the rest after it.
bool takePath(QByteArrayView args, QByteArrayView* path, QByteArrayView* rest, Error* error)
{
    while (!args.isEmpty() && args.front() == ' ')
        args = args.sliced(1);
    if (args.isEmpty() || args.front() != '<')
        return fail(error, 501, "5.5.4", "syntax: the address must be in angle brackets <...>");
    // A quoted local part may contain '>': find the closing bracket outside quotes.
    bool quoted = false;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const char c = args[i];
        if (quoted && c == '\\') {
            ++i;
            continue;
        }
        if (c == '"') quoted = !quoted;
        if (c == '>' && !quoted) {
            *path = args.sliced(1, i - 1);
            *rest = args.sliced(i + 1);
            return true;
        }
    }
    return fail(error, 501, "5.5.4", "syntax: no closing '>' after the address");
}

// Drops an RFC 5321 source route ("@a,@b:"), which servers must accept and may ignore.
QByteArrayView withoutSourceRoute(QByteArrayView path)
{
    if (path.isEmpty() || path.front() != '@') return path;
    const qsizetype colon = path.indexOf(':');
    return colon < 0 ? QByteArrayView() : path.sliced(colon + 1);
}

bool checkAddress(QByteArrayView address, bool allowPostmaster, Error* error)
{
    for (const char c : address)
        if (static_cast<unsigned char>(c) > 126)
            return fail(error, 553, "5.6.7",
                        "the address contains non-ASCII characters; this server does not offer SMTPUTF8");
    if (address.size() > kMaxPath)
        return fail(error, 501, "5.1.3", "the address is longer than 256 characters");
    if (allowPostmaster && address.compare(QByteArrayView("postmaster"), Qt::CaseInsensitive) == 0)
        return true;
    if (!SmtpCommand::isMailbox(address))
        return fail(error, 501, "5.1.3", "the address is not a valid mailbox (local-part@domain)");
    return true;
}

struct Param
{
    QByteArray keyword; // upper case
    QByteArrayView value;
    bool hasValue = false;
};

// The space-separated words of " KEY=VALUE KEY2".
QList<QByteArrayView> wordsOf(QByteArrayView rest)
{
    QList<QByteArrayView> out;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= rest.size(); ++i) {
        if (i == rest.size() || rest[i] == ' ') {
            if (i > start) out.append(rest.sliced(start, i - start));
            start = i + 1;
        }
    }
    return out;
}

// One "KEYWORD[=VALUE]" (RFC 5321 4.1.2 esmtp-param).
bool parseParam(QByteArrayView word, Param* p, Error* error)
{
    const qsizetype eq = word.indexOf('=');
    const QByteArrayView key = eq < 0 ? word : word.first(eq);
    const bool keyOk = !key.isEmpty() && key.size() <= 20 && isAlnum(key.front()) &&
                       std::all_of(key.begin(), key.end(), [](char c) { return isAlnum(c) || c == '-'; });
    if (!keyOk) return fail(error, 501, "5.5.4", "syntax: a parameter must be KEYWORD or KEYWORD=VALUE");
    p->keyword = key.toByteArray().toUpper();
    if (eq < 0) return true;
    p->hasValue = true;
    p->value = word.sliced(eq + 1);
    const bool valueOk = std::all_of(p->value.begin(), p->value.end(), [](char c) {
        return static_cast<unsigned char>(c) >= 33 && static_cast<unsigned char>(c) <= 126 && c != '=';
    });
    return valueOk || fail(error, 501, "5.5.4", "syntax: a parameter value has a forbidden character");
}

// " KEY=VALUE KEY2" -> params, each keyword once.
bool parseParams(QByteArrayView rest, bool extended, QList<Param>* params, Error* error)
{
    const QList<QByteArrayView> words = wordsOf(rest);
    if (!rest.isEmpty() && rest.front() != ' ')
        return fail(error, 501, "5.5.4", "syntax: a space must follow the address");
    if (!words.isEmpty() && !extended) return fail(error, 555, "5.5.4", "parameters need EHLO, not HELO");
    for (const QByteArrayView word : words) {
        Param p;
        if (!parseParam(word, &p, error)) return false;
        for (const Param& other : *params)
            if (other.keyword == p.keyword)
                return fail(error, 501, "5.5.4", "the parameter " + p.keyword + " is given twice");
        params->append(p);
    }
    return true;
}

// "FROM:" / "TO:" at the start of args, case-insensitive.
bool takeKeyword(QByteArrayView* args, QByteArrayView keyword, Error* error)
{
    if (args->size() < keyword.size() + 1 ||
        args->first(keyword.size()).compare(keyword, Qt::CaseInsensitive) != 0 ||
        (*args)[keyword.size()] != ':')
        return fail(error, 501, "5.5.4", "syntax: expected " + keyword.toByteArray() + ":<address>");
    *args = args->sliced(keyword.size() + 1);
    return true;
}

bool applyMailParam(const Param& p, SmtpCommand::Mail* mail, Error* error)
{
    const QByteArray value = p.value.toByteArray();
    if (p.keyword == "SIZE") {
        bool ok = p.hasValue && !value.isEmpty() && value.size() <= 18;
        for (const char c : value)
            ok = ok && c >= '0' && c <= '9';
        if (!ok) return fail(error, 501, "5.5.4", "SIZE must be a number of bytes");
        mail->size = value.toLongLong();
        return true;
    }
    if (p.keyword == "BODY") {
        const QByteArray v = value.toUpper();
        if (v == "7BIT" || v == "8BITMIME") {
            mail->eightBit = v == "8BITMIME";
            return true;
        }
        return fail(error, 555, "5.5.4", "BODY must be 7BIT or 8BITMIME (BINARYMIME is not offered)");
    }
    if (p.keyword == "RET") {
        const QByteArray v = value.toUpper();
        if (v != "FULL" && v != "HDRS") return fail(error, 501, "5.5.4", "RET must be FULL or HDRS");
        mail->ret = v;
        return true;
    }
    if (p.keyword == "ENVID") {
        if (!p.hasValue || value.isEmpty() || value.size() > kMaxEnvId || !SmtpCommand::isXtext(value))
            return fail(error, 501, "5.5.4", "ENVID must be xtext of at most 100 characters");
        mail->envId = value;
        return true;
    }
    if (p.keyword == "AUTH") return true; // RFC 4954 5: the submitter's identity; not used here
    if (p.keyword == "SMTPUTF8") return fail(error, 555, "5.6.7", "SMTPUTF8 is not offered by this server");
    return fail(error, 555, "5.5.4", "the parameter " + p.keyword + " is not offered by this server");
}

bool applyRcptParam(const Param& p, SmtpCommand::Rcpt* rcpt, Error* error)
{
    const QByteArray value = p.value.toByteArray();
    if (p.keyword == "NOTIFY") {
        const QByteArray v = value.toUpper();
        const QList<QByteArray> parts = v.split(',');
        bool ok = p.hasValue && !v.isEmpty();
        for (const QByteArray& part : parts)
            ok = ok && (part == "SUCCESS" || part == "FAILURE" || part == "DELAY" ||
                        (part == "NEVER" && parts.size() == 1));
        for (qsizetype i = 0; ok && i < parts.size(); ++i)
            ok = parts.indexOf(parts[i]) == i;
        if (!ok)
            return fail(error, 501, "5.5.4", "NOTIFY must be NEVER or a list of SUCCESS, FAILURE, DELAY");
        rcpt->notify = v;
        return true;
    }
    if (p.keyword == "ORCPT") {
        const qsizetype semi = value.indexOf(';');
        bool ok = p.hasValue && semi > 0 && value.size() <= kMaxOrcpt &&
                  SmtpCommand::isXtext(value.sliced(semi + 1)) && semi + 1 < value.size();
        for (qsizetype i = 0; ok && i < semi; ++i)
            ok = isAtext(value[i]);
        if (!ok) return fail(error, 501, "5.5.4", "ORCPT must be addr-type;xtext of at most 500 characters");
        rcpt->orcpt = value;
        return true;
    }
    return fail(error, 555, "5.5.4", "the parameter " + p.keyword + " is not offered by this server");
}

bool isXtextByte(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u >= 33 && u <= 126 && c != '+' && c != '=';
}

int hex(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

} // namespace

bool SmtpCommand::isXtext(QByteArrayView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            if (i + 2 >= text.size() || hex(text[i + 1]) < 0 || hex(text[i + 2]) < 0) return false;
            i += 2;
        } else if (!isXtextByte(text[i])) {
            return false;
        }
    }
    return true;
}

QByteArray SmtpCommand::decodeXtext(QByteArrayView text)
{
    QByteArray out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] == '+' && i + 2 < text.size()) {
            out.append(char(hex(text[i + 1]) * 16 + hex(text[i + 2])));
            i += 2;
        } else {
            out.append(text[i]);
        }
    }
    return out;
}

bool SmtpCommand::isMailbox(QByteArrayView address)
{
    const qsizetype at = address.lastIndexOf('@');
    if (at <= 0 || at > 64 + 2 * 64) return false; // a quoted local part may escape every character
    const QByteArrayView local = address.first(at);
    if (!isDotString(local) && !isQuotedString(local)) return false;
    if (isDotString(local) && local.size() > 64) return false;
    return isDomain(address.sliced(at + 1));
}

std::optional<SmtpCommand::Mail> SmtpCommand::parseMail(QByteArrayView args, bool extended, Error* error)
{
    QByteArrayView path;
    QByteArrayView rest;
    if (!takeKeyword(&args, "FROM", error) || !takePath(args, &path, &rest, error)) return std::nullopt;
    Mail mail;
    path = withoutSourceRoute(path);
    if (!path.isEmpty() && !checkAddress(path, false, error)) return std::nullopt;
    mail.sender = path.toByteArray();
    QList<Param> params;
    if (!parseParams(rest, extended, &params, error)) return std::nullopt;
    for (const Param& p : params)
        if (!applyMailParam(p, &mail, error)) return std::nullopt;
    return mail;
}

std::optional<SmtpCommand::Rcpt> SmtpCommand::parseRcpt(QByteArrayView args, bool extended, Error* error)
{
    QByteArrayView path;
    QByteArrayView rest;
    if (!takeKeyword(&args, "TO", error) || !takePath(args, &path, &rest, error)) return std::nullopt;
    path = withoutSourceRoute(path);
    if (path.isEmpty()) {
        fail(error, 501, "5.1.3", "the recipient address is empty");
        return std::nullopt;
    }
    if (!checkAddress(path, true, error)) return std::nullopt;
    Rcpt rcpt;
    rcpt.recipient = path.toByteArray();
    QList<Param> params;
    if (!parseParams(rest, extended, &params, error)) return std::nullopt;
    for (const Param& p : params)
        if (!applyRcptParam(p, &rcpt, error)) return std::nullopt;
    return rcpt;
}

} // namespace umgate
