// SPDX-License-Identifier: GPL-3.0-or-later
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

using rpc::ErrorCode;
using rpc::makeError;

using namespace engine_detail;

namespace {

SecretStore::Mode secretStoreMode(SecretsBackend backend)
{
    switch (backend) {
    case SecretsBackend::Auto:
        break;
    case SecretsBackend::Keychain:
        return SecretStore::Mode::Keychain;
    case SecretsBackend::File:
        return SecretStore::Mode::File;
    }
    return SecretStore::Mode::Auto;
}

} // namespace

Engine::Engine(const QString& dataDir, QObject* parent)
    : QObject(parent), m_paths(dataDir), m_lock(Paths(dataDir).lockFile()), m_store(m_paths),
      m_tokens(m_paths.tokensFile())
{
    m_lock.setStaleLockTime(0);
    m_directories = new DirectoryManager(m_paths, this);
    m_mail = new MailManager(m_paths, m_directories, this);
    connect(&Log::instance(), &Log::line, this,
            [this](Log::Level level, const QString& id, const QString& text, const QDateTime& time) {
                if (!m_rpc) return;
                QJsonObject p{{QStringLiteral("level"), Log::levelName(level)},
                              {QStringLiteral("text"), text},
                              {QStringLiteral("time"), time.toString(Qt::ISODateWithMs)}};
                if (!id.isEmpty()) p.insert(kId, id);
                m_rpc->broadcast(rpc::Notification::LogLine, p);
            });
    connect(&m_store, &ConfigStore::problem, this,
            [](const QString& id, const QString& text) { Log::error(id, text); });
    connect(&m_store, &ConfigStore::instanceAdded, this, [this](const QString& id) {
        invalidateInstanceJson(id);
        syncRuntimes();
        if (m_rpc)
            m_rpc->broadcast(rpc::Notification::ConfigChanged,
                             QJsonObject{{kId, id}, {QStringLiteral("added"), true}});
    });
    connect(
        &m_store, &ConfigStore::instanceChanged, this, [this](const QString& id, const QStringList& keys) {
            invalidateInstanceJson(id);
            Log::info(id, QStringLiteral("configuration changed: %1").arg(keys.join(QStringLiteral(", "))));
            syncRuntimes();
            if (m_rpc)
                m_rpc->broadcast(
                    rpc::Notification::ConfigChanged,
                    QJsonObject{{kId, id}, {QStringLiteral("keys"), QJsonArray::fromStringList(keys)}});
        });
    connect(&m_store, &ConfigStore::instanceRemoved, this, [this](const QString& id) {
        invalidateInstanceJson(id);
        syncRuntimes();
        if (m_rpc)
            m_rpc->broadcast(rpc::Notification::ConfigChanged,
                             QJsonObject{{kId, id}, {QStringLiteral("removed"), true}});
    });
}

Engine::~Engine()
{
    stop();
}

QString Engine::secretStoreDescription() const
{
    if (m_secrets) return m_secrets->description();
    return m_secretsProblem.isEmpty() ? QStringLiteral("not open")
                                      : QStringLiteral("unavailable: %1").arg(m_secretsProblem);
}

QString Engine::secretKey(const QString& id, const QString& path) const
{
    return QStringLiteral("%1/%2").arg(id, path);
}

