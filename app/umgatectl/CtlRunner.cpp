// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/umgatectl/CtlRunner.h"

#include "app/umgatectl/CtlFormat.h"
#include "engine/config/InstanceConfig.h"
#include "engine/core/Paths.h"
#include "models/rpc/RpcClient.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTimer>
#include <QUrl>
#include <cstdio>
#include <iostream>
#include <string>
#include <termios.h>
#include <unistd.h>

namespace umgate {

using rpc::ErrorCode;
using rpc::Method;

namespace {

QString key(const char* name)
{
    return QString::fromLatin1(name);
}

QString readTrimmedFile(const QString& path, QString* error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, f.errorString());
        return {};
    }
    return QString::fromUtf8(f.readAll()).trimmed();
}

} // namespace

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
        for (const QJsonValue& e : data.value(key("errors")).toArray()) {
            const QJsonObject o = e.toObject();
            lines << QStringLiteral("invalid setting %1: %2")
                         .arg(o.value(key("key")).toString(), o.value(key("reason")).toString());
        }
        if (lines.isEmpty()) lines << r.errorText();
        failLines(CtlExit::Failed, lines);
        return;
    }
    case ErrorCode::ImportFailed: {
        // One line per problem: {errors: [{line?, column?, key?, reason}]}, or one such object.
        const QString file = m_importContext.isEmpty() ? QString() : m_importContext + QStringLiteral(": ");
        QJsonArray errors = data.value(key("errors")).toArray();
        if (errors.isEmpty() && data.contains(key("reason"))) errors.append(data);
        QStringList lines;
        for (const QJsonValue& v : std::as_const(errors)) {
            const QJsonObject e = v.toObject();
            QString where;
            if (const int line = e.value(key("line")).toInt(); line > 0) {
                where = QStringLiteral("line %1").arg(line);
                if (const int column = e.value(key("column")).toInt(); column > 0)
                    where += QStringLiteral(", column %1").arg(column);
                where += QStringLiteral(": ");
            }
            if (e.contains(key("key"))) where += e.value(key("key")).toString() + QStringLiteral(": ");
            lines
                << QStringLiteral("cannot import %1%2%3").arg(file, where, e.value(key("reason")).toString());
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
    if (!m_inv.connectUrl.isEmpty()) {
        const QUrl url(m_inv.connectUrl, QUrl::StrictMode);
        m_target = m_inv.connectUrl;
        if (!url.isValid() || url.scheme() != QLatin1String("umgate") || url.host().isEmpty() ||
            url.port() <= 0) {
            fail(CtlExit::Usage,
                 QStringLiteral("--connect expects umgate://HOST:PORT, got %1").arg(m_inv.connectUrl));
            return false;
        }
        QString token;
        if (!m_inv.tokenFile.isEmpty())
            token = readTrimmedFile(m_inv.tokenFile, &error);
        else
            token = qEnvironmentVariable("UMGATE_TOKEN").trimmed();
        if (!error.isEmpty()) {
            fail(CtlExit::Usage, error);
            return false;
        }
        if (token.isEmpty()) {
            fail(CtlExit::Usage,
                 QStringLiteral("--connect needs an admin token: --token-file FILE or UMGATE_TOKEN"));
            return false;
        }
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
        const QString caFile =
            !m_inv.caFile.isEmpty() ? m_inv.caFile : qEnvironmentVariable("UMGATE_CA_FILE");
        if (!caFile.isEmpty()) {
            const QList<QSslCertificate> cas = QSslCertificate::fromPath(caFile, QSsl::Pem);
            if (cas.isEmpty()) {
                fail(CtlExit::Usage, QStringLiteral("no PEM certificate in %1").arg(caFile));
                return false;
            }
            tls.setCaCertificates(cas);
        }
        m_client->connectToRemote(url, token, tls);
        return true;
    }

    const Paths paths(m_inv.dataDir.isEmpty() ? Paths::defaultDataDir() : m_inv.dataDir);
    m_target = paths.socketFile();
    QString token;
    if (!m_inv.tokenFile.isEmpty()) {
        token = readTrimmedFile(m_inv.tokenFile, &error);
        if (!error.isEmpty()) {
            fail(CtlExit::Usage, error);
            return false;
        }
    } else {
        token = readTrimmedFile(paths.cookieFile(), &error);
        if (!error.isEmpty()) {
            // A missing cookie usually means no engine: say so about the socket, not the cookie.
            const QString reason =
                QFileInfo::exists(paths.socketFile()) ? error : QStringLiteral("no such socket");
            fail(CtlExit::NoConnection,
                 QStringLiteral("cannot connect to the engine at %1: %2 (is umgated running?)")
                     .arg(m_target, reason));
            return false;
        }
    }
    m_client->connectToLocal(paths.socketFile(), token);
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

void CtlRunner::show(const QJsonObject& result, const std::function<QString()>& human, CtlExit code)
{
    if (m_inv.json)
        writeOut(QString::fromUtf8(QJsonDocument(result).toJson(QJsonDocument::Indented)));
    else
        writeOut(human());
    done(code);
}

void CtlRunner::printInstance(const QString& verb, const QJsonObject& instance)
{
    const QString id = instance.value(key("id")).toString();
    const QString name = instance.value(key("name")).toString();
    QString text = QStringLiteral("%1 instance %2").arg(verb, id);
    if (!name.isEmpty() && name != id) text += QStringLiteral(" (%1)").arg(name);
    QStringList facts;
    if (instance.contains(key("enabled")))
        facts << (instance.value(key("enabled")).toBool() ? QStringLiteral("enabled")
                                                          : QStringLiteral("disabled"));
    if (instance.contains(key("state"))) facts << instance.value(key("state")).toString();
    if (!facts.isEmpty()) text += QStringLiteral(": ") + facts.join(QStringLiteral(", "));
    writeOut(text + QLatin1Char('\n'));
}

QString CtlRunner::optionText(const QJsonObject& o)
{
    return QStringLiteral("%1 = %2 (default %3, ignore %4)\n")
        .arg(o.value(key("key")).toString(), CtlFormat::json(o.value(key("value"))),
             CtlFormat::json(o.value(key("default"))),
             o.value(key("ignore")).toBool() ? QStringLiteral("on") : QStringLiteral("off"));
}

namespace {

QList<QStringList> instanceRows(const QJsonArray& instances)
{
    QList<QStringList> rows;
    for (const QJsonValue& v : instances) {
        const QJsonObject i = v.toObject();
        rows << QStringList{CtlFormat::cell(i.value(QStringLiteral("id"))),
                            CtlFormat::cell(i.value(QStringLiteral("name"))),
                            CtlFormat::cell(i.value(QStringLiteral("enabled"))),
                            CtlFormat::cell(i.value(QStringLiteral("state"))),
                            CtlFormat::cell(i.value(QStringLiteral("listen"))),
                            CtlFormat::cell(i.value(QStringLiteral("queued")))};
    }
    return rows;
}

// Whether a directory test found any server failing (or had none to test).
bool serversFailed(const QJsonObject& result)
{
    const QJsonArray servers = result.value(QStringLiteral("servers")).toArray();
    if (servers.isEmpty()) return true;
    for (const QJsonValue& v : servers)
        if (!v.toObject().value(QStringLiteral("ok")).toBool()) return true;
    return false;
}

const QStringList instanceHeaders = {QStringLiteral("ID"),      QStringLiteral("NAME"),
                                     QStringLiteral("ENABLED"), QStringLiteral("STATE"),
                                     QStringLiteral("LISTEN"),  QStringLiteral("QUEUED")};

} // namespace

void CtlRunner::run()
{
    using K = CtlCommandKind;
    const QStringList& a = m_inv.args;
    switch (m_inv.command) {
    case K::Status:
        runStatus();
        return;
    case K::DirectoryLookup: {
        if (m_inv.number.isEmpty() == m_inv.sender.isEmpty()) {
            fail(CtlExit::Usage, QStringLiteral("directory lookup takes either --number or --sender"));
            return;
        }
        QJsonObject params{{key("id"), a.at(0)}};
        if (!m_inv.number.isEmpty())
            params.insert(key("number"), m_inv.number);
        else
            params.insert(key("sender"), m_inv.sender);
        call(Method::DirectoryLookup, params, [this](const QJsonObject& r) {
            show(
                r,
                [r] {
                    QString text =
                        QStringLiteral("filter:  %1\nserver:  %2%3\n")
                            .arg(r.value(key("filter")).toString(), r.value(key("server")).toString(),
                                 r.value(key("fromCache")).toBool() ? QStringLiteral(" (cached)")
                                                                    : QString());
                    if (r.contains(key("error")))
                        text += QStringLiteral("error:   %1\n").arg(r.value(key("error")).toString());
                    const QJsonArray entries = r.value(key("entries")).toArray();
                    text += QStringLiteral("entries: %1\n").arg(entries.size());
                    for (const QJsonValue& e : entries)
                        text += QStringLiteral("  %1\n").arg(e.toObject().value(key("dn")).toString());
                    for (const QJsonValue& address : r.value(key("addresses")).toArray())
                        text += QStringLiteral("address: %1\n").arg(address.toString());
                    if (entries.isEmpty() && !r.contains(key("error")))
                        text += QStringLiteral("address: (none: the default recipient gets the message)\n");
                    return text;
                },
                // A refused number or a failed search is an answer, but not a success.
                r.contains(key("error")) ? CtlExit::Failed : CtlExit::Ok);
        });
        return;
    }
    case K::DirectoryTest:
        call(Method::DirectoryTest, {{key("id"), a.at(0)}}, [this](const QJsonObject& r) {
            show(
                r,
                [r] {
                    QString text;
                    for (const QJsonValue& v : r.value(key("servers")).toArray()) {
                        const QJsonObject s = v.toObject();
                        text += QStringLiteral("%1: %2\n")
                                    .arg(s.value(key("server")).toString(), s.value(key("ok")).toBool()
                                                                                ? QStringLiteral("ok")
                                                                                : QStringLiteral("FAILED"));
                        for (const QJsonValue& st : s.value(key("steps")).toArray()) {
                            const QJsonObject o = st.toObject();
                            text +=
                                QStringLiteral("  %1 %2: %3\n")
                                    .arg(o.value(key("ok")).toBool() ? QStringLiteral("ok  ")
                                                                     : QStringLiteral("FAIL"),
                                         o.value(key("step")).toString(), o.value(key("detail")).toString());
                        }
                    }
                    return text;
                },
                serversFailed(r) ? CtlExit::Failed : CtlExit::Ok);
        });
        return;
    case K::UserList: {
        QJsonObject params{{key("id"), a.at(0)}};
        if (!m_inv.search.isEmpty()) params.insert(key("search"), m_inv.search);
        call(Method::UserList, params, [this](const QJsonObject& r) {
            show(r, [r] {
                QString text;
                for (const QJsonValue& v : r.value(key("users")).toArray()) {
                    const QJsonObject u = v.toObject();
                    const QJsonObject attrs = u.value(key("attributes")).toObject();
                    QString mail;
                    for (auto it = attrs.begin(); it != attrs.end(); ++it)
                        if (it.key().compare(QLatin1String("mail"), Qt::CaseInsensitive) == 0)
                            mail = it.value().toArray().first().toString();
                    text += QStringLiteral("%1  %2\n").arg(u.value(key("dn")).toString(), mail);
                }
                return text + QStringLiteral("%1 user(s)\n").arg(r.value(key("total")).toInt());
            });
        });
        return;
    }
    case K::UserGet:
        call(Method::UserGet, {{key("id"), a.at(0)}, {key("dn"), a.at(1)}}, [this](const QJsonObject& r) {
            show(r, [r] {
                QString text =
                    QStringLiteral("dn: %1\ndelivery address: %2\n")
                        .arg(r.value(key("dn")).toString(), r.value(key("deliveryAddress")).toString());
                if (r.contains(key("warning")))
                    text += QStringLiteral("warning: %1\n").arg(r.value(key("warning")).toString());
                const QJsonObject eff = r.value(key("effective")).toObject();
                for (auto it = eff.begin(); it != eff.end(); ++it)
                    text += QStringLiteral("%1 = %2\n")
                                .arg(it.key(),
                                     QString::fromUtf8(
                                         QJsonDocument(QJsonArray{it.value()}).toJson(QJsonDocument::Compact))
                                         .mid(1)
                                         .chopped(1));
                return text;
            });
        });
        return;
    case K::UserSet: {
        QJsonValue value = QJsonValue(a.at(3));
        const QJsonDocument parsed = QJsonDocument::fromJson(QByteArray("[") + a.at(3).toUtf8() + "]");
        if (parsed.isArray() && parsed.array().size() == 1 && !parsed.array().first().isString())
            value = parsed.array().first();
        call(Method::UserSet,
             {{key("id"), a.at(0)}, {key("dn"), a.at(1)}, {key("settings"), QJsonObject{{a.at(2), value}}}},
             [this](const QJsonObject& r) {
                 show(r, [r] {
                     return QStringLiteral("changed UMS settings of %1\n").arg(r.value(key("dn")).toString());
                 });
             });
        return;
    }
    case K::Inject: {
        if (m_inv.type.isEmpty()) {
            fail(CtlExit::Usage, QStringLiteral("inject needs --type fax, voice or sms"));
            return;
        }
        QJsonObject params{{key("id"), a.at(0)},
                           {key("type"), m_inv.type},
                           {key("calling"), m_inv.calling},
                           {key("called"), m_inv.called}};
        if (m_inv.hasText) params.insert(key("text"), m_inv.text);
        QJsonArray files;
        for (const QString& path : m_inv.files) {
            QFile in(path);
            if (!in.open(QIODevice::ReadOnly)) {
                fail(CtlExit::Failed, QStringLiteral("cannot read %1: %2").arg(path, in.errorString()));
                return;
            }
            files.append(QJsonObject{{key("name"), QFileInfo(path).fileName()},
                                     {key("data"), QString::fromLatin1(in.readAll().toBase64())}});
        }
        if (!files.isEmpty()) params.insert(key("files"), files);
        call(Method::MessageInject, params, [this](const QJsonObject& r) {
            show(r, [r] {
                return QStringLiteral("dropped into the kernel spool as %1\n")
                    .arg(r.value(key("kernelId")).toString());
            });
        });
        return;
    }
    case K::QueueList: {
        const QString queue = a.size() > 1 ? a.at(1) : QStringLiteral("outgoing");
        call(Method::QueueList, {{key("id"), a.at(0)}, {key("queue"), queue}}, [this](const QJsonObject& r) {
            show(r, [r] {
                const QJsonArray entries = r.value(key("entries")).toArray();
                QString text = QStringLiteral("%1: %2 mail(s)\n")
                                   .arg(r.value(key("queue")).toString())
                                   .arg(entries.size());
                for (const QJsonValue& v : entries) {
                    const QJsonObject e = v.toObject();
                    QStringList recipients;
                    for (const QJsonValue& x : e.value(key("recipients")).toArray())
                        recipients << x.toString();
                    text +=
                        QStringLiteral("%1  %2  attempts %3  next %4  to %5\n")
                            .arg(e.value(key("id")).toString(), e.value(key("created")).toString())
                            .arg(e.value(key("attempts")).toInt())
                            .arg(e.value(key("nextAttempt")).toString(), recipients.join(QLatin1Char(',')));
                    const QString why = e.value(key("badmailReason")).toString().isEmpty()
                                            ? e.value(key("lastError")).toString()
                                            : e.value(key("badmailReason")).toString();
                    if (!why.isEmpty()) text += QStringLiteral("    %1\n").arg(why);
                }
                return text;
            });
        });
        return;
    }
    case K::QueueShow:
        call(Method::QueueShow, {{key("id"), a.at(0)}, {key("queueId"), a.at(1)}},
             [this](const QJsonObject& r) {
                 show(r, [r] {
                     const QJsonObject e = r.value(key("entry")).toObject();
                     QString text;
                     for (auto it = e.begin(); it != e.end(); ++it) {
                         const QJsonValue v = it.value();
                         text += QStringLiteral("%1: %2\n")
                                     .arg(it.key(),
                                          v.isArray() || v.isObject()
                                              ? QString::fromUtf8(
                                                    QJsonDocument(v.isArray() ? QJsonDocument(v.toArray())
                                                                              : QJsonDocument(v.toObject()))
                                                        .toJson(QJsonDocument::Compact))
                                              : v.toVariant().toString());
                     }
                     text += QStringLiteral("\n") + r.value(key("headers")).toString();
                     return text;
                 });
             });
        return;
    case K::QueueRetry:
    case K::QueueRequeue: {
        QJsonObject params{{key("id"), a.at(0)}};
        if (a.size() > 1) params.insert(key("queueId"), a.at(1));
        const bool retry = m_inv.command == K::QueueRetry;
        call(retry ? Method::QueueRetry : Method::QueueRequeue, params, [this, retry](const QJsonObject& r) {
            if (!retry) {
                show(r, [r] {
                    return QStringLiteral("%1 mail(s) back in the queue\n")
                        .arg(r.value(key("requeued")).toInt());
                });
                return;
            }
            // The engine tried (or says why it could not): show each mail's outcome, and exit
            // non-zero when a mail was tried and not delivered, or could not be tried at all.
            bool anyFailed = false;
            QString text = r.value(key("message")).toString() + QStringLiteral("\n");
            for (const QJsonValue& v : r.value(key("results")).toArray()) {
                const QJsonObject o = v.toObject();
                const QString status = o.value(key("status")).toString();
                anyFailed |= status == QStringLiteral("deferred") || status == QStringLiteral("failed") ||
                             status == QStringLiteral("not tried");
                text += QStringLiteral("  %1: %2").arg(o.value(key("queueId")).toString(), status);
                const QString reason = o.value(key("reason")).toString();
                text += reason.isEmpty() ? QStringLiteral("\n") : QStringLiteral(" (%1)\n").arg(reason);
            }
            show(
                r, [text] { return text; }, anyFailed ? CtlExit::Failed : CtlExit::Ok);
        });
        return;
    }
    case K::QueueDelete:
        call(Method::QueueDelete, {{key("id"), a.at(0)}, {key("queueId"), a.at(1)}},
             [this](const QJsonObject& r) {
                 show(r,
                      [r] { return QStringLiteral("deleted %1\n").arg(r.value(key("deleted")).toString()); });
             });
        return;
    case K::TestMessage:
        call(Method::TestMessage,
             {{key("id"), a.at(0)},
              {key("type"), m_inv.type.isEmpty() ? QStringLiteral("fax") : m_inv.type},
              {key("calling"), m_inv.calling},
              {key("called"), m_inv.called}},
             [this](const QJsonObject& r) {
                 // The report is the answer, whatever the outcome; the exit code says how it went.
                 show(
                     r,
                     [r] {
                         QString text;
                         for (const QJsonValue& v : r.value(key("steps")).toArray()) {
                             const QJsonObject s = v.toObject();
                             text +=
                                 QStringLiteral("%1 %2: %3\n")
                                     .arg(s.value(key("ok")).toBool() ? QStringLiteral("ok  ")
                                                                      : QStringLiteral("FAIL"),
                                          s.value(key("step")).toString(), s.value(key("detail")).toString());
                         }
                         text += QStringLiteral("outcome: %1\n").arg(r.value(key("outcome")).toString());
                         return text;
                     },
                     r.value(key("ok")).toBool() ? CtlExit::Ok : CtlExit::Failed);
             });
        return;
    case K::LogTail:
        runLogTail(-1);
        return;
    case K::LogClear:
        call(Method::LogClear, {{key("id"), a.at(0)}, {key("log"), a.at(1)}}, [this](const QJsonObject& r) {
            show(r, [r] { return QStringLiteral("emptied %1\n").arg(r.value(key("cleared")).toString()); });
        });
        return;
    case K::InstanceList:
        runInstanceList();
        return;
    case K::InstanceCreate:
        call(Method::InstanceCreate,
             {{key("id"), a.at(0)}, {key("name"), m_inv.hasName ? m_inv.name : a.at(0)}},
             [this](const QJsonObject& r) {
                 show(r, [this, r] {
                     printInstance(QStringLiteral("created"), r.value(key("instance")).toObject());
                     return QString();
                 });
             });
        return;
    case K::InstanceDelete: {
        QJsonObject params{{key("id"), a.at(0)}};
        if (m_inv.force) params.insert(key("force"), true);
        if (m_inv.keepQueue) params.insert(key("keepQueue"), true);
        call(Method::InstanceDelete, params, [this, id = a.at(0)](const QJsonObject& r) {
            show(r, [r, id] {
                QString text = QStringLiteral("deleted instance %1\n").arg(id);
                if (r.contains(key("keptQueue")))
                    text += QStringLiteral("queued messages kept in %1\n")
                                .arg(r.value(key("keptQueue")).toString());
                return text;
            });
        });
        return;
    }
    case K::InstanceEnable:
    case K::InstanceDisable: {
        const bool enable = m_inv.command == K::InstanceEnable;
        call(enable ? Method::InstanceEnable : Method::InstanceDisable, {{key("id"), a.at(0)}},
             [this, enable](const QJsonObject& r) {
                 const QJsonObject instance = r.value(key("instance")).toObject();
                 // Enabled but not running (its listener could not bind, ...): say why, exit 1.
                 const QString error = instance.value(key("error")).toString();
                 show(
                     r,
                     [this, instance, enable, error] {
                         printInstance(enable ? QStringLiteral("enabled") : QStringLiteral("disabled"),
                                       instance);
                         if (!error.isEmpty()) writeErr(QStringLiteral("umgatectl: %1\n").arg(error));
                         return QString();
                     },
                     enable && !error.isEmpty() ? CtlExit::Failed : CtlExit::Ok);
             });
        return;
    }
    case K::ConfigGet:
        runConfigGet();
        return;
    case K::ConfigSet:
        runConfigSet();
        return;
    case K::ConfigExport:
        runConfigExport();
        return;
    case K::ConfigImport:
        runConfigImport();
        return;
    case K::ConfigSchema:
        runConfigSchema();
        return;
    case K::MiscList:
        runMiscList();
        return;
    case K::MiscSet:
        runMiscSet();
        return;
    case K::MiscIgnore: {
        const auto on = CtlFormat::parseSwitch(a.at(1));
        if (!on) {
            fail(CtlExit::Usage, QStringLiteral("misc ignore takes on or off, got %1").arg(a.at(1)));
            return;
        }
        call(Method::MiscSet, {{key("key"), a.at(0)}, {key("ignore"), *on}}, [this](const QJsonObject& r) {
            show(r, [r] { return optionText(r.value(key("option")).toObject()); });
        });
        return;
    }
    case K::MiscReset:
        call(Method::MiscReset, {{key("key"), a.at(0)}}, [this](const QJsonObject& r) {
            show(r, [r] { return optionText(r.value(key("option")).toObject()); });
        });
        return;
    case K::TokenAdd:
        call(Method::AdminTokenAdd, {{key("name"), a.at(0)}}, [this](const QJsonObject& r) {
            show(r, [r] {
                return QStringLiteral("token for %1 (store it now, it is not shown again):\n%2\n")
                    .arg(r.value(key("name")).toString(), r.value(key("token")).toString());
            });
        });
        return;
    case K::TokenList:
        call(Method::AdminTokenList, {}, [this](const QJsonObject& r) {
            show(r, [r] {
                QList<QStringList> rows;
                for (const QJsonValue& v : r.value(key("tokens")).toArray())
                    rows << QStringList{CtlFormat::cell(v.toObject().value(key("name"))),
                                        CtlFormat::cell(v.toObject().value(key("created")))};
                return CtlFormat::table({QStringLiteral("NAME"), QStringLiteral("CREATED")}, rows);
            });
        });
        return;
    case K::TokenRemove:
        call(Method::AdminTokenRemove, {{key("name"), a.at(0)}},
             [this, name = a.at(0)](const QJsonObject& r) {
                 show(r, [name] { return QStringLiteral("removed token %1\n").arg(name); });
             });
        return;
    }
}

void CtlRunner::runStatus()
{
    call(Method::EngineStatus, {}, [this](const QJsonObject& r) {
        show(r, [r] {
            QString text = QStringLiteral("umgated %1, pid %2, up %3\n")
                               .arg(r.value(key("version")).toString(), CtlFormat::cell(r.value(key("pid"))),
                                    CtlFormat::duration(qint64(r.value(key("uptimeSeconds")).toDouble())));
            const QList<QStringList> facts = {
                {QStringLiteral("data dir:"), CtlFormat::cell(r.value(key("dataDir")))},
                {QStringLiteral("socket:"), CtlFormat::cell(r.value(key("socket")))},
                {QStringLiteral("secret store:"), CtlFormat::cell(r.value(key("secretStore")))},
            };
            for (const QStringList& f : facts)
                text += f.at(0).leftJustified(14) + f.at(1) + QLatin1Char('\n');
            const QJsonArray instances = r.value(key("instances")).toArray();
            text += QStringLiteral("\n");
            if (instances.isEmpty())
                text += QStringLiteral("no instances\n");
            else
                text += CtlFormat::table(instanceHeaders, instanceRows(instances));
            return text;
        });
    });
}

void CtlRunner::runInstanceList()
{
    call(Method::InstanceList, {}, [this](const QJsonObject& r) {
        show(r, [r] {
            return CtlFormat::table(instanceHeaders, instanceRows(r.value(key("instances")).toArray()));
        });
    });
}

} // namespace umgate

namespace umgate {

void CtlRunner::runLogTail(qint64 from)
{
    QJsonObject params{{key("id"), m_inv.args.at(0)}, {key("log"), m_inv.args.at(1)}};
    if (from >= 0) params.insert(key("from"), double(from));
    call(Method::LogTail, params, [this](const QJsonObject& r) {
        if (!m_inv.follow) {
            show(r, [r] { return r.value(key("text")).toString(); });
            return;
        }
        // --follow: ask again for what was added, until the user stops us (Ctrl+C).
        writeOut(r.value(key("text")).toString());
        const qint64 next = qint64(r.value(key("size")).toDouble());
        QTimer::singleShot(500, this, [this, next] { runLogTail(next); });
    });
}

} // namespace umgate
