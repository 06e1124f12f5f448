// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/directory/SearchTemplate.h"

#include "engine/directory/LdapFilter.h"

using namespace Qt::StringLiterals;

namespace umgate {

QString SearchTemplate::expand(const QString& tmpl, const PhoneNumber& number)
{
    QString out = tmpl;
    out.replace(u"${UMS}_wHTSPC"_s, LdapFilter::escapeValue(number.e164()));
    out.replace(u"${UMS}"_s, LdapFilter::escapeValue(number.canonical()));
    return out;
}

QString SearchTemplate::forSender(const QString& address)
{
    const QString a = LdapFilter::escapeValue(address);
    return u"(|(mail=%1)(proxyAddresses=smtp:%1))"_s.arg(a);
}

QString SearchTemplate::defaultTemplate(const QString& userManagementType)
{
    if (userManagementType == u"activeDirectory"_s)
        return u"(|(proxyAddresses=IXI:${UMS}_wHTSPC)(proxyAddresses=IXI:${UMS})"
               u"(otherFacsimileTelephoneNumber=${UMS})(otherFacsimileTelephoneNumber=${UMS}_wHTSPC)"
               u"(facsimileTelephoneNumber=${UMS})(facsimileTelephoneNumber=${UMS}_wHTSPC))"_s;
    if (userManagementType == u"domino"_s)
        return u"(|(facsimileTelephoneNumber=${UMS})(facsimileTelephoneNumber=${UMS}_wHTSPC)"
               u"(OfficeFAXPhoneNumber=${UMS})(OfficeFAXPhoneNumber=${UMS}_wHTSPC))"_s;
    if (userManagementType == u"openLdap"_s || userManagementType == u"embedded"_s)
        return u"(|(otherFacsimileTelephoneNumber=${UMS})(otherFacsimileTelephoneNumber=${UMS}_wHTSPC)"
               u"(proxyAddresses=IXI:${UMS}_wHTSPC)(proxyAddresses=IXI:${UMS}))"_s;
    return {};
}

QStringList SearchTemplate::userManagementTypes()
{
    return {u"embedded"_s, u"activeDirectory"_s, u"domino"_s, u"openLdap"_s};
}

} // namespace umgate
