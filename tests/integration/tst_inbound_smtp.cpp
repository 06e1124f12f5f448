// SPDX-License-Identifier: GPL-3.0-or-later
// E-mail to telephony (issue 12) through a real umgated: real clients (Python's smtplib, swaks)
// hand mail to the instance's SMTP listener, and each recipient becomes a kernel job in
// Kernel/Outgoing; the attacks (SMTP smuggling, other domains, clients not allowed, too many
// connections) get their SMTP error and leave no job.
#include "tests/integration/UmgatedProcess.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTest>
#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace umgate;
using umgate::test::CtlResult;
using umgate::test::rawSmtp;
using umgate::test::runCtl;
using umgate::test::UmgatedProcess;

namespace {

const QString kInstance = u"MSConnInst1"_s;

QString outgoing(const UmgatedProcess& d)
{
    return d.paths().instanceDir(kInstance) + u"/Kernel/Outgoing"_s;
}

QStringList envelopes(const UmgatedProcess& d)
{
    QStringList out = QDir(outgoing(d)).entryList({u"*.json"_s}, QDir::Files);
    out.sort();
    return out;
}

QJsonObject readJson(const QString& path)
{
    return QJsonDocument::fromJson(umgate::test::readAll(path)).object();
}

quint16 listenPort(const UmgatedProcess& d)
{
    return umgate::test::listenPortOf(d.dataDir(), kInstance);
}

struct Run
{
    int exitCode = -1;
    QString output;
};

Run run(const QString& program, const QStringList& args, int timeoutMs = 60000)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForStarted(5000)) return {-1, u"cannot start "_s + program};
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        return {-1, u"timeout: "_s + QString::fromLocal8Bit(p.readAll())};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromLocal8Bit(p.readAll())};
}

const char* kSmtplib = R"(
import smtplib, sys
from email.message import EmailMessage
m = EmailMessage()
m['From'] = 'alice@example.com'
m['To'] = '+4930123456@fax.localhost, "+49 30 654321"@fax.localhost'
m['Subject'] = 'Fax to two numbers'
m['Message-ID'] = '<smtplib-1@example.com>'
m.set_content('Please fax the attachment.')
m.add_attachment(b'%PDF-1.4 fake', maintype='application', subtype='pdf', filename='order.pdf')
with smtplib.SMTP('127.0.0.1', int(sys.argv[1]), timeout=30) as s:
    s.ehlo('mx.example.com')
    refused = s.send_message(m, mail_options=['RET=HDRS', 'ENVID=order-17'],
                             rcpt_options=['NOTIFY=SUCCESS,FAILURE'])
    print('refused', refused)
)";

const char* kRefused = R"(
import smtplib, sys
try:
    with smtplib.SMTP('127.0.0.1', int(sys.argv[1]), timeout=30) as s:
        s.sendmail('alice@example.com', ['+4930123456@fax.example.org'], 'Subject: x\r\n\r\nx\r\n')
except smtplib.SMTPRecipientsRefused as e:
    for rcpt, (code, text) in e.recipients.items():
        print(code, text.decode())
    sys.exit(0)
sys.exit(1)
)";

} // namespace

