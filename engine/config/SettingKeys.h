// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/config/SettingEnums.h"
#include "engine/config/SettingKey.h"

namespace umgate::keys {

// Every instance setting, once, with its C++ type. The schema table (SettingsSchema.cpp) is built
// from these objects and the engine reads through them:
//     const QList<int> intervals = config.get(keys::pollingIntervals);
// A key is spelt here and nowhere else in the engine. tst_settingkeys checks that every key is
// read by the engine (a use of keys::NAME outside the table) or marked "not yet used" in the table,
// so spell reads as keys::NAME (no using-directive for this namespace).

// 4.2.1 General: the mail server -> umgate direction (the SMTP listener)
inline constexpr Key<QString> listenAddress{"general.ipAddresses.address"};
inline constexpr Key<int> listenPort{"general.ipAddresses.port"};
inline constexpr Key<QStringList> allowedClients{"general.ipAddresses.allowedClients"};
inline constexpr Key<QString> listenerUser{"general.authentication.user"};
inline constexpr Key<QString> listenerPassword{"general.authentication.password"};
inline constexpr Key<bool> listenerForceTls{"general.authentication.forceTls"};
inline constexpr Key<bool> listenerCramMd5{"general.authentication.cramMd5"};
inline constexpr Key<bool> listenerDirectoryLogin{"general.authentication.directory"};
inline constexpr Key<QString> listenerLoginFilter{"general.authentication.directoryFilter"};
inline constexpr Key<bool> listenerTls{"general.encryption.enabled"};
inline constexpr Key<bool> listenerImplicitTls{"general.encryption.implicitTls"};
inline constexpr Key<QString> listenerCertificate{"general.encryption.certificate"};
inline constexpr Key<QString> listenerKey{"general.encryption.key"};
inline constexpr Key<CertificateMismatch> certificateMismatch{"general.encryption.certificateMismatch"};
// The listener's limits and timeouts (RFC 5321 4.5.3; no tab of the manual's, which has none)
inline constexpr Key<int> listenerMaxMessageMb{"general.limits.maxMessageMb"};
inline constexpr Key<int> listenerMaxRecipients{"general.limits.maxRecipients"};
inline constexpr Key<int> listenerMaxConnections{"general.limits.maxConnections"};
inline constexpr Key<int> listenerMaxPerClient{"general.limits.maxConnectionsPerClient"};
inline constexpr Key<int> listenerCommandTimeout{"general.limits.commandTimeoutSeconds"};
inline constexpr Key<int> listenerDataTimeout{"general.limits.dataTimeoutSeconds"};
inline constexpr Key<int> listenerMailTimeout{"general.limits.mailTimeoutSeconds"};
// Cisco Unity's smart host: recipients outside the instance's domains, from logged-in clients or
// the relay clients only (never an open relay)
inline constexpr Key<UnknownRecipientAction> relayUnknownRecipients{"general.relay.unknownRecipients"};
inline constexpr Key<QString> relaySmartHost{"general.relay.smartHost"};
inline constexpr Key<int> relaySmartHostPort{"general.relay.port"};
inline constexpr Key<QStringList> relayClients{"general.relay.clients"};
// The site's dialing rules (no tab of the manual's: a telephony system's location settings), so
// recipients written nationally or locally become E.164 numbers
inline constexpr Key<QString> siteCountryCode{"general.site.countryCode"};
inline constexpr Key<QString> siteAreaCode{"general.site.areaCode"};
inline constexpr Key<QString> siteInternationalPrefix{"general.site.internationalPrefix"};
inline constexpr Key<QString> siteNationalPrefix{"general.site.nationalPrefix"};
inline constexpr Key<QString> siteOutsideLinePrefix{"general.site.outsideLinePrefix"};
inline constexpr Key<QString> siteBaseNumber{"general.site.baseNumber"};
inline constexpr Key<int> siteExtensionLength{"general.site.extensionLength"};
// Cisco Unity: the sender of a mail from a client that logged in as a directory user must be
// that user
inline constexpr Key<bool> senderMustMatchLogin{"general.authentication.senderMustMatch"};

// 4.2.2 Mail System: umgate -> mail server
inline constexpr Key<QString> mailServer{"mailSystem.general.server"};
inline constexpr Key<int> mailServerPort{"mailSystem.general.port"};
inline constexpr Key<QString> defaultRecipient{"mailSystem.general.defaultRecipient"};
inline constexpr Key<MessageStoreMode> messageStoreMode{"mailSystem.messageStore.mode"};
inline constexpr Key<QString> maildirPath{"mailSystem.messageStore.maildirPath"};
inline constexpr Key<QString> senderTemplate{"mailSystem.template.sender"};
inline constexpr Key<QString> replyToTemplate{"mailSystem.template.replyTo"};
inline constexpr Key<QString> displayNameTemplate{"mailSystem.template.displayName"};
inline constexpr Key<QString> reportDisplayNameTemplate{"mailSystem.template.reportDisplayName"};
inline constexpr Key<QString> mailDomain{"mailSystem.template.mailDomain"};
inline constexpr Key<int> pollingRetries{"mailSystem.polling.retries"};
inline constexpr Key<QList<int>> pollingIntervals{"mailSystem.polling.intervals"};
inline constexpr Key<QString> mailUser{"mailSystem.authentication.user"};
inline constexpr Key<QString> mailPassword{"mailSystem.authentication.password"};
inline constexpr Key<MailEncryption> mailEncryption{"mailSystem.encryption.mode"};
inline constexpr Key<QString> mailCaCertificate{"mailSystem.encryption.caCertificate"};
inline constexpr Key<bool> mailAcceptInvalidCertificate{"mailSystem.encryption.acceptInvalidCertificate"};

// 4.2.3 LDAP
inline constexpr Key<SettingEntries> ldapServers{"ldap.connection.servers"};
namespace ldapServer {
inline constexpr FieldKey<QString> host{"host"};
inline constexpr FieldKey<int> port{"port"};
inline constexpr FieldKey<LdapSecurity> security{"security"};
} // namespace ldapServer
inline constexpr Key<QString> ldapCaCertificate{"ldap.connection.caCertificate"};
inline constexpr Key<bool> ldapAcceptInvalidCertificate{"ldap.connection.acceptInvalidCertificate"};
inline constexpr Key<int> ldapWritePort{"ldap.connection.writePort"};
inline constexpr Key<QString> ldapBindDn{"ldap.registrationData.bindDn"};
inline constexpr Key<QString> ldapPassword{"ldap.registrationData.password"};
inline constexpr Key<QStringList> ldapBaseDns{"ldap.baseDn.entries"};
inline constexpr Key<QString> umsAttribute{"ldap.search.umsAttribute"};
inline constexpr Key<QString> searchTemplate{"ldap.search.template"};
inline constexpr Key<UserManagementType> userManagementType{"ldap.userManagement.type"};

// 4.2.4 Global User Settings (what users without own settings get; chapter 5 fields)
inline constexpr Key<bool> checkSenders{"globalUserSettings.rights.checkSenders"};
inline constexpr Key<bool> emergencyMode{"globalUserSettings.rights.emergencyMode"};
inline constexpr Key<Permission> faxPermission{"globalUserSettings.rights.faxPermission"};
inline constexpr Key<Permission> smsPermission{"globalUserSettings.rights.smsPermission"};
inline constexpr Key<Permission> voicePermission{"globalUserSettings.rights.voicePermission"};
inline constexpr Key<Priority> priorityCap{"globalUserSettings.rights.priority"};
inline constexpr Key<int> maxFaxPages{"globalUserSettings.rights.maxFaxPages"};
inline constexpr Key<int> maxFaxPerDay{"globalUserSettings.rights.maxFaxPerDay"};
inline constexpr Key<int> maxSmsPerDay{"globalUserSettings.rights.maxSmsPerDay"};
inline constexpr Key<int> maxVoicePerDay{"globalUserSettings.rights.maxVoicePerDay"};
inline constexpr Key<FaxFormat> inboundFaxFormat{"globalUserSettings.rights.inboundFaxFormat"};
inline constexpr Key<QString> faxSenderNumber{"globalUserSettings.rights.senderNumber"};
inline constexpr Key<QString> faxHeadline{"globalUserSettings.rights.faxHeadline"};
inline constexpr Key<QString> isdnOriginatingAddress{"globalUserSettings.rights.isdnOriginatingAddress"};
inline constexpr Key<QString> defaultCoverPage{"globalUserSettings.rights.coverPage"};
inline constexpr Key<bool> forceCoverPage{"globalUserSettings.rights.forceCoverPage"};
inline constexpr Key<QString> billingCode{"globalUserSettings.rights.billingCode"};
inline constexpr Key<bool> htmlReport{"globalUserSettings.htmlReport.enabled"};
inline constexpr Key<ReportLanguage> htmlReportLanguage{"globalUserSettings.htmlReport.language"};
inline constexpr Key<UnknownSenderAction> unknownSenderAction{"globalUserSettings.unknownSender.action"};
inline constexpr Key<QString> unknownSenderUser{"globalUserSettings.unknownSender.user"};
inline constexpr Key<bool> archiveDeleted{"globalUserSettings.unknownSender.archive"};

// 4.2.5 Cover page: LDAP attribute names
inline constexpr Key<QString> coverBusinessPhone{"coverPage.callNumbers.businessPhone"};
inline constexpr Key<QString> coverBusinessFax{"coverPage.callNumbers.businessFax"};
inline constexpr Key<QString> coverDepartment{"coverPage.advanced.department"};
inline constexpr Key<QString> coverOffice{"coverPage.advanced.office"};
inline constexpr Key<QString> coverCustom1{"coverPage.advanced.custom1"};
inline constexpr Key<QString> coverCustom2{"coverPage.advanced.custom2"};
inline constexpr Key<QString> coverCustom3{"coverPage.advanced.custom3"};
inline constexpr Key<QString> coverCompany{"coverPage.address.company"};
inline constexpr Key<QString> coverStreet{"coverPage.address.street"};
inline constexpr Key<QString> coverPostalCode{"coverPage.address.postalCode"};
inline constexpr Key<QString> coverCity{"coverPage.address.city"};

// 4.2.6 Print Unread
inline constexpr Key<bool> printUnread{"printUnread.settings.enabled"};
inline constexpr Key<SettingEntries> printUnreadRules{"printUnread.settings.rules"};
namespace printRule {
inline constexpr FieldKey<QString> name{"name"};
inline constexpr FieldKey<int> queueMinutes{"queueMinutes"};
inline constexpr FieldKey<QString> printer{"printer"};
inline constexpr FieldKey<QStringList> numbers{"numbers"};
} // namespace printRule

// 4.2.8 Log
inline constexpr Key<bool> ldapSearchLog{"log.ldapSearch.enabled"};
inline constexpr Key<int> ldapSearchLogSizeMb{"log.ldapSearch.sizeMb"};
inline constexpr Key<int> ldapSearchLogCount{"log.ldapSearch.count"};
inline constexpr Key<bool> smtpConnectionLog{"log.smtpConnection.enabled"};
inline constexpr Key<int> smtpConnectionLogSizeMb{"log.smtpConnection.sizeMb"};
inline constexpr Key<int> smtpConnectionLogCount{"log.smtpConnection.count"};
inline constexpr Key<bool> messageIdLog{"log.messageId.enabled"};
inline constexpr Key<int> messageIdLogSizeMb{"log.messageId.sizeMb"};
inline constexpr Key<int> messageIdLogCount{"log.messageId.count"};
inline constexpr Key<bool> printUnreadLog{"log.printUnread.enabled"};
inline constexpr Key<int> printUnreadLogSizeMb{"log.printUnread.sizeMb"};
inline constexpr Key<int> printUnreadLogCount{"log.printUnread.count"};
inline constexpr Key<bool> printUnreadLogDebugMode{"log.printUnread.debugMode"};

// Avaya Voicemail Pro, System Preferences: Email (the SMTP sender list)
inline constexpr Key<SettingEntries> senders{"systemPreferences.email.senders"};
namespace sender {
inline constexpr FieldKey<QString> mailDomain{"mailDomain"};
inline constexpr FieldKey<QString> server{"server"};
inline constexpr FieldKey<int> port{"port"};
inline constexpr FieldKey<QString> senderIdentifier{"senderIdentifier"};
inline constexpr FieldKey<bool> requiresAuthentication{"requiresAuthentication"};
inline constexpr FieldKey<QString> account{"account"};
inline constexpr FieldKey<QString> password{"password"};
inline constexpr FieldKey<bool> cramMd5{"cramMd5"};
inline constexpr FieldKey<bool> directSmtp{"directSmtp"};
} // namespace sender

} // namespace umgate::keys
