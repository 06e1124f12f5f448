// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/SchemaSettingsPage.h"

namespace umgate {

// The General dialog (ixi-UMS 4.2.1): how the mail server reaches this instance.
class GeneralPage : public SchemaSettingsPage
{
    Q_OBJECT
public:
    GeneralPage(EngineConnection* connection, const QString& instanceId, QWidget* parent = nullptr);
    QString title() const override;
};

} // namespace umgate
