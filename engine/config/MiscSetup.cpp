// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/config/MiscSetup.h"

#include "engine/client/RpcFields.h"
#include "engine/config/SettingValidators.h"
#include "engine/core/AtomicFile.h"
#include "engine/core/VersionedJson.h"
#include "engine/smtp/MxResolver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace umgate {

namespace {
const QString kFormat = QStringLiteral("umgate-misc");
constexpr int kVersion = 1;
} // namespace

namespace {

// One line of facts per option; the key gives the name, the type and an enum's choices.
struct M
{
    MiscOptionDef d;
    template <typename T>
    M(const MiscKey<T>& key, const std::type_identity_t<T>& def, const char* description)
    {
        d.key = key.toString();
        d.keyObject = &key;
        d.type = settingTypeOf<T>();
        d.defaultValue = SettingCodec<T>::toJson(def);
        d.description = description;
        if constexpr (SettingEnum<T>) d.choices = enumChoices<T>();
    }
    M& range(int lo, int hi)
    {
        d.minimum = lo;
        d.maximum = hi;
        return *this;
    }
    // The order the console offers an enum's values in, when it differs from the enum's.
    template <SettingEnum E> M& order(std::initializer_list<E> values)
    {
        d.choices.clear();
        for (E v : values)
            d.choices << enumName(v);
        Q_ASSERT(d.choices.size() == enumChoices<E>().size());
        return *this;
    }
    M& alias(const char* name)
    {
        d.alias = QString::fromLatin1(name);
        return *this;
    }
    M& notYetUsed()
    {
        d.notYetUsed = true;
        return *this;
    }
    operator MiscOptionDef() const { return d; }
};

} // namespace

