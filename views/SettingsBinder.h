// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/console/EngineConnection.h" // InstanceSettings holds a QPointer to it
#include "models/console/InstanceSettings.h"

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QObject>
#include <QPointer>
#include <QStringList>

class QComboBox;
class QLabel;
class QWidget;

namespace umgate {

// Binds editor widgets to settings keys, after Transmission's PrefsDialog: one generic piece of
// code instead of a slot per field. The widget type follows the schema entry (line edit, spin
// box, check box, combo box, list editors); the widget's objectName is the key. Edits go to
// InstanceSettings::setValue, engine changes come back through valueChanged, and the engine's
// validation error for a key appears in a red label next to the field and as its tooltip.
class SettingsBinder : public QObject
{
    Q_OBJECT
public:
    explicit SettingsBinder(InstanceSettings* settings, QObject* parent = nullptr);
    ~SettingsBinder() override;

    InstanceSettings* settings() const { return m_settings; }

    // The schema entry: the engine's (config.schema) when connected, else the built-in one.
    QJsonObject schemaEntry(const QString& key) const;
    QString label(const QString& key) const;
    QString description(const QString& key) const;
    // What a field's tooltip and What's This say: the description, the manual section and, for a
    // setting the engine does not act on yet, that it is not yet in effect.
    QString help(const QString& key) const;
    // The schema marks the setting "not yet used" (config.schema: notYetUsed).
    bool notYetUsed(const QString& key) const;

    // A new editor of the right type for the key, already bound. Bool editors carry the label.
    QWidget* createEditor(const QString& key, QWidget* parent);
    // Binds an existing QLineEdit, QSpinBox, QCheckBox, QComboBox, StringListEditor or
    // ObjectListEditor; sets its objectName to the key.
    void bind(QWidget* editor, const QString& key);
    // The red label that shows the key's error; objectName "<key>-error".
    QLabel* createErrorLabel(const QString& key, QWidget* parent);
    // For a setting the engine does not act on yet: a small grey note to put next to its field,
    // objectName "<key>-notYetUsed", so nobody sets something that does nothing. Else nullptr.
    QLabel* createNotYetUsedHint(const QString& key, QWidget* parent);
    QWidget* editor(const QString& key) const;

    QJsonValue value(const QString& key) const;
    void setValue(const QString& key, const QJsonValue& value);
    // The key's own error and those of its list entries and fields, one per line.
    QString errorFor(const QString& key) const;
    // Sets every key whose schema suggestions depend on `byKey` to the suggestion for byKey's
    // current value (the wizard's user management type fills the attribute and template).
    void applySuggestions(const QString& byKey);
    void reloadAll();

signals:
    void edited(const QString& key);
    void valueChanged(const QString& key);
    void errorsChanged();

private:
    static QString notYetUsedText();

    struct Binding
    {
        QPointer<QWidget> editor;
        QPointer<QLabel> error;
    };

    void load(const QString& key);
    void showErrors();
    void fillSuggestionItems(const QString& key);
    void bindCombo(QComboBox* combo, const QString& key, const QJsonObject& entry);

    QPointer<InstanceSettings> m_settings;
    QHash<QString, Binding> m_bindings;
    QStringList m_order;
    int m_loading = 0;
};

} // namespace umgate
