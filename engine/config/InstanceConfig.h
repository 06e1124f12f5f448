// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/config/SettingValues.h"
#include "engine/config/SettingsSchema.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace umgate {

// One connector instance's configuration as stored in DATA/instances/ID/instance.json.
// Settings hold every non-secret schema key; secrets live in the SecretStore and the config only
// records which of them are set, so listings can say "set" without reading them.
struct InstanceConfig
{
    QString id;
    QString name;
    bool enabled = true;
    QJsonObject settings;
    // Schema keys, or paths into object lists by the entry's id
    // ("systemPreferences.email.senders[3f9c0a...].password", see entrySecretPath).
    QStringList secretsSet;

    static constexpr int FormatVersion = 1;

    static InstanceConfig withDefaults(const QString& id, const QString& name);

    QByteArray serialize() const;
    static std::optional<InstanceConfig> parse(const QByteArray& data, QString* error);

    // The export document: versioned, no secrets, no secret markers. Export, import, export is
    // byte-for-byte identical because keys are sorted and every key is written.
    // Written to a file with ExportFormat::text.
    QJsonObject exportDocument() const;

    // Every entry of an object list (LDAP servers, senders, Print Unread rules) carries a stable
    // "id", so its secrets follow the entry when entries are moved, inserted or deleted (keyed by
    // position, deleting entry 1 handed its password to entry 2). The engine gives entries without
    // one a new random id; clients send ids back unchanged.
    static QString newEntryId();
    static QString entrySecretPath(const QString& key, const QString& entryId, const QString& field);
    // The SecretStore key of an instance's secret: "ID/PATH", PATH a schema key or an entrySecretPath.
    static QString secretStoreKey(const QString& instanceId, const QString& path);
    // Gives every object-list entry without an id a new one; true when anything changed.
    bool assignEntryIds();

    // Secrets stored before entries had ids ("KEY[2].password") and where they belong now.
    struct SecretMove
    {
        QString from;
        QString to; // empty: no entry at that position any more, the secret goes
    };
    QList<SecretMove> positionalSecrets() const;
    // Secret paths naming an entry id that is not in its list (e.g. after a hand edit).
    QStringList orphanedEntrySecrets() const;

    // The typed value of a setting (SettingKeys.h); the table's default when it is missing or of the
    // wrong type. How the engine reads an instance's settings.
    template <typename T> T get(const Key<T>& key) const { return SettingValues::read(settings, key); }

    QString listenAddress() const { return get(keys::listenAddress); }
    int listenPort() const { return get(keys::listenPort); }
    ValidationErrors validate() const; // id, name and every setting; not cross-instance rules
};

// Parsing an import document. Errors name the line (for JSON syntax and, where it can be found,
// for a bad field) and the field path.
struct ImportError
{
    int line = 0; // 1-based; 0 = unknown
    int column = 0;
    QString key;
    QString reason;
    QString toString() const;
};

struct ImportResult
{
    std::optional<InstanceConfig> config;
    QList<ImportError> errors;
};

ImportResult parseImportDocument(const QByteArray& text, const QString& asId = {});
ImportResult parseImportDocument(const QJsonObject& document, const QString& asId = {});

// `entries` with a new id for each object without one (absent, null or ""). Others unchanged.
QJsonArray withEntryIds(const QJsonArray& entries, bool* changed = nullptr);

// Would these two enabled instances listen on the same socket? (wildcard addresses clash with all)
bool listenersClash(const InstanceConfig& a, const InstanceConfig& b);

} // namespace umgate