const QList<MiscOptionDef>& MiscSetup::definitions()
{
    using namespace miscKeys;
    static const QList<MiscOptionDef> table = {
        // Read by the subscriber mailboxes' e-mail integration, which is not there yet.
        M(retrievalProtocol, RetrievalProtocol::Imap4,
          QT_TRANSLATE_NOOP(
              "umgate::MiscSetup",
              "Protocol used to read subscriber mailboxes for e-mail integration (NEC g_szEmailDllPath): "
              "imap4 synchronises folders, pop3 downloads and deletes."))
            .alias("g_szEmailDllPath")
            .notYetUsed(),
        M(secretsBackend, SecretsBackend::Auto,
          QT_TRANSLATE_NOOP(
              "umgate::MiscSetup",
              "Where passwords are kept: auto uses the Secret Service when one answers, else the 0600 file "
              "DATA/secrets; keychain never falls back; file never uses D-Bus. Applies at engine start.")),
        M(rpcTcpEnabled, false,
          QT_TRANSLATE_NOOP(
              "umgate::MiscSetup",
              "Accept remote consoles and umgatectl over TCP with TLS and per-admin bearer tokens.")),
        M(rpcTcpAddress, QStringLiteral("127.0.0.1"),
          QT_TRANSLATE_NOOP("umgate::MiscSetup", "Address the remote RPC listener binds to.")),
        M(rpcTcpPort, 4650, QT_TRANSLATE_NOOP("umgate::MiscSetup", "Port of the remote RPC listener."))
            .range(1, 65535),
        M(rpcTlsCertificate, QString(),
          QT_TRANSLATE_NOOP(
              "umgate::MiscSetup",
              "PEM certificate (chain) of the remote RPC listener; required when rpc.tcp.enabled is on.")),
        M(rpcTlsKey, QString(),
          QT_TRANSLATE_NOOP("umgate::MiscSetup",
                            "PEM private key of the remote RPC listener; keep it 0600.")),
        M(rpcMaxMessageBytes, 1048576,
          QT_TRANSLATE_NOOP(
              "umgate::MiscSetup",
              "Largest JSON-RPC request line accepted; longer lines are refused and the client dropped."))
            .range(4096, 16 * 1024 * 1024),
        M(rpcMaxClients, 64,
          QT_TRANSLATE_NOOP("umgate::MiscSetup",
                            "Concurrent connections on the local socket; further ones are refused. Remote "
                            "clients have their own limit (rpc.tcp.maxClients)."))
            .range(1, 4096),
        M(rpcTcpMaxClients, 64,
          QT_TRANSLATE_NOOP(
              "umgate::MiscSetup",
              "Concurrent remote (TLS) connections, authenticated or not; further ones are closed."))
            .range(1, 4096),
        M(rpcTcpMaxUnauthenticatedPerAddress, 8,
          QT_TRANSLATE_NOOP(
              "umgate::MiscSetup",
              "Remote connections from one address that have not authenticated yet; further ones "
              "are closed."))
            .range(1, 4096),
        M(rpcAuthTimeoutSeconds, 10,
          QT_TRANSLATE_NOOP("umgate::MiscSetup",
                            "Seconds a new RPC connection has to authenticate before it is dropped."))
            .range(1, 600),
        M(rpcIdleTimeoutSeconds, 900,
          QT_TRANSLATE_NOOP(
              "umgate::MiscSetup",
              "Seconds an authenticated client may stay silent unless it subscribed to events."))
            .range(5, 86400),
        M(directoryCacheTtlSeconds, 300,
          QT_TRANSLATE_NOOP("umgate::MiscSetup",
                            "Seconds a directory answer (user found) is cached; 0 disables the cache."))
            .range(0, 86400),
        M(directoryNegativeCacheTtlSeconds, 60,
          QT_TRANSLATE_NOOP("umgate::MiscSetup", "Seconds a 'no such user' answer is cached; 0 disables it."))
            .range(0, 86400),
        M(queueMaxDiskMb, 2048,
          QT_TRANSLATE_NOOP(
              "umgate::MiscSetup",
              "Disk space the SMTPOut queues may use together; above it intake pauses (nothing is dropped)."))
            .range(1, 1048576),
        M(smtpMaxConnectionsPerInstance, 4,
          QT_TRANSLATE_NOOP("umgate::MiscSetup",
                            "Parallel SMTP connections an instance opens to its mail server."))
            .range(1, 64),
        // The NEC table (SMTP Sequence) notes where clients disagree; each is an option here.
        M(smtpConnection5xx, SmtpErrorResult::Deferral,
          QT_TRANSLATE_NOOP(
              "umgate::MiscSetup",
              "Result of a 5xx greeting (NEC table row C=5): deferral retries later, failure gives up.")),
        M(smtpHelo5xx, SmtpErrorResult::Deferral,
          QT_TRANSLATE_NOOP("umgate::MiscSetup", "Result of a 5xx answer to HELO/EHLO (NEC table row H=5).")),
        M(smtpMail5xx, SmtpErrorResult::Failure,
          QT_TRANSLATE_NOOP("umgate::MiscSetup", "Result of a 5xx answer to MAIL FROM (NEC table row M=5)."))
            .order({SmtpErrorResult::Failure, SmtpErrorResult::Deferral}),
        M(ldapError, LdapErrorAction::Wait,
          QT_TRANSLATE_NOOP(
              "umgate::MiscSetup",
              "When the directory cannot be asked about an incoming message: wait keeps it in the kernel "
              "spool and tries again; defaultRecipient delivers it to the default recipient at once.")),
        M(smtpTimeoutSeconds, 120,
          QT_TRANSLATE_NOOP(
              "umgate::MiscSetup",
              "Seconds the SMTP client waits for a connection or a reply before it defers the mail."))
            .range(5, 3600),
        M(dnsNameserver, QString(),
          QT_TRANSLATE_NOOP(
              "umgate::MiscSetup",
              "DNS server asked for the MX records of Direct SMTP entries, as ip or ip:port; empty asks the "
              "system's servers (/etc/resolv.conf).")),
        M(smtpIdleSeconds, 10,
          QT_TRANSLATE_NOOP("umgate::MiscSetup",
                            "Seconds an idle SMTP connection is kept open for the next mail before QUIT."))
            .range(0, 600),
        M(logLevel, Log::Level::Info,
          QT_TRANSLATE_NOOP("umgate::MiscSetup",
                            "Lowest level written to the engine log and sent to live log viewers.")),
    };
    return table;
}

const MiscOptionDef* MiscSetup::find(const QString& keyOrAlias)
{
    for (const auto& d : definitions())
        if (d.key == keyOrAlias ||
            (!d.alias.isEmpty() && d.alias.compare(keyOrAlias, Qt::CaseInsensitive) == 0))
            return &d;
    return nullptr;
}

