// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/config/InstanceConfig.h"

#include "engine/client/ExportFormat.h"
#include "engine/config/SettingValidators.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace umgate {

namespace {
const QString kInstanceFormat = QStringLiteral("umgate-instance");
const QString kExportFormat = QStringLiteral("umgate-instance-export");
const QString kFormat = QStringLiteral("format");
const QString kVersion = QStringLiteral("version");
const QString kId = QStringLiteral("id");
const QString kName = QStringLiteral("name");
const QString kEnabled = QStringLiteral("enabled");
const QString kSettings = QStringLiteral("settings");
const QString kSecretsSet = QStringLiteral("secretsSet");
const QString kEntryId = QStringLiteral("id");
constexpr qsizetype kMaxImportErrors = 20;

QString checkName(const QString& name)
{
    if (name.trimmed().isEmpty()) return QStringLiteral("the display name must not be empty");
    if (name.size() > 128) return QStringLiteral("the display name is longer than 128 characters");
    for (const QChar c : name)
        if (c.category() == QChar::Other_Control)
            return QStringLiteral("the display name contains control characters");
    return {};
}

int lineOf(const QByteArray& text, qsizetype offset)
{
    offset = qBound<qsizetype>(0, offset, text.size());
    return int(text.left(offset).count('\n')) + 1;
}

int columnOf(const QByteArray& text, qsizetype offset)
{
    offset = qBound<qsizetype>(0, offset, text.size());
    const qsizetype nl = text.lastIndexOf('\n', offset - 1);
    return int(offset - nl);
}

// The line where a key is written in the document, so an administrator can jump to it.
int lineOfKey(const QByteArray& text, const QString& key)
{
    if (text.isEmpty() || key.isEmpty()) return 0;
    QString base = key.section(QLatin1Char('['), 0, 0);
    const qsizetype at = text.indexOf(QByteArray("\"") + base.toUtf8() + QByteArray("\""));
    return at < 0 ? 0 : lineOf(text, at);
}
} // namespace

InstanceConfig InstanceConfig::withDefaults(const QString& id, const QString& name)
{
    InstanceConfig c;
    c.id = id;
    c.name = name;
    c.enabled = true;
    c.settings = SettingsSchema::instance().defaults();
    return c;
}

QByteArray InstanceConfig::serialize() const
{
    QJsonObject root{{kFormat, kInstanceFormat}, {kVersion, FormatVersion}, {kId, id}, {kName, name},
                     {kEnabled, enabled},        {kSettings, settings}};
    QStringList secrets = secretsSet;
    secrets.sort();
    root.insert(kSecretsSet, QJsonArray::fromStringList(secrets));
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

std::optional<InstanceConfig> InstanceConfig::parse(const QByteArray& data, QString* error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        if (error)
            *error = QStringLiteral("not valid JSON at line %1: %2")
                         .arg(lineOf(data, pe.offset))
                         .arg(pe.errorString());
        return std::nullopt;
    }
    const QJsonObject root = doc.object();
    if (root.value(kFormat).toString() != kInstanceFormat || root.value(kVersion).toInt() != FormatVersion) {
        if (error)
            *error = QStringLiteral("unknown format or version (expected %1 version %2)")
                         .arg(kInstanceFormat)
                         .arg(FormatVersion);
        return std::nullopt;
    }
    InstanceConfig c;
    c.id = root.value(kId).toString();
    c.name = root.value(kName).toString();
    c.enabled = root.value(kEnabled).toBool(true);
    // Keys a newer schema dropped are removed; keys it added get their defaults.
    c.settings = SettingsSchema::instance().withDefaults(root.value(kSettings).toObject());
    for (const auto& v : root.value(kSecretsSet).toArray())
        c.secretsSet << v.toString();
    const ValidationErrors errs = c.validate();
    if (!errs.isEmpty()) {
        if (error) *error = QStringLiteral("%1: %2").arg(errs.first().key, errs.first().reason);
        return std::nullopt;
    }
    return c;
}

QJsonObject InstanceConfig::exportDocument() const
{
    return QJsonObject{{kFormat, kExportFormat}, {kVersion, FormatVersion}, {kId, id}, {kName, name},
                       {kEnabled, enabled},      {kSettings, settings}};
}

QString InstanceConfig::newEntryId()
{
    // 64 random bits in hex. Never digits only, so a position ("[2]") is never mistaken for an id.
    QString id = QString::number(QRandomGenerator::global()->generate64(), 16).rightJustified(16, u'0');
    if (std::all_of(id.begin(), id.end(), [](QChar c) { return c.isDigit(); })) id[0] = u'e';
    return id;
}

