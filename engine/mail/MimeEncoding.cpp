// SPDX-License-Identifier: GPL-3.0-or-later
#include "MimeEncoding.h"

#include <QList>
#include <QTimeZone>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace umgate {

namespace {

constexpr char kHex[] = "0123456789ABCDEF";

bool isAtext(char32_t c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    return c < 0x80 && QByteArrayView("!#$%&'*+-/=?^_`{|}~").contains(char(c));
}

bool isPrintableAscii(const QString& s)
{
    for (const QChar c : s)
        if (c.unicode() < 0x20 || c.unicode() > 0x7e) return false;
    return true;
}

void appendHex(QByteArray& out, char prefix, uchar b)
{
    out.append(prefix);
    out.append(kHex[b >> 4]);
    out.append(kHex[b & 0xf]);
}

// The Q-encoding of one character's UTF-8 bytes (RFC 2047 4.2).
QByteArray qEncodeChar(const QByteArray& utf8, bool phrase)
{
    QByteArray out;
    for (const char ch : utf8) {
        const auto b = uchar(ch);
        if (b == ' ') {
            out.append('_');
            continue;
        }
        const bool alnum = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9');
        const bool safe = phrase ? (alnum || QByteArrayView("!*+-/").contains(char(b)))
                                 : (b > 32 && b < 127 && b != '=' && b != '?' && b != '_');
        if (safe)
            out.append(char(b));
        else
            appendHex(out, '=', b);
    }
    return out;
}

// Folds "Name: token token ..." at spaces so each line stays within 78 columns where a break is
// possible; a single overlong token stays whole (the callers keep tokens far below 998).
QByteArray foldAtSpaces(const QByteArray& line)
{
    const QList<QByteArray> parts = line.split(' ');
    QByteArray out = parts.first();
    qsizetype lineStart = 0;
    for (qsizetype i = 1; i < parts.size(); ++i) {
        const QByteArray& part = parts.at(i);
        const qsizetype current = out.size() - lineStart;
        // Never right after "Name:": the first token always shares the line with the name.
        if (i > 1 && !part.isEmpty() && current + 1 + part.size() > MimeEncoding::kMaxHeaderLine) {
            out.append("\r\n");
            lineStart = out.size();
        }
        out.append(' ');
        out.append(part);
    }
    out.append("\r\n");
    return out;
}

} // namespace

QString MimeEncoding::sanitizeHeaderText(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        const bool control = u < 0x20 || u == 0x7f || (u >= 0x80 && u < 0xa0) || u == 0x2028 || u == 0x2029;
        out.append(control ? u' ' : c);
    }
    return out;
}

QByteArray MimeEncoding::encodedWords(const QString& text, int column, bool phrase)
{
    const QByteArray utf8 = text.toUtf8();
    qsizetype qLength = 0;
    for (const char ch : utf8)
        qLength += qEncodeChar(QByteArray(1, ch), phrase).size();
    const bool useQ = qLength <= (utf8.size() + 2) / 3 * 4;
    const QByteArray prefix = useQ ? "=?UTF-8?Q?" : "=?UTF-8?B?";
    const int overhead = int(prefix.size()) + 2;
    // The first word shares its line with the header name; later words start a line after a space.
    const int firstCapacity = std::max(std::min(kMaxEncodedWord, kMaxHeaderLine - column) - overhead, 16);
    const int laterCapacity = kMaxEncodedWord - overhead;

    QList<QByteArray> words;
    QByteArray pending; // raw UTF-8 (B) or encoded text (Q) of the current word
    const auto capacity = [&] { return words.isEmpty() ? firstCapacity : laterCapacity; };
    const auto encodedSize = [&](const QByteArray& p) { return useQ ? p.size() : (p.size() + 2) / 3 * 4; };
    const auto flush = [&] {
        if (pending.isEmpty()) return;
        words.append(prefix + (useQ ? pending : pending.toBase64()) + "?=");
        pending.clear();
    };
    const QList<uint> ucs4 = text.toUcs4();
    for (const uint cp : ucs4) {
        const char32_t c = cp;
        const QByteArray charUtf8 = QString::fromUcs4(&c, 1).toUtf8();
        const QByteArray piece = useQ ? qEncodeChar(charUtf8, phrase) : charUtf8;
        if (!pending.isEmpty() && encodedSize(pending + piece) > capacity()) flush();
        pending.append(piece);
    }
    flush();
    return words.join(' ');
}

