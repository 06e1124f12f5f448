// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/config/SettingValidators.h"

#include "engine/client/AddressTemplate.h"
#include "engine/core/TextChecks.h"
#include "engine/directory/LdapFilter.h"

#include <QHostAddress>
#include <QRegularExpression>
#include <QUrl>
#include <ldap.h>

using namespace Qt::StringLiterals;

namespace umgate {

using namespace text;

namespace {

bool nonEmptyDigits(QStringView s)
{
    return !s.isEmpty() && allAsciiDigits(s);
}

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

} // namespace

namespace validators {

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

QString ipAddressOrNetwork(const QString& value, bool allowEmpty)
{
    const qsizetype slash = value.indexOf(u'/');
    if (slash < 0) return ipAddress(value, allowEmpty);
    if (QString r = ipAddress(value.left(slash), false); !r.isEmpty()) return r;
    const QString bits = value.mid(slash + 1);
    const int max = value.left(slash).contains(u':') ? 128 : 32;
    bool ok = false;
    const int n = bits.toInt(&ok);
    if (!ok || bits.isEmpty() ||
        !std::all_of(bits.begin(), bits.end(), [](QChar c) { return c.isDigit(); }) || n < 0 || n > max)
        return u"%1 is not a network: the prefix length after '/' must be 0 to %2"_s.arg(quoted(value))
            .arg(max);
    return {};
}

QString relayClient(const QString& value)
{
    if (QString r = ipAddressOrNetwork(value, false); !r.isEmpty()) return r;
    const QPair<QHostAddress, int> net = value.contains(u'/')
                                             ? QHostAddress::parseSubnet(value)
                                             : QPair<QHostAddress, int>(QHostAddress(value), -1);
    if (net.second < 0) return {}; // one address
    const bool v4 = net.first.protocol() == QAbstractSocket::IPv4Protocol;
    // A network as small as a server room's is fine anywhere; a larger one only where the
    // Internet is not: private, loopback, link-local and shared address space (RFC 1918, 6598,
    // 4193, 4291). Any list of such entries leaves the Internet out, so no setting of this key
    // makes an open relay.
    // IPv6 ranges that stand for IPv4 addresses (mapped, NAT64) are measured as IPv4 networks.
    int narrow = v4 ? 24 : 56;
    for (const char* embedding : {"::ffff:0:0/96", "64:ff9b::/96", "::/96"})
        if (!v4 && net.first.isInSubnet(QHostAddress::parseSubnet(QString::fromLatin1(embedding))))
            narrow = 96 + 24;
    if (net.second >= narrow) return {};
    static const char* const kInternal[] = {"10.0.0.0/8",  "172.16.0.0/12",  "192.168.0.0/16",
                                            "127.0.0.0/8", "169.254.0.0/16", "100.64.0.0/10",
                                            "fc00::/7",    "fe80::/10"};
    for (const char* range : kInternal) {
        const QPair<QHostAddress, int> inside = QHostAddress::parseSubnet(QString::fromLatin1(range));
        if (net.second >= inside.second && net.first.isInSubnet(inside)) return {};
    }
    return u"%1 takes in addresses of the Internet: that would make the instance an open relay. List the "
           u"mail servers and clients by address, or private networks (10.0.0.0/8, 192.168.0.0/16), or "
           u"networks no larger than /%2"_s.arg(quoted(value))
               .arg(narrow);
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
    // The engine's expander with the manual's example values: what it refuses, the engine would.
    const AddressTemplate::Result sample = AddressTemplate::expand(value, AddressTemplate::example());
    if (!sample.unknownVariable.isEmpty())
        return u"the template uses the unknown variable %1; known are $(number), $(addrtype) and $(maildomain)"_s
            .arg(quoted(sample.unknownVariable));
    if (sample.unclosed) return u"the template has a '$(' without a closing ')'"_s;
    if (!AddressTemplate::uses(value, u"number"_s))
        return u"the template must contain $(number), otherwise replies are not possible"_s;
    if (!AddressTemplate::uses(value, u"addrtype"_s))
        return u"the template must contain $(addrtype), which tells fax, voice and SMS apart"_s;
    if (const QString r = emailAddress(sample.text, false); !r.isEmpty())
        return u"the template does not give a valid e-mail address: %1"_s.arg(r);
    return {};
}

QString ldapLoginFilter(const QString& value)
{
    if (hasControl(value)) return u"the login filter must be a single line without control characters"_s;
    if (!value.contains(u"${USER}"_s)) return u"the login filter must contain ${USER}, the name logging in"_s;
    QString sample = value;
    sample.replace(u"${USER}"_s, u"umgate1"_s); // as long as the placeholder: positions stay
    if (QString r; !LdapFilter::parse(sample, &r))
        return u"the login filter is not a valid LDAP filter: %1"_s.arg(r);
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

} // namespace validators

} // namespace umgate
