// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/config/SettingsSchema.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace umgate {

// Engine-wide advanced options, after the NEC "Misc Setup" table: key, value, default, an
// Ignore flag (ignored = the default applies) and a description. Stored in DATA/misc.json.
struct MiscOptionDef
{
    QString key;
    SettingType type; // Bool, Int, String or Enum
    QJsonValue defaultValue;
    const char* description;
    QStringList choices = {};
    int minimum = 0;
    int maximum = 0;
    QString alias = {}; // the NEC name, where one exists (g_szEmailDllPath)
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
    int effectiveInt(const QString& key) const { return effective(key).toInt(); }
    bool effectiveBool(const QString& key) const { return effective(key).toBool(); }
    QString effectiveString(const QString& key) const { return effective(key).toString(); }

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
