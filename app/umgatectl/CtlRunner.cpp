// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/umgatectl/CtlRunner.h"

#include "engine/client/EngineTarget.h"
#include "models/rpc/RpcClient.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>
#include <cstdio>

namespace umgate {

using rpc::ErrorCode;
using rpc::Method;
namespace field = rpc::field;

CtlRunner::CtlRunner(CtlInvocation invocation, QObject* parent)
    : QObject(parent), m_inv(std::move(invocation))
{
}

void CtlRunner::writeOut(const QString& text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

void CtlRunner::writeErr(const QString& text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

void CtlRunner::done(CtlExit code)
{
    if (m_finished) return;
    m_finished = true;
    m_exitCode = int(code);
    if (m_client) m_client->disconnectFromEngine();
    QCoreApplication::exit(m_exitCode);
}

void CtlRunner::fail(CtlExit code, const QString& message)
{
    failLines(code, {message});
}

void CtlRunner::failLines(CtlExit code, const QStringList& messages)
{
    if (m_finished) return;
    for (const QString& m : messages)
        writeErr(QStringLiteral("umgatectl: ") + m + QLatin1Char('\n'));
    done(code);
}

void CtlRunner::fail(const RpcResponse& r)
{
    using Failure = RpcResponse::Failure;
    if (r.failure == Failure::Connection) {
        if (!m_connected) {
            QString message =
                QStringLiteral("cannot connect to the engine at %1: %2").arg(m_target, r.errorText());
            // Only when nothing answered: after a TLS or token failure the hint would mislead.
            if (!m_client->reachedEngine()) message += QStringLiteral(" (is umgated running?)");
            fail(CtlExit::NoConnection, message);
        } else {
            fail(CtlExit::Failed,
                 QStringLiteral("lost the connection to the engine at %1: %2").arg(m_target, r.errorText()));
        }
        return;
    }
    if (r.failure != Failure::Server) {
        fail(CtlExit::Failed, r.errorText());
        return;
    }
    const QJsonObject data = r.error.data.toObject();
    switch (r.error.code) {
    case ErrorCode::ValidationFailed: {
        QStringList lines;
        for (const auto& e : data.value(field::errors).toArray()) {
            const QJsonObject o = e.toObject();
            lines << QStringLiteral("invalid setting %1: %2")
                         .arg(o.value(field::key).toString(), o.value(field::reason).toString());
        }
        if (lines.isEmpty()) lines << r.errorText();
        failLines(CtlExit::Failed, lines);
        return;
    }
    case ErrorCode::ImportFailed: {
        // One line per problem: {errors: [{line?, column?, key?, reason}]}, or one such object.
        const QString file = m_importContext.isEmpty() ? QString() : m_importContext + QStringLiteral(": ");
        QJsonArray errors = data.value(field::errors).toArray();
        if (errors.isEmpty() && data.contains(field::reason)) errors.append(data);
        QStringList lines;
        for (const auto& v : std::as_const(errors)) {
            const QJsonObject e = v.toObject();
            QString where;
            if (const int line = e.value(field::line).toInt(); line > 0) {
                where = QStringLiteral("line %1").arg(line);
                if (const int column = e.value(field::column).toInt(); column > 0)
                    where += QStringLiteral(", column %1").arg(column);
                where += QStringLiteral(": ");
            }
            if (e.contains(field::key)) where += e.value(field::key).toString() + QStringLiteral(": ");
            lines
                << QStringLiteral("cannot import %1%2%3").arg(file, where, e.value(field::reason).toString());
        }
        if (lines.isEmpty()) lines << QStringLiteral("cannot import %1%2").arg(file, r.errorText());
        failLines(CtlExit::Failed, lines);
        return;
    }
    case ErrorCode::QueueNotEmpty:
        fail(CtlExit::Failed,
             QStringLiteral("%1 (use --force to delete the queued messages or --keep-queue to keep them)")
                 .arg(r.errorText()));
        return;
    default:
        fail(CtlExit::Failed, r.errorText());
        return;
    }
}

void CtlRunner::start()
{
    if (!connectToEngine()) return;
    run();
}

bool CtlRunner::connectToEngine()
{
    m_client = new RpcClient(this);
    m_client->setClientName(QStringLiteral("umgatectl/" UMGATE_VERSION));
    connect(m_client, &RpcClient::connected, this, [this] { m_connected = true; });

    QString error;
    EngineTarget target;
    if (!EngineTarget::fromOptions({m_inv.dataDir, m_inv.connectUrl, m_inv.tokenFile, m_inv.caFile}, &target,
                                   &error)) {
        m_target = m_inv.connectUrl;
        fail(CtlExit::Usage, error);
        return false;
    }
    m_target = target.isRemote() ? m_inv.connectUrl : target.socketFile();
    if (target.isRemote()) {
        m_client->connectToRemote(target.url(), target.token(), target.tls());
        return true;
    }
    const QString token = target.localToken(&error);
    if (!error.isEmpty()) {
        if (!m_inv.tokenFile.isEmpty()) {
            fail(CtlExit::Usage, error);
            return false;
        }
        // A missing cookie usually means no engine: say so about the socket, not the cookie.
        const QString reason =
            QFileInfo::exists(target.socketFile()) ? error : QStringLiteral("no such socket");
        fail(CtlExit::NoConnection,
             QStringLiteral("cannot connect to the engine at %1: %2 (is umgated running?)")
                 .arg(m_target, reason));
        return false;
    }
    m_client->connectToLocal(target.socketFile(), token);
    return true;
}

void CtlRunner::call(Method method, const QJsonObject& params, ResultHandler onResult)
{
    m_client->exec(method, params, [this, onResult = std::move(onResult)](const RpcResponse& r) {
        if (m_finished) return;
        if (!r.ok) {
            fail(r);
            return;
        }
        onResult(r.resultObject());
    });
}

void CtlRunner::run()
{
    const CtlCommand& command = *m_inv.command;
    if (command.prepare) {
        if (const auto failure = command.prepare(m_inv)) {
            failLines(failure->code, failure->lines);
            return;
        }
    }
    if (command.lookup)
        call(*command.lookup, {}, [this](const QJsonObject& lookup) { send(lookup); });
    else
        send({});
}

void CtlRunner::send(const QJsonObject& lookup)
{
    const CtlCommand& command = *m_inv.command;
    CtlRequest request{m_inv, lookup, {}};
    CtlParams p = command.params(request);
    if (p.failure) {
        failLines(p.failure->code, p.failure->lines);
        return;
    }
    m_importContext = p.context;
    request.params = p.params;
    call(command.method, request.params, [this, request](const QJsonObject& r) { present(request, r); });
}

void CtlRunner::present(const CtlRequest& request, const QJsonObject& result)
{
    const CtlCommand& command = *m_inv.command;
    const CtlOutput out = command.render(request, result);
    if (out.failure) {
        failLines(out.failure->code, out.failure->lines);
        return;
    }
    if (command.repeat) {
        if (auto next = command.repeat(request, result)) {
            writeOut(out.text);
            QTimer::singleShot(500, this, [this, request, next = std::move(*next)] {
                const CtlRequest again{request.inv, request.lookup, next};
                call(m_inv.command->method, next, [this, again](const QJsonObject& r) { present(again, r); });
            });
            return;
        }
    }
    if (m_inv.json && !out.raw) {
        writeOut(QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Indented)));
    } else {
        writeOut(out.text);
        if (!out.warning.isEmpty()) writeErr(QStringLiteral("umgatectl: %1\n").arg(out.warning));
    }
    done(out.code);
}

} // namespace umgate
