// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/ObjectEntryDialog.h"

#include "engine/client/RpcFields.h"
#include "views/ErrorLabel.h"
#include "views/SchemaText.h"
#include "views/StringListEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>
#include <limits>

using namespace Qt::StringLiterals;

namespace umgate {

namespace settingType = rpc::settingType;

namespace field = rpc::field;

ObjectEntryDialog::ObjectEntryDialog(const QJsonArray& fields, const QJsonObject& entry, QWidget* parent)
    : QDialog(parent), m_fields(fields), m_original(entry)
{
    setObjectName(u"objectEntryDialog"_s);
    auto* form = new QFormLayout;
    QString used;
    for (const auto& fv : fields) {
        const QJsonObject f = fv.toObject();
        const QString name = f.value(field::name).toString();
        const QString type = f.value(field::type).toString();
        const QJsonValue value = entry.contains(name) ? entry.value(name) : f.value(field::defaultValue);
        const QString label = SchemaText::fieldLabel(f);
        QWidget* editor = nullptr;
        if (type == settingType::Bool) {
            auto* box = new QCheckBox(SchemaText::withMnemonic(label, &used), this);
            box->setChecked(value.toBool());
            editor = box;
        } else if (type == settingType::Int) {
            auto* spin = new QSpinBox(this);
            const int hi = f.value(field::maximum).toInt();
            spin->setRange(f.value(field::minimum).toInt(), hi > 0 ? hi : std::numeric_limits<int>::max());
            spin->setValue(value.toInt());
            editor = spin;
        } else if (type == settingType::Enum) {
            auto* combo = new QComboBox(this);
            for (const auto& c : f.value(field::choices).toArray())
                combo->addItem(SchemaText::choice(c.toString()), c.toString());
            combo->setCurrentIndex(std::max(0, combo->findData(value.toString())));
            editor = combo;
        } else if (type == settingType::StringList || type == settingType::IntList) {
            auto* list = new StringListEditor(type == settingType::IntList, this);
            list->setValues(value.toArray());
            editor = list;
        } else {
            auto* line = new QLineEdit(this);
            if (f.value(field::secret).toBool()) {
                line->setEchoMode(QLineEdit::Password);
                const bool set = value.isObject() && value.toObject().value(field::set).toBool();
                line->setPlaceholderText(set ? tr("(set)") : tr("(not set)"));
            } else {
                line->setText(value.toString());
            }
            editor = line;
        }
        editor->setObjectName(name);
        auto* error = new ErrorLabel(this, name + u"-error"_s);
        auto* field = new QWidget(this);
        auto* v = new QVBoxLayout(field);
        v->setContentsMargins(0, 0, 0, 0);
        v->addWidget(editor);
        v->addWidget(error);
        if (type == settingType::Bool) {
            form->addRow(field);
        } else {
            auto* l = new QLabel(SchemaText::withMnemonic(label, &used), this);
            l->setBuddy(editor);
            form->addRow(l, field);
        }
        m_editors.insert(name, editor);
        m_errorLabels.insert(name, error);
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

QJsonObject ObjectEntryDialog::entry() const
{
    QJsonObject out = m_original;
    for (const auto& fv : m_fields) {
        const QJsonObject f = fv.toObject();
        const QString name = f.value(field::name).toString();
        QWidget* w = m_editors.value(name);
        if (auto* box = qobject_cast<QCheckBox*>(w)) {
            out.insert(name, box->isChecked());
        } else if (auto* spin = qobject_cast<QSpinBox*>(w)) {
            out.insert(name, spin->value());
        } else if (auto* combo = qobject_cast<QComboBox*>(w)) {
            out.insert(name, combo->currentData().toString());
        } else if (auto* list = qobject_cast<StringListEditor*>(w)) {
            out.insert(name, list->values());
        } else if (auto* line = qobject_cast<QLineEdit*>(w)) {
            if (f.value(field::secret).toBool()) {
                if (!line->text().isEmpty())
                    out.insert(name, line->text());
                else if (!m_original.contains(name))
                    out.remove(name);
            } else {
                out.insert(name, line->text());
            }
        }
    }
    return out;
}

void ObjectEntryDialog::setFieldErrors(const QHash<QString, QString>& errors)
{
    for (auto it = m_errorLabels.begin(); it != m_errorLabels.end(); ++it) {
        auto* label = static_cast<QLabel*>(it.value());
        const QString reason = errors.value(it.key());
        label->setText(reason);
        label->setVisible(!reason.isEmpty());
    }
}

} // namespace umgate
