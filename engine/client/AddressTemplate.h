// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace umgate {

// The address templates of ixi-UMS 4.2.2.3 and 3.9: the sender, Reply-To and display-name
// templates of incoming messages, e.g. "$(number)@$(addrtype).$(maildomain)". The one expander
// used by the engine (MimeBuilder), the settings validator (validators::senderTemplate) and the
// console's example address (MailSystemPage), so the three always agree.
//
// The rule is the manual's: the variables are $(number), $(addrtype) and $(maildomain), spelt as
// the manual spells them, in lower case ("$(Number)" is no variable; the validator has always
// refused it). $(addrtype) becomes "fax", "voice" or "sms", lower case as in the manual's example
// 0814247990@fax.domain.net. The template is read once, left to right, so a value that happens to
// contain "$(...)" is never expanded again.
class AddressTemplate
{
public:
    struct Values
    {
        QString number;
        QString addrType;
        QString mailDomain;
    };

    struct Result
    {
        QString text;            // unknown or unclosed variables are left as written
        QString unknownVariable; // the first "$(name)" that is no variable, e.g. "$(Number)"
        bool unclosed = false;   // a "$(" without ")"
        bool ok() const { return unknownVariable.isEmpty() && !unclosed; }
    };

    static Result expand(const QString& tmpl, const Values& values);
    // True when the template contains the variable `name` ("number", "addrtype", "maildomain").
    static bool uses(const QString& tmpl, const QString& name);
    // What the validator and the console show for a template: the manual's example number and
    // address type ("0814247990", "fax") and the mail domain, or the manual's "domain.net" when
    // none is set.
    static Values example(const QString& mailDomain = {});
};

} // namespace umgate
