// SPDX-License-Identifier: GPL-3.0-or-later
// umgatectl's commands about an instance's directory and mail: directory, user, inject, queue,
// test-message and log.
#include "app/umgatectl/CtlCommand.h"
#include "app/umgatectl/CtlCommandLine.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QVariant>

namespace umgate {

namespace field = rpc::field;
using M = rpc::Method;

namespace {

CtlParams paramsOf(QJsonObject params)
{
    return {std::move(params), std::nullopt, {}};
}

CtlOutput text(QString text, CtlExit code = CtlExit::Ok)
{
    return CtlOutput{std::move(text), code, {}, false, std::nullopt};
}

// The value as one line of JSON: "text", 25, true, [..].
QString compactJson(const QJsonValue& value)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))
        .mid(1)
        .chopped(1);
}

// "ok  " or "FAIL", then "STEP: DETAIL": the steps of directory test and test-message.
QString stepLine(const QJsonObject& o)
{
    return QStringLiteral("%1 %2: %3\n")
        .arg(o.value(field::ok).toBool() ? QStringLiteral("ok  ") : QStringLiteral("FAIL"),
             o.value(field::step).toString(), o.value(field::detail).toString());
}

// --- directory, user ----------------------------------------------------------------------------

CtlParams lookupParams(const CtlRequest& q)
{
    if (q.inv.number.isEmpty() == q.inv.sender.isEmpty())
        return CtlParams::fail(CtlExit::Usage,
                               QStringLiteral("directory lookup takes either --number or --sender"));
    QJsonObject params{{field::id, q.inv.args.at(0)}};
    if (!q.inv.number.isEmpty())
        params.insert(field::number, q.inv.number);
    else
        params.insert(field::sender, q.inv.sender);
    return paramsOf(params);
}

CtlOutput renderLookup(const CtlRequest&, const QJsonObject& r)
{
    QString out = QStringLiteral("filter:  %1\nserver:  %2%3\n")
                      .arg(r.value(field::filter).toString(), r.value(field::server).toString(),
                           r.value(field::fromCache).toBool() ? QStringLiteral(" (cached)") : QString());
    if (r.contains(field::error))
        out += QStringLiteral("error:   %1\n").arg(r.value(field::error).toString());
    const QJsonArray entries = r.value(field::entries).toArray();
    out += QStringLiteral("entries: %1\n").arg(entries.size());
    for (const auto& e : entries)
        out += QStringLiteral("  %1\n").arg(e.toObject().value(field::dn).toString());
    for (const auto& address : r.value(field::addresses).toArray())
        out += QStringLiteral("address: %1\n").arg(address.toString());
    if (entries.isEmpty() && !r.contains(field::error))
        out += QStringLiteral("address: (none: the default recipient gets the message)\n");
    // A refused number or a failed search is an answer, but not a success.
    return text(out, r.contains(field::error) ? CtlExit::Failed : CtlExit::Ok);
}

CtlOutput renderDirectoryTest(const CtlRequest&, const QJsonObject& r)
{
    QString out;
    const QJsonArray servers = r.value(field::servers).toArray();
    bool failed = servers.isEmpty(); // no server to test is a failure too
    for (const auto& v : servers) {
        const QJsonObject s = v.toObject();
        failed |= !s.value(field::ok).toBool();
        out += QStringLiteral("%1: %2\n")
                   .arg(s.value(field::server).toString(),
                        s.value(field::ok).toBool() ? QStringLiteral("ok") : QStringLiteral("FAILED"));
        for (const auto& st : s.value(field::steps).toArray())
            out += QStringLiteral("  ") + stepLine(st.toObject());
    }
    return text(out, failed ? CtlExit::Failed : CtlExit::Ok);
}

CtlParams userListParams(const CtlRequest& q)
{
    QJsonObject params{{field::id, q.inv.args.at(0)}};
    if (!q.inv.search.isEmpty()) params.insert(field::search, q.inv.search);
    return paramsOf(params);
}

CtlOutput renderUserList(const CtlRequest&, const QJsonObject& r)
{
    QString out;
    for (const auto& v : r.value(field::users).toArray()) {
        const QJsonObject u = v.toObject();
        const QJsonObject attrs = u.value(field::attributes).toObject();
        QString mail;
        for (auto it = attrs.begin(); it != attrs.end(); ++it)
            if (it.key().compare(QLatin1String("mail"), Qt::CaseInsensitive) == 0)
                mail = it.value().toArray().first().toString();
        out += QStringLiteral("%1  %2\n").arg(u.value(field::dn).toString(), mail);
    }
    return text(out + QStringLiteral("%1 user(s)\n").arg(r.value(field::total).toInt()));
}

