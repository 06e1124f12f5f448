// SPDX-License-Identifier: GPL-3.0-or-later
// End to end (issue 10): a real umgated delivers a fax, a voice message and an SMS through a
// private Postfix into a Dovecot mailbox (fixture "maildrop"); the mails are fetched over IMAP and
// parsed by Python's email package with policy.strict (mail_e2e_check.py): header lines, To: with
// the directory's name, the HTML part and the fax preview PNG, the PDF and the WAV attachments.
#include "UmgatedProcess.h"
#include "engine/spool/KernelEnvelope.h"
#include "tests/FixtureEnv.h"
#include "tests/MailTestFiles.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>
#include <QtEndian>
#include <tiffio.h>

using namespace Qt::StringLiterals;
namespace test = umgate::test;
using umgate::KernelEnvelope;
using umgate::test::CtlResult;
using umgate::test::runCtl;
using umgate::test::UmgatedProcess;

namespace {
const QString kId = u"MSConnInst1"_s;
const QByteArray kUsers = "dn: uid=anna,ou=people,dc=example,dc=com\n"
                          "objectClass: inetOrgPerson\ncn:: QW5uYSBNw7xsbGVy\nsn: M\nuid: anna\n"
                          "mail: anna@example.com\notherFacsimileTelephoneNumber: +49 89 7654321\n";

QByteArray faxTiff(const QString& path)
{
    if (!umgate::test::writeFaxTiff(path)) return {};
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// 12.5 s of 8 kHz 16-bit mono silence.
QByteArray wav()
{
    const quint32 bytes = 8000 * 2 * 12 + 8000;
    QByteArray w = "RIFF";
    char b[4];
    qToLittleEndian<quint32>(36 + bytes, b);
    w.append(b, 4);
    w += "WAVEfmt ";
    const quint16 fmt16[] = {1, 1};
    qToLittleEndian<quint32>(16, b);
    w.append(b, 4);
    for (quint16 v : fmt16) {
        qToLittleEndian(v, b);
        w.append(b, 2);
    }
    for (quint32 v : {8000u, 16000u}) {
        qToLittleEndian(v, b);
        w.append(b, 4);
    }
    for (quint16 v : {quint16(2), quint16(16)}) {
        qToLittleEndian(v, b);
        w.append(b, 2);
    }
    w += "data";
    qToLittleEndian(bytes, b);
    w.append(b, 4);
    return w + QByteArray(bytes, '\0');
}
} // namespace

class TstMailE2e : public QObject
{
    Q_OBJECT
    QHash<QString, QString> m_env;

    bool set(const UmgatedProcess& d, const QString& key, const QString& value)
    {
        const CtlResult r = runCtl(d.dataDir(), {u"config"_s, u"set"_s, kId, key, value});
        if (r.exitCode != 0) qWarning("config set %s: %s", qPrintable(key), qPrintable(r.err + r.out));
        return r.exitCode == 0;
    }

private slots:
    void initTestCase()
    {
        m_env = test::fixtureEnv(u"maildrop"_s);
        QVERIFY2(
            !m_env.value(u"MAILDROP_SMTP_PORT"_s).isEmpty(),
            "the maildrop fixture (Postfix + Dovecot) did not start: it must run as root, see its output");
    }

