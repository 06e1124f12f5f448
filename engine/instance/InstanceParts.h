// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/delivery/InstanceMail.h"
#include "engine/directory/DirectoryService.h"
#include "engine/directory/LdapClientConfig.h"
#include "engine/inbound/InboundConnection.h"

#include <QStringList>
#include <optional>

namespace umgate {

struct InstanceConfig;
class MiscSetup;
class Paths;

// What each part of a running Instance is configured with, built from one config snapshot and
// Misc Setup. Pure: no secret is read here; the paths of the passwords each part needs are named,
// and Instance reads them in one pass before it configures the parts.
namespace InstanceParts {

// The directory: user management type, search template, cover page attributes, look-up log,
// cache lifetimes (ixi-UMS 4.2.3, 4.2.5, 4.2.6).
DirectoryService::Settings directory(const InstanceConfig& config, const Paths& paths, const MiscSetup& misc);
// The LDAP client (ixi-UMS 4.2.3.1), without its bind password; nothing for the embedded directory.
std::optional<LdapClientConfig> ldap(const InstanceConfig& config, const Paths& paths);
// The telephony -> e-mail pipeline (ixi-UMS 3.9, 4.2.2, 4.2.7, 4.2.8), without its passwords.
InstanceMail::Config mail(const InstanceConfig& config, const Paths& paths, const MiscSetup& misc);
// The SMTP listener's sessions (ixi-UMS 4.2.1): host name, allowed clients, the address template
// that recipients are read with, the kernel's outgoing spool.
InboundSettings inbound(const InstanceConfig& config, const Paths& paths);
// "192.0.2.1", "192.0.2.0/24", "2001:db8::/32" -> address and prefix length; nothing if invalid.
std::optional<QPair<QHostAddress, int>> network(const QString& text);

// The secret path of the LDAP bind password, when the instance uses LDAP and one is stored.
std::optional<QString> ldapPasswordPath(const InstanceConfig& config);
// The secret path of the SMTP listener's login password, when one is stored.
std::optional<QString> listenerPasswordPath(const InstanceConfig& config);
// The secret paths of the mail passwords that are stored: the Mail System account and the sender
// list entries ("KEY[entryId].password"), as MailRoutes hands them out.
QStringList mailPasswordPaths(const InstanceConfig& config);

} // namespace InstanceParts

} // namespace umgate