CtlOutput renderUserLimits(const CtlRequest&, const QJsonObject& r)
{
    QString out = QStringLiteral("%1 (%2), today %3:\n")
                      .arg(r.value(field::sender).toString(), r.value(field::dn).toString(),
                           r.value(field::day).toString());
    const QJsonObject limits = r.value(field::limits).toObject();
    for (const QString& type : {QStringLiteral("fax"), QStringLiteral("sms"), QStringLiteral("voice")}) {
        const QJsonObject l = limits.value(type).toObject();
        const QJsonValue limit = l.value(field::limit);
        out += QStringLiteral("  %1  %2 of %3\n")
                   .arg(type.leftJustified(5), QString::number(l.value(field::used).toInt()),
                        limit.isDouble() ? QString::number(limit.toInt()) : limit.toString());
    }
    return text(out);
}

CtlOutput renderUserGet(const CtlRequest&, const QJsonObject& r)
{
    QString out = QStringLiteral("dn: %1\ndelivery address: %2\n")
                      .arg(r.value(field::dn).toString(), r.value(field::deliveryAddress).toString());
    if (r.contains(field::warning))
        out += QStringLiteral("warning: %1\n").arg(r.value(field::warning).toString());
    const QJsonObject eff = r.value(field::effective).toObject();
    for (auto it = eff.begin(); it != eff.end(); ++it)
        out += QStringLiteral("%1 = %2\n").arg(it.key(), compactJson(it.value()));
    return text(out);
}

// VALUE is JSON when it parses as something other than a string, else text.
CtlParams userSetParams(const CtlRequest& q)
{
    const QStringList& a = q.inv.args;
    QJsonValue value = QJsonValue(a.at(3));
    const QJsonDocument parsed = QJsonDocument::fromJson(QByteArray("[") + a.at(3).toUtf8() + "]");
    if (parsed.isArray() && parsed.array().size() == 1 && !parsed.array().first().isString())
        value = parsed.array().first();
    return paramsOf(
        {{field::id, a.at(0)}, {field::dn, a.at(1)}, {field::settings, QJsonObject{{a.at(2), value}}}});
}

// --- inject, test-message -----------------------------------------------------------------------

CtlParams injectParams(const CtlRequest& q)
{
    const CtlInvocation& inv = q.inv;
    if (inv.type.isEmpty())
        return CtlParams::fail(CtlExit::Usage, QStringLiteral("inject needs --type fax, voice or sms"));
    QJsonObject params{{field::id, inv.args.at(0)},
                       {field::type, inv.type},
                       {field::calling, inv.calling},
                       {field::called, inv.called}};
    if (inv.hasText) params.insert(field::text, inv.text);
    QJsonArray files;
    for (const QString& path : inv.files) {
        QFile in(path);
        if (!in.open(QIODevice::ReadOnly))
            return CtlParams::fail(CtlExit::Failed,
                                   QStringLiteral("cannot read %1: %2").arg(path, in.errorString()));
        files.append(QJsonObject{{field::name, QFileInfo(path).fileName()},
                                 {field::data, QString::fromLatin1(in.readAll().toBase64())}});
    }
    if (!files.isEmpty()) params.insert(field::files, files);
    return paramsOf(params);
}

CtlParams testMessageParams(const CtlRequest& q)
{
    const CtlInvocation& inv = q.inv;
    return paramsOf({{field::id, inv.args.at(0)},
                     {field::type, inv.type.isEmpty() ? QStringLiteral("fax") : inv.type},
                     {field::calling, inv.calling},
                     {field::called, inv.called}});
}

// The report is the answer, whatever the outcome; the exit code says how it went.
CtlOutput renderTestMessage(const CtlRequest&, const QJsonObject& r)
{
    QString out;
    for (const auto& v : r.value(field::steps).toArray())
        out += stepLine(v.toObject());
    out += QStringLiteral("outcome: %1\n").arg(r.value(field::outcome).toString());
    return text(out, r.value(field::ok).toBool() ? CtlExit::Ok : CtlExit::Failed);
}

// --- queue --------------------------------------------------------------------------------------

CtlParams queueListParams(const CtlRequest& q)
{
    const QStringList& a = q.inv.args;
    return paramsOf(
        {{field::id, a.at(0)}, {field::queue, a.size() > 1 ? a.at(1) : QStringLiteral("outgoing")}});
}

