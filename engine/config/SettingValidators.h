// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/client/ClientValidators.h"

#include <QJsonValue>
#include <QString>

namespace umgate::validators {

// Validators shared by the settings table, Misc Setup, import and the console. Each returns an
// empty string when the value is fine, else the reason (one sentence after the value).
QString port(int value);
QString ipAddress(const QString& value, bool allowEmpty);          // IPv4 or IPv6 literal
QString ipAddressOrNetwork(const QString& value, bool allowEmpty); // also "192.0.2.0/24", "2001:db8::/32"
QString host(const QString& value, bool allowEmpty);               // host name or IP literal
// An address or network that may relay without logging in: one that cannot take in the Internet.
QString relayClient(const QString& value);
QString emailAddress(const QString& value, bool allowEmpty);      // addr-spec, RFC 5321 limits
QString senderTemplate(const QString& value, bool allowEmpty);    // needs $(number) and $(addrtype)
QString ldapFilterTemplate(const QString& value);                 // RFC 4515 after substitution
QString ldapLoginFilter(const QString& value);                    // RFC 4515 with ${USER} in it
QString distinguishedName(const QString& value, bool allowEmpty); // RFC 4514 via ldap_str2dn
QString ldapAttributeName(const QString& value, bool allowEmpty);
QString phoneNumberPattern(const QString& value); // Print Unread numbers / ranges / *
// File names in <instance>/Certificates (4.2.1.2, 4.2.2.6): a name, never a path; empty is fine.
QString certificateFileName(const QString& value);
// The local message store lives inside the instance folder: no absolute path, no "..".
QString pathInsideInstance(const QString& value);
// Digits only (optionally after a leading '+'), at most 32; empty is fine.
QString digitsOnly(const QString& value, bool allowPlus);
// The name of a cover page folder, not a path; empty is fine.
QString coverPageName(const QString& value);

// A JSON value of the wrong type as a reason names it ("the text \"x\"", "a list", ...).
QString describeJson(const QJsonValue& value);

} // namespace umgate::validators
