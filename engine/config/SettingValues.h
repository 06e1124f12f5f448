// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/config/SettingKeys.h"
#include "engine/config/SettingsSchema.h"

#include <QJsonArray>
#include <QJsonObject>

namespace umgate {

// One entry of an object list (an LDAP server, a sender list entry, a Print Unread rule), read
// through its typed fields: a field that is missing or of the wrong type gives the table's
// default for that field.
class SettingEntry
{
public:
    SettingEntry() = default;
    SettingEntry(QJsonObject object, const QList<FieldDef>* fields)
        : m_object(std::move(object)), m_fields(fields)
    {
    }

    // The entry's stable id (InstanceConfig::newEntryId); names its secrets.
    QString id() const { return m_object.value(QLatin1String("id")).toString(); }

    template <typename T> T get(const FieldKey<T>& field) const
    {
        if (std::optional<T> v = SettingCodec<T>::fromJson(m_object.value(field.name()))) return *v;
        if (m_fields)
            for (const FieldDef& f : *m_fields)
                if (f.name == field.name())
                    if (std::optional<T> d = SettingCodec<T>::fromJson(f.defaultValue)) return *d;
        Q_ASSERT_X(false, "SettingEntry::get", "a field that is not in the table");
        return T{};
    }

    const QJsonObject& json() const { return m_object; }

private:
    QJsonObject m_object;
    const QList<FieldDef>* m_fields = nullptr;
};

// Typed reads of one instance's settings (the values of instance.json): get(key) gives the key's
// C++ type, and the table's default when the value is missing or of the wrong JSON type. The one
// way the engine reads an instance setting; InstanceConfig::get is the same.
class SettingValues
{
public:
    SettingValues() = default;
    explicit SettingValues(QJsonObject values) : m_values(std::move(values)) {}

    template <typename T> T get(const Key<T>& key) const { return read(m_values, key); }
    const QJsonObject& json() const { return m_values; }

    template <typename T> static T read(const QJsonObject& values, const Key<T>& key)
    {
        const QJsonValue v = values.value(key.name());
        if constexpr (std::is_same_v<T, SettingEntries>) {
            const SettingDef& def = SettingsSchema::instance().definition(key);
            return entries(v.isArray() ? v.toArray() : def.defaultValue.toArray(), def);
        } else {
            if (std::optional<T> typed = SettingCodec<T>::fromJson(v)) return *typed;
            const std::optional<T> fallback =
                SettingCodec<T>::fromJson(SettingsSchema::instance().definition(key).defaultValue);
            Q_ASSERT_X(fallback, "SettingValues::read", "the table's default does not fit the key's type");
            return fallback.value_or(T{});
        }
    }

private:
    static SettingEntries entries(const QJsonArray& array, const SettingDef& def)
    {
        SettingEntries out;
        out.reserve(array.size());
        for (const auto& e : array)
            if (e.isObject()) out.append(SettingEntry(e.toObject(), &def.fields));
        return out;
    }

    QJsonObject m_values;
};

} // namespace umgate