QString MiscSetup::validate(const MiscOptionDef& def, const QJsonValue& value)
{
    switch (def.type) {
    case SettingType::Bool:
        if (!value.isBool()) return QStringLiteral("expects true or false");
        return {};
    case SettingType::Int: {
        const double d = value.toDouble();
        if (!value.isDouble() || d != double(qint64(d))) return QStringLiteral("expects a whole number");
        if (d < def.minimum || (def.maximum && d > def.maximum))
            return QStringLiteral("must be between %1 and %2").arg(def.minimum).arg(def.maximum);
        return {};
    }
    case SettingType::Enum:
        if (!value.isString() || !def.choices.contains(value.toString()))
            return QStringLiteral("must be one of: %1").arg(def.choices.join(QStringLiteral(", ")));
        return {};
    case SettingType::String:
        if (!value.isString()) return QStringLiteral("expects a string");
        if (value.toString().contains(QLatin1Char('\n')) || value.toString().contains(QLatin1Char('\r')))
            return QStringLiteral("must be a single line");
        if (def.keyObject == &miscKeys::rpcTcpAddress && !value.toString().isEmpty())
            return validators::ipAddress(value.toString(), false);
        if (def.keyObject == &miscKeys::dnsNameserver) return MxResolver::checkNameserver(value.toString());
        return {};
    default:
        return QStringLiteral("unsupported option type");
    }
}

bool MiscSetup::load(const QString& path, QString* error)
{
    m_entries.clear();
    const auto root = VersionedJson::read(path, kFormat, kVersion, error);
    if (!root) return false;
    const QJsonObject options = root->value(QStringLiteral("options")).toObject();
    for (auto it = options.begin(); it != options.end(); ++it) {
        const MiscOptionDef* def = find(it.key());
        if (!def) continue; // an option a newer engine wrote; dropping it loses nothing we use
        const QJsonObject o = it.value().toObject();
        Entry e;
        e.value = o.value(QStringLiteral("value"));
        e.ignore = o.value(QStringLiteral("ignore")).toBool(true);
        const QString reason = validate(*def, e.value);
        if (!reason.isEmpty()) {
            if (error) *error = QStringLiteral("%1: option %2 %3").arg(path, def->key, reason);
            return false;
        }
        m_entries.insert(def->key, e);
    }
    return true;
}

QByteArray MiscSetup::serialize() const
{
    QJsonObject options;
    for (const auto& d : definitions()) {
        const Entry e = entry(d.key);
        options.insert(d.key,
                       QJsonObject{{QStringLiteral("value"), e.value}, {QStringLiteral("ignore"), e.ignore}});
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("format"), kFormat},
                                     {QStringLiteral("version"), kVersion},
                                     {QStringLiteral("options"), options}})
        .toJson(QJsonDocument::Indented);
}

bool MiscSetup::save(const QString& path, QString* error) const
{
    return AtomicFile::write(path, serialize(), error, 0600);
}

MiscSetup::Entry MiscSetup::entry(const QString& key) const
{
    const auto it = m_entries.constFind(key);
    if (it != m_entries.constEnd()) return *it;
    const MiscOptionDef* def = find(key);
    return Entry{def ? def->defaultValue : QJsonValue(), true};
}

QJsonValue MiscSetup::effective(const QString& key) const
{
    const MiscOptionDef* def = find(key);
    Q_ASSERT_X(def, "MiscSetup::effective", "unknown key");
    if (!def) return {};
    const Entry e = entry(def->key);
    return e.ignore ? def->defaultValue : e.value;
}

QString MiscSetup::set(const QString& key, const std::optional<QJsonValue>& value, std::optional<bool> ignore)
{
    const MiscOptionDef* def = find(key);
    if (!def) return QStringLiteral("unknown option %1").arg(key);
    Entry e = entry(def->key);
    if (value) {
        const QString reason = validate(*def, *value);
        if (!reason.isEmpty()) return QStringLiteral("%1 %2").arg(def->key, reason);
        e.value = *value;
        e.ignore = false;
    }
    if (ignore) e.ignore = *ignore;
    m_entries.insert(def->key, e);
    return {};
}

void MiscSetup::reset(const QString& key)
{
    if (const MiscOptionDef* def = find(key)) m_entries.remove(def->key);
}

namespace field = rpc::field;

QJsonObject MiscSetup::toJson(const QString& key) const
{
    const MiscOptionDef* def = find(key);
    if (!def) return {};
    const Entry e = entry(def->key);
    QJsonObject o{{field::key, def->key},
                  {field::value, e.value},
                  {field::defaultValue, def->defaultValue},
                  {field::ignore, e.ignore},
                  {field::effective, e.ignore ? def->defaultValue : e.value},
                  {field::type, SettingsSchema::typeName(def->type)},
                  {field::description, QString::fromUtf8(def->description)}};
    if (!def->choices.isEmpty()) o.insert(field::choices, QJsonArray::fromStringList(def->choices));
    if (!def->alias.isEmpty()) o.insert(field::alias, def->alias);
    if (def->notYetUsed) o.insert(field::notYetUsed, true);
    if (def->type == SettingType::Int) {
        o.insert(field::minimum, def->minimum);
        o.insert(field::maximum, def->maximum);
    }
    return o;
}

} // namespace umgate
