// SPDX-License-Identifier: GPL-3.0-or-later
// umgatectl's config and misc commands (the rest of CtlRunner is in CtlRunner.cpp).
#include "app/umgatectl/CtlFormat.h"
#include "app/umgatectl/CtlInput.h"
#include "app/umgatectl/CtlRunner.h"
#include "engine/config/InstanceConfig.h"
#include "models/rpc/RpcClient.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <iostream>
#include <string>
#include <termios.h>
#include <unistd.h>

namespace umgate {

using rpc::Method;

namespace {

QString key(const char* name)
{
    return QString::fromLatin1(name);
}

} // namespace

void CtlRunner::runConfigGet()
{
    QJsonObject params{{key("id"), m_inv.args.at(0)}};
    if (m_inv.args.size() > 1) params.insert(key("key"), m_inv.args.at(1));
    call(Method::ConfigGet, params, [this](const QJsonObject& r) {
        show(r, [r] {
            QString text;
            const QJsonObject values = r.value(key("values")).toObject();
            for (auto it = values.begin(); it != values.end(); ++it)
                text += it.key() + QStringLiteral(" = ") + CtlFormat::settingValue(it.value()) +
                        QLatin1Char('\n');
            return text;
        });
    });
}

std::optional<QString> CtlRunner::readStdinValue(const QString& what)
{
    if (::isatty(STDIN_FILENO)) {
        writeErr(QStringLiteral("%1: ").arg(what));
        termios old{};
        const bool haveTerm = ::tcgetattr(STDIN_FILENO, &old) == 0;
        if (haveTerm) {
            termios silent = old;
            silent.c_lflag &= ~tcflag_t(ECHO);
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
        }
        std::string line;
        const bool ok = bool(std::getline(std::cin, line));
        if (haveTerm) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        writeErr(QStringLiteral("\n"));
        if (!ok) return std::nullopt;
        return QString::fromStdString(line);
    }
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly)) return std::nullopt;
    QByteArray bytes = in.readAll();
    if (bytes.endsWith('\n')) bytes.chop(1);
    if (bytes.endsWith('\r')) bytes.chop(1);
    return QString::fromUtf8(bytes);
}

void CtlRunner::runConfigSet()
{
    const QString id = m_inv.args.at(0);
    const QString settingKey = m_inv.args.at(1);
    QString text = m_inv.args.at(2);
    if (text == QLatin1String("-")) {
        // Read before connecting, so a slow typist does not hold an engine connection open.
        const auto value = readStdinValue(settingKey);
        if (!value) {
            fail(CtlExit::Failed,
                 QStringLiteral("cannot read the value of %1 from standard input").arg(settingKey));
            return;
        }
        text = *value;
    }
    // The schema says how to read VALUE: text settings take it verbatim, others as JSON.
    call(Method::ConfigSchema, {}, [this, id, settingKey, text](const QJsonObject& schema) {
        QJsonObject def;
        for (const QJsonValue& s : schema.value(key("settings")).toArray())
            if (s.toObject().value(key("key")).toString() == settingKey) def = s.toObject();
        if (def.isEmpty()) {
            fail(CtlExit::Failed,
                 QStringLiteral("invalid setting %1: no such setting (see umgatectl config schema)")
                     .arg(settingKey));
            return;
        }
        QString reason;
        const auto value = CtlFormat::parseValue(text, def.value(key("type")).toString(), &reason);
        if (!value) {
            fail(CtlExit::Failed, QStringLiteral("invalid setting %1: %2").arg(settingKey, reason));
            return;
        }
        const bool secret = def.value(key("secret")).toBool();
        call(Method::ConfigSet, {{key("id"), id}, {key("values"), QJsonObject{{settingKey, *value}}}},
             [this, settingKey, secret, value = *value](const QJsonObject& r) {
                 show(r, [r, settingKey, secret, value] {
                     const QJsonObject values = r.value(key("values")).toObject();
                     QJsonValue shown = values.contains(settingKey) ? values.value(settingKey) : value;
                     if (secret && !shown.isObject())
                         shown = QJsonObject{{key("secret"), true}, {key("set"), true}};
                     return settingKey + QStringLiteral(" = ") + CtlFormat::settingValue(shown) +
                            QLatin1Char('\n');
                 });
             });
    });
}

