// SPDX-License-Identifier: GPL-3.0-or-later
// Engine: the engine-wide administration methods: Misc Setup (misc.*) and the bearer tokens of
// remote administrators (admin.token.*, on the engine's host only).
#include "engine/Engine.h"
#include "engine/core/Log.h"
#include "engine/rpc/RpcFailure.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace umgate {

using rpc::ErrorCode;
using rpc::makeError;
namespace field = rpc::field;

void Engine::registerMiscRpc(RpcHandlerTable& table)
{
    using M = rpc::Method;
    using A = RpcHandlerTable::Access;
    table.add(M::MiscList, A::Read, [this](const RpcCall&, RpcReply reply) {
        QJsonArray options;
        for (const auto& d : MiscSetup::definitions())
            options.append(m_misc.toJson(d.key));
        reply(QJsonObject{{field::options, options}}, std::nullopt);
    });
    table.add(M::MiscSet, A::Change,
              [this](const RpcCall& call, RpcReply reply) { miscChange(call, std::move(reply), false); });
    table.add(M::MiscReset, A::Change,
              [this](const RpcCall& call, RpcReply reply) { miscChange(call, std::move(reply), true); });

    const QString hostOnly = QStringLiteral("admin tokens are managed on the engine's host only");
    table.addHostOnly(M::AdminTokenAdd, A::Change, hostOnly,
                      [this](const RpcCall& call, RpcReply reply) { adminTokenAdd(call, std::move(reply)); });
    table.addHostOnly(M::AdminTokenRemove, A::Change, hostOnly, [this](const RpcCall& call, RpcReply reply) {
        adminTokenRemove(call, std::move(reply));
    });
    table.addHostOnly(M::AdminTokenList, A::Read, hostOnly, [this](const RpcCall&, RpcReply reply) {
        QJsonArray list;
        for (const auto& t : m_tokens.tokens())
            list.append(
                QJsonObject{{field::name, t.name}, {field::created, t.created.toString(Qt::ISODate)}});
        reply(QJsonObject{{field::tokens, list}}, std::nullopt);
    });
}

namespace {
// The value as one line of JSON, for the log: "text", 25, true, [..].
QString jsonText(const QJsonValue& value)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))
        .mid(1)
        .chopped(1);
}
} // namespace

void Engine::miscChange(const RpcCall& call, RpcReply reply, bool reset)
{
    const QString key = call.params.value(field::key).toString();
    const MiscOptionDef* def = MiscSetup::find(key);
    if (!def) {
        reply({}, makeError(ErrorCode::NotFound, QStringLiteral("no Misc Setup option %1").arg(key)));
        return;
    }
    MiscSetup next = m_misc;
    if (reset) {
        next.reset(def->key);
    } else {
        std::optional<QJsonValue> value;
        std::optional<bool> ignore;
        if (call.params.contains(field::value)) value = call.params.value(field::value);
        if (call.params.contains(field::ignore)) {
            if (!call.params.value(field::ignore).isBool()) {
                reply({},
                      makeError(ErrorCode::InvalidParams, QStringLiteral("ignore expects true or false")));
                return;
            }
            ignore = call.params.value(field::ignore).toBool();
        }
        if (const QString r = next.set(def->key, value, ignore); !r.isEmpty()) {
            reply({}, rpc::validationError({{def->key, r}}));
            return;
        }
    }
    QString error;
    if (!next.save(m_paths.miscFile(), &error)) {
        reply({}, makeError(ErrorCode::InternalError, error));
        return;
    }
    m_misc = next;
    // Every option but the RPC channel's and the log level's is read by the instances (cache
    // lifetimes, SMTP limits and timeouts, queue size, DNS): they take it now, not at the next
    // change of their own configuration. apply() keeps the queue, pool and directory running.
    if (!def->key.startsWith(QLatin1String("rpc.")) && !def->key.startsWith(QLatin1String("log.")))
        syncInstances();
    applyMisc();
    if (def->key.startsWith(QLatin1String("rpc.tcp.")) || def->key.startsWith(QLatin1String("rpc.tls.")))
        applyRemoteRpc();
    Log::info({}, QStringLiteral("Misc Setup: %1 is now %2%3")
                      .arg(def->key, jsonText(m_misc.entry(def->key).value),
                           m_misc.entry(def->key).ignore ? QStringLiteral(" (ignored: default applies)")
                                                         : QString()));
    broadcast(rpc::Notification::MiscChanged, QJsonObject{{field::key, def->key}});
    reply(QJsonObject{{field::option, m_misc.toJson(def->key)}}, std::nullopt);
}

void Engine::adminTokenAdd(const RpcCall& call, RpcReply reply)
{
    const QString name = call.params.value(field::name).toString();
    Failure failure;
    const auto token = m_tokens.add(name, &failure);
    if (!token) {
        reply({}, rpc::failureError(failure));
        return;
    }
    Log::info({}, QStringLiteral("admin token %1 created").arg(name));
    reply(QJsonObject{{field::name, name}, {field::token, *token}}, std::nullopt);
}

void Engine::adminTokenRemove(const RpcCall& call, RpcReply reply)
{
    const QString name = call.params.value(field::name).toString();
    if (Failure failure; !m_tokens.remove(name, &failure)) {
        reply({}, rpc::failureError(failure));
        return;
    }
    // A revoked token must not keep working in sessions it already opened.
    const int closed =
        m_rpc ? m_rpc->closePrincipal(name, QStringLiteral("admin token %1 was revoked").arg(name)) : 0;
    Log::info({}, QStringLiteral("admin token %1 revoked; %2 connection(s) closed").arg(name).arg(closed));
    reply(QJsonObject{{field::removed, name}}, std::nullopt);
}

} // namespace umgate
