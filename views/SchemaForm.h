// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>
#include <QStringList>

class QFormLayout;
class QWidget;

namespace umgate {

class SettingsBinder;

// Builds form rows from a list of schema keys: the schema's label with a mnemonic as the buddy
// of the bound editor, the "not yet in effect" note beside it where the schema says so, and the
// key's error label under the editor. A page tab is then a list of keys.
class SchemaForm
{
public:
    // A widget with a QFormLayout holding one row per key, objectName `name`.
    static QWidget* build(SettingsBinder* binder, const QStringList& keys, const QString& name,
                          QWidget* parent = nullptr);
    // Appends rows to an existing form; `mnemonics` collects the letters used so far.
    static void addRows(QFormLayout* form, SettingsBinder* binder, const QStringList& keys, QWidget* parent,
                        QString* mnemonics);
};

} // namespace umgate
