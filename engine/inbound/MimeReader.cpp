// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/inbound/MimeReader.h"

#include <QRegularExpression>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace umgate {

namespace {

// The headers of one part that matter here, unfolded.
struct Headers
{
    QByteArray contentType;
    QByteArray transferEncoding;
    QByteArray disposition;
    QByteArray subject;
    QByteArray priority;
    QByteArray messageId;
    QByteArray from;
};

// Where a header of that (lower-case) name is kept, or nullptr for the ones not read.
QByteArray* fieldOf(Headers& h, const QByteArray& name)
{
    static const QList<std::pair<QByteArray, QByteArray Headers::*>> fields = {
        {"content-type", &Headers::contentType},
        {"content-transfer-encoding", &Headers::transferEncoding},
        {"content-disposition", &Headers::disposition},
        {"subject", &Headers::subject},
        {"message-id", &Headers::messageId},
        {"from", &Headers::from},
        {"x-priority", &Headers::priority},
        {"importance", &Headers::priority},
        {"priority", &Headers::priority}};
    for (const auto& [field, member] : fields)
        if (field == name) return &(h.*member);
    return nullptr;
}

// Splits a part into its header block and body; reads the block in one pass.
Headers readHeaders(QByteArrayView part, QByteArrayView* body)
{
    Headers h;
    QByteArray* current = nullptr;
    qsizetype pos = 0;
    *body = {};
    while (pos < part.size()) {
        qsizetype end = part.indexOf("\r\n", pos);
        if (end < 0) end = part.size();
        const QByteArrayView line = part.sliced(pos, end - pos);
        pos = qMin(end + 2, part.size());
        if (line.isEmpty()) {
            *body = part.sliced(pos);
            return h;
        }
        if (line.front() == ' ' || line.front() == '\t') {
            if (current && current->size() < qsizetype(64) * 1024) current->append(line.data(), line.size());
            continue;
        }
        current = nullptr;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) continue;
        const QByteArray name = line.first(colon).trimmed().toByteArray().toLower();
        QByteArray* target = fieldOf(h, name);
        if (target && target->isEmpty()) { // the first one counts
            *target = line.sliced(colon + 1).toByteArray();
            current = target;
        }
    }
    return h;
}

QByteArray mimeType(const QByteArray& contentType)
{
    const qsizetype semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.left(semi)).trimmed().toLower();
}

// "a; b=\"c;d\"; e" -> the pieces between unquoted ';'.
QList<QByteArrayView> splitParams(QByteArrayView value)
{
    QList<QByteArrayView> out;
    bool quoted = false;
    qsizetype start = 0;
    for (qsizetype i = 0; i <= value.size(); ++i) {
        if (i < value.size() && value[i] == '\\' && quoted) {
            ++i;
            continue;
        }
        if (i < value.size() && value[i] == '"') quoted = !quoted;
        if (i == value.size() || (value[i] == ';' && !quoted)) {
            out.append(value.sliced(start, i - start).trimmed());
            start = i + 1;
        }
    }
    return out;
}

