// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace umgate {

// umgatectl's human-readable output and the reverse: command-line text to JSON values.
class CtlFormat
{
public:
    // Compact JSON of any value, scalars included ("text", 25, true, [..]).
    static QString json(const QJsonValue& value);
    // A table cell: strings as they are, booleans yes/no, anything else compact JSON.
    static QString cell(const QJsonValue& value);
    // A setting's value for "key = value" lines: compact JSON, secrets as <secret: set>.
    static QString settingValue(const QJsonValue& value);
    // Columns aligned on the widest cell; the last column is not padded.
    static QString table(const QStringList& headers, const QList<QStringList>& rows);
    static QString duration(qint64 seconds); // 3d 4h 5m 6s

    // Command-line text to a value of a schema type ("string", "int", "bool", "stringList", ...).
    // Text-like types take the text as is; others must parse as JSON of the right kind. An empty
    // or unknown type guesses: JSON when it parses as something other than a string, else text.
    static std::optional<QJsonValue> parseValue(const QString& text, const QString& type, QString* reason);
    // on/off, true/false, yes/no, 1/0
    static std::optional<bool> parseSwitch(const QString& text);
};

} // namespace umgate
