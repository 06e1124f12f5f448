// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/config/MiscKeys.h"
#include "engine/config/SettingsSchema.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace umgate {

// Engine-wide advanced options, after the NEC "Misc Setup" table: key, value, default, an
// Ignore flag (ignored = the default applies) and a description. Stored in DATA/misc.json. Each
// entry is made from its typed key (MiscKeys.h), which gives it its name, type and choices.
struct MiscOptionDef
{
    QString key;
    SettingType type; // Bool, Int, String or Enum
    QJsonValue defaultValue;
    const char* description;
    QStringList choices = {};
    int minimum = 0;
    int maximum = 0;
    QString alias = {};                 // the NEC name, where one exists (g_szEmailDllPath)
    bool notYetUsed = false;            // stored, but this version does not act on it yet
    const KeyBase* keyObject = nullptr; // the typed key the entry was made from
};

class MiscSetup
{
public:
    struct Entry
    {
        QJsonValue value;
        bool ignore = true;
    };

    static const QList<MiscOptionDef>& definitions();
    static const MiscOptionDef* find(const QString& keyOrAlias);

    // Loads DATA/misc.json; a missing file means all defaults. A broken file is an error, not a
    // silent reset: the engine refuses to start rather than run on settings nobody chose.
    bool load(const QString& path, QString* error);
    bool save(const QString& path, QString* error) const;

    // The value that applies: the default when the option is ignored.
    QJsonValue effective(const QString& key) const;
    // The same, typed: how the engine reads an option.
    template <typename T> T get(const MiscKey<T>& key) const
    {
        if (std::optional<T> v = SettingCodec<T>::fromJson(effective(key.toString()))) return *v;
        const MiscOptionDef* def = find(key.toString());
        Q_ASSERT_X(def, "MiscSetup::get", "a key that is not in the table");
        return def ? SettingCodec<T>::fromJson(def->defaultValue).value_or(T{}) : T{};
    }

    Entry entry(const QString& key) const;
    // Setting a value clears the Ignore flag unless `ignore` says otherwise. Returns the reason
    // when the value is invalid; nothing changes then.
    QString set(const QString& key, const std::optional<QJsonValue>& value, std::optional<bool> ignore);
    void reset(const QString& key);

    QJsonObject toJson(const QString& key) const; // {key, value, default, ignore, description, type, ...}
    QByteArray serialize() const;
    static QString validate(const MiscOptionDef& def, const QJsonValue& value);

private:
    QHash<QString, Entry> m_entries;
};

} // namespace umgate
