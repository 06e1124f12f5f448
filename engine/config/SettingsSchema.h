// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/config/SettingKey.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

namespace umgate {

struct ValidationError
{
    QString key;    // dotted field path, e.g. "mailSystem.general.port" or "ldap.connection.servers[1].port"
    QString reason; // one sentence an administrator understands
    bool operator==(const ValidationError&) const = default;
};
using ValidationErrors = QList<ValidationError>;

// A field inside an ObjectList entry (LDAP servers, sender list, Print Unread rules).
struct FieldDef
{
    QString name;
    SettingType type;
    QJsonValue defaultValue;
    const char* label;
    QStringList choices = {};
    bool secret = false;
    bool required = false;
    int minimum = 0;                                      // Int: lowest value
    int maximum = 0;                                      // Int: highest value (0 = none)
    std::function<QString(const QJsonValue&)> check = {}; // extra check, returns reason or empty
};

// How `check` is applied (FieldDef and SettingDef alike): scalars pass the value itself,
// StringList/IntList pass each element (the error then names `key[i]`), ObjectList passes the
// whole array after every entry passed its field checks (rules across entries).

// One instance setting. The table in SettingsSchema.cpp is the single source of truth for
// config I/O, validation, RPC, the CLI and the console pages; each entry is made from its typed
// key (SettingKeys.h), which gives it its name, type and, for enums, its choices.
struct SettingDef
{
    QString key; // page.tab.field in lowerCamelCase, after the manual
    SettingType type;
    QJsonValue defaultValue;
    const char* label;   // the manual's label (translated in the console via QT_TRANSLATE_NOOP)
    const char* section; // manual section, e.g. "ixi-UMS 4.2.2.1"
    const char* description;
    const KeyBase* keyObject = nullptr; // the typed key the entry was made from
    QStringList choices = {};
    bool secret = false;  // value lives in the SecretStore; the config only records that it is set
    int minimum = 0;      // Int: lowest value
    int maximum = 0;      // Int: highest value (0 = none)
    int entryMinimum = 0; // IntList: lowest value of each entry
    int maxEntries = 0;   // StringList, IntList, ObjectList: most entries (0 = none)
    // Stored and validated, but this version of the engine does not act on it yet (the SMTP
    // listener's options, outgoing rights, cover pages, Print Unread). The console says so next
    // to the field; tst_settingkeys keeps the mark true.
    bool notYetUsed = false;
    QList<FieldDef> fields = {};                          // ObjectList entries
    std::function<QString(const QJsonValue&)> check = {}; // extra check, returns reason or empty
    // Values the console and the wizard offer, chosen by another setting's value (the manual's
    // templates and attributes per user management type): suggestedBy's value -> suggestion.
    QString suggestedBy = {};
    QJsonObject suggestions = {};

    QString page() const { return key.section(QLatin1Char('.'), 0, 0); }
    QString tab() const { return key.section(QLatin1Char('.'), 1, 1); }
};

class SettingsSchema
{
public:
    static const SettingsSchema& instance();

    const QList<SettingDef>& settings() const { return m_settings; }
    const SettingDef* find(const QString& key) const;
    // The entry made from `key` (every key of SettingKeys.h has one).
    const SettingDef& definition(const KeyBase& key) const;
    QJsonObject defaults() const; // every non-secret key with its default

    // Checks one value against its definition (type, range, syntax). Empty list = valid.
    ValidationErrors validateValue(const SettingDef& def, const QJsonValue& value) const;
    // Checks a complete settings object: every key known, every value valid, and the rules that
    // span fields (retries vs. intervals, TLS needs a certificate, ...). Unknown keys are errors.
    ValidationErrors validate(const QJsonObject& values) const;
    // Fills missing keys with defaults; keeps known keys only.
    QJsonObject withDefaults(const QJsonObject& values) const;

    static QString typeName(SettingType type);
    // For config.schema: key, type, default, label, section, description; choices, secret,
    // notYetUsed, suggestions; minimum/maximum (Int), entryMinimum (IntList), maxEntries (lists),
    // fields (ObjectList) where they apply.
    QJsonArray toJson() const;

private:
    SettingsSchema();
    static QJsonArray fieldsJson(const QList<FieldDef>& fields);
    QJsonArray buildJson() const;
    QList<SettingDef> m_settings;
    QJsonArray m_json; // toJson(), built once: the table never changes and every console asks for it
    QHash<QString, qsizetype> m_index;        // key -> position in m_settings
    QHash<const KeyBase*, qsizetype> m_byKey; // typed key -> position in m_settings
};

} // namespace umgate
