// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/SchemaSettingsPage.h"

namespace umgate {

// The Global User Settings dialog (ixi-UMS 4.2.4): defaults for users without own settings.
class GlobalUserSettingsPage : public SchemaSettingsPage
{
    Q_OBJECT
public:
    GlobalUserSettingsPage(EngineConnection* connection, const QString& instanceId,
                           QWidget* parent = nullptr);
    QString title() const override;
};

} // namespace umgate
