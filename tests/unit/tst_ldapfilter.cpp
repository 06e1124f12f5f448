// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/directory/LdapFilter.h"
#include "engine/directory/PhoneNumber.h"
#include "engine/directory/SearchTemplate.h"

#include <QTest>

using namespace Qt::StringLiterals;
using umgate::DirectoryEntry;
using umgate::EnumName;
using umgate::LdapFilter;
using umgate::PhoneNumber;
using umgate::SearchTemplate;
using umgate::UserManagementType;

namespace {

DirectoryEntry alice()
{
    return {u"cn=Alice Example,ou=people,dc=example,dc=com"_s,
            {{u"objectClass"_s, {u"top"_s, u"inetOrgPerson"_s, u"umsUser"_s}},
             {u"cn"_s, {u"Alice  Example"_s}},
             {u"mail"_s, {u"Alice@Example.com"_s}},
             {u"proxyAddresses"_s,
              {u"SMTP:alice@example.com"_s, u"smtp:a.example@example.com"_s, u"IXI:+49301234568"_s}},
             {u"otherFacsimileTelephoneNumber"_s, {u"+49 30 1234568"_s}},
             {u"sn"_s, {u"Müller"_s}},
             {u"givenName"_s, {u"Jürgen"_s}},
             {u"employeeNumber"_s, {u"42"_s}},
             {u"description"_s, {u"a*b(c)\\d"_s}}}};
}

bool matches(const QString& filter, const DirectoryEntry& e = alice())
{
    QString error;
    const auto f = LdapFilter::parse(filter, &error);
    if (!f) qWarning("parse failed: %s", qPrintable(error));
    return f && f->matches(e);
}

} // namespace

