// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/directory/Ldif.h"

#include <QTest>

using namespace Qt::StringLiterals;
using umgate::DirectoryEntry;
using umgate::Ldif;

class TstLdif : public QObject
{
    Q_OBJECT
private slots:
    void parsesContentRecords()
    {
        const QByteArray data = "# a comment\n"
                                "#  folded comment\n"
                                " continued\n"
                                "version: 1\n"
                                "\n"
                                "dn: cn=Alice,ou=people,dc=example,dc=com\n"
                                "objectClass: inetOrgPerson\n"
                                "cn: Alice\n"
                                "description: a long value that is\n"
                                "  folded over two lines\n"
                                "sn:: TcO8bGxlcg==\n"
                                "mail:\n"
                                "CN: Alice Again\r\n"
                                "\n"
                                "\n"
                                "dn:: Y249SsO8cmdlbixkYz1leGFtcGxlLGRjPWNvbQ==\n"
                                "cn: Jürgen\n";
        QString error;
        const auto entries = Ldif::parse(data, &error);
        QVERIFY2(entries, qPrintable(error));
        QCOMPARE(entries->size(), 2);
        const DirectoryEntry& a = entries->at(0);
        QCOMPARE(a.dn, u"cn=Alice,ou=people,dc=example,dc=com"_s);
        QCOMPARE(a.values(u"cn"_s), (QStringList{u"Alice"_s, u"Alice Again"_s}));
        QCOMPARE(a.value(u"description"_s), u"a long value that is folded over two lines"_s);
        QCOMPARE(a.value(u"sn"_s), u"Müller"_s);
        QCOMPARE(a.values(u"mail"_s), QStringList{QString()});
        QCOMPARE(entries->at(1).dn, u"cn=Jürgen,dc=example,dc=com"_s);
        QCOMPARE(entries->at(1).value(u"cn"_s), u"Jürgen"_s);
    }

    void roundTrip()
    {
        const QList<DirectoryEntry> in = {
            {u"cn=Alice,dc=example,dc=com"_s,
             {{u"objectClass"_s, {u"top"_s, u"inetOrgPerson"_s}},
              {u"cn"_s, {u"Alice"_s}},
              {u"sn"_s, {u"Müller"_s}},
              {u"description"_s,
               {QString(200, u'x'), u" leading space"_s, u"trailing space "_s, u":colon"_s, u"<angle"_s,
                u"two\nlines"_s, QString(), u"Jürgen "_s + QString(100, u'ü')}},
              {u"umsUserData"_s, {u"UMS1;fp=national;fsn=8142 4799123"_s}}}},
            {u"cn=Jürgen\\, Bob,dc=example,dc=com"_s, {{u"cn"_s, {u"Jürgen, Bob"_s}}}},
        };
        const QByteArray text = Ldif::write(in, "# header\n");
        QVERIFY(
            text.startsWith("# header\nversion: 1\n\ndn: cn=Alice,dc=example,dc=com\nobjectClass: top\n"));
        QVERIFY(text.contains("sn:: TcO8bGxlcg==\n"));
        QVERIFY(text.contains("umsUserData: UMS1;fp=national;fsn=8142 4799123\n"));
        for (const QByteArray& line : text.split('\n')) {
            QVERIFY2(line.size() <= 76, line.constData());
            for (const char c : line)
                QVERIFY2(static_cast<unsigned char>(c) < 0x80, line.constData()); // base64 for non-ASCII
        }
        QString error;
        const auto out = Ldif::parse(text, &error);
        QVERIFY2(out, qPrintable(error));
        QCOMPARE(*out, in);
        QCOMPARE(Ldif::write(*out, "# header\n"), text); // deterministic
    }

    void safeString()
    {
        QVERIFY(Ldif::isSafeString("plain value"));
        QVERIFY(Ldif::isSafeString(""));
        QVERIFY(!Ldif::isSafeString(" x"));
        QVERIFY(!Ldif::isSafeString(":x"));
        QVERIFY(!Ldif::isSafeString("<x"));
        QVERIFY(!Ldif::isSafeString("x "));
        QVERIFY(!Ldif::isSafeString("a\nb"));
        QVERIFY(!Ldif::isSafeString("a\rb"));
        QVERIFY(!Ldif::isSafeString(QByteArray("a\0b", 3)));
        QVERIFY(!Ldif::isSafeString("J\xc3\xbcrgen"));
    }

    void errorsWithLineNumbers_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("error");
        QTest::newRow("no dn") << QByteArray("version: 1\n\ncn: x\n")
                               << u"line 3: a record must start with"_s;
        QTest::newRow("no colon") << QByteArray("dn: cn=a\ncn x\n") << u"line 2: expected"_s;
        QTest::newRow("bad base64") << QByteArray("dn: cn=a\n\n\ndn: cn=b\ncn:: !!!\n")
                                    << u"line 5: the base64"_s;
        QTest::newRow("not utf8") << QByteArray("dn: cn=a\ncn: \xff\n") << u"line 2:"_s;
        QTest::newRow("base64 not utf8") << QByteArray("dn: cn=a\ncn:: /w==\n") << u"line 2:"_s;
        QTest::newRow("url") << QByteArray("dn: cn=a\njpegPhoto:< file:///etc/passwd\n")
                             << u"line 2: values from URLs"_s;
        QTest::newRow("changetype") << QByteArray("dn: cn=a\nchangetype: delete\n")
                                    << u"line 2: change records"_s;
        QTest::newRow("continuation first") << QByteArray(" x\ndn: cn=a\n") << u"line 1:"_s;
        QTest::newRow("bad attribute") << QByteArray("dn: cn=a\nc n: x\n") << u"line 2: \"c n\""_s;
        QTest::newRow("duplicate dn") << QByteArray("dn: cn=a,dc=x\n\ndn: CN=A, dc=X\ncn: a\n")
                                      << u"line 3: the DN \"CN=A, dc=X\" appears twice (first in line 1)"_s;
        QTest::newRow("missing blank line")
            << QByteArray("dn: cn=a\ncn: a\ndn: cn=b\n") << u"line 3: a second"_s;
        QTest::newRow("version 2") << QByteArray("version: 2\n") << u"line 1: LDIF version"_s;
        QTest::newRow("empty dn") << QByteArray("dn:\ncn: a\n") << u"line 1: the DN is empty"_s;
    }
    void errorsWithLineNumbers()
    {
        QFETCH(QByteArray, data);
        QFETCH(QString, error);
        QString e;
        QVERIFY(!Ldif::parse(data, &e));
        QVERIFY2(e.startsWith(error), qPrintable(e));
    }

    void emptyInput()
    {
        QString error;
        const auto none = Ldif::parse(QByteArray(), &error);
        QVERIFY(none && none->isEmpty());
        const auto onlyHeader = Ldif::parse(Ldif::write({}, "# x\n"), &error);
        QVERIFY(onlyHeader && onlyHeader->isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstLdif)
#include "tst_ldif.moc"
