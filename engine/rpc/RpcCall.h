// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/client/RpcProtocol.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <concepts>
#include <memory>
#include <optional>

namespace umgate {

struct RpcCall
{
    rpc::Method method;
    QJsonObject params;
    bool local = true; // Unix socket with the cookie, else TLS with a bearer token
    QString principal; // "local" or the admin token's name
};

// Where the answer to one call goes: the connection that asked, or a test's callback.
class RpcReplySink
{
public:
    virtual ~RpcReplySink() = default;
    virtual void reply(const QJsonValue& result, const std::optional<rpc::Error>& error) = 0;
    // The result as compact JSON text already (an object). The connection writes it into the
    // reply line as it is; other sinks parse it back.
    virtual void replySerialized(const QByteArray& resultJson);
};

// The reply to a call: a result, or an error. Cheap to copy (handlers keep it in callbacks), and
// callable as before: reply(result, std::nullopt) or reply({}, error).
class RpcReply
{
public:
    RpcReply() = default;
    explicit RpcReply(std::shared_ptr<RpcReplySink> sink) : m_sink(std::move(sink)) {}
    // Any callable taking (result, error): tests and wrappers.
    template <typename F>
    requires(!std::same_as<std::remove_cvref_t<F>, RpcReply> &&
             std::invocable<F&, const QJsonValue&, const std::optional<rpc::Error>&>) RpcReply(F function)
        : m_sink(std::make_shared<FunctionSink<F>>(std::move(function)))
    {
    }

    void operator()(const QJsonValue& result, const std::optional<rpc::Error>& error) const
    {
        if (m_sink) m_sink->reply(result, error);
    }
    // For answers kept serialised between calls (engine.status): no QJsonObject is built.
    void serialized(const QByteArray& resultJson) const
    {
        if (m_sink) m_sink->replySerialized(resultJson);
    }
    explicit operator bool() const { return bool(m_sink); }

private:
    template <typename F> struct FunctionSink final : RpcReplySink
    {
        explicit FunctionSink(F f) : function(std::move(f)) {}
        void reply(const QJsonValue& result, const std::optional<rpc::Error>& error) override
        {
            function(result, error);
        }
        F function;
    };

    std::shared_ptr<RpcReplySink> m_sink;
};

} // namespace umgate
