// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QJsonValue>
#include <QLatin1String>
#include <QList>
#include <QString>
#include <QStringList>
#include <cmath>
#include <concepts>
#include <limits>
#include <optional>
#include <span>
#include <type_traits>

namespace umgate {

// How a setting is stored in JSON. Follows from the key's C++ type (settingTypeOf below), so a
// table entry cannot claim a type its readers do not get.
enum class SettingType
{
    Bool,
    Int,
    String,
    StringList,
    IntList,
    Enum,       // one of SettingDef::choices: the names of the key's enum class
    ObjectList, // list of objects described by SettingDef::fields
};

// ---------------------------------------------------------------------------------------------
// Enum-like settings are enum classes. Each has one table of its stored names, found by ADL:
//     constexpr std::span<const EnumName<MessageStoreMode>> enumNames(MessageStoreMode);
// The schema's choices, the validator and every typed read use that table, so a name cannot be
// spelt differently in two places.
template <typename E> struct EnumName
{
    E value;
    const char* name;
};

template <typename E>
concept SettingEnum = std::is_enum_v<E> && requires(E e)
{
    {
        enumNames(e)
        } -> std::convertible_to<std::span<const EnumName<E>>>;
};

template <SettingEnum E> QString enumName(E value)
{
    for (const EnumName<E>& n : enumNames(value))
        if (n.value == value) return QString::fromLatin1(n.name);
    return {};
}

template <SettingEnum E> std::optional<E> enumFromName(QStringView text)
{
    for (const EnumName<E>& n : enumNames(E{}))
        if (text == QLatin1String(n.name)) return n.value;
    return std::nullopt;
}

template <SettingEnum E> QStringList enumChoices()
{
    QStringList names;
    for (const EnumName<E>& n : enumNames(E{}))
        names << QString::fromLatin1(n.name);
    return names;
}

// ---------------------------------------------------------------------------------------------
// Typed keys (after KeePassXC's Config::Key). A key names a setting and carries its C++ type:
//     inline constexpr Key<QList<int>> pollingIntervals{"mailSystem.polling.intervals"};
// Keys are declared once, in SettingKeys.h (instance settings) and MiscKeys.h (Misc Setup); the
// tables are built from them and the engine reads through them (SettingValues::get,
// InstanceConfig::get, MiscSetup::get). Keys cannot be copied: the schema finds a key's entry by
// its address.
class KeyBase
{
public:
    constexpr explicit KeyBase(const char* name) : m_name(name) {}
    KeyBase(const KeyBase&) = delete;
    KeyBase& operator=(const KeyBase&) = delete;

    QLatin1String name() const { return QLatin1String(m_name); }
    QString toString() const { return QString::fromLatin1(m_name); }

private:
    const char* m_name;
};

template <typename T> class Key : public KeyBase
{
public:
    using Value = T;
    using KeyBase::KeyBase;
};

// A field of an object-list entry (an LDAP server's port, a sender list entry's account, ...).
template <typename T> class FieldKey : public KeyBase
{
public:
    using Value = T;
    using KeyBase::KeyBase;
};

class SettingEntry; // SettingValues.h: one object-list entry, read through Field keys
using SettingEntries = QList<SettingEntry>;

// ---------------------------------------------------------------------------------------------
// JSON <-> C++ for each key type. fromJson gives nothing for a value of the wrong JSON type; the
// reader then falls back to the table's default.
template <typename T> struct SettingCodec;

template <> struct SettingCodec<bool>
{
    static constexpr SettingType type = SettingType::Bool;
    static std::optional<bool> fromJson(const QJsonValue& v)
    {
        if (!v.isBool()) return std::nullopt;
        return v.toBool();
    }
    static QJsonValue toJson(bool value) { return value; }
};

template <> struct SettingCodec<int>
{
    static constexpr SettingType type = SettingType::Int;
    static std::optional<int> fromJson(const QJsonValue& v)
    {
        if (!v.isDouble()) return std::nullopt;
        const double d = v.toDouble();
        if (!std::isfinite(d) || std::floor(d) != d || d < std::numeric_limits<int>::min() ||
            d > std::numeric_limits<int>::max())
            return std::nullopt;
        return int(d);
    }
    static QJsonValue toJson(int value) { return value; }
};

template <> struct SettingCodec<QString>
{
    static constexpr SettingType type = SettingType::String;
    static std::optional<QString> fromJson(const QJsonValue& v)
    {
        if (!v.isString()) return std::nullopt;
        return v.toString();
    }
    static QJsonValue toJson(const QString& value) { return value; }
};

template <> struct SettingCodec<QStringList>
{
    static constexpr SettingType type = SettingType::StringList;
    static std::optional<QStringList> fromJson(const QJsonValue& v)
    {
        if (!v.isArray()) return std::nullopt;
        QStringList out;
        for (const auto& e : v.toArray()) {
            if (!e.isString()) return std::nullopt;
            out << e.toString();
        }
        return out;
    }
    static QJsonValue toJson(const QStringList& value) { return QJsonArray::fromStringList(value); }
};

template <> struct SettingCodec<QList<int>>
{
    static constexpr SettingType type = SettingType::IntList;
    static std::optional<QList<int>> fromJson(const QJsonValue& v)
    {
        if (!v.isArray()) return std::nullopt;
        QList<int> out;
        for (const auto& e : v.toArray()) {
            const std::optional<int> i = SettingCodec<int>::fromJson(e);
            if (!i) return std::nullopt;
            out << *i;
        }
        return out;
    }
    static QJsonValue toJson(const QList<int>& value)
    {
        QJsonArray a;
        for (int i : value)
            a.append(i);
        return a;
    }
};

template <SettingEnum E> struct SettingCodec<E>
{
    static constexpr SettingType type = SettingType::Enum;
    static std::optional<E> fromJson(const QJsonValue& v)
    {
        if (!v.isString()) return std::nullopt;
        return enumFromName<E>(v.toString());
    }
    static QJsonValue toJson(E value) { return enumName(value); }
};

template <typename T> constexpr SettingType settingTypeOf()
{
    if constexpr (std::is_same_v<T, SettingEntries>)
        return SettingType::ObjectList;
    else
        return SettingCodec<T>::type;
}

} // namespace umgate
