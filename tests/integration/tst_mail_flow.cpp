// SPDX-License-Identifier: GPL-3.0-or-later
// Telephony -> e-mail through a real umgated: envelopes in Kernel/Incoming, the embedded
// directory, the durable SMTPOut queue and a real aiosmtpd; Badmail when the server is down,
// requeue to the server configured now, Send Test Message, the local Maildir store.
#include "UmgatedProcess.h"
#include "engine/spool/KernelEnvelope.h"
#include "tests/FixtureEnv.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

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
                          "mail: anna@example.com\notherFacsimileTelephoneNumber: +49 89 7654321\n\n"
                          "dn: uid=gone,ou=people,dc=example,dc=com\n"
                          "objectClass: inetOrgPerson\ncn: Gone\nsn: G\nuid: gone\n"
                          "mail: reject5-gone@example.com\notherFacsimileTelephoneNumber: +49 89 1111111\n";
} // namespace

class TstMailFlow : public QObject
{
    Q_OBJECT

    QHash<QString, QString> m_env;

    QString env(const char* key) const { return m_env.value(QString::fromLatin1(key)); }

    bool set(const UmgatedProcess& d, const QString& key, const QString& value)
    {
        const CtlResult r = runCtl(d.dataDir(), {u"config"_s, u"set"_s, kId, key, value});
        if (r.exitCode != 0) qWarning("config set %s: %s", qPrintable(key), qPrintable(r.err + r.out));
        return r.exitCode == 0;
    }

    // Messages aiosmtpd stored whose text contains `marker`.
    QList<QByteArray> received(const QByteArray& marker) const
    {
        QList<QByteArray> found;
        // new/ only: the fixture writes into tmp/ and renames into new/, so a listing of both
        // during the rename sees a mail twice or not at all.
        QDirIterator it(env("AIOSMTPD_MAILDIR") + u"/new"_s, QDir::Files);
        for (int i = 0; it.hasNext() && i < 100000; ++i) {
            QFile f(it.next());
            if (f.open(QIODevice::ReadOnly)) {
                const QByteArray text = f.readAll();
                if (text.contains(marker)) found << text;
            }
        }
        return found;
    }

    static KernelEnvelope sms(const QString& id, const QString& called, const QString& text)
    {
        KernelEnvelope e;
        e.id = id;
        e.type = KernelEnvelope::Type::Sms;
        e.calling = u"+49 30 1234567"_s;
        e.called = called;
        e.text = text;
        e.time = QDateTime::currentDateTimeUtc();
        return e;
    }

    bool startConfigured(UmgatedProcess& d, const QString& port)
    {
        QString error;
        if (!d.start(&error)) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        QFile users(d.paths().instanceDirectoryFile(kId));
        if (!users.open(QIODevice::WriteOnly)) return false;
        users.write(kUsers);
        users.close();
        return set(d, u"mailSystem.general.server"_s, u"127.0.0.1"_s) &&
               set(d, u"mailSystem.general.port"_s, port) &&
               set(d, u"mailSystem.general.defaultRecipient"_s, u"postmaster@example.com"_s) &&
               set(d, u"mailSystem.template.mailDomain"_s, u"example.com"_s) &&
               set(d, u"mailSystem.messageStore.mode"_s, u"mailServer"_s);
    }

    QString spool(const UmgatedProcess& d) const
    {
        return d.paths().instanceDir(kId) + u"/Kernel/Incoming"_s;
    }

private slots:
    void initTestCase()
    {
        m_env = test::fixtureEnv(u"aiosmtpd"_s);
        m_env.insert(test::fixtureEnv(u"dnsmasq"_s));
        QVERIFY(!env("AIOSMTPD_NOAUTH_PORT").isEmpty());
        QVERIFY(!env("AIOSMTPD_MAILDIR").isEmpty());
    }