class TestInboundSmtp : public QObject
{
    Q_OBJECT

private slots:
    // smtplib: one mail, two recipients -> two jobs sharing one mail file, with the envelope
    // the kernel needs (type, number, sender, DSN, Message-ID) and umgate's Received: line on top.
    void mailBecomesOneJobPerRecipient()
    {
        UmgatedProcess d;
        QString error;
        QVERIFY2(d.start(&error), qPrintable(error));
        QVERIFY(umgate::test::withoutSenderCheck(d.dataDir()));
        const quint16 port = listenPort(d);
        QVERIFY(port > 0);
        const Run r = run(u"python3"_s, {u"-c"_s, QString::fromLatin1(kSmtplib), QString::number(port)});
        QVERIFY2(r.exitCode == 0 && r.output.contains(u"refused {}"_s), qPrintable(r.output));
        const QStringList jobs = envelopes(d);
        QCOMPARE(jobs.size(), 2);
        QStringList numbers;
        QString eml;
        for (const QString& name : jobs) {
            const QJsonObject e = readJson(outgoing(d) + u'/' + name);
            QCOMPARE(e.value(u"version"_s).toInt(), 1);
            QCOMPARE(e.value(u"type"_s).toString(), u"fax"_s);
            QCOMPARE(e.value(u"sender"_s).toString(), u"alice@example.com"_s);
            QCOMPARE(e.value(u"messageId"_s).toString(), u"<smtplib-1@example.com>"_s);
            QCOMPARE(e.value(u"dsn"_s).toObject().value(u"ret"_s).toString(), u"HDRS"_s);
            QCOMPARE(e.value(u"dsn"_s).toObject().value(u"envId"_s).toString(), u"order-17"_s);
            QCOMPARE(e.value(u"dsn"_s).toObject().value(u"notify"_s).toString(), u"SUCCESS,FAILURE"_s);
            QCOMPARE(e.value(u"client"_s).toObject().value(u"helo"_s).toString(), u"mx.example.com"_s);
            numbers.append(e.value(u"number"_s).toString());
            // What MimeReader made of it, for the kernel.
            QCOMPARE(e.value(u"subject"_s).toString(), u"Fax to two numbers"_s);
            QCOMPARE(e.value(u"text"_s).toString(), u"Please fax the attachment.\r\n"_s);
            const QJsonObject pdf = e.value(u"attachments"_s).toArray().first().toObject();
            QCOMPARE(pdf.value(u"name"_s).toString(), u"order.pdf"_s);
            QCOMPARE(pdf.value(u"type"_s).toString(), u"application/pdf"_s);
            QCOMPARE(umgate::test::readAll(outgoing(d) + u'/' + pdf.value(u"file"_s).toString()),
                     QByteArray("%PDF-1.4 fake"));
            eml = outgoing(d) + u'/' + e.value(u"message"_s).toString();
            const QByteArray mail = umgate::test::readAll(eml);
            QVERIFY2(mail.startsWith("Received: from mx.example.com ([127.0.0.1])"),
                     mail.left(200).constData());
            QVERIFY(mail.contains("filename=\"order.pdf\""));
            QCOMPARE(e.value(u"messageBytes"_s).toInteger(), mail.size());
            struct stat st
            {
            };
            QCOMPARE(::stat(QFile::encodeName(eml).constData(), &st), 0);
            QCOMPARE(st.st_nlink, nlink_t(2)); // one file, linked for both jobs
        }
        numbers.sort();
        QCOMPARE(numbers, (QStringList{u"+4930123456"_s, u"+4930654321"_s}));
        // The administrator sees them waiting for the kernel.
        const CtlResult list = runCtl(d.dataDir(), {u"queue"_s, u"list"_s, kInstance, u"kernel"_s});
        QVERIFY2(list.exitCode == 0, qPrintable(list.err));
        QVERIFY2(list.out.startsWith(u"kernel: 2 mail(s)\n"_s) &&
                     list.out.contains(u"fax +4930654321  from <alice@example.com>"_s),
                 qPrintable(list.out));
        // The SMTP connection log has the inbound dialogue.
        const QString logFile =
            Paths::instanceLogFileIn(d.paths().instanceDir(kInstance), Paths::InstanceLog::SmtpConnection);
        QByteArray log;
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         log = umgate::test::readAll(logFile);
                         return log.contains("> 250 2.0.0 Ok: queued as ");
                     },
                     5000),
                 log.right(2000).constData());
        QVERIFY2(log.toLower().contains("< mail from:<alice@example.com>"), log.right(2000).constData());
    }

    // swaks pipelines the whole transaction ("00" for "+": swaks reads "+..." as an option).
    void swaksWithPipelining()
    {
        UmgatedProcess d;
        QString error;
        QVERIFY2(d.start(&error), qPrintable(error));
        QVERIFY(umgate::test::withoutSenderCheck(d.dataDir()));
        const Run r =
            run(u"swaks"_s, {u"--server"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(listenPort(d)),
                             u"--from"_s, u"bob@example.com"_s, u"--to"_s, u"004940111@sms.localhost"_s,
                             u"--pipeline"_s, u"--body"_s, u"Hello by SMS"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.output));
        QVERIFY2(r.output.contains(u"PIPELINING"_s), qPrintable(r.output));
        const QStringList jobs = envelopes(d);
        QCOMPARE(jobs.size(), 1);
        const QJsonObject e = readJson(outgoing(d) + u'/' + jobs.first());
        QCOMPARE(e.value(u"type"_s).toString(), u"sms"_s);
        QCOMPARE(e.value(u"number"_s).toString(), u"+4940111"_s);
    }

    void otherDomainsAreRefused()
    {
        UmgatedProcess d;
        QString error;
        QVERIFY2(d.start(&error), qPrintable(error));
        QVERIFY(umgate::test::withoutSenderCheck(d.dataDir()));
        const Run r =
            run(u"python3"_s, {u"-c"_s, QString::fromLatin1(kRefused), QString::number(listenPort(d))});
        QVERIFY2(r.exitCode == 0, qPrintable(r.output));
        QVERIFY2(r.output.startsWith(u"550 5.1.2 <+4930123456@fax.example.org>: this gateway accepts only "
                                     u"fax.localhost, voice.localhost, sms.localhost"_s),
                 qPrintable(r.output));
        QVERIFY(envelopes(d).isEmpty());
    }

    // The site's dialing rules: a national number is refused until the instance knows its country,
    // then taken as E.164; an area code without a country is refused at once.
    void nationalNumbersBySiteRules()
    {
        UmgatedProcess d;
        QString error;
        QVERIFY2(d.start(&error), qPrintable(error));
        QVERIFY(umgate::test::withoutSenderCheck(d.dataDir()));
        const quint16 port = listenPort(d);
        const QByteArray mail =
            "EHLO a\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<\"030 1234567\"@fax.localhost>\r\n"
            "DATA\r\nSubject: n\r\n\r\nx\r\n.\r\nQUIT\r\n";
        const QByteArray refused = rawSmtp(port, mail);
        QVERIFY2(refused.contains("550 5.1.3") && refused.contains("lacks the country code"),
                 refused.constData());
        const CtlResult area =
            runCtl(d.dataDir(), {u"config"_s, u"set"_s, kInstance, u"general.site.areaCode"_s, u"30"_s});
        QVERIFY2(area.exitCode != 0 && area.err.contains(u"general.site.countryCode"_s),
                 qPrintable(area.err));
        const CtlResult country =
            runCtl(d.dataDir(), {u"config"_s, u"set"_s, kInstance, u"general.site.countryCode"_s, u"49"_s});
        QVERIFY2(country.exitCode == 0, qPrintable(country.err));
        QVERIFY(QTest::qWaitFor([&] { return rawSmtp(port, mail).contains("250 2.0.0 Ok: queued"); }, 10000));
        QCOMPARE(envelopes(d).size(), 1);
        QCOMPARE(readJson(outgoing(d) + u'/' + envelopes(d).first()).value(u"number"_s).toString(),
                 u"+49301234567"_s);
    }

    // The end-of-data look-alikes of SMTP smuggling over a real socket: refused and closed, no job.
    void smugglingOverTheWire()
    {
        UmgatedProcess d;
        QString error;
        QVERIFY2(d.start(&error), qPrintable(error));
        QVERIFY(umgate::test::withoutSenderCheck(d.dataDir()));
        const quint16 port = listenPort(d);
        const QByteArray start = "EHLO attacker.example\r\nMAIL FROM:<a@example.com>\r\n"
                                 "RCPT TO:<+4930123456@fax.localhost>\r\nDATA\r\n";
        const QByteArray smuggled = "MAIL FROM:<admin@example.com>\r\nRCPT TO:<+4966666@fax.localhost>\r\n"
                                    "DATA\r\nsmuggled\r\n.\r\nQUIT\r\n";
        for (const QByteArray& fake : {QByteArray("\n.\n"), QByteArray("\n.\r\n"), QByteArray("\r.\r"),
                                       QByteArray("\r\n.\r"), QByteArray("\r\n.\n")}) {
            bool closed = false;
            const QByteArray out =
                rawSmtp(port, start + "Subject: x\r\n\r\nfirst" + fake + smuggled, &closed);
            QVERIFY2(out.contains("550 5.5.2 bare <CR> or <LF> received"), out.constData());
            QVERIFY(closed);
        }
        QVERIFY(envelopes(d).isEmpty());
        // NUL before a real end: one mail at most, refused; nothing smuggled.
        const QByteArray out = rawSmtp(port, start + QByteArray("x\r\n\0.\r\n", 7) + smuggled);
        QVERIFY2(out.contains("554 5.6.0 the message contains NUL characters"), out.constData());
        QVERIFY(envelopes(d).isEmpty());
    }

    void clientsNotAllowedAreRefused()
    {
        UmgatedProcess d;
        QString error;
        QVERIFY2(d.start(&error), qPrintable(error));
        QVERIFY(umgate::test::withoutSenderCheck(d.dataDir()));
        const CtlResult set =
            runCtl(d.dataDir(), {u"config"_s, u"set"_s, kInstance, u"general.ipAddresses.allowedClients"_s,
                                 u"[\"192.0.2.0/24\"]"_s});
        QVERIFY2(set.exitCode == 0, qPrintable(set.err));
        const quint16 port = listenPort(d);
        QByteArray out;
        QVERIFY(QTest::qWaitFor(
            [&] {
                out = rawSmtp(port, {});
                return out.startsWith("554 5.7.1");
            },
            10000));
        QVERIFY2(out.contains("your address 127.0.0.1 may not send to this gateway"), out.constData());
        QVERIFY(QTest::qWaitFor([&] { return d.log().contains("not in the allowed clients"); }, 5000));
        // A network that holds the client lets it in.
        const CtlResult allow =
            runCtl(d.dataDir(), {u"config"_s, u"set"_s, kInstance, u"general.ipAddresses.allowedClients"_s,
                                 u"[\"192.0.2.0/24\", \"127.0.0.0/8\"]"_s});
        QVERIFY2(allow.exitCode == 0, qPrintable(allow.err));
        QVERIFY(QTest::qWaitFor([&] { return rawSmtp(port, "QUIT\r\n").startsWith("220 "); }, 10000));
        // Not a network: the engine says why.
        const CtlResult bad =
            runCtl(d.dataDir(), {u"config"_s, u"set"_s, kInstance, u"general.ipAddresses.allowedClients"_s,
                                 u"[\"10.0.0.0/33\"]"_s});
        QVERIFY(bad.exitCode != 0);
        QVERIFY2(bad.err.contains(u"prefix length"_s), qPrintable(bad.err));
    }

    // Idle and trickling clients are dropped: a command counts only when its line is complete,
    // and a mail's data has a deadline of its own however the bytes trickle in.
    void idleAndTricklingClientsAreDropped()
    {
        UmgatedProcess d;
        QString error;
        QVERIFY2(d.start(&error), qPrintable(error));
        QVERIFY(umgate::test::withoutSenderCheck(d.dataDir()));
        for (const auto& [key, value] : {std::pair{u"general.limits.commandTimeoutSeconds"_s, u"1"_s},
                                         std::pair{u"general.limits.dataTimeoutSeconds"_s, u"1"_s},
                                         std::pair{u"general.limits.mailTimeoutSeconds"_s, u"2"_s}}) {
            const CtlResult r = runCtl(d.dataDir(), {u"config"_s, u"set"_s, kInstance, key, value});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
        const quint16 port = listenPort(d);
        const auto trickle = [port](const QByteArray& first, int intervalMs, QElapsedTimer* clock) {
            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, port);
            if (!s.waitForConnected(5000)) return QByteArray("no connection");
            s.write(first);
            clock->start();
            QByteArray out;
            for (int i = 0; i < 100 && s.state() == QAbstractSocket::ConnectedState; ++i) {
                if (intervalMs > 0) s.write("x");
                s.waitForReadyRead(intervalMs > 0 ? intervalMs : 100);
                out += s.readAll();
            }
            return out + s.readAll();
        };
        // The settings reach the running listener (the next connection).
        QElapsedTimer clock;
        QVERIFY(QTest::qWaitFor([&] { return trickle({}, 0, &clock).contains("421 4.4.2"); }, 10000));
        QByteArray out = trickle({}, 0, &clock);
        QVERIFY2(out.contains("421 4.4.2") && out.contains("timeout (no command for 1 seconds)"),
                 out.constData());
        QVERIFY(clock.elapsed() < 5000);
        // "xxxx..." without a line end is no command: dropped after 1 s although bytes keep coming.
        out = trickle("EHLO a\r\nNOOP", 200, &clock);
        QVERIFY2(out.contains("timeout (no command for 1 seconds)"), out.constData());
        QVERIFY(clock.elapsed() < 5000);
        // Data trickled byte by byte: the data blocks come in time, the whole mail does not.
        out = trickle("EHLO a\r\nMAIL FROM:<a@b.example>\r\nRCPT TO:<+4930123456@fax.localhost>\r\nDATA\r\n",
                      200, &clock);
        QVERIFY2(out.contains("354 ") && out.contains("timeout (the mail's data took longer than 2 seconds)"),
                 out.constData());
        QVERIFY(clock.elapsed() < 6000);
        QVERIFY(envelopes(d).isEmpty());
        QVERIFY(QTest::qWaitFor([&] { return d.log().contains("SMTP client 127.0.0.1 dropped"); }, 5000));
    }

    // ixi-UMS 4.2.1.1-2 with real clients: STARTTLS with the instance's certificate, AUTH PLAIN
    // and LOGIN (swaks) and CRAM-MD5 (smtplib) against the configured account, "force TLS", a
    // wrong password, and plaintext injected behind STARTTLS (CVE-2011-0411).
    void startTlsAndAuth()
    {
        UmgatedProcess d;
        QString error;
        QVERIFY2(d.start(&error), qPrintable(error));
        QVERIFY(umgate::test::withoutSenderCheck(d.dataDir()));
        const QString certificates = umgate::test::makeInstanceCertificates(d, kInstance, &error);
        QVERIFY2(!certificates.isEmpty(), qPrintable(error));
        for (const auto& [key, value] : {std::pair{u"general.encryption.certificate"_s, u"server.pem"_s},
                                         std::pair{u"general.encryption.key"_s, u"server.key"_s},
                                         std::pair{u"general.encryption.enabled"_s, u"true"_s},
                                         std::pair{u"general.authentication.user"_s, u"gateway"_s},
                                         std::pair{u"general.authentication.forceTls"_s, u"true"_s},
                                         std::pair{u"general.authentication.cramMd5"_s, u"true"_s}}) {
            const CtlResult r = runCtl(d.dataDir(), {u"config"_s, u"set"_s, kInstance, key, value});
            QVERIFY2(r.exitCode == 0, qPrintable(key + u": "_s + r.err));
        }
        const CtlResult pw = runCtl(
            d.dataDir(), {u"config"_s, u"set"_s, kInstance, u"general.authentication.password"_s, u"-"_s},
            "s3cret pass\n");
        QVERIFY2(pw.exitCode == 0, qPrintable(pw.err));
        const quint16 port = listenPort(d);
        QVERIFY(QTest::qWaitFor([&] { return rawSmtp(port, "EHLO a\r\nQUIT\r\n").contains("250-STARTTLS"); },
                                10000));
        // Before TLS: no AUTH offered, MAIL refused.
        const QByteArray clear = rawSmtp(port, "EHLO a\r\nMAIL FROM:<a@b.example>\r\nQUIT\r\n");
        QVERIFY2(!clear.contains("AUTH") && clear.contains("530 5.7.0 Must issue a STARTTLS command first"),
                 clear.constData());
        const QStringList swaks{
            u"--server"_s, u"127.0.0.1"_s,       u"--port"_s, QString::number(port),
            u"--from"_s,   u"bob@example.com"_s, u"--to"_s,   u"004930111@fax.localhost"_s,
            u"--tls"_s,    u"--auth-user"_s,     u"gateway"_s};
        for (const QString& mechanism : {u"PLAIN"_s, u"LOGIN"_s}) {
            const Run r = run(u"swaks"_s, swaks + QStringList{u"--auth"_s, mechanism, u"--auth-password"_s,
                                                              u"s3cret pass"_s});
            QVERIFY2(r.exitCode == 0 && r.output.contains(u"235 2.7.0"_s), qPrintable(r.output));
        }
        const Run wrong =
            run(u"swaks"_s, swaks + QStringList{u"--auth"_s, u"PLAIN"_s, u"--auth-password"_s, u"nope"_s});
        QVERIFY2(wrong.exitCode != 0 && wrong.output.contains(u"535 5.7.8"_s), qPrintable(wrong.output));
        QVERIFY(QTest::qWaitFor([&] { return d.log().contains("failed SMTP login as \"gateway\""); }, 5000));
        const char* cram = R"(
import smtplib, ssl, sys
s = smtplib.SMTP('127.0.0.1', int(sys.argv[1]), timeout=30)
s.starttls(context=ssl._create_unverified_context())
s.ehlo('mx.example.com')
s.user, s.password = 'gateway', 's3cret pass'
print(s.auth('CRAM-MD5', s.auth_cram_md5))
s.sendmail('carol@example.com', ['+4930222@fax.localhost'], 'Subject: cram\r\n\r\nx\r\n')
s.quit()
)";
        const Run r = run(u"python3"_s, {u"-c"_s, QString::fromLatin1(cram), QString::number(port)});
        QVERIFY2(r.exitCode == 0 && r.output.contains(u"235"_s), qPrintable(r.output));
        // Three jobs, each with who logged in; the Received: line says ESMTPSA.
        const QStringList jobs = envelopes(d);
        QCOMPARE(jobs.size(), 3);
        for (const QString& name : jobs) {
            const QJsonObject e = readJson(outgoing(d) + u'/' + name);
            QCOMPARE(e.value(u"authenticatedUser"_s).toString(), u"gateway"_s);
            QVERIFY(umgate::test::readAll(outgoing(d) + u'/' + e.value(u"message"_s).toString())
                        .contains("with ESMTPSA id"));
        }
        // CVE-2011-0411: "RSET" sent in clear right behind STARTTLS is never answered.
        const char* inject = R"(
