// SPDX-License-Identifier: GPL-3.0-or-later
// E-mail to telephony through a real company mail server (issue 12): the maildrop fixture's
// Postfix relays fax., sms. and voice.example.com to one instance's listener by its transport map
// (in clear, STARTTLS when offered), and the same under secure.example.com to a second instance
// with implicit TLS and SMTP AUTH (smtp_tls_wrappermode, smtp_sasl_password_maps). What umgate
// accepts becomes a kernel job with the DSN parameters Postfix passed on; what it refuses comes
// back to the sender as Postfix's bounce with umgate's reason. Postfix's smtp-source is a client
// too.
#include "UmgatedProcess.h"
#include "tests/FixtureEnv.h"

#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using umgate::test::CtlResult;
using umgate::test::runCtl;
using umgate::test::UmgatedProcess;

namespace {

const QString kPlain = u"MSConnInst1"_s;
const QString kSecure = u"Secure"_s;

QString outgoing(const UmgatedProcess& d, const QString& id)
{
    return d.paths().instanceDir(id) + u"/Kernel/Outgoing"_s;
}

QList<QJsonObject> jobs(const UmgatedProcess& d, const QString& id)
{
    QList<QJsonObject> out;
    const QStringList names = QDir(outgoing(d, id)).entryList({u"*.json"_s}, QDir::Files, QDir::Name);
    for (const QString& name : names)
        out << QJsonDocument::fromJson(umgate::test::readAll(outgoing(d, id) + u'/' + name)).object();
    return out;
}

QString setAll(const UmgatedProcess& d, const QString& id, const QList<std::pair<QString, QString>>& values)
{
    for (const auto& [key, value] : values) {
        const CtlResult r = runCtl(d.dataDir(), {u"config"_s, u"set"_s, id, key, value});
        if (r.exitCode != 0) return id + u" "_s + key + u": "_s + r.err;
    }
    return {};
}

// Every file under `dir` (a Maildir's new/ and cur/), concatenated.
QByteArray mailsIn(const QString& dir)
{
    QByteArray all;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        all += umgate::test::readAll(it.next()) + "\n--\n";
    return all;
}

// The mails in `maildir` once one of them contains `needle` (at most 30 s), else "".
QByteArray waitForMail(const QString& maildir, const QByteArray& needle)
{
    QByteArray all;
    return QTest::qWaitFor(
               [&] {
                   all = mailsIn(maildir);
                   return all.contains(needle);
               },
               30000)
               ? all
               : QByteArray();
}

struct Run
{
    int exitCode = -1;
    QString output;
};

Run run(const QString& program, const QStringList& args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForStarted(5000)) return {-1, u"cannot start "_s + program};
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished(5000);
        return {-1, u"timeout: "_s + QString::fromLocal8Bit(p.readAll())};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromLocal8Bit(p.readAll())};
}

// One mail to Postfix with three recipients: a fax for the plain instance, an SMS for the secure
// one, and an address umgate refuses. DSN parameters ride along.
const char* kSubmit = R"(
import smtplib, sys
from email.message import EmailMessage
m = EmailMessage()
m['From'] = 'postmaster@example.com'
m['To'] = '"+49 30 1234567"@fax.example.com, +4930222333@sms.secure.example.com'
m['Subject'] = 'Through the mail server'
m['Message-ID'] = '<relay-1@example.com>'
m.set_content('Hello from Postfix.')
m.add_attachment(b'%PDF-1.4 relay', maintype='application', subtype='pdf', filename='relay.pdf')
with smtplib.SMTP('127.0.0.1', int(sys.argv[1]), timeout=30) as s:
    refused = s.send_message(m, to_addrs=['"+49 30 1234567"@fax.example.com',
                                          '+4930222333@sms.secure.example.com',
                                          'not-a-number@fax.example.com'],
                             mail_options=['RET=HDRS', 'ENVID=relay-17'],
                             rcpt_options=['NOTIFY=FAILURE'])
    print('refused', refused)
)";

