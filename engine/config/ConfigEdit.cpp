// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/config/ConfigEdit.h"

#include <QJsonArray>
#include <QSet>

using namespace Qt::StringLiterals;

namespace umgate::ConfigEdit {

namespace {
const QString kName = u"name"_s;
const QString kEnabled = u"enabled"_s;
const QString kEntryId = u"id"_s;

bool isSecretMarker(const QJsonValue& v)
{
    return v.isObject() && v.toObject().value(u"secret"_s).toBool();
}

QJsonObject marker(bool set)
{
    return QJsonObject{{u"secret"_s, true}, {u"set"_s, set}};
}

std::optional<QString> valueOrRemove(const QString& s)
{
    return s.isEmpty() ? std::nullopt : std::optional<QString>(s);
}

// One object list: secret fields leave the entries for the secret store, under the entry's id.
QJsonArray splitListSecrets(const InstanceConfig& base, const SettingDef& def, const QJsonArray& given,
                            ValidationErrors* errors, QList<SecretChange>* secrets)
{
    QJsonArray entries = given;
    QSet<QString> ids;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        if (!entries.at(i).isObject()) continue; // the schema reports it
        QJsonObject entry = entries.at(i).toObject();
        const QString id = entry.value(kEntryId).toString();
        ids.insert(id);
        for (const FieldDef& f : def.fields) {
            if (!f.secret || !entry.contains(f.name)) continue;
            const QJsonValue sv = entry.value(f.name);
            entry.remove(f.name);
            if (isSecretMarker(sv)) continue;
            if (!sv.isString()) {
                errors->append({u"%1[%2].%3"_s.arg(def.key).arg(i).arg(f.name), u"expects a string"_s});
                continue;
            }
            if (id.isEmpty()) continue; // a bad id: the schema reports it, nothing is stored
            secrets->append(
                {InstanceConfig::entrySecretPath(def.key, id, f.name), valueOrRemove(sv.toString())});
        }
        entries.replace(i, entry);
    }
    // Secrets of entries that no longer exist go too; they never pass to another entry.
    const QString prefix = def.key + u'[';
    for (const QString& set : base.secretsSet) {
        if (!set.startsWith(prefix)) continue;
        const QString id = set.mid(prefix.size()).section(u']', 0, 0);
        if (!ids.contains(id)) secrets->append({set, std::nullopt});
    }
    return entries;
}
} // namespace

QJsonObject withEntryIds(const QJsonObject& values)
{
    QJsonObject out = values;
    const SettingsSchema& schema = SettingsSchema::instance();
    for (auto it = values.begin(); it != values.end(); ++it) {
        const SettingDef* def = schema.find(it.key());
        if (def && def->type == SettingType::ObjectList && it.value().isArray())
            out.insert(it.key(), umgate::withEntryIds(it.value().toArray()));
    }
    return out;
}

ValidationErrors buildNext(const InstanceConfig& base, const QJsonObject& values, InstanceConfig* next,
                           QList<SecretChange>* secrets)
{
    ValidationErrors errors;
    *next = base;
    const SettingsSchema& schema = SettingsSchema::instance();
    for (auto it = values.begin(); it != values.end(); ++it) {
        const QString& key = it.key();
        const QJsonValue v = it.value();
        if (key == kName) {
            if (!v.isString())
                errors.append({key, u"expects a string"_s});
            else
                next->name = v.toString();
            continue;
        }
        if (key == kEnabled) {
            if (!v.isBool())
                errors.append({key, u"expects true or false"_s});
            else
                next->enabled = v.toBool();
            continue;
        }
        const SettingDef* def = schema.find(key);
        if (!def) {
            errors.append({key, u"unknown setting"_s});
            continue;
        }
        if (def->secret) {
            if (isSecretMarker(v)) continue;
            if (!v.isString() && !v.isNull()) {
                errors.append({key, u"expects a string (an empty string removes the password)"_s});
                continue;
            }
            const QString s = v.toString();
            if (s.contains(u'\n') || s.contains(u'\r') || s.contains(QChar(0))) {
                errors.append({key, u"must not contain line breaks or NUL characters"_s});
                continue;
            }
            secrets->append({key, valueOrRemove(s)});
            continue;
        }
        if (def->type == SettingType::ObjectList && v.isArray())
            next->settings.insert(key, splitListSecrets(base, *def, v.toArray(), &errors, secrets));
        else
            next->settings.insert(key, v);
    }
    return errors;
}

QJsonObject valuesWithSecretMarkers(const InstanceConfig& config)
{
    QJsonObject values = config.settings;
    for (const SettingDef& def : SettingsSchema::instance().settings()) {
        if (def.secret) {
            values.insert(def.key, marker(config.secretsSet.contains(def.key)));
            continue;
        }
        if (def.type != SettingType::ObjectList) continue;
        QJsonArray entries = values.value(def.key).toArray();
        for (qsizetype i = 0; i < entries.size(); ++i) {
            QJsonObject entry = entries.at(i).toObject();
            const QString id = entry.value(kEntryId).toString();
            for (const FieldDef& f : def.fields)
                if (f.secret)
                    entry.insert(f.name, marker(!id.isEmpty() &&
                                                config.secretsSet.contains(
                                                    InstanceConfig::entrySecretPath(def.key, id, f.name))));
            entries.replace(i, entry);
        }
        values.insert(def.key, entries);
    }
    return values;
}

} // namespace umgate::ConfigEdit
