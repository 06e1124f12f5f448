// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/rpc/RpcCall.h"

#include <QList>
#include <QString>
#include <functional>
#include <vector>

namespace umgate {

struct InstanceConfig;

// The engine's RPC methods, one row each: method -> handler, with what the method may do and who
// may call it. Each area registers its own rows (Engine's areas in Engine*Rpc.cpp,
// DirectoryRpc, MailRpc), so adding a method is one row in its area; RpcConnection hands
// every call it does not answer itself to dispatch().
class RpcHandlerTable
{
public:
    RpcHandlerTable() = default;
    Q_DISABLE_COPY_MOVE(RpcHandlerTable) // instance rows point back at the table's resolver

    // Read: changes nothing (no stored state, queue, mail or directory entry), so it can be
    // called any number of times (the fuzzer calls these freely). Change: everything else.
    enum class Access
    {
        Read,
        Change
    };
    using Handler = std::function<void(const RpcCall& call, RpcReply reply)>;
    // For methods about one instance: called with the instance named by params.id.
    using InstanceHandler =
        std::function<void(const RpcCall& call, const InstanceConfig& config, RpcReply reply)>;
    // The instance named `id`, or nullptr after answering NotFound (saying why).
    using InstanceResolver = std::function<const InstanceConfig*(const QString& id, const RpcReply& reply)>;

    struct Row
    {
        rpc::Method method;
        Access access;
        Handler handler;
        // Not empty: only callers on the engine's host (the Unix socket) may use the method;
        // others get Unauthenticated with this text.
        QString hostOnly;
    };

    void add(rpc::Method method, Access access, Handler handler);
    void addForInstance(rpc::Method method, Access access, InstanceHandler handler);
    void addHostOnly(rpc::Method method, Access access, const QString& refusal, Handler handler);
    void setInstanceResolver(InstanceResolver resolver) { m_resolver = std::move(resolver); }

    void dispatch(const RpcCall& call, RpcReply reply) const;
    const Row* find(rpc::Method method) const;
    // Methods registered twice: each must have exactly one owner (checked by tst_rpcprotocol).
    QList<rpc::Method> duplicates() const { return m_duplicates; }

private:
    void insert(Row row);

    std::vector<std::optional<Row>> m_rows; // indexed by the method's enum value
    QList<rpc::Method> m_duplicates;
    InstanceResolver m_resolver;
};

} // namespace umgate
