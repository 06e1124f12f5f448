// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/MiscSetupPage.h"

#include "engine/client/RpcFields.h"
#include "models/console/MiscSetupModel.h"
#include "views/ErrorLabel.h"
#include "views/SchemaText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>
#include <limits>

using namespace Qt::StringLiterals;

namespace umgate {

namespace field = rpc::field;

namespace settingType = rpc::settingType;

MiscSetupPage::MiscSetupPage(EngineConnection* connection, QWidget* parent) : SettingsPage(parent)
{
    setObjectName(u"miscSetupPage"_s);
    m_model = new MiscSetupModel(connection, this);
    m_table = new QTableView(this);
    m_table->setObjectName(u"miscSetupTable"_s);
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_error = new ErrorLabel(this, u"miscSetupError"_s);
    auto* edit = new QPushButton(tr("&Edit..."), this);
    edit->setObjectName(u"edit"_s);
    auto* reset = new QPushButton(tr("Reset to &Default"), this);
    reset->setObjectName(u"reset"_s);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(edit);
    buttons->addWidget(reset);
    buttons->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_error);
    layout->addLayout(buttons);

    connect(edit, &QPushButton::clicked, this, [this] { editRow(m_table->currentIndex().row()); });
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex& i) { editRow(i.row()); });
    connect(reset, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentIndex().row();
        if (row >= 0) m_model->reset(m_model->option(row).value(u"key"_s).toString());
    });
    connect(m_model, &MiscSetupModel::errorOccurred, this, [this](const QString& message) {
        m_error->setText(message);
        m_error->show();
    });
    connect(m_model, &MiscSetupModel::loaded, this, [this] {
        m_table->resizeColumnsToContents();
        m_error->hide();
    });
}

QString MiscSetupPage::title() const
{
    return tr("Misc Setup");
}

void MiscSetupPage::load()
{
    m_model->refresh();
}

void MiscSetupPage::apply()
{
    emit applyFinished(true, QString());
}

void MiscSetupPage::editRow(int row)
{
    const QJsonObject option = m_model->option(row);
    if (option.isEmpty()) return;
    const QString key = option.value(field::key).toString();
    const QString type = option.value(field::type).toString();
    QDialog dialog(this);
    dialog.setObjectName(u"miscEditDialog"_s);
    dialog.setWindowTitle(tr("Misc Setup: %1").arg(key));
    auto* form = new QFormLayout;
    auto* keyLabel = new QLabel(key, &dialog);
    keyLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Key:"), keyLabel);
    QWidget* editor = nullptr;
    const QJsonValue value = option.value(field::value);
    if (type == settingType::Bool) {
        auto* box = new QCheckBox(tr("On"), &dialog);
        box->setChecked(value.toBool());
        editor = box;
    } else if (type == settingType::Int) {
        auto* spin = new QSpinBox(&dialog);
        const int hi = option.value(field::maximum).toInt();
        spin->setRange(option.value(field::minimum).toInt(), hi > 0 ? hi : std::numeric_limits<int>::max());
        spin->setValue(value.toInt());
        editor = spin;
    } else if (type == settingType::Enum) {
        auto* combo = new QComboBox(&dialog);
        for (const auto& c : option.value(field::choices).toArray())
            combo->addItem(SchemaText::choice(c.toString()), c.toString());
        combo->setCurrentIndex(std::max(0, combo->findData(value.toString())));
        editor = combo;
    } else {
        auto* line = new QLineEdit(value.toString(), &dialog);
        editor = line;
    }
    editor->setObjectName(u"value"_s);
    auto* valueLabel = new QLabel(tr("&Value:"), &dialog);
    valueLabel->setBuddy(editor);
    form->addRow(valueLabel, editor);
    auto* ignore = new QCheckBox(
        tr("&Ignore (use the default: %1)").arg(option.value(field::defaultValue).toVariant().toString()),
        &dialog);
    ignore->setObjectName(u"ignore"_s);
    ignore->setChecked(option.value(field::ignore).toBool());
    form->addRow(ignore);
    auto* description = new QLabel(MiscSetupModel::description(option), &dialog);
    description->setWordWrap(true);
    form->addRow(description);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(&dialog);
    layout->addLayout(form);
    layout->addWidget(buttons);
    if (dialog.exec() != QDialog::Accepted) return;

    QJsonValue next;
    if (auto* box = qobject_cast<QCheckBox*>(editor))
        next = box->isChecked();
    else if (auto* spin = qobject_cast<QSpinBox*>(editor))
        next = spin->value();
    else if (auto* combo = qobject_cast<QComboBox*>(editor))
        next = combo->currentData().toString();
    else if (auto* line = qobject_cast<QLineEdit*>(editor))
        next = line->text();
    m_error->hide();
    m_model->setOption(key, next, ignore->isChecked());
}

} // namespace umgate