import socket, ssl, sys
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=10)
f = s.makefile('rb')
f.readline()
s.sendall(b'EHLO a\r\n')
while f.readline()[3:4] == b'-': pass
s.sendall(b'STARTTLS\r\nRSET\r\n')
print(f.readline().decode().strip())
t = ssl._create_unverified_context().wrap_socket(s)
t.sendall(b'EHLO b\r\n')
print(t.makefile('rb').readline().decode().strip())
)";
        const Run i = run(u"python3"_s, {u"-c"_s, QString::fromLatin1(inject), QString::number(port)});
        QVERIFY2(i.exitCode == 0, qPrintable(i.output));
        const QStringList lines = i.output.trimmed().split(u'\n');
        QCOMPARE(lines.size(), 2);
        QCOMPARE(lines.at(0), u"220 2.0.0 Ready to start TLS"_s);
        QVERIFY2(lines.at(1).startsWith(u"250-"_s),
                 qPrintable(i.output)); // EHLO's answer, not RSET's "250 2.0.0"
        // Plaintext where the TLS handshake belongs: the connection ends and the log says why.
        const char* garbage = R"(
import socket, sys
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=10)
f = s.makefile('rb')
f.readline()
s.sendall(b'EHLO a\r\n')
while f.readline()[3:4] == b'-': pass
s.sendall(b'STARTTLS\r\n')
print(f.readline().decode().strip())
s.sendall(b'MAIL FROM:<plain@example.com>\r\n' * 4)
print(repr(f.readline()))
)";
        const Run g = run(u"python3"_s, {u"-c"_s, QString::fromLatin1(garbage), QString::number(port)});
        QVERIFY2(g.exitCode == 0 && g.output.contains(u"220 2.0.0 Ready to start TLS"_s),
                 qPrintable(g.output));
        QVERIFY2(!g.output.contains(u"250"_s), qPrintable(g.output)); // nothing read as a command
        // The SMTP log never holds the password.
        const QString logFile =
            Paths::instanceLogFileIn(d.paths().instanceDir(kInstance), Paths::InstanceLog::SmtpConnection);
        QByteArray log;
        QVERIFY(QTest::qWaitFor(
            [&] {
                log = umgate::test::readAll(logFile);
                return log.contains("authenticated as gateway (CRAM-MD5)") &&
                       log.contains("failed login as gateway") && log.contains("TLS handshake failed");
            },
            5000));
        QVERIFY(!log.contains("s3cret") &&
                !log.contains(QByteArray("\0gateway\0s3cret pass", 20).toBase64()));
    }

    // RFC 8314 implicit TLS: openssl s_client, smtplib's SMTP_SSL and swaks --tls-on-connect get
    // the greeting only after the handshake, and no STARTTLS; a client speaking clear text gets
    // nothing; without a certificate the port stays shut. And `openssl s_client -starttls smtp`
    // against the same port in STARTTLS mode.
    void implicitTlsAndOpensslClients()
    {
        UmgatedProcess d;
        QString error;
        QVERIFY2(d.start(&error), qPrintable(error));
        QVERIFY(umgate::test::withoutSenderCheck(d.dataDir()));
        const QString certificates = umgate::test::makeInstanceCertificates(d, kInstance, &error);
        QVERIFY2(!certificates.isEmpty(), qPrintable(error));
        const auto set = [&](const QString& key, const QString& value) {
            const CtlResult r = runCtl(d.dataDir(), {u"config"_s, u"set"_s, kInstance, key, value});
            return r.exitCode == 0 ? QString() : r.err;
        };
        // Implicit TLS needs encryption on: refused with the reason.
        QVERIFY(set(u"general.encryption.implicitTls"_s, u"true"_s)
                    .contains(u"needs encryption to be enabled"_s));
        for (const auto& [key, value] : {std::pair{u"general.encryption.certificate"_s, u"server.pem"_s},
                                         std::pair{u"general.encryption.key"_s, u"server.key"_s},
                                         std::pair{u"general.encryption.enabled"_s, u"true"_s}})
            QCOMPARE(set(key, value), QString());
        const quint16 port = listenPort(d);
        const auto sClient = [&](const QStringList& extra, const QByteArray& input) {
            QProcess p;
            p.setProcessChannelMode(QProcess::MergedChannels);
            p.start(u"openssl"_s,
                    QStringList{u"s_client"_s, u"-connect"_s, u"127.0.0.1:"_s + QString::number(port),
                                u"-crlf"_s, u"-quiet"_s} +
                        extra);
            if (!p.waitForStarted(5000)) return QByteArray("cannot start openssl");
            QTest::qWait(500); // the greeting first
            p.write(input);
            p.closeWriteChannel();
            if (!p.waitForFinished(20000)) p.kill();
            p.waitForFinished(5000);
            return p.readAll();
        };
        const QByteArray starttls = sClient({u"-starttls"_s, u"smtp"_s}, "EHLO s-client\nQUIT\n");
        QVERIFY2(starttls.contains("250-AUTH") == false && starttls.contains("221 2.0.0"),
                 starttls.constData());
        QCOMPARE(set(u"general.encryption.implicitTls"_s, u"true"_s), QString());
        QVERIFY(QTest::qWaitFor([&] { return !rawSmtp(port, {}).startsWith("220 "); }, 10000));
        // Clear text on the TLS port: no greeting, no reply, the log says why.
        bool closed = false;
        const QByteArray clear = rawSmtp(port, "EHLO clear\r\nQUIT\r\n", &closed);
        QVERIFY2(!clear.contains("220") && !clear.contains("250") && closed, clear.constData());
        const QByteArray implicit =
            sClient({}, "EHLO s-client\nMAIL FROM:<a@example.com>\nRCPT "
                        "TO:<+4930999@fax.localhost>\nDATA\nSubject: s\n\nhi\n.\nQUIT\n");
        QVERIFY2(implicit.contains("220 ") && !implicit.contains("STARTTLS") &&
                     implicit.contains("AUTH PLAIN") == false && implicit.contains("250 2.0.0 Ok: queued as"),
                 implicit.constData());
        const char* smtps = R"(
import smtplib, ssl, sys
with smtplib.SMTP_SSL('127.0.0.1', int(sys.argv[1]), timeout=30,
                      context=ssl._create_unverified_context()) as s:
    code, text = s.ehlo('mx.example.com')
    print('STARTTLS' in text.decode(), code)
    s.sendmail('bob@example.com', ['+4930888@fax.localhost'], 'Subject: smtps\r\n\r\nx\r\n')
)";
        const Run py = run(u"python3"_s, {u"-c"_s, QString::fromLatin1(smtps), QString::number(port)});
        QVERIFY2(py.exitCode == 0 && py.output.trimmed() == u"False 250"_s, qPrintable(py.output));
        const Run sw = run(u"swaks"_s, {u"--server"_s, u"127.0.0.1"_s, u"--port"_s, QString::number(port),
                                        u"--from"_s, u"c@example.com"_s, u"--to"_s,
                                        u"004930777@fax.localhost"_s, u"--tls-on-connect"_s});
        QVERIFY2(sw.exitCode == 0, qPrintable(sw.output));
        QCOMPARE(envelopes(d).size(), 3);
        for (const QString& name : envelopes(d))
            QVERIFY(umgate::test::readAll(outgoing(d) + u'/' +
                                          readJson(outgoing(d) + u'/' + name).value(u"message"_s).toString())
                        .contains("with ESMTPS id"));
        const QString logFile =
            Paths::instanceLogFileIn(d.paths().instanceDir(kInstance), Paths::InstanceLog::SmtpConnection);
        QVERIFY(QTest::qWaitFor(
            [&] { return umgate::test::readAll(logFile).contains("TLS handshake failed"); }, 5000));
        // The certificate gone: the instance stops listening rather than speak clear text there.
        QVERIFY(QFile::remove(certificates + u"/server.pem"_s));
        QCOMPARE(set(u"general.limits.maxRecipients"_s, u"50"_s), QString()); // any change re-reads it
        const auto failed = [&] { return runCtl(d.dataDir(), {u"status"_s}).out; };
        QVERIFY(QTest::qWaitFor(
            [&] { return failed().contains(u"implicit TLS needs a usable certificate"_s); }, 10000));
        QTcpSocket probe;
        probe.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(!probe.waitForConnected(2000));
    }

    // The status says where an instance listens or why not, and what keeps a running listener
    // from taking mail, in `umgatectl status` and engine.status (the console shows the same
    // fields): a busy port, STARTTLS without a certificate, a user without a password.
    void statusSaysWhyNot()
    {
        UmgatedProcess d;
        QString error;
        QVERIFY2(d.start(&error), qPrintable(error));
        QVERIFY(umgate::test::withoutSenderCheck(d.dataDir()));
        const auto set = [&](const QString& key, const QString& value) {
            const CtlResult r = runCtl(d.dataDir(), {u"config"_s, u"set"_s, kInstance, key, value});
            return r.exitCode == 0 ? QString() : r.err;
        };
        const auto status = [&] { return runCtl(d.dataDir(), {u"status"_s}).out; };
        const auto warnings = [&] {
            const QJsonArray instances =
                QJsonDocument::fromJson(runCtl(d.dataDir(), {u"--json"_s, u"status"_s}).out.toUtf8())
                    .object()
                    .value(u"instances"_s)
                    .toArray();
            QStringList out;
            for (const auto& w : instances.at(0).toObject().value(u"warnings"_s).toArray())
                out << w.toString();
            return out;
        };
        QVERIFY(listenPort(d) != 0);
        QCOMPARE(warnings(), QStringList());
        // A user without a stored password: every login would fail.
        QCOMPARE(set(u"general.authentication.user"_s, u"gateway"_s), QString());
        QVERIFY(QTest::qWaitFor([&] { return warnings().size() == 1; }, 10000));
        QVERIFY2(warnings().at(0).contains(u"no password is stored for the listener user gateway"_s),
                 qPrintable(warnings().join(u'\n')));
        QVERIFY2(status().contains(kInstance + u": warning: no password is stored"_s), qPrintable(status()));
        QVERIFY(QTest::qWaitFor([&] { return d.log().contains("no password is stored"); }, 5000));
        // With a password but neither encryption nor CRAM-MD5 there is no way to log in.
        const CtlResult pw =
            runCtl(d.dataDir(),
                   {u"config"_s, u"set"_s, kInstance, u"general.authentication.password"_s, u"-"_s}, "pw\n");
        QVERIFY2(pw.exitCode == 0, qPrintable(pw.err));
        QVERIFY(QTest::qWaitFor(
            [&] {
                return warnings().join(u'\n').contains(u"PLAIN and LOGIN are only offered with encryption"_s);
            },
            10000));
        QCOMPARE(set(u"general.authentication.cramMd5"_s, u"true"_s), QString());
        QVERIFY(QTest::qWaitFor([&] { return warnings().isEmpty(); }, 10000));
        // STARTTLS asked for, but there is no certificate.
        QCOMPARE(set(u"general.encryption.enabled"_s, u"true"_s), QString());
        QVERIFY(QTest::qWaitFor([&] { return warnings().size() == 1; }, 10000));
        QVERIFY2(warnings().at(0).startsWith(u"STARTTLS is not offered: "_s) &&
                     warnings().at(0).contains(u"server.crt"_s),
                 qPrintable(warnings().join(u'\n')));
        // A certificate with somebody else's key (here: the CA's) is refused with that reason.
        QVERIFY2(!umgate::test::makeInstanceCertificates(d, kInstance, &error).isEmpty(), qPrintable(error));
        QCOMPARE(set(u"general.encryption.certificate"_s, u"server.pem"_s), QString());
        QCOMPARE(set(u"general.encryption.key"_s, u"ca.key"_s), QString());
        QVERIFY(QTest::qWaitFor(
            [&] {
                return warnings().join(u'\n').contains(u"ca.key does not belong to the certificate in"_s);
            },
            10000));
        QCOMPARE(set(u"general.encryption.key"_s, u"server.key"_s), QString());
        QVERIFY2(QTest::qWaitFor([&] { return warnings().isEmpty(); }, 10000),
                 qPrintable(warnings().join(u'\n')));
        // A certificate that runs out within 30 days, and one that has run out (Qt would serve it;
        // clients that verify refuse it): a warning each, with the date.
        const QString certificates = d.paths().instanceDir(kInstance) + u"/Certificates"_s;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QVERIFY2(umgate::test::signWithTestCa(certificates, u"soon.pem"_s, now.addDays(-1), now.addDays(5),
                                              &error),
                 qPrintable(error));
        QVERIFY2(umgate::test::signWithTestCa(certificates, u"expired.pem"_s,
                                              QDateTime(QDate(2024, 1, 1), {}, Qt::UTC),
                                              QDateTime(QDate(2024, 1, 2), {}, Qt::UTC), &error),
                 qPrintable(error));
        QCOMPARE(set(u"general.encryption.certificate"_s, u"soon.pem"_s), QString());
        QVERIFY2(QTest::qWaitFor(
                     [&] { return warnings().join(u'\n').contains(u"\"localhost\" expires on "_s); }, 10000),
                 qPrintable(warnings().join(u'\n')));
        QVERIFY2(warnings().at(0).contains(u"in 4 day(s)"_s) || warnings().at(0).contains(u"in 5 day(s)"_s),
                 qPrintable(warnings().at(0)));
        QCOMPARE(set(u"general.encryption.certificate"_s, u"expired.pem"_s), QString());
        QVERIFY2(
            QTest::qWaitFor(
                [&] {
                    return warnings().join(u'\n').contains(
                        u"the certificate \"localhost\" expired on 2024-01-02 00:00 UTC: mail servers that "
                        u"verify it will not send over TLS"_s);
                },
                10000),
            qPrintable(warnings().join(u'\n')));
        QVERIFY(rawSmtp(listenPort(d), "EHLO x\r\nQUIT\r\n").contains("250-STARTTLS")); // still offered
        QVERIFY2(umgate::test::signWithTestCa(certificates, u"future.pem"_s, now.addDays(2), now.addDays(400),
                                              &error),
                 qPrintable(error));
        QCOMPARE(set(u"general.encryption.certificate"_s, u"future.pem"_s), QString());
        QVERIFY2(QTest::qWaitFor(
                     [&] { return warnings().join(u'\n').contains(u"\"localhost\" is not valid before "_s); },
                     10000),
                 qPrintable(warnings().join(u'\n')));
        QCOMPARE(set(u"general.encryption.certificate"_s, u"server.pem"_s), QString());
        QVERIFY2(QTest::qWaitFor([&] { return warnings().isEmpty(); }, 10000),
                 qPrintable(warnings().join(u'\n')));
        QCOMPARE(set(u"general.encryption.enabled"_s, u"false"_s), QString());
        QVERIFY(QTest::qWaitFor([&] { return warnings().isEmpty(); }, 10000));
        // A port somebody else holds: the instance keeps its old one and says so; as the only
        // address it fails, with the reason.
        const quint16 old = listenPort(d);
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        const QString busy = QString::number(squatter.serverPort());
        QCOMPARE(set(u"general.ipAddresses.port"_s, busy), QString());
        QVERIFY(QTest::qWaitFor([&] { return status().contains(u"still listening on"_s); }, 10000));
        QCOMPARE(listenPort(d), old);
        QVERIFY2(status().contains(kInstance + u": cannot listen on 127.0.0.1:"_s + busy),
                 qPrintable(status()));
        QVERIFY(rawSmtp(old, "QUIT\r\n").startsWith("220 "));
        QCOMPARE(runCtl(d.dataDir(), {u"instance"_s, u"disable"_s, kInstance}).exitCode, 0);
        const CtlResult enable = runCtl(d.dataDir(), {u"instance"_s, u"enable"_s, kInstance});
        QVERIFY2(enable.exitCode != 0 && enable.err.contains(u"cannot listen on 127.0.0.1:"_s + busy),
                 qPrintable(enable.err + enable.out));
        QVERIFY(status().contains(u"failed"_s));
        QVERIFY2(status().contains(kInstance + u": cannot listen on 127.0.0.1:"_s + busy + u": "_s),
                 qPrintable(status()));
        squatter.close();
    }

    void connectionsPerClientAreLimited()
    {
        UmgatedProcess d;
        QString error;
        QVERIFY2(d.start(&error), qPrintable(error));
        QVERIFY(umgate::test::withoutSenderCheck(d.dataDir()));
        const quint16 port = listenPort(d);
        QList<QTcpSocket*> open;
        for (int i = 0; i < 10; ++i) {
            auto* s = new QTcpSocket(this);
            s->connectToHost(QHostAddress::LocalHost, port);
            QVERIFY(s->waitForConnected(5000));
            QVERIFY(s->waitForReadyRead(5000));
            QVERIFY(s->readAll().startsWith("220 "));
            open.append(s);
        }
        const QByteArray out = rawSmtp(port, {});
        QVERIFY2(out.startsWith("421 4.7.0") && out.contains("too many connections from your address"),
                 out.constData());
        delete open.takeFirst(); // one leaves: the next one is served
        QVERIFY(QTest::qWaitFor([&] { return rawSmtp(port, "QUIT\r\n").startsWith("220 "); }, 10000));
        qDeleteAll(open);
    }
};

QTEST_GUILESS_MAIN(TestInboundSmtp)
#include "tst_inbound_smtp.moc"
