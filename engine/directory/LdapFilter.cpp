// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/directory/LdapFilter.h"

#include <QStringDecoder>
#include <algorithm>

using namespace Qt::StringLiterals;

#include "engine/core/TextChecks.h"

namespace umgate {

using namespace text;

namespace {

int hexValue(QChar c)
{
    if (isAsciiDigit(c)) return c.unicode() - '0';
    if (c >= u'a' && c <= u'f') return c.unicode() - 'a' + 10;
    if (c >= u'A' && c <= u'F') return c.unicode() - 'A' + 10;
    return -1;
}

bool isValidUtf8(const QByteArray& bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString s = decoder(bytes);
    return !decoder.hasError();
}

// Escapes octets for toString(): the RFC 4515 specials always, and every non-ASCII octet when
// the value is not valid UTF-8 (binary assertion values must survive a round trip).
QString escapeOctets(const QByteArray& bytes)
{
    if (isValidUtf8(bytes)) return LdapFilter::escapeValue(QString::fromUtf8(bytes));
    QString out;
    for (const char ch : bytes) {
        const auto b = static_cast<unsigned char>(ch);
        if (b == '*' || b == '(' || b == ')' || b == '\\' || b == 0 || b >= 0x80)
            out += u"\\%1"_s.arg(b, 2, 16, QLatin1Char('0'));
        else
            out += QLatin1Char(char(b));
    }
    return out;
}

} // namespace

// ---------------------------------------------------------------------------------------------
// RFC 4515 filter / RFC 4512 attribute description parser. libldap has no public parse-only
// entry point (ldap_pvt_put_filter is private), and the search template must be rejected with a
// position before the first message ever needs it.
class LdapFilterParser
{
public:
    explicit LdapFilterParser(const QString& text) : m_s(text) {}

    std::optional<LdapFilter> parseFilter()
    {
        if (m_s.isEmpty()) {
            m_error = u"the filter is empty"_s;
            return std::nullopt;
        }
        LdapFilter f;
        if (!filter(f, 0)) return std::nullopt;
        if (m_pos != m_s.size()) {
            fail(u"unexpected text after the end of the filter"_s);
            return std::nullopt;
        }
        return f;
    }

    QString parseAttributeDescription()
    {
        QString name;
        if (!attributeDescription(name)) return m_error;
        if (m_pos != m_s.size()) {
            fail(u"unexpected character '%1' in the attribute name"_s.arg(m_s.at(m_pos)));
            return m_error;
        }
        return {};
    }

    QString error() const { return m_error; }

private:
    bool atEnd() const { return m_pos >= m_s.size(); }
    QChar peek() const { return atEnd() ? QChar() : m_s.at(m_pos); }
    QChar charAt(qsizetype i) const { return i < m_s.size() ? m_s.at(i) : QChar(); }

    bool fail(const QString& reason)
    {
        if (m_error.isEmpty()) m_error = u"invalid at position %1: %2"_s.arg(m_pos + 1).arg(reason);
        return false;
    }

    bool expect(QChar c, const QString& what)
    {
        if (atEnd()) return fail(u"the filter ends early; expected %1"_s.arg(what));
        if (peek() != c) return fail(u"expected %1 but found '%2'"_s.arg(what, peek()));
        ++m_pos;
        return true;
    }

    bool filter(LdapFilter& out, int depth)
    {
        if (depth > 32) return fail(u"filters are nested too deeply"_s);
        if (!expect(u'(', u"'('"_s)) return false;
        if (atEnd()) return fail(u"the filter ends early after '('"_s);
        const QChar c = peek();
        if (c == u'&' || c == u'|') {
            ++m_pos;
            out.m_type = c == u'&' ? LdapFilter::Type::And : LdapFilter::Type::Or;
            if (peek() != u'(') {
                if (atEnd()) return fail(u"the filter ends early; expected '(' after '%1'"_s.arg(c));
                return fail(u"'%1' must be followed by at least one filter in parentheses"_s.arg(c));
            }
            while (peek() == u'(') {
                LdapFilter child;
                if (!filter(child, depth + 1)) return false;
                out.m_children.push_back(std::move(child));
            }
        } else if (c == u'!') {
            ++m_pos;
            out.m_type = LdapFilter::Type::Not;
            LdapFilter child;
            if (!filter(child, depth + 1)) return false;
            out.m_children.push_back(std::move(child));
        } else if (!item(out)) {
            return false;
        }
        return expect(u')', u"')'"_s);
    }

