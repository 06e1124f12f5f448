// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/inbound/InboundAddress.h"

#include "engine/client/AddressTemplate.h"
#include "engine/directory/PhoneNumber.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace umgate {

namespace {

// Characters that stand for the variables while the template becomes a pattern: an address
// template cannot contain control characters (the validator refuses them).
constexpr char16_t kNumber = 0x01;
constexpr char16_t kType = 0x02;

const QStringList& types()
{
    static const QStringList list{u"fax"_s, u"voice"_s, u"sms"_s};
    return list;
}

// The expanded template as a regular expression: the literal text escaped, the first $(number)
// and $(addrtype) as named groups, repeats as back references.
QString patternOf(const QString& expanded)
{
    QString out = u"^"_s;
    bool number = false;
    bool type = false;
    QString literal;
    const auto flush = [&] {
        out += QRegularExpression::escape(literal);
        literal.clear();
    };
    for (const QChar c : expanded) {
        if (c == kNumber) {
            flush();
            out += number ? u"\\k<number>"_s : u"(?<number>[^@]+)"_s;
            number = true;
        } else if (c == kType) {
            flush();
            out += type ? u"\\k<type>"_s : u"(?<type>fax|voice|sms)"_s;
            type = true;
        } else {
            literal += c;
        }
    }
    flush();
    return out + u"$"_s;
}

// "\"+49 30 1\"" -> "+49 30 1"; a dot-atom stays as it is.
QString unquoted(const QString& local)
{
    if (local.size() < 2 || !local.startsWith(u'"') || !local.endsWith(u'"')) return local;
    QString out;
    for (qsizetype i = 1; i + 1 < local.size(); ++i) {
        if (local.at(i) == u'\\' && i + 2 < local.size()) ++i;
        out += local.at(i);
    }
    return out;
}

QByteArray refusal(const char* enhanced, const QByteArray& address, const QString& why)
{
    return "550 " + QByteArray(enhanced) + " <" + address + ">: " + why.toUtf8();
}

} // namespace

InboundAddress::InboundAddress(const QString& senderTemplate, const QString& mailDomain,
                               const DialingRules& dialing)
    : m_mailDomain(mailDomain.toLower()), m_dialing(dialing)
{
    const AddressTemplate::Result r =
        AddressTemplate::expand(senderTemplate, {QString(kNumber), QString(kType), mailDomain.toLower()});
    if (!r.ok() || !r.text.contains(kNumber) || !r.text.contains(kType)) return; // matches nothing
    m_pattern = QRegularExpression(patternOf(r.text), QRegularExpression::CaseInsensitiveOption);
    m_valid = m_pattern.isValid();
    const qsizetype at = r.text.lastIndexOf(u'@');
    if (at >= 0 && !r.text.mid(at).contains(kNumber)) {
        const QString domain = r.text.mid(at + 1);
        m_domainPattern = QRegularExpression(patternOf(domain), QRegularExpression::CaseInsensitiveOption);
        m_checksDomain = m_domainPattern.isValid();
        QStringList domains;
        for (const QString& t : types())
            domains.append(QString(domain).replace(QChar(kType), t));
        m_domains = domains.join(u", "_s);
    }
}

bool InboundAddress::isForeign(const QByteArray& address) const
{
    const qsizetype at = address.lastIndexOf('@');
    if (at < 0) return false; // "postmaster" alone is ours (RFC 5321 4.5.1)
    const QString domain = QString::fromLatin1(address.mid(at + 1)).toLower();
    if (domain.isEmpty() || domain.startsWith(u'[')) return false; // no address literals
    if (m_checksDomain) return !m_domainPattern.match(domain).hasMatch();
    // The template's domain holds the number: every name under the mail domain is the gateway's.
    return m_mailDomain.isEmpty() || (domain != m_mailDomain && !domain.endsWith(u'.' + m_mailDomain));
}

std::optional<InboundAddress::Parsed> InboundAddress::parse(const QByteArray& address,
                                                            QByteArray* reply) const
{
    const qsizetype at = address.lastIndexOf('@');
    const QString domain = at >= 0 ? QString::fromLatin1(address.mid(at + 1)) : QString();
    if (m_checksDomain && !m_domainPattern.match(domain).hasMatch()) {
        *reply = refusal("5.1.2", address, u"this gateway accepts only %1"_s.arg(m_domains));
        return std::nullopt;
    }
    const QString local = unquoted(QString::fromLatin1(address.left(qMax(at, qsizetype(0)))));
    const QRegularExpressionMatch m = m_pattern.match(local + u'@' + domain);
    if (!m_valid || !m.hasMatch()) {
        *reply =
            refusal("5.1.3", address, u"not an address of the form of this gateway's address template"_s);
        return std::nullopt;
    }
    Parsed p;
    p.type = m.captured(u"type"_s).toLower();
    QString number = m.captured(u"number"_s);
    if (number.startsWith(u"FAX="_s, Qt::CaseInsensitive)) number = number.mid(4); // RFC 3192
    if (const qsizetype t33 = number.indexOf(u"/T33S="_s, 0, Qt::CaseInsensitive); t33 >= 0) {
        p.subAddress = number.mid(t33 + 6);
        number.truncate(t33);
        const bool digits =
            !p.subAddress.isEmpty() && p.subAddress.size() <= 20 &&
            std::all_of(p.subAddress.begin(), p.subAddress.end(), [](QChar c) { return c.isDigit(); });
        if (!digits) {
            *reply = refusal("5.1.3", address, u"the T.33 sub-address must be 1 to 20 digits"_s);
            return std::nullopt;
        }
    }
    number.replace(u'.', u'-'); // RFC 3191 written-sep
    QString why;
    const std::optional<QString> international = m_dialing.toInternational(number, &why);
    const std::optional<PhoneNumber> phone =
        international ? PhoneNumber::parse(*international, &why) : std::nullopt;
    if (!phone) {
        *reply = refusal(
            "5.1.3", address,
            u"%1 is not a telephone number in international form (+49 30 1234567): %2"_s.arg(number, why));
        return std::nullopt;
    }
    p.number = phone->e164();
    return p;
}

} // namespace umgate
