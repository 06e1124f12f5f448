// SPDX-License-Identifier: GPL-3.0-or-later
// MimeReader: subject, body text and attachments of a received mail for the kernel job, and the
// hostile mails (deep nesting, 100,000 headers, bad base64, no closing boundary, TNEF).
#include "engine/inbound/MimeReader.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace umgate;

class TestMimeReader : public QObject
{
    Q_OBJECT

private slots:
    // The sender check looks the From address up: the first mailbox's addr-spec, whatever the
    // display name, comments and quoting around it.
    void fromAddress_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<QString>("address");
        QTest::newRow("bare") << QByteArray(" anna@example.com") << u"anna@example.com"_s;
        QTest::newRow("name-addr") << QByteArray("Anna Muster <anna@example.com>") << u"anna@example.com"_s;
        QTest::newRow("quoted name with specials")
            << QByteArray("\"Muster, Anna <boss@evil>\" <anna@example.com>") << u"anna@example.com"_s;
        QTest::newRow("comment") << QByteArray("anna@example.com (Anna <x@y>)") << u"anna@example.com"_s;
        QTest::newRow("first of a list") << QByteArray("a@example.com, b@example.com") << u"a@example.com"_s;
        QTest::newRow("group") << QByteArray("Team: anna@example.com, bob@example.com;")
                               << u"anna@example.com"_s;
        QTest::newRow("no at") << QByteArray("undisclosed-recipients:;") << QString();
        QTest::newRow("empty") << QByteArray() << QString();
        QTest::newRow("control character") << QByteArray("<an\x01na@example.com>") << QString();
        QTest::newRow("unclosed comment") << QByteArray("anna@example.com (oops") << u"anna@example.com"_s;
    }
    void fromAddress()
    {
        QFETCH(QByteArray, value);
        QFETCH(QString, address);
        QCOMPARE(MimeReader::firstAddress(value), address);
        QCOMPARE(MimeReader::read("From: " + value + "\r\nSubject: x\r\n\r\nbody").from, address);
    }

    void plainText()
    {
        const auto c = MimeReader::read("Subject: =?UTF-8?Q?Bestellung_f=C3=BCr?= =?UTF-8?B?IEvDtmxu?=\r\n"
                                        "X-Priority: 1 (Highest)\r\n\r\nHello\r\nWorld\r\n");
        QCOMPARE(c.subject, u"Bestellung für Köln"_s);
        QCOMPARE(c.priority, u"high"_s);
        QCOMPARE(c.text, u"Hello\r\nWorld\r\n"_s);
        QVERIFY(c.attachments.isEmpty());
        QVERIFY(c.problems.isEmpty());
    }

    void multipartWithAttachments()
    {
        const QByteArray mail =
            "Subject: order\r\nImportance: low\r\nMIME-Version: 1.0\r\n"
            "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
            "preamble\r\n--outer\r\n"
            "Content-Type: multipart/alternative; boundary=inner\r\n\r\n"
            "--inner\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hi &amp; bye</p>\r\n"
            "--inner\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
            "Content-Transfer-Encoding: quoted-printable\r\n\r\n"
            "Gr=FC=DFe, a long line=\r\n continued\r\n--inner--\r\n"
            "--outer\r\nContent-Type: application/pdf\r\n"
            "Content-Disposition: attachment;\r\n filename*0*=utf-8''%C3%B6r;\r\n filename*1=der.pdf\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0x\r\nLjQ=\r\n"
            "--outer\r\nContent-Type: application/octet-stream; name=\"=?utf-8?q?Pl=C3=A4ne.tif?=\"\r\n"
            "Content-Transfer-Encoding: base64\r\n\r\nSUkqAA==\r\n"
            "--outer--\r\nepilogue\r\n";
        const auto c = MimeReader::read(mail);
        QVERIFY2(c.problems.isEmpty(), qPrintable(c.problems.join(u"; "_s)));
        QCOMPARE(c.priority, u"low"_s);
        QCOMPARE(c.text, u"Grüße, a long line continued"_s); // the plain part wins over the HTML one
        QCOMPARE(c.attachments.size(), 2);
        QCOMPARE(c.attachments[0].fileName, u"örder.pdf"_s);
        QCOMPARE(c.attachments[0].contentType, QByteArray("application/pdf"));
        QCOMPARE(c.attachments[0].data, QByteArray("%PDF-1.4"));
        QCOMPARE(c.attachments[1].fileName, u"Pläne.tif"_s);
        QCOMPARE(c.attachments[1].data, QByteArray("II*\0", 4));
    }

    void htmlOnly()
    {
        const auto c = MimeReader::read(
            "Content-Type: text/html\r\n\r\n<html><body><b>Fax</b> this &lt;now&gt;</body></html>\r\n");
        QCOMPARE(c.text, u"Fax this <now>"_s);
    }

    void tnefIsNamedUnsupported()
    {
        const auto c =
            MimeReader::read("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\ntext\r\n--b\r\n"
                             "Content-Type: application/ms-tnef; name=winmail.dat\r\n"
                             "Content-Transfer-Encoding: base64\r\n\r\neJ8+IgA=\r\n--b--\r\n");
        QCOMPARE(c.attachments.size(), 1);
        QVERIFY(c.attachments[0].unsupported.contains(u"TNEF"_s));
        QCOMPARE(c.text, u"text"_s);
    }

    void badBase64IsNoted()
    {
        const auto c = MimeReader::read(
            "Content-Type: application/pdf; name=a.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            "JVBER!!!i0x\r\n");
        QCOMPARE(c.attachments.size(), 1);
        QVERIFY(c.problems.join(u' ').contains(u"invalid base64"_s));
    }

    void deepNestingIsBounded()
    {
        QByteArray mail;
        for (int i = 0; i < 200; ++i)
            mail += "Content-Type: multipart/mixed; boundary=b" + QByteArray::number(i) + "\r\n\r\n--b" +
                    QByteArray::number(i) + "\r\n";
        mail += "\r\ndeep\r\n";
        const auto c = MimeReader::read(mail);
        QVERIFY(c.problems.join(u' ').contains(u"nested deeper than 20 levels"_s));
        QVERIFY(c.text.isEmpty());
    }

    void manyPartsAreBounded()
    {
        QByteArray mail = "Content-Type: multipart/mixed; boundary=b\r\n\r\n";
        for (int i = 0; i < 2000; ++i)
            mail += "--b\r\nContent-Type: image/png; name=x.png\r\n\r\nx\r\n";
        mail += "--b--\r\n";
        const auto c = MimeReader::read(mail);
        QCOMPARE(c.attachments.size(), 499); // 500 parts with the multipart itself
        QVERIFY(c.problems.join(u' ').contains(u"more than 500 MIME parts"_s));
    }

    void hundredThousandHeaders()
    {
        QByteArray mail;
        for (int i = 0; i < 100000; ++i)
            mail += "X-Junk: " + QByteArray::number(i) + "\r\n";
        mail += "Subject: after the junk\r\n\r\nbody\r\n";
        const auto c = MimeReader::read(mail);
        QCOMPARE(c.subject, u"after the junk"_s);
        QCOMPARE(c.text, u"body\r\n"_s);
    }

    void missingClosingBoundary()
    {
        const auto c =
            MimeReader::read("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nonly part\r\n");
        QCOMPARE(c.text, u"only part\r\n"_s);
        QVERIFY(c.problems.join(u' ').contains(u"without its closing boundary"_s));
    }

    void quotedPrintable()
    {
        QCOMPARE(MimeReader::decodeQuotedPrintable("a=3Db=\r\nc =XY ="), QByteArray("a=bc =XY ="));
    }
};

QTEST_GUILESS_MAIN(TestMimeReader)
#include "tst_mimereader.moc"
