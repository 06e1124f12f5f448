// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/SchemaForm.h"

#include "views/SchemaText.h"
#include "views/SettingsBinder.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace umgate {

QWidget* SchemaForm::build(SettingsBinder* binder, const QStringList& keys, const QString& name,
                           QWidget* parent)
{
    auto* page = new QWidget(parent);
    page->setObjectName(name);
    auto* form = new QFormLayout(page);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    QString mnemonics;
    addRows(form, binder, keys, page, &mnemonics);
    return page;
}

void SchemaForm::addRows(QFormLayout* form, SettingsBinder* binder, const QStringList& keys, QWidget* parent,
                         QString* mnemonics)
{
    for (const QString& key : keys) {
        auto* field = new QWidget(parent);
        field->setObjectName(key + u"-field"_s);
        auto* v = new QVBoxLayout(field);
        v->setContentsMargins(0, 0, 0, 0);
        v->setSpacing(2);
        QWidget* editor = binder->createEditor(key, field);
        if (QLabel* hint = binder->createNotYetUsedHint(key, field)) {
            // The note sits right of the field, so the field keeps its place in the form.
            auto* row = new QHBoxLayout;
            row->addWidget(editor, 1);
            row->addWidget(hint);
            v->addLayout(row);
        } else {
            v->addWidget(editor);
        }
        v->addWidget(binder->createErrorLabel(key, field));
        if (auto* box = qobject_cast<QCheckBox*>(editor)) {
            box->setText(SchemaText::withMnemonic(binder->label(key), mnemonics));
            form->addRow(field);
            continue;
        }
        auto* label = new QLabel(SchemaText::withMnemonic(binder->label(key), mnemonics), parent);
        label->setObjectName(key + u"-label"_s);
        label->setBuddy(editor);
        label->setWordWrap(true);
        form->addRow(label, field);
    }
}

} // namespace umgate
