// SPDX-License-Identifier: GPL-3.0-or-later
// Engine: the log.* methods: an instance log's end or what was added since an offset, and
// emptying its current file (ixi-UMS 4.2.8). The engine's own log reaches clients as log.line.
#include "engine/Engine.h"
#include "engine/core/Log.h"
#include "engine/core/RotatingLog.h"

#include <QFile>

namespace umgate {

using rpc::ErrorCode;
using rpc::makeError;
namespace field = rpc::field;

namespace {

// The instance log the call names, or nullopt after answering InvalidParams.
std::optional<QString> logPath(const Paths& paths, const RpcCall& call, const InstanceConfig& config,
                               const RpcReply& reply)
{
    const QString name = call.params.value(field::log).toString();
    QStringList names;
    for (const Paths::InstanceLogName& log : Paths::instanceLogs()) {
        if (log.rpcName == name) return paths.instanceLogFile(config.id, log.log);
        names << log.rpcName;
    }
    reply({}, makeError(ErrorCode::InvalidParams,
                        QStringLiteral("log must be one of %1").arg(names.join(QStringLiteral(", ")))));
    return std::nullopt;
}

void logTail(const QString& path, const RpcCall& call, RpcReply reply)
{
    constexpr qint64 kMaxBytes = qint64{256} * 1024; // one answer stays well below the RPC line limit
    const int lines = qBound(1, call.params.value(field::lines).toInt(50), 5000);
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        reply(QJsonObject{{field::text, QString()}, {field::size, 0}}, std::nullopt);
        return;
    }
    const qint64 size = f.size();
    const QJsonValue fromValue = call.params.value(field::from);
    bool rotated = false;
    qint64 start = qMax<qint64>(0, size - kMaxBytes);
    if (fromValue.isDouble()) {
        qint64 from = qint64(fromValue.toDouble());
        if (from > size) { // rotated or cleared since: start again at the beginning of the new file
            from = 0;
            rotated = true;
        }
        start = qMax(from, start);
    }
    f.seek(start);
    QByteArray text = f.read(kMaxBytes);
    // Whole lines only: a line still being written comes with the next call.
    text.truncate(text.lastIndexOf('\n') + 1);
    const qint64 next = start + text.size();
    if (!fromValue.isDouble()) {
        QList<QByteArray> all = text.split('\n');
        all.removeLast();                                   // after the final newline
        if (start > 0 && !all.isEmpty()) all.removeFirst(); // cut in the middle
        if (all.size() > lines) all = all.mid(all.size() - lines);
        text = all.isEmpty() ? QByteArray() : all.join('\n') + '\n';
    }
    reply(QJsonObject{{field::text, QString::fromUtf8(text)}, {field::size, next}, {field::rotated, rotated}},
          std::nullopt);
}

void logClear(const QString& path, const InstanceConfig& config, const RpcReply& reply)
{
    QString error;
    if (!RotatingLog::clearFile(path, &error)) {
        reply({}, makeError(ErrorCode::InternalError, error));
        return;
    }
    Log::info(config.id, QStringLiteral("log %1 emptied by an administrator").arg(path));
    reply(QJsonObject{{field::cleared, path}}, std::nullopt);
}

} // namespace

void Engine::registerLogRpc(RpcHandlerTable& table)
{
    using M = rpc::Method;
    using A = RpcHandlerTable::Access;
    table.addForInstance(M::LogTail, A::Read,
                         [this](const RpcCall& call, const InstanceConfig& c, RpcReply reply) {
                             if (const auto path = logPath(m_paths, call, c, reply))
                                 logTail(*path, call, std::move(reply));
                         });
    table.addForInstance(M::LogClear, A::Change,
                         [this](const RpcCall& call, const InstanceConfig& c, RpcReply reply) {
                             if (const auto path = logPath(m_paths, call, c, reply))
                                 logClear(*path, c, reply);
                         });
}

} // namespace umgate
