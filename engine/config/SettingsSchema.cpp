// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/config/SettingsSchema.h"

#include "engine/directory/LdapFilter.h"
#include "engine/directory/SearchTemplate.h"

#include <QHash>
#include <QHostAddress>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>
#include <algorithm>
#include <cmath>
#include <ldap.h>
#include <limits>
#include <optional>

using namespace Qt::StringLiterals;

#include "engine/core/TextChecks.h"

namespace umgate {

using namespace text;

namespace {
bool nonEmptyDigits(QStringView s)
{
    return !s.isEmpty() && allAsciiDigits(s);
}
} // namespace

namespace {

using Check = std::function<QString(const QJsonValue&)>;
using T = SettingType;

constexpr int kMaxStringLength = 4096;
constexpr int kMaxPollingIntervals = 10;

// Puts a value into a reason without letting CR/LF or a huge paste leak into logs and dialogs.
QString quoted(const QString& value)
{
    constexpr int kMax = 60;
    QString out;
    for (const QChar c : value.left(kMax)) {
        if (c == u'\r')
            out += u"\\r"_s;
        else if (c == u'\n')
            out += u"\\n"_s;
        else if (c == u'\t')
            out += u"\\t"_s;
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            out += u"\\x%1"_s.arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    if (value.size() > kMax) out += u"…"_s;
    return u"\""_s + out + u"\""_s;
}

QString describeJson(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return v.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double:
        return QString::number(v.toDouble(), 'g', 17);
    case QJsonValue::String:
        return u"the text "_s + quoted(v.toString());
    case QJsonValue::Array:
        return u"a list"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"nothing"_s;
}

// RFC 1123 host name. The reason reads after the value, e.g. "\"a..b\" is not a valid host name: ...".
QString hostNameReason(const QString& value)
{
    QString name = value;
    if (name.endsWith(u'.')) name.chop(1); // the root label of a fully qualified name
    if (name.isEmpty()) return u"is empty"_s;
    if (name.size() > 253) return u"is longer than 253 characters"_s;
    const QStringList labels = name.split(u'.');
    for (const QString& label : labels) {
        if (label.isEmpty()) return u"contains an empty label (two dots in a row or a leading dot)"_s;
        if (label.size() > 63) return u"has a label longer than 63 characters"_s;
        for (const QChar c : label) {
            if (c.unicode() > 0x7f) {
                const QByteArray ace = QUrl::toAce(value);
                if (!ace.isEmpty())
                    return u"contains non-ASCII characters; write it as %1"_s.arg(QString::fromLatin1(ace));
                return u"contains non-ASCII characters"_s;
            }
            if (!isKeyChar(c)) return u"contains the invalid character '%1'"_s.arg(c);
        }
        if (label.startsWith(u'-') || label.endsWith(u'-'))
            return u"has a label that starts or ends with a hyphen"_s;
    }
    if (nonEmptyDigits(labels.last())) return u"ends in a numeric label, so it must be a valid IP address"_s;
    return {};
}

bool isStrictIPv4(const QString& value)
{
    const QStringList parts = value.split(u'.');
    if (parts.size() != 4) return false;
    for (const QString& p : parts) {
        if (!nonEmptyDigits(p) || p.size() > 3) return false;
        if (p.size() > 1 && p.startsWith(u'0')) return false; // 010 reads as octal to some resolvers
        if (p.toInt() > 255) return false;
    }
    return true;
}

bool isIPv6(const QString& value)
{
    QHostAddress a;
    return value.contains(u':') && a.setAddress(value) && a.protocol() == QAbstractSocket::IPv6Protocol;
}

// File names live in <instance>/Certificates (4.2.1.2, 4.2.2.6): a name, never a path.
QString certificateFileName(const QString& value)
{
    if (value.isEmpty()) return {};
    if (value.contains(u'/') || value.contains(u'\\'))
        return u"must be a file name inside the instance's Certificates folder, not a path"_s;
    if (value == u"."_s || value == u".."_s) return u"is not a file name"_s;
    return {};
}

// The local message store lives inside the instance folder. An absolute path or ".." would let
// whoever may change the config (a remote administrator over RPC) have the engine write mail
// files anywhere it can write.
QString pathInsideInstance(const QString& value)
{
    if (value.isEmpty()) return u"must not be empty"_s;
    const QString slashed = QString(value).replace(u'\\', u'/');
    if (slashed.startsWith(u'/') || (slashed.size() > 1 && slashed.at(1) == u':'))
        return u"must be a folder relative to the instance folder, not an absolute path"_s;
    if (slashed.split(u'/').contains(u".."_s)) return u"must not contain '..'"_s;
    return {};
}

QString digitsOnly(const QString& value, bool allowPlus)
{
    if (value.isEmpty()) return {};
    QStringView v(value);
    if (allowPlus && v.startsWith(u'+')) v = v.mid(1);
    if (!nonEmptyDigits(v))
        return u"%1 must contain digits only%2"_s.arg(
            quoted(value), allowPlus ? u" (optionally after a leading +)"_s : QString());
    if (v.size() > 32) return u"%1 is longer than 32 digits"_s.arg(quoted(value));
    return {};
}

QString coverPageName(const QString& value)
{
    if (value.isEmpty()) return {};
    if (value.contains(u'/') || value.contains(u'\\') || value == u".."_s || value == u"."_s)
        return u"must be the name of a cover page folder, not a path"_s;
    return {};
}

Check str(QString (*fn)(const QString&, bool), bool allowEmpty)
{
    return [fn, allowEmpty](const QJsonValue& v) { return fn(v.toString(), allowEmpty); };
}
Check str(QString (*fn)(const QString&))
{
    return [fn](const QJsonValue& v) { return fn(v.toString()); };
}

// Builders keep the table one line of facts per setting.
struct S
{
    SettingDef d;
    S(const char* key, T type, QJsonValue def, const char* label, const char* section,
      const char* description)
    {
        d.key = QString::fromLatin1(key);
        d.type = type;
        d.defaultValue = std::move(def);
        d.label = label;
        d.section = section;
        d.description = description;
    }
    S& choices(QStringList list)
    {
        d.choices = std::move(list);
        return *this;
    }
    S& range(int lo, int hi)
    {
        d.minimum = lo;
        d.maximum = hi;
        return *this;
    }
    S& maxEntries(int n)
    {
        d.maximum = n;
        return *this;
    }
    S& secret()
    {
        d.secret = true;
        return *this;
    }
    S& fields(QList<FieldDef> list)
    {
        d.fields = std::move(list);
        return *this;
    }
    S& check(Check c)
    {
        d.check = std::move(c);
        return *this;
    }
    S& suggest(const char* byKey, QJsonObject values)
    {
        d.suggestedBy = QString::fromLatin1(byKey);
        d.suggestions = std::move(values);
        return *this;
    }
    operator SettingDef() const { return d; }
};

struct F
{
    FieldDef f;
    F(const char* name, T type, QJsonValue def, const char* label)
        : f{QString::fromLatin1(name), type, std::move(def), label}
    {
    }
    F& choices(QStringList list)
    {
        f.choices = std::move(list);
        return *this;
    }
    F& range(int lo, int hi)
    {
        f.minimum = lo;
        f.maximum = hi;
        return *this;
    }
    F& required()
    {
        f.required = true;
        return *this;
    }
    F& secret()
    {
        f.secret = true;
        return *this;
    }
    F& check(Check c)
    {
        f.check = std::move(c);
        return *this;
    }
    operator FieldDef() const { return f; }
};

const QStringList kPermissions = {u"none"_s, u"internal"_s, u"local"_s, u"national"_s, u"international"_s};

// ---------------------------------------------------------------------------------------------
// Every object-list entry's stable id (InstanceConfig::newEntryId): the engine fills it in when a
// client leaves it out. It names the entry's secrets ("KEY[id].field"), hence no brackets, dots or
// slashes, and never digits only (that would read as a list position).
const QString kEntryId = u"id"_s;

// An entry without id is fine here (the engine gives it one); `seen` collects the list's ids.
QString entryIdReason(const QJsonObject& entry, QSet<QString>* seen)
{
    if (!entry.contains(kEntryId)) return {};
    static const QRegularExpression re(QRegularExpression::anchoredPattern(u"[A-Za-z0-9_-]{1,64}"_s));
    const QJsonValue v = entry.value(kEntryId);
    if (!v.isString()) return u"expects text, not %1"_s.arg(describeJson(v));
    const QString id = v.toString();
    if (!re.match(id).hasMatch())
        return u"%1 is not an entry id: use 1 to 64 letters, digits, '_' and '-'"_s.arg(quoted(id));
    if (nonEmptyDigits(id)) return u"%1 is not an entry id: it must not be digits only"_s.arg(quoted(id));
    if (seen->contains(id)) return u"the id %1 is used by another entry of this list"_s.arg(quoted(id));
    seen->insert(id);
    return {};
}

// Shared value checker for settings and ObjectList fields.
struct Shape
{
    T type;
    const QStringList& choices;
    bool secret;
    bool required;
    int minimum;
    int maximum;
    const QList<FieldDef>* fields;
    const Check& check;
};

Shape shapeOf(const SettingDef& d)
{
    return {d.type, d.choices, d.secret, false, d.minimum, d.maximum, &d.fields, d.check};
}
Shape shapeOf(const FieldDef& f)
{
    return {f.type, f.choices, f.secret, f.required, f.minimum, f.maximum, nullptr, f.check};
}

QString wholeNumberReason(const QJsonValue& v, int lo, int hi)
{
    if (!v.isDouble()) return u"expects a whole number, not %1"_s.arg(describeJson(v));
    const double d = v.toDouble();
    if (!std::isfinite(d) || std::floor(d) != d)
        return u"expects a whole number, not %1"_s.arg(describeJson(v));
    const double upper = hi > 0 ? hi : std::numeric_limits<int>::max();
    if (d < lo || d > upper) {
        if (hi > 0) return u"must be between %1 and %2, not %3"_s.arg(lo).arg(hi).arg(describeJson(v));
        return u"must be at least %1, not %2"_s.arg(lo).arg(describeJson(v));
    }
    return {};
}

QString stringReason(const QJsonValue& v, bool required)
{
    if (!v.isString()) return u"expects text, not %1"_s.arg(describeJson(v));
    const QString s = v.toString();
    if (hasControl(s)) return u"must be a single line without control characters"_s;
    if (s.size() > kMaxStringLength)
        return u"is %1 characters long; at most %2 are allowed"_s.arg(s.size()).arg(kMaxStringLength);
    if (required && s.isEmpty()) return u"is required and must not be empty"_s;
    return {};
}

void checkValue(const QString& path, const Shape& s, const QJsonValue& v, ValidationErrors& out)
{
    const auto add = [&out](const QString& key, const QString& reason) {
        if (!reason.isEmpty()) out.append({key, reason});
    };
    const auto runCheck = [&s](const QJsonValue& value) { return s.check ? s.check(value) : QString(); };

    if (s.secret) {
        // The value itself lives in the SecretStore; here we only make sure it can be stored.
        if (!v.isString()) add(path, u"expects text, not %1"_s.arg(describeJson(v)));
        return;
    }
    switch (s.type) {
    case T::Bool:
        if (!v.isBool()) add(path, u"expects true or false, not %1"_s.arg(describeJson(v)));
        return;
    case T::Int: {
        const QString r = wholeNumberReason(v, s.minimum, s.maximum);
        add(path, r.isEmpty() ? runCheck(v) : r);
        return;
    }
    case T::String: {
        const QString r = stringReason(v, s.required);
        add(path, r.isEmpty() ? runCheck(v) : r);
        return;
    }
    case T::Enum:
        if (!v.isString() || !s.choices.contains(v.toString()))
            add(path, u"must be one of %1, not %2"_s.arg(s.choices.join(u", "_s), describeJson(v)));
        else
            add(path, runCheck(v));
        return;
    case T::StringList:
    case T::IntList: {
        if (!v.isArray()) {
            add(path, u"expects a list, not %1"_s.arg(describeJson(v)));
            return;
        }
        const QJsonArray a = v.toArray();
        if (s.maximum > 0 && a.size() > s.maximum)
            add(path, u"has %1 entries; at most %2 are allowed"_s.arg(a.size()).arg(s.maximum));
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString p = u"%1[%2]"_s.arg(path).arg(i);
            QString r = s.type == T::IntList ? wholeNumberReason(a.at(i), s.minimum, 0)
                                             : stringReason(a.at(i), false);
            add(p, r.isEmpty() ? runCheck(a.at(i)) : r);
        }
        return;
    }
    case T::ObjectList: {
        if (!v.isArray()) {
            add(path, u"expects a list, not %1"_s.arg(describeJson(v)));
            return;
        }
        const QJsonArray a = v.toArray();
        const qsizetype before = out.size();
        QSet<QString> ids;
        if (s.maximum > 0 && a.size() > s.maximum)
            add(path, u"has %1 entries; at most %2 are allowed"_s.arg(a.size()).arg(s.maximum));
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString p = u"%1[%2]"_s.arg(path).arg(i);
            if (!a.at(i).isObject()) {
                add(p, u"expects an object, not %1"_s.arg(describeJson(a.at(i))));
                continue;
            }
            const QJsonObject o = a.at(i).toObject();
            for (auto it = o.begin(); it != o.end(); ++it) {
                const bool known =
                    it.key() == kEntryId ||
                    (s.fields && std::any_of(s.fields->begin(), s.fields->end(),
                                             [&it](const FieldDef& f) { return f.name == it.key(); }));
                if (!known) add(p + u'.' + it.key(), u"is not a known field of this entry"_s);
            }
            add(p + u'.' + kEntryId, entryIdReason(o, &ids));
            if (!s.fields) continue;
            for (const FieldDef& f : *s.fields) {
                const QString fp = p + u'.' + f.name;
                if (!o.contains(f.name)) {
                    if (f.required) add(fp, u"is required"_s);
                    continue;
                }
                checkValue(fp, shapeOf(f), o.value(f.name), out);
            }
        }
        if (out.size() == before) add(path, runCheck(v));
        return;
    }
    }
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Validators

namespace validators {

QString port(int value)
{
    if (value < 1 || value > 65535) return u"port %1 is out of range; use 1 to 65535"_s.arg(value);
    return {};
}

QString ipAddress(const QString& value, bool allowEmpty)
{
    if (value.isEmpty()) return allowEmpty ? QString() : u"an IP address is required"_s;
    if (hasControl(value) || value.contains(u' '))
        return u"%1 is not an IP address: it contains spaces or control characters"_s.arg(quoted(value));
    if (value.contains(u':')) {
        if (isIPv6(value)) return {};
        return u"%1 is not a valid IPv6 address"_s.arg(quoted(value));
    }
    if (isStrictIPv4(value)) return {};
    return u"%1 is not a valid IPv4 address (four numbers 0-255 separated by dots)"_s.arg(quoted(value));
}

QString host(const QString& value, bool allowEmpty)
{
    if (value.isEmpty()) return allowEmpty ? QString() : u"a host name or IP address is required"_s;
    if (hasControl(value) || value.contains(u' '))
        return u"%1 is not a host name: it contains spaces or control characters"_s.arg(quoted(value));
    if (value.contains(u':')) {
        if (isIPv6(value)) return {};
        return u"%1 is not a valid host name or IP address: ':' belongs only in IPv6 addresses (enter a port separately)"_s
            .arg(quoted(value));
    }
    if (isStrictIPv4(value)) return {};
    if (const QString r = hostNameReason(value); !r.isEmpty())
        return u"%1 is not a valid host name or IP address: it %2"_s.arg(quoted(value), r);
    return {};
}

QString emailAddress(const QString& value, bool allowEmpty)
{
    if (value.isEmpty()) return allowEmpty ? QString() : u"an e-mail address is required"_s;
    const QString q = quoted(value);
    if (value.contains(u'\r') || value.contains(u'\n'))
        return u"%1 is not an e-mail address: it contains a line break"_s.arg(q);
    if (hasControl(value)) return u"%1 is not an e-mail address: it contains control characters"_s.arg(q);
    if (value.contains(u' ')) return u"%1 is not an e-mail address: it contains spaces"_s.arg(q);
    for (const QChar c : value)
        if (c.unicode() > 0x7f)
            return u"%1 contains non-ASCII characters; internationalised e-mail addresses are not supported"_s
                .arg(q);
    const qsizetype at = value.lastIndexOf(u'@');
    if (at < 0) return u"%1 is not an e-mail address: it lacks an '@'"_s.arg(q);
    const QString local = value.left(at);
    const QString domain = value.mid(at + 1);
    if (local.isEmpty()) return u"%1 is not an e-mail address: the part before the '@' is empty"_s.arg(q);
    if (domain.isEmpty()) return u"%1 is not an e-mail address: the domain after the '@' is empty"_s.arg(q);
    if (value.size() > 254)
        return u"%1 is %2 characters long; an e-mail address has at most 254"_s.arg(q).arg(value.size());
    if (local.size() > 64)
        return u"%1 has a local part of %2 characters; at most 64 are allowed"_s.arg(q).arg(local.size());
    if (local.startsWith(u'"')) return u"%1 uses a quoted local part, which is not supported"_s.arg(q);
    static const QString kAtext = u"!#$%&'*+-/=?^_`{|}~"_s;
    for (const QChar c : local)
        if (!isAsciiAlpha(c) && !isAsciiDigit(c) && c != u'.' && !kAtext.contains(c))
            return u"%1 is not an e-mail address: the local part contains the invalid character '%2'"_s.arg(
                q, c);
    if (local.startsWith(u'.') || local.endsWith(u'.') || local.contains(u".."_s))
        return u"%1 is not an e-mail address: dots in the local part must separate non-empty words"_s.arg(q);
    if (domain.startsWith(u'[') && domain.endsWith(u']')) {
        const QString literal = domain.mid(1, domain.size() - 2);
        if (literal.startsWith(u"IPv6:"_s, Qt::CaseInsensitive) ? isIPv6(literal.mid(5))
                                                                : isStrictIPv4(literal))
            return {};
        return u"%1 is not an e-mail address: %2 is not a valid address literal"_s.arg(q, quoted(domain));
    }
    if (isStrictIPv4(domain))
        return u"%1 is not an e-mail address: write an IP address in brackets, e.g. user@[%2]"_s.arg(q,
                                                                                                     domain);
    if (const QString r = hostNameReason(domain); !r.isEmpty())
        return u"%1 is not an e-mail address: the domain %2"_s.arg(q, r);
    return {};
}

QString senderTemplate(const QString& value, bool allowEmpty)
{
    if (value.isEmpty()) return allowEmpty ? QString() : u"an address template is required"_s;
    static const QStringList kVariables = {u"number"_s, u"addrtype"_s, u"maildomain"_s};
    for (qsizetype i = value.indexOf(u"$("_s); i >= 0; i = value.indexOf(u"$("_s, i + 2)) {
        const qsizetype end = value.indexOf(u')', i);
        if (end < 0) return u"the template has a '$(' without a closing ')'"_s;
        const QString name = value.mid(i + 2, end - i - 2);
        if (!kVariables.contains(name))
            return u"the template uses the unknown variable %1; known are $(number), $(addrtype) and $(maildomain)"_s
                .arg(quoted(u"$("_s + name + u")"_s));
    }
    if (!value.contains(u"$(number)"_s))
        return u"the template must contain $(number), otherwise replies are not possible"_s;
    if (!value.contains(u"$(addrtype)"_s))
        return u"the template must contain $(addrtype), which tells fax, voice and SMS apart"_s;
    QString sample = value;
    sample.replace(u"$(number)"_s, u"0814247990"_s)
        .replace(u"$(addrtype)"_s, u"fax"_s)
        .replace(u"$(maildomain)"_s, u"domain.net"_s);
    if (const QString r = emailAddress(sample, false); !r.isEmpty())
        return u"the template does not give a valid e-mail address: %1"_s.arg(r);
    return {};
}

QString ldapFilterTemplate(const QString& value)
{
    if (value.isEmpty()) return {}; // the user management type's template applies
    if (hasControl(value)) return u"the search template must be a single line without control characters"_s;
    if (!value.contains(u"${UMS}"_s))
        return u"the search template must contain ${UMS}, the number searched for"_s;
    // Samples of exactly the placeholders' lengths keep the parser's positions those of the
    // template the administrator typed. The longer placeholder goes first: it contains the other.
    QString sample = value;
    sample.replace(u"${UMS}_wHTSPC"_s, u"4981424799123"_s).replace(u"${UMS}"_s, u"+49 30"_s);
    if (const qsizetype i = sample.indexOf(u"${"_s); i >= 0) {
        const qsizetype end = sample.indexOf(u'}', i);
        return u"the search template uses the unknown placeholder %1 at position %2; known are ${UMS} and ${UMS}_wHTSPC"_s
            .arg(quoted(sample.mid(i, end < 0 ? 2 : end - i + 1)))
            .arg(i + 1);
    }
    if (QString r; !LdapFilter::parse(sample, &r))
        return u"the search template is not a valid LDAP filter: %1"_s.arg(r);
    return {};
}

QString distinguishedName(const QString& value, bool allowEmpty)
{
    if (value.isEmpty()) return allowEmpty ? QString() : u"a distinguished name is required"_s;
    if (hasControl(value))
        return u"%1 is not a distinguished name: it contains control characters"_s.arg(quoted(value));
    const QByteArray utf8 = value.toUtf8();
    LDAPDN dn = nullptr;
    const int rc = ldap_str2dn(utf8.constData(), &dn, LDAP_DN_FORMAT_LDAPV3);
    if (dn) ldap_dnfree(dn);
    if (rc != LDAP_SUCCESS)
        return u"%1 is not a valid distinguished name (expected e.g. cn=reader,dc=example,dc=com)"_s.arg(
            quoted(value));
    return {};
}

QString ldapAttributeName(const QString& value, bool allowEmpty)
{
    if (value.isEmpty()) return allowEmpty ? QString() : u"an LDAP attribute name is required"_s;
    if (const QString r = LdapFilter::attributeDescriptionError(value); !r.isEmpty())
        return u"%1 is not a valid LDAP attribute name: %2"_s.arg(quoted(value), r);
    return {};
}

QString instanceId(const QString& value)
{
    static const QRegularExpression re(QRegularExpression::anchoredPattern(u"[A-Za-z][A-Za-z0-9_-]{0,63}"_s));
    if (!re.match(value).hasMatch())
        return u"instance ID %1 must start with a letter and contain only letters, digits, '_' and '-' (at most 64)"_s
            .arg(quoted(value));
    return {};
}

QString phoneNumberPattern(const QString& value)
{
    if (value == u"*"_s) return {};
    const QString hint =
        u"enter digits without blanks or special characters, a range like 4930100-4930199, or *"_s;
    if (value.isEmpty()) return u"the number is empty; "_s + hint;
    const qsizetype dash = value.indexOf(u'-');
    if (dash < 0) {
        if (!nonEmptyDigits(value)) return u"%1 is not a number; %2"_s.arg(quoted(value), hint);
        if (value.size() > 32) return u"%1 is longer than 32 digits"_s.arg(quoted(value));
        return {};
    }
    const QString from = value.left(dash);
    const QString to = value.mid(dash + 1);
    if (!nonEmptyDigits(from) || !nonEmptyDigits(to))
        return u"%1 is not a number range; %2"_s.arg(quoted(value), hint);
    if (from.size() > 32) return u"%1 is longer than 32 digits"_s.arg(quoted(value));
    if (from.size() != to.size())
        return u"the range %1 must have ends with the same number of digits"_s.arg(quoted(value));
    if (from > to)
        return u"the range %1 starts after it ends"_s.arg(
            quoted(value)); // same length: text order = numeric order
    return {};
}

} // namespace validators

// ---------------------------------------------------------------------------------------------
// The table

SettingsSchema::SettingsSchema()
{
    using namespace validators;
    const Check attr = str(ldapAttributeName, true);
    const Check certFile = [](const QJsonValue& v) { return certificateFileName(v.toString()); };
    QJsonObject templatesByType;
    for (const QString& type : SearchTemplate::userManagementTypes())
        templatesByType.insert(type, SearchTemplate::defaultTemplate(type));

    m_settings = {
        // 4.2.1 General: the mail server -> umgate direction (outgoing UMS messages).
        S("general.ipAddresses.address", T::String, u"127.0.0.1"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Server"), "ixi-UMS 4.2.1.3",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Local IP address on which this instance accepts SMTP connections from the mail server."))
            .check(str(ipAddress, false)),
        S("general.ipAddresses.port", T::Int, 2525, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Port"),
          "ixi-UMS 4.2.1.3",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "TCP port for the SMTP listener; the manual uses 25, umgate defaults to 2525 so it needs no "
              "privileges."))
            .range(1, 65535),
        S("general.ipAddresses.allowedClients", T::StringList, QJsonArray(),
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Only accept messages from the following IP addresses:"),
          "ixi-UMS 4.2.1.3",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "IP addresses of the mail servers allowed to submit "
                                                      "messages; an empty list accepts any client."))
            .check(str(ipAddress, false)),
        S("general.authentication.user", T::String, u""_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "User Name"), "ixi-UMS 4.2.1.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "User the mail server must log in with (SMTP AUTH); "
                                                      "empty means no authentication is required.")),
        S("general.authentication.password", T::String, u""_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Password"), "ixi-UMS 4.2.1.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Password of that user, kept in the secret store."))
            .secret(),
        S("general.authentication.forceTls", T::Bool, false,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Force TLS encryption"), "ixi-UMS 4.2.1.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Accepts authentication only over a TLS-encrypted connection.")),
        S("general.encryption.enabled", T::Bool, false,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Encrypt communication"), "ixi-UMS 4.2.1.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Offers STARTTLS to the mail server using the certificate and key below.")),
        S("general.encryption.certificate", T::String, u"server.crt"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Certificate"), "ixi-UMS 4.2.1.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Base64 (PEM) X.509 certificate file in the instance's Certificates folder."))
            .check(certFile),
        S("general.encryption.key", T::String, u"server.key"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Private key"), "ixi-UMS 4.2.1.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Private key file for the certificate, in the instance's Certificates folder."))
            .check(certFile),
        S("general.encryption.certificateMismatch", T::Enum, u"acceptAndLog"_s,
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "If the transmitted certificate does not correspond with the deposited certificate"),
          "ixi-UMS 4.2.1.2",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "What to do when the mail server's certificate does not match the deposited one."))
            .choices({u"reject"_s, u"accept"_s, u"acceptAndLog"_s}),

        // 4.2.2 Mail System: umgate -> mail server (incoming UMS messages).
        S("mailSystem.general.server", T::String, u""_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Server"), "ixi-UMS 4.2.2.1",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Mail server that receives incoming UMS messages; empty means none is configured."))
            .check(str(host, true)),
        S("mailSystem.general.port", T::Int, 25, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Port"),
          "ixi-UMS 4.2.2.1", QT_TRANSLATE_NOOP("umgate::SettingsSchema", "TCP port of the mail server."))
            .range(1, 65535),
        S("mailSystem.general.defaultRecipient", T::String, u"postmaster@localhost"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "E-mail address"), "ixi-UMS 4.2.2.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Receives every incoming message that cannot be assigned to a user."))
            .check(str(emailAddress, false)),
        S("mailSystem.messageStore.mode", T::Enum, u"localMaildir"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Message store"), "ixi-UMS 4.2.2.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Whether incoming messages go to the mail server, are "
                                                      "deleted, or are kept in the local maildir."))
            .choices({u"mailServer"_s, u"delete"_s, u"localMaildir"_s}),
        S("mailSystem.messageStore.maildirPath", T::String, u"Maildir"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Maildir"), "ixi-UMS 4.2.2.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Folder of the local message store, relative to the instance folder and "
                            "inside it: no absolute path, no '..', no symbolic link leading out."))
            .check([](const QJsonValue& v) { return pathInsideInstance(v.toString()); }),
        S("mailSystem.template.sender", T::String, u"$(number)@$(addrtype).$(maildomain)"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Template for the e-mail sender address (required):"),
          "ixi-UMS 4.2.2.3",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Sender address of incoming messages; $(number) and $(addrtype) are required so replies work."))
            .check(str(senderTemplate, false)),
        S("mailSystem.template.replyTo", T::String, u""_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Deviating Reply to template (optional):"),
          "ixi-UMS 4.2.2.3",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Reply-To address template, for sites whose sender addresses cannot be replied to."))
            .check(str(senderTemplate, true)),
        S("mailSystem.template.displayName", T::String, u""_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Display name for all ixi-UMS messages (optional):"),
          "ixi-UMS 4.2.2.3",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Display name shown with all incoming messages and, unless set below, reports.")),
        S("mailSystem.template.reportDisplayName", T::String, u""_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Deviating display name for reports (optional):"),
          "ixi-UMS 4.2.2.3",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Display name for reports when it should differ from the one for messages.")),
        S("mailSystem.template.mailDomain", T::String, u"localhost"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Mail Domain"), "ixi-UMS 3.9",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "E-mail domain inserted for $(maildomain) in the address templates."))
            .check(str(host, true)),
        S("mailSystem.polling.retries", T::Int, 5,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Number of retries"), "ixi-UMS 4.2.2.4",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "How often delivery to the mail server is retried before the message goes to Badmail."))
            .range(0, kMaxPollingIntervals),
        S("mailSystem.polling.intervals", T::IntList, QJsonArray{60, 600, 3600, 86400, 172800},
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Interval length in seconds"), "ixi-UMS 4.2.2.4",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Seconds to wait before each retry, one value per retry."))
            .range(1, kMaxPollingIntervals),
        S("mailSystem.authentication.user", T::String, u""_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "User Name"), "ixi-UMS 4.2.2.5",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "User for SMTP authentication at the mail server; empty when the server does not require it.")),
        S("mailSystem.authentication.password", T::String, u""_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Password"), "ixi-UMS 4.2.2.5",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Password for SMTP authentication at the mail server, kept in the secret store."))
            .secret(),
        // Opportunistic by default (Postfix "may"): encrypted when the server offers it, never a
        // password in clear unless "none" is chosen (issue 10).
        S("mailSystem.encryption.mode", T::Enum, u"startTlsOpportunistic"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Encryption"), "ixi-UMS 4.2.2.6",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Whether and how the connection to the mail server is encrypted. \"STARTTLS when "
                            "offered\" sends a password only when the server's certificate is verified; "
                            "only \"None\" sends a password in clear."))
            .choices({u"none"_s, u"startTlsOpportunistic"_s, u"startTlsRequired"_s, u"implicitTls"_s}),
        S("mailSystem.encryption.caCertificate", T::String, u""_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "CA certificate"), "ixi-UMS 4.2.2.6",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Base64 CA certificate file in the Certificates folder; empty uses the system's trusted CAs."))
            .check(certFile),
        S("mailSystem.encryption.acceptInvalidCertificate", T::Bool, false,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Accept invalid certificate"), "ixi-UMS 4.2.2.6",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Delivers even when the server's certificate is not yet valid, expired or does not match.")),

        // 4.2.3 LDAP
        S("ldap.connection.servers", T::ObjectList, QJsonArray(),
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Server"), "ixi-UMS 4.2.3.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Up to three LDAP servers of the same directory, tried "
                                                      "in order; an empty list uses the embedded "
                                                      "directory."))
            .maxEntries(3)
            .fields(
                {F("host", T::String, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Server"))
                     .required()
                     .check(str(host, false)),
                 F("port", T::Int, 389, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Port")).range(1, 65535),
                 F("security", T::Enum, u"none"_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "SSL/LDAPS"))
                     .choices({u"none"_s, u"startTls"_s, u"ldaps"_s})}),
        S("ldap.connection.caCertificate", T::String, u""_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "CA certificate"), "ixi-UMS 4.2.3.1",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Base64 CA certificate file in the Certificates folder for LDAPS and StartTLS; empty uses the "
              "system's trusted CAs."))
            .check(certFile),
        S("ldap.connection.acceptInvalidCertificate", T::Bool, false,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Accept invalid certificate"), "ixi-UMS 4.2.3.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Connects even when the directory server's certificate "
                                                      "is not trusted, expired or does not match; "
                                                      "each connection logs that it was not verified.")),
        S("ldap.connection.writePort", T::Int, 0,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Individual LDAP port"), "ixi-UMS 4.2.3.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Port with write access for the user settings, e.g. "
                                                      "389 when searching the Global Catalog; 0 uses "
                                                      "the read port."))
            .range(0, 65535),
        S("ldap.registrationData.bindDn", T::String, u""_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "User DN"), "ixi-UMS 4.2.3.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Account the directory is searched with; empty binds anonymously."))
            .check(str(distinguishedName, true)),
        S("ldap.registrationData.password", T::String, u""_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Password"), "ixi-UMS 4.2.3.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Password of the search account, kept in the secret store."))
            .secret(),
        S("ldap.baseDn.entries", T::StringList, QJsonArray(),
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Base DN"), "ixi-UMS 4.2.3.3",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Full base DNs to search, e.g. the domain or single OUs."))
            .check(str(distinguishedName, false)),
        S("ldap.search.umsAttribute", T::String, u"extensionAttribute1"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "UMS Attribute"), "ixi-UMS 4.2.3.4",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "LDAP attribute that holds the user's UMS settings."))
            .check(str(ldapAttributeName, false))
            .suggest("ldap.userManagement.type", {{u"embedded"_s, u"extensionAttribute1"_s},
                                                  {u"activeDirectory"_s, u"extensionAttribute1"_s},
                                                  {u"domino"_s, u"servoniccom2003IXIUMSUsrData"_s},
                                                  {u"openLdap"_s, u"umsUserData"_s}}),
        S("ldap.search.template", T::String, u""_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Search Template"), "ixi-UMS 4.2.3.4",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "LDAP filter for the recipient number; ${UMS} is the number, ${UMS}_wHTSPC the number without "
              "spaces. Empty uses the manual's template for the user management type."))
            .check(str(ldapFilterTemplate))
            .suggest("ldap.userManagement.type", templatesByType),
        S("ldap.userManagement.type", T::Enum, u"embedded"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Select User Management"), "ixi-UMS 3.7",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Kind of directory that manages the users, which decides the attribute defaults."))
            .choices({u"embedded"_s, u"activeDirectory"_s, u"domino"_s, u"openLdap"_s}),

        // 4.2.4 Global User Settings (defaults for users without own settings; chapter 5 fields)
        S("globalUserSettings.rights.faxPermission", T::Enum, u"international"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Fax Send Permissions"), "ixi-UMS 4.2.4.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "How far users may send faxes."))
            .choices(kPermissions),
        S("globalUserSettings.rights.smsPermission", T::Enum, u"international"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "SMS Send Permissions"), "ixi-UMS 4.2.4.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "How far users may send SMS."))
            .choices(kPermissions),
        S("globalUserSettings.rights.voicePermission", T::Enum, u"international"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Voice Send Permissions"), "ixi-UMS 4.2.4.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "How far users may send voice and TTS messages."))
            .choices(kPermissions),
        S("globalUserSettings.rights.priority", T::Enum, u"high"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Allowed to send with priority"), "ixi-UMS 5.1.2",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Highest priority a message keeps; higher requested priorities are lowered to it."))
            .choices({u"low"_s, u"normal"_s, u"high"_s}),
        S("globalUserSettings.rights.maxFaxPages", T::Int, 0,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Max. Fax Pages"), "ixi-UMS 5.1.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Longest fax a user may send, in pages; 0 means no limit."))
            .range(0, 100000),
        S("globalUserSettings.rights.maxFaxPerDay", T::Int, 0,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Max. Fax Per Day"), "ixi-UMS 5.1.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Faxes a user may send per day; 0 means unlimited."))
            .range(0, 1000000),
        S("globalUserSettings.rights.maxSmsPerDay", T::Int, 0,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Max. SMS Per Day"), "ixi-UMS 5.1.3",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "SMS a user may send per day; 0 means unlimited."))
            .range(0, 1000000),
        S("globalUserSettings.rights.maxVoicePerDay", T::Int, 0,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Max. Voice/TTS Per Day"), "ixi-UMS 5.1.4",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Voice and TTS messages a user may send per day; 0 means unlimited."))
            .range(0, 1000000),
        S("globalUserSettings.rights.inboundFaxFormat", T::Enum, u"pdf"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Inbound fax as"), "ixi-UMS 4.2.4.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Attachment format of incoming faxes."))
            .choices({u"tif"_s, u"pdf"_s, u"both"_s}),
        S("globalUserSettings.rights.senderNumber", T::String, u""_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Fax Sender Number"), "ixi-UMS 5.1.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Extension number shown in the headline of outgoing faxes."))
            .check([](const QJsonValue& v) { return digitsOnly(v.toString(), false); }),
        S("globalUserSettings.rights.faxHeadline", T::String, u""_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Fax Headline"), "ixi-UMS 5.1.2",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Text printed in the headline of outgoing faxes; empty uses the system's sender ID.")),
        S("globalUserSettings.rights.isdnOriginatingAddress", T::String, u""_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "ISDN Originating Address"), "ixi-UMS 5.1.1",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Calling party number signalled for outgoing messages; empty uses the fax sender number."))
            .check([](const QJsonValue& v) { return digitsOnly(v.toString(), true); }),
        S("globalUserSettings.rights.coverPage", T::String, u""_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Cover Page"), "ixi-UMS 5.1.1",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Name of the cover page folder used for outgoing faxes; empty uses the system default."))
            .check([](const QJsonValue& v) { return coverPageName(v.toString()); }),
        S("globalUserSettings.rights.forceCoverPage", T::Bool, false,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Force Cover Page"), "ixi-UMS 5.1.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Adds the cover page to every outgoing fax.")),
        S("globalUserSettings.rights.billingCode", T::String, u""_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Billing Code"), "ixi-UMS 5.1.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Any text recorded in the journal for charging.")),
        S("globalUserSettings.htmlReport.enabled", T::Bool, false,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Create reports in the HTML format"), "ixi-UMS 4.2.4.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Sends reports for incoming and outgoing messages as HTML e-mail.")),
        S("globalUserSettings.htmlReport.language", T::Enum, u"en"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Language"), "ixi-UMS 4.2.4.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Default language of HTML reports; users can choose their own."))
            .choices({u"de"_s, u"en"_s, u"fr"_s, u"it"_s, u"nl"_s, u"pt"_s, u"es"_s}),
        S("globalUserSettings.unknownSender.action", T::Enum, u"deleteAndNotify"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Outbound UMS messages with unknown sender will be:"),
          "ixi-UMS 4.2.4.3",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "What happens to outgoing messages whose sender is not found in the directory."))
            .choices({u"delete"_s, u"deleteAndNotify"_s, u"sendAsUser"_s}),
        S("globalUserSettings.unknownSender.user", T::String, u""_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "sent with this user's UMS settings:"),
          "ixi-UMS 4.2.4.3",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "E-mail address whose permissions and sender data apply to unknown senders."))
            .check(str(emailAddress, true)),
        S("globalUserSettings.unknownSender.archive", T::Bool, false,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Generally archive all deleted messages"),
          "ixi-UMS 4.2.4.3",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Keeps a copy of every deleted message in the instance's SMTPIn/Error folder.")),

        // 4.2.5 Cover page: LDAP attribute names
        S("coverPage.callNumbers.businessPhone", T::String, u"telephoneNumber"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Business Phone"), "ixi-UMS 4.2.5.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "LDAP attribute with the sender's phone number."))
            .check(attr),
        S("coverPage.callNumbers.businessFax", T::String, u"facsimileTelephoneNumber"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Business Fax"), "ixi-UMS 4.2.5.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "LDAP attribute with the sender's fax number."))
            .check(attr),
        S("coverPage.advanced.department", T::String, u"department"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Department"), "ixi-UMS 4.2.5.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "LDAP attribute with the sender's department."))
            .check(attr),
        S("coverPage.advanced.office", T::String, u"physicalDeliveryOfficeName"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Office"), "ixi-UMS 4.2.5.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "LDAP attribute with the sender's office."))
            .check(attr),
        S("coverPage.advanced.custom1", T::String, u""_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Custom1"), "ixi-UMS 4.2.5.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "LDAP attribute for the first custom cover page field."))
            .check(attr),
        S("coverPage.advanced.custom2", T::String, u""_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Custom2"), "ixi-UMS 4.2.5.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "LDAP attribute for the second custom cover page field."))
            .check(attr),
        S("coverPage.advanced.custom3", T::String, u""_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Custom3"), "ixi-UMS 4.2.5.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "LDAP attribute for the third custom cover page field."))
            .check(attr),
        S("coverPage.address.company", T::String, u"company"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Company"), "ixi-UMS 4.2.5.3",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "LDAP attribute with the sender's company."))
            .check(attr),
        S("coverPage.address.street", T::String, u"streetAddress"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Street"), "ixi-UMS 4.2.5.3",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "LDAP attribute with the sender's street."))
            .check(attr),
        S("coverPage.address.postalCode", T::String, u"postalCode"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Zip / Postal Code"), "ixi-UMS 4.2.5.3",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "LDAP attribute with the sender's postal code."))
            .check(attr),
        S("coverPage.address.city", T::String, u"l"_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "City"),
          "ixi-UMS 4.2.5.3",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "LDAP attribute with the sender's city."))
            .check(attr),

        // 4.2.6 Print Unread
        S("printUnread.settings.enabled", T::Bool, false,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "PrintUnread"), "ixi-UMS 4.2.6",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Prints incoming faxes whose read confirmation does not arrive within the queue time.")),
        S("printUnread.settings.rules", T::ObjectList, QJsonArray(),
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Settings"), "ixi-UMS 4.2.6",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Rules processed top down: which fax numbers are printed on which printer after how long."))
            .fields(
                {F("name", T::String, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Name")).required(),
                 F("queueMinutes", T::Int, 60, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Queue time"))
                     .range(1, 10080),
                 F("printer", T::String, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Printer")),
                 F("numbers", T::StringList, QJsonArray(),
                   QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Fax recipient numbers"))
                     .check(str(phoneNumberPattern))})
            .check([](const QJsonValue& v) {
                QSet<QString> names;
                for (const QJsonValue& rule : v.toArray()) {
                    const QString name = rule.toObject().value(u"name"_s).toString();
                    if (names.contains(name)) return u"the rule name %1 is used twice"_s.arg(quoted(name));
                    names.insert(name);
                }
                return QString();
            }),

        // 4.2.8 Log. Count 0 = files are never deleted, size 0 = the file grows without limit.
        S("log.ldapSearch.enabled", T::Bool, true, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "LDAP search"),
          "ixi-UMS 4.2.8.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Logs LDAP searches for inbound and outbound messages and their results.")),
        S("log.ldapSearch.sizeMb", T::Int, 10, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Size MB"),
          "ixi-UMS 4.2.8.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Size of one LDAP search log file in MB; 0 means no limit."))
            .range(0, 102400),
        S("log.ldapSearch.count", T::Int, 5, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Count"),
          "ixi-UMS 4.2.8.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Number of LDAP search log files kept; 0 means files are never deleted."))
            .range(0, 10000),
        S("log.smtpConnection.enabled", T::Bool, true,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "SMTP connection"), "ixi-UMS 4.2.8.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Logs the SMTP connections to the mail server and their failures.")),
        S("log.smtpConnection.sizeMb", T::Int, 10, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Size MB"),
          "ixi-UMS 4.2.8.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Size of one SMTP connection log file in MB; 0 means no limit."))
            .range(0, 102400),
        S("log.smtpConnection.count", T::Int, 5, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Count"),
          "ixi-UMS 4.2.8.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Number of SMTP connection log files kept; 0 means files are never deleted."))
            .range(0, 10000),
        S("log.messageId.enabled", T::Bool, true, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Message ID"),
          "ixi-UMS 4.2.8.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Logs the message ID of every inbound and outbound message.")),
        S("log.messageId.sizeMb", T::Int, 10, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Size MB"),
          "ixi-UMS 4.2.8.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Size of one message ID log file in MB; 0 means no limit."))
            .range(0, 102400),
        S("log.messageId.count", T::Int, 5, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Count"),
          "ixi-UMS 4.2.8.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Number of message ID log files kept; 0 means files are never deleted."))
            .range(0, 10000),
        S("log.printUnread.enabled", T::Bool, true,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "PrintUnread"), "ixi-UMS 4.2.8.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Logs errors while spooling and printing unread faxes.")),
        S("log.printUnread.sizeMb", T::Int, 10, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Size MB"),
          "ixi-UMS 4.2.8.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Size of one PrintUnread log file in MB; 0 means no limit."))
            .range(0, 102400),
        S("log.printUnread.count", T::Int, 5, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Count"),
          "ixi-UMS 4.2.8.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Number of PrintUnread log files kept; 0 means files are never deleted."))
            .range(0, 10000),
        S("log.printUnread.debugMode", T::Bool, false,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Debugmode"), "ixi-UMS 4.2.8.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Also logs the settings and detailed spooling data.")),

        // Avaya Voicemail Pro, System Preferences: Email. Entry 1 = default server and inbound
        // domain filter; later entries = servers for mail to their destination domain.
        S("systemPreferences.email.senders", T::ObjectList, QJsonArray(),
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "SMTP Sender"),
          "Avaya Voicemail Pro: System Preferences: Email",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Outgoing SMTP servers: the first is the default, later ones serve mail to their own domain."))
            .fields(
                {F("mailDomain", T::String, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Mail Domain"))
                     .required()
                     .check(str(host, false)),
                 F("server", T::String, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Server"))
                     .check(str(host, true)),
                 F("port", T::Int, 25, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Port Number"))
                     .range(1, 65535),
                 F("senderIdentifier", T::String, u""_s,
                   QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Sender (Identifier)"))
                     .check(str(emailAddress, true)),
                 F("requiresAuthentication", T::Bool, false,
                   QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Server Requires Authentication")),
                 F("account", T::String, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Account Name")),
                 F("password", T::String, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Password"))
                     .secret(),
                 F("cramMd5", T::Bool, false,
                   QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                                     "User Challenge Response Authentication (Cram MD5)")),
                 // Panasonic 9.17 "Direct SMTP Transfer": no relay; the domain's MX hosts (or its
                 // own address) take the mail on the entry's port.
                 F("directSmtp", T::Bool, false,
                   QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                                     "Direct SMTP (deliver to the domain's MX hosts, no relay)"))})
            .check([](const QJsonValue& v) {
                const QJsonArray a = v.toArray();
                QHash<QString, qsizetype> seen;
                for (qsizetype i = 0; i < a.size(); ++i) {
                    const QString domain = a.at(i).toObject().value(u"mailDomain"_s).toString().toLower();
                    if (seen.contains(domain))
                        return u"the mail domain %1 appears in entries %2 and %3; each domain needs one server"_s
                            .arg(quoted(domain))
                            .arg(seen.value(domain) + 1)
                            .arg(i + 1);
                    seen.insert(domain, i);
                }
                return QString();
            }),
    };
    for (qsizetype i = 0; i < m_settings.size(); ++i)
        m_index.insert(m_settings.at(i).key, i);
}

const SettingsSchema& SettingsSchema::instance()
{
    static const SettingsSchema schema;
    return schema;
}

const SettingDef* SettingsSchema::find(const QString& key) const
{
    // A hash, not a scan: imports and config.set look up every key a client sends.
    const auto it = m_index.constFind(key);
    return it == m_index.constEnd() ? nullptr : &m_settings.at(*it);
}

QJsonObject SettingsSchema::defaults() const
{
    QJsonObject o;
    for (const SettingDef& d : m_settings)
        if (!d.secret) o.insert(d.key, d.defaultValue);
    return o;
}

ValidationErrors SettingsSchema::validateValue(const SettingDef& def, const QJsonValue& value) const
{
    ValidationErrors errors;
    checkValue(def.key, shapeOf(def), value, errors);
    return errors;
}

ValidationErrors SettingsSchema::validate(const QJsonObject& values) const
{
    ValidationErrors errors;
    QSet<QString> invalid;
    for (auto it = values.begin(); it != values.end(); ++it) {
        const SettingDef* def = find(it.key());
        if (!def) {
            errors.append({it.key(), u"unknown setting"_s});
            invalid.insert(it.key());
            continue;
        }
        const ValidationErrors e = validateValue(*def, it.value());
        if (!e.isEmpty()) invalid.insert(it.key());
        errors.append(e);
    }

    // Rules across settings judge the value in effect (given, else the default) and stay quiet
    // about a value that is already reported as malformed: one mistake, one message.
    const auto eff = [&](const char* key) -> std::optional<QJsonValue> {
        const QString k = QString::fromLatin1(key);
        if (invalid.contains(k)) return std::nullopt;
        if (values.contains(k)) return values.value(k);
        const SettingDef* d = find(k);
        return d ? std::optional<QJsonValue>(d->defaultValue) : std::nullopt;
    };
    const auto add = [&errors](const char* key, const QString& reason) {
        errors.append({QString::fromLatin1(key), reason});
    };

    if (const auto retries = eff("mailSystem.polling.retries"),
        intervals = eff("mailSystem.polling.intervals");
        retries && intervals) {
        const int r = retries->toInt();
        const qsizetype n = intervals->toArray().size();
        if (r > n)
            add("mailSystem.polling.retries",
                u"retries is %1 but only %2 intervals are set; add intervals or lower the retries"_s.arg(r)
                    .arg(n));
    }
    if (const auto action = eff("globalUserSettings.unknownSender.action"),
        user = eff("globalUserSettings.unknownSender.user");
        action && user && action->toString() == u"sendAsUser"_s && user->toString().isEmpty())
        add("globalUserSettings.unknownSender.user",
            u"an e-mail address is required when unknown senders are sent with this user's settings"_s);
    if (const auto force = eff("general.authentication.forceTls"), tls = eff("general.encryption.enabled");
        force && tls && force->toBool() && !tls->toBool())
        add("general.authentication.forceTls",
            u"forcing TLS needs encryption to be enabled (general.encryption.enabled)"_s);
    if (const auto tls = eff("general.encryption.enabled"); tls && tls->toBool()) {
        for (const char* key : {"general.encryption.certificate", "general.encryption.key"})
            if (const auto file = eff(key); file && file->toString().isEmpty())
                add(key, u"is required when encryption is enabled"_s);
    }
    if (const auto mode = eff("mailSystem.messageStore.mode"), server = eff("mailSystem.general.server");
        mode && server && mode->toString() == u"mailServer"_s && server->toString().isEmpty())
        add("mailSystem.general.server",
            u"a mail server is required when messages are sent to the mail server"_s);
    if (const auto tmpl = eff("mailSystem.template.sender"), reply = eff("mailSystem.template.replyTo"),
        domain = eff("mailSystem.template.mailDomain");
        tmpl && reply && domain && domain->toString().isEmpty() &&
        (tmpl->toString().contains(u"$(maildomain)"_s) || reply->toString().contains(u"$(maildomain)"_s)))
        add("mailSystem.template.mailDomain",
            u"is required because the address templates use $(maildomain)"_s);
    const auto servers = eff("ldap.connection.servers");
    if (const auto base = eff("ldap.baseDn.entries");
        servers && base && !servers->toArray().isEmpty() && base->toArray().isEmpty())
        add("ldap.baseDn.entries", u"at least one base DN is required when LDAP servers are configured"_s);
    if (const auto type = eff("ldap.userManagement.type");
        servers && type && type->toString() != u"embedded"_s && servers->toArray().isEmpty())
        add("ldap.connection.servers",
            u"at least one LDAP server is required for user management type %1"_s.arg(
                quoted(type->toString())));
    if (const auto senders = eff("systemPreferences.email.senders")) {
        const QJsonArray a = senders->toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QJsonObject o = a.at(i).toObject();
            const QString p = u"systemPreferences.email.senders[%1]."_s.arg(i);
            const bool auth = o.value(u"requiresAuthentication"_s).toBool();
            if (auth && o.value(u"account"_s).toString().isEmpty())
                errors.append({p + u"account"_s,
                               u"an account name is required when the server requires authentication"_s});
            if (o.value(u"server"_s).toString().isEmpty() && !o.value(u"directSmtp"_s).toBool())
                errors.append({p + u"server"_s, u"a server is required unless the entry uses Direct SMTP"_s});
            if (!auth && o.value(u"cramMd5"_s).toBool())
                errors.append(
                    {p + u"cramMd5"_s, u"CRAM-MD5 applies only when the server requires authentication"_s});
        }
    }
    return errors;
}

QJsonObject SettingsSchema::withDefaults(const QJsonObject& values) const
{
    QJsonObject o = defaults();
    for (auto it = values.begin(); it != values.end(); ++it)
        if (const SettingDef* d = find(it.key()); d && !d->secret) o.insert(it.key(), it.value());
    return o;
}

QString SettingsSchema::typeName(SettingType type)
{
    switch (type) {
    case SettingType::Bool:
        return u"bool"_s;
    case SettingType::Int:
        return u"int"_s;
    case SettingType::String:
        return u"string"_s;
    case SettingType::StringList:
        return u"stringList"_s;
    case SettingType::IntList:
        return u"intList"_s;
    case SettingType::Enum:
        return u"enum"_s;
    case SettingType::ObjectList:
        return u"objectList"_s;
    }
    return u"unknown"_s;
}

QJsonArray SettingsSchema::toJson() const
{
    const auto bounds = [](QJsonObject& o, SettingType type, int minimum, int maximum) {
        if (type == SettingType::Int || type == SettingType::IntList) o.insert(u"minimum"_s, minimum);
        if (maximum > 0) o.insert(u"maximum"_s, maximum);
    };
    QJsonArray out;
    for (const SettingDef& d : m_settings) {
        QJsonObject o{{u"key"_s, d.key},
                      {u"type"_s, typeName(d.type)},
                      {u"default"_s, d.secret ? QJsonValue() : d.defaultValue},
                      {u"label"_s, QString::fromUtf8(d.label)},
                      {u"section"_s, QString::fromUtf8(d.section)},
                      {u"description"_s, QString::fromUtf8(d.description)}};
        if (!d.choices.isEmpty()) o.insert(u"choices"_s, QJsonArray::fromStringList(d.choices));
        if (d.secret) o.insert(u"secret"_s, true);
        if (!d.suggestions.isEmpty())
            o.insert(u"suggestions"_s, QJsonObject{{u"by"_s, d.suggestedBy}, {u"values"_s, d.suggestions}});
        bounds(o, d.type, d.minimum, d.maximum);
        if (!d.fields.isEmpty()) {
            QJsonArray fields;
            for (const FieldDef& f : d.fields) {
                QJsonObject fo{{u"name"_s, f.name},
                               {u"type"_s, typeName(f.type)},
                               {u"default"_s, f.secret ? QJsonValue() : f.defaultValue},
                               {u"label"_s, QString::fromUtf8(f.label)}};
                if (!f.choices.isEmpty()) fo.insert(u"choices"_s, QJsonArray::fromStringList(f.choices));
                if (f.secret) fo.insert(u"secret"_s, true);
                if (f.required) fo.insert(u"required"_s, true);
                bounds(fo, f.type, f.minimum, f.maximum);
                fields.append(fo);
            }
            o.insert(u"fields"_s, fields);
        }
        out.append(o);
    }
    return out;
}

} // namespace umgate
