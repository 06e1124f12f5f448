// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/InstanceChooserPage.h"

#include "models/console/EngineConnection.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace umgate {

InstanceChooserPage::InstanceChooserPage(EngineConnection* connection, const QString& title, Factory factory,
                                         QWidget* parent)
    : SettingsPage(parent), m_connection(connection), m_title(title), m_factory(std::move(factory))
{
    setObjectName(u"instanceChooserPage"_s);
    m_instance = new QComboBox(this);
    m_instance->setObjectName(u"instance"_s);
    auto* label = new QLabel(tr("I&nstance:"), this);
    label->setBuddy(m_instance);
    m_stack = new QStackedWidget(this);
    auto* top = new QHBoxLayout;
    top->addWidget(label);
    top->addWidget(m_instance, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_stack, 1);
    connect(m_instance, &QComboBox::currentIndexChanged, this,
            [this](int i) { show(m_instance->itemData(i).toString()); });
    if (m_connection)
        connect(m_connection, &EngineConnection::instancesChanged, this, &InstanceChooserPage::syncInstances);
    syncInstances();
}

void InstanceChooserPage::syncInstances()
{
    if (!m_connection) return;
    const QString current = m_instance->currentData().toString();
    QSignalBlocker block(m_instance);
    m_instance->clear();
    for (const auto& v : m_connection->instances()) {
        const QString id = v.toObject().value(u"id"_s).toString();
        m_instance->addItem(id, id);
    }
    const int i = m_instance->findData(current);
    m_instance->setCurrentIndex(i >= 0 ? i : 0);
    show(m_instance->currentData().toString());
}

void InstanceChooserPage::show(const QString& instanceId)
{
    if (instanceId.isEmpty()) return;
    SettingsPage* page = m_pages.value(instanceId);
    if (!page) {
        page = m_factory(instanceId, m_stack);
        m_pages.insert(instanceId, page);
        m_stack->addWidget(page);
        connect(page, &SettingsPage::dirtyChanged, this, [this] { emit dirtyChanged(isDirty()); });
        connect(page, &SettingsPage::applyFinished, this, &SettingsPage::applyFinished);
    }
    m_stack->setCurrentWidget(page);
    emit dirtyChanged(isDirty());
}

SettingsPage* InstanceChooserPage::currentPage() const
{
    return qobject_cast<SettingsPage*>(m_stack->currentWidget());
}

void InstanceChooserPage::load()
{
    if (SettingsPage* p = currentPage()) p->load();
}

void InstanceChooserPage::apply()
{
    if (SettingsPage* p = currentPage())
        p->apply();
    else
        emit applyFinished(true, QString());
}

void InstanceChooserPage::revert()
{
    if (SettingsPage* p = currentPage()) p->revert();
}

bool InstanceChooserPage::isDirty() const
{
    const SettingsPage* p = currentPage();
    return p && p->isDirty();
}

} // namespace umgate
