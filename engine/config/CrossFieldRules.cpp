// SPDX-License-Identifier: GPL-3.0-or-later
// SettingsSchema::validate and the rules that span settings.
#include "engine/client/AddressTemplate.h"
#include "engine/config/SettingCheck.h"
#include "engine/config/SettingKeys.h"
#include "engine/config/SettingValidators.h"
#include "engine/config/SettingValues.h"
#include "engine/config/SettingsSchema.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace umgate {

namespace {

// The rules that span settings. They judge the values in effect (given, else the default) and stay
// quiet about a value already reported as malformed: one mistake, one message.
class CrossFieldRules
{
public:
    CrossFieldRules(const QJsonObject& effective, const QSet<QString>& invalid, ValidationErrors& errors)
        : m_values(effective), m_invalid(invalid), m_errors(errors)
    {
    }

    void run()
    {
        polling();
        listener();
        relay();
        site();
        mailSystem();
        ldap();
        senderList();
        if (ok(keys::unknownSenderAction, keys::unknownSenderUser) &&
            m_values.get(keys::unknownSenderAction) == UnknownSenderAction::SendAsUser &&
            m_values.get(keys::unknownSenderUser).isEmpty())
            add(keys::unknownSenderUser,
                u"an e-mail address is required when unknown senders are sent with this user's settings"_s);
    }

private:
    template <typename... K> bool ok(const K&... keys) const
    {
        return (!m_invalid.contains(keys.toString()) && ...);
    }
    void add(const KeyBase& key, const QString& reason) { m_errors.append({key.toString(), reason}); }

    void polling()
    {
        if (!ok(keys::pollingRetries, keys::pollingIntervals)) return;
        const int r = m_values.get(keys::pollingRetries);
        const qsizetype n = m_values.get(keys::pollingIntervals).size();
        if (r > n)
            add(keys::pollingRetries,
                u"retries is %1 but only %2 intervals are set; add intervals or lower the retries"_s.arg(r)
                    .arg(n));
    }

    // Dialing rules that could not be told apart, or an area code without its country.
    void site()
    {
        if (ok(keys::siteAreaCode, keys::siteCountryCode) && !m_values.get(keys::siteAreaCode).isEmpty() &&
            m_values.get(keys::siteCountryCode).isEmpty())
            add(keys::siteCountryCode, u"is required when an area code is set"_s);
        if (!ok(keys::siteInternationalPrefix, keys::siteNationalPrefix, keys::siteCountryCode)) return;
        const QString international = m_values.get(keys::siteInternationalPrefix);
        const QString national = m_values.get(keys::siteNationalPrefix);
        if (international.isEmpty() && !m_values.get(keys::siteCountryCode).isEmpty())
            add(keys::siteInternationalPrefix, u"is required when a country code is set"_s);
        else if (!international.isEmpty() && !national.isEmpty() && national.startsWith(international))
            add(keys::siteNationalPrefix,
                u"\"%1\" cannot be told apart from the international prefix \"%2\""_s.arg(national,
                                                                                          international));
    }

    void listener()
    {
        if (!ok(keys::listenerTls)) return;
        const bool tls = m_values.get(keys::listenerTls);
        if (ok(keys::listenerForceTls) && m_values.get(keys::listenerForceTls) && !tls)
            add(keys::listenerForceTls,
                u"forcing TLS needs encryption to be enabled (general.encryption.enabled)"_s);
        if (ok(keys::listenerImplicitTls) && m_values.get(keys::listenerImplicitTls) && !tls)
            add(keys::listenerImplicitTls,
                u"implicit TLS needs encryption to be enabled (general.encryption.enabled)"_s);
        if (!tls) return;
        for (const Key<QString>* key : {&keys::listenerCertificate, &keys::listenerKey})
            if (ok(*key) && m_values.get(*key).isEmpty())
                add(*key, u"is required when encryption is enabled"_s);
    }