bool Engine::startSync(QString* error)
{
    QString dirWarning;
    if (!m_paths.prepareDataDir(error, &dirWarning)) return false;
    if (!dirWarning.isEmpty()) Log::warning({}, dirWarning);
    if (!m_lock.tryLock(0)) {
        qint64 pid = 0;
        QString host, app;
        m_lock.getLockInfo(&pid, &host, &app);
        *error = QStringLiteral("another engine (pid %1) already uses %2").arg(pid).arg(m_paths.dataDir());
        return false;
    }
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
    SecretStore::Mode mode = secretStoreMode(m_misc.get(miscKeys::secretsBackend));
    // Auto decides once. Once passwords are stored, the engine stays with the backend that holds
    // them: silently switching (the keychain is down today, or came up) would make every stored
    // password look missing.
    const QByteArray recorded = [this] {
        QFile f(m_paths.secretsBackendFile());
        return f.open(QIODevice::ReadOnly) ? f.readAll().trimmed() : QByteArray();
    }();
    bool anySecrets = false;
    for (const QString& id : m_store.ids())
        anySecrets |= !m_store.find(id)->secretsSet.isEmpty();
    const bool pinned =
        mode == SecretStore::Mode::Auto && anySecrets && (recorded == "keychain" || recorded == "file");
    if (pinned) mode = recorded == "keychain" ? SecretStore::Mode::Keychain : SecretStore::Mode::File;
    SecretStore::open(
        m_paths.dataDir(), mode, QStringLiteral("umgate:%1").arg(m_paths.dataDir()), this,
        [this, recorded, pinned](SecretStore* store, const QString& problem) {
            m_secrets = store;
            m_secretsProblem = problem;
            m_directories->setSecretStore(store);
            m_mail->setSecretStore(store);
            if (!store && pinned)
                m_secretsProblem = QStringLiteral("this engine's passwords are in the Secret Service "
                                                  "(see %1), which does not answer now (%2)")
                                       .arg(m_paths.secretsBackendFile(), problem);
            if (!store) {
                Log::error({}, QStringLiteral("secret store unavailable: %1; stored passwords cannot be "
                                              "read and new ones cannot be set. Start the Secret "
                                              "Service, or set Misc Setup secrets.backend to file and "
                                              "enter the passwords again")
                                   .arg(m_secretsProblem));
            } else {
                Log::info({}, QStringLiteral("secrets kept in %1").arg(store->description()));
                const QByteArray name =
                    store->backend() == SecretStore::Backend::Keychain ? "keychain" : "file";
                QString writeError;
                if (name != recorded &&
                    !AtomicFile::write(m_paths.secretsBackendFile(), name + '\n', &writeError, 0600))
                    Log::warning({}, writeError);
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
    syncRuntimes();
    watchFiles();
    QString error;
    if (!m_rpc->listenLocal(m_paths.socketFile(), &error)) {
        emit started(error);
        return;
    }
    applyTcpListener();
    Log::info({}, QStringLiteral("engine %1 running; data in %2, RPC socket %3")
                      .arg(QStringLiteral(UMGATE_VERSION), m_paths.dataDir(), m_paths.socketFile()));
    emit started(QString());
}

void Engine::stop()
{
    if (!m_running && !m_rpc) return;
    m_running = false;
    for (InstanceRuntime* r : std::as_const(m_runtimes))
        r->stop();
    qDeleteAll(m_runtimes);
    m_runtimes.clear();
    delete m_rpc;
    m_rpc = nullptr;
    QFile::remove(m_paths.cookieFile());
    m_lock.unlock();
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

void Engine::applyTcpListener()
{
    if (!m_rpc) return;
    if (!m_misc.get(miscKeys::rpcTcpEnabled)) {
        m_rpc->closeTls();
        return;
    }
    const QString certPath = m_misc.get(miscKeys::rpcTlsCertificate);
    const QString keyPath = m_misc.get(miscKeys::rpcTlsKey);
    const auto certs = QSslCertificate::fromPath(certPath, QSsl::Pem);
    QFile keyFile(keyPath);
    QSslKey key;
    if (keyFile.open(QIODevice::ReadOnly)) {
        const QByteArray pem = keyFile.readAll();
        key = QSslKey(pem, QSsl::Rsa, QSsl::Pem);
        if (key.isNull()) key = QSslKey(pem, QSsl::Ec, QSsl::Pem);
    }
    if (certs.isEmpty() || key.isNull()) {
        Log::error({},
                   QStringLiteral(
                       "remote RPC not started: rpc.tls.certificate (%1) and rpc.tls.key (%2) must name a "
                       "readable PEM certificate and key")
                       .arg(certPath, keyPath));
        m_rpc->closeTls();
        return;
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(certs);
    tls.setPrivateKey(key);
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // admins authenticate with bearer tokens
    QString error;
    const QHostAddress address(m_misc.get(miscKeys::rpcTcpAddress));
    const auto port = quint16(m_misc.get(miscKeys::rpcTcpPort));
    if (!m_rpc->listenTls(address, port, tls, &error))
        Log::error({}, QStringLiteral("remote RPC: %1").arg(error));
    else
        Log::info({},
                  QStringLiteral("remote RPC listening on %1:%2 (TLS)").arg(address.toString()).arg(port));
}

void Engine::syncRuntimes()
{
    if (!m_running) return;
    const QStringList ids = m_store.ids();
    for (auto it = m_runtimes.begin(); it != m_runtimes.end();) {
        if (!ids.contains(it.key())) {
            m_directories->configure(it.key(), nullptr, m_misc);
            m_mail->configure(it.key(), nullptr, m_misc);
            delete it.value();
            it = m_runtimes.erase(it);
        } else {
            ++it;
        }
    }
    // Stop the disabled ones first, so an enabled instance can take over their port.
    for (const QString& id : ids)
        if (!m_store.find(id)->enabled && m_runtimes.contains(id)) m_runtimes.value(id)->stop();
    for (const QString& id : ids) {
        const InstanceConfig* config = m_store.find(id);
        InstanceRuntime* r = m_runtimes.value(id);
        if (!r) {
            r = new InstanceRuntime(id, this);
            connect(r, &InstanceRuntime::stateChanged, this, [this](const QString& rid) {
                invalidateInstanceJson(rid);
                if (m_rpc) m_rpc->broadcast(rpc::Notification::InstanceState, instanceJson(rid));
            });
            m_runtimes.insert(id, r);
        }
        if (config->enabled) r->apply(*config);
        m_directories->configure(id, config, m_misc);
        m_mail->configure(id, config, m_misc);
    }
}

int Engine::queueDepth(const QString& id, const QString& queue) const
{
    // SMTPOut and Badmail keep a mail as .eml + .json (+ reason.txt in Badmail): count mails.
    const bool mailQueue = queue == Paths::smtpOut() || queue == Paths::badmail();
    return m_store.countFiles(id, queue, mailQueue ? ".json" : nullptr);
}

void Engine::watchFiles()
{
    // Edits by hand or by a config management tool take effect without a restart (invalid ones
    // are reported and ignored), and files arriving in or leaving a queue folder, whoever moves
    // them, reach the consoles as queue.changed.
    static const QStringList queues = {Paths::smtpOut(), Paths::badmail(), Paths::smtpInError()};
    m_watcher = new QFileSystemWatcher(this);
    auto rewatch = [this] {
        const QStringList watched = m_watcher->files() + m_watcher->directories();
        for (const QString& id : m_store.ids()) {
            const QString config = m_paths.instanceConfigFile(id);
            if (!watched.contains(config) && QFileInfo::exists(config)) m_watcher->addPath(config);
            for (const QString& q : queues) {
                const QString dir = m_paths.instanceDir(id) + QLatin1Char('/') + q;
                if (watched.contains(dir) || !QFileInfo::exists(dir)) continue;
                m_watcher->addPath(dir);
                m_queueDepth.insert(dir, queueDepth(id, q)); // announce changes, not the start
            }
        }
    };
    m_watcher->addPath(m_paths.instancesDir());
    rewatch();
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, [this, rewatch](const QString& path) {
        const QString id = QFileInfo(path).dir().dirName();
        if (m_store.find(id)) m_store.reloadFromDisk(id);
        rewatch(); // a rename replaces the inode the watch was on
    });
    connect(m_watcher, &QFileSystemWatcher::directoryChanged, this, [this, rewatch](const QString& path) {
        if (path == m_paths.instancesDir()) {
            for (const QString& id :
                 QDir(m_paths.instancesDir()).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
                if (!id.startsWith(QLatin1Char('.')) && !m_store.find(id) &&
                    QFile::exists(m_paths.instanceConfigFile(id)))
                    m_store.reloadFromDisk(id);
            rewatch();
            return;
        }
        // A busy queue changes thousands of times a second; counting it each time would read the
        // whole folder per mail. Counted at most four times a second instead.
        m_dirtyQueues.insert(path);
        if (!m_queueCountTimer->isActive()) m_queueCountTimer->start();
    });
    m_queueCountTimer = new QTimer(this);
    m_queueCountTimer->setSingleShot(true);
    m_queueCountTimer->setInterval(250);
    connect(m_queueCountTimer, &QTimer::timeout, this, [this] {
        const QSet<QString> dirty = std::exchange(m_dirtyQueues, {});
        for (const QString& path : dirty) {
            const QString relative = path.mid(m_paths.instancesDir().size() + 1); // ID/SMTPOut[/Badmail]
            const QString id = relative.section(QLatin1Char('/'), 0, 0);
            const QString queue = relative.section(QLatin1Char('/'), 1);
            if (!m_store.find(id) || !queues.contains(queue)) continue;
            const int depth = queueDepth(id, queue);
            if (m_queueDepth.value(path, -1) == depth) continue;
            m_queueDepth.insert(path, depth);
            if (m_rpc)
                m_rpc->broadcast(rpc::Notification::QueueChanged,
                                 QJsonObject{{kId, id},
                                             {QStringLiteral("queue"), queue},
                                             {QStringLiteral("depth"), depth}});
        }
    });
}

QJsonObject Engine::instanceJson(const QString& id) const
{
    const InstanceConfig* c = m_store.find(id);
    if (!c) return {};
    auto it = m_instanceJsonCache.find(id);
    if (it == m_instanceJsonCache.end()) {
        const InstanceRuntime* r = m_runtimes.value(id);
        QJsonObject o{
            {kId, c->id},
            {kName, c->name},
            {kEnabled, c->enabled},
            {QStringLiteral("state"),
             InstanceRuntime::stateName(r ? r->state() : InstanceRuntime::State::Stopped)},
            {QStringLiteral("listen"), QStringLiteral("%1:%2").arg(c->listenAddress()).arg(c->listenPort())},
            {QStringLiteral("queued"), 0},
            {QStringLiteral("directory"), m_paths.instanceDir(id)}};
        if (r && !r->error().isEmpty()) o.insert(QStringLiteral("error"), r->error());
        it = m_instanceJsonCache.insert(id, o);
    }
    // The queue is read fresh every time: files arrive and leave without telling us.
    QJsonObject o = *it;
    o.insert(QStringLiteral("queued"), m_store.queuedMessages(id));
    return o;
}

QJsonObject Engine::statusJson() const
{
    QJsonArray instances;
    for (const QString& id : m_store.ids())
        instances.append(instanceJson(id));
    QJsonArray broken;
    const auto b = m_store.brokenInstances();
    for (auto it = b.begin(); it != b.end(); ++it)
        broken.append(QJsonObject{{kId, it.key()}, {QStringLiteral("reason"), it.value()}});
    return QJsonObject{{QStringLiteral("version"), QStringLiteral(UMGATE_VERSION)},
                       {QStringLiteral("pid"), qint64(QCoreApplication::applicationPid())},
                       {QStringLiteral("uptimeSeconds"), m_uptime.elapsed() / 1000},
                       {QStringLiteral("dataDir"), m_paths.dataDir()},
                       {QStringLiteral("socket"), m_paths.socketFile()},
                       {QStringLiteral("secretStore"), secretStoreDescription()},
                       {QStringLiteral("remoteRpc"), m_rpc && m_rpc->isListeningTls()},
                       {QStringLiteral("clients"), m_rpc ? m_rpc->clientCount() : 0},
                       {QStringLiteral("rssKb"), residentKb()},
                       {QStringLiteral("instances"), instances},
                       {QStringLiteral("brokenInstances"), broken}};
}

QJsonObject Engine::configValues(const InstanceConfig& config, const QString& onlyKey) const
{
    QJsonObject values = ConfigEdit::valuesWithSecretMarkers(config);
    if (!onlyKey.isEmpty()) values = QJsonObject{{onlyKey, values.value(onlyKey)}};
    return QJsonObject{{kId, config.id}, {kName, config.name}, {kEnabled, config.enabled}, {kValues, values}};
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

void Engine::handle(const RpcCall& call, RpcReply reply)
{
    using M = rpc::Method;
    const QJsonObject& p = call.params;
    const QString id = p.value(kId).toString();
    switch (call.method) {
    case M::RpcVersion:
    case M::EventsSubscribe:
        reply({}, makeError(ErrorCode::InternalError, QStringLiteral("handled by the connection")));
        return;
    case M::EngineStatus:
        reply(statusJson(), std::nullopt);
        return;
    case M::InstanceList: {
        QJsonArray list;
        for (const QString& i : m_store.ids())
            list.append(instanceJson(i));
        reply(QJsonObject{{QStringLiteral("instances"), list}}, std::nullopt);
        return;
    }
    case M::InstanceCreate: {
        const QString name = p.contains(kName) ? p.value(kName).toString() : id;
        ValidationErrors errors;
        auto config = m_store.makeNew(id, name, &errors);
        if (config && p.contains(kEnabled)) config->enabled = p.value(kEnabled).toBool(true);
        QString ioError;
        if (!config || !m_store.save(*config, &errors, &ioError)) {
            if (!ioError.isEmpty())
                reply({}, makeError(ErrorCode::InternalError, ioError));
            else if (!errors.isEmpty() && errors.first().reason.contains(QStringLiteral("already exists")))
                reply({}, makeError(ErrorCode::Conflict, errors.first().reason));
            else
                reply({}, validationError(errors));
            return;
        }
        Log::info(id, QStringLiteral("instance created (%1)").arg(name));
        reply(QJsonObject{{QStringLiteral("instance"), instanceJson(id)}}, std::nullopt);
        return;
    }
    case M::InstanceDelete:
        instanceDelete(call, std::move(reply));
        return;
    case M::InstanceEnable:
    case M::InstanceDisable:
        setEnabled(call, std::move(reply), call.method == M::InstanceEnable);
        return;
    case M::LogTail:
        if (const InstanceConfig* c = findOrReply(id, reply)) logTail(call, *c, std::move(reply));
        return;
    case M::LogClear:
        if (const InstanceConfig* c = findOrReply(id, reply)) {
            QString path, error;
            if (!instanceLogPath(call, *c, &path, reply)) return;
            if (!RotatingLog::clearFile(path, &error)) {
                reply({}, makeError(ErrorCode::InternalError, error));
                return;
            }
            Log::info(c->id, QStringLiteral("log %1 emptied by an administrator").arg(path));
            reply(QJsonObject{{QStringLiteral("cleared"), path}}, std::nullopt);
        }
        return;
    case M::ConfigSchema:
        reply(QJsonObject{{QStringLiteral("settings"), SettingsSchema::instance().toJson()}}, std::nullopt);
        return;
    case M::ConfigGet: {
        const InstanceConfig* c = findOrReply(id, reply);
        if (!c) return;
        const QString key = p.value(QStringLiteral("key")).toString();
        if (!key.isEmpty() && key != kName && key != kEnabled && !SettingsSchema::instance().find(key)) {
            reply({}, makeError(ErrorCode::NotFound, QStringLiteral("unknown setting %1").arg(key)));
            return;
        }
        QJsonObject result = configValues(*c, key == kName || key == kEnabled ? QString() : key);
        if (key == kName || key == kEnabled) result.insert(kValues, QJsonObject{{key, result.value(key)}});
        reply(result, std::nullopt);
        return;
    }
    case M::ConfigSet:
        configSet(call, std::move(reply), false);
        return;
    case M::ConfigValidate:
        configSet(call, std::move(reply), true);
        return;
    case M::ConfigExport: {
        const InstanceConfig* c = findOrReply(id, reply);
        if (!c) return;
        reply(QJsonObject{{QStringLiteral("document"), c->exportDocument()}}, std::nullopt);
        return;
    }
    case M::ConfigImport:
        configImport(call, std::move(reply));
        return;
    case M::MiscList: {
        QJsonArray options;
        for (const auto& d : MiscSetup::definitions())
            options.append(m_misc.toJson(d.key));
        reply(QJsonObject{{QStringLiteral("options"), options}}, std::nullopt);
        return;
    }
    case M::MiscSet:
    case M::MiscReset:
        miscChange(call, std::move(reply), call.method == M::MiscReset);
        return;
    case M::AdminTokenAdd:
    case M::AdminTokenList:
    case M::AdminTokenRemove:
        adminToken(call, std::move(reply));
        return;
    case M::DirectoryLookup:
    case M::DirectoryTest:
    case M::UserList:
    case M::UserGet:
    case M::UserSet:
    case M::UserDelete:
        if (const InstanceConfig* c = findOrReply(id, reply))
            m_directories->handle(call, *c, std::move(reply));
        return;
    case M::MessageInject:
    case M::QueueList:
    case M::QueueShow:
    case M::QueueRetry:
    case M::QueueDelete:
    case M::QueueRequeue:
    case M::TestMessage:
        if (const InstanceConfig* c = findOrReply(id, reply)) m_mail->handle(call, *c, std::move(reply));
        return;
    }
    reply({}, makeError(ErrorCode::MethodNotFound, QStringLiteral("not implemented")));
}

} // namespace umgate
