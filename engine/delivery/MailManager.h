// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/config/InstanceConfig.h"
#include "engine/core/Paths.h"
#include "engine/delivery/InstanceMail.h"
#include "engine/rpc/RpcHandlerTable.h"

#include <QHash>
#include <QObject>
#include <QPointer>

namespace umgate {

class DirectoryManager;
class MiscSetup;
class SecretStore;

// The telephony -> e-mail side of all instances: one InstanceMail per enabled instance (spool
// intake, queue, delivery) configured from its settings (mail passwords from the secret store),
// and the RPC methods message.inject, queue.* and test.message.
class MailManager : public QObject
{
    Q_OBJECT
public:
    MailManager(const Paths& paths, DirectoryManager* directories, QObject* parent = nullptr);
    ~MailManager() override;

    void setSecretStore(SecretStore* store) { m_secrets = store; }
    // (Re)configures an instance; nullptr config (or a disabled one) stops its mail side.
    void configure(const QString& id, const InstanceConfig* config, const MiscSetup& misc);
    InstanceMail* instance(const QString& id) const;

    // message.inject, queue.*, test.message
    void registerRpc(RpcHandlerTable& table);

signals:
    void queueChanged(const QString& id);

private:
    // The instance's mail side, or nullptr after answering NotFound (disabled, or not running).
    InstanceMail* runningOrReply(const InstanceConfig& config, const RpcReply& reply) const;
    void inject(const RpcCall& call, const InstanceConfig& config, RpcReply reply);
    void queueList(const RpcCall& call, InstanceMail* im, RpcReply reply);
    void queueShow(const RpcCall& call, InstanceMail* im, RpcReply reply);
    // queue.requeue answers once every requeued mail is on disk; queue.delete once the removal is.
    void queueRequeue(const RpcCall& call, InstanceMail* im, RpcReply reply);
    void queueDelete(const RpcCall& call, InstanceMail* im, RpcReply reply);
    // queue.retry {id, queueId?, waitSeconds? (0..25, default 10)} -> {retried, delivered,
    // deferred, failed, notTried, trying, results: [{queueId, status, reason, attempts,
    // nextAttempt}], message}: what the try did (InstanceMail::retryNow), not just "due now".
    void queueRetry(const RpcCall& call, InstanceMail* im, RpcReply reply);
    static QJsonObject retryAnswer(const QList<InstanceMail::RetryResult>& results);
    void testMessage(const RpcCall& call, InstanceMail* im, RpcReply reply);

    Paths m_paths;
    QPointer<DirectoryManager> m_directories;
    QPointer<SecretStore> m_secrets;
    QHash<QString, InstanceMail*> m_instances;
    QHash<QString, quint64> m_generation;
};

} // namespace umgate