    void smsReachesTheUserAndUnknownNumbersTheDefaultRecipient()
    {
        UmgatedProcess d;
        QVERIFY(startConfigured(d, env("AIOSMTPD_NOAUTH_PORT")));
        QString error;
        const QString marker = u"flow-%1"_s.arg(QDateTime::currentMSecsSinceEpoch());
        QVERIFY2(KernelEnvelope::write(spool(d), sms(u"s1"_s, u"+49 89 7654321"_s, marker + u" Grüße"_s), {},
                                       &error),
                 qPrintable(error));
        QVERIFY(KernelEnvelope::write(spool(d), sms(u"s2"_s, u"+1 555 0100"_s, marker + u" unknown"_s), {},
                                      &error));
        QTRY_COMPARE_WITH_TIMEOUT(received(marker.toUtf8()).size(), 2, 60000);
        // The spool is empty once the mail is safe.
        QTRY_VERIFY_WITH_TIMEOUT(QDir(spool(d)).entryList({u"*.json"_s}, QDir::Files).isEmpty(), 5000);
        bool anna = false, postmaster = false;
        for (const QByteArray& m : received(marker.toUtf8())) {
            anna |= m.contains("anna@example.com");
            postmaster |= m.contains("postmaster@example.com");
            QVERIFY(m.contains("Message-Context: text-message"));
            QVERIFY(m.contains("+4930"));
        }
        QVERIFY(anna && postmaster);
        // The Message ID log says what went where.
        QTRY_VERIFY_WITH_TIMEOUT(umgate::test::readAll(d.paths().instanceDir(kId) + u"/Logs/MessageId.log"_s)
                                     .contains("delivered"),
                                 5000);
        // The same through the live tail an administrator uses.
        QTRY_VERIFY_WITH_TIMEOUT(runCtl(d.dataDir(), {u"log"_s, u"tail"_s, kId, u"smtpConnection"_s})
                                     .out.contains(u"outcome=success"_s),
                                 5000);
        const CtlResult tail = runCtl(d.dataDir(), {u"--json"_s, u"log"_s, u"tail"_s, kId, u"messageId"_s});
        const QJsonObject t = QJsonDocument::fromJson(tail.out.toUtf8()).object();
        QVERIFY2(t.value(u"text"_s).toString().contains(u"delivered"_s), qPrintable(tail.out));
        QVERIFY(t.value(u"size"_s).toDouble() > 0);
        QCOMPARE(runCtl(d.dataDir(), {u"log"_s, u"tail"_s, kId, u"nosuchlog"_s}).exitCode, 1);

        // Clear (ixi-UMS 4.2.8): the current file is emptied while the engine keeps writing it.
        const CtlResult cleared = runCtl(d.dataDir(), {u"log"_s, u"clear"_s, kId, u"messageId"_s});
        QVERIFY2(cleared.exitCode == 0 && cleared.out.contains(u"MessageId.log"_s),
                 qPrintable(cleared.out + cleared.err));
        QCOMPARE(QFileInfo(d.paths().instanceDir(kId) + u"/Logs/MessageId.log"_s).size(), 0);
        const QString again = u"after-clear-%1"_s.arg(QDateTime::currentMSecsSinceEpoch());
        QVERIFY(KernelEnvelope::write(spool(d), sms(u"s2"_s, u"+49 89 7654321"_s, again), {}, &error));
        QTRY_VERIFY_WITH_TIMEOUT(umgate::test::readAll(d.paths().instanceDir(kId) + u"/Logs/MessageId.log"_s)
                                     .contains("delivered"),
                                 20000);
        QVERIFY(
            !umgate::test::readAll(d.paths().instanceDir(kId) + u"/Logs/MessageId.log"_s).startsWith('\0'));
    }

