// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/config/SettingsSchema.h"

#include <QByteArray>
#include <QJsonObject>
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
    QStringList secretsSet; // schema keys or indexed paths ("systemPreferences.email.senders[0].password")

    static constexpr int FormatVersion = 1;

    static InstanceConfig withDefaults(const QString& id, const QString& name);

    QByteArray serialize() const;
    static std::optional<InstanceConfig> parse(const QByteArray& data, QString* error);

    // The export document: versioned, no secrets, no secret markers. Export, import, export is
    // byte-for-byte identical because keys are sorted and every key is written.
    QJsonObject exportDocument() const;
    static QByteArray exportText(const QJsonObject& document);

    QString listenAddress() const;
    int listenPort() const;
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

// Would these two enabled instances listen on the same socket? (wildcard addresses clash with all)
bool listenersClash(const InstanceConfig& a, const InstanceConfig& b);

} // namespace umgate
