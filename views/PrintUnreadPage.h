// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/SchemaSettingsPage.h"

namespace umgate {

// The Print Unread dialog (ixi-UMS 4.2.6): rules processed top down, each with its fax numbers
// and ranges, so the list has Add, Edit and ordering.
class PrintUnreadPage : public SchemaSettingsPage
{
    Q_OBJECT
public:
    PrintUnreadPage(EngineConnection* connection, const QString& instanceId, QWidget* parent = nullptr);
    QString title() const override;
};

} // namespace umgate