    void serverDownEndsInBadmailAndRequeueDelivers()
    {
        UmgatedProcess d;
        const QString closed = QString::number(UmgatedProcess::freePort());
        QVERIFY(startConfigured(d, closed));
        QVERIFY(set(d, u"mailSystem.polling.retries"_s, u"1"_s));
        QVERIFY(set(d, u"mailSystem.polling.intervals"_s, u"[1]"_s));
        const QString marker = u"badmail-%1"_s.arg(QDateTime::currentMSecsSinceEpoch());
        QString error;
        QVERIFY(KernelEnvelope::write(spool(d), sms(u"b1"_s, u"+49 89 7654321"_s, marker), {}, &error));
        // Two attempts (the first and one retry), then Badmail.
        QTRY_VERIFY_WITH_TIMEOUT(runCtl(d.dataDir(), {u"queue"_s, u"list"_s, kId, u"badmail"_s})
                                     .out.contains(u"anna@example.com"_s),
                                 30000);
        const CtlResult list = runCtl(d.dataDir(), {u"--json"_s, u"queue"_s, u"list"_s, kId, u"badmail"_s});
        const QJsonArray entries =
            QJsonDocument::fromJson(list.out.toUtf8()).object().value(u"entries"_s).toArray();
        QString queueId;
        for (const auto& v : entries)
            if (v.toObject().value(u"recipients"_s).toArray().contains(u"anna@example.com"_s))
                queueId = v.toObject().value(u"id"_s).toString();
        QVERIFY2(!queueId.isEmpty(), qPrintable(list.out));
        QVERIFY(QFile::exists(d.paths().instanceDir(kId) + u"/SMTPOut/Badmail/"_s + queueId + u".eml"_s));

        // The administrator fixes the server and requeues: the mail goes to the server configured now.
        QVERIFY(set(d, u"mailSystem.general.port"_s, env("AIOSMTPD_NOAUTH_PORT")));
        const CtlResult requeue = runCtl(d.dataDir(), {u"queue"_s, u"requeue"_s, kId, queueId});
        QVERIFY2(requeue.exitCode == 0, qPrintable(requeue.err));
        QTRY_COMPARE_WITH_TIMEOUT(received(marker.toUtf8()).size(), 1, 60000);
    }

    void testMessageReportsEveryStep()
    {
        UmgatedProcess d;
        QVERIFY(startConfigured(d, env("AIOSMTPD_NOAUTH_PORT")));
        const CtlResult r =
            runCtl(d.dataDir(), {u"test-message"_s, kId, u"--type"_s, u"sms"_s, u"--calling"_s,
                                 u"+49 30 1234567"_s, u"--called"_s, u"+49 89 7654321"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(u"recipient: anna@example.com"_s), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"outcome: delivered"_s), qPrintable(r.out));
        QVERIFY(r.out.contains(u"filter"_s));
    }

    // A permanent failure (550 for this recipient) goes to Badmail at once, and the default
    // recipient is told where it is and how to send it again.
    void permanentFailureNotifiesTheDefaultRecipient()
    {
        UmgatedProcess d;
        QVERIFY(startConfigured(d, env("AIOSMTPD_NOAUTH_PORT")));
        const QString marker = u"gone-%1"_s.arg(QDateTime::currentMSecsSinceEpoch());
        QString error;
        QVERIFY(KernelEnvelope::write(spool(d), sms(u"g1"_s, u"+49 89 1111111"_s, marker), {}, &error));
        QTRY_VERIFY_WITH_TIMEOUT(runCtl(d.dataDir(), {u"queue"_s, u"list"_s, kId, u"badmail"_s})
                                     .out.contains(u"reject5-gone@example.com"_s),
                                 30000);
        const CtlResult list = runCtl(d.dataDir(), {u"queue"_s, u"list"_s, kId, u"badmail"_s});
        QVERIFY2(list.out.contains(u"550"_s), qPrintable(list.out)); // the reason names the reply
        // The notice: to the default recipient, naming the mail and the requeue command.
        QTRY_VERIFY_WITH_TIMEOUT(
            !received("reject5-gone@example.com").isEmpty() && received("Undeliverable").size() > 0, 30000);
        bool noticed = false;
        for (const QByteArray& m : received("reject5-gone@example.com"))
            noticed |= m.contains("X-Envelope-To: postmaster@example.com") && m.contains("queue requeue");
        QVERIFY(noticed);
    }

