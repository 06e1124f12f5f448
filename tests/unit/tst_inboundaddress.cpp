// SPDX-License-Identifier: GPL-3.0-or-later
// InboundAddress: the recipient addresses of e-mail to telephony, read by inverting the address
// template, with RFC 3192 / RFC 4143 spellings and the refusals a mail server turns into an NDR.
#include "engine/inbound/InboundAddress.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace umgate;

class TestInboundAddress : public QObject
{
    Q_OBJECT

private slots:
    void parse_data()
    {
        QTest::addColumn<QString>("tmpl");
        QTest::addColumn<QByteArray>("address");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("number");
        QTest::addColumn<QString>("subAddress");
        const QString def = u"$(number)@$(addrtype).$(maildomain)"_s;
        QTest::newRow("default") << def << QByteArray("+4930123456@fax.example.com") << u"fax"_s
                                 << u"+4930123456"_s << QString();
        QTest::newRow("sms, upper case")
            << def << QByteArray("+4930123456@SMS.Example.COM") << u"sms"_s << u"+4930123456"_s << QString();
        QTest::newRow("voice, 00") << def << QByteArray("004930123456@voice.example.com") << u"voice"_s
                                   << u"+4930123456"_s << QString();
        QTest::newRow("quoted with spaces") << def << QByteArray("\"+49 30 123456\"@fax.example.com")
                                            << u"fax"_s << u"+4930123456"_s << QString();
        QTest::newRow("separators") << def << QByteArray("+49-30-123.456@fax.example.com") << u"fax"_s
                                    << u"+4930123456"_s << QString();
        QTest::newRow("rfc3192") << def << QByteArray("FAX=+4930123456@fax.example.com") << u"fax"_s
                                 << u"+4930123456"_s << QString();
        QTest::newRow("rfc3192 t33s") << def << QByteArray("FAX=+4930123456/T33S=12@fax.example.com")
                                      << u"fax"_s << u"+4930123456"_s << u"12"_s;
        QTest::newRow("rfc4143") << def << QByteArray("+4930123456/t33s=7@fax.example.com") << u"fax"_s
                                 << u"+4930123456"_s << u"7"_s;
        QTest::newRow("other template")
            << u"$(addrtype)-$(number)@ums.$(maildomain)"_s << QByteArray("sms-+4930123456@ums.example.com")
            << u"sms"_s << u"+4930123456"_s << QString();
    }

    void parse()
    {
        QFETCH(QString, tmpl);
        QFETCH(QByteArray, address);
        QFETCH(QString, type);
        QFETCH(QString, number);
        QFETCH(QString, subAddress);
        const InboundAddress parser(tmpl, u"Example.com"_s);
        QByteArray reply;
        const auto p = parser.parse(address, &reply);
        QVERIFY2(p, reply.constData());
        QCOMPARE(p->type, type);
        QCOMPARE(p->number, number);
        QCOMPARE(p->subAddress, subAddress);
    }

    void refused_data()
    {
        QTest::addColumn<QByteArray>("address");
        QTest::addColumn<QByteArray>("reply");
        QTest::newRow("other domain")
            << QByteArray("+4930123456@fax.example.org")
            << QByteArray("550 5.1.2 <+4930123456@fax.example.org>: this gateway accepts "
                          "only fax.example.com, voice.example.com, sms.example.com");
        QTest::newRow("subdomain") << QByteArray("+4930123456@x.fax.example.com") << QByteArray("550 5.1.2");
        QTest::newRow("unknown type")
            << QByteArray("+4930123456@telex.example.com") << QByteArray("550 5.1.2");
        QTest::newRow("national number")
            << QByteArray("030123456@fax.example.com") << QByteArray("550 5.1.3");
        QTest::newRow("letters") << QByteArray("alice@fax.example.com") << QByteArray("550 5.1.3");
        QTest::newRow("too long") << QByteArray("+1234567890123456@fax.example.com")
                                  << QByteArray("550 5.1.3");
        QTest::newRow("bad t33s") << QByteArray("+4930123456/T33S=ab@fax.example.com")
                                  << QByteArray("550 5.1.3 <+4930123456/T33S=ab@fax.example.com>: the T.33 "
                                                "sub-address must be 1 to 20 digits");
        QTest::newRow("postmaster") << QByteArray("postmaster") << QByteArray("550 5.1.2");
        QTest::newRow("regex in domain")
            << QByteArray("+4930123456@fax.exampleXcom") << QByteArray("550 5.1.2");
    }

    void refused()
    {
        QFETCH(QByteArray, address);
        QFETCH(QByteArray, reply);
        const InboundAddress parser(u"$(number)@$(addrtype).$(maildomain)"_s, u"example.com"_s);
        QByteArray got;
        QVERIFY(!parser.parse(address, &got));
        QVERIFY2(got.startsWith(reply), got.constData());
    }

