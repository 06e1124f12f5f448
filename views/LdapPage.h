// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/SchemaSettingsPage.h"

namespace umgate {

// The LDAP dialog (ixi-UMS 4.2.3): servers, registration data, base DNs and the search.
class LdapPage : public SchemaSettingsPage
{
    Q_OBJECT
public:
    LdapPage(EngineConnection* connection, const QString& instanceId, QWidget* parent = nullptr);
    QString title() const override;
};

} // namespace umgate
