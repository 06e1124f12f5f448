// SPDX-License-Identifier: GPL-3.0-or-later
// InboundAddress: the recipient addresses of e-mail to telephony, read by inverting the address
// template, with RFC 3192 / RFC 4143 spellings and the refusals a mail server turns into an NDR.
#include "engine/inbound/InboundAddress.h"

#include <QtTest>

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
