// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 13's pure pieces: how far a number reaches from the site (DialingRules::reach, internal
// extensions), the rights decision for one sender's recipients (SenderCheck::decide: each
// permission class, emergency mode and VIPs, all refused vs. some), the priority cap on the job,
// and the report to the sender (DeliveryReport).
#include "engine/directory/DialingRules.h"
#include "engine/directory/UmsUserSettings.h"
#include "engine/inbound/DailyCounts.h"
#include "engine/inbound/KernelJob.h"
#include "engine/inbound/SenderCheck.h"
#include "engine/mail/DeliveryReport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace umgate;

namespace {

DialingRules berlin()
{
    DialingRules d;
    d.countryCode = u"49"_s;
    d.areaCode = u"30"_s;
    d.baseNumber = u"49301234"_s;
    d.extensionLength = 3;
    return d;
}

SenderCheck::Input faxTo(const QStringList& numbers, const QString& type = u"fax"_s)
{
    SenderCheck::Input in;
    for (const QString& n : numbers)
        in.routes.append(QJsonObject{{u"type"_s, type}, {u"number"_s, n}});
    return in;
}

SenderCheck::Result decide(const QString& ums, const SenderCheck::Input& in, const SenderPolicy& policy = {})
{
    SenderCheck::Result r;
    r.user = u"anna@example.com"_s;
    SenderCheck::decide(policy, berlin(), in, UmsUserSettings::decode(ums).effective(policy.global), &r);
    return r;
}

} // namespace

class TestSenderCheck : public QObject
{
    Q_OBJECT

private slots:
    void reachOfNumbers_data()
    {
        QTest::addColumn<QString>("number");
        QTest::addColumn<Permission>("reach");
        QTest::newRow("own block") << u"+49301234567"_s << Permission::Internal;
        QTest::newRow("same city") << u"+4930987654"_s << Permission::Local;
        QTest::newRow("other city") << u"+49891234567"_s << Permission::National;
        QTest::newRow("abroad") << u"+442079460000"_s << Permission::International;
        QTest::newRow("country code as a prefix of another") << u"+4930"_s << Permission::Local;
    }
    void reachOfNumbers()
    {
        QFETCH(QString, number);
        QFETCH(Permission, reach);
        QCOMPARE(berlin().reach(number), reach);
        // Without a site every outside number is international; without a base number nothing
        // is internal.
        DialingRules none;
        QCOMPARE(none.reach(number), Permission::International);
        DialingRules noBase = berlin();
        noBase.baseNumber.clear();
        QCOMPARE(noBase.reach(u"+49301234567"_s), Permission::Local);
    }

    void extensionsAreNumbersInTheBaseBlock()
    {
        const DialingRules d = berlin();
        QCOMPARE(d.toInternational(u"567"_s), u"+49301234567"_s);
        QCOMPARE(d.toInternational(u"5 6"_s), u"+4930123456"_s);
        // Longer than an extension: a local number as before.
        QCOMPARE(d.toInternational(u"7654321"_s), u"+49307654321"_s);
        DialingRules noBase = berlin();
        noBase.baseNumber.clear();
        QCOMPARE(noBase.toInternational(u"567"_s), u"+4930567"_s);
    }

    // Each permission against each reach: allowed exactly up to the permission.
    void permissionClasses()
    {
        const QStringList numbers{u"+49301234567"_s, u"+4930987654"_s, u"+49891234567"_s, u"+442079460000"_s};
        const QStringList permissions{u"none"_s, u"internal"_s, u"local"_s, u"national"_s,
                                      u"international"_s};
        for (qsizetype p = 0; p < permissions.size(); ++p) {
            const SenderCheck::Result r = decide(u"UMS1;fp="_s + permissions.at(p), faxTo(numbers));
            QList<qsizetype> refused;
            for (const SenderCheck::Refusal& x : r.refused)
                refused.append(x.index);
            QList<qsizetype> expected;
            for (qsizetype n = p; n < numbers.size(); ++n)
                expected.append(n);
            QCOMPARE(refused, expected);
            // All refused: the whole mail gets 550 with the first reason; else it goes on.
            QCOMPARE(r.reply.startsWith("550 5.7.1 "), p == 0);
        }
        const SenderCheck::Result none = decide(u"UMS1;fp=none"_s, faxTo({u"+49301234567"_s}));
        QCOMPARE(none.reply, QByteArray("550 5.7.1 anna@example.com may not send faxes"));
        const SenderCheck::Result national = decide(u"UMS1;fp=national"_s, faxTo({u"+442079460000"_s}));
        QCOMPARE(national.reason,
                 u"anna@example.com may send faxes to national numbers only; +442079460000 is "
                 u"one of the international numbers"_s);
    }

