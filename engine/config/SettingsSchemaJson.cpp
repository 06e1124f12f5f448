// SPDX-License-Identifier: GPL-3.0-or-later
// The config.schema answer: the settings table as JSON, built once (the table never changes).
#include "engine/client/RpcFields.h"
#include "engine/config/SettingsSchema.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace umgate {

QString SettingsSchema::typeName(SettingType type)
{
    switch (type) {
    case SettingType::Bool:
        return rpc::settingType::Bool;
    case SettingType::Int:
        return rpc::settingType::Int;
    case SettingType::String:
        return rpc::settingType::String;
    case SettingType::StringList:
        return rpc::settingType::StringList;
    case SettingType::IntList:
        return rpc::settingType::IntList;
    case SettingType::Enum:
        return rpc::settingType::Enum;
    case SettingType::ObjectList:
        return rpc::settingType::ObjectList;
    }
    return u"unknown"_s;
}

namespace field = rpc::field;

QJsonArray SettingsSchema::toJson() const
{
    return m_json;
}

QJsonArray SettingsSchema::buildJson() const
{
    QJsonArray out;
    for (const SettingDef& d : m_settings) {
        QJsonObject o{{field::key, d.key},
                      {field::type, typeName(d.type)},
                      {field::defaultValue, d.secret ? QJsonValue() : d.defaultValue},
                      {field::label, QString::fromUtf8(d.label)},
                      {field::section, QString::fromUtf8(d.section)},
                      {field::description, QString::fromUtf8(d.description)}};
        if (!d.choices.isEmpty()) o.insert(field::choices, QJsonArray::fromStringList(d.choices));
        if (d.secret) o.insert(field::secret, true);
        if (d.notYetUsed) o.insert(field::notYetUsed, true);
        if (!d.suggestions.isEmpty())
            o.insert(field::suggestions,
                     QJsonObject{{field::by, d.suggestedBy}, {field::values, d.suggestions}});
        if (d.type == SettingType::Int) {
            o.insert(field::minimum, d.minimum);
            if (d.maximum > 0) o.insert(field::maximum, d.maximum);
        }
        if (d.type == SettingType::IntList) o.insert(field::entryMinimum, d.entryMinimum);
        if (d.maxEntries > 0) o.insert(field::maxEntries, d.maxEntries);
        if (!d.fields.isEmpty()) o.insert(field::fields, fieldsJson(d.fields));
        out.append(o);
    }
    return out;
}

QJsonArray SettingsSchema::fieldsJson(const QList<FieldDef>& fields)
{
    QJsonArray out;
    for (const FieldDef& f : fields) {
        QJsonObject o{{field::name, f.name},
                      {field::type, typeName(f.type)},
                      {field::defaultValue, f.secret ? QJsonValue() : f.defaultValue},
                      {field::label, QString::fromUtf8(f.label)}};
        if (!f.choices.isEmpty()) o.insert(field::choices, QJsonArray::fromStringList(f.choices));
        if (f.secret) o.insert(field::secret, true);
        if (f.required) o.insert(field::required, true);
        if (f.type == SettingType::Int) {
            o.insert(field::minimum, f.minimum);
            if (f.maximum > 0) o.insert(field::maximum, f.maximum);
        }
        out.append(o);
    }
    return out;
}

} // namespace umgate
