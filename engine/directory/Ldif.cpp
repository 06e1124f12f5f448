// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/directory/Ldif.h"

#include "engine/directory/LdapFilter.h"

#include <QHash>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace umgate {

namespace {

constexpr int kLineWidth = 76;

struct Line
{
    QByteArray text; // unfolded
    int number;      // of its first physical line
};

std::optional<QString> decodeUtf8(const QByteArray& bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString s = decoder(bytes);
    if (decoder.hasError()) return std::nullopt;
    return s;
}

void appendFolded(QByteArray& out, const QByteArray& line)
{
    qsizetype pos = 0;
    qsizetype width = kLineWidth;
    while (line.size() - pos > width) {
        qsizetype cut = pos + width;
        // Never split a UTF-8 sequence (only comments can hold one; values are base64 then).
        while (cut > pos + 1 && (static_cast<unsigned char>(line.at(cut)) & 0xc0) == 0x80)
            --cut;
        out += line.mid(pos, cut - pos);
        out += "\n ";
        pos = cut;
        width = kLineWidth - 1;
    }
    out += line.mid(pos);
    out += '\n';
}

void appendValue(QByteArray& out, const QByteArray& name, const QString& value)
{
    const QByteArray bytes = value.toUtf8();
    if (Ldif::isSafeString(bytes))
        appendFolded(out, name + (bytes.isEmpty() ? QByteArray(":") : ": " + bytes));
    else
        appendFolded(out, name + ":: " + bytes.toBase64());
}

} // namespace

QString Ldif::normalizedDn(const QString& dn)
{
    QStringList rdns;
    QString current;
    for (qsizetype i = 0; i < dn.size(); ++i) {
        const QChar c = dn.at(i);
        if (c == u'\\' && i + 1 < dn.size()) {
            current += c;
            current += dn.at(++i);
        } else if (c == u',') {
            rdns.append(current);
            current.clear();
        } else {
            current += c;
        }
    }
    rdns.append(current);
    for (QString& rdn : rdns) {
        const qsizetype eq = rdn.indexOf(u'=');
        rdn = eq < 0 ? rdn.trimmed() : rdn.left(eq).trimmed() + u'=' + rdn.mid(eq + 1).trimmed();
    }
    return rdns.join(u',').toCaseFolded();
}

bool Ldif::isSafeString(const QByteArray& value)
{
    if (value.isEmpty()) return true;
    const auto first = static_cast<unsigned char>(value.at(0));
    if (first == ' ' || first == ':' || first == '<') return false;
    if (value.endsWith(' ')) return false;
    for (const char ch : value) {
        const auto b = static_cast<unsigned char>(ch);
        if (b == 0 || b == '\n' || b == '\r' || b >= 0x80) return false;
        if (b < 0x20 || b == 0x7f) return false; // legal in LDIF, but not readable in a text file
    }
    return true;
}

namespace {

// One parse: logical lines in, entries out; the first failure stops it.
class LdifReader
{
public:
    explicit LdifReader(QString* error) : m_error(error) {}
    std::optional<QList<DirectoryEntry>> read(const QByteArray& data);

private:
    bool fail(int line, const QString& reason);
    bool unfold(const QByteArray& data, QList<Line>& lines);
    bool readLine(const Line& line);
    bool startRecord(const Line& line, const QByteArray& name, const QString& value);
    bool addAttribute(const Line& line, const QByteArray& name, const QString& value);
    bool finishRecord();

