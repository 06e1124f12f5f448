// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/directory/DialingRules.h"

using namespace Qt::StringLiterals;

namespace umgate {

namespace {

bool isSeparator(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'-' || c == u'/' || c == u'(' || c == u')' || c == u'.';
}

} // namespace

std::optional<QString> DialingRules::toInternational(const QString& written, QString* error) const
{
    const QString text = written.trimmed();
    if (text.startsWith(u'+')) return text;
    QString digits;
    for (const QChar c : text) {
        if (c.isDigit() && c.unicode() < 128)
            digits += c;
        else if (!isSeparator(c))
            return text; // not a number at all: PhoneNumber names the problem
    }
    if (digits.isEmpty()) return text;
    if (extensionLength > 0 && !baseNumber.isEmpty() && digits.size() <= extensionLength)
        return u"+"_s + baseNumber + digits;
    if (!outsideLinePrefix.isEmpty() && digits.startsWith(outsideLinePrefix)) {
        const QString rest = digits.mid(outsideLinePrefix.size());
        if ((!internationalPrefix.isEmpty() && rest.startsWith(internationalPrefix)) ||
            (!nationalPrefix.isEmpty() && rest.startsWith(nationalPrefix)))
            digits = rest;
    }
    if (!internationalPrefix.isEmpty() && digits.startsWith(internationalPrefix))
        return u"+"_s + digits.mid(internationalPrefix.size());
    if (countryCode.isEmpty()) {
        if (error)
            *error = u"\"%1\" lacks the country code: an E.164 number starts with + or %2, e.g. +49 8142 "
                     u"4799123"_s.arg(text, internationalPrefix.isEmpty() ? u"00"_s : internationalPrefix);
        return std::nullopt;
    }
    if (nationalPrefix.isEmpty() || digits.startsWith(nationalPrefix))
        return u"+"_s + countryCode + digits.mid(nationalPrefix.size());
    if (areaCode.isEmpty()) {
        if (error)
            *error =
                u"\"%1\" lacks the area code: write it as %2<area code> %1 or in international form"_s.arg(
                    text, nationalPrefix);
        return std::nullopt;
    }
    return u"+"_s + countryCode + areaCode + digits;
}

Permission DialingRules::reach(const QString& e164) const
{
    QString digits;
    for (const QChar c : e164)
        if (c.isDigit() && c.unicode() < 128) digits += c;
    if (!baseNumber.isEmpty() && digits.startsWith(baseNumber)) return Permission::Internal;
    if (countryCode.isEmpty() || !digits.startsWith(countryCode)) return Permission::International;
    if (!areaCode.isEmpty() && digits.mid(countryCode.size()).startsWith(areaCode)) return Permission::Local;
    return Permission::National;
}

} // namespace umgate
