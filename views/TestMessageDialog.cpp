// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/TestMessageDialog.h"

#include "engine/client/RpcFields.h"
#include "models/console/EngineConnection.h"
#include "models/rpc/RpcClient.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace umgate {

namespace field = rpc::field;

TestMessageDialog::TestMessageDialog(EngineConnection* connection, const QString& instanceId, QWidget* parent)
    : QDialog(parent), m_connection(connection), m_instanceId(instanceId)
{
    setObjectName(u"testMessageDialog"_s);
    setWindowTitle(tr("Send Test Message - %1").arg(instanceId));
    auto* intro = new QLabel(tr("Send a test message to the Mail System"), this);

    m_calling = new QLineEdit(this);
    m_calling->setObjectName(u"callingNumber"_s);
    m_calling->setToolTip(tr("Any number; it forms the sender address of the e-mail."));
    m_called = new QLineEdit(this);
    m_called->setObjectName(u"calledNumber"_s);
    m_called->setToolTip(tr("The recipient's number in canonical format, e.g. +49 30 4657864: the "
                            "directory is searched for it."));
    m_type = new QComboBox(this);
    m_type->setObjectName(u"addressType"_s);
    m_type->addItem(tr("Fax"), u"fax"_s);
    m_type->addItem(tr("Voice"), u"voice"_s);
    m_type->addItem(tr("SMS"), u"sms"_s);

    auto* form = new QFormLayout;
    auto* callingLabel = new QLabel(tr("C&alling Party Number:"), this);
    callingLabel->setBuddy(m_calling);
    auto* calledLabel = new QLabel(tr("Ca&lled Party Number:"), this);
    calledLabel->setBuddy(m_called);
    auto* typeLabel = new QLabel(tr("Address &Type:"), this);
    typeLabel->setBuddy(m_type);
    form->addRow(callingLabel, m_calling);
    form->addRow(calledLabel, m_called);
    form->addRow(typeLabel, m_type);

    m_report = new QPlainTextEdit(this);
    m_report->setObjectName(u"report"_s);
    m_report->setReadOnly(true);
    m_report->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_report->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_report->setPlaceholderText(tr("The report of each step appears here."));
    auto* reportLabel = new QLabel(tr("&Report:"), this);
    reportLabel->setBuddy(m_report);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_send = buttons->addButton(tr("&Send"), QDialogButtonBox::ActionRole);
    m_send->setObjectName(u"send"_s);
    m_send->setDefault(true);
    auto* copy = buttons->addButton(tr("&Copy Report"), QDialogButtonBox::ActionRole);
    copy->setObjectName(u"copyReport"_s);
    connect(m_send, &QPushButton::clicked, this, &TestMessageDialog::send);
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(reportText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(reportLabel);
    layout->addWidget(m_report, 1);
    layout->addWidget(buttons);
    resize(620, 440);
}

QString TestMessageDialog::reportText() const
{
    return m_report->toPlainText();
}

void TestMessageDialog::send()
{
    if (!m_connection || !m_connection->client()) return;
    if (m_called->text().trimmed().isEmpty()) {
        m_report->setPlainText(tr("Enter the called party number: the directory is searched for it."));
        m_called->setFocus();
        return;
    }
    m_send->setEnabled(false);
    m_report->setPlainText(tr("Sending..."));
    const quint64 generation = ++m_generation;
    QPointer<TestMessageDialog> self = this;
    m_connection->client()->exec(rpc::Method::TestMessage,
                                 QJsonObject{{u"id"_s, m_instanceId},
                                             {u"type"_s, m_type->currentData().toString()},
                                             {u"calling"_s, m_calling->text().trimmed()},
                                             {u"called"_s, m_called->text().trimmed()}},
                                 [self, generation](const RpcResponse& r) {
                                     if (!self || generation != self->m_generation) return;
                                     self->m_send->setEnabled(true);
                                     if (!r.ok) {
                                         self->m_report->setPlainText(
                                             tr("The test message could not be sent: %1").arg(r.errorText()));
                                         emit self->reportReady(false);
                                         return;
                                     }
                                     self->showReport(r.resultObject());
                                 });
}

void TestMessageDialog::showReport(const QJsonObject& report)
{
    QStringList lines;
    int n = 0;
    for (const auto& v : report.value(field::steps).toArray()) {
        const QJsonObject s = v.toObject();
        lines << tr("%1. [%2] %3: %4")
                     .arg(++n)
                     .arg(s.value(field::ok).toBool() ? tr("OK") : tr("FAILED"),
                          s.value(field::step).toString(), s.value(field::detail).toString());
    }
    const bool ok = report.value(field::ok).toBool();
    lines << QString();
    lines << (ok ? tr("Result: %1") : tr("Result: %1 (not delivered)"))
                 .arg(report.value(field::outcome).toString());
    m_report->setPlainText(lines.join(u'\n'));
    emit reportReady(ok);
}

} // namespace umgate