    void faxVoiceSmsThroughPostfixAndDovecot()
    {
        UmgatedProcess d;
        QString error;
        QVERIFY2(d.start(&error), qPrintable(error));
        QFile users(d.paths().instanceDirectoryFile(kId));
        QVERIFY(users.open(QIODevice::WriteOnly));
        users.write(kUsers);
        users.close();
        QVERIFY(set(d, u"mailSystem.general.server"_s, u"127.0.0.1"_s));
        QVERIFY(set(d, u"mailSystem.general.port"_s, m_env.value(u"MAILDROP_SMTP_PORT"_s)));
        QVERIFY(set(d, u"mailSystem.general.defaultRecipient"_s, u"postmaster@example.com"_s));
        QVERIFY(set(d, u"mailSystem.template.mailDomain"_s, u"example.com"_s));
        QVERIFY(set(d, u"mailSystem.messageStore.mode"_s, u"mailServer"_s));

        const QString spool = d.paths().instanceDir(kId) + u"/Kernel/Incoming"_s;
        const QString marker = u"e2e%1"_s.arg(QDateTime::currentMSecsSinceEpoch());
        const auto envelope = [&](const QString& suffix, KernelEnvelope::Type type) {
            KernelEnvelope e;
            e.id = marker + suffix;
            e.type = type;
            e.calling = u"+49 30 5550101"_s;
            e.called = u"+49 89 7654321"_s;
            e.time = QDateTime::currentDateTimeUtc();
            return e;
        };
        const QByteArray tiff = faxTiff(d.dataDir() + u"/fax.tif"_s);
        QVERIFY(!tiff.isEmpty());
        KernelEnvelope fax = envelope(u"fax"_s, KernelEnvelope::Type::Fax);
        fax.attachments = {u"fax.tif"_s};
        QVERIFY2(KernelEnvelope::write(spool, fax, {{u"fax.tif"_s, tiff}}, &error), qPrintable(error));
        KernelEnvelope voice = envelope(u"voice"_s, KernelEnvelope::Type::Voice); // no duration given
        voice.attachments = {u"voice.wav"_s};
        QVERIFY2(KernelEnvelope::write(spool, voice, {{u"voice.wav"_s, wav()}}, &error), qPrintable(error));
        KernelEnvelope sms = envelope(u"sms"_s, KernelEnvelope::Type::Sms);
        sms.text = u"Treffen <morgen> & \"übermorgen\"\nGleis 4"_s;
        QVERIFY2(KernelEnvelope::write(spool, sms, {}, &error), qPrintable(error));

        // The checker searches by kernel id prefix and waits (bounded) until all three arrived.
        QProcess p;
        p.start(u"/usr/bin/python3"_s,
                {QStringLiteral(MAIL_E2E_CHECK), m_env.value(u"MAILDROP_IMAP_PORT"_s),
                 m_env.value(u"MAILDROP_USER"_s), m_env.value(u"MAILDROP_PASSWORD"_s), marker, u"3"_s});
        QVERIFY(p.waitForFinished(90000));
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(p.exitCode() == 0 && err.isEmpty(), err.constData());
        QHash<QString, QJsonObject> byType;
        for (const QByteArray& line : p.readAllStandardOutput().split('\n'))
            if (!line.trimmed().isEmpty()) {
                const QJsonObject o = QJsonDocument::fromJson(line).object();
                byType.insert(o.value(u"type"_s).toString(), o);
            }
        QCOMPARE(byType.size(), 3);
        for (const QJsonObject& m : std::as_const(byType)) {
            QVERIFY(m.value(u"maxHeaderLine"_s).toInt() <= 78);
            QVERIFY2(m.value(u"messageId"_s).toString().endsWith(u"@example.com>"_s),
                     qPrintable(m.value(u"messageId"_s).toString()));
            const QJsonObject to = m.value(u"to"_s).toArray().at(0).toObject();
            QCOMPARE(to.value(u"name"_s).toString(), u"Anna Müller"_s);
            QCOMPARE(to.value(u"addr"_s).toString(), u"anna@example.com"_s);
            QVERIFY(m.value(u"tree"_s).toArray().contains(u"multipart/alternative"_s));
            QVERIFY(m.value(u"tree"_s).toArray().contains(u"text/html"_s));
        }
        const auto part = [&](const QString& type, const QString& mime) {
            for (const auto& v : byType.value(type).value(u"parts"_s).toArray())
                if (v.toObject().value(u"type"_s).toString() == mime) return v.toObject();
            return QJsonObject();
        };
        QVERIFY(part(u"fax"_s, u"image/png"_s).value(u"pngOk"_s).toBool());
        QVERIFY(part(u"fax"_s, u"application/pdf"_s).value(u"pdfOk"_s).toBool());
        QVERIFY2(part(u"fax"_s, u"application/pdf"_s)
                     .value(u"filename"_s)
                     .toString()
                     .startsWith(u"Fax from 030 5550101, "_s),
                 qPrintable(part(u"fax"_s, u"application/pdf"_s).value(u"filename"_s).toString()));
        QVERIFY(part(u"voice"_s, u"audio/wav"_s).value(u"wavOk"_s).toBool());
        QCOMPARE(part(u"voice"_s, u"audio/wav"_s).value(u"duration"_s).toString(), u"13"_s);
        QVERIFY(byType.value(u"voice"_s).value(u"subject"_s).toString().contains(u"(0:13)"_s));
        QVERIFY(
            byType.value(u"sms"_s).value(u"subject"_s).toString().startsWith(u"SMS from +49 30 5550101: "_s));
        const QString html = part(u"sms"_s, u"text/html"_s).value(u"text"_s).toString();
        QVERIFY2(html.contains(u"Treffen &lt;morgen&gt; &amp; &quot;übermorgen&quot;<br>"_s),
                 qPrintable(html));
        QVERIFY(part(u"sms"_s, u"text/plain"_s).value(u"text"_s).toString().contains(u"\n-- \n"_s));
    }
};

QTEST_GUILESS_MAIN(TstMailE2e)
#include "tst_mail_e2e.moc"
