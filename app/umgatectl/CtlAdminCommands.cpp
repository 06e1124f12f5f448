// SPDX-License-Identifier: GPL-3.0-or-later
// umgatectl's engine administration commands: status, instance, config, misc and admin token.
#include "app/umgatectl/CtlCommand.h"
#include "app/umgatectl/CtlCommandLine.h"
#include "app/umgatectl/CtlFormat.h"
#include "app/umgatectl/CtlInput.h"
#include "engine/client/ExportFormat.h"

#include <QJsonArray>
#include <QSaveFile>

namespace umgate {

namespace field = rpc::field;
using M = rpc::Method;

namespace {

CtlParams noParams(const CtlRequest&)
{
    return {};
}

CtlParams paramsOf(QJsonObject params)
{
    return {std::move(params), std::nullopt, {}};
}

CtlOutput text(QString text, CtlExit code = CtlExit::Ok)
{
    return CtlOutput{std::move(text), code, {}, false, std::nullopt};
}

// "created instance ID (NAME): enabled, running"
QString instanceLine(const QString& verb, const QJsonObject& instance)
{
    const QString id = instance.value(field::id).toString();
    const QString name = instance.value(field::name).toString();
    QString text = QStringLiteral("%1 instance %2").arg(verb, id);
    if (!name.isEmpty() && name != id) text += QStringLiteral(" (%1)").arg(name);
    QStringList facts;
    if (instance.contains(field::enabled))
        facts << (instance.value(field::enabled).toBool() ? QStringLiteral("enabled")
                                                          : QStringLiteral("disabled"));
    if (instance.contains(field::state)) facts << instance.value(field::state).toString();
    if (!facts.isEmpty()) text += QStringLiteral(": ") + facts.join(QStringLiteral(", "));
    return text + QLatin1Char('\n');
}

QString optionText(const QJsonObject& o)
{
    return QStringLiteral("%1 = %2 (default %3, ignore %4)\n")
        .arg(o.value(field::key).toString(), CtlFormat::json(o.value(field::value)),
             CtlFormat::json(o.value(field::defaultValue)),
             o.value(field::ignore).toBool() ? QStringLiteral("on") : QStringLiteral("off"));
}

CtlOutput renderOption(const CtlRequest&, const QJsonObject& r)
{
    return text(optionText(r.value(field::option).toObject()));
}

// --- status, instance ---------------------------------------------------------------------------

const QStringList instanceHeaders = {QStringLiteral("ID"),      QStringLiteral("NAME"),
                                     QStringLiteral("ENABLED"), QStringLiteral("STATE"),
                                     QStringLiteral("LISTEN"),  QStringLiteral("QUEUED")};

QList<QStringList> instanceRows(const QJsonArray& instances)
{
    QList<QStringList> rows;
    for (const auto& v : instances) {
        const QJsonObject i = v.toObject();
        rows << QStringList{
            CtlFormat::cell(i.value(field::id)),      CtlFormat::cell(i.value(field::name)),
            CtlFormat::cell(i.value(field::enabled)), CtlFormat::cell(i.value(field::state)),
            CtlFormat::cell(i.value(field::listen)),  CtlFormat::cell(i.value(field::queued))};
    }
    return rows;
}

// Why an instance does not listen, or what keeps a running one from taking mail: one line each.
QString instanceProblems(const QJsonArray& instances)
{
    QString out;
    for (const auto& v : instances) {
        const QJsonObject i = v.toObject();
        const QString id = i.value(field::id).toString();
        if (i.contains(field::error))
            out += id + QStringLiteral(": ") + i.value(field::error).toString() + u'\n';
        for (const auto& w : i.value(field::warnings).toArray())
            out += id + QStringLiteral(": warning: ") + w.toString() + u'\n';
    }
    return out.isEmpty() ? out : QLatin1Char('\n') + out;
}

CtlOutput renderStatus(const CtlRequest&, const QJsonObject& r)
{
    QString out = QStringLiteral("umgated %1, pid %2, up %3\n")
                      .arg(r.value(field::version).toString(), CtlFormat::cell(r.value(field::pid)),
                           CtlFormat::duration(qint64(r.value(field::uptimeSeconds).toDouble())));
    const QList<QStringList> facts = {
        {QStringLiteral("data dir:"), CtlFormat::cell(r.value(field::dataDir))},
        {QStringLiteral("socket:"), CtlFormat::cell(r.value(field::socket))},
        {QStringLiteral("secret store:"), CtlFormat::cell(r.value(field::secretStore))},
    };
    for (const QStringList& f : facts)
        out += f.at(0).leftJustified(14) + f.at(1) + QLatin1Char('\n');
    const QJsonArray instances = r.value(field::instances).toArray();
    out += QStringLiteral("\n");
    if (instances.isEmpty())
        out += QStringLiteral("no instances\n");
    else
        out += CtlFormat::table(instanceHeaders, instanceRows(instances));
    out += instanceProblems(instances);
    // An instance whose config cannot be read runs not at all; say so beside the others.
    for (const auto& v : r.value(field::brokenInstances).toArray()) {
        const QJsonObject b = v.toObject();
        out += QStringLiteral("%1: broken, not started: %2\n")
                   .arg(b.value(field::id).toString(), b.value(field::reason).toString());
    }
    return text(out);
}

CtlOutput renderInstanceList(const CtlRequest&, const QJsonObject& r)
{
    const QJsonArray instances = r.value(field::instances).toArray();
    return text(CtlFormat::table(instanceHeaders, instanceRows(instances)) + instanceProblems(instances));
}

CtlParams instanceCreateParams(const CtlRequest& q)
{
    const QString& id = q.inv.args.at(0);
    return paramsOf({{field::id, id}, {field::name, q.inv.hasName ? q.inv.name : id}});
}

CtlParams instanceDeleteParams(const CtlRequest& q)
{
    QJsonObject params{{field::id, q.inv.args.at(0)}};
    if (q.inv.force) params.insert(field::force, true);
    if (q.inv.keepQueue) params.insert(field::keepQueue, true);
    return paramsOf(params);
}

CtlOutput renderInstanceDelete(const CtlRequest& q, const QJsonObject& r)
{
    QString out = QStringLiteral("deleted instance %1\n").arg(q.inv.args.at(0));
    if (r.contains(field::keptQueue))
        out += QStringLiteral("queued messages kept in %1\n").arg(r.value(field::keptQueue).toString());
    return text(out);
}

CtlOutput renderEnabled(const QString& verb, const QJsonObject& r, bool enabling)
{
    const QJsonObject instance = r.value(field::instance).toObject();
    // Enabled but not running (its listener could not bind, ...): say why, exit 1.
    const QString error = instance.value(field::error).toString();
    CtlOutput out =
        text(instanceLine(verb, instance), enabling && !error.isEmpty() ? CtlExit::Failed : CtlExit::Ok);
    out.warning = error;
    return out;
}

// --- config -------------------------------------------------------------------------------------

CtlParams configGetParams(const CtlRequest& q)
{
    QJsonObject params{{field::id, q.inv.args.at(0)}};
    if (q.inv.args.size() > 1) params.insert(field::key, q.inv.args.at(1));
    return paramsOf(params);
}

CtlOutput renderConfigGet(const CtlRequest&, const QJsonObject& r)
{
    QString out;
    const QJsonObject values = r.value(field::values).toObject();
    for (auto it = values.begin(); it != values.end(); ++it)
        out += it.key() + QStringLiteral(" = ") + CtlFormat::settingValue(it.value()) + QLatin1Char('\n');
    return text(out);
}

// VALUE "-": read it now, before the engine is asked anything.
std::optional<CtlFailure> configSetPrepare(CtlInvocation& inv)
{
    if (inv.args.at(2) != QLatin1String("-")) return std::nullopt;
    const auto value = readStdinValue(inv.args.at(1));
    if (!value)
        return CtlFailure{
            CtlExit::Failed,
            {QStringLiteral("cannot read the value of %1 from standard input").arg(inv.args.at(1))}};
    inv.args[2] = *value;
    return std::nullopt;
}

// The setting's schema entry in config.schema's answer, or an empty object.
QJsonObject schemaEntry(const QJsonObject& schema, const QString& key)
{
    QJsonObject def;
    for (const auto& s : schema.value(field::settings).toArray())
        if (s.toObject().value(field::key).toString() == key) def = s.toObject();
    return def;
}

// The schema (the lookup) says how to read VALUE: text settings take it verbatim, others as JSON.
CtlParams configSetParams(const CtlRequest& q)
{
    const QString& settingKey = q.inv.args.at(1);
    const QJsonObject def = schemaEntry(q.lookup, settingKey);
    if (def.isEmpty())
        return CtlParams::fail(
            CtlExit::Failed,
            QStringLiteral("invalid setting %1: no such setting (see umgatectl config schema)")
                .arg(settingKey));
    QString reason;
    const auto value = CtlFormat::parseValue(q.inv.args.at(2), def.value(field::type).toString(), &reason);
    if (!value)
        return CtlParams::fail(CtlExit::Failed,
                               QStringLiteral("invalid setting %1: %2").arg(settingKey, reason));
    return paramsOf({{field::id, q.inv.args.at(0)}, {field::values, QJsonObject{{settingKey, *value}}}});
}

CtlOutput renderConfigSet(const CtlRequest& q, const QJsonObject& r)
{
    const QString& settingKey = q.inv.args.at(1);
    const bool secret = schemaEntry(q.lookup, settingKey).value(field::secret).toBool();
    const QJsonObject values = r.value(field::values).toObject();
    QJsonValue shown = values.contains(settingKey)
                           ? values.value(settingKey)
                           : q.params.value(field::values).toObject().value(settingKey);
    if (secret && !shown.isObject()) shown = QJsonObject{{field::secret, true}, {field::set, true}};
    return text(settingKey + QStringLiteral(" = ") + CtlFormat::settingValue(shown) + QLatin1Char('\n'));
}

// To FILE, or to stdout (also with --json: the document is the output).
CtlOutput renderConfigExport(const CtlRequest& q, const QJsonObject& r)
{
    // The engine's own serialisation, so CLI and console exports of one config are the same bytes.
    const QByteArray document = ExportFormat::text(r.value(field::document).toObject());
    const QString file = q.inv.args.size() > 1 ? q.inv.args.at(1) : QString();
    CtlOutput out;
    out.raw = true;
    if (file.isEmpty() || file == QLatin1String("-")) {
        out.text = QString::fromUtf8(document);
        return out;
    }
    QSaveFile save(file);
    if (!save.open(QIODevice::WriteOnly) || save.write(document) != document.size() || !save.commit())
        out.failure = CtlFailure{CtlExit::Failed,
                                 {QStringLiteral("cannot write %1: %2").arg(file, save.errorString())}};
    return out;
}

CtlParams configImportParams(const CtlRequest& q)
{
    const QString& file = q.inv.args.at(0);
    // Bounded: a config is a few KB, and a request longer than the engine's line limit would be
    // refused anyway, after a huge file had been read (and copied several times) in memory.
    QString error;
    const auto bytes = readBoundedInput(file, rpc::DefaultMaxMessageBytes, &error);
    if (!bytes) return CtlParams::fail(CtlExit::Failed, error);
    // The raw text, not parsed JSON: the engine parses it and can name the line that is wrong.
    QJsonObject params{{field::text, QString::fromUtf8(*bytes)}};
    if (q.inv.hasAs) params.insert(field::as, q.inv.asId);
    return {params, std::nullopt, file == QLatin1String("-") ? QStringLiteral("<stdin>") : file};
}

// certificate import ID FILE: the .pfx goes to the engine in base64 (so it must fit in one
// request), its password from standard input (a prompt without echo on a terminal).
CtlParams certificateImportParams(const CtlRequest& q)
{
    const QString& file = q.inv.args.at(1);
    if (file == QLatin1String("-"))
        return CtlParams::fail(CtlExit::Usage,
                               QStringLiteral("FILE must be a file: standard input gives the password"));
    QString error;
    const auto bytes = readBoundedInput(file, rpc::DefaultMaxMessageBytes / 2, &error);
    if (!bytes) return CtlParams::fail(CtlExit::Failed, error);
    const auto password = readStdinValue(QStringLiteral("password of %1").arg(file));
    if (!password)
        return CtlParams::fail(CtlExit::Failed,
                               QStringLiteral("cannot read the password from standard input"));
    return paramsOf({{field::id, q.inv.args.at(0)},
                     {field::data, QString::fromLatin1(bytes->toBase64())},
                     {field::password, *password}});
}

CtlOutput renderCertificateImport(const CtlRequest& q, const QJsonObject& r)
{
    QString out = QStringLiteral("imported %1 into %2 and %3 of instance %4\n")
                      .arg(r.value(field::subject).toString(), r.value(field::certificate).toString(),
                           r.value(field::key).toString(), q.inv.args.at(0));
    out += QStringLiteral("issuer:  %1\nexpires: %2\nchain:   %3 CA certificate(s)\n")
               .arg(r.value(field::issuer).toString(), r.value(field::expires).toString(),
                    CtlFormat::cell(r.value(field::chain)));
    if (r.contains(field::warning))
        out += QStringLiteral("warning: %1\n").arg(r.value(field::warning).toString());
    return text(out);
}

CtlOutput renderConfigSchema(const CtlRequest&, const QJsonObject& r)
{
    QList<QStringList> rows;
    for (const auto& v : r.value(field::settings).toArray()) {
        const QJsonObject s = v.toObject();
        const bool secret = s.value(field::secret).toBool();
        QString label = s.value(field::label).toString();
        // Settings the engine keeps but does not act on yet say so, as in the console.
        if (s.value(field::notYetUsed).toBool()) label += QStringLiteral(" (not yet in effect)");
        rows << QStringList{s.value(field::key).toString(), s.value(field::type).toString(),
                            secret ? QStringLiteral("<secret>")
                                   : CtlFormat::json(s.value(field::defaultValue)),
                            s.value(field::section).toString(), label};
    }
    return text(CtlFormat::table({QStringLiteral("KEY"), QStringLiteral("TYPE"), QStringLiteral("DEFAULT"),
                                  QStringLiteral("SECTION"), QStringLiteral("LABEL")},
                                 rows));
}

// --- misc, admin token --------------------------------------------------------------------------

CtlOutput renderMiscList(const CtlRequest&, const QJsonObject& r)
{
    QList<QStringList> rows;
    for (const auto& v : r.value(field::options).toArray()) {
        const QJsonObject o = v.toObject();
        rows << QStringList{o.value(field::key).toString(), CtlFormat::json(o.value(field::value)),
                            CtlFormat::json(o.value(field::defaultValue)),
                            o.value(field::ignore).toBool() ? QStringLiteral("on") : QStringLiteral("off"),
                            o.value(field::description).toString()};
    }
    return text(CtlFormat::table({QStringLiteral("KEY"), QStringLiteral("VALUE"), QStringLiteral("DEFAULT"),
                                  QStringLiteral("IGNORE"), QStringLiteral("DESCRIPTION")},
                                 rows));
}

// misc.list (the lookup) gives the option's type; unknown keys and aliases: guess, and let the
// engine judge.
CtlParams miscSetParams(const CtlRequest& q)
{
    const QString& optionKey = q.inv.args.at(0);
    QString type;
    for (const auto& v : q.lookup.value(field::options).toArray()) {
        const QJsonObject o = v.toObject();
        if (o.value(field::key).toString() == optionKey ||
            o.value(field::alias).toString().compare(optionKey, Qt::CaseInsensitive) == 0)
            type = o.value(field::type).toString();
    }
    QString reason;
    const auto value = CtlFormat::parseValue(q.inv.args.at(1), type, &reason);
    if (!value)
        return CtlParams::fail(CtlExit::Failed,
                               QStringLiteral("invalid option %1: %2").arg(optionKey, reason));
    return paramsOf({{field::key, optionKey}, {field::value, *value}});
}

CtlParams miscIgnoreParams(const CtlRequest& q)
{
    const auto on = CtlFormat::parseSwitch(q.inv.args.at(1));
    if (!on)
        return CtlParams::fail(CtlExit::Usage,
                               QStringLiteral("misc ignore takes on or off, got %1").arg(q.inv.args.at(1)));
    return paramsOf({{field::key, q.inv.args.at(0)}, {field::ignore, *on}});
}

CtlParams keyParams(const CtlRequest& q)
{
    return paramsOf({{field::key, q.inv.args.at(0)}});
}

CtlParams nameParams(const CtlRequest& q)
{
    return paramsOf({{field::name, q.inv.args.at(0)}});
}

CtlOutput renderTokenList(const CtlRequest&, const QJsonObject& r)
{
    QList<QStringList> rows;
    for (const auto& v : r.value(field::tokens).toArray())
        rows << QStringList{CtlFormat::cell(v.toObject().value(field::name)),
                            CtlFormat::cell(v.toObject().value(field::created))};
    return text(CtlFormat::table({QStringLiteral("NAME"), QStringLiteral("CREATED")}, rows));
}

} // namespace

QList<CtlCommand> ctlAdminCommands()
{
    return {
        {"status", "", 0, 0, NoOptions, "Engine version, uptime, paths and instances", M::EngineStatus,
         noParams, renderStatus},
        {"instance list", "", 0, 0, NoOptions, "List connector instances", M::InstanceList, noParams,
         renderInstanceList},
        {"instance create", "ID [--name NAME]", 1, 1, OptName,
         "Create an instance on defaults (NAME defaults to ID)", M::InstanceCreate, instanceCreateParams,
         [](const CtlRequest&, const QJsonObject& r) {
             return text(instanceLine(QStringLiteral("created"), r.value(field::instance).toObject()));
         }},
        {"instance delete", "ID [--force] [--keep-queue]", 1, 1, OptForce | OptKeepQueue,
         "Delete an instance; --force drops queued mail, --keep-queue moves it aside", M::InstanceDelete,
         instanceDeleteParams, renderInstanceDelete},
        {"instance enable", "ID", 1, 1, NoOptions, "Enable and start an instance", M::InstanceEnable,
         ctlInstanceParams,
         [](const CtlRequest&, const QJsonObject& r) {
             return renderEnabled(QStringLiteral("enabled"), r, true);
         }},
        {"instance disable", "ID", 1, 1, NoOptions, "Stop and disable an instance", M::InstanceDisable,
         ctlInstanceParams,
         [](const CtlRequest&, const QJsonObject& r) {
             return renderEnabled(QStringLiteral("disabled"), r, false);
         }},
        {"certificate import", "ID FILE", 2, 2, NoOptions,
         "Install a PKCS#12 file (.pfx/.p12) as the listener's certificate and key; password from stdin",
         M::CertificateImport, certificateImportParams, renderCertificateImport},
        {"config get", "ID [KEY]", 1, 2, NoOptions, "Show an instance's settings (key = value)", M::ConfigGet,
         configGetParams, renderConfigGet},
        {"config set", "ID KEY VALUE", 3, 3, NoOptions, "Change one setting; VALUE - reads it from stdin",
         M::ConfigSet, configSetParams, renderConfigSet, configSetPrepare, M::ConfigSchema},
        {"config export", "ID [FILE]", 1, 2, NoOptions,
         "Write the instance config (without secrets) to FILE or stdout", M::ConfigExport, ctlInstanceParams,
         renderConfigExport},
        {"config import", "FILE [--as ID]", 1, 1, OptAs,
         "Create or replace an instance from an exported file (- reads stdin)", M::ConfigImport,
         configImportParams,
         [](const CtlRequest&, const QJsonObject& r) {
             return text(instanceLine(QStringLiteral("imported"), r.value(field::instance).toObject()));
         }},
        {"config schema", "", 0, 0, NoOptions, "List every setting with its type, default and manual section",
         M::ConfigSchema, noParams, renderConfigSchema},
        {"misc list", "", 0, 0, NoOptions, "Show the engine-wide Misc Setup options", M::MiscList, noParams,
         renderMiscList},
        {"misc set",
         "KEY VALUE",
         2,
         2,
         NoOptions,
         "Set a Misc Setup value (clears Ignore)",
         M::MiscSet,
         miscSetParams,
         renderOption,
         {},
         M::MiscList},
        {"misc ignore", "KEY on|off", 2, 2, NoOptions, "Set the Ignore flag (on: the default applies)",
         M::MiscSet, miscIgnoreParams, renderOption},
        {"misc reset", "KEY", 1, 1, NoOptions, "Reset a Misc Setup option to its default", M::MiscReset,
         keyParams, renderOption},
        {"admin token add", "NAME", 1, 1, NoOptions, "Create a bearer token for a remote admin (shown once)",
         M::AdminTokenAdd, nameParams,
         [](const CtlRequest&, const QJsonObject& r) {
             return text(QStringLiteral("token for %1 (store it now, it is not shown again):\n%2\n")
                             .arg(r.value(field::name).toString(), r.value(field::token).toString()));
         }},
        {"admin token list", "", 0, 0, NoOptions, "List remote admin tokens", M::AdminTokenList, noParams,
         renderTokenList},
        {"admin token remove", "NAME", 1, 1, NoOptions, "Revoke a remote admin token", M::AdminTokenRemove,
         nameParams,
         [](const CtlRequest& q, const QJsonObject&) {
             return text(QStringLiteral("removed token %1\n").arg(q.inv.args.at(0)));
         }},
    };
}

} // namespace umgate
