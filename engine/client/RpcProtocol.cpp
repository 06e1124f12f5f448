// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/client/RpcProtocol.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QVariant>

namespace umgate::rpc {

const QList<MethodInfo>& methods()
{
    static const QList<MethodInfo> table = {
        {Method::RpcVersion, "rpc.version", false, "Handshake: protocol version, authentication"},
        {Method::EngineStatus, "engine.status", true, "Engine version, uptime, paths and instances"},
        {Method::InstanceList, "instance.list", true, "List connector instances"},
        {Method::InstanceCreate, "instance.create", true, "Create an instance on defaults"},
        {Method::InstanceDelete, "instance.delete", true, "Delete an instance (force, keepQueue)"},
        {Method::InstanceEnable, "instance.enable", true, "Enable and start an instance"},
        {Method::InstanceDisable, "instance.disable", true, "Stop and disable an instance"},
        {Method::CertificateImport, "certificate.import", true,
         "Import a PKCS#12 file as the listener's certificate and key"},
        {Method::ConfigSchema, "config.schema", true, "The settings schema: keys, types, defaults"},
        {Method::ConfigGet, "config.get", true, "Read an instance's settings"},
        {Method::ConfigSet, "config.set", true, "Change settings, all or nothing"},
        {Method::ConfigValidate, "config.validate", true, "Check settings without storing them"},
        {Method::ConfigExport, "config.export", true, "Export an instance config without secrets"},
        {Method::ConfigImport, "config.import", true, "Import an instance config document"},
        {Method::MiscList, "misc.list", true, "Misc Setup: engine-wide options"},
        {Method::MiscSet, "misc.set", true, "Set a Misc Setup value or Ignore flag"},
        {Method::MiscReset, "misc.reset", true, "Reset a Misc Setup option to its default"},
        {Method::EventsSubscribe, "events.subscribe", true, "Receive notifications for topics"},
        {Method::AdminTokenAdd, "admin.token.add", true, "Create a bearer token for remote admins"},
        {Method::AdminTokenList, "admin.token.list", true, "List remote admin tokens (names only)"},
        {Method::AdminTokenRemove, "admin.token.remove", true, "Revoke a remote admin token"},
        {Method::DirectoryLookup, "directory.lookup", true,
         "Find the recipients of a number or the user of a sender"},
        {Method::DirectoryTest, "directory.test", true,
         "Check every directory server: connect, TLS, bind, base DNs"},
        {Method::UserList, "user.list", true, "List or search the directory's users"},
        {Method::UserGet, "user.get", true, "One user with its UMS settings"},
        {Method::UserSet, "user.set", true, "Change a user's UMS settings (embedded: also its entry)"},
        {Method::UserDelete, "user.delete", true, "Delete a user of the embedded directory"},
        {Method::UserLimits, "user.limits", true, "What a sender has sent today against the daily limits"},
        {Method::MessageInject, "message.inject", true,
         "Drop a fax, voice or SMS message into the instance's kernel spool"},
        {Method::QueueList, "queue.list", true,
         "List the SMTPOut queue, Badmail or the spool's Error folder"},
        {Method::QueueShow, "queue.show", true, "One queued mail: envelope, attempts, last error, headers"},
        {Method::QueueRetry, "queue.retry", true, "Make waiting mail due now"},
        {Method::QueueDelete, "queue.delete", true,
         "Delete a mail from the queue or Badmail, or cancel a job the kernel has not taken"},
        {Method::QueueRequeue, "queue.requeue", true,
         "Move Badmail back to the queue, to the server configured now"},
        {Method::TestMessage, "test.message", true,
         "Send Test Message: the real path, reported step by step (ixi-UMS 4.2.7)"},
        {Method::LogTail, "log.tail", true, "The end of an instance log, or what was added since an offset"},
        {Method::LogClear, "log.clear", true, "Empty the current file of an instance log"},
    };
    return table;
}

std::optional<Method> methodFromName(const QString& name)
{
    static const QHash<QString, Method> index = [] {
        QHash<QString, Method> h;
        for (const auto& m : methods())
            h.insert(QString::fromLatin1(m.name), m.method);
        return h;
    }();
    const auto it = index.constFind(name);
    if (it == index.constEnd()) return std::nullopt;
    return *it;
}

QString methodName(Method method)
{
    for (const auto& m : methods())
        if (m.method == method) return QString::fromLatin1(m.name);
    return {};
}

namespace {
struct NotificationInfo
{
    Notification notification;
    const char* name;
};
constexpr NotificationInfo notificationTable[] = {
    {Notification::InstanceState, "instance.state"},
    {Notification::ConfigChanged, "config.changed"},
    {Notification::LogLine, "log.line"},
    {Notification::QueueChanged, "queue.changed"},
    {Notification::MiscChanged, "misc.changed"},
};
} // namespace

QString notificationName(Notification notification)
{
    for (const auto& n : notificationTable)
        if (n.notification == notification) return QString::fromLatin1(n.name);
    return {};
}

std::optional<Notification> notificationFromName(const QString& name)
{
    for (const auto& n : notificationTable)
        if (name == QLatin1String(n.name)) return n.notification;
    return std::nullopt;
}

QString errorName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::ParseError:
        return QStringLiteral("parse error");
    case ErrorCode::InvalidRequest:
        return QStringLiteral("invalid request");
    case ErrorCode::MethodNotFound:
        return QStringLiteral("method not found");
    case ErrorCode::InvalidParams:
        return QStringLiteral("invalid params");
    case ErrorCode::InternalError:
        return QStringLiteral("internal error");
    case ErrorCode::Unauthenticated:
        return QStringLiteral("unauthenticated");
    case ErrorCode::NotFound:
        return QStringLiteral("not found");
    case ErrorCode::ValidationFailed:
        return QStringLiteral("validation failed");
    case ErrorCode::Conflict:
        return QStringLiteral("conflict");
    case ErrorCode::QueueNotEmpty:
        return QStringLiteral("queue not empty");
    case ErrorCode::SecretStoreUnavailable:
        return QStringLiteral("secret store unavailable");
    case ErrorCode::MessageTooLarge:
        return QStringLiteral("message too large");
    case ErrorCode::ImportFailed:
        return QStringLiteral("import failed");
    case ErrorCode::Busy:
        return QStringLiteral("busy");
    }
    return QStringLiteral("error %1").arg(int(code));
}

