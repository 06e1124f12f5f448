// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/SettingsPage.h"

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;

namespace umgate {

class EngineConnection;
class UserTableModel;

// Subscriber Mailboxes: for now the directory's users of the instance (who a fax to a number
// reaches), searchable in the directory and filterable locally; the mailbox table an
// administrator edits comes with its own issue. Loading every user shows progress and can be
// cancelled, so a directory of 100,000 users never freezes the console.
class SubscriberMailboxesPage : public SettingsPage
{
    Q_OBJECT
public:
    SubscriberMailboxesPage(EngineConnection* connection, const QString& instanceId,
                            QWidget* parent = nullptr);
    QString title() const override;
    void load() override;
    void apply() override;
    bool isDirty() const override { return false; }

    UserTableModel* model() const { return m_model; }

private:
    void updateCount();

    QString m_instanceId;
    UserTableModel* m_model = nullptr;
    QLineEdit* m_search = nullptr;
    QLineEdit* m_filter = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_count = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_loadAll = nullptr;
    QPushButton* m_cancel = nullptr;
};

} // namespace umgate
