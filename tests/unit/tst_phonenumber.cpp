// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/directory/PhoneNumber.h"

#include <QTest>

using namespace Qt::StringLiterals;
using umgate::PhoneNumber;

class TstPhoneNumber : public QObject
{
    Q_OBJECT
private slots:
    void accepted_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("canonical");
        QTest::addColumn<QString>("e164");
        QTest::newRow("manual spaces")
            << u"+49 8142 4799123"_s << u"+49 8142 4799123"_s << u"+4981424799123"_s;
        QTest::newRow("manual no spaces")
            << u"+4981424799123"_s << u"+4981424799123"_s << u"+4981424799123"_s;
        QTest::newRow("brackets hyphen")
            << u"+49 (8142) 479-9123"_s << u"+49 8142 4799123"_s << u"+4981424799123"_s;
        QTest::newRow("slashes") << u"+49/8142/4799123"_s << u"+4981424799123"_s << u"+4981424799123"_s;
        QTest::newRow("00 prefix") << u"0049 8142 4799123"_s << u"+49 8142 4799123"_s << u"+4981424799123"_s;
        QTest::newRow("extra spaces")
            << u"  +49   30\t1234568 "_s << u"+49 30 1234568"_s << u"+49301234568"_s;
        QTest::newRow("plus alone") << u"+ 49 30 1234568"_s << u"+49 30 1234568"_s << u"+49301234568"_s;
        QTest::newRow("manual AD example") << u"+41 5 45489756"_s << u"+41 5 45489756"_s << u"+41545489756"_s;
        QTest::newRow("15 digits") << u"+123456789012345"_s << u"+123456789012345"_s << u"+123456789012345"_s;
        QTest::newRow("15 groups of one") << u"+1 2 3 4 5 6 7 8 9 0 1 2 3 4 5"_s
                                          << u"+1 2 3 4 5 6 7 8 9 0 1 2 3 4 5"_s << u"+123456789012345"_s;
    }
    void accepted()
    {
        QFETCH(QString, text);
        QFETCH(QString, canonical);
        QFETCH(QString, e164);
        QString error;
        const auto n = PhoneNumber::parse(text, &error);
        QVERIFY2(n, qPrintable(error));
        QCOMPARE(n->canonical(), canonical);
        QCOMPARE(n->e164(), e164);
        QCOMPARE(n->digits(), e164.mid(1));
    }

    void rejected_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << QString() << u"empty"_s;
        QTest::newRow("blank") << u"   "_s << u"empty"_s;
        QTest::newRow("no country code") << u"08142 4799123"_s << u"country code"_s;
        QTest::newRow("extension only") << u"4799123"_s << u"country code"_s;
        QTest::newRow("letters") << u"+49 8142 FAX"_s << u"'F'"_s;
        QTest::newRow("16 digits") << u"+1234567890123456"_s << u"16 digits"_s;
        QTest::newRow("16 digits in groups") << u"+1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6"_s << u"16 digits"_s;
        // Digits past the 15th are only counted: the count in the error is still exact.
        QTest::newRow("a million digits") << u"+"_s + QString(1000000, u'7') << u"1000000 digits"_s;
        QTest::newRow("injection") << u"*)(mail=*"_s << u"country code"_s;
        QTest::newRow("injection after plus") << u"+49*)(mail=*"_s << u"'*'"_s;
        QTest::newRow("backslash") << u"+49\\2a"_s << u"'\\'"_s;
        QTest::newRow("crlf") << u"+49 30\r\n1234"_s << u"not allowed"_s;
        QTest::newRow("nul") << u"+4930"_s + QChar(0) + u"1"_s << u"not allowed"_s;
        QTest::newRow("only plus") << u"+"_s << u"no digits"_s;
        QTest::newRow("too short") << u"+4"_s << u"too short"_s;
        QTest::newRow("zero country code") << u"+049 30 1234"_s << u"starting with 0"_s;
        QTest::newRow("000") << u"000 49 30 1234"_s << u"starting with 0"_s;
        QTest::newRow("arabic digits") << u"+٤٩٣٠١٢٣٤"_s << u"not allowed"_s;
        QTest::newRow("semicolon") << u"+49;30"_s << u"not allowed"_s;
    }
    void rejected()
    {
        QFETCH(QString, text);
        QFETCH(QString, reason);
        QString error;
        QVERIFY(!PhoneNumber::parse(text, &error));
        QVERIFY2(error.contains(reason), qPrintable(error));
        QVERIFY(!error.contains(u'\r') && !error.contains(u'\n'));
    }

    void equalityByDigits()
    {
        const auto a = PhoneNumber::parse(u"+49 30 1234568"_s);
        const auto b = PhoneNumber::parse(u"+49301234568"_s);
        const auto c = PhoneNumber::parse(u"0049 (30) 123-4568"_s);
        const auto d = PhoneNumber::parse(u"+49 30 1234569"_s);
        QVERIFY(a && b && c && d);
        QVERIFY(*a == *b);
        QVERIFY(*a == *c);
        QVERIFY(*a != *d);
    }

    void matchesAttributeValue()
    {
        const auto n = PhoneNumber::parse(u"+49 8142 4799123"_s);
        QVERIFY(n);
        QVERIFY(n->matchesAttributeValue(u"+49 8142 4799123"_s));
        QVERIFY(n->matchesAttributeValue(u"+4981424799123"_s));
        QVERIFY(n->matchesAttributeValue(u"+49-8142-4799123"_s));
        QVERIFY(n->matchesAttributeValue(u"IXI:+4981424799123"_s));
        QVERIFY(n->matchesAttributeValue(u"ixi:+49 8142 4799123"_s));
        QVERIFY(n->matchesAttributeValue(u"0049 8142 4799123"_s));
        QVERIFY(!n->matchesAttributeValue(u"+49 8142 4799124"_s));
        QVERIFY(!n->matchesAttributeValue(u"IXI:+49 8142"_s));
        QVERIFY(!n->matchesAttributeValue(u"SMTP:4981424799123@example.com"_s));
        QVERIFY(!n->matchesAttributeValue(u"81424799123"_s));
        QVERIFY(!n->matchesAttributeValue(u"+49:81424799123"_s));
        QVERIFY(!n->matchesAttributeValue(QString()));
    }
};

QTEST_GUILESS_MAIN(TstPhoneNumber)
#include "tst_phonenumber.moc"
