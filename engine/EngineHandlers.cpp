// SPDX-License-Identifier: GPL-3.0-or-later
// Engine: the RPC handlers that change stored state (enable, delete, config set and import, Misc
// Setup, admin tokens) and the instance logs (tail, clear). Dispatch and life cycle stay in
// Engine.cpp; this file only keeps that one under the size the project allows.
#include "engine/Engine.h"
#include "engine/EngineDetail.h"
#include "engine/config/ConfigEdit.h"
#include "engine/config/EntrySecretMigration.h"
#include "engine/core/AtomicFile.h"
#include "engine/core/Log.h"
#include "engine/core/RotatingLog.h"
#include "engine/delivery/MailManager.h"
#include "engine/directory/DirectoryManager.h"
#include "engine/instance/InstanceRuntime.h"
#include "engine/secrets/SecretStore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileSystemWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSslCertificate>
#include <QSslKey>
#include <openssl/rand.h>
#include <unistd.h>

namespace umgate {

using namespace engine_detail;

void Engine::setEnabled(const RpcCall& call, RpcReply reply, bool enabled)
{
    const QString id = call.params.value(kId).toString();
    const InstanceConfig* c = findOrReply(id, reply);
    if (!c) return;
    InstanceConfig next = *c;
    next.enabled = enabled;
    ValidationErrors errors;
    QString ioError;
    if (!m_store.save(next, &errors, &ioError)) {
        if (!ioError.isEmpty())
            reply({}, makeError(ErrorCode::InternalError, ioError));
        else
            reply({}, makeError(ErrorCode::Conflict, errors.first().reason,
                                QJsonObject{{QStringLiteral("errors"), errorsJson(errors)}}));
        return;
    }
    reply(QJsonObject{{QStringLiteral("instance"), instanceJson(id)}}, std::nullopt);
}

void Engine::instanceDelete(const RpcCall& call, RpcReply reply)
{
    const QString id = call.params.value(kId).toString();
    const bool force = call.params.value(QStringLiteral("force")).toBool();
    const bool keepQueue = call.params.value(QStringLiteral("keepQueue")).toBool();
    const InstanceConfig* c = m_store.find(id);
    if (!c && !m_store.brokenInstances().contains(id)) {
        reply({}, makeError(ErrorCode::NotFound, QStringLiteral("no instance %1").arg(id)));
        return;
    }
    // Any file counts here, even a message without its metadata: deleting is not undone.
    const int queued = m_store.countFiles(id, Paths::smtpOut());
    if (queued > 0 && !force && !keepQueue) {
        reply({}, makeError(ErrorCode::QueueNotEmpty,
                            QStringLiteral(
                                "%1 has %2 unsent message(s) in SMTPOut; use --keep-queue to keep them or "
                                "--force to delete them")
                                .arg(id)
                                .arg(queued),
                            QJsonObject{{QStringLiteral("queued"), queued}}));
        return;
    }
    const QStringList secrets = c ? c->secretsSet : QStringList();
    if (InstanceRuntime* r = m_runtimes.value(id)) r->stop();
    QString kept, error;
    if (!m_store.remove(id, keepQueue && queued > 0, &kept, &error)) {
        syncRuntimes();
        reply({}, makeError(ErrorCode::InternalError, error));
        return;
    }
    if (m_secrets)
        for (const QString& s : secrets)
            m_secrets->remove(secretKey(id, s), [](const QString&) {});
    Log::info(id, kept.isEmpty() ? QStringLiteral("instance deleted")
                                 : QStringLiteral("instance deleted; its queue was kept in %1").arg(kept));
    QJsonObject result{{QStringLiteral("deleted"), true},
                       {QStringLiteral("discarded"), force && !keepQueue ? queued : 0}};
    if (!kept.isEmpty()) result.insert(QStringLiteral("keptQueue"), kept);
    reply(result, std::nullopt);
}

void Engine::configSet(const RpcCall& call, RpcReply reply, bool dryRun)
{
    const QString id = call.params.value(kId).toString();
    const InstanceConfig* current = findOrReply(id, reply);
    if (!current) return;
    if (!call.params.value(kValues).isObject()) {
        reply({},
              makeError(ErrorCode::InvalidParams, QStringLiteral("values must be an object of key: value")));
        return;
    }
    // New list entries get their ids once, here: the secrets written first and the config
    // written after them must name the same entries.
    const QJsonObject values = ConfigEdit::withEntryIds(call.params.value(kValues).toObject());
    InstanceConfig next;
    QList<SecretChange> secrets;
    ValidationErrors errors = ConfigEdit::buildNext(*current, values, &next, &secrets);
    errors.append(m_store.check(next));
    if (dryRun) {
        reply(QJsonObject{{QStringLiteral("errors"), errorsJson(errors)}}, std::nullopt);
        return;
    }
    if (!errors.isEmpty()) {
        reply({}, validationError(errors));
        return;
    }
    auto commit = [this, id, values, reply]() {
        // Re-applied to the config as it is now: another change may have landed meanwhile.
        const InstanceConfig* base = m_store.find(id);
        if (!base) {
            reply({}, makeError(ErrorCode::NotFound,
                                QStringLiteral("instance %1 was deleted meanwhile").arg(id)));
            return;
        }
        InstanceConfig updated;
        QList<SecretChange> changes;
        ValidationErrors errs = ConfigEdit::buildNext(*base, values, &updated, &changes);
        QStringList changedSecrets;
        for (const SecretChange& s : changes) {
            updated.secretsSet.removeAll(s.path);
            if (s.value) updated.secretsSet.append(s.path);
            changedSecrets.append(s.path);
        }
        QString ioError;
        if (!errs.isEmpty() || !m_store.save(updated, &errs, &ioError, changedSecrets)) {
            if (!ioError.isEmpty())
                reply({}, makeError(ErrorCode::InternalError, ioError));
            else
                reply({}, validationError(errs));
            return;
        }
        reply(configValues(updated, {}), std::nullopt);
    };
    if (secrets.isEmpty()) {
        commit();
        return;
    }
    if (!m_secrets) {
        reply({}, makeError(ErrorCode::SecretStoreUnavailable,
                            QStringLiteral("passwords cannot be stored: %1").arg(secretStoreDescription())));
        return;
    }
    // Secrets first, config second: the config never claims a password that is not stored.
    auto step = std::make_shared<std::function<void(qsizetype)>>();
    QPointer<Engine> self(this);
    *step = [self, step, secrets, id, commit, reply](qsizetype i) {
        if (!self) return;
        if (i == secrets.size()) {
            commit();
            *step = nullptr; // break the cycle
            return;
        }
        const SecretChange& s = secrets.at(i);
        auto proceed = [self, step, i, reply, path = s.path](const QString& error) {
            if (!self || !*step) return;
            if (!error.isEmpty()) {
                reply({}, makeError(ErrorCode::SecretStoreUnavailable,
                                    QStringLiteral("%1: %2").arg(path, error)));
                *step = nullptr;
                return;
            }
            (*step)(i + 1);
        };
        if (s.value)
            self->m_secrets->write(self->secretKey(id, s.path), *s.value, proceed);
        else
            self->m_secrets->remove(self->secretKey(id, s.path), proceed);
    };
    (*step)(0);
}

void Engine::configImport(const RpcCall& call, RpcReply reply)
{
    const QString asId = call.params.value(QStringLiteral("as")).toString();
    ImportResult parsed;
    if (call.params.value(QStringLiteral("text")).isString())
        parsed = parseImportDocument(call.params.value(QStringLiteral("text")).toString().toUtf8(), asId);
    else if (call.params.value(QStringLiteral("document")).isObject())
        parsed = parseImportDocument(call.params.value(QStringLiteral("document")).toObject(), asId);
    else {
        reply({}, makeError(ErrorCode::InvalidParams,
                            QStringLiteral("give the document as text or as an object")));
        return;
    }
    auto fail = [&reply](const QList<ImportError>& errors) {
        QJsonArray list;
        for (const ImportError& e : errors) {
            QJsonObject o{{QStringLiteral("reason"), e.reason}};
            if (e.line) o.insert(QStringLiteral("line"), e.line);
            if (e.column) o.insert(QStringLiteral("column"), e.column);
            if (!e.key.isEmpty()) o.insert(QStringLiteral("key"), e.key);
            list.append(o);
        }
        reply({}, makeError(ErrorCode::ImportFailed, errors.first().toString(),
                            QJsonObject{{QStringLiteral("errors"), list}}));
    };
    if (!parsed.config) {
        fail(parsed.errors);
        return;
    }
    const InstanceConfig& config = *parsed.config;
    if (m_store.find(config.id) || m_store.brokenInstances().contains(config.id)) {
        fail({ImportError{
            0, 0, QStringLiteral("id"),
            QStringLiteral(
                "an instance with id %1 already exists; import it under another id with --as NEWID")
                .arg(config.id)}});
        return;
    }
    const ValidationErrors clash = m_store.check(config);
    if (!clash.isEmpty()) {
        QList<ImportError> errors;
        for (const auto& e : clash)
            errors.append(ImportError{0, 0, e.key, e.reason});
        fail(errors);
        return;
    }
    ValidationErrors errors;
    QString ioError;
    if (!m_store.save(config, &errors, &ioError)) {
        reply({}, makeError(ErrorCode::InternalError, ioError.isEmpty() ? errors.first().reason : ioError));
        return;
    }
    Log::info(config.id, QStringLiteral("instance imported"));
    reply(QJsonObject{{QStringLiteral("instance"), instanceJson(config.id)}}, std::nullopt);
}

void Engine::miscChange(const RpcCall& call, RpcReply reply, bool reset)
{
    const QString key = call.params.value(QStringLiteral("key")).toString();
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
        if (call.params.contains(QStringLiteral("value"))) value = call.params.value(QStringLiteral("value"));
        if (call.params.contains(QStringLiteral("ignore"))) {
            if (!call.params.value(QStringLiteral("ignore")).isBool()) {
                reply({},
                      makeError(ErrorCode::InvalidParams, QStringLiteral("ignore expects true or false")));
                return;
            }
            ignore = call.params.value(QStringLiteral("ignore")).toBool();
        }
        if (const QString r = next.set(def->key, value, ignore); !r.isEmpty()) {
            reply({}, validationError({{def->key, r}}));
            return;
        }
    }
    QString error;
    if (!next.save(m_paths.miscFile(), &error)) {
        reply({}, makeError(ErrorCode::InternalError, error));
        return;
    }
    m_misc = next;
    if (def->key.startsWith(QLatin1String("directory."))) syncRuntimes(); // new cache lifetimes
    applyMisc();
    if (def->key.startsWith(QLatin1String("rpc.tcp.")) || def->key.startsWith(QLatin1String("rpc.tls.")))
        applyTcpListener();
    Log::info(
        {},
        QStringLiteral("Misc Setup: %1 is now %2%3")
            .arg(def->key,
                 QString::fromUtf8(
                     QJsonDocument(QJsonArray{m_misc.entry(def->key).value}).toJson(QJsonDocument::Compact))
                     .mid(1)
                     .chopped(1),
                 m_misc.entry(def->key).ignore ? QStringLiteral(" (ignored: default applies)") : QString()));
    if (m_rpc)
        m_rpc->broadcast(rpc::Notification::MiscChanged, QJsonObject{{QStringLiteral("key"), def->key}});
    reply(QJsonObject{{QStringLiteral("option"), m_misc.toJson(def->key)}}, std::nullopt);
}

