// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/SubscriberMailboxesPage.h"

#include "models/console/EngineConnection.h"
#include "models/console/UserTableModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace umgate {

SubscriberMailboxesPage::SubscriberMailboxesPage(EngineConnection* connection, const QString& instanceId,
                                                 QWidget* parent)
    : SettingsPage(parent), m_instanceId(instanceId)
{
    setObjectName(u"subscriberMailboxesPage"_s);
    m_model = new UserTableModel(connection, instanceId, this);

    m_search = new QLineEdit(this);
    m_search->setObjectName(u"directorySearch"_s);
    m_search->setPlaceholderText(tr("Name, e-mail address, user name or UMS number"));
    m_search->setClearButtonEnabled(true);
    auto* searchLabel = new QLabel(tr("&Search the directory:"), this);
    searchLabel->setBuddy(m_search);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(u"localFilter"_s);
    m_filter->setPlaceholderText(tr("Narrows the users already loaded"));
    m_filter->setClearButtonEnabled(true);
    auto* filterLabel = new QLabel(tr("&Filter:"), this);
    filterLabel->setBuddy(m_filter);

    m_table = new QTableView(this);
    m_table->setObjectName(u"users"_s);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    // Uniform rows: the view then never measures 100,000 of them.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);

    m_count = new QLabel(this);
    m_count->setObjectName(u"userCount"_s);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(u"progress"_s);
    m_progress->hide();
    m_loadAll = new QPushButton(tr("&Load all"), this);
    m_loadAll->setObjectName(u"loadAll"_s);
    m_cancel = new QPushButton(tr("&Cancel"), this);
    m_cancel->setObjectName(u"cancelLoad"_s);
    m_cancel->hide();

    auto* top = new QHBoxLayout;
    top->addWidget(searchLabel);
    top->addWidget(m_search, 2);
    top->addWidget(filterLabel);
    top->addWidget(m_filter, 1);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_count, 1);
    bottom->addWidget(m_progress, 1);
    bottom->addWidget(m_loadAll);
    bottom->addWidget(m_cancel);
    auto* note = new QLabel(tr("Who receives a message to a number: the directory's users of this instance. "
                               "Mailboxes that take a number before the directory are kept in the "
                               "instance's mailboxes.json."),
                            this);
    note->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(note);
    layout->addLayout(top);
    layout->addWidget(m_table, 1);
    layout->addLayout(bottom);

    connect(m_search, &QLineEdit::returnPressed, this,
            [this] { m_model->setSearch(m_search->text().trimmed()); });
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_model->setFilterText(text);
        updateCount();
    });
    connect(m_loadAll, &QPushButton::clicked, this, [this] {
        m_progress->setRange(0, qMax(1, m_model->total()));
        m_progress->setValue(m_model->loadedCount());
        m_progress->show();
        m_cancel->show();
        m_loadAll->setEnabled(false);
        m_model->loadAll();
    });
    connect(m_cancel, &QPushButton::clicked, m_model, &UserTableModel::cancelLoad);
    connect(m_model, &UserTableModel::loadProgress, this, [this](int loaded, int total) {
        m_progress->setRange(0, qMax(1, total));
        m_progress->setValue(loaded);
        updateCount();
    });
    const auto done = [this] {
        m_progress->hide();
        m_cancel->hide();
        m_loadAll->setEnabled(m_model->total() < 0 || m_model->loadedCount() < m_model->total());
        updateCount();
    };
    connect(m_model, &UserTableModel::loadFinished, this, done);
    connect(m_cancel, &QPushButton::clicked, this, done);
    connect(m_model, &UserTableModel::errorOccurred, this,
            [this](const QString& message) { m_count->setText(message); });
    connect(m_model, &QAbstractItemModel::modelReset, this, &SubscriberMailboxesPage::updateCount);
    connect(connection, &EngineConnection::stateChanged, this,
            [this](EngineConnection::State s) { setEnabled(s == EngineConnection::State::Connected); });
    setEnabled(connection && connection->state() == EngineConnection::State::Connected);
    load();
}

QString SubscriberMailboxesPage::title() const
{
    return tr("Subscriber Mailboxes - %1").arg(m_instanceId);
}

void SubscriberMailboxesPage::load()
{
    m_model->reload();
}

void SubscriberMailboxesPage::apply()
{
    emit applyFinished(true, QString());
}

void SubscriberMailboxesPage::updateCount()
{
    const int total = m_model->total();
    if (total < 0) {
        m_count->clear();
        return;
    }
    m_count->setText(m_model->filterText().isEmpty()
                         ? tr("%1 of %2 users loaded").arg(m_model->loadedCount()).arg(total)
                         : tr("%1 shown, %2 of %3 loaded")
                               .arg(m_model->rowCount())
                               .arg(m_model->loadedCount())
                               .arg(total));
}

} // namespace umgate
