// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/SettingsPage.h"

#include <QStringList>

class QFormLayout;
class QTabWidget;

namespace umgate {

class EngineConnection;
class InstanceSettings;
class SettingsBinder;

// A settings page of one instance whose tabs are forms of schema keys. It owns the page's
// InstanceSettings, so edits on one page are applied (or dropped) without touching another's,
// and it greys itself out while the engine is not connected.
class SchemaSettingsPage : public SettingsPage
{
    Q_OBJECT
public:
    SchemaSettingsPage(EngineConnection* connection, const QString& instanceId, QWidget* parent = nullptr);
    ~SchemaSettingsPage() override;

    InstanceSettings* settings() const { return m_settings; }
    SettingsBinder* binder() const { return m_binder; }
    QTabWidget* tabs() const { return m_tabs; }

    void load() override;
    void apply() override;
    void revert() override;
    bool isDirty() const override;

protected:
    // A tab with one form row per key; returns its form so a page can append rows.
    QFormLayout* addFormTab(const QString& title, const QStringList& keys, const QString& objectName);

private:
    void updateEnabled();

    InstanceSettings* m_settings = nullptr;
    SettingsBinder* m_binder = nullptr;
    QTabWidget* m_tabs = nullptr;
};

} // namespace umgate
