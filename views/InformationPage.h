// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/SettingsPage.h"

class QLabel;
class QTreeWidget;

namespace umgate {

class EngineConnection;

// The Information page (ixi-UMS 4.3): engine version, instances and paths from engine.status.
// Read-only, so never dirty.
class InformationPage : public SettingsPage
{
    Q_OBJECT
public:
    explicit InformationPage(EngineConnection* connection, QWidget* parent = nullptr);
    QString title() const override;
    void load() override;
    void apply() override;
    bool isDirty() const override { return false; }

private:
    EngineConnection* m_connection = nullptr;
    QLabel* m_version = nullptr;
    QLabel* m_protocol = nullptr;
    QLabel* m_consoleVersion = nullptr;
    QLabel* m_pid = nullptr;
    QLabel* m_uptime = nullptr;
    QLabel* m_dataDir = nullptr;
    QLabel* m_socket = nullptr;
    QLabel* m_secretStore = nullptr;
    QLabel* m_error = nullptr;
    QTreeWidget* m_instances = nullptr;
};

} // namespace umgate
