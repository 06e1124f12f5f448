// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/client/RpcProtocol.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QMetaType>

namespace umgate {

// The outcome of one RpcClient::exec(): a result, or an error that says whether the engine
// answered with it (Server) or the client gave up (Connection, Timeout, Client). Callers such as
// umgatectl map these to different exit codes, so the distinction is part of the type.
struct RpcResponse
{
    enum class Failure
    {
        None,       // ok
        Server,     // the engine answered with a JSON-RPC error
        Connection, // no connection, it dropped, or the handshake was refused
        Timeout,    // no answer within the request timeout
        Client,     // refused before sending (request too large, ...)
    };

    bool ok = false;
    QJsonValue result;
    rpc::Error error;
    Failure failure = Failure::None;

    QJsonObject resultObject() const { return result.toObject(); }
    // The error's message, falling back to the code's name so there is always something to print.
    QString errorText() const { return error.message.isEmpty() ? rpc::errorName(error.code) : error.message; }

    static RpcResponse success(const QJsonValue& result)
    {
        RpcResponse r;
        r.ok = true;
        r.result = result;
        return r;
    }
    static RpcResponse failed(Failure failure, rpc::ErrorCode code, const QString& message,
                              const QJsonValue& data = {})
    {
        RpcResponse r;
        r.failure = failure;
        r.error = rpc::Error{code, message, data};
        return r;
    }
};

} // namespace umgate

Q_DECLARE_METATYPE(umgate::RpcResponse)
