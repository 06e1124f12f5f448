// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/SchemaSettingsPage.h"

namespace umgate {

// The Cover page dialog (ixi-UMS 4.2.5): which LDAP attributes fill the fax cover page.
class CoverPage : public SchemaSettingsPage
{
    Q_OBJECT
public:
    CoverPage(EngineConnection* connection, const QString& instanceId, QWidget* parent = nullptr);
    QString title() const override;
};

} // namespace umgate