// A mail straight to the listener, as a client of the gateway would send it: a fax and two
// addresses of the company domain, one of which Postfix does not know.
const char* kRelaySubmit = R"(
import smtplib, sys
with smtplib.SMTP('127.0.0.1', int(sys.argv[1]), timeout=30) as s:
    s.ehlo('client.example.com')
    s.mail('postmaster@example.com')
    for rcpt in ['+4930111222@fax.example.com', 'anna@example.com', 'nobody@example.com']:
        print('rcpt', *s.rcpt(rcpt))
    print('data', *s.data('From: postmaster@example.com\r\nTo: anna@example.com\r\n'
                          'Subject: Fax and mail\r\nMessage-ID: <relay-2@example.com>\r\n\r\nBoth ways.\r\n'))
)";

QStringList queued(const UmgatedProcess& d, const QString& id)
{
    return QDir(d.paths().instanceDir(id) + u"/SMTPOut"_s).entryList({u"*.json"_s}, QDir::Files);
}

} // namespace

class TestInboundPostfix : public QObject
{
    Q_OBJECT

private slots:
    void relayedByPostfix()
    {
        const auto env = umgate::test::fixtureEnv(u"maildrop"_s);
        QVERIFY2(env.contains(u"MAILDROP_GATEWAY_PORT"_s),
                 "the maildrop fixture did not run (ctest -R tst_inbound_postfix starts it)");
        UmgatedProcess d;
        QString error;
        QVERIFY2(d.start(&error), qPrintable(error));
        QVERIFY(umgate::test::withoutSenderCheck(d.dataDir()));
        QCOMPARE(setAll(d, kPlain,
                        {{u"mailSystem.template.mailDomain"_s, u"example.com"_s},
                         {u"general.ipAddresses.port"_s, env.value(u"MAILDROP_GATEWAY_PORT"_s)}}),
                 QString());
        const CtlResult created = runCtl(d.dataDir(), {u"instance"_s, u"create"_s, kSecure});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        const QString certificates = umgate::test::makeInstanceCertificates(d, kSecure, &error);
        QVERIFY2(!certificates.isEmpty(), qPrintable(error));
        QCOMPARE(setAll(d, kSecure,
                        {{u"mailSystem.template.mailDomain"_s, u"secure.example.com"_s},
                         {u"globalUserSettings.rights.checkSenders"_s, u"false"_s},
                         {u"general.ipAddresses.port"_s, env.value(u"MAILDROP_GATEWAY_TLS_PORT"_s)},
                         {u"general.encryption.certificate"_s, u"server.pem"_s},
                         {u"general.encryption.key"_s, u"server.key"_s},
                         {u"general.encryption.enabled"_s, u"true"_s},
                         {u"general.encryption.implicitTls"_s, u"true"_s},
                         {u"general.authentication.user"_s, env.value(u"MAILDROP_GATEWAY_USER"_s)},
                         {u"general.authentication.forceTls"_s, u"true"_s}}),
                 QString());
        const CtlResult pw = runCtl(
            d.dataDir(), {u"config"_s, u"set"_s, kSecure, u"general.authentication.password"_s, u"-"_s},
            env.value(u"MAILDROP_GATEWAY_PASSWORD"_s).toUtf8() + "\n");
        QVERIFY2(pw.exitCode == 0, qPrintable(pw.err));
        const CtlResult enabled = runCtl(d.dataDir(), {u"instance"_s, u"enable"_s, kSecure});
        QVERIFY2(enabled.exitCode == 0, qPrintable(enabled.err + enabled.out));
        // Both listen, neither has a warning.
        QVERIFY(QTest::qWaitFor(
            [&] {
                const QString s = runCtl(d.dataDir(), {u"status"_s}).out;
                return s.count(u"running"_s) == 2 && !s.contains(u"warning"_s);
            },
            10000));

        const Run submit =
            run(u"python3"_s, {u"-c"_s, QString::fromLatin1(kSubmit), env.value(u"MAILDROP_SMTP_PORT"_s)});
        QVERIFY2(submit.exitCode == 0 && submit.output.contains(u"refused {}"_s), qPrintable(submit.output));
        // Postfix relays within seconds; each accepted recipient is one job.
        QVERIFY2(QTest::qWaitFor([&] { return jobs(d, kPlain).size() == 1 && jobs(d, kSecure).size() == 1; },
                                 30000),
                 qPrintable(u"jobs: %1 + %2"_s.arg(jobs(d, kPlain).size()).arg(jobs(d, kSecure).size())));
        const QJsonObject fax = jobs(d, kPlain).first();
        QCOMPARE(fax.value(u"type"_s).toString(), u"fax"_s);
        QCOMPARE(fax.value(u"number"_s).toString(), u"+49301234567"_s);
        QCOMPARE(fax.value(u"sender"_s).toString(), u"postmaster@example.com"_s);
        QCOMPARE(fax.value(u"authenticatedUser"_s).toString(), QString());
        QCOMPARE(fax.value(u"messageId"_s).toString(), u"<relay-1@example.com>"_s);
        QCOMPARE(fax.value(u"client"_s).toObject().value(u"helo"_s).toString(), u"mx.maildrop.test"_s);
        // Postfix passes the DSN on (RFC 3461): what the report back will need.
        const QJsonObject dsn = fax.value(u"dsn"_s).toObject();
        QCOMPARE(dsn.value(u"ret"_s).toString(), u"HDRS"_s);
        QCOMPARE(dsn.value(u"envId"_s).toString(), u"relay-17"_s);
        QCOMPARE(dsn.value(u"notify"_s).toString(), u"FAILURE"_s);
        QVERIFY2(dsn.value(u"orcpt"_s).toString().contains(u"fax.example.com"_s),
                 qPrintable(dsn.value(u"orcpt"_s).toString()));
        QCOMPARE(fax.value(u"attachments"_s).toArray().size(), 1);
        // STARTTLS was offered? Not configured here: ESMTP in clear, Postfix's Received: below ours.
        const QByteArray faxMail =
            umgate::test::readAll(outgoing(d, kPlain) + u'/' + fax.value(u"message"_s).toString());
        QVERIFY2(faxMail.startsWith("Received: from mx.maildrop.test") && faxMail.contains("with ESMTP id") &&
                     faxMail.contains("by mx.maildrop.test (Postfix)"),
                 faxMail.left(600).constData());

        const QJsonObject sms = jobs(d, kSecure).first();
        QCOMPARE(sms.value(u"type"_s).toString(), u"sms"_s);
        QCOMPARE(sms.value(u"number"_s).toString(), u"+4930222333"_s);
        QCOMPARE(sms.value(u"authenticatedUser"_s).toString(), env.value(u"MAILDROP_GATEWAY_USER"_s));
        QVERIFY(umgate::test::readAll(outgoing(d, kSecure) + u'/' + sms.value(u"message"_s).toString())
                    .contains("with ESMTPSA id"));

        // The refused recipient: Postfix's bounce reaches the sender with umgate's 550 and reason.
        const QString postmaster = env.value(u"MAILDROP_DIR"_s) + u"/mail/postmaster/Maildir"_s;
        const QByteArray bounce = waitForMail(postmaster, "not-a-number@fax.example.com");
        QVERIFY2(!bounce.isEmpty(), "no bounce for the refused recipient reached postmaster@example.com");
        QVERIFY2(bounce.contains("said: 550 5.1.3") && bounce.contains("is not a telephone number"),
                 bounce.constData());

        // Postfix's smtp-source straight at the listener: 4 sessions, 20 mails, 20 jobs.
        const Run source =
            run(u"/usr/sbin/smtp-source"_s, {u"-s"_s, u"4"_s, u"-m"_s, u"20"_s, u"-l"_s, u"2048"_s, u"-f"_s,
                                             u"load@example.com"_s, u"-t"_s, u"004930555@fax.example.com"_s,
                                             u"127.0.0.1:"_s + env.value(u"MAILDROP_GATEWAY_PORT"_s)});
        QVERIFY2(source.exitCode == 0, qPrintable(source.output));
        QCOMPARE(jobs(d, kPlain).size(), 21);
    }

