// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/SettingsPage.h"

class QLabel;
class QTableView;

namespace umgate {

class EngineConnection;
class MiscSetupModel;

// The NEC Misc Setup table (Key, Value, Ignore, Description) with its edit dialog. Like the NEC
// dialog, each edit goes to the engine when its dialog is confirmed, so the page is never dirty.
class MiscSetupPage : public SettingsPage
{
    Q_OBJECT
public:
    explicit MiscSetupPage(EngineConnection* connection, QWidget* parent = nullptr);
    QString title() const override;
    void load() override;
    void apply() override;
    bool isDirty() const override { return false; }
    MiscSetupModel* model() const { return m_model; }
    void editRow(int row);

private:
    MiscSetupModel* m_model = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_error = nullptr;
};

} // namespace umgate