void Engine::adminToken(const RpcCall& call, RpcReply reply)
{
    if (!call.local) {
        reply({}, makeError(ErrorCode::Unauthenticated,
                            QStringLiteral("admin tokens are managed on the engine's host only")));
        return;
    }
    const QString name = call.params.value(kName).toString();
    QString error;
    switch (call.method) {
    case rpc::Method::AdminTokenAdd:
        if (const auto token = m_tokens.add(name, &error)) {
            Log::info({}, QStringLiteral("admin token %1 created").arg(name));
            reply(QJsonObject{{kName, name}, {QStringLiteral("token"), *token}}, std::nullopt);
        } else {
            reply({}, makeError(ErrorCode::Conflict, error));
        }
        return;
    case rpc::Method::AdminTokenRemove:
        if (m_tokens.remove(name, &error)) {
            // A revoked token must not keep working in sessions it already opened.
            const int closed =
                m_rpc ? m_rpc->closePrincipal(name, QStringLiteral("admin token %1 was revoked").arg(name))
                      : 0;
            Log::info(
                {}, QStringLiteral("admin token %1 revoked; %2 connection(s) closed").arg(name).arg(closed));
            reply(QJsonObject{{QStringLiteral("removed"), name}}, std::nullopt);
        } else {
            reply({}, makeError(ErrorCode::NotFound, error));
        }
        return;
    default: {
        QJsonArray list;
        for (const auto& t : m_tokens.tokens())
            list.append(
                QJsonObject{{kName, t.name}, {QStringLiteral("created"), t.created.toString(Qt::ISODate)}});
        reply(QJsonObject{{QStringLiteral("tokens"), list}}, std::nullopt);
    }
    }
}