    bool item(LdapFilter& out)
    {
        if (peek() == u':') return extensible(out, false);
        if (!attributeDescription(out.m_attribute)) return false;
        if (atEnd()) return fail(u"the filter ends early after the attribute name"_s);
        const QChar c = peek();
        if (c == u':') return extensible(out, true);
        if (c == u'~' || c == u'>' || c == u'<') {
            ++m_pos;
            if (!expect(u'=', u"'=' after '%1'"_s.arg(c))) return false;
            out.m_type = c == u'~'   ? LdapFilter::Type::Approx
                         : c == u'>' ? LdapFilter::Type::GreaterOrEqual
                                     : LdapFilter::Type::LessOrEqual;
            QList<QByteArray> parts;
            if (!value(parts, false)) return false;
            out.m_value = parts.value(0);
            return true;
        }
        if (c == u'=') {
            ++m_pos;
            QList<QByteArray> parts;
            if (!value(parts, true)) return false;
            if (parts.size() == 1) {
                out.m_type = LdapFilter::Type::Equality;
                out.m_value = parts.first();
            } else if (parts.size() == 2 && parts.first().isEmpty() && parts.last().isEmpty()) {
                out.m_type = LdapFilter::Type::Present;
            } else {
                out.m_type = LdapFilter::Type::Substring;
                out.m_initial = parts.first();
                out.m_final = parts.last();
                out.m_any = parts.mid(1, parts.size() - 2);
            }
            return true;
        }
        return fail(u"expected '=', '~=', '>=', '<=' or ':' after the attribute name, found '%1'"_s.arg(c));
    }

    // attr [":dn"] [":" matchingrule] ":=" value, or the same without attr (then the rule is required)
    bool extensible(LdapFilter& out, bool hasAttribute)
    {
        out.m_type = LdapFilter::Type::Extensible;
        QList<QByteArray> parts;
        ++m_pos; // ':'
        if (peek() == u'=') {
            if (!hasAttribute)
                return fail(u"an extensible match without an attribute needs a matching rule"_s);
            ++m_pos;
            if (!value(parts, false)) return false;
            out.m_value = parts.value(0);
            return true;
        }
        if (QStringView(m_s).mid(m_pos, 3).compare(u"dn:", Qt::CaseInsensitive) == 0) {
            m_pos += 3;
            out.m_dnAttributes = true;
            if (peek() == u'=') {
                if (!hasAttribute)
                    return fail(u"an extensible match without an attribute needs a matching rule"_s);
                ++m_pos;
                if (!value(parts, false)) return false;
                out.m_value = parts.value(0);
                return true;
            }
        }
        const qsizetype ruleStart = m_pos;
        if (!oid(u"matching rule"_s)) return false;
        out.m_matchingRule = m_s.mid(ruleStart, m_pos - ruleStart);
        if (!expect(u':', u"':=' after the matching rule"_s)) return false;
        if (!expect(u'=', u"':=' after the matching rule"_s)) return false;
        if (!value(parts, false)) return false;
        out.m_value = parts.value(0);
        return true;
    }

    bool attributeDescription(QString& name)
    {
        const qsizetype start = m_pos;
        if (!oid(u"attribute name"_s)) return false;
        while (peek() == u';') {
            ++m_pos;
            const qsizetype optionStart = m_pos;
            while (!atEnd() && isKeyChar(peek()))
                ++m_pos;
            if (m_pos == optionStart) return fail(u"expected an attribute option after ';'"_s);
        }
        name = m_s.mid(start, m_pos - start);
        return true;
    }

    // descr (keystring) or numericoid
    bool oid(const QString& what)
    {
        if (atEnd()) return fail(u"the filter ends early; expected an %1"_s.arg(what));
        if (isAsciiAlpha(peek())) {
            while (!atEnd() && isKeyChar(peek()))
                ++m_pos;
            return true;
        }
        if (!isAsciiDigit(peek()))
            return fail(u"expected an %1 (a letter or an OID) but found '%2'"_s.arg(what, peek()));
        int arcs = 0;
        for (;;) {
            if (!isAsciiDigit(peek())) return fail(u"expected a digit in the numeric OID"_s);
            const bool leadingZero = peek() == u'0';
            ++m_pos;
            if (leadingZero && isAsciiDigit(peek()))
                return fail(u"numbers in an OID must not have leading zeros"_s);
            while (isAsciiDigit(peek()))
                ++m_pos;
            ++arcs;
            if (peek() != u'.') break;
            ++m_pos;
        }
        if (arcs < 2) return fail(u"a numeric OID needs at least two numbers separated by '.'"_s);
        return true;
    }