QByteArray unquote(QByteArrayView v)
{
    if (v.size() < 2 || v.front() != '"' || v.back() != '"') return v.toByteArray();
    QByteArray out;
    for (qsizetype i = 1; i + 1 < v.size(); ++i) {
        if (v[i] == '\\' && i + 2 < v.size()) ++i;
        out.append(v[i]);
    }
    return out;
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

QByteArray percentDecode(QByteArrayView v)
{
    QByteArray out;
    for (qsizetype i = 0; i < v.size(); ++i) {
        if (v[i] == '%' && i + 2 < v.size() && hexDigit(v[i + 1]) >= 0 && hexDigit(v[i + 2]) >= 0) {
            out.append(char(hexDigit(v[i + 1]) * 16 + hexDigit(v[i + 2])));
            i += 2;
        } else {
            out.append(v[i]);
        }
    }
    return out;
}

// Crude but safe: the text of an HTML body without tags and with the common entities.
QString htmlToText(const QString& html)
{
    QString out;
    out.reserve(html.size());
    bool tag = false;
    for (const QChar c : html) {
        if (c == u'<')
            tag = true;
        else if (c == u'>')
            tag = false;
        else if (!tag)
            out += c;
    }
    out.replace(u"&nbsp;"_s, u" "_s)
        .replace(u"&lt;"_s, u"<"_s)
        .replace(u"&gt;"_s, u">"_s)
        .replace(u"&amp;"_s, u"&"_s);
    return out.trimmed();
}

class Walker
{
public:
    Walker(const MimeReader::Limits& limits, MimeReader::Content* out) : m_limits(limits), m_out(out) {}

    void part(QByteArrayView bytes, int depth, bool top)
    {
        if (++m_parts > m_limits.maxParts) {
            if (m_parts == m_limits.maxParts + 1)
                m_out->problems.append(
                    u"more than %1 MIME parts: the rest is not read"_s.arg(m_limits.maxParts));
            return;
        }
        QByteArrayView body;
        const Headers h = readHeaders(bytes, &body);
        if (top) {
            m_out->subject = MimeReader::decodeHeader(h.subject.trimmed());
            m_out->messageId = h.messageId.trimmed();
            m_out->from = MimeReader::firstAddress(h.from);
            m_out->priority = priorityOf(h.priority.trimmed().toLower());
        }
        const QByteArray type = h.contentType.isEmpty() ? QByteArray("text/plain") : mimeType(h.contentType);
        if (type.startsWith("multipart/")) return multipart(h, body, depth);
        leaf(h, type, body);
    }

private:
    static QString priorityOf(const QByteArray& v)
    {
        if (v.startsWith('1') || v.startsWith('2') || v.startsWith("high") || v.startsWith("urgent"))
            return u"high"_s;
        if (v.startsWith('4') || v.startsWith('5') || v.startsWith("low") || v.startsWith("non-urgent"))
            return u"low"_s;
        return u"normal"_s;
    }

    void multipart(const Headers& h, QByteArrayView body, int depth)
    {
        const QByteArray boundary = MimeReader::parameter(h.contentType, "boundary").toLatin1();
        if (boundary.isEmpty() || boundary.size() > 200) {
            m_out->problems.append(u"a multipart without a usable boundary: read as text"_s);
            return leaf(h, "text/plain", body);
        }
        if (depth >= m_limits.maxDepth) {
            m_out->problems.append(
                u"MIME parts nested deeper than %1 levels are not read"_s.arg(m_limits.maxDepth));
            return;
        }
        const QByteArray delimiter = "--" + boundary;
        qsizetype start = -1; // where the current part starts
        qsizetype pos = 0;
        while (pos <= body.size()) {
            qsizetype end = body.indexOf("\r\n", pos);
            if (end < 0) end = body.size();
            const QByteArrayView line = body.sliced(pos, end - pos);
            if (line.startsWith(delimiter)) {
                const QByteArrayView rest = line.sliced(delimiter.size()).trimmed();
                const bool last = rest == "--";
                if (last || rest.isEmpty()) {
                    // The CRLF before a delimiter belongs to the delimiter (RFC 2046 5.1.1).
                    if (start >= 0)
                        part(body.sliced(start, qMax(qsizetype(0), pos - 2 - start)), depth + 1, false);
                    if (last) return;
                    start = qMin(end + 2, body.size());
                }
            }
            if (end >= body.size()) break;
            pos = end + 2;
        }
        if (start >= 0) {
            m_out->problems.append(u"a multipart without its closing boundary: read to the end"_s);
            part(body.sliced(start), depth + 1, false);
        }
    }

    void leaf(const Headers& h, const QByteArray& type, QByteArrayView body)
    {
        const QByteArray encoding = h.transferEncoding.trimmed().toLower();
        QByteArray data;
        if (encoding == "base64") {
            bool clean = true;
            data = MimeReader::decodeBase64(body, &clean);
            if (!clean) m_out->problems.append(u"a part has invalid base64; what could be decoded is used"_s);
        } else if (encoding == "quoted-printable") {
            data = MimeReader::decodeQuotedPrintable(body);
        } else {
            data = body.toByteArray();
        }
        QString name = MimeReader::parameter(h.disposition, "filename");
        if (name.isEmpty()) name = MimeReader::parameter(h.contentType, "name");
        const bool attachment = !name.isEmpty() || mimeType(h.disposition) == "attachment" ||
                                (!type.startsWith("text/") && type != "message/delivery-status");
        if (!attachment && (type == "text/plain" || type == "text/html")) {
            bool known = true;
            const QByteArray charset = MimeReader::parameter(h.contentType, "charset").toLatin1();
            QString text =
                MimeReader::toUnicode(data, charset.isEmpty() ? QByteArray("us-ascii") : charset, &known);
            if (!known)
                m_out->problems.append(
                    u"unknown charset %1: read as Latin-1"_s.arg(QString::fromLatin1(charset)));
            if (type == "text/html") text = htmlToText(text);
            if (m_out->text.isEmpty() || (m_textIsHtml && type == "text/plain")) {
                m_textIsHtml = type == "text/html";
                if (text.size() > m_limits.maxText) {
                    m_out->problems.append(
                        u"the body text is longer than %1 characters: cut (the mail file has all of it)"_s
                            .arg(m_limits.maxText));
                    text.truncate(m_limits.maxText);
                }
                m_out->text = text;
            }
            return;
        }
        MimeReader::Attachment a;
        a.fileName = name.isEmpty() ? u"attachment-%1"_s.arg(m_out->attachments.size() + 1) : name;
        a.contentType = type;
        a.data = data;
        if (type == "application/ms-tnef" || name.compare(u"winmail.dat"_s, Qt::CaseInsensitive) == 0)
            a.unsupported =
                u"TNEF (winmail.dat) is Outlook's own format; send the mail as plain text or HTML"_s;
        m_out->attachments.append(a);
    }

    const MimeReader::Limits& m_limits;
    MimeReader::Content* m_out;
    int m_parts = 0;
    bool m_textIsHtml = false;
};

} // namespace

