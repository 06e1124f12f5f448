// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/client/RpcFields.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <optional>

namespace umgate::rpc {

// JSON-RPC 2.0, one JSON object per line (LF), UTF-8. This file is the one table of method
// names, notification names and error codes, and RpcFields.h beside it the one list of the keys
// in params and results; the engine, the client library, umgatectl and the console all use them,
// so a name is never spelled twice.
inline constexpr int ProtocolVersion = 1;
inline constexpr qsizetype DefaultMaxMessageBytes = qsizetype{1024} * 1024;

enum class Method
{
    RpcVersion,      // {token?, client?} -> {protocol, engineVersion, methods[], authenticated}
    EngineStatus,    // {} -> {version, pid, uptimeSeconds, dataDir, socket, instances[]}
    InstanceList,    // {} -> {instances: [{id, name, enabled, state, listen, queued}]}
    InstanceCreate,  // {id, name, enabled?} -> {instance}
    InstanceDelete,  // {id, force?, keepQueue?} -> {deleted, keptQueue?}
    InstanceEnable,  // {id} -> {instance}
    InstanceDisable, // {id} -> {instance}
    // {id, data (base64 PKCS#12), password} -> {certificate, key, subject, issuer, expires, chain,
    // warning?}: the listener's certificate and key files (ixi-UMS 4.2.1.2) from a .pfx/.p12
    CertificateImport,
    ConfigSchema,     // {} -> {settings: [{key, type, default, label, section, ...}]}
    ConfigGet,        // {id, key?} -> {values: {key: value}} (secrets as {"set": bool})
    ConfigSet,        // {id, values: {key: value}} -> {values} ; all or nothing
    ConfigValidate,   // {id, values} -> {errors: [{key, reason}]} ; dry run
    ConfigExport,     // {id} -> {document}
    ConfigImport,     // {document (object or text), as?, replace?} -> {instance}
    MiscList,         // {} -> {options: [{key, value, default, ignore, description, type}]}
    MiscSet,          // {key, value?, ignore?} -> {option}
    MiscReset,        // {key} -> {option}
    EventsSubscribe,  // {topics: [..]} -> {topics}
    AdminTokenAdd,    // {name} -> {name, token} (token shown once)
    AdminTokenList,   // {} -> {tokens: [{name, created}]}
    AdminTokenRemove, // {name} -> {removed}
    DirectoryLookup,  // {id, number | sender} -> {query, filter, server, fromCache, entries[], addresses[],
                      // elapsedUs, error?}
    DirectoryTest,    // {id} -> {servers: [{server, ok, steps: [{step, ok, detail}]}]}
    UserList, // {id, search?, offset?, limit?, format?} -> {total, offset, users: [{dn, attributes}], server}
              // format "rows": rows: [[dn, cn, mail, uid, routing numbers]] instead of users; the
              // numbers are those the active template matches (SearchTemplate::routingNumbers)
    UserGet,  // {id, dn} -> {dn, attributes, settings, effective, deliveryAddress, warning?}
    UserSet,  // {id, dn, settings?: {field: value}, attributes?: {...} (embedded only)} -> {dn, settings}
    UserDelete, // {id, dn} -> {deleted} (embedded directory only)
    UserLimits, // {id, sender} -> {sender, user, dn, day, limits: {fax|sms|voice: {used, limit}}}; limit
                // "unlimited" or a number (ixi-UMS 5.1.2-5.1.4 Max. ... Per Day)
    // {id, type, calling?, called?, text?, files?: [{name, data (base64)}]} -> {kernelId, envelope}
    MessageInject,
    QueueList,    // {id, queue?: "outgoing"|"badmail"|"error"|"kernel"} -> {queue, entries}
    QueueShow,    // {id, queueId, queue?} -> {queue, entry, headers}
    QueueRetry,   // {id, queueId?, waitSeconds?} -> {retried, delivered, deferred, failed, notTried, trying,
                  // results, message}; none given: every waiting mail is tried now
    QueueDelete,  // {id, queueId, queue?} -> {deleted}; queue "kernel": cancels a job not yet taken
    QueueRequeue, // {id, queueId?} -> {requeued} ; from Badmail to the server configured now
    TestMessage,  // {id, type, calling, called} -> {ok, outcome, steps: [{step, ok, detail}]}
    // {id, log: "ldapSearch"|"smtpConnection"|"messageId", lines?, from?} -> {text, size, rotated}
    // `from` (a byte offset from the last answer's size) makes it a live tail.
    LogTail,
    LogClear, // {id, log} -> {cleared: path} ; empties the current file of an instance log (4.2.8)
};

enum class Notification
{
    InstanceState, // {id, state, enabled, listen, error?}
    ConfigChanged, // {id, keys[]}
    LogLine,       // {id?, level, text, time}
    QueueChanged,  // {id, queue, depth}
    MiscChanged,   // {key}
};

// Standard JSON-RPC codes, then ours in the server-error range.
enum class ErrorCode : int
{
    ParseError = -32700,
    InvalidRequest = -32600,
    MethodNotFound = -32601,
    InvalidParams = -32602,
    InternalError = -32603,
    Unauthenticated = -32001,
    NotFound = -32002,
    ValidationFailed = -32003, // data: {errors: [{key, reason}]}
    Conflict = -32004,         // id exists, address in use, ...
    QueueNotEmpty = -32005,    // data: {queued}
    SecretStoreUnavailable = -32006,
    MessageTooLarge = -32007,
    ImportFailed = -32008, // data: {line?, key?, reason}
    Busy = -32009,
};

struct MethodInfo
{
    Method method;
    const char* name;
    bool needsAuth;
    const char* summary;
};

const QList<MethodInfo>& methods();
std::optional<Method> methodFromName(const QString& name);
QString methodName(Method method);
QString notificationName(Notification notification);
std::optional<Notification> notificationFromName(const QString& name);
QString errorName(ErrorCode code);

struct Error
{
    ErrorCode code = ErrorCode::InternalError;
    QString message;
    QJsonValue data;

    QJsonObject toJson() const;
    static Error fromJson(const QJsonObject& object);
};

inline Error makeError(ErrorCode code, const QString& message, const QJsonValue& data = {})
{
    return Error{code, message, data};
}

// Builders for the wire format; each returns one line without the trailing LF.
QByteArray requestLine(qint64 id, const QString& method, const QJsonObject& params);
QByteArray resultLine(const QJsonValue& id, const QJsonValue& result);
// The same bytes as resultLine(id, result) for a result already serialised as compact JSON.
QByteArray resultLineSerialized(const QJsonValue& id, const QByteArray& resultJson);
QByteArray errorLine(const QJsonValue& id, const Error& error);
QByteArray notificationLine(Notification notification, const QJsonObject& params);

} // namespace umgate::rpc
