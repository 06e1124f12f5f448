// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/client/RpcProtocol.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

namespace umgate {

// umgatectl's exit codes; scripts rely on them.
enum class CtlExit : int
{
    Ok = 0,
    Failed = 1,       // the engine refused (validation, not found, ...) or the request failed
    Usage = 2,        // bad command line
    NoConnection = 3, // the engine cannot be reached or refused our token
};

// The options a command accepts besides the global ones (a bit set).
enum CtlOption : unsigned
{
    NoOptions = 0,
    OptName = 1u << 0,
    OptForce = 1u << 1,
    OptKeepQueue = 1u << 2,
    OptAs = 1u << 3,
    OptLookup = 1u << 4,
    OptSearch = 1u << 5,
    OptInject = 1u << 6,
    OptFollow = 1u << 7,
};

struct CtlInvocation;

// Why a command stops before or after its request: the lines for stderr and the exit code.
struct CtlFailure
{
    CtlExit code = CtlExit::Failed;
    QStringList lines;
};

// What a command sends, or why it sends nothing.
struct CtlParams
{
    QJsonObject params;
    std::optional<CtlFailure> failure;
    QString context; // what the engine's import errors name (config import: the file)

    static CtlParams fail(CtlExit code, const QString& line) { return {{}, CtlFailure{code, {line}}, {}}; }
};

// What one call of a command knows: the command line, the answer to its lookup, what it sent.
struct CtlRequest
{
    const CtlInvocation& inv;
    QJsonObject lookup;
    QJsonObject params;
};

// What a command prints for a result.
struct CtlOutput
{
    QString text; // stdout; replaced by the result as JSON under --json unless `raw`
    CtlExit code = CtlExit::Ok;
    QString warning;                   // human output only: one "umgatectl: " line on stderr after the text
    bool raw = false;                  // the text is the output with --json too (config export's document)
    std::optional<CtlFailure> failure; // the command failed after the answer (a file not written)
};

// One umgatectl command: how it is typed (parsing, usage, --help), the method it calls, how it
// builds the params and how it shows the answer. Adding a command is adding one row to an area's
// list (CtlAdminCommands.cpp, CtlMailCommands.cpp); CtlRunner runs every row the same way.
struct CtlCommand
{
    const char* words;     // "instance create"
    const char* arguments; // "ID [--name NAME]", for usage lines
    int minArgs = 0;
    int maxArgs = 0;
    unsigned options = NoOptions;
    const char* summary = "";

    rpc::Method method = rpc::Method::EngineStatus;
    std::function<CtlParams(const CtlRequest&)> params;
    std::function<CtlOutput(const CtlRequest&, const QJsonObject& result)> render;

    // Optional steps.
    // Before anything is asked (after connecting): config set reads a VALUE of "-" from stdin.
    std::function<std::optional<CtlFailure>(CtlInvocation&)> prepare = {};
    // Asked first, its answer becomes CtlRequest::lookup (config set: the schema says the type).
    std::optional<rpc::Method> lookup = std::nullopt;
    // Asked again half a second after each answer while it returns params (log tail --follow);
    // the text is then printed as it is and the command goes on.
    std::function<std::optional<QJsonObject>(const CtlRequest&, const QJsonObject& result)> repeat = {};
};

// Every command, in the order of --help.
const QList<CtlCommand>& ctlCommands();
// The rows of each area, in their --help order.
QList<CtlCommand> ctlAdminCommands(); // status, instance, config, misc, admin token
QList<CtlCommand> ctlMailCommands();  // directory, user, inject, queue, test-message, log

// Params that are just the command line's first argument as the instance id.
CtlParams ctlInstanceParams(const CtlRequest& request);

} // namespace umgate
