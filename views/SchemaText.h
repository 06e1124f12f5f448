// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QCoreApplication>
#include <QJsonObject>
#include <QString>

namespace umgate {

// Turns the schema's English runtime strings (labels, descriptions, enum values) into what the
// console shows. Labels are looked up in the "umgate::SettingsSchema" translation context, the
// context the schema's QT_TRANSLATE_NOOP marks use; enum values get readable, translated names.
class SchemaText
{
    Q_DECLARE_TR_FUNCTIONS(umgate::SchemaText)
public:
    static QString label(const QJsonObject& entry);
    static QString description(const QJsonObject& entry);
    static QString fieldLabel(const QJsonObject& field);
    static QString choice(const QString& value);
    // A label with a keyboard mnemonic on the first letter not in `used` (which it extends).
    static QString withMnemonic(const QString& text, QString* used);
};

} // namespace umgate