void CtlRunner::runConfigExport()
{
    const QString file = m_inv.args.size() > 1 ? m_inv.args.at(1) : QString();
    call(Method::ConfigExport, {{key("id"), m_inv.args.at(0)}}, [this, file](const QJsonObject& r) {
        // The engine's own serialisation, so CLI and console exports of one config are the same bytes.
        const QByteArray document = InstanceConfig::exportText(r.value(key("document")).toObject());
        if (file.isEmpty() || file == QLatin1String("-")) {
            writeOut(QString::fromUtf8(document));
            done(CtlExit::Ok);
            return;
        }
        QSaveFile out(file);
        if (!out.open(QIODevice::WriteOnly) || out.write(document) != document.size() || !out.commit()) {
            fail(CtlExit::Failed, QStringLiteral("cannot write %1: %2").arg(file, out.errorString()));
            return;
        }
        done(CtlExit::Ok);
    });
}

void CtlRunner::runConfigImport()
{
    const QString file = m_inv.args.at(0);
    // Bounded: a config is a few KB, and a request longer than the engine's line limit would be
    // refused anyway, after a huge file had been read (and copied several times) in memory.
    QString error;
    const auto bytes = readBoundedInput(file, rpc::DefaultMaxMessageBytes, &error);
    if (!bytes) {
        fail(CtlExit::Failed, error);
        return;
    }
    m_importContext = file == QLatin1String("-") ? QStringLiteral("<stdin>") : file;
    // The raw text, not parsed JSON: the engine parses it and can name the line that is wrong.
    QJsonObject params{{key("text"), QString::fromUtf8(*bytes)}};
    if (m_inv.hasAs) params.insert(key("as"), m_inv.asId);
    call(Method::ConfigImport, params, [this](const QJsonObject& r) {
        show(r, [this, r] {
            printInstance(QStringLiteral("imported"), r.value(key("instance")).toObject());
            return QString();
        });
    });
}

void CtlRunner::runConfigSchema()
{
    call(Method::ConfigSchema, {}, [this](const QJsonObject& r) {
        show(r, [r] {
            QList<QStringList> rows;
            for (const QJsonValue& v : r.value(key("settings")).toArray()) {
                const QJsonObject s = v.toObject();
                const bool secret = s.value(key("secret")).toBool();
                QString label = s.value(key("label")).toString();
                // Settings the engine keeps but does not act on yet say so, as in the console.
                if (s.value(key("notYetUsed")).toBool()) label += QStringLiteral(" (not yet in effect)");
                rows << QStringList{s.value(key("key")).toString(), s.value(key("type")).toString(),
                                    secret ? QStringLiteral("<secret>")
                                           : CtlFormat::json(s.value(key("default"))),
                                    s.value(key("section")).toString(), label};
            }
            return CtlFormat::table({QStringLiteral("KEY"), QStringLiteral("TYPE"), QStringLiteral("DEFAULT"),
                                     QStringLiteral("SECTION"), QStringLiteral("LABEL")},
                                    rows);
        });
    });
}

void CtlRunner::runMiscList()
{
    call(Method::MiscList, {}, [this](const QJsonObject& r) {
        show(r, [r] {
            QList<QStringList> rows;
            for (const QJsonValue& v : r.value(key("options")).toArray()) {
                const QJsonObject o = v.toObject();
                rows << QStringList{o.value(key("key")).toString(), CtlFormat::json(o.value(key("value"))),
                                    CtlFormat::json(o.value(key("default"))),
                                    o.value(key("ignore")).toBool() ? QStringLiteral("on")
                                                                    : QStringLiteral("off"),
                                    o.value(key("description")).toString()};
            }
            return CtlFormat::table({QStringLiteral("KEY"), QStringLiteral("VALUE"),
                                     QStringLiteral("DEFAULT"), QStringLiteral("IGNORE"),
                                     QStringLiteral("DESCRIPTION")},
                                    rows);
        });
    });
}

void CtlRunner::runMiscSet()
{
    const QString optionKey = m_inv.args.at(0);
    const QString text = m_inv.args.at(1);
    call(Method::MiscList, {}, [this, optionKey, text](const QJsonObject& list) {
        QString type; // unknown keys and aliases: guess, and let the engine judge
        for (const QJsonValue& v : list.value(key("options")).toArray()) {
            const QJsonObject o = v.toObject();
            if (o.value(key("key")).toString() == optionKey ||
                o.value(key("alias")).toString().compare(optionKey, Qt::CaseInsensitive) == 0)
                type = o.value(key("type")).toString();
        }
        QString reason;
        const auto value = CtlFormat::parseValue(text, type, &reason);
        if (!value) {
            fail(CtlExit::Failed, QStringLiteral("invalid option %1: %2").arg(optionKey, reason));
            return;
        }
        call(Method::MiscSet, {{key("key"), optionKey}, {key("value"), *value}},
             [this](const QJsonObject& r) {
                 show(r, [r] { return optionText(r.value(key("option")).toObject()); });
             });
    });
}

} // namespace umgate
