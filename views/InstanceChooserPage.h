// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/SettingsPage.h"

#include <QHash>
#include <functional>

class QComboBox;
class QStackedWidget;

namespace umgate {

class EngineConnection;

// An engine-level node whose settings live per instance (System Preferences: Email): a choice of
// instance above that instance's page. Each instance's page keeps its own edits; Apply and
// Cancel act on the one shown.
class InstanceChooserPage : public SettingsPage
{
    Q_OBJECT
public:
    using Factory = std::function<SettingsPage*(const QString& instanceId, QWidget* parent)>;
    InstanceChooserPage(EngineConnection* connection, const QString& title, Factory factory,
                        QWidget* parent = nullptr);

    QString title() const override { return m_title; }
    void load() override;
    void apply() override;
    void revert() override;
    bool isDirty() const override;
    SettingsPage* currentPage() const;

private:
    void syncInstances();
    void show(const QString& instanceId);

    EngineConnection* m_connection = nullptr;
    QString m_title;
    Factory m_factory;
    QComboBox* m_instance = nullptr;
    QStackedWidget* m_stack = nullptr;
    QHash<QString, SettingsPage*> m_pages;
};

} // namespace umgate