QJsonObject Error::toJson() const
{
    QJsonObject o{{field::code, int(code)}, {field::message, message}};
    if (!data.isUndefined() && !data.isNull()) o.insert(field::data, data);
    return o;
}

Error Error::fromJson(const QJsonObject& object)
{
    Error e;
    e.code = ErrorCode(object.value(field::code).toInt(int(ErrorCode::InternalError)));
    e.message = object.value(field::message).toString();
    e.data = object.value(field::data);
    return e;
}

namespace {
QByteArray compact(const QJsonObject& o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}
const QString k20 = QStringLiteral("2.0");
} // namespace

QByteArray requestLine(qint64 id, const QString& method, const QJsonObject& params)
{
    return compact(
        {{field::jsonrpc, k20}, {field::id, id}, {field::method, method}, {field::params, params}});
}

QByteArray resultLine(const QJsonValue& id, const QJsonValue& result)
{
    return compact({{field::jsonrpc, k20}, {field::id, id}, {field::result, result}});
}

QByteArray resultLineSerialized(const QJsonValue& id, const QByteArray& resultJson)
{
    // Qt writes an object's keys sorted ("id" < "jsonrpc" < "result") and an integer as its
    // digits; an id of any other kind (a string, 1.5, null) goes through Qt's own writer.
    QByteArray idText;
    if (id.toVariant().typeId() == QMetaType::LongLong)
        idText = QByteArray::number(id.toInteger());
    else
        idText = QJsonDocument(QJsonArray{id}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    static constexpr QByteArrayView head = "{\"id\":";
    static constexpr QByteArrayView middle = ",\"jsonrpc\":\"2.0\",\"result\":";
    QByteArray line;
    line.reserve(head.size() + idText.size() + middle.size() + resultJson.size() + 1);
    line.append(head).append(idText).append(middle).append(resultJson).append('}');
    return line;
}

QByteArray errorLine(const QJsonValue& id, const Error& error)
{
    return compact({{field::jsonrpc, k20}, {field::id, id}, {field::error, error.toJson()}});
}

QByteArray notificationLine(Notification notification, const QJsonObject& params)
{
    return compact(
        {{field::jsonrpc, k20}, {field::method, notificationName(notification)}, {field::params, params}});
}

} // namespace umgate::rpc