    // Cisco Unity's smart host, with Postfix as that host: recipients outside the gateway's
    // domains are relayed, durably before the 250, but only for relay clients and logged-in
    // clients; what Postfix refuses comes back to the sender as an RFC 3464 report.
    void relayToTheSmartHost()
    {
        const auto env = umgate::test::fixtureEnv(u"maildrop"_s);
        QVERIFY2(env.contains(u"MAILDROP_SMTP_PORT"_s), "the maildrop fixture did not run");
        UmgatedProcess d;
        QString error;
        QVERIFY2(d.start(&error), qPrintable(error));
        QVERIFY(umgate::test::withoutSenderCheck(d.dataDir()));
        const quint16 nobodyListens = UmgatedProcess::freePort();
        QCOMPARE(setAll(d, kPlain,
                        {{u"mailSystem.template.mailDomain"_s, u"example.com"_s},
                         {u"general.relay.smartHost"_s, u"127.0.0.1"_s},
                         {u"general.relay.port"_s, QString::number(nobodyListens)},
                         {u"general.relay.unknownRecipients"_s, u"smartHost"_s}}),
                 QString());
        QVERIFY(QTest::qWaitFor(
            [&] { return runCtl(d.dataDir(), {u"status"_s}).out.contains(u"no client may relay"_s); },
            10000));
        const quint16 port = umgate::test::listenPortOf(d.dataDir(), kPlain);

        // Nobody may relay yet: every way of writing a foreign address is refused, nothing queued.
        const QByteArray probe = "EHLO probe\r\nMAIL FROM:<spam@example.net>\r\n"
                                 "RCPT TO:<victim@example.org>\r\nRCPT TO:<VICTIM@EXAMPLE.ORG>\r\n"
                                 "RCPT TO:<@fax.example.com:victim@example.org>\r\n"
                                 "RCPT TO:<victim%example.org@fax.example.com>\r\n"
                                 "RCPT TO:<victim@[192.0.2.1]>\r\nQUIT\r\n";
        const QByteArray refused = umgate::test::rawSmtp(port, probe);
        QCOMPARE(refused.count("554 5.7.1"), 3);
        QVERIFY2(refused.contains("554 5.7.1 <victim@example.org>: Relay access denied"),
                 refused.constData());
        QCOMPARE(refused.count("550 5.1."), 2);
        QVERIFY(!refused.contains("250 2.1.5"));
        QVERIFY(queued(d, kPlain).isEmpty());
        // No list of relay clients can take in the Internet.
        for (const QString& open :
             {u"[\"0.0.0.0/0\"]"_s, u"[\"::/0\"]"_s, u"[\"0.0.0.0/1\", \"128.0.0.0/1\"]"_s}) {
            const CtlResult r =
                runCtl(d.dataDir(), {u"config"_s, u"set"_s, kPlain, u"general.relay.clients"_s, open});
            QVERIFY2(r.exitCode != 0 && r.err.contains(u"open relay"_s), qPrintable(open + r.err));
        }
        QCOMPARE(setAll(d, kPlain, {{u"general.relay.clients"_s, u"[\"127.0.0.1\"]"_s}}), QString());
        QVERIFY(QTest::qWaitFor(
            [&] { return !runCtl(d.dataDir(), {u"status"_s}).out.contains(u"warning"_s); }, 10000));

        // A relay client: the fax becomes a job, the two others one queued mail for the smart
        // host, on disk before the 250: SIGKILL right after it loses nothing.
        const Run submit =
            run(u"python3"_s, {u"-c"_s, QString::fromLatin1(kRelaySubmit), QString::number(port)});
        QVERIFY2(submit.exitCode == 0 && submit.output.count(u"rcpt 250"_s) == 3 &&
                     submit.output.contains(QRegularExpression(
                         u"data 250 b'2.0.0 Ok: queued as \\S+; 2 recipients relayed to the smart host'"_s)),
                 qPrintable(submit.output));
        d.kill();
        QCOMPARE(jobs(d, kPlain).size(), 1);
        QCOMPARE(queued(d, kPlain).size(), 1);
        const QJsonObject entry =
            QJsonDocument::fromJson(umgate::test::readAll(d.paths().instanceDir(kPlain) + u"/SMTPOut/"_s +
                                                          queued(d, kPlain).first()))
                .object();
        QVERIFY(entry.value(u"relay"_s).toBool());
        QCOMPARE(entry.value(u"from"_s).toString(), u"postmaster@example.com"_s);
        QCOMPARE(entry.value(u"recipients"_s).toArray(),
                 (QJsonArray{u"anna@example.com"_s, u"nobody@example.com"_s}));
        QCOMPARE(entry.value(u"messageId"_s).toString(), u"<relay-2@example.com>"_s);

        // After the restart, with the smart host where Postfix is: anna gets it once, with
        // umgate's Received: line; Postfix refuses nobody, and the sender hears why.
        QVERIFY2(d.start(&error), qPrintable(error));
        QVERIFY(umgate::test::withoutSenderCheck(d.dataDir()));
        QCOMPARE(setAll(d, kPlain, {{u"general.relay.port"_s, env.value(u"MAILDROP_SMTP_PORT"_s)}}),
                 QString());
        // The try before the restart put it off for a while: retried now (until the new port is in
        // effect, at most 30 times).
        const QString anna = env.value(u"MAILDROP_DIR"_s) + u"/mail/anna/Maildir"_s;
        for (int i = 0; i < 30 && !mailsIn(anna).contains("<relay-2@example.com>"); ++i) {
            runCtl(d.dataDir(), {u"queue"_s, u"retry"_s, kPlain});
            QTest::qWait(1000);
        }
        QVERIFY2(mailsIn(anna).contains("<relay-2@example.com>"),
                 qPrintable(QString::fromLocal8Bit(d.log().right(3000))));
        const QByteArray annas = mailsIn(anna);
        QCOMPARE(annas.count("Message-ID: <relay-2@example.com>"), 1);
        QVERIFY2(annas.contains("(umgate) with ESMTP id"), annas.constData());
        const QString postmaster = env.value(u"MAILDROP_DIR"_s) + u"/mail/postmaster/Maildir"_s;
        const QByteArray report = waitForMail(postmaster, "Final-Recipient: rfc822; nobody@example.com");
        QVERIFY2(!report.isEmpty(), qPrintable(QString::fromLocal8Bit(d.log().right(3000))));
        QVERIFY2(report.contains("Subject: Undelivered Mail Returned to Sender") &&
                     report.contains("report-type=delivery-status") && report.contains("Status: 5.1.1") &&
                     report.contains("Message-ID: <relay-2@example.com>") &&
                     report.contains("Return-Path: <>"),
                 report.constData());
        QVERIFY(QTest::qWaitFor([&] { return queued(d, kPlain).isEmpty(); }, 10000));

        // Without relay clients, logging in is what lets a client relay (CRAM-MD5, no TLS here).
        QCOMPARE(setAll(d, kPlain,
                        {{u"general.relay.clients"_s, u"[]"_s},
                         {u"general.authentication.user"_s, u"relay-user"_s},
                         {u"general.authentication.cramMd5"_s, u"true"_s}}),
                 QString());
        const CtlResult pw =
            runCtl(d.dataDir(), {u"config"_s, u"set"_s, kPlain, u"general.authentication.password"_s, u"-"_s},
                   "relay-secret\n");
        QVERIFY2(pw.exitCode == 0, qPrintable(pw.err));
        const QStringList swaks{u"--server"_s, u"127.0.0.1"_s,
                                u"--port"_s,   QString::number(port),
                                u"--from"_s,   u"postmaster@example.com"_s,
                                u"--to"_s,     u"anna@example.com"_s,
                                u"--header"_s, u"Message-ID: <relay-3@example.com>"_s};
        QVERIFY(
            QTest::qWaitFor([&] { return run(u"swaks"_s, swaks).output.contains(u"530 5.7.0"_s); }, 10000));
        const Run loggedIn =
            run(u"swaks"_s, swaks + QStringList{u"--auth"_s, u"CRAM-MD5"_s, u"--auth-user"_s, u"relay-user"_s,
                                                u"--auth-password"_s, u"relay-secret"_s});
        QVERIFY2(loggedIn.exitCode == 0 && loggedIn.output.contains(u"relayed to the smart host"_s),
                 qPrintable(loggedIn.output));
        const QByteArray third = waitForMail(anna, "<relay-3@example.com>");
        QVERIFY2(third.contains("with ESMTPA id"), third.constData());
    }
};

QTEST_GUILESS_MAIN(TestInboundPostfix)
#include "tst_inbound_postfix.moc"
