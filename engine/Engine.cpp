// SPDX-License-Identifier: GPL-3.0-or-later
// Engine: life cycle (start, stop, applying Misc Setup and configs to the running instances) and
// the engine's own RPC rows. The other areas register theirs from Engine*Rpc.cpp,
// DirectoryRpc and MailRpc.
#include "engine/Engine.h"

#include "engine/config/EntrySecretMigration.h"
#include "engine/core/AtomicFile.h"
#include "engine/core/Log.h"
#include "engine/delivery/MailRpc.h"
#include "engine/directory/DirectoryRpc.h"
#include "engine/instance/InstanceFileWatcher.h"
#include "engine/rpc/RemoteRpcListener.h"
#include "engine/secrets/SecretBackendChoice.h"
#include "engine/secrets/SecretStore.h"

#include <QFile>
#include <QJsonArray>
#include <QPointer>
#include <openssl/rand.h>

namespace umgate {

using rpc::ErrorCode;
using rpc::makeError;
namespace field = rpc::field;

Engine::Engine(const QString& dataDir, QObject* parent)
    : QObject(parent), m_paths(dataDir), m_lock(m_paths.lockFile(), dataDir), m_store(m_paths),
      m_tokens(m_paths.tokensFile()), m_status(m_paths, m_store, m_instances)
{
    m_directoryRpc = new DirectoryRpc(m_instances, this);
    m_mailRpc = new MailRpc(m_paths, m_instances, this);
    m_handlers.setInstanceResolver(
        [this](const QString& id, const RpcReply& reply) { return findOrReply(id, reply); });
    registerEngineRpc(m_handlers);
    registerInstanceRpc(m_handlers);
    registerConfigRpc(m_handlers);
    registerMiscRpc(m_handlers);
    registerLogRpc(m_handlers);
    m_directoryRpc->registerRpc(m_handlers);
    m_mailRpc->registerRpc(m_handlers);
    connect(&Log::instance(), &Log::line, this,
            [this](Log::Level level, const QString& id, const QString& text, const QDateTime& time) {
                if (!m_rpc) return;
                QJsonObject p{{field::level, Log::levelName(level)},
                              {field::text, text},
                              {field::time, time.toString(Qt::ISODateWithMs)}};
                if (!id.isEmpty()) p.insert(field::id, id);
                m_rpc->broadcast(rpc::Notification::LogLine, p);
            });
    connectStore();
}

Engine::~Engine()
{
    stop();
}

void Engine::connectStore()
{
    connect(&m_store, &ConfigStore::problem, this,
            [](const QString& id, const QString& text) { Log::error(id, text); });
    connect(&m_store, &ConfigStore::instanceAdded, this, [this](const QString& id) {
        m_status.invalidate(id);
        syncInstances();
        broadcast(rpc::Notification::ConfigChanged, QJsonObject{{field::id, id}, {field::added, true}});
    });
    connect(
        &m_store, &ConfigStore::instanceChanged, this, [this](const QString& id, const QStringList& keys) {
            m_status.invalidate(id);
            Log::info(id, QStringLiteral("configuration changed: %1").arg(keys.join(QStringLiteral(", "))));
            syncInstances();
            broadcast(rpc::Notification::ConfigChanged,
                      QJsonObject{{field::id, id}, {field::keys, QJsonArray::fromStringList(keys)}});
        });
    connect(&m_store, &ConfigStore::instanceRemoved, this, [this](const QString& id) {
        m_status.invalidate(id);
        syncInstances();
        broadcast(rpc::Notification::ConfigChanged, QJsonObject{{field::id, id}, {field::removed, true}});
    });
}

void Engine::broadcast(rpc::Notification notification, const QJsonObject& params) const
{
    if (m_rpc) m_rpc->broadcast(notification, params);
}

QString Engine::secretStoreDescription() const
{
    if (m_secrets) return m_secrets->description();
    return m_secretsProblem.isEmpty() ? QStringLiteral("not open")
                                      : QStringLiteral("unavailable: %1").arg(m_secretsProblem);
}

bool Engine::startSync(QString* error)
{
    QString dirWarning;
    if (!m_paths.prepareDataDir(error, &dirWarning)) return false;
    if (!dirWarning.isEmpty()) Log::warning({}, dirWarning);
    if (!m_lock.acquire(error)) return false;
    // Temp files of writes a crash cut short (Misc Setup, tokens, secrets, cookie); instance
    // folders are cleaned by ConfigStore::load.
    AtomicFile::removeStaleTemps(m_paths.dataDir());
    QString e;
    if (!m_misc.load(m_paths.miscFile(), &e)) {
        *error = QStringLiteral("Misc Setup: %1").arg(e);
        return false;
    }
    Log::instance().setThreshold(m_misc.get(miscKeys::logLevel));
    if (!m_tokens.load(&e)) {
        *error = e;
        return false;
    }
    m_store.load();
    const auto broken = m_store.brokenInstances();
    for (auto it = broken.begin(); it != broken.end(); ++it)
        Log::error(it.key(), QStringLiteral("not started: %1").arg(it.value()));
    if (!m_store.ensureDefaultInstance(&e)) {
        *error = QStringLiteral("cannot create the default instance: %1").arg(e);
        return false;
    }
    // A fresh cookie every start: a token read by someone before the restart is worthless after it.
    QByteArray raw(32, Qt::Uninitialized);
    RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), int(raw.size()));
    m_cookie = raw.toHex();
    if (!AtomicFile::write(m_paths.cookieFile(), m_cookie + '\n', &e, 0600)) {
        *error = e;
        return false;
    }
    return true;
}