    // The assertion value as octets, split at unescaped '*' (one part when there is none).
    bool value(QList<QByteArray>& parts, bool allowWildcards)
    {
        parts = {QByteArray()};
        bool lastWasStar = false;
        while (!atEnd() && peek() != u')') {
            const QChar c = peek();
            if (c == u'(') return fail(u"'(' must be written as \\28 inside a value"_s);
            if (c.unicode() == 0) return fail(u"a value must not contain a NUL character"_s);
            if (c == u'*') {
                if (!allowWildcards)
                    return fail(u"'*' is only allowed in '=' filters; write \\2a for a literal '*'"_s);
                if (lastWasStar) return fail(u"two '*' in a row leave an empty substring"_s);
                lastWasStar = true;
                parts.append(QByteArray());
                ++m_pos;
                continue;
            }
            lastWasStar = false;
            if (c == u'\\') {
                const int hi = hexValue(charAt(m_pos + 1));
                const int lo = hexValue(charAt(m_pos + 2));
                if (hi < 0 || lo < 0)
                    return fail(u"'\\' must be followed by two hex digits (e.g. \\2a for '*')"_s);
                parts.last().append(char(hi * 16 + lo));
                m_pos += 3;
                continue;
            }
            // A surrogate pair travels as one character.
            qsizetype n = 1;
            if (c.isHighSurrogate() && charAt(m_pos + 1).isLowSurrogate()) n = 2;
            parts.last().append(QStringView(m_s).mid(m_pos, n).toUtf8());
            m_pos += n;
        }
        return true;
    }

