// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/config/SettingKey.h"

#include <span>

namespace umgate {

// The enum-like instance settings (SettingKeys.h), each with the one table of the names stored in
// instance.json and sent over RPC. The table's order is the order the console offers them in.

// general.encryption.certificateMismatch (ixi-UMS 4.2.1.2)
enum class CertificateMismatch
{
    Reject,
    Accept,
    AcceptAndLog
};
inline constexpr EnumName<CertificateMismatch> kCertificateMismatchNames[] = {
    {CertificateMismatch::Reject, "reject"},
    {CertificateMismatch::Accept, "accept"},
    {CertificateMismatch::AcceptAndLog, "acceptAndLog"}};
constexpr std::span<const EnumName<CertificateMismatch>> enumNames(CertificateMismatch)
{
    return kCertificateMismatchNames;
}

// general.relay.unknownRecipients (Cisco Unity "When a Recipient Cannot be Found")
enum class UnknownRecipientAction
{
    Refuse,   // 550 with the reason: the mail server writes the non-delivery report
    SmartHost // relayed to the smart host, for logged-in clients and the relay clients only
};
inline constexpr EnumName<UnknownRecipientAction> kUnknownRecipientActionNames[] = {
    {UnknownRecipientAction::Refuse, "refuse"}, {UnknownRecipientAction::SmartHost, "smartHost"}};
constexpr std::span<const EnumName<UnknownRecipientAction>> enumNames(UnknownRecipientAction)
{
    return kUnknownRecipientActionNames;
}

// mailSystem.messageStore.mode (ixi-UMS 4.2.2.2)
enum class MessageStoreMode
{
    MailServer,
    Delete,
    LocalMaildir
};
inline constexpr EnumName<MessageStoreMode> kMessageStoreModeNames[] = {
    {MessageStoreMode::MailServer, "mailServer"},
    {MessageStoreMode::Delete, "delete"},
    {MessageStoreMode::LocalMaildir, "localMaildir"}};
constexpr std::span<const EnumName<MessageStoreMode>> enumNames(MessageStoreMode)
{
    return kMessageStoreModeNames;
}

// mailSystem.encryption.mode (ixi-UMS 4.2.2.6)
enum class MailEncryption
{
    None,
    StartTlsOpportunistic,
    StartTlsRequired,
    ImplicitTls
};
inline constexpr EnumName<MailEncryption> kMailEncryptionNames[] = {
    {MailEncryption::None, "none"},
    {MailEncryption::StartTlsOpportunistic, "startTlsOpportunistic"},
    {MailEncryption::StartTlsRequired, "startTlsRequired"},
    {MailEncryption::ImplicitTls, "implicitTls"}};
constexpr std::span<const EnumName<MailEncryption>> enumNames(MailEncryption)
{
    return kMailEncryptionNames;
}

// The "security" field of an ldap.connection.servers entry (ixi-UMS 4.2.3.1)
enum class LdapSecurity
{
    None,
    StartTls,
    Ldaps
};
inline constexpr EnumName<LdapSecurity> kLdapSecurityNames[] = {
    {LdapSecurity::None, "none"}, {LdapSecurity::StartTls, "startTls"}, {LdapSecurity::Ldaps, "ldaps"}};
constexpr std::span<const EnumName<LdapSecurity>> enumNames(LdapSecurity)
{
    return kLdapSecurityNames;
}

// ldap.userManagement.type (ixi-UMS 3.7); Embedded is umgate's own LDIF directory
enum class UserManagementType
{
    Embedded,
    ActiveDirectory,
    Domino,
    OpenLdap
};
inline constexpr EnumName<UserManagementType> kUserManagementTypeNames[] = {
    {UserManagementType::Embedded, "embedded"},
    {UserManagementType::ActiveDirectory, "activeDirectory"},
    {UserManagementType::Domino, "domino"},
    {UserManagementType::OpenLdap, "openLdap"}};
constexpr std::span<const EnumName<UserManagementType>> enumNames(UserManagementType)
{
    return kUserManagementTypeNames;
}

// globalUserSettings.rights.{fax,sms,voice}Permission (ixi-UMS 4.2.4.1)
enum class Permission
{
    None,
    Internal,
    Local,
    National,
    International
};
inline constexpr EnumName<Permission> kPermissionNames[] = {{Permission::None, "none"},
                                                            {Permission::Internal, "internal"},
                                                            {Permission::Local, "local"},
                                                            {Permission::National, "national"},
                                                            {Permission::International, "international"}};
constexpr std::span<const EnumName<Permission>> enumNames(Permission)
{
    return kPermissionNames;
}

// globalUserSettings.rights.priority (ixi-UMS 5.1.2)
enum class Priority
{
    Low,
    Normal,
    High
};
inline constexpr EnumName<Priority> kPriorityNames[] = {
    {Priority::Low, "low"}, {Priority::Normal, "normal"}, {Priority::High, "high"}};
constexpr std::span<const EnumName<Priority>> enumNames(Priority)
{
    return kPriorityNames;
}

// globalUserSettings.rights.inboundFaxFormat (ixi-UMS 4.2.4.1) and a user's "inboundFaxAs"
enum class FaxFormat
{
    Tif,
    Pdf,
    Both
};
inline constexpr EnumName<FaxFormat> kFaxFormatNames[] = {
    {FaxFormat::Tif, "tif"}, {FaxFormat::Pdf, "pdf"}, {FaxFormat::Both, "both"}};
constexpr std::span<const EnumName<FaxFormat>> enumNames(FaxFormat)
{
    return kFaxFormatNames;
}

// globalUserSettings.htmlReport.language (ixi-UMS 4.2.4.2): the folder of resources/mail/<lang>
enum class ReportLanguage
{
    De,
    En,
    Fr,
    It,
    Nl,
    Pt,
    Es
};
inline constexpr EnumName<ReportLanguage> kReportLanguageNames[] = {
    {ReportLanguage::De, "de"}, {ReportLanguage::En, "en"}, {ReportLanguage::Fr, "fr"},
    {ReportLanguage::It, "it"}, {ReportLanguage::Nl, "nl"}, {ReportLanguage::Pt, "pt"},
    {ReportLanguage::Es, "es"}};
constexpr std::span<const EnumName<ReportLanguage>> enumNames(ReportLanguage)
{
    return kReportLanguageNames;
}

// globalUserSettings.unknownSender.action (ixi-UMS 4.2.4.3)
enum class UnknownSenderAction
{
    Delete,
    DeleteAndNotify,
    SendAsUser
};
inline constexpr EnumName<UnknownSenderAction> kUnknownSenderActionNames[] = {
    {UnknownSenderAction::Delete, "delete"},
    {UnknownSenderAction::DeleteAndNotify, "deleteAndNotify"},
    {UnknownSenderAction::SendAsUser, "sendAsUser"}};
constexpr std::span<const EnumName<UnknownSenderAction>> enumNames(UnknownSenderAction)
{
    return kUnknownSenderActionNames;
}

} // namespace umgate