    // Each type has its own permission; the global settings fill in what the user leaves open.
    void typesAndGlobalDefaults()
    {
        SenderPolicy policy;
        policy.global =
            SettingValues(QJsonObject{{u"globalUserSettings.rights.smsPermission"_s, u"local"_s}});
        const SenderCheck::Result sms = decide(u"UMS1"_s, faxTo({u"+49891234567"_s}, u"sms"_s), policy);
        QCOMPARE(sms.reply, QByteArray("550 5.7.1 anna@example.com may send SMS to local numbers only; "
                                       "+49891234567 is one of the national numbers"));
        const SenderCheck::Result own =
            decide(u"UMS1;sp=national"_s, faxTo({u"+49891234567"_s}, u"sms"_s), policy);
        QVERIFY(own.reply.isEmpty());
        const SenderCheck::Result voice = decide(u"UMS1;vp=none"_s, faxTo({u"+49301234567"_s}, u"voice"_s));
        QCOMPARE(voice.reply, QByteArray("550 5.7.1 anna@example.com may not send voice messages"));
    }

    void emergencyModeOnlyVips()
    {
        SenderPolicy policy;
        policy.emergencyMode = true;
        const SenderCheck::Result anna = decide(u"UMS1"_s, faxTo({u"+49301234567"_s}), policy);
        QVERIFY(anna.reply.startsWith("550 5.7.1 the gateway is in emergency mode"));
        const SenderCheck::Result vip = decide(u"UMS1;vip=1"_s, faxTo({u"+49301234567"_s}), policy);
        QVERIFY(vip.reply.isEmpty());
        QCOMPARE(vip.sender.value(u"vip"_s).toBool(), true);
    }

    // The job's sender data, with the priority cap applied where the envelope is written.
    void senderDataAndPriorityCap()
    {
        const SenderCheck::Result r =
            decide(u"UMS1;bc=4711;fhl=Muster AG;fsn=30 1234 500;pri=low"_s, faxTo({u"+49301234567"_s}));
        QCOMPARE(r.sender.value(u"faxHeadline"_s).toString(), u"Muster AG"_s);
        QCOMPARE(r.sender.value(u"billingCode"_s).toString(), u"4711"_s);
        QCOMPARE(r.sender.value(u"isdnOriginatingAddress"_s).toString(), u"30 1234 500"_s);
        QCOMPARE(r.sender.value(u"priorityCap"_s).toString(), u"low"_s);
        QCOMPARE(r.sender.value(u"user"_s).toString(), u"anna@example.com"_s);

        ReceivedMail m;
        m.sender = "anna@example.com";
        const ReceivedRecipient rcpt{"567@fax.localhost", "", "", QJsonObject{{u"type"_s, u"fax"_s}}};
        KernelJob::Context c{u"j1"_s, u"127.0.0.1"_s, QString(),    QDateTime::currentDateTimeUtc(),
                             10,      r.sender,       u"internal"_s};
        const QJsonObject high = KernelJob::envelope(m, rcpt, c, MimeReader::read("X-Priority: 1\r\n\r\nx"));
        QCOMPARE(high.value(u"priority"_s).toString(), u"low"_s);
        QCOMPARE(high.value(u"priorityRequested"_s).toString(), u"high"_s);
        QCOMPARE(high.value(u"reach"_s).toString(), u"internal"_s);
        const QJsonObject low = KernelJob::envelope(m, rcpt, c, MimeReader::read("Importance: low\r\n\r\nx"));
        QCOMPARE(low.value(u"priority"_s).toString(), u"low"_s);
        QVERIFY(!low.contains(u"priorityRequested"_s));
        // Senders not checked: no sender data, the priority as asked.
        c.sender = {};
        const QJsonObject plain = KernelJob::envelope(m, rcpt, c, MimeReader::read("X-Priority: 1\r\n\r\nx"));
        QCOMPARE(plain.value(u"priority"_s).toString(), u"high"_s);
        QVERIFY(!plain.contains(u"senderData"_s) && !plain.contains(u"reach"_s));
    }

