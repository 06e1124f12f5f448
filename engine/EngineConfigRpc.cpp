// SPDX-License-Identifier: GPL-3.0-or-later
// Engine: the config.* methods: the schema, an instance's settings (read, change all or nothing,
// dry run), export and import.
#include "engine/Engine.h"
#include "engine/config/ConfigChange.h"
#include "engine/config/ConfigEdit.h"
#include "engine/core/Log.h"
#include "engine/rpc/RpcFailure.h"

#include <QJsonArray>

namespace umgate {

using rpc::ErrorCode;
using rpc::makeError;
namespace field = rpc::field;

void Engine::registerConfigRpc(RpcHandlerTable& table)
{
    using M = rpc::Method;
    using A = RpcHandlerTable::Access;
    table.add(M::ConfigSchema, A::Read, [](const RpcCall&, RpcReply reply) {
        reply(QJsonObject{{field::settings, SettingsSchema::instance().toJson()}}, std::nullopt);
    });
    table.addForInstance(M::ConfigGet, A::Read,
                         [this](const RpcCall& call, const InstanceConfig& c, RpcReply reply) {
                             configGet(call, c, std::move(reply));
                         });
    table.addForInstance(M::ConfigSet, A::Change,
                         [this](const RpcCall& call, const InstanceConfig& c, RpcReply reply) {
                             configSet(call, c, std::move(reply), false);
                         });
    table.addForInstance(M::ConfigValidate, A::Read,
                         [this](const RpcCall& call, const InstanceConfig& c, RpcReply reply) {
                             configSet(call, c, std::move(reply), true);
                         });
    table.addForInstance(M::ConfigExport, A::Read,
                         [](const RpcCall&, const InstanceConfig& c, RpcReply reply) {
                             reply(QJsonObject{{field::document, c.exportDocument()}}, std::nullopt);
                         });
    table.add(M::ConfigImport, A::Change,
              [this](const RpcCall& call, RpcReply reply) { configImport(call, std::move(reply)); });
}

QJsonObject Engine::configValues(const InstanceConfig& config, const QString& onlyKey) const
{
    QJsonObject values = ConfigEdit::valuesWithSecretMarkers(config);
    if (!onlyKey.isEmpty()) values = QJsonObject{{onlyKey, values.value(onlyKey)}};
    return QJsonObject{{field::id, config.id},
                       {field::name, config.name},
                       {field::enabled, config.enabled},
                       {field::values, values}};
}

void Engine::configGet(const RpcCall& call, const InstanceConfig& config, RpcReply reply) const
{
    const QString key = call.params.value(field::key).toString();
    const bool nameOrEnabled = key == field::name || key == field::enabled;
    if (!key.isEmpty() && !nameOrEnabled && !SettingsSchema::instance().find(key)) {
        reply({}, makeError(ErrorCode::NotFound, QStringLiteral("unknown setting %1").arg(key)));
        return;
    }
    QJsonObject result = configValues(config, nameOrEnabled ? QString() : key);
    if (nameOrEnabled) result.insert(field::values, QJsonObject{{key, result.value(key)}});
    reply(result, std::nullopt);
}

void Engine::configSet(const RpcCall& call, const InstanceConfig& current, RpcReply reply, bool dryRun)
{
    if (!call.params.value(field::values).isObject()) {
        reply({},
              makeError(ErrorCode::InvalidParams, QStringLiteral("values must be an object of key: value")));
        return;
    }
    // New list entries get their ids once, here: the secrets written first and the config
    // written after them must name the same entries.
    const QJsonObject values = ConfigEdit::withEntryIds(call.params.value(field::values).toObject());
    InstanceConfig next;
    QList<ConfigEdit::SecretChange> secrets;
    ValidationErrors errors = ConfigEdit::buildNext(current, values, &next, &secrets);
    errors.append(m_store.check(next));
    if (dryRun) {
        reply(QJsonObject{{field::errors, rpc::errorsJson(errors)}}, std::nullopt);
        return;
    }
    if (!errors.isEmpty()) {
        reply({}, rpc::validationError(errors));
        return;
    }
    if (!secrets.isEmpty() && !m_secrets) {
        reply({}, makeError(ErrorCode::SecretStoreUnavailable,
                            QStringLiteral("passwords cannot be stored: %1").arg(secretStoreDescription())));
        return;
    }
    ConfigChange::store(&m_store, m_secrets, current.id, values, secrets,
                        [this, reply](const ConfigChange::Outcome& outcome) {
                            if (outcome.saved)
                                reply(configValues(*outcome.saved, {}), std::nullopt);
                            else if (outcome.failure)
                                reply({}, rpc::failureError(*outcome.failure));
                            else
                                reply({}, rpc::validationError(outcome.invalid));
                        });
}

namespace {
rpc::Error importError(const QList<ImportError>& errors)
{
    QJsonArray list;
    for (const ImportError& e : errors) {
        QJsonObject o{{field::reason, e.reason}};
        if (e.line) o.insert(field::line, e.line);
        if (e.column) o.insert(field::column, e.column);
        if (!e.key.isEmpty()) o.insert(field::key, e.key);
        list.append(o);
    }
    return makeError(ErrorCode::ImportFailed, errors.first().toString(), QJsonObject{{field::errors, list}});
}
} // namespace

void Engine::configImport(const RpcCall& call, RpcReply reply)
{
    const QString asId = call.params.value(field::as).toString();
    ImportResult parsed;
    if (call.params.value(field::text).isString())
        parsed = parseImportDocument(call.params.value(field::text).toString().toUtf8(), asId);
    else if (call.params.value(field::document).isObject())
        parsed = parseImportDocument(call.params.value(field::document).toObject(), asId);
    else {
        reply({}, makeError(ErrorCode::InvalidParams,
                            QStringLiteral("give the document as text or as an object")));
        return;
    }
    if (!parsed.config) {
        reply({}, importError(parsed.errors));
        return;
    }
    const InstanceConfig& config = *parsed.config;
    if (m_store.find(config.id) || m_store.brokenInstances().contains(config.id)) {
        reply({}, importError({ImportError{
                      0, 0, QString(field::id),
                      QStringLiteral(
                          "an instance with id %1 already exists; import it under another id with --as NEWID")
                          .arg(config.id)}}));
        return;
    }
    const ValidationErrors clash = m_store.check(config);
    if (!clash.isEmpty()) {
        QList<ImportError> errors;
        for (const auto& e : clash)
            errors.append(ImportError{0, 0, e.key, e.reason});
        reply({}, importError(errors));
        return;
    }
    ValidationErrors errors;
    QString ioError;
    if (!m_store.save(config, &errors, &ioError)) {
        reply({}, makeError(ErrorCode::InternalError, ioError.isEmpty() ? errors.first().reason : ioError));
        return;
    }
    Log::info(config.id, QStringLiteral("instance imported"));
    reply(QJsonObject{{field::instance, m_status.instanceJson(config.id)}}, std::nullopt);
}

} // namespace umgate
