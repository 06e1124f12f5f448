// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/rpc/RpcHandlerTable.h"

namespace umgate {

void RpcHandlerTable::insert(Row row)
{
    const auto index = size_t(row.method);
    if (m_rows.size() <= index) m_rows.resize(index + 1);
    if (m_rows[index]) m_duplicates.append(row.method);
    m_rows[index] = std::move(row);
}

void RpcHandlerTable::add(rpc::Method method, Access access, Handler handler)
{
    insert(Row{method, access, std::move(handler), {}});
}

void RpcHandlerTable::addForInstance(rpc::Method method, Access access, InstanceHandler handler)
{
    insert(Row{method,
               access,
               [this, handler = std::move(handler)](const RpcCall& call, RpcReply reply) {
                   const QString id = call.params.value(rpc::field::id).toString();
                   if (const InstanceConfig* config = m_resolver ? m_resolver(id, reply) : nullptr)
                       handler(call, *config, std::move(reply));
               },
               {}});
}

void RpcHandlerTable::addHostOnly(rpc::Method method, Access access, const QString& refusal, Handler handler)
{
    insert(Row{method, access, std::move(handler), refusal});
}

const RpcHandlerTable::Row* RpcHandlerTable::find(rpc::Method method) const
{
    const auto index = size_t(method);
    return index < m_rows.size() && m_rows[index] ? &*m_rows[index] : nullptr;
}

void RpcHandlerTable::dispatch(const RpcCall& call, RpcReply reply) const
{
    const Row* row = find(call.method);
    if (!row) {
        reply({}, rpc::makeError(rpc::ErrorCode::MethodNotFound, QStringLiteral("not implemented")));
        return;
    }
    if (!row->hostOnly.isEmpty() && !call.local) {
        reply({}, rpc::makeError(rpc::ErrorCode::Unauthenticated, row->hostOnly));
        return;
    }
    row->handler(call, std::move(reply));
}

} // namespace umgate
