// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

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

enum class SettingType
{
    Bool,
    Int,
    String,
    StringList,
    IntList,
    Enum,       // one of SettingDef::choices
    ObjectList, // list of objects described by SettingDef::fields
};

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
    int minimum = 0;
    int maximum = 0;                                      // 0 = unbounded for Int; max length for lists
    std::function<QString(const QJsonValue&)> check = {}; // extra check, returns reason or empty
    // Values the console and the wizard offer, chosen by another setting's value (the manual's
    // templates and attributes per user management type): suggestedBy's value -> suggestion.
    QString suggestedBy = {};
    QJsonObject suggestions = {};
};

// How `check` is applied (FieldDef and SettingDef alike): scalars pass the value itself,
// StringList/IntList pass each element (the error then names `key[i]`), ObjectList passes the
// whole array after every entry passed its field checks (rules across entries).

// One instance setting. The table in SettingsSchema.cpp is the single source of truth for
// config I/O, validation, RPC, the CLI and the console pages.
struct SettingDef
{
    QString key; // page.tab.field in lowerCamelCase, after the manual
    SettingType type;
    QJsonValue defaultValue;
    const char* label;   // the manual's label (translated in the console via QT_TRANSLATE_NOOP)
    const char* section; // manual section, e.g. "ixi-UMS 4.2.2.1"
    const char* description;
    QStringList choices = {};
    bool secret = false; // value lives in the SecretStore; the config only records that it is set
    int minimum = 0;
    int maximum = 0;             // Int: upper bound (0 = none); lists: maximum entries (0 = none)
    QList<FieldDef> fields = {}; // ObjectList entries
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
    QJsonObject defaults() const; // every non-secret key with its default

    // Checks one value against its definition (type, range, syntax). Empty list = valid.
    ValidationErrors validateValue(const SettingDef& def, const QJsonValue& value) const;
    // Checks a complete settings object: every key known, every value valid, and the rules that
    // span fields (retries vs. intervals, TLS needs a certificate, ...). Unknown keys are errors.
    ValidationErrors validate(const QJsonObject& values) const;
    // Fills missing keys with defaults; keeps known keys only.
    QJsonObject withDefaults(const QJsonObject& values) const;

    static QString typeName(SettingType type);
    QJsonArray toJson() const; // for config.schema: key, type, default, label, section, ...

private:
    SettingsSchema();
    QList<SettingDef> m_settings;
    QHash<QString, qsizetype> m_index; // key -> position in m_settings
};

// Validators shared by the schema, Misc Setup and import. Each returns an empty string when the
// value is fine, else the reason.
namespace validators {
QString port(int value);
QString ipAddress(const QString& value, bool allowEmpty);         // IPv4 or IPv6 literal
QString host(const QString& value, bool allowEmpty);              // host name or IP literal
QString emailAddress(const QString& value, bool allowEmpty);      // addr-spec, RFC 5321 limits
QString senderTemplate(const QString& value, bool allowEmpty);    // needs $(number) and $(addrtype)
QString ldapFilterTemplate(const QString& value);                 // RFC 4515 after substitution
QString distinguishedName(const QString& value, bool allowEmpty); // RFC 4514 via ldap_str2dn
QString ldapAttributeName(const QString& value, bool allowEmpty);
QString instanceId(const QString& value);         // [A-Za-z][A-Za-z0-9_-]{0,63}
QString phoneNumberPattern(const QString& value); // Print Unread numbers / ranges / *
} // namespace validators

} // namespace umgate