QByteArray MimeEncoding::unstructuredHeader(const QByteArray& name, const QString& value)
{
    const QString clean = sanitizeHeaderText(value).trimmed();
    bool plain = isPrintableAscii(clean) && !clean.contains(u"=?"_s);
    // Plain text can only be folded at spaces; a very long word goes into encoded words instead,
    // which may be split anywhere.
    if (plain)
        for (const QString& word : clean.split(u' '))
            if (word.size() > kMaxPlainWord) plain = false;
    if (plain) return foldAtSpaces(name + ": " + clean.toLatin1());
    return foldAtSpaces(name + ": " + encodedWords(clean, int(name.size()) + 2, false));
}

qsizetype MimeEncoding::longestHeaderLine(const QByteArray& message)
{
    qsizetype longest = 0;
    qsizetype start = 0;
    // Bounded: every iteration moves past one line end.
    while (start < message.size()) {
        qsizetype end = message.indexOf('\n', start);
        if (end < 0) end = message.size();
        const qsizetype length = end - start - (end > start && message.at(end - 1) == '\r' ? 1 : 0);
        if (length == 0) break; // the empty line that ends the header
        longest = std::max(longest, length);
        start = end + 1;
    }
    return longest;
}

QByteArray MimeEncoding::structuredHeader(const QByteArray& name, const QByteArray& value)
{
    return foldAtSpaces(name + ": " + value);
}

QByteArray MimeEncoding::formatAddress(const QString& displayName, const QString& addrSpec, int column)
{
    QByteArray address = addrSpec.toLatin1();
    const QString name = sanitizeHeaderText(displayName).simplified();
    if (name.isEmpty()) return address;
    const auto quoted = [](const QString& text) {
        QByteArray out = "\"";
        for (const QChar c : text) {
            if (c == u'"' || c == u'\\') out.append('\\');
            out.append(char(c.unicode()));
        }
        return out + '"';
    };
    const auto isAtom = [](const QString& word) {
        for (const QChar c : word)
            if (!isAtext(c.unicode())) return false;
        return !word.contains(u"=?"_s);
    };
    // A header can only be folded at whitespace: a word that would not fit on a folded line goes
    // into encoded words, which may be split anywhere (a 2,000-character display name without
    // spaces would otherwise make a line longer than RFC 5322's hard limit of 998).
    const auto plainWord = [](const QString& word) {
        return isPrintableAscii(word) && !word.contains(u"=?"_s) && word.size() <= kMaxPlainWord;
    };
    bool allPlain = true;
    for (const QString& word : name.split(u' '))
        allPlain = allPlain && plainWord(word);
    if (allPlain) {
        bool atoms = true;
        for (const QString& word : name.split(u' '))
            atoms = atoms && isAtom(word);
        if (atoms) return name.toLatin1() + " <" + address + '>';
        // A quoted-string may be folded at its spaces too (RFC 5322 3.2.4 allows FWS inside).
        return quoted(name) + " <" + address + '>';
    }
    // Word by word: atoms stay plain, other ASCII words become quoted-strings and only runs of
    // words with non-ASCII characters become encoded words. Besides being shorter, this keeps the
    // spaces unambiguous: between two adjacent encoded words whitespace is ignored (RFC 2047 6.2),
    // but some parsers (Python's email package) keep it inside display names.
    QList<QByteArray> pieces;
    QStringList run;
    const auto flushRun = [&] {
        if (run.isEmpty()) return;
        pieces.append(encodedWords(run.join(u' '), pieces.isEmpty() ? column : 1, true));
        run.clear();
    };
    for (const QString& word : name.split(u' ')) {
        if (!plainWord(word)) {
            run.append(word);
            continue;
        }
        flushRun();
        pieces.append(isAtom(word) ? word.toLatin1() : quoted(word));
    }
    flushRun();
    return pieces.join(' ') + " <" + address + '>';
}

bool MimeEncoding::isValidAddrSpec(const QString& address)
{
    const qsizetype at = address.lastIndexOf(u'@');
    if (at <= 0 || at > 64 || address.size() - at - 1 > 253 || !isPrintableAscii(address)) return false;
    const QString local = address.left(at);
    const QString domain = address.mid(at + 1);
    for (const QString& atom : local.split(u'.')) {
        if (atom.isEmpty()) return false;
        for (const QChar c : atom)
            if (!isAtext(c.unicode())) return false;
    }
    for (const QString& label : domain.split(u'.')) {
        if (label.isEmpty() || label.size() > 63 || label.startsWith(u'-') || label.endsWith(u'-'))
            return false;
        for (const QChar c : label)
            if (!c.isLetterOrNumber() && c != u'-') return false;
    }
    return true;
}

