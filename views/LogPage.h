// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/SchemaSettingsPage.h"

class QGridLayout;

namespace umgate {

// The Log dialog (ixi-UMS 4.2.8): per log whether it is written, the size of one file and how
// many files are kept, and a button that shows the end of the current file.
class LogPage : public SchemaSettingsPage
{
    Q_OBJECT
public:
    LogPage(EngineConnection* connection, const QString& instanceId, QWidget* parent = nullptr);
    QString title() const override;

private:
    void addLogRow(QGridLayout* grid, int row, const QString& log, bool canOpen);
    void openLog(const QString& log);
    QString m_instanceId;
    EngineConnection* m_connection = nullptr;
};

} // namespace umgate