    // The site's dialing rules: national, local and PBX-prefixed numbers become E.164; what they
    // cannot place is refused with the reason.
    void dialingRules_data()
    {
        QTest::addColumn<QString>("written");
        QTest::addColumn<QString>("outside"); // outside-line prefix
        QTest::addColumn<QString>("number");  // "" = refused
        QTest::newRow("international") << u"+4989123456"_s << QString() << u"+4989123456"_s;
        QTest::newRow("00") << u"004989123456"_s << QString() << u"+4989123456"_s;
        QTest::newRow("national") << u"089 123456"_s << QString() << u"+4989123456"_s;
        QTest::newRow("national, separators") << u"(089) 12-34/56"_s << QString() << u"+4989123456"_s;
        QTest::newRow("local") << u"1234567"_s << QString() << u"+49301234567"_s;
        QTest::newRow("outside + national") << u"0 089 123456"_s << u"0"_s << u"+4989123456"_s;
        QTest::newRow("outside + international") << u"0004189123456"_s << u"0"_s << u"+4189123456"_s;
        // "0" then "89...": no prefix follows the outside line, so it is the national prefix.
        QTest::newRow("outside prefix not before a prefix") << u"089123456"_s << u"0"_s << u"+4989123456"_s;
        // Local numbers may begin with the outside-line digit: never removed before one.
        QTest::newRow("outside 9, local 9...") << u"9 1234567"_s << u"9"_s << u"+493091234567"_s;
        QTest::newRow("outside 9 + national") << u"9 089 123456"_s << u"9"_s << u"+4989123456"_s;
        QTest::newRow("too long") << u"0123456789012345678"_s << QString() << QString();
        QTest::newRow("letters") << u"089-CALL-NOW"_s << QString() << QString();
    }

    void dialingRules()
    {
        QFETCH(QString, written);
        QFETCH(QString, outside);
        QFETCH(QString, number);
        DialingRules site;
        site.countryCode = u"49"_s;
        site.areaCode = u"30"_s;
        site.outsideLinePrefix = outside;
        const InboundAddress parser(u"$(number)@$(addrtype).$(maildomain)"_s, u"example.com"_s, site);
        QByteArray reply;
        const auto p = parser.parse("\"" + written.toLatin1() + "\"@fax.example.com", &reply);
        if (number.isEmpty()) {
            QVERIFY2(!p && reply.startsWith("550 5.1.3"), reply.constData());
            return;
        }
        QVERIFY2(p, reply.constData());
        QCOMPARE(p->number, number);
    }

    // Without an area code a local number cannot be placed; without a country code a national one
    // cannot: each refusal says which is missing. North America: 011 and 1.
    void dialingRulesMissingCodes()
    {
        DialingRules site;
        site.countryCode = u"49"_s;
        QByteArray reply;
        QVERIFY(!InboundAddress(u"$(number)@$(addrtype).$(maildomain)"_s, u"example.com"_s, site)
                     .parse("1234567@fax.example.com", &reply));
        QVERIFY2(reply.startsWith("550 5.1.3") && reply.contains("lacks the area code"), reply.constData());
        QVERIFY(!InboundAddress(u"$(number)@$(addrtype).$(maildomain)"_s, u"example.com"_s)
                     .parse("089123456@fax.example.com", &reply));
        QVERIFY2(reply.contains("lacks the country code"), reply.constData());
        DialingRules nanp;
        nanp.countryCode = u"1"_s;
        nanp.areaCode = u"212"_s;
        nanp.internationalPrefix = u"011"_s;
        nanp.nationalPrefix = u"1"_s;
        const InboundAddress us(u"$(number)@$(addrtype).$(maildomain)"_s, u"example.com"_s, nanp);
        QCOMPARE(us.parse("1-415-555-0100@fax.example.com", &reply)->number, u"+14155550100"_s);
        QCOMPARE(us.parse("555-0100@fax.example.com", &reply)->number, u"+12125550100"_s);
        QCOMPARE(us.parse("01149301234@fax.example.com", &reply)->number, u"+49301234"_s);
    }

    // Only addresses of other domains may be relayed to the smart host: one of the gateway's own
    // that does not parse would go back to the mail server that routes it here.
    void foreignDomains()
    {
        const InboundAddress parser(u"$(number)@$(addrtype).$(maildomain)"_s, u"example.com"_s);
        QVERIFY(parser.isForeign("anna@example.com"));
        QVERIFY(parser.isForeign("bob@partner.org"));
        QVERIFY(parser.isForeign("x@other.fax.example.com"));
        QVERIFY(!parser.isForeign("not-a-number@fax.example.com"));
        QVERIFY(!parser.isForeign("+4930123@SMS.Example.COM"));
        QVERIFY(!parser.isForeign("postmaster"));    // no domain: ours (RFC 5321 4.5.1)
        QVERIFY(!parser.isForeign("a@[192.0.2.1]")); // address literals are never relayed
        QVERIFY(!parser.isForeign("a@"));
        // A template whose domain holds the number: everything under the mail domain is ours.
        const InboundAddress inDomain(u"$(addrtype)@$(number).$(maildomain)"_s, u"example.com"_s);
        QVERIFY(!inDomain.isForeign("fax@4930123.example.com"));
        QVERIFY(!inDomain.isForeign("anna@example.com"));
        QVERIFY(inDomain.isForeign("anna@partner.org"));
        QVERIFY(inDomain.isForeign("anna@badexample.com"));
    }

    void invalidTemplateMatchesNothing()
    {
        const InboundAddress parser(u"$(Number)@x"_s, u"example.com"_s);
        QByteArray got;
        QVERIFY(!parser.parse("+4930123456@x", &got));
        QVERIFY(got.startsWith("550 5.1.3"));
    }
};

QTEST_GUILESS_MAIN(TestInboundAddress)
#include "tst_inboundaddress.moc"
