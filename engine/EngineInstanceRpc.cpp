// SPDX-License-Identifier: GPL-3.0-or-later
// Engine: the instance.* methods (ixi-UMS 4.1 Manage instances).
#include "engine/Engine.h"
#include "engine/core/AtomicFile.h"
#include "engine/core/CallQueue.h"
#include "engine/core/Log.h"
#include "engine/core/TlsFiles.h"
#include "engine/instance/Instance.h"
#include "engine/rpc/RpcFailure.h"
#include "engine/secrets/SecretStore.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QThreadPool>

namespace umgate {

using rpc::ErrorCode;
using rpc::makeError;
namespace field = rpc::field;

void Engine::registerInstanceRpc(RpcHandlerTable& table)
{
    using M = rpc::Method;
    using A = RpcHandlerTable::Access;
    table.add(M::InstanceList, A::Read, [this](const RpcCall&, RpcReply reply) {
        QJsonArray list;
        for (const QString& id : m_store.ids())
            list.append(m_status.instanceJson(id));
        reply(QJsonObject{{field::instances, list}}, std::nullopt);
    });
    table.add(M::InstanceCreate, A::Change,
              [this](const RpcCall& call, RpcReply reply) { instanceCreate(call, std::move(reply)); });
    table.add(M::InstanceDelete, A::Change,
              [this](const RpcCall& call, RpcReply reply) { instanceDelete(call, std::move(reply)); });
    table.addForInstance(M::InstanceEnable, A::Change,
                         [this](const RpcCall&, const InstanceConfig& c, RpcReply reply) {
                             setEnabled(c, std::move(reply), true);
                         });
    table.addForInstance(M::InstanceDisable, A::Change,
                         [this](const RpcCall&, const InstanceConfig& c, RpcReply reply) {
                             setEnabled(c, std::move(reply), false);
                         });
    table.addForInstance(M::CertificateImport, A::Change,
                         [this](const RpcCall& call, const InstanceConfig& c, RpcReply reply) {
                             certificateImport(call, c, std::move(reply));
                         });
}

// ixi-UMS 4.2.1.2 wants the certificate and key as PEM files in the instance's Certificates
// folder and explains how to make them from a .pfx; this does it. Reading the file runs key
// derivation with as many rounds as its maker chose, so a worker does it; back on this thread
// the files named on the Encryption tab are replaced (key first, 0600) and the listener takes them
// for new connections.
void Engine::certificateImport(const RpcCall& call, const InstanceConfig& config, RpcReply reply)
{
    const auto decoded = QByteArray::fromBase64Encoding(call.params.value(field::data).toString().toLatin1(),
                                                        QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty()) {
        reply({},
              makeError(ErrorCode::InvalidParams, QStringLiteral("data must be the PKCS#12 file in base64")));
        return;
    }
    if (!m_workerReplies) m_workerReplies = new CallQueue(this);
    QThreadPool::globalInstance()->start([this, data = decoded.decoded, id = config.id,
                                          password = call.params.value(field::password).toString().toUtf8(),
                                          reply = std::move(reply), target = m_workerReplies->target()] {
        QString error;
        std::optional<TlsFiles::Pkcs12Pem> pem = TlsFiles::fromPkcs12(data, password, &error);
        target.post([this, id, pem, error, reply] {
            if (!pem) {
                reply({}, makeError(ErrorCode::InvalidParams, error));
                return;
            }
            if (const InstanceConfig* c = findOrReply(id, reply)) installCertificate(*c, *pem, reply);
        });
    });
}

void Engine::installCertificate(const InstanceConfig& config, const TlsFiles::Pkcs12Pem& pem,
                                const RpcReply& reply)
{
    const QString dir = m_paths.instanceDir(config.id) + QStringLiteral("/Certificates");
    const QString certificate = config.get(keys::listenerCertificate);
    const QString key = config.get(keys::listenerKey);
    QString error;
    if (!QDir().mkpath(dir) || !AtomicFile::write(dir + QLatin1Char('/') + key, pem.key, &error, 0600) ||
        !AtomicFile::write(dir + QLatin1Char('/') + certificate, pem.certificateChain, &error, 0644)) {
        reply({}, makeError(ErrorCode::InternalError,
                            error.isEmpty() ? QStringLiteral("cannot create %1").arg(dir) : error));
        return;
    }
    const QSslCertificate& c = pem.certificate;
    const QString subject = c.subjectDisplayName();
    Log::info(config.id, QStringLiteral("certificate imported for the listener: %1, valid until %2")
                             .arg(subject, c.expiryDate().toString(Qt::ISODate)));
    if (Instance* instance = m_instances.value(config.id)) instance->apply(config, m_misc, m_secrets);
    QJsonObject result{{field::certificate, certificate},
                       {field::key, key},
                       {field::subject, subject},
                       {field::issuer, c.issuerDisplayName()},
                       {field::expires, c.expiryDate().toUTC().toString(Qt::ISODate)},
                       {field::chain, qint64(pem.chain)}};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (c.expiryDate() < now)
        result.insert(
            field::warning,
            QStringLiteral("the certificate expired on %1").arg(c.expiryDate().toString(Qt::ISODate)));
    else if (c.effectiveDate() > now)
        result.insert(field::warning, QStringLiteral("the certificate is not valid before %1")
                                          .arg(c.effectiveDate().toString(Qt::ISODate)));
    else if (!config.get(keys::listenerTls))
        result.insert(field::warning,
                      QStringLiteral("encryption is off: turn on general.encryption.enabled to offer it"));
    reply(result, std::nullopt);
}

void Engine::instanceCreate(const RpcCall& call, RpcReply reply)
{
    const QJsonObject& p = call.params;
    const QString id = p.value(field::id).toString();
    const QString name = p.contains(field::name) ? p.value(field::name).toString() : id;
    if (m_store.exists(id)) {
        reply({}, makeError(ErrorCode::Conflict,
                            QStringLiteral("an instance with id %1 already exists").arg(id)));
        return;
    }
    ValidationErrors errors;
    auto config = m_store.makeNew(id, name, &errors);
    if (config && p.contains(field::enabled)) config->enabled = p.value(field::enabled).toBool(true);
    QString ioError;
    if (!config || !m_store.save(*config, &errors, &ioError)) {
        reply({}, ioError.isEmpty() ? rpc::validationError(errors)
                                    : makeError(ErrorCode::InternalError, ioError));
        return;
    }
    Log::info(id, QStringLiteral("instance created (%1)").arg(name));
    reply(QJsonObject{{field::instance, m_status.instanceJson(id)}}, std::nullopt);
}

void Engine::setEnabled(const InstanceConfig& config, RpcReply reply, bool enabled)
{
    InstanceConfig next = config;
    next.enabled = enabled;
    ValidationErrors errors;
    QString ioError;
    if (!m_store.save(next, &errors, &ioError)) {
        // Enabling can only clash with another instance (its address and port, manual 3.8).
        if (!ioError.isEmpty())
            reply({}, makeError(ErrorCode::InternalError, ioError));
        else
            reply({}, makeError(ErrorCode::Conflict, errors.first().reason,
                                QJsonObject{{field::errors, rpc::errorsJson(errors)}}));
        return;
    }
    reply(QJsonObject{{field::instance, m_status.instanceJson(next.id)}}, std::nullopt);
}

void Engine::instanceDelete(const RpcCall& call, RpcReply reply)
{
    const QString id = call.params.value(field::id).toString();
    const bool force = call.params.value(field::force).toBool();
    const bool keepQueue = call.params.value(field::keepQueue).toBool();
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
                            QJsonObject{{field::queued, queued}}));
        return;
    }
    const QStringList secrets = c ? c->secretsSet : QStringList();
    if (Instance* instance = m_instances.value(id)) instance->stop(); // before its folder goes
    QString kept, error;
    if (!m_store.remove(id, keepQueue && queued > 0, &kept, &error)) {
        syncInstances();
        reply({}, makeError(ErrorCode::InternalError, error));
        return;
    }
    if (m_secrets)
        for (const QString& s : secrets)
            m_secrets->remove(InstanceConfig::secretStoreKey(id, s), [](const QString&) {});
    Log::info(id, kept.isEmpty() ? QStringLiteral("instance deleted")
                                 : QStringLiteral("instance deleted; its queue was kept in %1").arg(kept));
    QJsonObject result{{field::deleted, true}, {field::discarded, force && !keepQueue ? queued : 0}};
    if (!kept.isEmpty()) result.insert(field::keptQueue, kept);
    reply(result, std::nullopt);
}

} // namespace umgate
