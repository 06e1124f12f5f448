// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/config/ConfigStore.h"
#include "engine/config/MiscSetup.h"
#include "engine/core/Paths.h"
#include "engine/rpc/AdminTokens.h"
#include "engine/rpc/RpcServer.h"

#include <QElapsedTimer>
#include <QHash>
#include <QLockFile>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>
#include <memory>

class QFileSystemWatcher;

namespace umgate {

class DirectoryManager;
class MailManager;
class InstanceRuntime;
class SecretStore;

// The headless gateway: one per data dir. It owns the instance configs, their runtimes, Misc
// Setup, the secret store and the RPC server, and implements every RPC method. The daemon, the
// tests and the benchmarks all drive it through the same channel.
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

    void handle(const RpcCall& call, RpcReply reply);

signals:
    void started(const QString& error);

private:
    bool instanceLogPath(const RpcCall& call, const InstanceConfig& config, QString* path,
                         const RpcReply& reply) const;
    void logTail(const RpcCall& call, const InstanceConfig& config, RpcReply reply);
    bool startSync(QString* error);
    void finishStart();
    QJsonObject instanceJson(const QString& id) const;
    // The instance named in the call, or nullptr after replying NotFound (saying why if broken).
    const InstanceConfig* findOrReply(const QString& id, const RpcReply& reply) const;
    void invalidateInstanceJson(const QString& id) { m_instanceJsonCache.remove(id); }
    QJsonObject statusJson() const;
    QJsonObject configValues(const InstanceConfig& config, const QString& onlyKey) const;
    void applyMisc();
    void applyTcpListener();
    void syncRuntimes();
    void watchFiles();
    int queueDepth(const QString& id, const QString& queue) const; // mails, for queue.changed
    QString secretKey(const QString& id, const QString& path) const;

    // Methods that need more than a line or two.
    void configSet(const RpcCall& call, RpcReply reply, bool dryRun);
    void configImport(const RpcCall& call, RpcReply reply);
    void instanceDelete(const RpcCall& call, RpcReply reply);
    void setEnabled(const RpcCall& call, RpcReply reply, bool enabled);
    void miscChange(const RpcCall& call, RpcReply reply, bool reset);
    void adminToken(const RpcCall& call, RpcReply reply);

    Paths m_paths;
    QLockFile m_lock;
    QByteArray m_cookie;
    ConfigStore m_store;
    MiscSetup m_misc;
    AdminTokens m_tokens;
    SecretStore* m_secrets = nullptr;
    QString m_secretsProblem;
    RpcServer* m_rpc = nullptr;
    QHash<QString, InstanceRuntime*> m_runtimes;
    DirectoryManager* m_directories = nullptr;
    MailManager* m_mail = nullptr;
    QTimer* m_queueCountTimer = nullptr;
    QSet<QString> m_dirtyQueues;
    QFileSystemWatcher* m_watcher = nullptr;
    QHash<QString, int> m_queueDepth; // queue folder -> last depth announced
    QElapsedTimer m_uptime;
    // engine.status is polled by consoles; building QJsonObjects dominates its cost, so the part
    // that only changes with config or state is kept until either changes.
    mutable QHash<QString, QJsonObject> m_instanceJsonCache;
    bool m_running = false;
};

} // namespace umgate
