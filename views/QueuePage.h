// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/SettingsPage.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;
class QTabWidget;

namespace umgate {

class EngineConnection;
class QueueModel;

// The queue view of one instance: SMTPOut, Badmail and SMTPIn/Error, with retry, requeue and
// delete on the selected mails. Actions on many mails show progress and can be cancelled.
class QueuePage : public SettingsPage
{
    Q_OBJECT
public:
    QueuePage(EngineConnection* connection, const QString& instanceId, QWidget* parent = nullptr);
    QString title() const override;
    void load() override;
    void apply() override;
    bool isDirty() const override { return false; }
    QueueModel* model(int tab) const;

private:
    QueueModel* currentModel() const;
    QStringList selectedIds() const;
    void updateButtons();

    QTabWidget* m_tabs = nullptr;
    QList<QueueModel*> m_models;
    QList<QTableView*> m_views;
    QPushButton* m_retry = nullptr;
    QPushButton* m_requeue = nullptr;
    QPushButton* m_delete = nullptr;
    QPushButton* m_cancel = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_message = nullptr;
};

} // namespace umgate
