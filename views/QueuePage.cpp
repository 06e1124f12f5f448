// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/QueuePage.h"

#include "models/console/QueueModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace umgate {

QueuePage::QueuePage(EngineConnection* connection, const QString& instanceId, QWidget* parent)
    : SettingsPage(parent)
{
    setObjectName(u"queuePage"_s);
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"tabs"_s);
    const QList<std::tuple<QueueModel::Queue, QString, QString>> queues = {
        {QueueModel::Queue::Outgoing, tr("SMTP&Out"), u"outgoing"_s},
        {QueueModel::Queue::Badmail, tr("&Badmail"), u"badmail"_s},
        {QueueModel::Queue::Error, tr("SMTPIn/&Error"), u"error"_s},
        {QueueModel::Queue::Kernel, tr("To &Kernel"), u"kernel"_s},
    };
    for (const auto& [queue, title, name] : queues) {
        auto* model = new QueueModel(connection, instanceId, queue, this);
        auto* view = new QTableView(m_tabs);
        view->setObjectName(name);
        view->setModel(model);
        view->setSelectionBehavior(QAbstractItemView::SelectRows);
        view->setSelectionMode(QAbstractItemView::ExtendedSelection);
        view->verticalHeader()->hide();
        view->horizontalHeader()->setStretchLastSection(true);
        view->setWordWrap(false);
        m_tabs->addTab(view, title);
        m_models << model;
        m_views << view;
        connect(view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
                &QueuePage::updateButtons);
        connect(model, &QueueModel::loaded, this, [this, view] {
            view->resizeColumnsToContents();
            updateButtons();
        });
        connect(model, &QueueModel::errorOccurred, this,
                [this](const QString& message) { m_message->setText(message); });
        connect(model, &QueueModel::progress, this, [this](int done, int total) {
            m_progress->setRange(0, total);
            m_progress->setValue(done);
            m_progress->show();
            m_cancel->show();
        });
        connect(model, &QueueModel::actionFinished, this,
                [this](int done, int total, const QStringList& failures) {
                    m_progress->hide();
                    m_cancel->hide();
                    m_message->setText(failures.isEmpty() ? tr("%1 of %2 mail(s) done.").arg(done).arg(total)
                                                          : tr("%1 of %2 mail(s) done; refused: %3")
                                                                .arg(done)
                                                                .arg(total)
                                                                .arg(failures.join(u"; "_s)));
                    updateButtons();
                });
    }
    m_retry = new QPushButton(tr("&Retry Now"), this);
    m_retry->setObjectName(u"retry"_s);
    m_requeue = new QPushButton(tr("Re&queue"), this);
    m_requeue->setObjectName(u"requeue"_s);
    m_delete = new QPushButton(tr("&Delete"), this);
    m_delete->setObjectName(u"delete"_s);
    auto* refresh = new QPushButton(tr("Re&fresh"), this);
    refresh->setObjectName(u"refresh"_s);
    m_cancel = new QPushButton(tr("&Cancel"), this);
    m_cancel->setObjectName(u"cancelAction"_s);
    m_cancel->hide();
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(u"progress"_s);
    m_progress->hide();
    m_message = new QLabel(this);
    m_message->setObjectName(u"queueMessage"_s);
    m_message->setWordWrap(true);

    auto* buttons = new QHBoxLayout;
    for (QPushButton* b : {m_retry, m_requeue, m_delete, refresh})
        buttons->addWidget(b);
    buttons->addStretch();
    buttons->addWidget(m_progress);
    buttons->addWidget(m_cancel);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(m_message);
    layout->addLayout(buttons);

    connect(m_tabs, &QTabWidget::currentChanged, this, &QueuePage::updateButtons);
    connect(refresh, &QPushButton::clicked, this, &QueuePage::load);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        for (QueueModel* m : std::as_const(m_models))
            m->cancel();
    });
    connect(m_retry, &QPushButton::clicked, this, [this] {
        if (QueueModel* m = currentModel()) m->retry(selectedIds());
    });
    connect(m_requeue, &QPushButton::clicked, this, [this] {
        if (QueueModel* m = currentModel()) m->requeue(selectedIds());
    });
    connect(m_delete, &QPushButton::clicked, this, [this] {
        const QStringList ids = selectedIds();
        QueueModel* m = currentModel();
        if (!m || ids.isEmpty()) return;
        // A job in Kernel/Outgoing is cancelled; if the kernel takes it first, the engine says so.
        const bool kernel = m->queue() == QueueModel::Queue::Kernel;
        const QString title = kernel ? tr("Cancel Jobs") : tr("Delete Mails");
        const QString text =
            kernel ? tr("Cancel %n job(s)? The kernel will not send them.", nullptr, int(ids.size()))
                   : tr("Delete %n mail(s) for good?", nullptr, int(ids.size()));
        if (QMessageBox::warning(this, title, text, QMessageBox::Yes | QMessageBox::No, QMessageBox::No) ==
            QMessageBox::Yes)
            m->remove(ids);
    });
    updateButtons();
}

QString QueuePage::title() const
{
    return tr("Queue");
}

void QueuePage::load()
{
    for (QueueModel* m : std::as_const(m_models))
        m->refresh();
}

void QueuePage::apply()
{
    emit applyFinished(true, QString());
}

QueueModel* QueuePage::model(int tab) const
{
    return m_models.value(tab);
}

QueueModel* QueuePage::currentModel() const
{
    return m_models.value(m_tabs->currentIndex());
}

QStringList QueuePage::selectedIds() const
{
    QStringList ids;
    const int tab = m_tabs->currentIndex();
    if (tab < 0 || tab >= m_views.size()) return ids;
    for (const QModelIndex& row : m_views.at(tab)->selectionModel()->selectedRows())
        ids << row.data(QueueModel::IdRole).toString();
    return ids;
}

void QueuePage::updateButtons()
{
    QueueModel* m = currentModel();
    const bool busy = m && m->isBusy();
    const bool any = !selectedIds().isEmpty();
    m_retry->setEnabled(!busy && any && m->queue() == QueueModel::Queue::Outgoing);
    m_requeue->setEnabled(!busy && any && m->queue() == QueueModel::Queue::Badmail);
    m_delete->setEnabled(!busy && any);
    m_delete->setText(m && m->queue() == QueueModel::Queue::Kernel ? tr("Cancel &Job") : tr("&Delete"));
}

} // namespace umgate