    const QString& m_s;
    qsizetype m_pos = 0;
    QString m_error;
};

// ---------------------------------------------------------------------------------------------

std::optional<LdapFilter> LdapFilter::parse(const QString& text, QString* error)
{
    LdapFilterParser parser(text);
    std::optional<LdapFilter> f = parser.parseFilter();
    if (!f && error) *error = parser.error();
    return f;
}

QString LdapFilter::attributeDescriptionError(const QString& text)
{
    if (text.isEmpty()) return u"the attribute name is empty"_s;
    return LdapFilterParser(text).parseAttributeDescription();
}

QString LdapFilter::escapeValue(const QString& value)
{
    // Most values (every phone number) have nothing to escape: they are returned as they are,
    // shared, without a copy (this runs for every look-up).
    const auto special = [](QChar c) {
        return c == u'*' || c == u'(' || c == u')' || c == u'\\' || c.isNull();
    };
    if (std::none_of(value.cbegin(), value.cend(), special)) return value;
    QString out;
    out.reserve(value.size());
    for (const QChar c : value) {
        switch (c.unicode()) {
        case '*':
            out += u"\\2a"_s;
            break;
        case '(':
            out += u"\\28"_s;
            break;
        case ')':
            out += u"\\29"_s;
            break;
        case '\\':
            out += u"\\5c"_s;
            break;
        case 0:
            out += u"\\00"_s;
            break;
        default:
            out += c;
        }
    }
    return out;
}

QString LdapFilter::toString() const
{
    switch (m_type) {
    case Type::And:
    case Type::Or:
    case Type::Not: {
        QString out = m_type == Type::And ? u"(&"_s : m_type == Type::Or ? u"(|"_s : u"(!"_s;
        for (const LdapFilter& c : m_children)
            out += c.toString();
        return out + u')';
    }
    case Type::Equality:
        return u"(%1=%2)"_s.arg(m_attribute, escapeOctets(m_value));
    case Type::Approx:
        return u"(%1~=%2)"_s.arg(m_attribute, escapeOctets(m_value));
    case Type::GreaterOrEqual:
        return u"(%1>=%2)"_s.arg(m_attribute, escapeOctets(m_value));
    case Type::LessOrEqual:
        return u"(%1<=%2)"_s.arg(m_attribute, escapeOctets(m_value));
    case Type::Present:
        return u"(%1=*)"_s.arg(m_attribute);
    case Type::Substring: {
        QString out = u'(' + m_attribute + u'=' + escapeOctets(m_initial) + u'*';
        for (const QByteArray& a : m_any)
            out += escapeOctets(a) + u'*';
        return out + escapeOctets(m_final) + u')';
    }
    case Type::Extensible: {
        QString out = u'(' + m_attribute;
        if (m_dnAttributes) out += u":dn"_s;
        if (!m_matchingRule.isEmpty()) out += u':' + m_matchingRule;
        return out + u":="_s + escapeOctets(m_value) + u')';
    }
    }
    return {};
}

namespace {

bool isTelephoneAttribute(const QString& attribute)
{
    return attribute.contains(u"telephonenumber"_s, Qt::CaseInsensitive) ||
           attribute.contains(u"facsimile"_s, Qt::CaseInsensitive);
}

// RFC 4518 string preparation, simplified: case folded; caseIgnoreMatch collapses runs of
// spaces and drops them at both ends, telephoneNumberMatch drops spaces and hyphens.
QString prepare(const QString& value, bool telephone)
{
    if (!telephone) return value.simplified().toCaseFolded();
    QString out;
    out.reserve(value.size());
    for (const QChar c : value)
        if (!c.isSpace() && c != u'-') out += c;
    return out.toCaseFolded();
}

// The same preparation for a substring part: inner spaces are significant at its edges.
QString preparePart(const QByteArray& part, bool telephone)
{
    const QString s = QString::fromUtf8(part);
    if (telephone) return prepare(s, true);
    QString out;
    bool space = false;
    for (const QChar c : s) {
        if (c.isSpace()) {
            space = true;
            continue;
        }
        if (space && !out.isEmpty()) out += u' ';
        space = false;
        out += c;
    }
    return out.toCaseFolded();
}

bool substringMatch(const QString& value, const QString& initial, const QStringList& any, const QString& fin)
{
    if (!value.startsWith(initial)) return false;
    qsizetype pos = initial.size();
    for (const QString& a : any) {
        if (a.isEmpty()) continue;
        const qsizetype i = value.indexOf(a, pos);
        if (i < 0) return false;
        pos = i + a.size();
    }
    return value.size() - pos >= fin.size() && value.endsWith(fin);
}

} // namespace

LdapFilter::Tri LdapFilter::evaluate(const DirectoryEntry& entry) const
{
    switch (m_type) {
    case Type::And:
        return evaluateChildren(entry, true);
    case Type::Or:
        return evaluateChildren(entry, false);
    case Type::Not: {
        const Tri t = m_children.front().evaluate(entry);
        return t == Tri::Undefined ? t : t == Tri::True ? Tri::False : Tri::True;
    }
    case Type::Extensible:
        return Tri::Undefined;
    case Type::Present:
        return entry.values(m_attribute).isEmpty() ? Tri::False : Tri::True;
    case Type::Equality:
    case Type::Approx:
    case Type::GreaterOrEqual:
    case Type::LessOrEqual:
    case Type::Substring:
        break;
    }
    return evaluateValues(entry);
}

LdapFilter::Tri LdapFilter::evaluateChildren(const DirectoryEntry& entry, bool all) const
{
    // And: False decides, Or: True decides; otherwise one Undefined child makes the whole Undefined.
    const Tri decisive = all ? Tri::False : Tri::True;
    Tri result = all ? Tri::True : Tri::False;
    for (const LdapFilter& c : m_children) {
        const Tri t = c.evaluate(entry);
        if (t == decisive) return decisive;
        if (t == Tri::Undefined) result = Tri::Undefined;
    }
    return result;
}

LdapFilter::Tri LdapFilter::evaluateValues(const DirectoryEntry& entry) const
{
    const QStringList values = entry.values(m_attribute);
    const bool telephone = isTelephoneAttribute(m_attribute);
    if (m_type == Type::Substring) {
        const QString initial = preparePart(m_initial, telephone);
        const QString fin = preparePart(m_final, telephone);
        QStringList any;
        for (const QByteArray& a : m_any)
            any.append(preparePart(a, telephone));
        for (const QString& v : values)
            if (substringMatch(prepare(v, telephone), initial, any, fin)) return Tri::True;
        return Tri::False;
    }
    const QString assertion = prepare(QString::fromUtf8(m_value), telephone);
    for (const QString& v : values) {
        const int cmp = prepare(v, telephone).compare(assertion);
        if ((m_type == Type::Equality || m_type == Type::Approx) && cmp == 0) return Tri::True;
        if (m_type == Type::GreaterOrEqual && cmp >= 0) return Tri::True;
        if (m_type == Type::LessOrEqual && cmp <= 0) return Tri::True;
    }
    return Tri::False;
}

bool LdapFilter::matches(const DirectoryEntry& entry) const
{
    return evaluate(entry) == Tri::True;
}

} // namespace umgate
