// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/SchemaSettingsPage.h"

namespace umgate {

// Avaya System Preferences: Email: the SMTP sender list (first entry = default server).
class SystemPreferencesEmailPage : public SchemaSettingsPage
{
    Q_OBJECT
public:
    SystemPreferencesEmailPage(EngineConnection* connection, const QString& instanceId,
                               QWidget* parent = nullptr);
    QString title() const override;
};

} // namespace umgate