    // Limits per type over the counts of the day; what goes on is reserved at once, a release
    // gives it back, a new day starts from nothing; the file is read back after a restart (a torn
    // last line skipped) and the files of earlier days removed.
    void dailyLimits()
    {
        QTemporaryDir dir;
        DailyCounts counts(dir.path());
        const QDate day(2026, 12, 7);
        counts.use(day);
        SenderCheck::Result r;
        r.user = u"Anna@Example.com"_s;
        const QJsonObject effective{{u"maxFaxPerDay"_s, 2}, {u"maxSmsPerDay"_s, u"unlimited"_s}};
        const SenderCheck::Input in = faxTo({u"+49301"_s, u"+49302"_s, u"+49303"_s});
        SenderCheck::applyLimits(in, effective, counts, &r);
        QCOMPARE(r.refused.size(), 1);
        QCOMPARE(r.refused.first().index, 2);
        QVERIFY(r.reply.isEmpty());
        QCOMPARE(r.countLine, QByteArray("fax\t2\tanna@example.com\n"));
        QCOMPARE(counts.used(u"anna@example.com"_s, u"fax"_s), 2);
        SenderCheck::Result again;
        again.user = u"anna@example.com"_s;
        SenderCheck::applyLimits(faxTo({u"+49304"_s}), effective, counts, &again);
        QVERIFY(again.reply.startsWith("550 5.7.1 anna@example.com has sent the 2 faxes a day allowed"));
        SenderCheck::Result sms;
        sms.user = u"anna@example.com"_s;
        SenderCheck::applyLimits(faxTo({u"+4930"_s, u"+4931"_s}, u"sms"_s), effective, counts, &sms);
        QVERIFY(sms.refused.isEmpty());
        SenderCheck::release(r, &counts);
        QCOMPARE(counts.used(u"anna@example.com"_s, u"fax"_s), 0);

        // What the writer appends, read back by a new engine; a torn line does not count.
        QFile f(counts.file());
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("fax\t2\tanna@example.com\nsms\t1\tanna@example.com\nfax\t5");
        f.close();
        QFile old(dir.path() + u"/2026-12-06.log"_s);
        QVERIFY(old.open(QIODevice::WriteOnly));
        old.close();
        DailyCounts restarted(dir.path());
        restarted.use(day);
        QCOMPARE(restarted.of(u"ANNA@example.com"_s),
                 (QHash<QString, int>{{u"fax"_s, 2}, {u"sms"_s, 1}, {u"voice"_s, 0}}));
        QVERIFY(!old.exists());
        restarted.use(day.addDays(1));
        QCOMPARE(restarted.used(u"anna@example.com"_s, u"fax"_s), 0);
        QVERIFY(!f.exists());
    }

    // A hostile diagnostic or ENVID cannot break out of its field of the delivery-status part.
    void reportFieldsStayOneLine()
    {
        DeliveryReport r;
        r.fromDomain = u"example.com"_s;
        r.to = u"anna@example.com"_s;
        r.reporter = u"gw.example.com"_s;
        r.messageId = u"<r1@example.com>"_s;
        r.envId = u"x\r\nBcc: evil@example.net"_s;
        r.arrival = QDateTime::currentDateTimeUtc();
        r.text = u"Hello"_s;
        r.recipients.append({u"a@b"_s, u"rfc822;a@b"_s, u"5.7.1"_s, u"no\r\nAction: delivered"_s});
        r.headers = "Subject: x";
        const QByteArray mail = r.build();
        QVERIFY(!mail.contains("\r\nBcc:"));
        QVERIFY(!mail.contains("\r\nAction: delivered"));
        QVERIFY(mail.contains("Original-Envelope-Id: x  Bcc: evil@example.net\r\n"));
        QVERIFY(mail.contains(
            "Original-Recipient: rfc822;a@b\r\nFinal-Recipient: rfc822; a@b\r\nAction: failed\r\n"
            "Status: 5.7.1\r\n"));
    }
};

QTEST_GUILESS_MAIN(TestSenderCheck)
#include "tst_sendercheck.moc"
