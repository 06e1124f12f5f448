// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/LogPage.h"

#include "models/console/EngineConnection.h"
#include "models/rpc/RpcClient.h"
#include "views/LogViewWidget.h"
#include "views/SchemaText.h"
#include "views/SettingsBinder.h"

#include <QCheckBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QTabWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace umgate {

LogPage::LogPage(EngineConnection* connection, const QString& instanceId, QWidget* parent)
    : SchemaSettingsPage(connection, instanceId, parent), m_instanceId(instanceId), m_connection(connection)
{
    setObjectName(u"logPage"_s);
    const auto makeTab = [this](const QString& title, const QString& name) {
        auto* tab = new QWidget(tabs());
        tab->setObjectName(name);
        auto* grid = new QGridLayout(tab);
        grid->addWidget(new QLabel(tr("Log"), tab), 0, 0);
        grid->addWidget(new QLabel(tr("Size MB"), tab), 0, 1);
        grid->addWidget(new QLabel(tr("Count"), tab), 0, 2);
        tabs()->addTab(tab, title);
        return grid;
    };
    QGridLayout* connector = makeTab(tr("&Connector"), u"connectorTab"_s);
    addLogRow(connector, 1, u"ldapSearch"_s, true);
    addLogRow(connector, 3, u"smtpConnection"_s, true);
    addLogRow(connector, 5, u"messageId"_s, true);
    connector->setRowStretch(7, 1);
    connector->setColumnStretch(4, 1);

    QGridLayout* print = makeTab(tr("&PrintUnread"), u"printUnreadTab"_s);
    addLogRow(print, 1, u"printUnread"_s, false);
    auto* debug = binder()->createEditor(u"log.printUnread.debugMode"_s, print->parentWidget());
    print->addWidget(debug, 3, 0, 1, 3);
    if (QLabel* hint = binder()->createNotYetUsedHint(u"log.printUnread.debugMode"_s, print->parentWidget()))
        print->addWidget(hint, 3, 3);
    print->addWidget(binder()->createErrorLabel(u"log.printUnread.debugMode"_s, print->parentWidget()), 4, 0,
                     1, 4);
    print->setRowStretch(5, 1);
    print->setColumnStretch(4, 1);

    tabs()->addTab(new LogViewWidget(connection, instanceId, tabs()), tr("&Live View"));
}

void LogPage::addLogRow(QGridLayout* grid, int row, const QString& log, bool canOpen)
{
    QWidget* parent = grid->parentWidget();
    const QString base = u"log."_s + log + u'.';
    auto* enabled = binder()->createEditor(base + u"enabled"_s, parent);
    auto* size = binder()->createEditor(base + u"sizeMb"_s, parent);
    auto* count = binder()->createEditor(base + u"count"_s, parent);
    // The column headers are not buddies; screen readers get the row and column instead.
    const QString name = binder()->label(base + u"enabled"_s);
    size->setAccessibleName(tr("%1: size MB").arg(name));
    count->setAccessibleName(tr("%1: count").arg(name));
    grid->addWidget(enabled, row, 0);
    grid->addWidget(size, row, 1);
    grid->addWidget(count, row, 2);
    if (canOpen) {
        auto* open = new QPushButton(tr("Open..."), parent);
        open->setObjectName(u"open-"_s + log);
        connect(open, &QPushButton::clicked, this, [this, log] { openLog(log); });
        grid->addWidget(open, row, 3);
    } else if (QLabel* hint = binder()->createNotYetUsedHint(base + u"enabled"_s, parent)) {
        grid->addWidget(hint, row, 3); // one note for the row: size and count belong to the same log
    }
    auto* errors = new QWidget(parent);
    auto* v = new QVBoxLayout(errors);
    v->setContentsMargins(0, 0, 0, 0);
    for (const QString& field : {u"enabled"_s, u"sizeMb"_s, u"count"_s})
        v->addWidget(binder()->createErrorLabel(base + field, errors));
    grid->addWidget(errors, row + 1, 0, 1, 4);
}

void LogPage::openLog(const QString& log)
{
    if (!m_connection || !m_connection->client()) return;
    auto* dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(u"logFileDialog"_s);
    dialog->setWindowTitle(tr("Log: %1").arg(binder()->label(u"log."_s + log + u".enabled"_s)));
    auto* text = new QPlainTextEdit(dialog);
    text->setObjectName(u"logText"_s);
    text->setReadOnly(true);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    text->setPlaceholderText(tr("Loading..."));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(text);
    layout->addWidget(buttons);
    dialog->resize(800, 500);
    dialog->show();
    QPointer<QPlainTextEdit> target = text;
    m_connection->client()->exec(
        rpc::Method::LogTail, QJsonObject{{u"id"_s, m_instanceId}, {u"log"_s, log}, {u"lines"_s, 500}},
        [target](const RpcResponse& r) {
            if (!target) return;
            if (!r.ok) {
                target->setPlainText(LogPage::tr("The log could not be read: %1").arg(r.errorText()));
                return;
            }
            target->setPlainText(r.resultObject().value(u"text"_s).toString());
            target->moveCursor(QTextCursor::End);
        });
}

QString LogPage::title() const
{
    return tr("Log");
}

} // namespace umgate
