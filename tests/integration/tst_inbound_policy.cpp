// SPDX-License-Identifier: GPL-3.0-or-later
// Who may send what (issue 13) through a real umgated and its listener: senders looked up in the
// embedded directory by mail, proxy address and From; their UMS settings over the global ones
// decide each recipient (internal, local, national, international), cap the priority and ride
// on the job; unknown senders get each of the manual's actions; emergency mode lets only VIPs
// through. Reports about refused recipients are parsed by Python's email package under
// policy.strict (RFC 3464 fields).
#include "tests/integration/UmgatedProcess.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using umgate::test::CtlResult;
using umgate::test::rawSmtp;
using umgate::test::runCtl;
using umgate::test::UmgatedProcess;

namespace {

const QString kInstance = u"MSConnInst1"_s;

// Anna may fax within Germany, with normal priority at most, and has sender data of her own;
// Victor is a VIP with the global settings; the fax service account may only fax locally.
const QByteArray kUsers =
    "dn: cn=Anna Muster,ou=people,dc=example,dc=com\n"
    "objectClass: user\ncn: Anna Muster\nmail: anna@example.com\n"
    "proxyAddresses: SMTP:anna@example.com\nproxyAddresses: smtp:a.muster@example.com\n"
    "department: Sales\ntelephoneNumber: +49 30 1234 500\n"
    "extensionAttribute1: UMS1;bc=4711;fhl=Muster AG;fp=national;fsn=30 1234 500;pri=normal\n\n"
    "dn: cn=Victor,ou=people,dc=example,dc=com\n"
    "objectClass: user\ncn: Victor\nmail: victor@example.com\nextensionAttribute1: UMS1;vip=1\n\n"
    "dn: cn=Fax Service,ou=people,dc=example,dc=com\n"
    "objectClass: user\ncn: Fax Service\nmail: fax-service@example.com\nextensionAttribute1: "
    "UMS1;fp=local\n\n";

QString dir(const UmgatedProcess& d, const QString& sub)
{
    return d.paths().instanceDir(kInstance) + u'/' + sub;
}

QStringList files(const QString& path, const QString& pattern)
{
    QStringList out = QDir(path).entryList({pattern}, QDir::Files);
    out.sort();
    return out;
}

QJsonObject readJson(const QString& path)
{
    return QJsonDocument::fromJson(umgate::test::readAll(path)).object();
}

// The kernel jobs' envelopes, oldest first, and removes them (so each test sees its own).
QList<QJsonObject> takeJobs(const UmgatedProcess& d)
{
    QList<QJsonObject> jobs;
    const QString out = dir(d, u"Kernel/Outgoing"_s);
    for (const QString& name : files(out, u"*.json"_s))
        jobs.append(readJson(out + u'/' + name));
    for (const QString& name : QDir(out).entryList(QDir::Files))
        QFile::remove(out + u'/' + name);
    return jobs;
}

QByteArray mail(const QByteArray& from, const QList<QByteArray>& to, const QByteArray& headers = {})
{
    QByteArray s = "EHLO mx.example.com\r\nMAIL FROM:<" + from + "> ENVID=order+2B17\r\n";
    for (const QByteArray& r : to)
        s += "RCPT TO:<" + r + "> NOTIFY=FAILURE ORCPT=rfc822;" + r + "\r\n";
    s += "DATA\r\n" + headers +
         "Subject: order\r\nMessage-ID: <m1@example.com>\r\n\r\nPlease fax.\r\n.\r\nQUIT\r\n";
    return s;
}

// The reply to the end of the data (the line after "354 ...").
QByteArray endOfDataReply(const QByteArray& dialogue)
{
    const qsizetype at = dialogue.indexOf("354 ");
    if (at < 0) return dialogue;
    const qsizetype start = dialogue.indexOf("\r\n", at) + 2;
    return dialogue.mid(start, dialogue.indexOf("\r\n", start) - start);
}

QString set(const UmgatedProcess& d, const QString& key, const QString& value)
{
    const CtlResult r = runCtl(d.dataDir(), {u"config"_s, u"set"_s, kInstance, key, value});
    return r.exitCode == 0 ? QString() : key + u": "_s + r.err + r.out;
}

} // namespace

class TestInboundPolicy : public QObject
{
    Q_OBJECT

private:
    UmgatedProcess m_d;
    quint16 m_port = 0;

