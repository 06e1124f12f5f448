// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/directory/DialingRules.h"

#include <QByteArray>
#include <QRegularExpression>
#include <QString>
#include <optional>

namespace umgate {

// The telephone number and job type in a recipient address, read by inverting the instance's
// address template (ixi-UMS 4.2.2.3: "$(number)@$(addrtype).$(maildomain)"; any template the
// settings validator accepts), so that the addresses umgate writes into its own mails are also
// the ones it accepts. The number part may also be written as RFC 3192 says ("FAX=+4930123456",
// with "/T33S=12" for a sub-address) or as RFC 4143 does ("+4930123456/T33S=12"); a quoted local
// part may hold spaces ("\"+49 30 123456\"@fax.example.com"). Numbers are accepted in
// international form ("+49 30 123456" or "0049 30 123456") and, by the site's dialing rules, in
// national or local form ("030 123456", "123456"); the mail domain and address type compare
// without case, like every mail domain.
class InboundAddress
{
public:
    struct Parsed
    {
        QString type;       // "fax", "voice" or "sms"
        QString number;     // E.164: "+4930123456"
        QString subAddress; // T.33 sub-address digits, "" when none
    };

    // `senderTemplate`, `mailDomain` and `dialing` as in the instance's settings. An invalid
    // template (the validator refuses those) matches nothing.
    InboundAddress(const QString& senderTemplate, const QString& mailDomain,
                   const DialingRules& dialing = {});

    // The parsed recipient, or nothing with the whole refusing reply in `reply`
    // ("550 5.1.2 ..." for an address of another domain, "550 5.1.3 ..." for a bad number).
    std::optional<Parsed> parse(const QByteArray& address, QByteArray* reply) const;
    // Whether the address is of another domain than the gateway's (Avaya: exact match), so it may
    // be relayed. An address of a gateway domain that does not parse is never foreign: relaying it
    // would send it back to the mail server that routes that domain here.
    bool isForeign(const QByteArray& address) const;

private:
    QRegularExpression m_pattern;       // the whole address
    QRegularExpression m_domainPattern; // the part after '@', when the template's has no $(number)
    QString m_domains;                  // for the refusal: "fax.example.com, sms.example.com, ..."
    QString m_mailDomain;               // lower case: isForeign when the template's domain has $(number)
    DialingRules m_dialing;
    bool m_valid = false;
    bool m_checksDomain = false;
};

} // namespace umgate
