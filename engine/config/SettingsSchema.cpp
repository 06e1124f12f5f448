// SPDX-License-Identifier: GPL-3.0-or-later
// The settings table: one entry per instance setting, made from its typed key (SettingKeys.h).
// The generic checks live in SettingCheck.cpp, the validators in SettingValidators.cpp, the rules
// across settings in CrossFieldRules.cpp, the config.schema answer in SettingsSchemaJson.cpp.
#include "engine/config/SettingsSchema.h"

#include "engine/client/AddressTemplate.h"
#include "engine/client/RpcFields.h"
#include "engine/config/SettingCheck.h"
#include "engine/config/SettingKeys.h"
#include "engine/config/SettingValidators.h"
#include "engine/config/SettingValues.h"
#include "engine/directory/SearchTemplate.h"

#include <QHash>
#include <QSet>
#include <type_traits>

using namespace Qt::StringLiterals;

namespace umgate {

namespace {

using Check = std::function<QString(const QJsonValue&)>;

constexpr int kMaxPollingIntervals = 10;

Check str(QString (*fn)(const QString&, bool), bool allowEmpty)
{
    return [fn, allowEmpty](const QJsonValue& v) { return fn(v.toString(), allowEmpty); };
}
Check str(QString (*fn)(const QString&))
{
    return [fn](const QJsonValue& v) { return fn(v.toString()); };
}

template <typename T> QJsonValue defaultJson(const T& value)
{
    if constexpr (std::is_same_v<T, SettingEntries>) {
        QJsonArray a;
        for (const SettingEntry& e : value)
            a.append(e.json());
        return a;
    } else {
        return SettingCodec<T>::toJson(value);
    }
}

template <typename T> QStringList choicesOf()
{
    if constexpr (SettingEnum<T>)
        return enumChoices<T>();
    else
        return {};
}

// Builders keep the table one line of facts per setting. The key gives the name, the type and,
// for an enum, the choices; the default is written in the key's C++ type.
struct S
{
    SettingDef d;
    template <typename T>
    S(const Key<T>& key, const std::type_identity_t<T>& def, const char* label, const char* section,
      const char* description)
    {
        d.key = key.toString();
        d.keyObject = &key;
        d.type = settingTypeOf<T>();
        d.defaultValue = defaultJson<T>(def);
        d.label = label;
        d.section = section;
        d.description = description;
        d.choices = choicesOf<T>();
    }
    S& range(int lo, int hi)
    {
        Q_ASSERT(d.type == SettingType::Int);
        d.minimum = lo;
        d.maximum = hi;
        return *this;
    }
    S& entryMinimum(int lo)
    {
        Q_ASSERT(d.type == SettingType::IntList);
        d.entryMinimum = lo;
        return *this;
    }
    S& maxEntries(int n)
    {
        d.maxEntries = n;
        return *this;
    }
    S& secret()
    {
        d.secret = true;
        return *this;
    }
    S& notYetUsed()
    {
        d.notYetUsed = true;
        return *this;
    }
    S& fields(QList<FieldDef> list)
    {
        d.fields = std::move(list);
        return *this;
    }
    S& check(Check c)
    {
        d.check = std::move(c);
        return *this;
    }
    S& suggest(const Key<UserManagementType>& byKey, QJsonObject values)
    {
        d.suggestedBy = byKey.toString();
        d.suggestions = std::move(values);
        return *this;
    }
    operator SettingDef() const { return d; }
};

struct F
{
    FieldDef f;
    template <typename T>
    F(const FieldKey<T>& field, const std::type_identity_t<T>& def, const char* label)
        : f{field.toString(), settingTypeOf<T>(), defaultJson<T>(def), label, choicesOf<T>()}
    {
    }
    F& range(int lo, int hi)
    {
        f.minimum = lo;
        f.maximum = hi;
        return *this;
    }
    F& required()
    {
        f.required = true;
        return *this;
    }
    F& secret()
    {
        f.secret = true;
        return *this;
    }
    F& check(Check c)
    {
        f.check = std::move(c);
        return *this;
    }
    operator FieldDef() const { return f; }
};

} // namespace

// ---------------------------------------------------------------------------------------------
// The table

SettingsSchema::SettingsSchema()
{
    using namespace validators;
    const Check attr = str(ldapAttributeName, true);
    const Check certFile = [](const QJsonValue& v) { return certificateFileName(v.toString()); };
    // Dialing codes: digits only, within E.164's lengths.
    const auto code = [](int maxDigits, bool leadingZero) -> Check {
        return [maxDigits, leadingZero](const QJsonValue& v) {
            const QString s = v.toString();
            QString e = digitsOnly(s, false);
            if (e.isEmpty() && s.size() > maxDigits)
                e = u"\"%1\" has more than %2 digits"_s.arg(s).arg(maxDigits);
            if (e.isEmpty() && !leadingZero && s.startsWith(u'0'))
                e = u"\"%1\" must not start with 0 (it is written without the prefix)"_s.arg(s);
            return e;
        };
    };
    QJsonObject templatesByType;
    for (const EnumName<UserManagementType>& type : enumNames(UserManagementType{}))
        templatesByType.insert(QString::fromLatin1(type.name), SearchTemplate::defaultTemplate(type.value));

    m_settings = {
        // 4.2.1 General: the mail server -> umgate direction (outgoing UMS messages).
        S(keys::listenAddress, u"127.0.0.1"_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Server"),
          "ixi-UMS 4.2.1.3",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Local IP address on which this instance accepts SMTP connections from the mail server."))
            .check(str(ipAddress, false)),
        S(keys::listenPort, 2525, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Port"), "ixi-UMS 4.2.1.3",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "TCP port for the SMTP listener; the manual uses 25, umgate defaults to 2525 so it needs no "
              "privileges."))
            .range(1, 65535),
        S(keys::allowedClients, {},
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Only accept messages from the following IP addresses:"),
          "ixi-UMS 4.2.1.3",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "IP addresses or networks (192.0.2.0/24) of the mail servers allowed to submit "
                            "messages; others are refused with 554. An empty list accepts any client."))
            .check(str(ipAddressOrNetwork, false)),
        S(keys::listenerMaxMessageMb, 10, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Largest mail (MB)"),
          "RFC 1870",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Mails larger than this are refused with 552 (announced as SIZE in the EHLO answer)."))
            .range(1, 1024),
        S(keys::listenerMaxRecipients, 100,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Recipients per mail"), "RFC 5321 4.5.3.1.8",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Further recipients get 452, so the mail server sends them in another mail; each "
                            "recipient becomes its own job."))
            .range(1, 10000),
        S(keys::listenerMaxConnections, 100,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Connections at once"), "ixi-UMS 4.2.1.3",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "SMTP connections this instance serves at the same time; more are refused with 421."))
            .range(1, 10000),
        S(keys::listenerMaxPerClient, 10,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Connections per client address"), "ixi-UMS 4.2.1.3",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "SMTP connections one client address may hold at the same time; more are refused "
                            "with 421."))
            .range(1, 10000),
        S(keys::listenerCommandTimeout, 300,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Command timeout (seconds)"), "RFC 5321 4.5.3.2.7",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "A client that sends no command for this long is disconnected with 421; RFC 5321 "
                            "asks for at least 5 minutes."))
            .range(1, 3600),
        S(keys::listenerDataTimeout, 180,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Data block timeout (seconds)"), "RFC 5321 4.5.3.2.5",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "A client that sends no data for this long during a mail is disconnected with 421; "
              "RFC 5321 asks for at least 3 minutes."))
            .range(1, 3600),
        S(keys::listenerMailTimeout, 600,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Time for a mail's data (seconds)"),
          "RFC 5321 4.5.3.2.6",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "A client whose mail data, from DATA to the final dot, takes longer is disconnected "
              "with 421, however it trickles; RFC 5321 gives 10 minutes."))
            .range(1, 86400),
        S(keys::siteCountryCode, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Country code"),
          "ITU-T E.164",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "The site's country code without prefix (49 for Germany). With it, recipients "
                            "written as national numbers (030 1234567) are accepted; without it, only "
                            "international ones (+49 30 1234567)."))
            .check(code(3, false)),
        S(keys::siteAreaCode, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Area code"), "ITU-T E.164",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "The site's area code without the national prefix (30 for Berlin); with it, local "
              "numbers (1234567) are accepted too."))
            .check(code(8, false)),
        S(keys::siteInternationalPrefix, u"00"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "International prefix"), "ITU-T E.164",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "What precedes a country code when dialing abroad (00 in most of the world, 011 "
                            "in North America)."))
            .check(code(4, true)),
        S(keys::siteNationalPrefix, u"0"_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "National prefix"),
          "ITU-T E.164",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "What precedes an area code within the country (0 in Germany, 1 in North "
                            "America); empty where there is none."))
            .check(code(2, true)),
        S(keys::siteOutsideLinePrefix, u""_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Outside line prefix"), "ITU-T E.164",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "What users dial on the PBX to get an outside line (often 0). It is removed where a "
              "national or international prefix follows it (0 030 1234567)."))
            .check(code(4, true)),
        S(keys::siteBaseNumber, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Base number"),
          "ITU-T E.164",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "The site's own number block in international digits without the extension "
              "(49301234 for +49 30 1234-xxx): numbers in it are internal for the send permissions."))
            .check(code(14, false)),
        S(keys::siteExtensionLength, 0, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Extension length"),
          "ITU-T E.164",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Digits of an internal extension: a recipient number this short is an "
                            "extension of the base number (567 -> +49 30 1234 567). 0: none."))
            .range(0, 8),
        S(keys::relayUnknownRecipients, UnknownRecipientAction::Refuse,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "When a recipient is not a gateway address"),
          "Cisco Unity: When a Recipient Cannot be Found",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "A recipient outside this instance's domains is refused with 550, so the sender gets a "
              "non-delivery report, or relayed to the smart host. Only clients that logged in, or are "
              "listed as relay clients, may relay; others get 554 (relay access denied).")),
        S(keys::relaySmartHost, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Smart host"),
          "Cisco Unity: SMTP Configuration > Smart Host",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Mail server that takes relayed mail; empty means the mail server of the Mail "
                            "System page (or the sender list's default entry), with its login and "
                            "encryption."))
            .check(str(host, true)),
        S(keys::relaySmartHostPort, 25, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Smart host port"),
          "Cisco Unity: SMTP Configuration > Smart Host",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "TCP port of the smart host."))
            .range(1, 65535),
        S(keys::relayClients, {},
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Clients that may relay without logging in:"),
          "Cisco Unity: SMTP Configuration > Server",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "IP addresses or networks allowed to relay without SMTP AUTH. A network that "
                            "takes in Internet addresses is refused, so this list can never make an open "
                            "relay."))
            .check(str(relayClient)),
        S(keys::listenerUser, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "User Name"),
          "ixi-UMS 4.2.1.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "User the mail server must log in with (SMTP AUTH); "
                                                      "empty means no authentication is required.")),
        S(keys::listenerPassword, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Password"),
          "ixi-UMS 4.2.1.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Password of that user, kept in the secret store."))
            .secret(),
        S(keys::listenerForceTls, false, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Force TLS encryption"),
          "ixi-UMS 4.2.1.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Refuses AUTH and MAIL before STARTTLS (530), so neither a password nor a mail "
                            "travels in clear.")),
        S(keys::listenerCramMd5, false, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Allow CRAM-MD5"),
          "RFC 2195",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Offers CRAM-MD5, which sends no password, also without TLS (unless TLS is "
                            "forced). PLAIN and LOGIN are only offered inside TLS.")),
        S(keys::listenerDirectoryLogin, false,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Check logins against the directory"),
          "ixi-UMS 4.2.1.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "The mail server logs in as a directory user: the entry the filter below finds "
                            "is bound with the password given (LDAP only; PLAIN and LOGIN inside TLS, no "
                            "CRAM-MD5). The user name above is then not used.")),
        S(keys::listenerLoginFilter,
          u"(|(uid=${USER})(mail=${USER})(sAMAccountName=${USER})(userPrincipalName=${USER}))"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Login filter"), "ixi-UMS 4.2.1.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "LDAP filter that finds the entry of the user logging in; ${USER} is the name "
                            "given, escaped. Exactly one entry must match."))
            .check(str(ldapLoginFilter)),
        S(keys::senderMustMatchLogin, true,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Sender must be the logged-in user"),
          "Cisco Unity: SMTP authentication",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "With logins against the directory: a mail whose sender is not an address of the "
                            "user who logged in is refused with 550 5.7.1.")),
        S(keys::listenerTls, false, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Encrypt communication"),
          "ixi-UMS 4.2.1.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Offers STARTTLS to the mail server using the certificate and key below.")),
        S(keys::listenerImplicitTls, false,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Implicit TLS (SMTPS)"), "RFC 8314 3.3",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "The port speaks TLS from the first byte, as port 465 does, instead of offering "
                            "STARTTLS; the mail server must connect with TLS (Postfix: "
                            "smtp_tls_wrappermode). Without a usable certificate the instance does not "
                            "listen at all.")),
        S(keys::listenerCertificate, u"server.crt"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Certificate"), "ixi-UMS 4.2.1.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Base64 (PEM) X.509 certificate file in the instance's Certificates folder."))
            .check(certFile),
        S(keys::listenerKey, u"server.key"_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Private key"),
          "ixi-UMS 4.2.1.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Private key file for the certificate, in the instance's Certificates folder."))
            .check(certFile),
        S(keys::certificateMismatch, CertificateMismatch::AcceptAndLog,
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "If the transmitted certificate does not correspond with the deposited certificate"),
          "ixi-UMS 4.2.1.2",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "What to do when the mail server's certificate does not match the deposited one."))
            .notYetUsed(),

        // 4.2.2 Mail System: umgate -> mail server (incoming UMS messages).
        S(keys::mailServer, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Server"), "ixi-UMS 4.2.2.1",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Mail server that receives incoming UMS messages; empty means none is configured."))
            .check(str(host, true)),
        S(keys::mailServerPort, 25, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Port"), "ixi-UMS 4.2.2.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "TCP port of the mail server."))
            .range(1, 65535),
        S(keys::defaultRecipient, u"postmaster@localhost"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "E-mail address"), "ixi-UMS 4.2.2.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Receives every incoming message that cannot be assigned to a user."))
            .check(str(emailAddress, false)),
        S(keys::messageStoreMode, MessageStoreMode::LocalMaildir,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Message store"), "ixi-UMS 4.2.2.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Whether incoming messages go to the mail server, are "
                                                      "deleted, or are kept in the local maildir.")),
        S(keys::maildirPath, u"Maildir"_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Maildir"),
          "ixi-UMS 4.2.2.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Folder of the local message store, relative to the instance folder and "
                            "inside it: no absolute path, no '..', no symbolic link leading out."))
            .check([](const QJsonValue& v) { return pathInsideInstance(v.toString()); }),
        S(keys::senderTemplate, u"$(number)@$(addrtype).$(maildomain)"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Template for the e-mail sender address (required):"),
          "ixi-UMS 4.2.2.3",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Sender address of incoming messages; $(number) and $(addrtype) are required so replies work."))
            .check(str(senderTemplate, false)),
        S(keys::replyToTemplate, u""_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Deviating Reply to template (optional):"),
          "ixi-UMS 4.2.2.3",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Reply-To address template, for sites whose sender addresses cannot be replied to."))
            .check(str(senderTemplate, true)),
        S(keys::displayNameTemplate, u""_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Display name for all ixi-UMS messages (optional):"),
          "ixi-UMS 4.2.2.3",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Display name shown with all incoming messages and, unless set below, reports.")),
        S(keys::reportDisplayNameTemplate, u""_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Deviating display name for reports (optional):"),
          "ixi-UMS 4.2.2.3",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Display name for reports when it should differ from the one for messages.")),
        S(keys::mailDomain, u"localhost"_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Mail Domain"),
          "ixi-UMS 3.9",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "E-mail domain inserted for $(maildomain) in the address templates."))
            .check(str(host, true)),
        S(keys::pollingRetries, 5, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Number of retries"),
          "ixi-UMS 4.2.2.4",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "How often delivery to the mail server is retried before the message goes to Badmail."))
            .range(0, kMaxPollingIntervals),
        S(keys::pollingIntervals, QList<int>{60, 600, 3600, 86400, 172800},
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Interval length in seconds"), "ixi-UMS 4.2.2.4",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Seconds to wait before each retry, one value per retry."))
            .entryMinimum(1)
            .maxEntries(kMaxPollingIntervals),
        S(keys::mailUser, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "User Name"), "ixi-UMS 4.2.2.5",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "User for SMTP authentication at the mail server; empty when the server does not require it.")),
        S(keys::mailPassword, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Password"),
          "ixi-UMS 4.2.2.5",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Password for SMTP authentication at the mail server, kept in the secret store."))
            .secret(),
        // Opportunistic by default (Postfix "may"): encrypted when the server offers it, never a
        // password in clear unless "none" is chosen (issue 10).
        S(keys::mailEncryption, MailEncryption::StartTlsOpportunistic,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Encryption"), "ixi-UMS 4.2.2.6",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Whether and how the connection to the mail server is encrypted. \"STARTTLS when "
                            "offered\" sends a password only when the server's certificate is verified; "
                            "only \"None\" sends a password in clear.")),
        S(keys::mailCaCertificate, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "CA certificate"),
          "ixi-UMS 4.2.2.6",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Base64 CA certificate file in the Certificates folder; empty uses the system's trusted CAs."))
            .check(certFile),
        S(keys::mailAcceptInvalidCertificate, false,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Accept invalid certificate"), "ixi-UMS 4.2.2.6",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Delivers even when the server's certificate is not yet valid, expired or does not match.")),

        // 4.2.3 LDAP
        S(keys::ldapServers, {}, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Server"), "ixi-UMS 4.2.3.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Up to three LDAP servers of the same directory, tried "
                                                      "in order; an empty list uses the embedded "
                                                      "directory."))
            .maxEntries(3)
            .fields({F(keys::ldapServer::host, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Server"))
                         .required()
                         .check(str(host, false)),
                     F(keys::ldapServer::port, 389, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Port"))
                         .range(1, 65535),
                     F(keys::ldapServer::security, LdapSecurity::None,
                       QT_TRANSLATE_NOOP("umgate::SettingsSchema", "SSL/LDAPS"))}),
        S(keys::ldapCaCertificate, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "CA certificate"),
          "ixi-UMS 4.2.3.1",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Base64 CA certificate file in the Certificates folder for LDAPS and StartTLS; empty uses the "
              "system's trusted CAs."))
            .check(certFile),
        S(keys::ldapAcceptInvalidCertificate, false,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Accept invalid certificate"), "ixi-UMS 4.2.3.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Connects even when the directory server's certificate "
                                                      "is not trusted, expired or does not match; "
                                                      "each connection logs that it was not verified.")),
        S(keys::ldapWritePort, 0, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Individual LDAP port"),
          "ixi-UMS 4.2.3.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Port with write access for the user settings, e.g. "
                                                      "389 when searching the Global Catalog; 0 uses "
                                                      "the read port."))
            .range(0, 65535),
        S(keys::ldapBindDn, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "User DN"), "ixi-UMS 4.2.3.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Account the directory is searched with; empty binds anonymously."))
            .check(str(distinguishedName, true)),
        S(keys::ldapPassword, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Password"),
          "ixi-UMS 4.2.3.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Password of the search account, kept in the secret store."))
            .secret(),
        S(keys::ldapBaseDns, {}, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Base DN"), "ixi-UMS 4.2.3.3",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Full base DNs to search, e.g. the domain or single OUs."))
            .check(str(distinguishedName, false)),
        S(keys::umsAttribute, u"extensionAttribute1"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "UMS Attribute"), "ixi-UMS 4.2.3.4",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "LDAP attribute that holds the user's UMS settings."))
            .check(str(ldapAttributeName, false))
            .suggest(keys::userManagementType, {{u"embedded"_s, u"extensionAttribute1"_s},
                                                {u"activeDirectory"_s, u"extensionAttribute1"_s},
                                                {u"domino"_s, u"servoniccom2003IXIUMSUsrData"_s},
                                                {u"openLdap"_s, u"umsUserData"_s}}),
        S(keys::searchTemplate, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Search Template"),
          "ixi-UMS 4.2.3.4",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "LDAP filter for the recipient number; ${UMS} is the number, ${UMS}_wHTSPC the number without "
              "spaces. Empty uses the manual's template for the user management type."))
            .check(str(ldapFilterTemplate))
            .suggest(keys::userManagementType, templatesByType),
        S(keys::userManagementType, UserManagementType::Embedded,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Select User Management"), "ixi-UMS 3.7",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Kind of directory that manages the users, which decides the attribute defaults.")),

        // 4.2.4 Global User Settings (defaults for users without own settings; chapter 5 fields)
        S(keys::checkSenders, true,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Check the sender and rights of every outbound message"),
          "ixi-UMS 4.2.4.1",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Looks up the sender of each mail to the telephony side in the directory and applies "
              "the user's rights, or Unknown Sender when nobody is found. Off: every mail the "
              "listener accepts is sent with these global settings.")),
        S(keys::emergencyMode, false, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Emergency mode"),
          "ixi-UMS 5.1.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Only VIP users may send; mails of everybody else are refused.")),
        S(keys::faxPermission, Permission::International,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Fax Send Permissions"), "ixi-UMS 4.2.4.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "How far users may send faxes.")),
        S(keys::smsPermission, Permission::International,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "SMS Send Permissions"), "ixi-UMS 4.2.4.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "How far users may send SMS.")),
        S(keys::voicePermission, Permission::International,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Voice Send Permissions"), "ixi-UMS 4.2.4.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "How far users may send voice and TTS messages.")),
        S(keys::priorityCap, Priority::High,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Allowed to send with priority"), "ixi-UMS 5.1.2",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Highest priority a message keeps; higher requested priorities are lowered to it.")),
        S(keys::maxFaxPages, 0, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Max. Fax Pages"),
          "ixi-UMS 5.1.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Longest fax a user may send, in pages; 0 means no limit."))
            .range(0, 100000)
            .notYetUsed(),
        S(keys::maxFaxPerDay, 0, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Max. Fax Per Day"),
          "ixi-UMS 5.1.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Faxes a user may send per day; 0 means unlimited."))
            .range(0, 1000000),
        S(keys::maxSmsPerDay, 0, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Max. SMS Per Day"),
          "ixi-UMS 5.1.3",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "SMS a user may send per day; 0 means unlimited."))
            .range(0, 1000000),
        S(keys::maxVoicePerDay, 0, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Max. Voice/TTS Per Day"),
          "ixi-UMS 5.1.4",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Voice and TTS messages a user may send per day; 0 means unlimited."))
            .range(0, 1000000),
        S(keys::inboundFaxFormat, FaxFormat::Pdf,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Inbound fax as"), "ixi-UMS 4.2.4.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Attachment format of incoming faxes.")),
        S(keys::faxSenderNumber, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Fax Sender Number"),
          "ixi-UMS 5.1.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Extension number shown in the headline of outgoing faxes."))
            .check([](const QJsonValue& v) { return digitsOnly(v.toString(), false); }),
        S(keys::faxHeadline, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Fax Headline"),
          "ixi-UMS 5.1.2",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Text printed in the headline of outgoing faxes; empty uses the system's sender ID.")),
        S(keys::isdnOriginatingAddress, u""_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "ISDN Originating Address"), "ixi-UMS 5.1.1",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Calling party number signalled for outgoing messages; empty uses the fax sender number."))
            .check([](const QJsonValue& v) { return digitsOnly(v.toString(), true); }),
        S(keys::defaultCoverPage, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Cover Page"),
          "ixi-UMS 5.1.1",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Name of the cover page folder used for outgoing faxes; empty uses the system default."))
            .check([](const QJsonValue& v) { return coverPageName(v.toString()); }),
        S(keys::forceCoverPage, false, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Force Cover Page"),
          "ixi-UMS 5.1.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Adds the cover page to every outgoing fax.")),
        S(keys::billingCode, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Billing Code"),
          "ixi-UMS 5.1.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Any text recorded in the journal for charging.")),
        S(keys::htmlReport, false,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Create reports in the HTML format"), "ixi-UMS 4.2.4.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Sends reports for incoming and outgoing messages as HTML e-mail.")),
        S(keys::htmlReportLanguage, ReportLanguage::En,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Language"), "ixi-UMS 4.2.4.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Default language of HTML reports; users can choose their own.")),
        S(keys::unknownSenderAction, UnknownSenderAction::DeleteAndNotify,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Outbound UMS messages with unknown sender will be:"),
          "ixi-UMS 4.2.4.3",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "What happens to outgoing messages whose sender is not found in the directory.")),
        S(keys::unknownSenderUser, u""_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "sent with this user's UMS settings:"),
          "ixi-UMS 4.2.4.3",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "E-mail address whose permissions and sender data apply to unknown senders."))
            .check(str(emailAddress, true)),
        S(keys::archiveDeleted, false,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Generally archive all deleted messages"),
          "ixi-UMS 4.2.4.3",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Keeps a copy of every deleted message in the instance's SMTPIn/Error folder.")),

        // 4.2.5 Cover page: LDAP attribute names
        S(keys::coverBusinessPhone, u"telephoneNumber"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Business Phone"), "ixi-UMS 4.2.5.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "LDAP attribute with the sender's phone number."))
            .check(attr),
        S(keys::coverBusinessFax, u"facsimileTelephoneNumber"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Business Fax"), "ixi-UMS 4.2.5.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "LDAP attribute with the sender's fax number."))
            .check(attr),
        S(keys::coverDepartment, u"department"_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Department"),
          "ixi-UMS 4.2.5.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "LDAP attribute with the sender's department."))
            .check(attr),
        S(keys::coverOffice, u"physicalDeliveryOfficeName"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Office"), "ixi-UMS 4.2.5.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "LDAP attribute with the sender's office."))
            .check(attr),
        S(keys::coverCustom1, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Custom1"),
          "ixi-UMS 4.2.5.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "LDAP attribute for the first custom cover page field."))
            .check(attr),
        S(keys::coverCustom2, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Custom2"),
          "ixi-UMS 4.2.5.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "LDAP attribute for the second custom cover page field."))
            .check(attr),
        S(keys::coverCustom3, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Custom3"),
          "ixi-UMS 4.2.5.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "LDAP attribute for the third custom cover page field."))
            .check(attr),
        S(keys::coverCompany, u"company"_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Company"),
          "ixi-UMS 4.2.5.3",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "LDAP attribute with the sender's company."))
            .check(attr),
        S(keys::coverStreet, u"streetAddress"_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Street"),
          "ixi-UMS 4.2.5.3",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "LDAP attribute with the sender's street."))
            .check(attr),
        S(keys::coverPostalCode, u"postalCode"_s,
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Zip / Postal Code"), "ixi-UMS 4.2.5.3",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "LDAP attribute with the sender's postal code."))
            .check(attr),
        S(keys::coverCity, u"l"_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "City"), "ixi-UMS 4.2.5.3",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "LDAP attribute with the sender's city."))
            .check(attr),

        // 4.2.6 Print Unread
        S(keys::printUnread, false, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "PrintUnread"),
          "ixi-UMS 4.2.6",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Prints incoming faxes whose read confirmation does not arrive within the queue time."))
            .notYetUsed(),
        S(keys::printUnreadRules, {}, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Settings"),
          "ixi-UMS 4.2.6",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Rules processed top down: which fax numbers are printed on which printer after how long."))
            .fields(
                {F(keys::printRule::name, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Name"))
                     .required(),
                 F(keys::printRule::queueMinutes, 60,
                   QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Queue time"))
                     .range(1, 10080),
                 F(keys::printRule::printer, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Printer")),
                 F(keys::printRule::numbers, {},
                   QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Fax recipient numbers"))
                     .check(str(phoneNumberPattern))})
            .check([](const QJsonValue& v) {
                QSet<QString> names;
                for (const auto& rule : v.toArray()) {
                    const QString name = rule.toObject().value(keys::printRule::name.name()).toString();
                    if (names.contains(name)) return u"the rule name %1 is used twice"_s.arg(quoted(name));
                    names.insert(name);
                }
                return QString();
            })
            .notYetUsed(),

        // 4.2.8 Log. Count 0 = files are never deleted, size 0 = the file grows without limit.
        S(keys::ldapSearchLog, true, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "LDAP search"),
          "ixi-UMS 4.2.8.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Logs LDAP searches for inbound and outbound messages and their results.")),
        S(keys::ldapSearchLogSizeMb, 10, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Size MB"),
          "ixi-UMS 4.2.8.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Size of one LDAP search log file in MB; 0 means no limit."))
            .range(0, 102400),
        S(keys::ldapSearchLogCount, 5, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Count"),
          "ixi-UMS 4.2.8.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Number of LDAP search log files kept; 0 means files are never deleted."))
            .range(0, 10000),
        S(keys::smtpConnectionLog, true, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "SMTP connection"),
          "ixi-UMS 4.2.8.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Logs the SMTP connections to the mail server and their failures.")),
        S(keys::smtpConnectionLogSizeMb, 10, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Size MB"),
          "ixi-UMS 4.2.8.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Size of one SMTP connection log file in MB; 0 means no limit."))
            .range(0, 102400),
        S(keys::smtpConnectionLogCount, 5, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Count"),
          "ixi-UMS 4.2.8.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Number of SMTP connection log files kept; 0 means files are never deleted."))
            .range(0, 10000),
        S(keys::messageIdLog, true, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Message ID"),
          "ixi-UMS 4.2.8.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Logs the message ID of every inbound and outbound message.")),
        S(keys::messageIdLogSizeMb, 10, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Size MB"),
          "ixi-UMS 4.2.8.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Size of one message ID log file in MB; 0 means no limit."))
            .range(0, 102400),
        S(keys::messageIdLogCount, 5, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Count"), "ixi-UMS 4.2.8.1",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Number of message ID log files kept; 0 means files are never deleted."))
            .range(0, 10000),
        S(keys::printUnreadLog, true, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "PrintUnread"),
          "ixi-UMS 4.2.8.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Logs errors while spooling and printing unread faxes."))
            .notYetUsed(),
        S(keys::printUnreadLogSizeMb, 10, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Size MB"),
          "ixi-UMS 4.2.8.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Size of one PrintUnread log file in MB; 0 means no limit."))
            .range(0, 102400)
            .notYetUsed(),
        S(keys::printUnreadLogCount, 5, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Count"),
          "ixi-UMS 4.2.8.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                            "Number of PrintUnread log files kept; 0 means files are never deleted."))
            .range(0, 10000)
            .notYetUsed(),
        S(keys::printUnreadLogDebugMode, false, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Debugmode"),
          "ixi-UMS 4.2.8.2",
          QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Also logs the settings and detailed spooling data."))
            .notYetUsed(),

        // Avaya Voicemail Pro, System Preferences: Email. Entry 1 = default server and inbound
        // domain filter; later entries = servers for mail to their destination domain.
        S(keys::senders, {}, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "SMTP Sender"),
          "Avaya Voicemail Pro: System Preferences: Email",
          QT_TRANSLATE_NOOP(
              "umgate::SettingsSchema",
              "Outgoing SMTP servers: the first is the default, later ones serve mail to their own domain."))
            .fields(
                {F(keys::sender::mailDomain, u""_s,
                   QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Mail Domain"))
                     .required()
                     .check(str(host, false)),
                 F(keys::sender::server, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Server"))
                     .check(str(host, true)),
                 F(keys::sender::port, 25, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Port Number"))
                     .range(1, 65535),
                 F(keys::sender::senderIdentifier, u""_s,
                   QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Sender (Identifier)"))
                     .check(str(emailAddress, true)),
                 F(keys::sender::requiresAuthentication, false,
                   QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Server Requires Authentication")),
                 F(keys::sender::account, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Account Name")),
                 F(keys::sender::password, u""_s, QT_TRANSLATE_NOOP("umgate::SettingsSchema", "Password"))
                     .secret(),
                 F(keys::sender::cramMd5, false,
                   QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                                     "User Challenge Response Authentication (Cram MD5)")),
                 // Panasonic 9.17 "Direct SMTP Transfer": no relay; the domain's MX hosts (or its
                 // own address) take the mail on the entry's port.
                 F(keys::sender::directSmtp, false,
                   QT_TRANSLATE_NOOP("umgate::SettingsSchema",
                                     "Direct SMTP (deliver to the domain's MX hosts, no relay)"))})
            .check([](const QJsonValue& v) {
                const QJsonArray a = v.toArray();
                QHash<QString, qsizetype> seen;
                for (qsizetype i = 0; i < a.size(); ++i) {
                    const QString domain =
                        a.at(i).toObject().value(keys::sender::mailDomain.name()).toString().toLower();
                    if (seen.contains(domain))
                        return u"the mail domain %1 appears in entries %2 and %3; each domain needs one server"_s
                            .arg(quoted(domain))
                            .arg(seen.value(domain) + 1)
                            .arg(i + 1);
                    seen.insert(domain, i);
                }
                return QString();
            }),
    };
    for (qsizetype i = 0; i < m_settings.size(); ++i) {
        m_index.insert(m_settings.at(i).key, i);
        m_byKey.insert(m_settings.at(i).keyObject, i);
    }
    m_json = buildJson();
}

const SettingsSchema& SettingsSchema::instance()
{
    static const SettingsSchema schema;
    return schema;
}

const SettingDef* SettingsSchema::find(const QString& key) const
{
    // A hash, not a scan: imports and config.set look up every key a client sends.
    const auto it = m_index.constFind(key);
    return it == m_index.constEnd() ? nullptr : &m_settings.at(*it);
}

QJsonObject SettingsSchema::defaults() const
{
    QJsonObject o;
    for (const SettingDef& d : m_settings)
        if (!d.secret) o.insert(d.key, d.defaultValue);
    return o;
}

const SettingDef& SettingsSchema::definition(const KeyBase& key) const
{
    if (const auto it = m_byKey.constFind(&key); it != m_byKey.constEnd()) return m_settings.at(*it);
    const SettingDef* def = find(key.toString());
    Q_ASSERT_X(def, "SettingsSchema::definition", "a key that is not in the table");
    return def ? *def : m_settings.first();
}

ValidationErrors SettingsSchema::validateValue(const SettingDef& def, const QJsonValue& value) const
{
    ValidationErrors errors;
    checkSettingValue(def, value, errors);
    return errors;
}

QJsonObject SettingsSchema::withDefaults(const QJsonObject& values) const
{
    QJsonObject o = defaults();
    for (auto it = values.begin(); it != values.end(); ++it)
        if (const SettingDef* d = find(it.key()); d && !d->secret) o.insert(it.key(), it.value());
    return o;
}

} // namespace umgate
