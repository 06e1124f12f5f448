// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/EngineStatus.h"
#include "engine/client/Paths.h"
#include "engine/config/ConfigStore.h"
#include "engine/config/MiscSetup.h"
#include "engine/core/DataDirLock.h"
#include "engine/instance/Instance.h"
#include "engine/rpc/AdminTokens.h"
#include "engine/rpc/RpcHandlerTable.h"
#include "engine/rpc/RpcServer.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

namespace umgate {

class CallQueue;
class DirectoryRpc;
class InstanceFileWatcher;
class MailRpc;
class SecretStore;
namespace TlsFiles {
struct Pkcs12Pem;
}

// The headless gateway: one per data dir. It owns the instance configs, one running Instance per
// config (listener, directory, mail pipeline), Misc Setup, the secret store and the RPC server. The daemon,
// the tests and the benchmarks all drive it through the same channel.
//
// RPC methods are rows of one table (RpcHandlerTable), filled by the areas that own them: the
// engine's own (Engine.cpp), instances (EngineInstanceRpc.cpp), configs (EngineConfigRpc.cpp),
// Misc Setup and admin tokens (EngineMiscRpc.cpp), instance logs (EngineLogRpc.cpp), the
// directory (DirectoryRpc) and the mail side (MailRpc).
class Engine : public QObject
{
    Q_OBJECT
public:
    explicit Engine(const QString& dataDir, QObject* parent = nullptr);
    ~Engine() override;

    // Takes the data dir's lock, reads the configs, opens the secret store, starts the RPC
    // server and every enabled instance. `started` fires once, with an empty error on success.
    void start();
    // First port tried for the default instance and for new ones (umgated --base-port).
    void setBasePort(int port) { m_store.setBasePort(port); }
    void stop();

    const Paths& paths() const { return m_paths; }
    QString secretStoreDescription() const;

    void handle(const RpcCall& call, RpcReply reply) const { m_handlers.dispatch(call, std::move(reply)); }
    // Every method's row: its handler, whether it changes anything, who may call it.
    const RpcHandlerTable& rpcHandlers() const { return m_handlers; }

signals:
    void started(const QString& error);

private:
    // Life cycle (Engine.cpp).
    void connectStore();
    bool startSync(QString* error);
    void openSecretStore();
    void finishStart();
    void applyMisc();
    void applyRemoteRpc();
    // Brings the running Instances in line with the config store: removed ones go, disabled ones
    // stop listening first (so an enabled one can take their port), then each applies its config.
    void syncInstances();
    void broadcast(rpc::Notification notification, const QJsonObject& params) const;
    EngineStatus::Live live() const;
    // The instance named `id`, or nullptr after replying NotFound (saying why if broken).
    const InstanceConfig* findOrReply(const QString& id, const RpcReply& reply) const;

    // The RPC areas; each file starts with its rows.
    void
    registerEngineRpc(RpcHandlerTable& table); // Engine.cpp: rpc.version, events.subscribe, engine.status
    void registerInstanceRpc(RpcHandlerTable& table); // EngineInstanceRpc.cpp: instance.*
    void registerConfigRpc(RpcHandlerTable& table);   // EngineConfigRpc.cpp: config.*
    void registerMiscRpc(RpcHandlerTable& table);     // EngineMiscRpc.cpp: misc.*, admin.token.*
    void registerLogRpc(RpcHandlerTable& table);      // EngineLogRpc.cpp: log.*

    // Handlers that need more than a line or two.
    void instanceCreate(const RpcCall& call, RpcReply reply);
    void instanceDelete(const RpcCall& call, RpcReply reply);
    void setEnabled(const InstanceConfig& config, RpcReply reply, bool enabled);
    void certificateImport(const RpcCall& call, const InstanceConfig& config, RpcReply reply);
    void installCertificate(const InstanceConfig& config, const TlsFiles::Pkcs12Pem& pem,
                            const RpcReply& reply);
    QJsonObject configValues(const InstanceConfig& config, const QString& onlyKey) const;
    void configGet(const RpcCall& call, const InstanceConfig& config, RpcReply reply) const;
    void configSet(const RpcCall& call, const InstanceConfig& config, RpcReply reply, bool dryRun);
    void configImport(const RpcCall& call, RpcReply reply);
    void miscChange(const RpcCall& call, RpcReply reply, bool reset);
    void adminTokenAdd(const RpcCall& call, RpcReply reply);
    void adminTokenRemove(const RpcCall& call, RpcReply reply);

    Paths m_paths;
    DataDirLock m_lock;
    QByteArray m_cookie;
    ConfigStore m_store;
    MiscSetup m_misc;
    AdminTokens m_tokens;
    SecretStore* m_secrets = nullptr;
    QString m_secretsProblem;
    RpcServer* m_rpc = nullptr;
    RpcHandlerTable m_handlers;
    Instances m_instances;
    EngineStatus m_status;
    DirectoryRpc* m_directoryRpc = nullptr;
    MailRpc* m_mailRpc = nullptr;
    InstanceFileWatcher* m_watcher = nullptr;
    QElapsedTimer m_uptime;
    CallQueue* m_workerReplies = nullptr; // a child: work on the thread pool answers through it
    bool m_running = false;
};

} // namespace umgate
