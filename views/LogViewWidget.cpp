// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/LogViewWidget.h"

#include "models/console/EngineConnection.h"
#include "models/console/LogFilterProxy.h"
#include "models/console/LogTailModel.h"
#include "models/rpc/RpcClient.h"
#include "views/ErrorLabel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace umgate {

LogViewWidget::LogViewWidget(EngineConnection* connection, const QString& instanceId, QWidget* parent)
    : QWidget(parent), m_connection(connection), m_instanceId(instanceId)
{
    setObjectName(u"logView"_s);
    m_log = new QComboBox(this);
    m_log->setObjectName(u"logName"_s);
    m_log->addItem(tr("LDAP search"), u"ldapSearch"_s);
    m_log->addItem(tr("SMTP connection"), u"smtpConnection"_s);
    m_log->addItem(tr("Message ID"), u"messageId"_s);
    m_level = new QComboBox(this);
    m_level->setObjectName(u"logLevel"_s);
    m_level->addItem(tr("All lines"), int(LogTailModel::Level::Unknown));
    m_level->addItem(tr("Info and above"), int(LogTailModel::Level::Info));
    m_level->addItem(tr("Warnings and errors"), int(LogTailModel::Level::Warning));
    m_level->addItem(tr("Errors"), int(LogTailModel::Level::Error));
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(u"logFilter"_s);
    m_filter->setPlaceholderText(tr("Filter"));
    m_filter->setClearButtonEnabled(true);
    auto* clear = new QPushButton(tr("C&lear View"), this);
    clear->setObjectName(u"clearView"_s);
    // ixi-UMS 4.2.8: "Clear" empties the current log file on the server (older files stay).
    auto* clearFile = new QPushButton(tr("Empty &File..."), this);
    clearFile->setObjectName(u"clearFile"_s);
    m_proxy = new LogFilterProxy(this);
    m_view = new QTableView(this);
    m_view->setObjectName(u"logLines"_s);
    m_view->setModel(m_proxy);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setWordWrap(false);
    m_error = new ErrorLabel(this);
    m_error->setWordWrap(false);

    auto* logLabel = new QLabel(tr("Lo&g:"), this);
    logLabel->setBuddy(m_log);
    auto* levelLabel = new QLabel(tr("Le&vel:"), this);
    levelLabel->setBuddy(m_level);
    auto* top = new QHBoxLayout;
    top->addWidget(logLabel);
    top->addWidget(m_log);
    top->addWidget(levelLabel);
    top->addWidget(m_level);
    top->addWidget(m_filter, 1);
    top->addWidget(clear);
    top->addWidget(clearFile);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_error);

    connect(m_log, &QComboBox::currentIndexChanged, this, &LogViewWidget::selectLog);
    connect(m_level, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setMinimumLevel(LogTailModel::Level(m_level->currentData().toInt())); });
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &LogFilterProxy::setText);
    connect(clear, &QPushButton::clicked, this, [this] {
        if (m_model) m_model->clear();
    });
    connect(clearFile, &QPushButton::clicked, this, &LogViewWidget::emptyFile);
    selectLog(0);
}

void LogViewWidget::emptyFile()
{
    const QString log = m_log->currentData().toString();
    if (QMessageBox::question(this, tr("Empty Log File"),
                              tr("Empty the current %1 file of %2 on the engine? Older files are kept.")
                                  .arg(m_log->currentText(), m_instanceId)) != QMessageBox::Yes)
        return;
    if (!m_connection || !m_connection->client()) return;
    QPointer<LogViewWidget> self(this);
    m_connection->client()->exec(
        rpc::Method::LogClear, {{u"id"_s, m_instanceId}, {u"log"_s, log}}, [self](const RpcResponse& r) {
            if (!self) return;
            if (!r.ok) {
                self->m_error->setText(tr("The log was not emptied: %1").arg(r.errorText()));
                self->m_error->show();
                return;
            }
            self->m_error->hide();
            if (self->m_model) self->m_model->restart();
        });
}

void LogViewWidget::selectLog(int index)
{
    const bool active = m_model && m_model->isActive();
    delete m_model;
    m_model = new LogTailModel(m_connection, m_instanceId, m_log->itemData(index).toString(), this);
    m_proxy->setSourceModel(m_model);
    connect(m_model, &LogTailModel::errorOccurred, this, [this](const QString& message) {
        m_error->setText(message);
        m_error->show();
    });
    connect(m_model, &LogTailModel::linesAdded, this, [this] {
        m_error->hide();
        m_view->scrollToBottom();
    });
    m_model->setActive(active || isVisible());
}

void LogViewWidget::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_model) m_model->setActive(true);
}

void LogViewWidget::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    if (m_model) m_model->setActive(false);
}

} // namespace umgate
