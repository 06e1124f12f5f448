// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/config/InstanceConfig.h"
#include "engine/core/Paths.h"
#include "engine/rpc/RpcHandlerTable.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <memory>

namespace umgate {

class DirectoryService;
struct DirectorySearchResult;
class MiscSetup;
class SecretStore;

// The directories of all instances: configures one DirectoryService per instance from its
// settings (the bind password from the secret store) and serves the directory.* and user.*
// RPC methods.
class DirectoryManager : public QObject
{
    Q_OBJECT
public:
    DirectoryManager(const Paths& paths, QObject* parent = nullptr);

    void setSecretStore(SecretStore* store) { m_secrets = store; }
    // (Re)configures the instance's directory; nullptr config removes it.
    void configure(const QString& id, const InstanceConfig* config, const MiscSetup& misc);
    DirectoryService* service(const QString& id) const { return m_services.value(id); }

    // directory.lookup, directory.test, user.*
    void registerRpc(RpcHandlerTable& table);

private:
    // The instance's directory, or nullptr after answering Busy (not configured yet).
    DirectoryService* serviceOrReply(const InstanceConfig& config, const RpcReply& reply) const;
    void lookup(const RpcCall& call, DirectoryService* service, RpcReply reply);
    void test(DirectoryService* service, RpcReply reply);
    void userList(const RpcCall& call, const InstanceConfig& config, DirectoryService* service,
                  RpcReply reply);
    void userGet(const RpcCall& call, const InstanceConfig& config, DirectoryService* service,
                 RpcReply reply);
    void userSet(const RpcCall& call, const InstanceConfig& config, DirectoryService* service,
                 RpcReply reply);
    void userDelete(const RpcCall& call, DirectoryService* service, RpcReply reply);

    Paths m_paths;
    QPointer<SecretStore> m_secrets;
    QHash<QString, DirectoryService*> m_services;
    QHash<QString, quint64> m_generation; // a newer configure() wins over a slower password read
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
