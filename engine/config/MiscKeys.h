// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/config/SettingKey.h"
#include "engine/core/Log.h"

#include <span>

namespace umgate {

// A Misc Setup option (engine-wide, MiscSetup.h); its own key type, so an instance key can never
// be asked of Misc Setup or the other way round.
template <typename T> class MiscKey : public KeyBase
{
public:
    using Value = T;
    using KeyBase::KeyBase;
};

// mailbox.retrievalProtocol (NEC g_szEmailDllPath)
enum class RetrievalProtocol
{
    Imap4,
    Pop3
};
inline constexpr EnumName<RetrievalProtocol> kRetrievalProtocolNames[] = {{RetrievalProtocol::Imap4, "imap4"},
                                                                          {RetrievalProtocol::Pop3, "pop3"}};
constexpr std::span<const EnumName<RetrievalProtocol>> enumNames(RetrievalProtocol)
{
    return kRetrievalProtocolNames;
}

// secrets.backend
enum class SecretsBackend
{
    Auto,
    Keychain,
    File
};
inline constexpr EnumName<SecretsBackend> kSecretsBackendNames[] = {
    {SecretsBackend::Auto, "auto"}, {SecretsBackend::Keychain, "keychain"}, {SecretsBackend::File, "file"}};
constexpr std::span<const EnumName<SecretsBackend>> enumNames(SecretsBackend)
{
    return kSecretsBackendNames;
}

// smtp.connection5xx, smtp.helo5xx, smtp.mail5xx: where the NEC table's clients disagree
enum class SmtpErrorResult
{
    Deferral,
    Failure
};
inline constexpr EnumName<SmtpErrorResult> kSmtpErrorResultNames[] = {{SmtpErrorResult::Deferral, "deferral"},
                                                                      {SmtpErrorResult::Failure, "failure"}};
constexpr std::span<const EnumName<SmtpErrorResult>> enumNames(SmtpErrorResult)
{
    return kSmtpErrorResultNames;
}

// delivery.ldapError
enum class LdapErrorAction
{
    Wait,
    DefaultRecipient
};
inline constexpr EnumName<LdapErrorAction> kLdapErrorActionNames[] = {
    {LdapErrorAction::Wait, "wait"}, {LdapErrorAction::DefaultRecipient, "defaultRecipient"}};
constexpr std::span<const EnumName<LdapErrorAction>> enumNames(LdapErrorAction)
{
    return kLdapErrorActionNames;
}

// log.level: the engine log's threshold (Log::levelName spells the same names)
inline constexpr EnumName<Log::Level> kLogLevelNames[] = {{Log::Level::Error, "error"},
                                                          {Log::Level::Warning, "warning"},
                                                          {Log::Level::Info, "info"},
                                                          {Log::Level::Debug, "debug"}};
constexpr std::span<const EnumName<Log::Level>> enumNames(Log::Level)
{
    return kLogLevelNames;
}

} // namespace umgate

namespace umgate::miscKeys {

// Every Misc Setup option, once, with its C++ type. MiscSetup::definitions() is built from these
// and the engine reads through them (MiscSetup::get); tst_settingkeys checks each is read or
// marked "not yet used" in the table. Spell reads as miscKeys::NAME.
inline constexpr MiscKey<RetrievalProtocol> retrievalProtocol{"mailbox.retrievalProtocol"};
inline constexpr MiscKey<SecretsBackend> secretsBackend{"secrets.backend"};
inline constexpr MiscKey<bool> rpcTcpEnabled{"rpc.tcp.enabled"};
inline constexpr MiscKey<QString> rpcTcpAddress{"rpc.tcp.address"};
inline constexpr MiscKey<int> rpcTcpPort{"rpc.tcp.port"};
inline constexpr MiscKey<QString> rpcTlsCertificate{"rpc.tls.certificate"};
inline constexpr MiscKey<QString> rpcTlsKey{"rpc.tls.key"};
inline constexpr MiscKey<int> rpcMaxMessageBytes{"rpc.maxMessageBytes"};
inline constexpr MiscKey<int> rpcMaxClients{"rpc.maxClients"};
inline constexpr MiscKey<int> rpcTcpMaxClients{"rpc.tcp.maxClients"};
inline constexpr MiscKey<int> rpcTcpMaxUnauthenticatedPerAddress{"rpc.tcp.maxUnauthenticatedPerAddress"};
inline constexpr MiscKey<int> rpcAuthTimeoutSeconds{"rpc.authTimeoutSeconds"};
inline constexpr MiscKey<int> rpcIdleTimeoutSeconds{"rpc.idleTimeoutSeconds"};
inline constexpr MiscKey<int> directoryCacheTtlSeconds{"directory.cacheTtlSeconds"};
inline constexpr MiscKey<int> directoryNegativeCacheTtlSeconds{"directory.negativeCacheTtlSeconds"};
inline constexpr MiscKey<int> queueMaxDiskMb{"queue.maxDiskMb"};
inline constexpr MiscKey<int> smtpMaxConnectionsPerInstance{"smtp.maxConnectionsPerInstance"};
inline constexpr MiscKey<SmtpErrorResult> smtpConnection5xx{"smtp.connection5xx"};
inline constexpr MiscKey<SmtpErrorResult> smtpHelo5xx{"smtp.helo5xx"};
inline constexpr MiscKey<SmtpErrorResult> smtpMail5xx{"smtp.mail5xx"};
inline constexpr MiscKey<LdapErrorAction> ldapError{"delivery.ldapError"};
inline constexpr MiscKey<int> smtpTimeoutSeconds{"smtp.timeoutSeconds"};
inline constexpr MiscKey<QString> dnsNameserver{"dns.nameserver"};
inline constexpr MiscKey<int> smtpIdleSeconds{"smtp.idleSeconds"};
inline constexpr MiscKey<Log::Level> logLevel{"log.level"};

} // namespace umgate::miscKeys
