// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/StringListEditor.h"

#include <QBrush>
#include <QHBoxLayout>
#include <QListWidget>
#include <QPalette>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace umgate {

StringListEditor::StringListEditor(bool integers, QWidget* parent) : QWidget(parent), m_integers(integers)
{
    m_list = new QListWidget(this);
    m_list->setObjectName(u"list"_s);
    m_list->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                            QAbstractItemView::SelectedClicked);
    m_list->setMinimumHeight(80);
    m_add = new QPushButton(tr("&Add"), this);
    m_add->setObjectName(u"add"_s);
    m_remove = new QPushButton(tr("&Remove"), this);
    m_remove->setObjectName(u"remove"_s);
    m_up = new QPushButton(tr("Move &Up"), this);
    m_up->setObjectName(u"up"_s);
    m_down = new QPushButton(tr("Move Do&wn"), this);
    m_down->setObjectName(u"down"_s);

    auto* buttons = new QVBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addWidget(m_up);
    buttons->addWidget(m_down);
    buttons->addStretch();
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    setFocusProxy(m_list);

    connect(m_add, &QPushButton::clicked, this, &StringListEditor::add);
    connect(m_remove, &QPushButton::clicked, this, &StringListEditor::removeCurrent);
    connect(m_up, &QPushButton::clicked, this, [this] { move(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { move(1); });
    connect(m_list, &QListWidget::currentRowChanged, this, &StringListEditor::updateButtons);
    connect(m_list, &QListWidget::itemChanged, this, [this] {
        if (!m_loading) emit edited();
    });
    updateButtons();
}

QJsonArray StringListEditor::values() const
{
    QJsonArray out;
    for (int i = 0; i < m_list->count(); ++i) {
        const QString text = m_list->item(i)->text().trimmed();
        if (m_integers) {
            bool ok = false;
            const int n = text.toInt(&ok);
            // A non-number goes to the engine as text so its error names the entry.
            out.append(ok ? QJsonValue(n) : QJsonValue(text));
        } else {
            out.append(text);
        }
    }
    return out;
}

void StringListEditor::setValues(const QJsonArray& values)
{
    if (values == this->values()) return;
    m_loading = true;
    const int row = m_list->currentRow();
    m_list->clear();
    for (const auto& v : values) {
        auto* item = new QListWidgetItem(v.isDouble() ? QString::number(v.toInt()) : v.toString(), m_list);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
    }
    if (row >= 0 && row < m_list->count()) m_list->setCurrentRow(row);
    m_loading = false;
    updateButtons();
}

void StringListEditor::setEntryErrors(const QHash<int, QString>& errors)
{
    m_loading = true;
    for (int i = 0; i < m_list->count(); ++i) {
        QListWidgetItem* item = m_list->item(i);
        const QString reason = errors.value(i);
        item->setToolTip(reason);
        item->setForeground(reason.isEmpty() ? palette().brush(QPalette::Text) : QBrush(Qt::red));
    }
    m_loading = false;
}

void StringListEditor::add()
{
    m_loading = true;
    auto* item = new QListWidgetItem(m_list);
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    m_loading = false;
    m_list->setCurrentItem(item);
    m_list->editItem(item);
    updateButtons();
    // The empty entry is sent only once it has text (itemChanged); an untouched one stays local.
}

void StringListEditor::removeCurrent()
{
    const int row = m_list->currentRow();
    if (row < 0) return;
    delete m_list->takeItem(row);
    updateButtons();
    emit edited();
}

void StringListEditor::move(int delta)
{
    const int row = m_list->currentRow();
    const int target = row + delta;
    if (row < 0 || target < 0 || target >= m_list->count()) return;
    m_loading = true;
    QListWidgetItem* item = m_list->takeItem(row);
    m_list->insertItem(target, item);
    m_list->setCurrentRow(target);
    m_loading = false;
    updateButtons();
    emit edited();
}

void StringListEditor::updateButtons()
{
    const int row = m_list->currentRow();
    m_remove->setEnabled(row >= 0);
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row + 1 < m_list->count());
}

} // namespace umgate