    QByteArray send(const QByteArray& from, const QList<QByteArray>& to, const QByteArray& headers = {})
    {
        return endOfDataReply(rawSmtp(m_port, mail(from, to, headers)));
    }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_d.start(&error), qPrintable(error));
        QVERIFY(umgate::test::writeFile(dir(m_d, u"users.ldif"_s), kUsers));
        // Berlin, base number +49 30 1234 with three-digit extensions; a mail server that does
        // not answer, so reports and notices stay in SMTPOut where the test reads them.
        for (const auto& [key, value] : QList<QPair<QString, QString>>{
                 {u"general.site.countryCode"_s, u"49"_s},
                 {u"general.site.areaCode"_s, u"30"_s},
                 {u"general.site.baseNumber"_s, u"49301234"_s},
                 {u"general.site.extensionLength"_s, u"3"_s},
                 {u"mailSystem.general.server"_s, u"127.0.0.1"_s},
                 {u"mailSystem.general.port"_s, u"9"_s},
                 {u"mailSystem.general.defaultRecipient"_s, u"postmaster@example.com"_s},
                 {u"globalUserSettings.unknownSender.archive"_s, u"true"_s}})
            QCOMPARE(set(m_d, key, value), QString());
        m_port = umgate::test::listenPortOf(m_d.dataDir(), kInstance);
        QVERIFY(m_port > 0);
    }

    // Anna may send nationally: a fax abroad alone is refused before the 250; with national and
    // internal numbers beside it, those become jobs with her sender data (priority lowered to
    // her cap) and she gets an RFC 3464 report about the one abroad.
    void rightsDecideEachRecipient()
    {
        QByteArray reply = send("anna@example.com", {"+12125550100@fax.localhost"});
        QVERIFY2(reply.startsWith("550 5.7.1 anna@example.com may send faxes to national numbers only; "
                                  "+12125550100 is one of the international numbers"),
                 reply.constData());
        QVERIFY(takeJobs(m_d).isEmpty());

        const QStringList reportsBefore = files(dir(m_d, u"SMTPOut"_s), u"*.eml"_s);
        reply = send("anna@example.com",
                     {"0049891234567@fax.localhost", "567@fax.localhost", "0044207946000@fax.localhost"},
                     "X-Priority: 1 (Highest)\r\n");
        QVERIFY2(reply.startsWith("250 2.0.0 Ok: queued as ") &&
                     reply.endsWith("and 1 more; 1 recipient refused, the sender gets a report"),
                 (reply + "\n" + m_d.log().right(3000)).constData());
        const QList<QJsonObject> jobs = takeJobs(m_d);
        QCOMPARE(jobs.size(), 2);
        QStringList reached;
        for (const QJsonObject& job : jobs) {
            reached.append(job.value(u"number"_s).toString() + u' ' + job.value(u"reach"_s).toString());
            QCOMPARE(job.value(u"priority"_s).toString(), u"normal"_s);
            QCOMPARE(job.value(u"priorityRequested"_s).toString(), u"high"_s);
            const QJsonObject sender = job.value(u"senderData"_s).toObject();
            QCOMPARE(sender.value(u"user"_s).toString(), u"anna@example.com"_s);
            QCOMPARE(sender.value(u"dn"_s).toString(), u"cn=Anna Muster,ou=people,dc=example,dc=com"_s);
            QCOMPARE(sender.value(u"faxHeadline"_s).toString(), u"Muster AG"_s);
            QCOMPARE(sender.value(u"billingCode"_s).toString(), u"4711"_s);
            QCOMPARE(sender.value(u"faxSenderNumber"_s).toString(), u"30 1234 500"_s);
            // ixi-UMS 5.1.1: without an ISDN originating address the fax sender number is signalled.
            QCOMPARE(sender.value(u"isdnOriginatingAddress"_s).toString(), u"30 1234 500"_s);
            const QJsonObject cover = sender.value(u"coverPageFields"_s).toObject();
            QCOMPARE(cover.value(u"department"_s).toString(), u"Sales"_s);
            QCOMPARE(cover.value(u"businessPhone"_s).toString(), u"+49 30 1234 500"_s);
        }
        reached.sort();
        QCOMPARE(reached, (QStringList{u"+49301234567 internal"_s, u"+49891234567 national"_s}));

        // The report to Anna, queued for the mail server before the 250.
        QStringList reports = files(dir(m_d, u"SMTPOut"_s), u"*.eml"_s);
        for (const QString& old : reportsBefore)
            reports.removeAll(old);
        QCOMPARE(reports.size(), 1);
        QProcess py;
        py.setProcessChannelMode(QProcess::MergedChannels);
        py.start(u"python3"_s, {QStringLiteral(DSN_CHECK), dir(m_d, u"SMTPOut/"_s) + reports.first()});
        QVERIFY(py.waitForFinished(30000));
        const QString out = QString::fromUtf8(py.readAll());
        QVERIFY2(py.exitCode() == 0, qPrintable(out));
        for (const QString& line :
             {u"content-type: multipart/report"_s, u"report-type: delivery-status"_s,
              u"to: anna@example.com"_s, u"auto-submitted: auto-replied"_s,
              u"parts: text/plain,message/delivery-status,text/rfc822-headers"_s, u"envid: order+2B17"_s,
              u"recipient: rfc822; 0044207946000@fax.localhost | failed | 5.7.1 | smtp; anna@example.com may "
              u"send faxes to national numbers only; +44207946000 is one of the international numbers"_s,
              u"original: rfc822;0044207946000@fax.localhost"_s})
            QVERIFY2(out.contains(line + u'\n'), qPrintable(line + u"\n---\n"_s + out));
        QCOMPARE(out.count(u"recipient: "_s), 1);
    }

    // The envelope sender of a mailing list is nobody; the From address is Anna's alias
    // (proxyAddresses smtp:), so her settings apply.
    void fromHeaderAndProxyAddressFindTheSender()
    {
        const QByteArray reply = send("bounce-17@lists.example.net", {"0301234599@fax.localhost"},
                                      "From: Anna <a.muster@example.com>\r\n");
        QVERIFY2(reply.startsWith("250 "), reply.constData());
        const QList<QJsonObject> jobs = takeJobs(m_d);
        QCOMPARE(jobs.size(), 1);
        QCOMPARE(jobs.first().value(u"sender"_s).toString(), u"bounce-17@lists.example.net"_s);
        QCOMPARE(jobs.first().value(u"senderData"_s).toObject().value(u"user"_s).toString(),
                 u"a.muster@example.com"_s);
        QCOMPARE(jobs.first().value(u"reach"_s).toString(), u"internal"_s);
    }

    // ixi-UMS 4.2.4.3, each action. Refused mails of unknown senders are kept in SMTPIn/Error
    // with the reason when archiving is on; the default recipient hears of them when asked.
    void unknownSenderActions()
    {
        const QString error = dir(m_d, u"SMTPIn/Error"_s);
        // The default: deleted and the default recipient notified; archived.
        QByteArray reply = send("mallory@evil.example", {"0301234567@fax.localhost"});
        QVERIFY2(reply.startsWith("550 5.7.1 <mallory@evil.example> is not known to the fax gateway"),
                 reply.constData());
        QStringList archived = files(error, u"*.json"_s);
        QCOMPARE(archived.size(), 1);
        const QJsonObject meta = readJson(error + u'/' + archived.first());
        QCOMPARE(meta.value(u"sender"_s).toString(), u"mallory@evil.example"_s);
        QCOMPARE(meta.value(u"reason"_s).toString(),
                 u"the sender <mallory@evil.example> is not in the directory"_s);
        QCOMPARE(meta.value(u"recipients"_s).toArray().first().toString(), u"0301234567@fax.localhost"_s);
        QVERIFY(umgate::test::readAll(error + u'/' + meta.value(u"id"_s).toString() + u".eml"_s)
                    .contains("Please fax."));
        QByteArray notices;
        QVERIFY(QTest::qWaitFor(
            [&] {
                notices.clear();
                for (const QString& f : files(dir(m_d, u"SMTPOut"_s), u"*.eml"_s))
                    notices += umgate::test::readAll(dir(m_d, u"SMTPOut/"_s) + f);
                return notices.contains("Subject: UMS message of an unknown sender refused");
            },
            5000));
        QVERIFY(notices.contains("To: postmaster@example.com"));
        QVERIFY(takeJobs(m_d).isEmpty());

        // Deleted without notice and without the archive.
        QCOMPARE(set(m_d, u"globalUserSettings.unknownSender.action"_s, u"delete"_s), QString());
        QCOMPARE(set(m_d, u"globalUserSettings.unknownSender.archive"_s, u"false"_s), QString());
        reply = send("mallory@evil.example", {"0301234567@fax.localhost"});
        QVERIFY2(reply.startsWith("550 5.7.1 "), reply.constData());
        QCOMPARE(files(error, u"*.json"_s).size(), 1);

        // Sent with the fax service's settings: local numbers only; the job keeps the sender.
        QCOMPARE(set(m_d, u"globalUserSettings.unknownSender.user"_s, u"fax-service@example.com"_s),
                 QString());
        QCOMPARE(set(m_d, u"globalUserSettings.unknownSender.action"_s, u"sendAsUser"_s), QString());
        reply = send("mallory@evil.example", {"0307654321@fax.localhost"});
        QVERIFY2(reply.startsWith("250 "), reply.constData());
        QList<QJsonObject> jobs = takeJobs(m_d);
        QCOMPARE(jobs.size(), 1);
        QCOMPARE(jobs.first().value(u"sender"_s).toString(), u"mallory@evil.example"_s);
        QCOMPARE(jobs.first().value(u"senderData"_s).toObject().value(u"user"_s).toString(),
                 u"fax-service@example.com"_s);
        reply = send("mallory@evil.example", {"0891234567@fax.localhost"});
        QVERIFY2(reply.startsWith("550 5.7.1 fax-service@example.com may send faxes to local numbers only"),
                 reply.constData());

        // A user the directory does not have: the administrator's mistake, so the mail waits (4xx).
        QCOMPARE(set(m_d, u"globalUserSettings.unknownSender.user"_s, u"gone@example.com"_s), QString());
        reply = send("mallory@evil.example", {"0307654321@fax.localhost"});
        QVERIFY2(reply.startsWith("451 4.3.5 "), reply.constData());
        QVERIFY(takeJobs(m_d).isEmpty());
        QCOMPARE(set(m_d, u"globalUserSettings.unknownSender.action"_s, u"deleteAndNotify"_s), QString());
    }

    // Emergency mode: only VIP users may send.
    void emergencyModeLetsOnlyVipsSend()
    {
        QCOMPARE(set(m_d, u"globalUserSettings.rights.emergencyMode"_s, u"true"_s), QString());
        QByteArray reply = send("anna@example.com", {"0301234567@fax.localhost"});
        QVERIFY2(reply.startsWith("550 5.7.1 the gateway is in emergency mode"), reply.constData());
        reply = send("victor@example.com", {"0044207946000@fax.localhost"});
        QVERIFY2(reply.startsWith("250 "), reply.constData());
        const QList<QJsonObject> jobs = takeJobs(m_d);
        QCOMPARE(jobs.size(), 1);
        QCOMPARE(jobs.first().value(u"reach"_s).toString(), u"international"_s);
        QCOMPARE(jobs.first().value(u"senderData"_s).toObject().value(u"vip"_s).toBool(), true);
        QCOMPARE(set(m_d, u"globalUserSettings.rights.emergencyMode"_s, u"false"_s), QString());
    }

    // Global rights for a user without own settings, and the check switched off.
    void globalRightsAndNoCheck()
    {
        QCOMPARE(set(m_d, u"globalUserSettings.rights.smsPermission"_s, u"none"_s), QString());
        QByteArray reply = send("victor@example.com", {"0301234567@sms.localhost"});
        QVERIFY2(reply.startsWith("550 5.7.1 victor@example.com may not send SMS"), reply.constData());
        QCOMPARE(set(m_d, u"globalUserSettings.rights.checkSenders"_s, u"false"_s), QString());
        reply = send("mallory@evil.example", {"0301234567@sms.localhost"});
        QVERIFY2(reply.startsWith("250 "), reply.constData());
        const QList<QJsonObject> jobs = takeJobs(m_d);
        QCOMPARE(jobs.size(), 1);
        QVERIFY(!jobs.first().contains(u"senderData"_s));
        QCOMPARE(set(m_d, u"globalUserSettings.rights.checkSenders"_s, u"true"_s), QString());
    }

    // Max. Fax Per Day (ixi-UMS 5.1.2): counted durably, so a restart does not reset it, and
    // per day in the instance's zone: the engine's clock is set to 23:59:30 in Berlin, then,
    // after a restart, to the next minute (UMGATE_CLOCK_OFFSET_SECONDS, no waiting).
    void dailyLimitsHoldAcrossRestartAndMidnight()
    {
        const QTimeZone berlin("Europe/Berlin");
        const QDateTime nowLocal = QDateTime::currentDateTimeUtc().toTimeZone(berlin);
        const QDateTime beforeMidnight(nowLocal.date(), QTime(23, 59, 30), berlin);
        const qint64 offset = QDateTime::currentDateTimeUtc().secsTo(beforeMidnight);
        UmgatedProcess d;
        const auto startAt = [&d](qint64 seconds) {
            QProcessEnvironment env;
            env.insert(u"TZ"_s, u"Europe/Berlin"_s);
            env.insert(u"UMGATE_CLOCK_OFFSET_SECONDS"_s, QString::number(seconds));
            d.setExtraEnvironment(env);
            QString error;
            return d.start(&error) ? QString() : error;
        };
        QCOMPARE(startAt(offset), QString());
        QVERIFY(umgate::test::writeFile(d.paths().instanceDir(kInstance) + u"/users.ldif"_s,
                                        "dn: cn=Lim,dc=example,dc=com\nobjectClass: user\ncn: Lim\n"
                                        "mail: lim@example.com\nextensionAttribute1: UMS1;fpd=2\n\n"));
        for (const auto& [key, value] :
             QList<QPair<QString, QString>>{{u"globalUserSettings.rights.maxSmsPerDay"_s, u"1"_s},
                                            {u"mailSystem.general.server"_s, u"127.0.0.1"_s},
                                            {u"mailSystem.general.port"_s, u"9"_s}})
            QCOMPARE(set(d, key, value), QString());
        const auto sendTo = [&d](const QList<QByteArray>& to) {
            return endOfDataReply(
                rawSmtp(umgate::test::listenPortOf(d.dataDir(), kInstance), mail("lim@example.com", to)));
        };
        // Two faxes allowed: the second mail's second recipient is one too many; the global SMS
        // limit applies beside it (types count apart).
        QByteArray reply = sendTo({"+4930111@fax.localhost"});
        QVERIFY2(reply.startsWith("250 "), reply.constData());
        reply = sendTo({"+4930222@fax.localhost", "+4930333@fax.localhost", "+4930444@sms.localhost"});
        QVERIFY2(reply.endsWith("and 1 more; 1 recipient refused, the sender gets a report"),
                 reply.constData());
        reply = sendTo({"+4930555@sms.localhost"});
        QVERIFY2(reply.startsWith("550 5.7.1 lim@example.com has sent the 1 SMS a day allowed"),
                 reply.constData());
        reply = sendTo({"+4930666@fax.localhost"});
        QVERIFY2(
            reply.startsWith("550 5.7.1 lim@example.com has sent the 2 faxes a day allowed; more can be sent "
                             "tomorrow"),
            reply.constData());
        QCOMPARE(takeJobs(d).size(), 3);
        // umgatectl user limits: today's counts against the limits.
        CtlResult limits = runCtl(d.dataDir(), {u"user"_s, u"limits"_s, kInstance, u"lim@example.com"_s});
        QVERIFY2(limits.exitCode == 0, qPrintable(limits.err));
        QVERIFY2(limits.out.contains(u"  fax    2 of 2\n  sms    1 of 1\n  voice  0 of unlimited\n"_s),
                 qPrintable(limits.out));

        // Killed and started again, still the same day: the counts were on disk before the 250s.
        d.kill();
        QCOMPARE(startAt(offset), QString());
        reply = sendTo({"+4930777@fax.localhost"});
        QVERIFY2(reply.startsWith("550 5.7.1 lim@example.com has sent the 2 faxes"), reply.constData());

        // After midnight in Berlin: a new day.
        d.stop();
        QCOMPARE(startAt(offset + 60), QString());
        reply = sendTo({"+4930888@fax.localhost", "+4930999@sms.localhost"});
        QVERIFY2(reply.startsWith("250 "), reply.constData());
        QCOMPARE(takeJobs(d).size(), 2);
        limits = runCtl(d.dataDir(), {u"user"_s, u"limits"_s, kInstance, u"lim@example.com"_s});
        QVERIFY2(limits.out.contains(u"  fax    1 of 2\n  sms    1 of 1\n"_s), qPrintable(limits.out));
        const QStringList days =
            QDir(d.paths().instanceDir(kInstance) + u"/DailyCounts"_s).entryList(QDir::Files);
        QCOMPARE(days, QStringList{beforeMidnight.addSecs(60).date().toString(Qt::ISODate) + u".log"_s});
    }
};

QTEST_GUILESS_MAIN(TestInboundPolicy)
#include "tst_inbound_policy.moc"