    QString* m_error;
    QList<DirectoryEntry> m_entries;
    QHash<QString, int> m_seenDns; // normalized DN -> line of its record
    std::optional<DirectoryEntry> m_current;
    int m_currentLine = 0;
    bool m_versionAllowed = true;
};

bool LdifReader::fail(int line, const QString& reason)
{
    if (m_error) *m_error = u"line %1: %2"_s.arg(line).arg(reason);
    return false;
}

// Unfolds into logical lines; an empty text marks a record separator. Comments go.
bool LdifReader::unfold(const QByteArray& data, QList<Line>& lines)
{
    const QList<QByteArray> physical = data.split('\n');
    bool inComment = false;
    for (qsizetype i = 0; i < physical.size(); ++i) {
        QByteArray l = physical.at(i);
        if (l.endsWith('\r')) l.chop(1);
        const int number = int(i + 1);
        if (l.startsWith(' ')) {
            if (inComment) continue;
            if (lines.isEmpty() || lines.last().text.isEmpty())
                return fail(number, u"a continuation line (starting with a space) follows no line"_s);
            lines.last().text += l.mid(1);
            continue;
        }
        inComment = l.startsWith('#');
        if (inComment) continue;
        lines.append({l, number});
    }
    return true;
}

bool LdifReader::finishRecord()
{
    if (!m_current) return true;
    const QString key = Ldif::normalizedDn(m_current->dn);
    if (const auto it = m_seenDns.constFind(key); it != m_seenDns.constEnd())
        return fail(m_currentLine,
                    u"the DN \"%1\" appears twice (first in line %2)"_s.arg(m_current->dn).arg(it.value()));
    m_seenDns.insert(key, m_currentLine);
    m_entries.append(*m_current);
    m_current.reset();
    return true;
}

bool LdifReader::readLine(const Line& line)
{
    if (line.text.isEmpty()) return finishRecord();
    const qsizetype colon = line.text.indexOf(':');
    if (colon <= 0) return fail(line.number, u"expected \"name: value\""_s);
    const QByteArray name = line.text.left(colon);
    QByteArray rest = line.text.mid(colon + 1);
    const bool base64 = rest.startsWith(':');
    if (base64) rest.remove(0, 1);
    if (rest.startsWith('<'))
        return fail(line.number,
                    u"values from URLs (\"%1:<\") are not supported"_s.arg(QString::fromUtf8(name)));
    while (rest.startsWith(' '))
        rest.remove(0, 1);

    QByteArray raw = rest;
    if (base64) {
        const auto decoded =
            QByteArray::fromBase64Encoding(rest.trimmed(), QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return fail(line.number, u"the base64 value of \"%1\" is broken"_s.arg(QString::fromUtf8(name)));
        raw = *decoded;
    }
    const std::optional<QString> value = decodeUtf8(raw);
    if (!value) return fail(line.number, u"the value of \"%1\" is not UTF-8"_s.arg(QString::fromUtf8(name)));
    return m_current ? addAttribute(line, name, *value) : startRecord(line, name, *value);
}

// The first line of a record (or the version line before the first record).
bool LdifReader::startRecord(const Line& line, const QByteArray& name, const QString& value)
{
    if (m_versionAllowed && name == "version") {
        m_versionAllowed = false;
        if (value != u"1"_s)
            return fail(line.number, u"LDIF version %1 is not supported (only 1)"_s.arg(value));
        return true;
    }
    m_versionAllowed = false;
    if (name.compare("dn", Qt::CaseInsensitive) != 0)
        return fail(line.number,
                    u"a record must start with \"dn:\", not \"%1:\""_s.arg(QString::fromUtf8(name.left(40))));
    if (value.trimmed().isEmpty()) return fail(line.number, u"the DN is empty"_s);
    m_current = DirectoryEntry{value, {}};
    m_currentLine = line.number;
    return true;
}

bool LdifReader::addAttribute(const Line& line, const QByteArray& name, const QString& value)
{
    const QString attribute = QString::fromUtf8(name);
    if (attribute.compare(u"dn"_s, Qt::CaseInsensitive) == 0)
        return fail(line.number, u"a second \"dn:\" in one record; separate records with a blank line"_s);
    if (attribute.compare(u"changetype"_s, Qt::CaseInsensitive) == 0)
        return fail(line.number, u"change records are not supported; write the entry's attributes only"_s);
    if (const QString r = LdapFilter::attributeDescriptionError(attribute); !r.isEmpty())
        return fail(line.number, u"\"%1\" is not a valid attribute name"_s.arg(attribute.left(40)));
    // Keep the first spelling of the attribute name for all its values.
    QString key = attribute;
    for (auto it = m_current->attributes.constBegin(); it != m_current->attributes.constEnd(); ++it)
        if (it.key().compare(attribute, Qt::CaseInsensitive) == 0) key = it.key();
    m_current->attributes[key].append(value);
    return true;
}

std::optional<QList<DirectoryEntry>> LdifReader::read(const QByteArray& data)
{
    QList<Line> lines;
    if (!unfold(data, lines)) return std::nullopt;
    for (const Line& line : lines)
        if (!readLine(line)) return std::nullopt;
    if (!finishRecord()) return std::nullopt;
    return m_entries;
}

} // namespace

std::optional<QList<DirectoryEntry>> Ldif::parse(const QByteArray& data, QString* error)
{
    return LdifReader(error).read(data);
}

QByteArray Ldif::write(const QList<DirectoryEntry>& entries, const QByteArray& header)
{
    QByteArray out = header;
    if (!out.isEmpty() && !out.endsWith('\n')) out += '\n';
    out += "version: 1\n";
    for (const DirectoryEntry& e : entries) {
        out += '\n';
        appendValue(out, "dn", e.dn);
        const auto writeAttribute = [&out](const QString& name, const QStringList& values) {
            const QByteArray n = name.toUtf8();
            for (const QString& v : values)
                appendValue(out, n, v);
        };
        for (auto it = e.attributes.constBegin(); it != e.attributes.constEnd(); ++it)
            if (it.key().compare(u"objectClass"_s, Qt::CaseInsensitive) == 0)
                writeAttribute(it.key(), it.value());
        for (auto it = e.attributes.constBegin(); it != e.attributes.constEnd(); ++it)
            if (it.key().compare(u"objectClass"_s, Qt::CaseInsensitive) != 0)
                writeAttribute(it.key(), it.value());
    }
    return out;
}

} // namespace umgate