CtlOutput renderQueueList(const CtlRequest&, const QJsonObject& r)
{
    const QJsonArray entries = r.value(field::entries).toArray();
    QString out =
        QStringLiteral("%1: %2 mail(s)\n").arg(r.value(field::queue).toString()).arg(entries.size());
    for (const auto& v : entries) {
        const QJsonObject e = v.toObject();
        QStringList recipients;
        for (const auto& x : e.value(field::recipients).toArray())
            recipients << x.toString();
        if (r.value(field::queue).toString() == QLatin1String("kernel")) {
            out += QStringLiteral("%1  %2  %3 %4  from <%5>\n")
                       .arg(e.value(field::id).toString(), e.value(field::created).toString(),
                            e.value(field::type).toString(), recipients.join(QLatin1Char(',')),
                            e.value(field::sender).toString());
            if (!e.value(field::badmailReason).toString().isEmpty())
                out += QStringLiteral("    %1\n").arg(e.value(field::badmailReason).toString());
            continue;
        }
        out += QStringLiteral("%1  %2  attempts %3  next %4  to %5\n")
                   .arg(e.value(field::id).toString(), e.value(field::created).toString())
                   .arg(e.value(field::attempts).toInt())
                   .arg(e.value(field::nextAttempt).toString(), recipients.join(QLatin1Char(',')));
        const QString why = e.value(field::badmailReason).toString().isEmpty()
                                ? e.value(field::lastError).toString()
                                : e.value(field::badmailReason).toString();
        if (!why.isEmpty()) out += QStringLiteral("    %1\n").arg(why);
    }
    return text(out);
}

CtlParams queueIdParams(const CtlRequest& q)
{
    return paramsOf({{field::id, q.inv.args.at(0)}, {field::queueId, q.inv.args.at(1)}});
}

// QUEUE-ID is optional: without it, all mail.
CtlParams optionalQueueIdParams(const CtlRequest& q)
{
    QJsonObject params{{field::id, q.inv.args.at(0)}};
    if (q.inv.args.size() > 1) params.insert(field::queueId, q.inv.args.at(1));
    return paramsOf(params);
}

CtlOutput renderQueueShow(const CtlRequest&, const QJsonObject& r)
{
    const QJsonObject e = r.value(field::entry).toObject();
    QString out;
    for (auto it = e.begin(); it != e.end(); ++it) {
        const QJsonValue v = it.value();
        out += QStringLiteral("%1: %2\n")
                   .arg(it.key(), v.isArray() || v.isObject()
                                      ? QString::fromUtf8((v.isArray() ? QJsonDocument(v.toArray())
                                                                       : QJsonDocument(v.toObject()))
                                                              .toJson(QJsonDocument::Compact))
                                      : v.toVariant().toString());
    }
    return text(out + QStringLiteral("\n") + r.value(field::headers).toString());
}

// The engine tried (or says why it could not): each mail's outcome; exit non-zero when a mail was
// tried and not delivered, or could not be tried at all.
CtlOutput renderQueueRetry(const CtlRequest&, const QJsonObject& r)
{
    bool anyFailed = false;
    QString out = r.value(field::message).toString() + QStringLiteral("\n");
    for (const auto& v : r.value(field::results).toArray()) {
        const QJsonObject o = v.toObject();
        const QString status = o.value(field::status).toString();
        anyFailed |= status == QStringLiteral("deferred") || status == QStringLiteral("failed") ||
                     status == QStringLiteral("not tried");
        out += QStringLiteral("  %1: %2").arg(o.value(field::queueId).toString(), status);
        const QString reason = o.value(field::reason).toString();
        out += reason.isEmpty() ? QStringLiteral("\n") : QStringLiteral(" (%1)\n").arg(reason);
    }
    return text(out, anyFailed ? CtlExit::Failed : CtlExit::Ok);
}

// --- log ----------------------------------------------------------------------------------------

CtlParams logParams(const CtlRequest& q)
{
    return paramsOf({{field::id, q.inv.args.at(0)}, {field::log, q.inv.args.at(1)}});
}

// --follow: ask again for what was added since, until the user stops us (Ctrl+C).
std::optional<QJsonObject> logFollow(const CtlRequest& q, const QJsonObject& r)
{
    if (!q.inv.follow) return std::nullopt;
    QJsonObject params = q.params;
    params.insert(field::from, double(qint64(r.value(field::size).toDouble())));
    return params;
}

} // namespace