void Engine::start()
{
    m_uptime.start();
    QString error;
    if (!startSync(&error)) {
        QMetaObject::invokeMethod(
            this, [this, error] { emit started(error); }, Qt::QueuedConnection);
        return;
    }
    openSecretStore();
}

void Engine::openSecretStore()
{
    bool anySecrets = false;
    for (const QString& id : m_store.ids())
        anySecrets |= !m_store.find(id)->secretsSet.isEmpty();
    const SecretBackendChoice choice(m_paths.secretsBackendFile(), m_misc.get(miscKeys::secretsBackend),
                                     anySecrets);
    SecretStore::open(
        m_paths.dataDir(), choice.mode(), QStringLiteral("umgate:%1").arg(m_paths.dataDir()), this,
        [this, choice](SecretStore* store, const QString& problem) {
            m_secrets = store;
            m_secretsProblem = store ? problem : choice.problem(problem);
            if (!store) {
                Log::error({}, QStringLiteral("secret store unavailable: %1; stored passwords cannot be "
                                              "read and new ones cannot be set. Start the Secret "
                                              "Service, or set Misc Setup secrets.backend to file and "
                                              "enter the passwords again")
                                   .arg(m_secretsProblem));
            } else {
                Log::info({}, QStringLiteral("secrets kept in %1").arg(store->description()));
                choice.record(*store);
            }
            // Before anything reads a password: secrets stored by list position move to the ids.
            EntrySecretMigration::run(&m_store, store, [self = QPointer<Engine>(this)] {
                if (self) self->finishStart();
            });
        });
}

void Engine::finishStart()
{
    m_rpc = new RpcServer([this](const RpcCall& call, RpcReply reply) { handle(call, std::move(reply)); },
                          [this](const QByteArray& token, bool local) -> std::optional<QString> {
                              if (local) {
                                  if (constantTimeEquals(token, m_cookie)) return QStringLiteral("local");
                                  return std::nullopt;
                              }
                              return m_tokens.verify(token);
                          },
                          this);
    applyMisc();
    // Everything runs before the socket opens: a client that connects sees a complete engine.
    m_running = true;
    syncInstances();
    m_watcher = new InstanceFileWatcher(m_paths, m_store, this);
    connect(m_watcher, &InstanceFileWatcher::queueDepthChanged, this,
            [this](const QString& id, const QString& queue, int depth) {
                broadcast(rpc::Notification::QueueChanged,
                          QJsonObject{{field::id, id}, {field::queue, queue}, {field::depth, depth}});
            });
    QString error;
    if (!m_rpc->listenLocal(m_paths.socketFile(), &error)) {
        emit started(error);
        return;
    }
    applyRemoteRpc();
    Log::info({}, QStringLiteral("engine %1 running; data in %2, RPC socket %3")
                      .arg(QStringLiteral(UMGATE_VERSION), m_paths.dataDir(), m_paths.socketFile()));
    emit started(QString());
}