class TstLdapFilter : public QObject
{
    Q_OBJECT
private slots:
    void parseAndRoundTrip_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("normalized");
        QTest::newRow("equality") << u"(cn=Alice)"_s << u"(cn=Alice)"_s;
        QTest::newRow("and or not") << u"(&(|(a=1)(b=2))(!(c=3)))"_s << u"(&(|(a=1)(b=2))(!(c=3)))"_s;
        QTest::newRow("present") << u"(objectClass=*)"_s << u"(objectClass=*)"_s;
        QTest::newRow("substring") << u"(cn=a*b*c)"_s << u"(cn=a*b*c)"_s;
        QTest::newRow("substring initial") << u"(cn=a*)"_s << u"(cn=a*)"_s;
        QTest::newRow("substring final") << u"(cn=*a)"_s << u"(cn=*a)"_s;
        QTest::newRow("ge le approx") << u"(&(a>=1)(b<=2)(c~=x))"_s << u"(&(a>=1)(b<=2)(c~=x))"_s;
        QTest::newRow("escapes kept minimal")
            << u"(cn=\\2a\\28\\29\\5c\\41)"_s << u"(cn=\\2a\\28\\29\\5cA)"_s;
        QTest::newRow("utf8 escape") << u"(cn=J\\c3\\bcrgen)"_s << u"(cn=Jürgen)"_s;
        QTest::newRow("binary escape") << u"(objectGUID=\\ff\\00\\01)"_s << u"(objectGUID=\\ff\\00\x01)"_s;
        QTest::newRow("non-ascii") << u"(cn=Jürgen)"_s << u"(cn=Jürgen)"_s;
        QTest::newRow("extensible") << u"(cn:dn:caseExactMatch:=x)"_s << u"(cn:dn:caseExactMatch:=x)"_s;
        QTest::newRow("extensible no attr") << u"(:dn:2.5.13.5:=x)"_s << u"(:dn:2.5.13.5:=x)"_s;
        QTest::newRow("option") << u"(description;lang-de=x)"_s << u"(description;lang-de=x)"_s;
        QTest::newRow("empty value") << u"(cn=)"_s << u"(cn=)"_s;
    }
    void parseAndRoundTrip()
    {
        QFETCH(QString, text);
        QFETCH(QString, normalized);
        QString error;
        const auto f = LdapFilter::parse(text, &error);
        QVERIFY2(f, qPrintable(error));
        QCOMPARE(f->toString(), normalized);
        const auto again = LdapFilter::parse(f->toString(), &error);
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(again->toString(), normalized);
    }

    void rejectedWithPosition_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("position");
        QTest::newRow("unbalanced") << u"(|(mail=x)"_s << 11;
        QTest::newRow("extra close") << u"(mail=x))"_s << 9;
        QTest::newRow("no parens") << u"mail=x"_s << 1;
        QTest::newRow("empty and") << u"(&)"_s << 3;
        QTest::newRow("bad escape") << u"(mail=\\zz)"_s << 7;
        QTest::newRow("raw paren") << u"(cn=a(b)"_s << 6;
        QTest::newRow("star in ge") << u"(cn>=a*)"_s << 7;
        QTest::newRow("double star") << u"(cn=a**)"_s << 7;
        QTest::newRow("space in attr") << u"(c n=x)"_s << 3;
        QTest::newRow("injection tail") << u"(mail=*)(mail=*)"_s << 9;
    }
    void rejectedWithPosition()
    {
        QFETCH(QString, text);
        QFETCH(int, position);
        QString error;
        QVERIFY(!LdapFilter::parse(text, &error));
        QVERIFY2(error.startsWith(u"invalid at position %1:"_s.arg(position)), qPrintable(error));
        QVERIFY(!LdapFilter::parse(QString(), &error));
        QVERIFY(error.contains(u"empty"_s));
    }

    void deepNestingRefused()
    {
        QString deep;
        for (int i = 0; i < 100; ++i)
            deep += u"(!"_s;
        deep += u"(a=b)"_s;
        for (int i = 0; i < 100; ++i)
            deep += u")"_s;
        QString error;
        QVERIFY(!LdapFilter::parse(deep, &error));
        QVERIFY2(error.contains(u"nested"_s), qPrintable(error));
    }

    void escapeValue()
    {
        QCOMPARE(LdapFilter::escapeValue(u"a*b(c)d\\e"_s), u"a\\2ab\\28c\\29d\\5ce"_s);
        QCOMPARE(LdapFilter::escapeValue(u"x"_s + QChar(0) + u"y"_s), u"x\\00y"_s);
        QCOMPARE(LdapFilter::escapeValue(u"Jürgen"_s), u"Jürgen"_s);
        QCOMPARE(LdapFilter::escapeValue(u"*)(mail=*"_s), u"\\2a\\29\\28mail=\\2a"_s);
        // An escaped value always parses as one literal equality value.
        for (const QString& v : {u"*"_s, u"*)(|(mail=*"_s, u"\\"_s, u"a\\2a"_s, u")"_s, u"Jür*gen"_s}) {
            const auto f = LdapFilter::parse(u"(cn=%1)"_s.arg(LdapFilter::escapeValue(v)));
            QVERIFY2(f, qPrintable(v));
            QCOMPARE(int(f->type()), int(LdapFilter::Type::Equality));
            QCOMPARE(f->value(), v);
        }
    }

    void attributeDescription()
    {
        QVERIFY(LdapFilter::attributeDescriptionError(u"extensionAttribute1"_s).isEmpty());
        QVERIFY(LdapFilter::attributeDescriptionError(u"description;lang-de"_s).isEmpty());
        QVERIFY(LdapFilter::attributeDescriptionError(u"2.5.4.3"_s).isEmpty());
        QVERIFY(!LdapFilter::attributeDescriptionError(u"cn)(uid=*"_s).isEmpty());
        QVERIFY(!LdapFilter::attributeDescriptionError(QString()).isEmpty());
    }

    void matching()
    {
        QVERIFY(matches(u"(objectClass=*)"_s));
        QVERIFY(matches(u"(OBJECTCLASS=INETORGPERSON)"_s));
        QVERIFY(!matches(u"(telephoneNumber=*)"_s));
        QVERIFY(matches(u"(mail=alice@example.com)"_s));
        QVERIFY(matches(u"(cn=alice example)"_s)); // spaces collapse
        QVERIFY(matches(u"(cn=ali*)"_s));
        QVERIFY(matches(u"(cn=*ample)"_s));
        QVERIFY(matches(u"(cn=a*e*e)"_s));
        QVERIFY(!matches(u"(cn=a*z*)"_s));
        QVERIFY(!matches(u"(cn=*alice example*x)"_s));
        QVERIFY(matches(u"(sn=müller)"_s));
        QVERIFY(matches(u"(sn=M\\c3\\bcller)"_s));
        QVERIFY(matches(u"(givenName=Jürgen)"_s));
        QVERIFY(!matches(u"(givenName=Jurgen)"_s));
        QVERIFY(matches(u"(description=a\\2ab\\28c\\29\\5cd)"_s));
        QVERIFY(matches(u"(&(employeeNumber>=40)(employeeNumber<=43))"_s));
        QVERIFY(matches(u"(!(mail=bob@example.com))"_s));
        QVERIFY(matches(u"(|(mail=bob@example.com)(cn=Alice Example))"_s));
        QVERIFY(!matches(u"(&(mail=bob@example.com)(cn=Alice Example))"_s));
        QVERIFY(matches(u"(proxyAddresses=smtp:ALICE@example.com)"_s)); // primary SMTP:, caseIgnore
        // Extensible matches are Undefined: neither they nor their negation match.
        QVERIFY(!matches(u"(cn:dn:=people)"_s));
        QVERIFY(!matches(u"(!(cn:dn:=people))"_s));
        QVERIFY(matches(u"(|(cn:dn:=people)(mail=alice@example.com))"_s));
        QVERIFY(!matches(u"(&(cn:dn:=people)(mail=alice@example.com))"_s));
    }

    void telephoneNumberMatch()
    {
        QVERIFY(matches(u"(otherFacsimileTelephoneNumber=+49 30 1234568)"_s));
        QVERIFY(matches(u"(otherFacsimileTelephoneNumber=+49301234568)"_s));
        QVERIFY(matches(u"(otherfacsimiletelephonenumber=+49-30-1234568)"_s));
        QVERIFY(matches(u"(otherFacsimileTelephoneNumber=*1234568)"_s));
        QVERIFY(matches(u"(otherFacsimileTelephoneNumber=+4930*)"_s));
        QVERIFY(!matches(u"(otherFacsimileTelephoneNumber=+49 30 1234569)"_s));
        // proxyAddresses is caseIgnoreMatch: spaces count (hence both forms in the templates).
        QVERIFY(matches(u"(proxyAddresses=IXI:+49301234568)"_s));
        QVERIFY(!matches(u"(proxyAddresses=IXI:+49 30 1234568)"_s));
    }

    void injectionThroughTemplate()
    {
        // A hostile "number" never reaches a template: PhoneNumber refuses it.
        QVERIFY(!PhoneNumber::parse(u"*)(mail=*"_s));
        QVERIFY(!PhoneNumber::parse(u"+49*)(mail=*"_s));
        // And had it got there, escaping keeps it a literal value that matches nothing.
        const QString filter = u"(mail=%1)"_s.arg(LdapFilter::escapeValue(u"*)(mail=*"_s));
        QCOMPARE(filter, u"(mail=\\2a\\29\\28mail=\\2a)"_s);
        QVERIFY(!matches(filter));
        QVERIFY(matches(u"(mail=*)"_s)); // what the unescaped text would have done
        // The sender filter escapes too.
        const QString sender = SearchTemplate::forSender(u"*"_s);
        QVERIFY(LdapFilter::parse(sender));
        QVERIFY(!matches(sender));
        QVERIFY(matches(SearchTemplate::forSender(u"ALICE@example.com"_s)));
        QVERIFY(matches(SearchTemplate::forSender(u"a.example@EXAMPLE.com"_s)));
        QVERIFY(!matches(SearchTemplate::forSender(u"bob@example.com"_s)));
    }

    void searchTemplates()
    {
        const auto n = PhoneNumber::parse(u"+49 30 1234568"_s);
        QVERIFY(n);
        QCOMPARE(SearchTemplate::expand(u"(|(a=${UMS})(b=${UMS}_wHTSPC))"_s, *n),
                 u"(|(a=+49 30 1234568)(b=+49301234568))"_s);
        // Templates are cut once and kept: each new one must be cut anew, whatever came before,
        // with placeholders at either end, next to each other, or none at all.
        const auto other = PhoneNumber::parse(u"+1 555 0100"_s);
        QVERIFY(other);
        const std::pair<QString, QString> cases[] = {
            {u"${UMS}"_s, u"+49 30 1234568"_s},
            {u"${UMS}_wHTSPC"_s, u"+49301234568"_s},
            {u"(fax=${UMS}${UMS}_wHTSPC${UMS})"_s, u"(fax=+49 30 1234568+49301234568+49 30 1234568)"_s},
            {u"(fax=${UMS}_wHTSPCx)"_s, u"(fax=+49301234568x)"_s},
            {u"(fax=${UMS)(x=$UMS)"_s, u"(fax=${UMS)(x=$UMS)"_s},
            {u"(objectClass=*)"_s, u"(objectClass=*)"_s},
            {u""_s, u""_s},
            {u"(a=${UMS})"_s, u"(a=+49 30 1234568)"_s},
        };
        for (int pass = 0; pass < 2; ++pass)
            for (const auto& [tmpl, expected] : cases) {
                QCOMPARE(SearchTemplate::expand(tmpl, *n), expected);
                QCOMPARE(SearchTemplate::expand(u"(b=${UMS})"_s, *other), u"(b=+1 555 0100)"_s);
            }
        for (const EnumName<UserManagementType>& type : enumNames(UserManagementType{})) {
            const QString tmpl = SearchTemplate::defaultTemplate(type.value);
            QVERIFY2(tmpl.contains(u"${UMS}_wHTSPC"_s), type.name);
            QString error;
            const auto f = LdapFilter::parse(SearchTemplate::expand(tmpl, *n), &error);
            QVERIFY2(f, qPrintable(QString::fromLatin1(type.name) + u": "_s + error));
        }
        QVERIFY(!SearchTemplate::defaultTemplate(UserManagementType::OpenLdap)
                     .contains(u"(facsimileTelephoneNumber"_s));
        QVERIFY(SearchTemplate::defaultTemplate(UserManagementType::Domino)
                    .contains(u"facsimileTelephoneNumber"_s));
        // The OpenLDAP template finds both stored spellings.
        DirectoryEntry spaced = alice();
        DirectoryEntry compact = alice();
        compact.attributes.remove(u"proxyAddresses"_s);
        compact.attributes[u"otherFacsimileTelephoneNumber"_s] = {u"+49301234568"_s};
        spaced.attributes.remove(u"proxyAddresses"_s);
        for (const QString& number : {u"+49 30 1234568"_s, u"+49301234568"_s}) {
            const auto p = PhoneNumber::parse(number);
            const QString filter =
                SearchTemplate::expand(SearchTemplate::defaultTemplate(UserManagementType::OpenLdap), *p);
            QVERIFY2(matches(filter, spaced), qPrintable(filter));
            QVERIFY2(matches(filter, compact), qPrintable(filter));
            QVERIFY(
                !matches(SearchTemplate::expand(SearchTemplate::defaultTemplate(UserManagementType::OpenLdap),
                                                *PhoneNumber::parse(u"+49 30 1234569"_s)),
                         spaced));
        }
    }
};

QTEST_GUILESS_MAIN(TstLdapFilter)
#include "tst_ldapfilter.moc"
