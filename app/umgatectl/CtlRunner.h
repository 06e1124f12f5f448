// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/umgatectl/CtlCommandLine.h"
#include "models/rpc/RpcResponse.h"

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <functional>
#include <optional>

namespace umgate {

class RpcClient;

// Runs one umgatectl command (a CtlCommand row) on the event loop: connect, one or two requests,
// print, exit.
// Every path ends in done(), which quits the application with the exit code.
class CtlRunner : public QObject
{
    Q_OBJECT
public:
    explicit CtlRunner(CtlInvocation invocation, QObject* parent = nullptr);

    // Call once the event loop runs (QCoreApplication::exit before exec() is lost).
    void start();
    int exitCode() const { return m_exitCode; }

private:
    using ResultHandler = std::function<void(const QJsonObject& result)>;

    bool connectToEngine();
    void call(rpc::Method method, const QJsonObject& params, ResultHandler onResult);
    // The command's row, step by step: prepare, lookup, params, call, render (CtlCommand).
    void run();
    void send(const QJsonObject& lookup);
    void present(const CtlRequest& request, const QJsonObject& result);

    void fail(const RpcResponse& response);
    void fail(CtlExit code, const QString& message);
    void failLines(CtlExit code, const QStringList& messages);
    void done(CtlExit code);

    static void writeOut(const QString& text);
    static void writeErr(const QString& text);

    CtlInvocation m_inv;
    RpcClient* m_client = nullptr;
    QString m_target; // the socket path or URL, for messages
    bool m_connected = false;
    bool m_finished = false;
    int m_exitCode = 0;
    QString m_importContext; // the file name, while importing
};

} // namespace umgate