QString InstanceConfig::entrySecretPath(const QString& key, const QString& entryId, const QString& field)
{
    return QStringLiteral("%1[%2].%3").arg(key, entryId, field);
}

QString InstanceConfig::secretStoreKey(const QString& instanceId, const QString& path)
{
    return QStringLiteral("%1/%2").arg(instanceId, path);
}

QJsonArray withEntryIds(const QJsonArray& entries, bool* changed)
{
    QJsonArray out = entries;
    for (qsizetype i = 0; i < out.size(); ++i) {
        if (!out.at(i).isObject()) continue; // the schema reports it
        QJsonObject entry = out.at(i).toObject();
        const QJsonValue id = entry.value(kEntryId);
        if (!id.isUndefined() && !id.isNull() && id != QJsonValue(QString())) continue;
        entry.insert(kEntryId, InstanceConfig::newEntryId());
        out.replace(i, entry);
        if (changed) *changed = true;
    }
    return out;
}

bool InstanceConfig::assignEntryIds()
{
    bool changed = false;
    for (const SettingDef& def : SettingsSchema::instance().settings()) {
        if (def.type != SettingType::ObjectList || !settings.value(def.key).isArray()) continue;
        bool listChanged = false;
        const QJsonArray entries = withEntryIds(settings.value(def.key).toArray(), &listChanged);
        if (!listChanged) continue;
        settings.insert(def.key, entries);
        changed = true;
    }
    return changed;
}

namespace {
// "KEY[inner].field" -> the list's key and what is between the brackets; false for plain keys.
bool splitEntryPath(const QString& path, QString* key, QString* inner, QString* field)
{
    const qsizetype open = path.indexOf(u'[');
    const qsizetype close = path.indexOf(u"]."_s);
    if (open <= 0 || close <= open) return false;
    *key = path.left(open);
    *inner = path.mid(open + 1, close - open - 1);
    *field = path.mid(close + 2);
    return true;
}

bool isPosition(const QString& inner)
{
    return !inner.isEmpty() && std::all_of(inner.begin(), inner.end(), [](QChar c) { return c.isDigit(); });
}
} // namespace

QList<InstanceConfig::SecretMove> InstanceConfig::positionalSecrets() const
{
    QList<SecretMove> moves;
    for (const QString& path : secretsSet) {
        QString key, inner, field;
        if (!splitEntryPath(path, &key, &inner, &field) || !isPosition(inner)) continue;
        const QJsonArray entries = settings.value(key).toArray();
        const qsizetype index = inner.toLongLong();
        const QString entryId =
            index < entries.size() ? entries.at(index).toObject().value(kEntryId).toString() : QString();
        moves.append({path, entryId.isEmpty() ? QString() : entrySecretPath(key, entryId, field)});
    }
    return moves;
}

QStringList InstanceConfig::orphanedEntrySecrets() const
{
    QStringList orphans;
    for (const QString& path : secretsSet) {
        QString key, inner, field;
        if (!splitEntryPath(path, &key, &inner, &field) || isPosition(inner)) continue;
        const QJsonArray entries = settings.value(key).toArray();
        const bool found = std::any_of(entries.begin(), entries.end(), [&inner](const QJsonValue& e) {
            return e.toObject().value(kEntryId).toString() == inner;
        });
        if (!found) orphans << path;
    }
    return orphans;
}

ValidationErrors InstanceConfig::validate() const
{
    ValidationErrors errors;
    if (const QString r = validators::instanceId(id); !r.isEmpty()) errors.append({kId, r});
    if (const QString r = checkName(name); !r.isEmpty()) errors.append({kName, r});
    errors.append(SettingsSchema::instance().validate(settings));
    return errors;
}

bool listenersClash(const InstanceConfig& a, const InstanceConfig& b)
{
    if (a.listenPort() != b.listenPort()) return false;
    const QHostAddress ha(a.listenAddress());
    const QHostAddress hb(b.listenAddress());
    auto wildcard = [](const QHostAddress& h) {
        return h == QHostAddress::AnyIPv4 || h == QHostAddress::AnyIPv6 || h == QHostAddress::Any;
    };
    return wildcard(ha) || wildcard(hb) || ha.isEqual(hb, QHostAddress::TolerantConversion);
}

QString ImportError::toString() const
{
    QString where;
    if (line > 0)
        where = column > 0 ? QStringLiteral("line %1, column %2: ").arg(line).arg(column)
                           : QStringLiteral("line %1: ").arg(line);
    if (!key.isEmpty()) where += key + QStringLiteral(": ");
    return where + reason;
}