MimeReader::Content MimeReader::read(const QByteArray& mail, const Limits& limits)
{
    Content out;
    Walker(limits, &out).part(mail, 0, true);
    if (out.priority.isEmpty()) out.priority = u"normal"_s;
    return out;
}

QString MimeReader::toUnicode(const QByteArray& bytes, const QByteArray& charset, bool* known)
{
    *known = true;
    const QByteArray name = charset.toLower();
    if (name == "us-ascii" || name == "ascii" || name == "utf-8" || name == "utf8")
        return QString::fromUtf8(bytes);
    QStringDecoder decoder(name.constData());
    if (decoder.isValid()) return decoder.decode(bytes);
    if (name == "windows-1252" || name == "cp1252") return QString::fromLatin1(bytes); // close enough
    *known = name == "iso-8859-1" || name == "latin1";
    return QString::fromLatin1(bytes);
}

QByteArray MimeReader::decodeBase64(QByteArrayView encoded, bool* clean)
{
    QByteArray compact;
    compact.reserve(encoded.size());
    for (const char c : encoded)
        if (c != '\r' && c != '\n' && c != ' ' && c != '\t') compact.append(c);
    auto result = QByteArray::fromBase64Encoding(compact, QByteArray::AbortOnBase64DecodingErrors);
    if (result) {
        *clean = true;
        return *result;
    }
    *clean = false;
    return QByteArray::fromBase64(compact); // skips what it cannot read
}

QByteArray MimeReader::decodeQuotedPrintable(QByteArrayView encoded)
{
    QByteArray out;
    out.reserve(encoded.size());
    for (qsizetype i = 0; i < encoded.size(); ++i) {
        const char c = encoded[i];
        if (c != '=') {
            out.append(c);
            continue;
        }
        if (i + 2 < encoded.size() && encoded[i + 1] == '\r' && encoded[i + 2] == '\n') {
            i += 2; // soft line break
        } else if (i + 2 < encoded.size() && hexDigit(encoded[i + 1]) >= 0 && hexDigit(encoded[i + 2]) >= 0) {
            out.append(char(hexDigit(encoded[i + 1]) * 16 + hexDigit(encoded[i + 2])));
            i += 2;
        } else {
            out.append(c); // not an escape: kept as written (RFC 2045 6.7 note 1)
        }
    }
    return out;
}

QString MimeReader::decodeHeader(QByteArrayView value)
{
    static const QRegularExpression word(u"=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?="_s);
    const QString text = QString::fromLatin1(value);
    QString out;
    qsizetype pos = 0;
    bool lastWasWord = false;
    auto it = word.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const QString between = text.mid(pos, m.capturedStart() - pos);
        // Whitespace between two encoded words is not part of the text (RFC 2047 6.2).
        if (!(lastWasWord && between.trimmed().isEmpty())) out += between;
        QString charset = m.captured(1);
        if (const qsizetype star = charset.indexOf(u'*'); star >= 0)
            charset.truncate(star); // RFC 2231 language
        const QByteArray payload = m.captured(3).toLatin1();
        QByteArray bytes;
        if (m.captured(2).compare(u"b"_s, Qt::CaseInsensitive) == 0) {
            bool clean = true;
            bytes = decodeBase64(payload, &clean);
        } else {
            bytes = decodeQuotedPrintable(QByteArray(payload).replace('_', ' '));
        }
        bool known = true;
        out += toUnicode(bytes, charset.toLatin1(), &known);
        pos = m.capturedEnd();
        lastWasWord = true;
    }
    out += text.mid(pos);
    return out;
}