    // Avaya sender list: the second entry serves its own domain, with its sender identifier and
    // CRAM-MD5 authentication; its password goes to the secret store, never into instance.json.
    void senderListRoutesByDomainWithCramMd5()
    {
        UmgatedProcess d;
        QVERIFY(startConfigured(d, env("AIOSMTPD_NOAUTH_PORT")));
        // The CRAM-MD5 listener offers no STARTTLS: with the default (opportunistic) no password
        // would go; the administrator of this test chose "None".
        QVERIFY(set(d, u"mailSystem.encryption.mode"_s, u"none"_s));
        const QString senders = uR"([{"mailDomain":"example.com","server":"127.0.0.1","port":%1},
                 {"mailDomain":"partner.org","server":"127.0.0.1","port":%2,"senderIdentifier":"vm@example.com",
                  "requiresAuthentication":true,"account":"%3","password":"%4","cramMd5":true}])"_s.arg(
            env("AIOSMTPD_NOAUTH_PORT"), env("AIOSMTPD_CRAM_PORT"), env("AIOSMTPD_USER"),
            env("AIOSMTPD_PASSWORD"));
        const CtlResult r =
            runCtl(d.dataDir(), {u"config"_s, u"set"_s, kId, u"systemPreferences.email.senders"_s, u"-"_s},
                   senders.toUtf8());
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(!umgate::test::readAll(d.paths().instanceConfigFile(kId))
                     .contains(env("AIOSMTPD_PASSWORD").toUtf8()));
        // The CRAM-MD5 listener offers no STARTTLS: opportunistic encryption (the default) would
        // keep the password back, so this instance chose "none".
        QVERIFY(set(d, u"mailSystem.encryption.mode"_s, u"none"_s));
        // Nobody has this number: the default recipient, in the partner's domain.
        QVERIFY(set(d, u"mailSystem.general.defaultRecipient"_s, u"fax@sales.partner.org"_s));
        const QString marker = u"avaya-%1"_s.arg(QDateTime::currentMSecsSinceEpoch());
        QString error;
        QVERIFY(KernelEnvelope::write(spool(d), sms(u"a1"_s, u"+1 555 0199"_s, marker), {}, &error));
        QTRY_COMPARE_WITH_TIMEOUT(received(marker.toUtf8()).size(), 1, 60000);
        const QByteArray mail = received(marker.toUtf8()).first();
        QVERIFY2(mail.contains("X-Listener: cram"), mail.left(400).constData());
        QVERIFY2(mail.contains("X-Envelope-From: vm@example.com"), mail.left(400).constData());
        QVERIFY(mail.contains("fax@sales.partner.org"));
    }

    // Panasonic Direct SMTP: an entry without a relay. The recipient domain's MX hosts are asked
    // of a real DNS server (dnsmasq) in order of preference; the first (127.0.0.2) refuses, so the
    // second takes the mail. No MX means the domain's own address; a null MX or a domain that does
    // not exist is a permanent failure (Badmail), a failing DNS server a deferral.
    void directSmtpFollowsMxRecords()
    {
        QVERIFY2(!env("DNSMASQ_SERVER").isEmpty(), "the dnsmasq fixture did not run");
        UmgatedProcess d;
        QVERIFY(startConfigured(d, env("AIOSMTPD_NOAUTH_PORT")));
        QCOMPARE(
            runCtl(d.dataDir(), {u"misc"_s, u"set"_s, u"dns.nameserver"_s, env("DNSMASQ_SERVER")}).exitCode,
            0);
        const CtlResult bad =
            runCtl(d.dataDir(), {u"misc"_s, u"set"_s, u"dns.nameserver"_s, u"dns.example"_s});
        QVERIFY2(bad.exitCode != 0 && (bad.out + bad.err).contains(u"not a DNS server address"_s),
                 qPrintable(bad.out + bad.err));
        // Without a server an entry must say Direct SMTP.
        const CtlResult noServer =
            runCtl(d.dataDir(), {u"config"_s, u"set"_s, kId, u"systemPreferences.email.senders"_s, u"-"_s},
                   uR"([{"mailDomain":"example.com"}])"_s.toUtf8());
        QVERIFY2(noServer.exitCode != 0 &&
                     (noServer.out + noServer.err).contains(u"unless the entry uses Direct SMTP"_s),
                 qPrintable(noServer.out + noServer.err));
        const CtlResult r =
            runCtl(d.dataDir(), {u"config"_s, u"set"_s, kId, u"systemPreferences.email.senders"_s, u"-"_s},
                   uR"([{"mailDomain":"example.com","directSmtp":true,"port":%1}])"_s
                       .arg(env("AIOSMTPD_NOAUTH_PORT"))
                       .toUtf8());
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY(set(d, u"mailSystem.polling.retries"_s, u"3"_s));
        QVERIFY(set(d, u"mailSystem.polling.intervals"_s, u"[600, 600, 600]"_s));

        const QString stamp = QString::number(QDateTime::currentMSecsSinceEpoch());
        QString error;
        const auto sendTo = [&](const QString& address, const QString& id) {
            if (!set(d, u"mailSystem.general.defaultRecipient"_s, address)) return false;
            return KernelEnvelope::write(spool(d), sms(id, u"+1 555 0100"_s, id + u"-"_s + stamp), {},
                                         &error);
        };
        QVERIFY(sendTo(u"fax@direct.test"_s, u"mx"_s));
        QTRY_COMPARE_WITH_TIMEOUT(received((u"mx-"_s + stamp).toUtf8()).size(), 1, 30000);
        QVERIFY(received((u"mx-"_s + stamp).toUtf8()).first().contains("X-Envelope-To: fax@direct.test"));
        const QString smtpLog = d.paths().instanceDir(kId) + u"/Logs/SmtpConnection.log"_s;
        // The log is written in the background (within 100 ms); the refused first MX is in it.
        QTRY_VERIFY_WITH_TIMEOUT(
            umgate::test::readAll(smtpLog).contains("mx2.direct.test [127.0.0.1]") &&
                umgate::test::readAll(smtpLog).contains("MX mx1.direct.test [127.0.0.2]"),
            5000);

        QVERIFY(sendTo(u"fax@implicit.test"_s, u"implicit"_s));
        QTRY_COMPARE_WITH_TIMEOUT(received((u"implicit-"_s + stamp).toUtf8()).size(), 1, 30000);

        QVERIFY(sendTo(u"fax@nullmx.test"_s, u"nullmx"_s));
        QTRY_VERIFY_WITH_TIMEOUT(runCtl(d.dataDir(), {u"queue"_s, u"list"_s, kId, u"badmail"_s})
                                     .out.contains(u"fax@nullmx.test"_s),
                                 30000);
        QVERIFY(sendTo(u"fax@nosuch.test"_s, u"nxdomain"_s));
        QTRY_VERIFY_WITH_TIMEOUT(runCtl(d.dataDir(), {u"queue"_s, u"list"_s, kId, u"badmail"_s})
                                     .out.contains(u"fax@nosuch.test"_s),
                                 30000);
        const CtlResult badmail = runCtl(d.dataDir(), {u"queue"_s, u"list"_s, kId, u"badmail"_s});
        QVERIFY2(badmail.out.contains(u"RFC 7505"_s) && badmail.out.contains(u"NXDOMAIN"_s),
                 qPrintable(badmail.out));

        // A DNS server failure is not the domain's answer: the mail waits for the next attempt.
        QVERIFY(sendTo(u"fax@servfail.test"_s, u"servfail"_s));
        QTRY_VERIFY_WITH_TIMEOUT(
            runCtl(d.dataDir(), {u"queue"_s, u"list"_s, kId}).out.contains(u"failed or did not answer"_s),
            40000);

        // Send Test Message shows the DNS step in its report.
        QVERIFY(set(d, u"mailSystem.general.defaultRecipient"_s, u"fax@direct.test"_s));
        const CtlResult t =
            runCtl(d.dataDir(), {u"test-message"_s, kId, u"--type"_s, u"sms"_s, u"--calling"_s,
                                 u"+49 30 1234567"_s, u"--called"_s, u"+1 555 0100"_s});
        QVERIFY2(t.exitCode == 0, qPrintable(t.out + t.err));
        QVERIFY2(t.out.contains(u"DNS: MX direct.test"_s) && t.out.contains(u"trying the next"_s),
                 qPrintable(t.out));
    }

    // Routing step 1: a subscriber mailbox that holds the called number wins over the directory
    // user with the same number. A damaged table is reported and the last good one stays.
    void subscriberMailboxComesBeforeTheDirectory()
    {
        UmgatedProcess d;
        QVERIFY(startConfigured(d, env("AIOSMTPD_NOAUTH_PORT")));
        const QString table = d.paths().instanceMailboxesFile(kId);
        const auto writeTable = [&](const QByteArray& text) {
            QFile f(table);
            return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(text) == text.size();
        };
        QVERIFY(writeTable(R"({"format": "umgate-mailboxes", "version": 1, "mailboxes": [
            {"number": "+49 89 7654321", "name": "Sales", "email": "sales@example.com"},
            {"number": "+49 89 1111111", "name": "Off", "email": "off@example.com", "enabled": false}]})"));
        const QString stamp = QString::number(QDateTime::currentMSecsSinceEpoch());
        QString error;
        // Another spelling of the number; anna@example.com has it in the directory.
        QVERIFY(KernelEnvelope::write(spool(d), sms(u"mb1"_s, u"0049 (89) 765-4321"_s, u"mb1-"_s + stamp), {},
                                      &error));
        QTRY_COMPARE_WITH_TIMEOUT(received((u"mb1-"_s + stamp).toUtf8()).size(), 1, 30000);
        QVERIFY(received((u"mb1-"_s + stamp).toUtf8()).first().contains("X-Envelope-To: sales@example.com"));

        const CtlResult t =
            runCtl(d.dataDir(), {u"test-message"_s, kId, u"--type"_s, u"sms"_s, u"--calling"_s,
                                 u"+49 30 1234567"_s, u"--called"_s, u"+49 89 7654321"_s});
        QVERIFY2(t.out.contains(u"subscriber mailbox +49 89 7654321 (Sales)"_s), qPrintable(t.out));

        // Broken by hand: the error is logged, the previous table stays in use.
        QTest::qWait(1100); // the table is checked at most once a second
        QVERIFY(
            writeTable(R"({"format": "umgate-mailboxes", "version": 1, "mailboxes": [{"number": "12"}]})"));
        QVERIFY(KernelEnvelope::write(spool(d), sms(u"mb2"_s, u"+49 89 7654321"_s, u"mb2-"_s + stamp), {},
                                      &error));
        QTRY_COMPARE_WITH_TIMEOUT(received((u"mb2-"_s + stamp).toUtf8()).size(), 1, 30000);
        QVERIFY(received((u"mb2-"_s + stamp).toUtf8()).first().contains("X-Envelope-To: sales@example.com"));
        QTRY_VERIFY_WITH_TIMEOUT(d.log().contains("the previous subscriber mailboxes stay in use"), 5000);
    }

    void localMaildirIsTheDefaultStore()
    {
        UmgatedProcess d;
        QString error;
        QVERIFY2(d.start(&error), qPrintable(error));
        QVERIFY(KernelEnvelope::write(spool(d), sms(u"m1"_s, u"+1 555 0100"_s, u"to the local store"_s), {},
                                      &error));
        const QString maildir = d.paths().instanceDir(kId) + u"/Maildir/postmaster@localhost/new"_s;
        QTRY_COMPARE_WITH_TIMEOUT(QDir(maildir).entryList(QDir::Files).size(), 1, 20000);
    }
};

QTEST_GUILESS_MAIN(TstMailFlow)
#include "tst_mail_flow.moc"