QList<CtlCommand> ctlMailCommands()
{
    return {
        {"directory lookup", "ID (--number NUMBER | --sender ADDRESS)", 1, 1, OptLookup,
         "Show the filter, the server, the entries and the delivery address", M::DirectoryLookup,
         lookupParams, renderLookup},
        {"directory test", "ID", 1, 1, NoOptions,
         "Check every directory server: connect, TLS, bind, base DNs", M::DirectoryTest, ctlInstanceParams,
         renderDirectoryTest},
        {"user list", "ID [--search TEXT]", 1, 1, OptSearch, "List or search the directory's users",
         M::UserList, userListParams, renderUserList},
        {"user get", "ID DN", 2, 2, NoOptions, "Show a user with its UMS settings", M::UserGet,
         [](const CtlRequest& q) {
             return paramsOf({{field::id, q.inv.args.at(0)}, {field::dn, q.inv.args.at(1)}});
         },
         renderUserGet},
        {"user limits", "ID SENDER", 2, 2, NoOptions,
         "What a sender has sent today against the daily limits (Max. Fax/SMS/Voice Per Day)", M::UserLimits,
         [](const CtlRequest& q) {
             return paramsOf({{field::id, q.inv.args.at(0)}, {field::sender, q.inv.args.at(1)}});
         },
         renderUserLimits},
        {"user set", "ID DN FIELD VALUE", 4, 4, NoOptions,
         "Change one UMS setting of a user (e.g. faxPermission national)", M::UserSet, userSetParams,
         [](const CtlRequest&, const QJsonObject& r) {
             return text(QStringLiteral("changed UMS settings of %1\n").arg(r.value(field::dn).toString()));
         }},
        {"inject", "ID --type fax|voice|sms --calling N --called N [--file F] [--text T]", 1, 1, OptInject,
         "Drop a message into the instance's kernel spool, as the telephony side does", M::MessageInject,
         injectParams,
         [](const CtlRequest&, const QJsonObject& r) {
             return text(QStringLiteral("dropped into the kernel spool as %1\n")
                             .arg(r.value(field::kernelId).toString()));
         }},
        {"queue list", "ID [outgoing|badmail|error|kernel]", 1, 2, NoOptions,
         "List queued mail (default), Badmail, the spool's Error folder, or the jobs waiting for the kernel",
         M::QueueList, queueListParams, renderQueueList},
        {"queue show", "ID QUEUE-ID", 2, 2, NoOptions,
         "Show one mail: recipients, attempts, last error, headers", M::QueueShow, queueIdParams,
         renderQueueShow},
        {"queue retry", "ID [QUEUE-ID]", 1, 2, NoOptions,
         "Try a waiting mail now (all waiting mail without QUEUE-ID)", M::QueueRetry, optionalQueueIdParams,
         renderQueueRetry},
        {"queue delete", "ID QUEUE-ID", 2, 2, NoOptions, "Delete a mail from the queue or Badmail",
         M::QueueDelete, queueIdParams,
         [](const CtlRequest&, const QJsonObject& r) {
             return text(QStringLiteral("deleted %1\n").arg(r.value(field::deleted).toString()));
         }},
        {"queue cancel", "ID JOB-ID", 2, 2, NoOptions,
         "Cancel a fax, SMS or voice job the kernel has not taken yet (see queue list ID kernel)",
         M::QueueDelete,
         [](const CtlRequest& q) {
             return paramsOf({{field::id, q.inv.args.at(0)},
                              {field::queueId, q.inv.args.at(1)},
                              {field::queue, QStringLiteral("kernel")}});
         },
         [](const CtlRequest&, const QJsonObject& r) {
             return text(QStringLiteral("cancelled %1\n").arg(r.value(field::deleted).toString()));
         }},
        {"queue requeue", "ID [QUEUE-ID]", 1, 2, NoOptions,
         "Send Badmail again, to the server configured now (all Badmail without QUEUE-ID)", M::QueueRequeue,
         optionalQueueIdParams,
         [](const CtlRequest&, const QJsonObject& r) {
             return text(
                 QStringLiteral("%1 mail(s) back in the queue\n").arg(r.value(field::requeued).toInt()));
         }},
        {"test-message", "ID --type fax|voice|sms --calling N --called N", 1, 1, OptInject,
         "Send Test Message: the real path, reported step by step", M::TestMessage, testMessageParams,
         renderTestMessage},
        {"log tail",
         "ID ldapSearch|smtpConnection|messageId [--follow]",
         2,
         2,
         OptFollow,
         "Print the end of an instance log; --follow keeps printing new lines",
         M::LogTail,
         logParams,
         [](const CtlRequest&, const QJsonObject& r) { return text(r.value(field::text).toString()); },
         {},
         std::nullopt,
         logFollow},
        {"log clear", "ID ldapSearch|smtpConnection|messageId", 2, 2, NoOptions,
         "Empty the current file of an instance log (older files stay)", M::LogClear, logParams,
         [](const CtlRequest&, const QJsonObject& r) {
             return text(QStringLiteral("emptied %1\n").arg(r.value(field::cleared).toString()));
         }},
    };
}

} // namespace umgate
