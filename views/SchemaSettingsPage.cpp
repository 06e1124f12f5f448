// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/SchemaSettingsPage.h"

#include "models/console/EngineConnection.h"
#include "models/console/InstanceSettings.h"
#include "models/rpc/RpcClient.h"
#include "views/SchemaForm.h"
#include "views/SettingsBinder.h"

#include <QFormLayout>
#include <QScrollArea>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace umgate {

SchemaSettingsPage::SchemaSettingsPage(EngineConnection* connection, const QString& instanceId,
                                       QWidget* parent)
    : SettingsPage(parent)
{
    m_settings = new InstanceSettings(connection, instanceId, this);
    m_binder = new SettingsBinder(m_settings, this);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"tabs"_s);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);

    connect(m_settings, &InstanceSettings::dirtyChanged, this, &SettingsPage::dirtyChanged);
    connect(m_settings, &InstanceSettings::applied, this, &SettingsPage::applyFinished);
    connect(m_settings, &InstanceSettings::loaded, this, &SchemaSettingsPage::updateEnabled);
    // InstanceSettings reloads by itself after (re)connecting; the page only greys out meanwhile.
    if (connection)
        connect(connection, &EngineConnection::stateChanged, this, &SchemaSettingsPage::updateEnabled);
    updateEnabled();
}

SchemaSettingsPage::~SchemaSettingsPage() = default;

void SchemaSettingsPage::updateEnabled()
{
    const EngineConnection* c = m_settings->connection();
    m_tabs->setEnabled(c && c->state() == EngineConnection::State::Connected && m_settings->isLoaded());
}

void SchemaSettingsPage::load()
{
    m_settings->reload();
}

void SchemaSettingsPage::apply()
{
    m_settings->apply();
}

void SchemaSettingsPage::revert()
{
    m_settings->revert();
    m_binder->reloadAll();
}

bool SchemaSettingsPage::isDirty() const
{
    return m_settings->isDirty();
}

QFormLayout* SchemaSettingsPage::addFormTab(const QString& title, const QStringList& keys,
                                            const QString& objectName)
{
    // Long forms (Rights) scroll instead of making the window taller.
    auto* scroll = new QScrollArea(m_tabs);
    scroll->setObjectName(objectName + u"-scroll"_s);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    QWidget* tab = SchemaForm::build(m_binder, keys, objectName, scroll);
    scroll->setWidget(tab);
    m_tabs->addTab(scroll, title);
    return qobject_cast<QFormLayout*>(tab->layout());
}

} // namespace umgate
