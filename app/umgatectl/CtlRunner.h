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

// Runs one umgatectl command on the event loop: connect, one or two requests, print, exit.
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
    void run();

    void runStatus();
    void runInstanceList();
    void runConfigGet();
    void runConfigSet();
    void runConfigExport();
    void runConfigImport();
    void runConfigSchema();
    void runLogTail(qint64 from);
    void runMiscList();
    void runMiscSet();

    // Prints `result` as JSON under --json, else calls `human`; then exits 0.
    // Prints the result (JSON with --json, else `human`) and ends with `code`.
    void show(const QJsonObject& result, const std::function<QString()>& human, CtlExit code = CtlExit::Ok);
    void printInstance(const QString& verb, const QJsonObject& instance);
    static QString optionText(const QJsonObject& option);

    void fail(const RpcResponse& response);
    void fail(CtlExit code, const QString& message);
    void failLines(CtlExit code, const QStringList& messages);
    void done(CtlExit code);

    static void writeOut(const QString& text);
    static void writeErr(const QString& text);
    // Reads a value given as "-" from stdin: silently from a terminal, else all of it with one
    // trailing newline dropped.
    std::optional<QString> readStdinValue(const QString& what);

    CtlInvocation m_inv;
    RpcClient* m_client = nullptr;
    QString m_target; // the socket path or URL, for messages
    bool m_connected = false;
    bool m_finished = false;
    int m_exitCode = 0;
    QString m_importContext; // the file name, while importing
};

} // namespace umgate
