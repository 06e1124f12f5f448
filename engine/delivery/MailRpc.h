// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/client/Paths.h"
#include "engine/config/InstanceConfig.h"
#include "engine/core/CallQueue.h"
#include "engine/delivery/InstanceMail.h"
#include "engine/instance/Instance.h"
#include "engine/rpc/RpcHandlerTable.h"

#include <QJsonArray>
#include <QObject>

namespace umgate {

// The RPC methods of the telephony -> e-mail side: message.inject, queue.* and test.message,
// answered through each Instance's mail pipeline (InstanceMail). It keeps no pipeline of its own:
// `instances` is the engine's map.
class MailRpc : public QObject
{
    Q_OBJECT
public:
    MailRpc(const Paths& paths, const Instances& instances, QObject* parent = nullptr);
    ~MailRpc() override;

    // message.inject, queue.*, test.message
    void registerRpc(RpcHandlerTable& table);

private:
    // The instance's mail side, or nullptr after answering NotFound (disabled, or not running).
    static QJsonArray kernelJobs(const QString& dirPath);
    InstanceMail* runningOrReply(const InstanceConfig& config, const RpcReply& reply) const;
    void inject(const RpcCall& call, const InstanceConfig& config, RpcReply reply);
    void queueList(const RpcCall& call, InstanceMail* im, RpcReply reply);
    void queueShow(const RpcCall& call, InstanceMail* im, RpcReply reply);
    // queue.requeue answers once every requeued mail is on disk; queue.delete once the removal is.
    void queueRequeue(const RpcCall& call, InstanceMail* im, RpcReply reply);
    void queueDelete(const RpcCall& call, InstanceMail* im, RpcReply reply);
    // queue.delete with queue "kernel": a job the kernel has not taken is cancelled
    // (KernelJobWriter::cancel, on the thread pool: it syncs the folder).
    void cancelKernelJob(const RpcCall& call, const QString& instance, RpcReply reply);
    // queue.retry {id, queueId?, waitSeconds? (0..25, default 10)} -> {retried, delivered,
    // deferred, failed, notTried, trying, results: [{queueId, status, reason, attempts,
    // nextAttempt}], message}: what the try did (InstanceMail::retryNow), not just "due now".
    void queueRetry(const RpcCall& call, InstanceMail* im, RpcReply reply);
    static QJsonObject retryAnswer(const QList<InstanceMail::RetryResult>& results);
    void testMessage(const RpcCall& call, InstanceMail* im, RpcReply reply);

    Paths m_paths;
    const Instances& m_instances;
    CallQueue* m_workerReplies = nullptr; // answers from the thread pool
};

} // namespace umgate