QByteArray MimeReader::headerSection(const QByteArray& mail)
{
    constexpr qsizetype kMax = qsizetype(64) * 1024;
    qsizetype end = mail.indexOf("\r\n\r\n");
    if (end < 0 || end > kMax) end = qMin(mail.size(), kMax);
    return mail.left(end);
}

namespace {

// RFC 5322 3.4 for one address list, a character at a time: mailbox = name-addr / addr-spec; a
// group ("team: a@b;") lists mailboxes after its colon. Comments nest; quoted strings may hold
// any of the special characters.
struct AddressScanner
{
    QByteArray plain; // the text outside comments and quotes, for a bare addr-spec
    QByteArray angle; // the text inside <>, for a name-addr
    bool inAngle = false;
    bool sawAngle = false;
    int comment = 0;
    bool quoted = false;
    bool escaped = false;

    // False when the first mailbox has ended.
    bool take(char c)
    {
        if (escaped) {
            escaped = false;
            if (quoted && inAngle) angle += c;
            return true;
        }
        if (quoted || comment > 0) return inside(c);
        switch (c) {
        case '(':
            ++comment;
            return true;
        case '"':
            quoted = true;
            return true;
        case '<':
            inAngle = !sawAngle;
            sawAngle = true;
            return true;
        case '>':
            inAngle = false;
            return true;
        default:
            break;
        }
        if (inAngle) {
            angle += c;
            return true;
        }
        if (c == ':')
            plain.clear(); // a group's name or a source route ends here
        else if (c == ',' || c == ';')
            return !(sawAngle || !plain.trimmed().isEmpty());
        else
            plain += c;
        return true;
    }

    // Inside a quoted string or a comment.
    bool inside(char c)
    {
        if (c == '\\') {
            escaped = true;
            return true;
        }
        if (quoted) {
            if (c == '"')
                quoted = false;
            else if (inAngle)
                angle += c;
        } else if (c == '(') {
            ++comment;
        } else if (c == ')') {
            --comment;
        }
        return true;
    }
};

} // namespace

QString MimeReader::firstAddress(QByteArrayView value)
{
    AddressScanner scan;
    for (const char c : value)
        if (!scan.take(c)) break;
    const QByteArray spec = (scan.sawAngle ? scan.angle : scan.plain).trimmed();
    if (!spec.contains('@') || spec.size() > 320) return {};
    for (const char c : spec)
        if (uchar(c) <= ' ' || uchar(c) >= 0x7f) return {};
    return QString::fromLatin1(spec);
}

QString MimeReader::parameter(QByteArrayView headerValue, QByteArrayView name)
{
    const QList<QByteArrayView> params = splitParams(headerValue);
    QString plain;
    QMap<int, QByteArray> pieces; // RFC 2231 continuations: index -> raw (or percent-decoded) bytes
    QByteArray charset;
    const QByteArray want = name.toByteArray().toLower();
    for (qsizetype i = 1; i < params.size(); ++i) {
        const QByteArrayView p = params[i];
        const qsizetype eq = p.indexOf('=');
        if (eq <= 0) continue;
        const QByteArray key = p.first(eq).trimmed().toByteArray().toLower();
        const QByteArrayView value = p.sliced(eq + 1).trimmed();
        if (key == want) {
            if (plain.isEmpty()) plain = decodeHeader(unquote(value)); // RFC 2047 in a name, as Outlook sends
            continue;
        }
        if (!key.startsWith(want + '*')) continue;
        QByteArray rest = key.mid(want.size() + 1); // "", "*", "0", "0*", "1", ...
        const bool extended = rest.endsWith('*') || rest.isEmpty();
        if (rest.endsWith('*')) rest.chop(1);
        bool ok = true;
        const int index = rest.isEmpty() ? 0 : rest.toInt(&ok);
        if (!ok || index < 0 || index > 999 || pieces.contains(index)) continue;
        QByteArray raw = unquote(value);
        if (extended) {
            if (index == 0) {
                const QList<QByteArray> parts = raw.split('\'');
                if (parts.size() >= 3) {
                    charset = parts.at(0);
                    raw = raw.mid(parts.at(0).size() + parts.at(1).size() + 2);
                }
            }
            raw = percentDecode(raw);
        }
        pieces.insert(index, raw);
    }
    if (pieces.isEmpty()) return plain;
    QByteArray joined;
    for (int i = 0; pieces.contains(i); ++i)
        joined += pieces.value(i);
    bool known = true;
    return toUnicode(joined, charset.isEmpty() ? QByteArray("utf-8") : charset, &known);
}

} // namespace umgate