namespace {
ImportResult parseImportObject(const QJsonObject& root, const QString& asId, const QByteArray& text)
{
    ImportResult result;
    // Bounded: a document of many thousand bad keys (700 KB fit in one RPC line) must not cost a
    // line search per key, which made an import quadratic and stalled the engine for seconds.
    // The first errors are reported with their lines; the rest are only counted.
    qsizetype moreErrors = 0;
    auto fail = [&](const QString& key, const QString& reason) {
        if (result.errors.size() >= kMaxImportErrors) {
            ++moreErrors;
            return;
        }
        result.errors.append(ImportError{lineOfKey(text, key), 0, key, reason});
    };
    auto finish = [&]() -> ImportResult {
        if (moreErrors > 0)
            result.errors.append(
                ImportError{0, 0, {}, QStringLiteral("and %1 more errors not listed").arg(moreErrors)});
        return result;
    };
    const QString format = root.value(kFormat).toString();
    if (format != kExportFormat && format != kInstanceFormat) {
        fail(kFormat,
             QStringLiteral("not an umgate instance export (format must be \"%1\")").arg(kExportFormat));
        return result;
    }
    const QJsonValue version = root.value(kVersion);
    if (!version.isDouble() || version.toInt() != InstanceConfig::FormatVersion) {
        fail(kVersion,
             QStringLiteral("unsupported schema version %1; this engine reads version %2")
                 .arg(version.isDouble() ? QString::number(version.toDouble()) : QStringLiteral("(missing)"))
                 .arg(InstanceConfig::FormatVersion));
        return result;
    }
    for (auto it = root.begin(); it != root.end(); ++it) {
        static const QStringList known = {kFormat, kVersion, kId, kName, kEnabled, kSettings, kSecretsSet};
        if (!known.contains(it.key())) fail(it.key(), QStringLiteral("unknown top-level field"));
    }
    if (!root.value(kId).isString()) fail(kId, QStringLiteral("expects a string"));
    if (!root.value(kName).isString()) fail(kName, QStringLiteral("expects a string"));
    if (root.contains(kEnabled) && !root.value(kEnabled).isBool())
        fail(kEnabled, QStringLiteral("expects true or false"));
    if (!root.value(kSettings).isObject()) fail(kSettings, QStringLiteral("expects an object of settings"));
    if (!result.errors.isEmpty()) return finish();

    InstanceConfig c;
    c.id = asId.isEmpty() ? root.value(kId).toString() : asId;
    c.name = root.value(kName).toString();
    c.enabled = root.value(kEnabled).toBool(true);
    const QJsonObject settings = root.value(kSettings).toObject();
    const SettingsSchema& schema = SettingsSchema::instance();
    for (auto it = settings.begin(); it != settings.end(); ++it) {
        const SettingDef* def = schema.find(it.key());
        if (def && def->secret)
            fail(it.key(),
                 QStringLiteral("secrets are never imported; set them with 'umgatectl config set'"));
    }
    c.settings = schema.withDefaults(settings);
    c.assignEntryIds(); // entries of an older export, or written by hand, get theirs here
    // Unknown keys are errors, not silently dropped: the administrator may have mistyped one.
    for (auto it = settings.begin(); it != settings.end(); ++it)
        if (!schema.find(it.key())) fail(it.key(), QStringLiteral("unknown setting"));
    for (const ValidationError& e : c.validate()) {
        if (e.key == kId && !asId.isEmpty())
            result.errors.append(ImportError{0, 0, QStringLiteral("--as"), e.reason});
        else
            fail(e.key, e.reason);
    }
    if (result.errors.isEmpty()) result.config = c;
    return finish();
}
} // namespace

ImportResult parseImportDocument(const QByteArray& text, const QString& asId)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &pe);
    if (pe.error != QJsonParseError::NoError) {
        ImportResult r;
        r.errors.append(ImportError{lineOf(text, pe.offset),
                                    columnOf(text, pe.offset),
                                    {},
                                    QStringLiteral("invalid JSON: %1").arg(pe.errorString())});
        return r;
    }
    if (!doc.isObject()) {
        ImportResult r;
        r.errors.append(ImportError{1, 1, {}, QStringLiteral("the document must be a JSON object")});
        return r;
    }
    return parseImportObject(doc.object(), asId, text);
}

ImportResult parseImportDocument(const QJsonObject& document, const QString& asId)
{
    return parseImportObject(document, asId, ExportFormat::text(document));
}

} // namespace umgate
