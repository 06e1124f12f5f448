// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/instance/InstanceParts.h"

#include "engine/client/Paths.h"
#include "engine/config/InstanceConfig.h"
#include "engine/config/MiscSetup.h"
#include "engine/core/TlsFiles.h"
#include "engine/directory/SearchTemplate.h"

#include <QSysInfo>

using namespace Qt::StringLiterals;

namespace umgate::InstanceParts {

namespace {

LdapServerConfig::Security securityOf(LdapSecurity security)
{
    switch (security) {
    case LdapSecurity::None:
        break;
    case LdapSecurity::StartTls:
        return LdapServerConfig::Security::StartTls;
    case LdapSecurity::Ldaps:
        return LdapServerConfig::Security::Ldaps;
    }
    return LdapServerConfig::Security::None;
}

// ixi-UMS 4.2.5: the cover page field names and the LDAP attributes the instance maps them to.
// Fetched with every look-up for the cover pages of outgoing faxes (not yet built).
QJsonObject coverPageMap(const InstanceConfig& c)
{
    return {{u"businessPhone"_s, c.get(keys::coverBusinessPhone)},
            {u"businessFax"_s, c.get(keys::coverBusinessFax)},
            {u"department"_s, c.get(keys::coverDepartment)},
            {u"office"_s, c.get(keys::coverOffice)},
            {u"custom1"_s, c.get(keys::coverCustom1)},
            {u"custom2"_s, c.get(keys::coverCustom2)},
            {u"custom3"_s, c.get(keys::coverCustom3)},
            {u"company"_s, c.get(keys::coverCompany)},
            {u"street"_s, c.get(keys::coverStreet)},
            {u"postalCode"_s, c.get(keys::coverPostalCode)},
            {u"city"_s, c.get(keys::coverCity)}};
}

SmtpOutcome outcomeOf(SmtpErrorResult result)
{
    return result == SmtpErrorResult::Failure ? SmtpOutcome::Failure : SmtpOutcome::Deferral;
}

bool isMailPassword(const QString& path)
{
    return path == keys::mailPassword.name() || (path.startsWith(keys::senders.toString() + u'[') &&
                                                 path.endsWith(u"]."_s + keys::sender::password.toString()));
}

} // namespace

DirectoryService::Settings directory(const InstanceConfig& config, const Paths& paths, const MiscSetup& misc)
{
    DirectoryService::Settings s;
    s.instanceId = config.id;
    s.userManagementType = config.get(keys::userManagementType);
    s.embeddedFile = paths.instanceDirectoryFile(config.id);
    s.searchTemplate = config.get(keys::searchTemplate);
    if (s.searchTemplate.isEmpty()) s.searchTemplate = SearchTemplate::defaultTemplate(s.userManagementType);
    s.umsAttribute = config.get(keys::umsAttribute);
    s.coverPageMap = coverPageMap(config);
    s.logFile = paths.instanceLogFile(config.id, Paths::InstanceLog::LdapSearch);
    s.logEnabled = config.get(keys::ldapSearchLog);
    s.logSizeMb = config.get(keys::ldapSearchLogSizeMb);
    s.logCount = config.get(keys::ldapSearchLogCount);
    s.cacheTtlSeconds = misc.get(miscKeys::directoryCacheTtlSeconds);
    s.negativeCacheTtlSeconds = misc.get(miscKeys::directoryNegativeCacheTtlSeconds);
    return s;
}

std::optional<LdapClientConfig> ldap(const InstanceConfig& config, const Paths& paths)
{
    if (config.get(keys::userManagementType) == UserManagementType::Embedded) return std::nullopt;
    LdapClientConfig l;
    for (const SettingEntry& entry : config.get(keys::ldapServers)) {
        LdapServerConfig server;
        server.host = entry.get(keys::ldapServer::host);
        server.port = entry.get(keys::ldapServer::port);
        server.security = securityOf(entry.get(keys::ldapServer::security));
        l.servers << server;
    }
    l.writePort = config.get(keys::ldapWritePort);
    l.bindDn = config.get(keys::ldapBindDn);
    l.baseDns = config.get(keys::ldapBaseDns);
    const QString ca = config.get(keys::ldapCaCertificate);
    if (!ca.isEmpty()) l.caCertificateFile = paths.instanceDir(config.id) + u"/Certificates/"_s + ca;
    l.acceptInvalidCertificate = config.get(keys::ldapAcceptInvalidCertificate);
    return l;
}

InstanceMail::Config mail(const InstanceConfig& config, const Paths& paths, const MiscSetup& misc)
{
    InstanceMail::Config c;
    c.id = config.id;
    c.instanceDir = paths.instanceDir(config.id);
    c.settings = SettingValues(config.settings);
    c.policy.connection5xx = outcomeOf(misc.get(miscKeys::smtpConnection5xx));
    c.policy.helo5xx = outcomeOf(misc.get(miscKeys::smtpHelo5xx));
    c.policy.mail5xx = outcomeOf(misc.get(miscKeys::smtpMail5xx));
    c.maxConnections = misc.get(miscKeys::smtpMaxConnectionsPerInstance);
    c.timeoutMs = misc.get(miscKeys::smtpTimeoutSeconds) * 1000;
    c.idleMs = misc.get(miscKeys::smtpIdleSeconds) * 1000;
    c.maxDiskBytes = qint64(misc.get(miscKeys::queueMaxDiskMb)) * 1024 * 1024;
    c.ldapErrorToDefaultRecipient = misc.get(miscKeys::ldapError) == LdapErrorAction::DefaultRecipient;
    c.hostName = QSysInfo::machineHostName();
    c.nameserver = misc.get(miscKeys::dnsNameserver);
    return c;
}

std::optional<QString> ldapPasswordPath(const InstanceConfig& config)
{
    const QString path = keys::ldapPassword.toString();
    if (config.get(keys::userManagementType) == UserManagementType::Embedded ||
        !config.secretsSet.contains(path))
        return std::nullopt;
    return path;
}

std::optional<QString> listenerPasswordPath(const InstanceConfig& config)
{
    if (!config.secretsSet.contains(keys::listenerPassword.name())) return std::nullopt;
    return keys::listenerPassword.name();
}

QStringList mailPasswordPaths(const InstanceConfig& config)
{
    QStringList out;
    for (const QString& path : config.secretsSet)
        if (isMailPassword(path)) out << path;
    return out;
}

InboundSettings inbound(const InstanceConfig& config, const Paths& paths)
{
    InboundSettings s;
    s.instanceId = config.id;
    s.hostName = QSysInfo::machineHostName().toLatin1();
    if (s.hostName.isEmpty()) s.hostName = "localhost";
    for (const QString& entry : config.get(keys::allowedClients))
        if (const auto net = network(entry)) s.allowedClients.append(*net);
    s.limits.maxMessageBytes = qint64(config.get(keys::listenerMaxMessageMb)) * 1024 * 1024;
    s.limits.maxRecipients = config.get(keys::listenerMaxRecipients);
    s.maxConnections = config.get(keys::listenerMaxConnections);
    s.maxPerClient = config.get(keys::listenerMaxPerClient);
    s.commandTimeoutMs = config.get(keys::listenerCommandTimeout) * 1000;
    s.dataTimeoutMs = config.get(keys::listenerDataTimeout) * 1000;
    s.mailTimeoutMs = config.get(keys::listenerMailTimeout) * 1000;
    s.senderTemplate = config.get(keys::senderTemplate);
    s.mailDomain = config.get(keys::mailDomain);
    s.dialing = {config.get(keys::siteCountryCode),         config.get(keys::siteAreaCode),
                 config.get(keys::siteInternationalPrefix), config.get(keys::siteNationalPrefix),
                 config.get(keys::siteOutsideLinePrefix),   config.get(keys::siteBaseNumber),
                 config.get(keys::siteExtensionLength)};
    s.outgoingDir = paths.instanceDir(config.id) + u"/"_s + Paths::kernelOutgoing();
    if (config.get(keys::listenerTls)) {
        const QString certificates = paths.instanceDir(config.id) + u"/Certificates/"_s;
        s.tls = TlsFiles::serverConfiguration(certificates + config.get(keys::listenerCertificate),
                                              certificates + config.get(keys::listenerKey), &s.tlsError);
    }
    s.implicitTls = config.get(keys::listenerTls) && config.get(keys::listenerImplicitTls);
    s.forceTls = config.get(keys::listenerForceTls);
    s.authUser = config.get(keys::listenerUser);
    s.directoryLogin = config.get(keys::listenerDirectoryLogin);
    s.loginFilter = config.get(keys::listenerLoginFilter);
    s.embeddedDirectory = config.get(keys::userManagementType) == UserManagementType::Embedded;
    // Logins against the directory are binds, which need the password itself: no CRAM-MD5.
    s.cramMd5 = config.get(keys::listenerCramMd5) && !s.directoryLogin;
    s.relayUnknown = config.get(keys::relayUnknownRecipients) == UnknownRecipientAction::SmartHost;
    for (const QString& entry : config.get(keys::relayClients))
        if (const auto net = network(entry)) s.relayClients.append(*net);
    s.policy.enabled = config.get(keys::checkSenders);
    s.policy.senderMustMatchLogin = config.get(keys::senderMustMatchLogin);
    s.policy.emergencyMode = config.get(keys::emergencyMode);
    s.policy.unknownAction = config.get(keys::unknownSenderAction);
    s.policy.unknownUser = config.get(keys::unknownSenderUser);
    s.policy.archive = config.get(keys::archiveDeleted);
    s.policy.global = SettingValues(config.settings);
    s.refusedDir = paths.instanceDir(config.id) + u"/"_s + Paths::smtpInError();
    return s;
}

std::optional<QPair<QHostAddress, int>> network(const QString& text)
{
    if (!text.contains(u'/')) {
        const QHostAddress a(text);
        if (a.isNull()) return std::nullopt;
        return QPair<QHostAddress, int>(a, a.protocol() == QAbstractSocket::IPv4Protocol ? 32 : 128);
    }
    const QPair<QHostAddress, int> net = QHostAddress::parseSubnet(text);
    if (net.first.isNull() || net.second < 0) return std::nullopt;
    return net;
}

} // namespace umgate::InstanceParts
