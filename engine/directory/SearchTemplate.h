// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/config/SettingEnums.h"
#include "engine/directory/DirectoryEntry.h"
#include "engine/directory/PhoneNumber.h"

#include <QString>
#include <QStringList>

namespace umgate {

// The instance's search template (ixi-UMS 4.2.3.4) and the sender filter. Every value put into
// a filter is escaped per RFC 4515, so a number or an address can never change the filter's
// structure.
class SearchTemplate
{
public:
    // ${UMS}_wHTSPC becomes the number without white space ("+4981424799123"), ${UMS} the number
    // as received ("+49 8142 4799123"). The longer placeholder is replaced first: it contains
    // the shorter.
    static QString expand(const QString& tmpl, const PhoneNumber& number);
    // (|(mail=ADDR)(proxyAddresses=smtp:ADDR)). proxyAddresses compares case-insensitively (AD,
    // umgate.schema, the embedded directory), so "smtp:" also finds the primary "SMTP:" address.
    static QString forSender(const QString& address);

    // The default template for ldap.userManagement.type: ActiveDirectory and Embedded (the
    // manual's, written as a valid filter: proxyAddresses IXI:, otherFacsimileTelephoneNumber and
    // facsimileTelephoneNumber; the embedded directory compares all three the way AD does),
    // Domino (the person's fax number, facsimileTelephoneNumber / OfficeFAXPhoneNumber, ixi-UMS
    // 5.3.3), OpenLdap (the attributes of resources/ldap/umgate.schema, which have EQUALITY
    // rules; stock facsimileTelephoneNumber has none in OpenLDAP, so a term for it never
    // matches).
    static QString defaultTemplate(UserManagementType type);

    // The attributes the template compares with the number: every (attr=PREFIX${UMS}) and
    // (attr=PREFIX${UMS}_wHTSPC) term, in template order, each once. Empty when it does not parse.
    static QStringList numberAttributes(const QString& tmpl);
    // The numbers that reach `entry` through the template, as the entry spells them (prefix such
    // as "IXI:" removed): the values of the number attributes that are E.164 numbers for which
    // the expanded template matches the entry (the embedded directory's matching, which follows
    // the LDAP matching rules). Each number once. What the console's user table shows.
    static QStringList routingNumbers(const QString& tmpl, const DirectoryEntry& entry);
};

} // namespace umgate
