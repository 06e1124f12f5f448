// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/config/InstanceConfig.h"
#include "engine/instance/Instance.h"
#include "engine/rpc/RpcHandlerTable.h"

#include <QObject>
#include <memory>

namespace umgate {

class DirectoryService;
struct DirectorySearchResult;

// The directory.* and user.* RPC methods, answered through each Instance's DirectoryService. It
// keeps no directory of its own: `instances` is the engine's map.
class DirectoryRpc : public QObject
{
    Q_OBJECT
public:
    explicit DirectoryRpc(const Instances& instances, QObject* parent = nullptr);

    // directory.lookup, directory.test, user.*
    void registerRpc(RpcHandlerTable& table);

private:
    // The instance's directory, or nullptr after answering Busy (not configured yet).
    DirectoryService* serviceOrReply(const InstanceConfig& config, const RpcReply& reply) const;
    void lookup(const RpcCall& call, DirectoryService* service, RpcReply reply);
    void test(DirectoryService* service, RpcReply reply);
    void userList(const RpcCall& call, const InstanceConfig& config, DirectoryService* service,
                  RpcReply reply);
    // The sender as the listener finds it (SenderCheck's look-up) and today's counts against its
    // effective daily limits.
    void userLimits(const RpcCall& call, const InstanceConfig& config, DirectoryService* service,
                    RpcReply reply);
    void userGet(const RpcCall& call, const InstanceConfig& config, DirectoryService* service,
                 RpcReply reply);
    void userSet(const RpcCall& call, const InstanceConfig& config, DirectoryService* service,
                 RpcReply reply);
    void userDelete(const RpcCall& call, DirectoryService* service, RpcReply reply);

    const Instances& m_instances;
    // The last user.list result, so the pages after the first come from the same snapshot: the
    // console pages through 100,000 users with one directory search, not one per page.
    struct ListSnapshot
    {
        QString key; // instance id + filter
        qint64 takenMs = 0;
        std::shared_ptr<const DirectorySearchResult> result;
    };
    ListSnapshot m_listSnapshot;
};

} // namespace umgate
