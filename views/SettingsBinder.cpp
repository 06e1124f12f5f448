// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/SettingsBinder.h"

#include "engine/client/RpcFields.h"
#include "models/console/EngineConnection.h"
#include "models/console/InstanceSettings.h"
#include "views/ErrorLabel.h"
#include "views/ObjectListEditor.h"
#include "views/SchemaText.h"
#include "views/StringListEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <limits>

using namespace Qt::StringLiterals;

namespace umgate {

namespace settingType = rpc::settingType;

namespace field = rpc::field;

namespace {

bool isSecret(const QJsonObject& entry)
{
    return entry.value(field::secret).toBool();
}

// "a.b[2].field" -> (2, "field"); "a.b[2]" -> (2, "").
bool splitEntryKey(const QString& base, const QString& key, int* index, QString* field)
{
    if (!key.startsWith(base + u'[')) return false;
    const qsizetype close = key.indexOf(u']', base.size());
    if (close < 0) return false;
    bool ok = false;
    *index = key.mid(base.size() + 1, close - base.size() - 1).toInt(&ok);
    if (!ok) return false;
    *field = key.mid(close + 1);
    if (field->startsWith(u'.')) field->remove(0, 1);
    return true;
}

} // namespace

SettingsBinder::SettingsBinder(InstanceSettings* settings, QObject* parent)
    : QObject(parent), m_settings(settings)
{
    Q_ASSERT(m_settings);
    connect(m_settings, &InstanceSettings::valueChanged, this, [this](const QString& key) {
        load(key);
        emit valueChanged(key);
    });
    connect(m_settings, &InstanceSettings::loaded, this, &SettingsBinder::reloadAll);
    connect(m_settings, &InstanceSettings::errorsChanged, this, [this] {
        showErrors();
        emit errorsChanged();
    });
}

SettingsBinder::~SettingsBinder() = default;

QJsonObject SettingsBinder::schemaEntry(const QString& key) const
{
    // The engine's answer only: a console of another version must not show its own idea of a
    // setting (label, type, default) for an engine that reads it differently.
    if (m_settings && m_settings->connection()) return m_settings->connection()->schemaEntry(key);
    return {};
}

QString SettingsBinder::label(const QString& key) const
{
    return SchemaText::label(schemaEntry(key));
}

QString SettingsBinder::description(const QString& key) const
{
    return SchemaText::description(schemaEntry(key));
}

QString SettingsBinder::help(const QString& key) const
{
    const QJsonObject entry = schemaEntry(key);
    QStringList parts;
    if (const QString d = SchemaText::description(entry); !d.isEmpty()) parts << d;
    if (const QString section = entry.value(field::section).toString(); !section.isEmpty())
        parts << tr("Manual: %1").arg(section);
    if (notYetUsed(key)) parts << notYetUsedText();
    return parts.join(u"\n\n"_s);
}

bool SettingsBinder::notYetUsed(const QString& key) const
{
    return schemaEntry(key).value(field::notYetUsed).toBool();
}

QString SettingsBinder::notYetUsedText()
{
    return tr("Not yet in effect in this version: the engine keeps this setting but does not act on it yet.");
}

QWidget* SettingsBinder::createEditor(const QString& key, QWidget* parent)
{
    const QJsonObject entry = schemaEntry(key);
    const QString type = entry.value(field::type).toString();
    QWidget* editor = nullptr;
    if (isSecret(entry)) {
        auto* line = new QLineEdit(parent);
        line->setEchoMode(QLineEdit::Password);
        editor = line;
    } else if (type == settingType::Bool) {
        editor = new QCheckBox(label(key), parent);
    } else if (type == settingType::Int) {
        editor = new QSpinBox(parent);
    } else if (type == settingType::Enum) {
        editor = new QComboBox(parent);
    } else if (type == settingType::StringList || type == settingType::IntList) {
        editor = new StringListEditor(type == settingType::IntList, parent);
    } else if (type == settingType::ObjectList) {
        editor = new ObjectListEditor(entry.value(field::fields).toArray(),
                                      entry.value(field::maxEntries).toInt(), parent);
    } else if (entry.contains(field::suggestions)) {
        auto* combo = new QComboBox(parent);
        combo->setEditable(true);
        combo->setInsertPolicy(QComboBox::NoInsert);
        editor = combo;
    } else {
        editor = new QLineEdit(parent);
    }
    bind(editor, key);
    return editor;
}

void SettingsBinder::fillSuggestionItems(const QString& key)
{
    auto* combo = qobject_cast<QComboBox*>(editor(key));
    if (!combo || !combo->isEditable()) return;
    const QJsonObject s = schemaEntry(key).value(field::suggestions).toObject();
    const QJsonObject values = s.value(field::values).toObject();
    const QString by = value(s.value(field::by).toString()).toString();
    // The suggestion for the current user management type first, then the others.
    QStringList items;
    if (values.contains(by)) items << values.value(by).toString();
    for (auto it = values.begin(); it != values.end(); ++it)
        if (!items.contains(it.value().toString())) items << it.value().toString();
    ++m_loading;
    const QString text = combo->currentText();
    combo->clear();
    combo->addItems(items);
    combo->setCurrentText(text);
    --m_loading;
}

// An editable combo box offers the schema's suggestions (the search templates per user management
// type); a fixed one lists the schema's choices with their translated names.
void SettingsBinder::bindCombo(QComboBox* combo, const QString& key, const QJsonObject& entry)
{
    if (combo->isEditable()) {
        // Search templates are long; the field grows with the form instead of the window.
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(24);
        combo->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        fillSuggestionItems(key);
        const QString by = entry.value(field::suggestions).toObject().value(field::by).toString();
        if (!by.isEmpty())
            connect(this, &SettingsBinder::valueChanged, combo, [this, key, by](const QString& changed) {
                if (changed == by) fillSuggestionItems(key);
            });
        connect(combo, &QComboBox::editTextChanged, this, [this, key](const QString& text) {
            if (!m_loading) setValue(key, text);
        });
    } else {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        if (combo->count() == 0)
            for (const auto& c : entry.value(field::choices).toArray())
                combo->addItem(SchemaText::choice(c.toString()), c.toString());
        connect(combo, &QComboBox::activated, this, [this, key, combo](int index) {
            if (!m_loading) setValue(key, combo->itemData(index).toString());
        });
    }
}

void SettingsBinder::bind(QWidget* w, const QString& key)
{
    w->setObjectName(key);
    if (!m_bindings.contains(key)) m_order << key;
    m_bindings[key].editor = w;
    const QJsonObject entry = schemaEntry(key);
    const bool secret = isSecret(entry);

    if (auto* line = qobject_cast<QLineEdit*>(w)) {
        connect(line, &QLineEdit::textEdited, this, [this, key, secret](const QString& text) {
            if (secret && text.isEmpty()) {
                // Clearing a typed secret goes back to the stored one; it does not delete it.
                if (m_settings)
                    setValue(key, m_settings->engineValue(key));
                else
                    setValue(key, QString());
                return;
            }
            setValue(key, text);
        });
    } else if (auto* spin = qobject_cast<QSpinBox*>(w)) {
        const int hi = entry.value(field::maximum).toInt();
        spin->setRange(entry.value(field::minimum).toInt(), hi > 0 ? hi : std::numeric_limits<int>::max());
        // Beyond the range the spin box would clamp silently; the engine's checks see what is typed.
        connect(spin, &QSpinBox::valueChanged, this, [this, key](int v) {
            if (!m_loading) setValue(key, v);
        });
    } else if (auto* box = qobject_cast<QCheckBox*>(w)) {
        connect(box, &QCheckBox::toggled, this, [this, key](bool on) {
            if (!m_loading) setValue(key, on);
        });
    } else if (auto* combo = qobject_cast<QComboBox*>(w)) {
        bindCombo(combo, key, entry);
    } else if (auto* list = qobject_cast<StringListEditor*>(w)) {
        connect(list, &StringListEditor::edited, this, [this, key, list] { setValue(key, list->values()); });
    } else if (auto* objects = qobject_cast<ObjectListEditor*>(w)) {
        connect(objects, &ObjectListEditor::edited, this,
                [this, key, objects] { setValue(key, objects->values()); });
    }

    // A check box carries its label; the others show the engine's error in the tooltip instead
    // (showErrors), and the help again when the error is gone.
    w->setToolTip(help(key));
    w->setWhatsThis(help(key));
    load(key);
}

QLabel* SettingsBinder::createErrorLabel(const QString& key, QWidget* parent)
{
    auto* label = new ErrorLabel(parent, key + u"-error"_s);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->hide();
    m_bindings[key].error = label;
    if (!m_order.contains(key)) m_order << key;
    showErrors();
    return label;
}

QLabel* SettingsBinder::createNotYetUsedHint(const QString& key, QWidget* parent)
{
    if (!notYetUsed(key)) return nullptr;
    auto* hint = new QLabel(tr("not yet in effect"), parent);
    hint->setObjectName(key + u"-notYetUsed"_s);
    hint->setForegroundRole(QPalette::PlaceholderText); // greyed like a hint, in every theme
    QFont font = hint->font();
    font.setItalic(true);
    hint->setFont(font);
    hint->setToolTip(notYetUsedText());
    return hint;
}

QWidget* SettingsBinder::editor(const QString& key) const
{
    return m_bindings.value(key).editor;
}

QJsonValue SettingsBinder::value(const QString& key) const
{
    return m_settings->value(key);
}

void SettingsBinder::setValue(const QString& key, const QJsonValue& v)
{
    m_settings->setValue(key, v);
    emit edited(key);
}

QString SettingsBinder::errorFor(const QString& key) const
{
    const QHash<QString, QString> all = m_settings->errors();
    QStringList lines;
    if (const QString own = all.value(key); !own.isEmpty()) lines << own;
    QStringList subKeys;
    for (auto it = all.begin(); it != all.end(); ++it)
        if (it.key().startsWith(key + u'[') || it.key().startsWith(key + u'.')) subKeys << it.key();
    subKeys.sort();
    for (const QString& k : subKeys) {
        int index = -1;
        QString field;
        if (splitEntryKey(key, k, &index, &field))
            lines << tr("Entry %1%2: %3")
                         .arg(index + 1)
                         .arg(field.isEmpty() ? QString() : u" ("_s + field + u")"_s, all.value(k));
        else
            lines << all.value(k);
    }
    return lines.join(u'\n');
}

void SettingsBinder::applySuggestions(const QString& byKey)
{
    const QString by = value(byKey).toString();
    // Every key of the schema, bound here or not: the wizard sets the attribute on one page and
    // shows it on the next.
    if (!m_settings || !m_settings->connection()) return;
    for (const auto& entry : m_settings->connection()->schema()) {
        const QJsonObject s = entry.toObject().value(field::suggestions).toObject();
        if (s.value(field::by).toString() != byKey) continue;
        const QJsonObject values = s.value(field::values).toObject();
        if (values.contains(by)) setValue(entry.toObject().value(field::key).toString(), values.value(by));
    }
}

void SettingsBinder::reloadAll()
{
    for (const QString& key : std::as_const(m_order))
        load(key);
    showErrors();
}

void SettingsBinder::load(const QString& key)
{
    QWidget* w = editor(key);
    if (!w) return;
    const QJsonValue v = value(key);
    ++m_loading;
    if (auto* line = qobject_cast<QLineEdit*>(w)) {
        if (line->echoMode() == QLineEdit::Password) {
            const bool typed = v.isString();
            const bool set = v.isObject() && v.toObject().value(field::set).toBool();
            if (!typed && !line->text().isEmpty()) line->clear();
            if (typed && line->text() != v.toString()) line->setText(v.toString());
            line->setPlaceholderText(set ? tr("(set)") : tr("(not set)"));
        } else if (line->text() != v.toString()) {
            line->setText(v.toString());
        }
    } else if (auto* spin = qobject_cast<QSpinBox*>(w)) {
        if (v.isDouble() && spin->value() != v.toInt()) spin->setValue(v.toInt());
    } else if (auto* box = qobject_cast<QCheckBox*>(w)) {
        box->setChecked(v.toBool());
    } else if (auto* combo = qobject_cast<QComboBox*>(w)) {
        if (combo->isEditable()) {
            if (combo->currentText() != v.toString()) combo->setEditText(v.toString());
        } else {
            const int i = combo->findData(v.toString());
            if (i >= 0) combo->setCurrentIndex(i);
        }
    } else if (auto* list = qobject_cast<StringListEditor*>(w)) {
        list->setValues(v.toArray());
    } else if (auto* objects = qobject_cast<ObjectListEditor*>(w)) {
        objects->setValues(v.toArray());
    }
    --m_loading;
}

void SettingsBinder::showErrors()
{
    const QHash<QString, QString> all = m_settings->errors();
    for (auto it = m_bindings.begin(); it != m_bindings.end(); ++it) {
        const QString& key = it.key();
        const QString text = errorFor(key);
        if (QLabel* label = it.value().error) {
            label->setText(text);
            label->setVisible(!text.isEmpty());
        }
        QWidget* w = it.value().editor;
        if (!w) continue;
        if (!qobject_cast<QCheckBox*>(w)) w->setToolTip(text.isEmpty() ? help(key) : text);
        if (auto* list = qobject_cast<StringListEditor*>(w)) {
            QHash<int, QString> entries;
            for (auto e = all.begin(); e != all.end(); ++e) {
                int index = -1;
                QString field;
                if (splitEntryKey(key, e.key(), &index, &field)) entries.insert(index, e.value());
            }
            list->setEntryErrors(entries);
        } else if (auto* objects = qobject_cast<ObjectListEditor*>(w)) {
            QHash<int, QHash<QString, QString>> entries;
            for (auto e = all.begin(); e != all.end(); ++e) {
                int index = -1;
                QString field;
                if (splitEntryKey(key, e.key(), &index, &field)) {
                    // "numbers[3]" inside a rule belongs to the field "numbers".
                    field = field.section(u'[', 0, 0);
                    entries[index].insert(field, e.value());
                }
            }
            objects->setEntryErrors(entries);
        }
    }
}

} // namespace umgate
