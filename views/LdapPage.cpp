// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/LdapPage.h"

#include <QTabWidget>

using namespace Qt::StringLiterals;

namespace umgate {

LdapPage::LdapPage(EngineConnection* connection, const QString& instanceId, QWidget* parent)
    : SchemaSettingsPage(connection, instanceId, parent)
{
    setObjectName(u"ldapPage"_s);
    addFormTab(tr("&Connection"),
               {u"ldap.connection.servers"_s, u"ldap.connection.caCertificate"_s,
                u"ldap.connection.acceptInvalidCertificate"_s, u"ldap.connection.writePort"_s},
               u"connectionTab"_s);
    addFormTab(tr("&Registration Data"),
               {u"ldap.registrationData.bindDn"_s, u"ldap.registrationData.password"_s},
               u"registrationDataTab"_s);
    addFormTab(tr("&Base DN"), {u"ldap.baseDn.entries"_s}, u"baseDnTab"_s);
    addFormTab(tr("&Search"),
               {u"ldap.userManagement.type"_s, u"ldap.search.umsAttribute"_s, u"ldap.search.template"_s},
               u"searchTab"_s);
}

QString LdapPage::title() const
{
    return tr("LDAP");
}

} // namespace umgate