void Engine::stop()
{
    if (!m_running && !m_rpc) return;
    m_running = false;
    qDeleteAll(m_instances);
    m_instances.clear();
    delete m_rpc;
    m_rpc = nullptr;
    QFile::remove(m_paths.cookieFile());
    m_lock.release();
}

void Engine::applyMisc()
{
    Log::instance().setThreshold(m_misc.get(miscKeys::logLevel));
    if (!m_rpc) return;
    RpcServer::Limits limits = m_rpc->limits();
    limits.maxMessageBytes = m_misc.get(miscKeys::rpcMaxMessageBytes);
    limits.maxClients = m_misc.get(miscKeys::rpcMaxClients);
    limits.maxRemoteClients = m_misc.get(miscKeys::rpcTcpMaxClients);
    limits.maxUnauthenticatedPerAddress = m_misc.get(miscKeys::rpcTcpMaxUnauthenticatedPerAddress);
    limits.authTimeoutMs = m_misc.get(miscKeys::rpcAuthTimeoutSeconds) * 1000;
    limits.idleTimeoutMs = m_misc.get(miscKeys::rpcIdleTimeoutSeconds) * 1000;
    m_rpc->setLimits(limits);
}

void Engine::applyRemoteRpc()
{
    if (m_rpc) RemoteRpcListener::apply(*m_rpc, m_misc);
}

void Engine::syncInstances()
{
    if (!m_running) return;
    const QStringList ids = m_store.ids();
    for (auto it = m_instances.begin(); it != m_instances.end();) {
        if (!ids.contains(it.key())) {
            delete it.value();
            it = m_instances.erase(it);
        } else {
            ++it;
        }
    }
    // Disabled ones first, so an enabled instance can take over their port.
    for (const bool enabled : {false, true}) {
        for (const QString& id : ids) {
            const InstanceConfig* config = m_store.find(id);
            if (config->enabled != enabled) continue;
            Instance*& instance = m_instances[id];
            if (!instance) {
                instance = new Instance(id, m_paths, this);
                connect(instance, &Instance::stateChanged, this, [this](const QString& rid) {
                    m_status.invalidate(rid);
                    broadcast(rpc::Notification::InstanceState, m_status.instanceJson(rid));
                });
            }
            instance->apply(*config, m_misc, m_secrets);
        }
    }
}

const InstanceConfig* Engine::findOrReply(const QString& id, const RpcReply& reply) const
{
    if (const InstanceConfig* c = m_store.find(id)) return c;
    if (m_store.brokenInstances().contains(id))
        reply({}, makeError(ErrorCode::NotFound, QStringLiteral("instance %1 is broken: %2")
                                                     .arg(id, m_store.brokenInstances().value(id))));
    else
        reply({},
              makeError(
                  ErrorCode::NotFound,
                  QStringLiteral("no instance %1").arg(id.isEmpty() ? QStringLiteral("(id missing)") : id)));
    return nullptr;
}

EngineStatus::Live Engine::live() const
{
    return {m_uptime.elapsed() / 1000, m_rpc ? m_rpc->clientCount() : 0, m_rpc && m_rpc->isListeningTls(),
            secretStoreDescription()};
}

void Engine::registerEngineRpc(RpcHandlerTable& table)
{
    using M = rpc::Method;
    using A = RpcHandlerTable::Access;
    const auto connectionAnswers = [](const RpcCall&, RpcReply reply) {
        reply({}, makeError(ErrorCode::InternalError, QStringLiteral("handled by the connection")));
    };
    table.add(M::RpcVersion, A::Read, connectionAnswers);
    table.add(M::EventsSubscribe, A::Read, connectionAnswers);
    // Consoles poll it: the answer is kept serialised between changes (EngineStatus).
    table.add(M::EngineStatus, A::Read,
              [this](const RpcCall&, RpcReply reply) { reply.serialized(m_status.statusText(live())); });
}

} // namespace umgate
