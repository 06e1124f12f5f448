// SPDX-License-Identifier: GPL-3.0-or-later
// RFC 4515 search filters (engine/directory/LdapFilter): the search template an administrator
// types, and the filters the embedded directory evaluates. The normalized text of an accepted
// filter must parse to the same normalized text; matching must not crash on any entry.
#include "engine/directory/LdapFilter.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace umgate;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QString text = QString::fromUtf8(fuzz::bytes(data, size));
    QString error;
    const auto filter = LdapFilter::parse(text, &error);
    LdapFilter::attributeDescriptionError(text);
    LdapFilter::escapeValue(text);
    if (!filter) {
        // Mostly "invalid at position N: ..."; an empty filter has no position to name.
        fuzz::check(!error.isEmpty(), "a refused filter says why");
        return 0;
    }
    const QString normalized = filter->toString();
    QString error2;
    const auto again = LdapFilter::parse(normalized, &error2);
    fuzz::check(again.has_value(), "toString() of a parsed filter parses", normalized + u' ' + error2);
    fuzz::check(again->toString() == normalized, "toString() is stable", normalized);
    DirectoryEntry entry;
    entry.dn = QStringLiteral("cn=Anna Berg,ou=people,dc=example,dc=org");
    entry.attributes.insert(QStringLiteral("cn"), {QStringLiteral("Anna Berg")});
    entry.attributes.insert(QStringLiteral("mail"), {QStringLiteral("anna@example.org")});
    entry.attributes.insert(QStringLiteral("telephoneNumber"), {QStringLiteral("+49 8142 4799123")});
    entry.attributes.insert(QStringLiteral("objectClass"), {QStringLiteral("top"), QStringLiteral("person")});
    fuzz::check(filter->matches(entry) == again->matches(entry), "the normalized filter matches the same");
    return 0;
}