QByteArray MimeEncoding::mimeParameter(const QByteArray& name, const QString& value)
{
    const QString clean = sanitizeHeaderText(value);
    if (isPrintableAscii(clean) && clean.size() <= 60 && !clean.contains(u'"') && !clean.contains(u'\\'))
        return "; " + name + "=\"" + clean.toLatin1() + '"';
    // RFC 2231 extended value, split into sections so each stays short; %XX triplets stay whole.
    QList<QByteArray> sections{"utf-8''"};
    for (const char ch : clean.toUtf8()) {
        const auto b = uchar(ch);
        QByteArray piece;
        const bool attrChar = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') ||
                              QByteArrayView("!#$&+-.^_`|~").contains(char(b));
        if (attrChar)
            piece.append(char(b));
        else
            appendHex(piece, '%', b);
        if (sections.last().size() + piece.size() > 50) sections.append(QByteArray());
        sections.last().append(piece);
    }
    if (sections.size() == 1) return "; " + name + "*=" + sections.first();
    QByteArray out;
    for (qsizetype i = 0; i < sections.size(); ++i)
        out += "; " + name + '*' + QByteArray::number(i) + "*=" + sections.at(i);
    return out;
}

QByteArray MimeEncoding::base64Body(const QByteArray& data)
{
    const QByteArray encoded = data.toBase64();
    QByteArray out;
    out.reserve(encoded.size() + encoded.size() / kBase64Line * 2 + 2);
    for (qsizetype i = 0; i < encoded.size(); i += kBase64Line) {
        out.append(encoded.mid(i, kBase64Line));
        out.append("\r\n");
    }
    return out;
}

QByteArray MimeEncoding::quotedPrintable(const QString& text)
{
    // One pass over the UTF-8 bytes into a buffer sized for the worst case (every byte "=XX" plus
    // soft breaks): a 10 KB SMS body is encoded for every message, so no per-byte allocation.
    static const char kHex[] = "0123456789ABCDEF";
    const QByteArray utf8 = text.toUtf8();
    const char* in = utf8.constData();
    const qsizetype n = utf8.size();
    QByteArray out;
    out.resize(n * 3 + (n * 3 / 73 + 1) * 3 + 2);
    char* o = out.data();
    qsizetype column = 0;
    for (qsizetype i = 0; i < n; ++i) {
        const auto b = uchar(in[i]);
        if (b == '\r' || b == '\n') {
            // CRLF, a lone CR or a lone LF: one hard line break.
            if (b == '\r' && i + 1 < n && in[i + 1] == '\n') ++i;
            *o++ = '\r';
            *o++ = '\n';
            column = 0;
            continue;
        }
        // Spaces and tabs at the end of a line are encoded: transports may strip them.
        const bool lineEnd = i + 1 == n || in[i + 1] == '\r' || in[i + 1] == '\n';
        const bool literal = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !lineEnd);
        const int width = literal ? 1 : 3;
        // 76 characters per line including the '=' of a soft break.
        if (column + width > (lineEnd ? 76 : 75)) {
            *o++ = '=';
            *o++ = '\r';
            *o++ = '\n';
            column = 0;
        }
        if (literal) {
            *o++ = char(b);
        } else {
            *o++ = '=';
            *o++ = kHex[b >> 4];
            *o++ = kHex[b & 15];
        }
        column += width;
    }
    *o++ = '\r';
    *o++ = '\n';
    out.truncate(o - out.constData());
    return out;
}

QByteArray MimeEncoding::rfc5322Date(const QDateTime& time)
{
    static const char* const kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const int offset = time.offsetFromUtc();
    const QDateTime local = time.toOffsetFromUtc(offset);
    const QDate d = local.date();
    const QTime t = local.time();
    const int absMinutes = std::abs(offset) / 60;
    return QStringLiteral("%1, %2 %3 %4 %5:%6:%7 %8%9%10")
        .arg(QLatin1String(kDays[d.dayOfWeek() - 1]))
        .arg(d.day())
        .arg(QLatin1String(kMonths[d.month() - 1]))
        .arg(d.year(), 4, 10, QLatin1Char('0'))
        .arg(t.hour(), 2, 10, QLatin1Char('0'))
        .arg(t.minute(), 2, 10, QLatin1Char('0'))
        .arg(t.second(), 2, 10, QLatin1Char('0'))
        .arg(offset < 0 ? QLatin1Char('-') : QLatin1Char('+'))
        .arg(absMinutes / 60, 2, 10, QLatin1Char('0'))
        .arg(absMinutes % 60, 2, 10, QLatin1Char('0'))
        .toLatin1();
}

} // namespace umgate
