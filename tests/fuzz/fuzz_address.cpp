// SPDX-License-Identifier: GPL-3.0-or-later
// Numbers and the templates they are put into: the E.164 parser (engine/directory/PhoneNumber) for
// every calling and called number, the LDAP search template (SearchTemplate) and the sender
// address template (MimeBuilder::expandAddressTemplate).
// Input: up to five lines: number, search template, address template, mail domain, sender address.
#include "engine/directory/LdapFilter.h"
#include "engine/directory/PhoneNumber.h"
#include "engine/directory/SearchTemplate.h"
#include "engine/mail/MimeBuilder.h"
#include "tests/fuzz/FuzzSupport.h"

using namespace umgate;

namespace {

QString field(const QList<QByteArray>& lines, qsizetype i)
{
    return i < lines.size() ? QString::fromUtf8(lines[i]) : QString();
}

void checkNumber(const PhoneNumber& n)
{
    fuzz::check(n.digits().size() <= PhoneNumber::kMaxDigits, "at most 15 digits", n.e164());
    const auto again = PhoneNumber::parse(n.canonical());
    fuzz::check(again && *again == n && again->canonical() == n.canonical(), "canonical() parses to itself",
                n.canonical());
    const auto compact = PhoneNumber::parse(n.e164());
    fuzz::check(compact && *compact == n, "e164() parses to the same number", n.e164());
    fuzz::check(n.matchesAttributeValue(n.canonical()) && n.matchesAttributeValue(n.e164()),
                "a number matches its own spellings", n.canonical());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QList<QByteArray> lines = fuzz::bytes(data, size).split('\n');
    const QString numberText = field(lines, 0);
    const QString searchTemplate = field(lines, 1);
    const QString addressTemplate = field(lines, 2);
    const QString mailDomain = field(lines, 3);
    const QString sender = field(lines, 4);

    QString error;
    const auto number = PhoneNumber::parse(numberText, &error);
    if (number) {
        checkNumber(*number);
        number->matchesAttributeValue(searchTemplate);
        const QString filter = SearchTemplate::expand(searchTemplate, *number);
        // A number is escaped, so it never breaks a filter: a template that is a filter stays one.
        if (LdapFilter::parse(searchTemplate))
            fuzz::check(LdapFilter::parse(filter).has_value(), "an expanded valid template is a filter",
                        filter);
    } else {
        fuzz::check(!error.isEmpty(), "a refused number says why");
    }
    // An escaped sender address can never change the filter's structure.
    const QString senderFilter = SearchTemplate::forSender(sender);
    const auto parsed = LdapFilter::parse(senderFilter, &error);
    fuzz::check(parsed && parsed->type() == LdapFilter::Type::Or && parsed->children().size() == 2,
                "the sender filter is (|(mail=..)(proxyAddresses=..))", senderFilter + u' ' + error);

    for (const QString& addrType : {QStringLiteral("fax"), QStringLiteral("voice"), sender}) {
        QString why;
        const QString address =
            MimeBuilder::expandAddressTemplate(addressTemplate, numberText, addrType, mailDomain, &why);
        if (address.isEmpty()) {
            fuzz::check(!why.isEmpty(), "an address template that gives nothing says why");
            continue;
        }
        fuzz::check(why.isEmpty(), "a good address leaves no error");
        for (const QChar c : address)
            fuzz::check(c.unicode() > 0x20 && c.unicode() != 0x7f,
                        "no space or control character in an address", address);
    }
    return 0;
}
