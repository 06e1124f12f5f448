// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace umgate {

// umgatectl's exit codes; scripts rely on them.
enum class CtlExit : int
{
    Ok = 0,
    Failed = 1,       // the engine refused (validation, not found, ...) or the request failed
    Usage = 2,        // bad command line
    NoConnection = 3, // the engine cannot be reached or refused our token
};

enum class CtlCommandKind
{
    Status,
    InstanceList,
    InstanceCreate,
    InstanceDelete,
    InstanceEnable,
    InstanceDisable,
    ConfigGet,
    ConfigSet,
    ConfigExport,
    ConfigImport,
    ConfigSchema,
    MiscList,
    MiscSet,
    MiscIgnore,
    MiscReset,
    TokenAdd,
    TokenList,
    TokenRemove,
    DirectoryLookup,
    DirectoryTest,
    UserList,
    UserGet,
    UserSet,
    Inject,
    QueueList,
    QueueShow,
    QueueRetry,
    QueueDelete,
    QueueRequeue,
    TestMessage,
    LogTail,
    LogClear,
};

// One parsed umgatectl invocation: global options, the command and its own options.
struct CtlInvocation
{
    QString dataDir;
    QString connectUrl;
    QString tokenFile;
    QString caFile;
    bool json = false;
    bool help = false;
    bool version = false;

    CtlCommandKind command = CtlCommandKind::Status;
    QStringList args; // positional arguments after the command words

    QString name;
    bool hasName = false;
    bool force = false;
    bool keepQueue = false;
    QString asId;
    bool hasAs = false;
    QString number; // directory lookup --number
    QString sender; // directory lookup --sender
    QString search; // user list --search
    // inject
    QString type;
    QString calling;
    QString called;
    QStringList files;
    QString text;
    bool hasText = false;
    bool follow = false; // log tail --follow
};

class CtlCommandLine
{
public:
    // Parses arguments (without argv[0]). Returns false with a one-line reason on a usage error.
    static bool parse(const QStringList& arguments, CtlInvocation* invocation, QString* error);
    static QString helpText();
    // "instance create ID [--name NAME]"
    static QString usage(CtlCommandKind command);
};

} // namespace umgate
