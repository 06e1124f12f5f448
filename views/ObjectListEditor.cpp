// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/ObjectListEditor.h"

#include "engine/client/RpcFields.h"
#include "views/ObjectEntryDialog.h"
#include "views/SchemaText.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QMessageBox>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace umgate {

namespace settingType = rpc::settingType;

namespace field = rpc::field;

ObjectListEditor::ObjectListEditor(const QJsonArray& fields, int maximumEntries, QWidget* parent)
    : QWidget(parent), m_fields(fields), m_maximum(maximumEntries)
{
    m_table = new QTableWidget(0, int(fields.size()), this);
    m_table->setObjectName(u"table"_s);
    QStringList headers;
    for (const auto& f : fields)
        headers << SchemaText::fieldLabel(f.toObject());
    m_table->setHorizontalHeaderLabels(headers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setMinimumHeight(100);

    m_add = new QPushButton(tr("&Add..."), this);
    m_add->setObjectName(u"add"_s);
    m_edit = new QPushButton(tr("&Edit..."), this);
    m_edit->setObjectName(u"edit"_s);
    m_remove = new QPushButton(tr("&Remove"), this);
    m_remove->setObjectName(u"remove"_s);
    m_up = new QPushButton(tr("Move &Up"), this);
    m_up->setObjectName(u"up"_s);
    m_down = new QPushButton(tr("Move Do&wn"), this);
    m_down->setObjectName(u"down"_s);
    auto* buttons = new QVBoxLayout;
    for (QPushButton* b : {m_add, m_edit, m_remove, m_up, m_down})
        buttons->addWidget(b);
    buttons->addStretch();
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    setFocusProxy(m_table);

    connect(m_add, &QPushButton::clicked, this, &ObjectListEditor::addEntry);
    connect(m_edit, &QPushButton::clicked, this, [this] { editEntry(m_table->currentRow()); });
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row, int) { editEntry(row); });
    connect(m_remove, &QPushButton::clicked, this, &ObjectListEditor::removeCurrent);
    connect(m_up, &QPushButton::clicked, this, [this] { move(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { move(1); });
    connect(m_table, &QTableWidget::currentCellChanged, this, &ObjectListEditor::updateButtons);
    updateButtons();
}

void ObjectListEditor::setValues(const QJsonArray& values)
{
    if (values == m_values) return;
    m_values = values;
    rebuild();
}

void ObjectListEditor::setEntryErrors(const QHash<int, QHash<QString, QString>>& errors)
{
    m_errors = errors;
    rebuild();
}

QString ObjectListEditor::cellText(const QJsonObject& field, const QJsonValue& value) const
{
    if (field.value(field::secret).toBool()) {
        if (value.isString()) return value.toString().isEmpty() ? QString() : tr("(changed)");
        return value.toObject().value(field::set).toBool() ? tr("(set)") : QString();
    }
    const QString type = field.value(field::type).toString();
    if (type == settingType::Bool) return value.toBool() ? tr("Yes") : tr("No");
    if (type == settingType::Int) return QString::number(value.toInt());
    if (type == settingType::Enum) return SchemaText::choice(value.toString());
    if (value.isArray()) {
        QStringList parts;
        for (const auto& v : value.toArray())
            parts << (v.isDouble() ? QString::number(v.toInt()) : v.toString());
        return parts.join(u", "_s);
    }
    return value.toString();
}

void ObjectListEditor::rebuild()
{
    const int row = m_table->currentRow();
    m_table->setRowCount(int(m_values.size()));
    for (int r = 0; r < m_values.size(); ++r) {
        const QJsonObject entry = m_values.at(r).toObject();
        const QHash<QString, QString> errors = m_errors.value(r);
        for (int c = 0; c < m_fields.size(); ++c) {
            const QJsonObject f = m_fields.at(c).toObject();
            const QString name = f.value(field::name).toString();
            auto* item = new QTableWidgetItem(cellText(f, entry.value(name)));
            QString reason = errors.value(name);
            if (reason.isEmpty()) reason = errors.value(QString());
            if (!reason.isEmpty()) {
                item->setForeground(Qt::red);
                item->setToolTip(reason);
            }
            m_table->setItem(r, c, item);
        }
    }
    if (row >= 0 && row < m_table->rowCount()) m_table->selectRow(row);
    updateButtons();
}

void ObjectListEditor::addEntry()
{
    if (m_maximum > 0 && m_values.size() >= m_maximum) return;
    ObjectEntryDialog dialog(m_fields, QJsonObject(), this);
    dialog.setWindowTitle(tr("Add Entry"));
    if (dialog.exec() != QDialog::Accepted) return;
    m_values.append(dialog.entry());
    rebuild();
    m_table->selectRow(int(m_values.size()) - 1);
    emit edited();
}

void ObjectListEditor::editEntry(int row)
{
    if (row < 0 || row >= m_values.size()) return;
    ObjectEntryDialog dialog(m_fields, m_values.at(row).toObject(), this);
    dialog.setWindowTitle(tr("Edit Entry"));
    dialog.setFieldErrors(m_errors.value(row));
    const QJsonValue before = m_values.at(row);
    if (dialog.exec() != QDialog::Accepted) return;
    // The engine may have changed the list while the dialog was open (another console, a reload).
    if (row >= m_values.size() || m_values.at(row) != before) {
        QMessageBox::information(this, tr("Edit Entry"),
                                 tr("The list changed while the entry was open; the edit was not applied."));
        return;
    }
    m_values.replace(row, dialog.entry());
    rebuild();
    emit edited();
}

void ObjectListEditor::removeCurrent()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_values.size()) return;
    m_values.removeAt(row);
    rebuild();
    emit edited();
}

void ObjectListEditor::move(int delta)
{
    const int row = m_table->currentRow();
    const int target = row + delta;
    if (row < 0 || target < 0 || target >= m_values.size()) return;
    const QJsonValue v = m_values.at(row);
    m_values.removeAt(row);
    m_values.insert(target, v);
    rebuild();
    m_table->selectRow(target);
    emit edited();
}

void ObjectListEditor::updateButtons()
{
    const int row = m_table->currentRow();
    const bool has = row >= 0 && row < m_values.size();
    m_add->setEnabled(m_maximum <= 0 || m_values.size() < m_maximum);
    m_edit->setEnabled(has);
    m_remove->setEnabled(has);
    m_up->setEnabled(has && row > 0);
    m_down->setEnabled(has && row + 1 < m_values.size());
}

} // namespace umgate