bool Engine::instanceLogPath(const RpcCall& call, const InstanceConfig& config, QString* path,
                             const RpcReply& reply) const
{
    // The instance logs of ixi-UMS 4.2.8, by the names of their log.* settings.
    static const QHash<QString, QString> files = {
        {QStringLiteral("ldapSearch"), QStringLiteral("LdapSearch.log")},
        {QStringLiteral("smtpConnection"), QStringLiteral("SmtpConnection.log")},
        {QStringLiteral("messageId"), QStringLiteral("MessageId.log")}};
    const QString name = call.params.value(QStringLiteral("log")).toString();
    if (!files.contains(name)) {
        reply({}, makeError(ErrorCode::InvalidParams,
                            QStringLiteral("log must be one of %1")
                                .arg(QStringList(files.keys()).join(QStringLiteral(", ")))));
        return false;
    }
    *path = m_paths.instanceDir(config.id) + QLatin1Char('/') + Paths::logs() + QLatin1Char('/') +
            files.value(name);
    return true;
}

void Engine::logTail(const RpcCall& call, const InstanceConfig& config, RpcReply reply)
{
    QString path;
    if (!instanceLogPath(call, config, &path, reply)) return;
    constexpr qint64 kMaxBytes = 256 * 1024; // one answer stays well below the RPC line limit
    const int lines = qBound(1, call.params.value(QStringLiteral("lines")).toInt(50), 5000);
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        reply(QJsonObject{{QStringLiteral("text"), QString()}, {QStringLiteral("size"), 0}}, std::nullopt);
        return;
    }
    const qint64 size = f.size();
    const QJsonValue fromValue = call.params.value(QStringLiteral("from"));
    bool rotated = false;
    qint64 start = qMax<qint64>(0, size - kMaxBytes);
    if (fromValue.isDouble()) {
        qint64 from = qint64(fromValue.toDouble());
        if (from > size) { // rotated or cleared since: start again at the beginning of the new file
            from = 0;
            rotated = true;
        }
        start = qMax(from, start);
    }
    f.seek(start);
    QByteArray text = f.read(kMaxBytes);
    // Whole lines only: a line still being written comes with the next call.
    text.truncate(text.lastIndexOf('\n') + 1);
    const qint64 next = start + text.size();
    if (!fromValue.isDouble()) {
        QList<QByteArray> all = text.split('\n');
        all.removeLast();                                   // after the final newline
        if (start > 0 && !all.isEmpty()) all.removeFirst(); // cut in the middle
        if (all.size() > lines) all = all.mid(all.size() - lines);
        text = all.isEmpty() ? QByteArray() : all.join('\n') + '\n';
    }
    reply(QJsonObject{{QStringLiteral("text"), QString::fromUtf8(text)},
                      {QStringLiteral("size"), next},
                      {QStringLiteral("rotated"), rotated}},
          std::nullopt);
}

} // namespace umgate