    // Relaying needs somewhere to relay to: the smart host, else the mail server or sender list.
    void relay()
    {
        if (!ok(keys::relayUnknownRecipients, keys::relaySmartHost, keys::mailServer, keys::senders) ||
            m_values.get(keys::relayUnknownRecipients) != UnknownRecipientAction::SmartHost)
            return;
        if (m_values.get(keys::relaySmartHost).isEmpty() && m_values.get(keys::mailServer).isEmpty() &&
            m_values.get(keys::senders).isEmpty())
            add(keys::relaySmartHost,
                u"a smart host is required to relay, since the Mail System page names no "
                u"mail server either"_s);
    }

    void mailSystem()
    {
        if (ok(keys::messageStoreMode, keys::mailServer) &&
            m_values.get(keys::messageStoreMode) == MessageStoreMode::MailServer &&
            m_values.get(keys::mailServer).isEmpty())
            add(keys::mailServer, u"a mail server is required when messages are sent to the mail server"_s);
        const QString maildomain = u"maildomain"_s;
        if (ok(keys::senderTemplate, keys::replyToTemplate, keys::mailDomain) &&
            m_values.get(keys::mailDomain).isEmpty() &&
            (AddressTemplate::uses(m_values.get(keys::senderTemplate), maildomain) ||
             AddressTemplate::uses(m_values.get(keys::replyToTemplate), maildomain)))
            add(keys::mailDomain, u"is required because the address templates use $(maildomain)"_s);
    }

    void ldap()
    {
        if (!ok(keys::ldapServers)) return;
        const bool noServers = m_values.get(keys::ldapServers).isEmpty();
        if (ok(keys::ldapBaseDns) && !noServers && m_values.get(keys::ldapBaseDns).isEmpty())
            add(keys::ldapBaseDns, u"at least one base DN is required when LDAP servers are configured"_s);
        if (ok(keys::userManagementType) && noServers &&
            m_values.get(keys::userManagementType) != UserManagementType::Embedded)
            add(keys::ldapServers, u"at least one LDAP server is required for user management type %1"_s.arg(
                                       validators::quoted(enumName(m_values.get(keys::userManagementType)))));
    }

    void senderList()
    {
        if (!ok(keys::senders)) return;
        const SettingEntries senders = m_values.get(keys::senders);
        for (qsizetype i = 0; i < senders.size(); ++i) {
            const SettingEntry& e = senders.at(i);
            const QString p = u"%1[%2]."_s.arg(keys::senders.toString()).arg(i);
            const bool auth = e.get(keys::sender::requiresAuthentication);
            if (auth && e.get(keys::sender::account).isEmpty())
                m_errors.append({p + keys::sender::account.toString(),
                                 u"an account name is required when the server requires authentication"_s});
            if (e.get(keys::sender::server).isEmpty() && !e.get(keys::sender::directSmtp))
                m_errors.append({p + keys::sender::server.toString(),
                                 u"a server is required unless the entry uses Direct SMTP"_s});
            if (!auth && e.get(keys::sender::cramMd5))
                m_errors.append({p + keys::sender::cramMd5.toString(),
                                 u"CRAM-MD5 applies only when the server requires authentication"_s});
        }
    }

    SettingValues m_values;
    const QSet<QString>& m_invalid;
    ValidationErrors& m_errors;
};

} // namespace

ValidationErrors SettingsSchema::validate(const QJsonObject& values) const
{
    ValidationErrors errors;
    QSet<QString> invalid;
    QJsonObject effective = defaults();
    for (auto it = values.begin(); it != values.end(); ++it) {
        const SettingDef* def = find(it.key());
        if (!def) {
            errors.append({it.key(), u"unknown setting"_s});
            invalid.insert(it.key());
            continue;
        }
        const ValidationErrors e = validateValue(*def, it.value());
        if (!e.isEmpty())
            invalid.insert(it.key());
        else if (!def->secret)
            effective.insert(it.key(), it.value());
        errors.append(e);
    }
    CrossFieldRules(effective, invalid, errors).run();
    return errors;
}

} // namespace umgate
