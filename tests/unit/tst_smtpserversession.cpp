// SPDX-License-Identifier: GPL-3.0-or-later
// SmtpServerSession, the listener's SMTP state machine, driven without sockets: the dialogue, the
// envelope it keeps (DSN included), pipelining, and the attacks: SMTP smuggling, bare CR/LF, long
// lines, SIZE, NUL, junk commands. Every scenario is also fed one byte at a time and must give the
// same replies and mails as when fed at once.
#include "engine/inbound/SmtpServerSession.h"

#include <QTest>

using namespace umgate;

namespace {

struct Run
{
    QByteArray output;
    QList<ReceivedMail> messages;
    SmtpServerSession::State state = SmtpServerSession::State::Command;
    QList<QByteArray> transcript;
};

SmtpServerSession::Limits smallLimits()
{
    SmtpServerSession::Limits l;
    l.maxMessageBytes = 4096;
    l.maxRecipients = 3;
    l.maxErrors = 5;
    l.maxJunk = 10;
    return l;
}

// Feeds `input` in pieces of `chunk` bytes (0 = at once); every complete mail gets 250.
Run drive(const QByteArray& input, qsizetype chunk = 0, SmtpServerSession::Limits limits = smallLimits())
{
    Run run;
    SmtpServerSession session(
        "gw.example.com", limits,
        [](const QByteArray& address) {
            SmtpServerSession::Verdict v;
            v.accepted = address.endsWith("@fax.example.com");
            if (!v.accepted) v.reply = "550 5.1.2 not a fax address";
            v.route.insert(QStringLiteral("number"), QString::fromLatin1(address.left(address.indexOf('@'))));
            return v;
        },
        [&run](char direction, const QByteArray& line) { run.transcript.append(direction + line); });
    run.output = session.greeting();
    const auto settle = [&] {
        while (session.state() == SmtpServerSession::State::Waiting) {
            run.messages.append(session.takeMessage());
            session.finishMessage("250 2.0.0 Ok: queued as " + QByteArray::number(run.messages.size()));
        }
        run.output += session.takeOutput();
    };
    if (chunk <= 0) {
        session.receive(input);
        settle();
    } else {
        for (qsizetype i = 0; i < input.size(); i += chunk) {
            session.receive(QByteArrayView(input).sliced(i, qMin(chunk, input.size() - i)));
            settle();
        }
    }
    run.state = session.state();
    return run;
}

// The reply codes in order ("220", "250", ...), one per reply (the last line of a multi-line one).
QList<QByteArray> codes(const QByteArray& output)
{
    QList<QByteArray> out;
    for (const QByteArray& line : output.split('\n'))
        if (line.size() >= 4 && line[3] == ' ') out.append(line.left(3));
    return out;
}

const QByteArray kStart = "EHLO mx.example.com\r\nMAIL FROM:<alice@example.com>\r\n"
                          "RCPT TO:<+4930123@fax.example.com>\r\nDATA\r\n";

} // namespace

class TestSmtpServerSession : public QObject
{
    Q_OBJECT

private slots:
    void dialogue()
    {
        const QByteArray input = kStart + "Subject: hi\r\n\r\n..dot\r\nline\r\n.\r\nQUIT\r\n";
        for (const qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(7)}) {
            const Run run = drive(input, chunk);
            QCOMPARE(codes(run.output), (QList<QByteArray>{"220", "250", "250", "250", "354", "250", "221"}));
            QVERIFY(run.output.contains("250-PIPELINING\r\n250-SIZE 4096\r\n250-8BITMIME\r\n"
                                        "250-ENHANCEDSTATUSCODES\r\n250 DSN\r\n"));
            QCOMPARE(run.messages.size(), 1);
            const ReceivedMail& m = run.messages.first();
            QCOMPARE(m.helo, QByteArray("mx.example.com"));
            QCOMPARE(m.sender, QByteArray("alice@example.com"));
            QCOMPARE(m.recipients.size(), 1);
            QCOMPARE(m.recipients.first().route.value(QStringLiteral("number")).toString(),
                     QStringLiteral("+4930123"));
            QCOMPARE(m.data, QByteArray("Subject: hi\r\n\r\n.dot\r\nline\r\n")); // dot-unstuffed
            QCOMPARE(run.state, SmtpServerSession::State::Closed);
        }
    }

    // RFC 5321 6.3: more than maxHops Received: lines in the header is a loop; the same lines in
    // the body are not counted, and the next mail starts counting afresh.
    void mailLoopIsRefused()
    {
        SmtpServerSession::Limits limits = smallLimits();
        limits.maxHops = 3;
        const QByteArray hops = "Received: from a\r\nreceived: from b\r\n\tby c\r\nRECEIVED: from d\r\n";
        const Run ok = drive(kStart + hops + "Subject: 3\r\n\r\nReceived: in the body\r\n.\r\n", 0, limits);
        QCOMPARE(codes(ok.output), (QList<QByteArray>{"220", "250", "250", "250", "354", "250"}));
        const Run loop = drive(kStart + hops + "Received: from e\r\n\r\nbody\r\n.\r\n" + kStart.mid(21) +
                                   hops + "\r\n.\r\n",
                               0, limits);
        QCOMPARE(codes(loop.output),
                 (QList<QByteArray>{"220", "250", "250", "250", "354", "554", "250", "250", "354", "250"}));
        QVERIFY2(loop.output.contains("554 5.4.6 too many hops (more than 3 Received: lines)"),
                 loop.output.constData());
        QCOMPARE(loop.messages.size(), 1);
    }

    void dsnParametersAreKept()
    {
        const QByteArray input =
            "EHLO a\r\nMAIL FROM:<a@b.example> RET=HDRS ENVID=QQ+2B1 BODY=8BITMIME SIZE=100\r\n"
            "RCPT TO:<1@fax.example.com> NOTIFY=success,failure ORCPT=rfc822;x+40y\r\n"
            "DATA\r\nx\r\n.\r\n";
        const Run run = drive(input);
        QCOMPARE(run.messages.size(), 1);
        const ReceivedMail& m = run.messages.first();
        QCOMPARE(m.ret, QByteArray("HDRS"));
        QCOMPARE(m.envId, QByteArray("QQ+2B1"));
        QCOMPARE(SmtpCommand::decodeXtext(m.envId), QByteArray("QQ+1"));
        QVERIFY(m.eightBit);
        QCOMPARE(m.recipients.first().notify, QByteArray("SUCCESS,FAILURE"));
        QCOMPARE(m.recipients.first().orcpt, QByteArray("rfc822;x+40y"));
    }

    void nullSenderAndSourceRoute()
    {
        const Run run = drive("HELO a\r\nMAIL FROM:<>\r\nRCPT TO:<@relay.example:9@fax.example.com>\r\n"
                              "DATA\r\nx\r\n.\r\n");
        QCOMPARE(run.messages.size(), 1);
        QCOMPARE(run.messages.first().sender, QByteArray());
        QCOMPARE(run.messages.first().recipients.first().address, QByteArray("9@fax.example.com"));
    }

    void refusedCommands_data()
    {
        QTest::addColumn<QByteArray>("commands");
        QTest::addColumn<QByteArray>("lastReply");
        const QByteArray e = "EHLO a\r\n";
        QTest::newRow("mail before helo") << QByteArray("MAIL FROM:<a@b.c>\r\n") << QByteArray("503 5.5.1");
        QTest::newRow("rcpt before mail") << e + "RCPT TO:<1@fax.example.com>\r\n" << QByteArray("503 5.5.1");
        QTest::newRow("data before rcpt") << e + "MAIL FROM:<a@b.c>\r\nDATA\r\n" << QByteArray("554 5.5.1");
        QTest::newRow("nested mail") << e + "MAIL FROM:<a@b.c>\r\nMAIL FROM:<a@b.c>\r\n"
                                     << QByteArray("503 5.5.1");
        QTest::newRow("no brackets") << e + "MAIL FROM:a@b.c\r\n" << QByteArray("501 5.5.4");
        QTest::newRow("non-ascii") << e + "MAIL FROM:<j\xc3\xb6rg@b.c>\r\n" << QByteArray("553 5.6.7");
        QTest::newRow("smtputf8") << e + "MAIL FROM:<a@b.c> SMTPUTF8\r\n" << QByteArray("555 5.6.7");
        QTest::newRow("unknown param") << e + "MAIL FROM:<a@b.c> XFOO=1\r\n" << QByteArray("555 5.5.4");
        QTest::newRow("param twice") << e + "MAIL FROM:<a@b.c> RET=FULL RET=HDRS\r\n"
                                     << QByteArray("501 5.5.4");
        QTest::newRow("params after helo")
            << QByteArray("HELO a\r\nMAIL FROM:<a@b.c> SIZE=1\r\n") << QByteArray("555 5.5.4");
        QTest::newRow("size over limit") << e + "MAIL FROM:<a@b.c> SIZE=4097\r\n" << QByteArray("552 5.3.4");
        QTest::newRow("bad notify")
            << e + "MAIL FROM:<a@b.c>\r\nRCPT TO:<1@fax.example.com> NOTIFY=NEVER,DELAY\r\n"
            << QByteArray("501 5.5.4");
        QTest::newRow("bad mailbox") << e + "MAIL FROM:<a..b@c.d>\r\n" << QByteArray("501 5.1.3");
        QTest::newRow("other domain") << e + "MAIL FROM:<a@b.c>\r\nRCPT TO:<1@example.org>\r\n"
                                      << QByteArray("550 5.1.2");
        QTest::newRow("too many recipients")
            << e + "MAIL FROM:<a@b.c>\r\nRCPT TO:<1@fax.example.com>\r\nRCPT TO:<2@fax.example.com>\r\n"
                   "RCPT TO:<3@fax.example.com>\r\nRCPT TO:<4@fax.example.com>\r\n"
            << QByteArray("452 4.5.3");
        QTest::newRow("nul in command") << QByteArray("EHLO a\0b\r\n", 10) << QByteArray("500 5.5.2");
        QTest::newRow("unknown command") << QByteArray("XYZZY\r\n") << QByteArray("500 5.5.1");
        QTest::newRow("starttls not offered") << e + "STARTTLS\r\n" << QByteArray("502 5.5.1");
        QTest::newRow("bdat not offered") << e + "BDAT 10 LAST\r\n" << QByteArray("502 5.5.1");
    }

    void refusedCommands()
    {
        QFETCH(QByteArray, commands);
        QFETCH(QByteArray, lastReply);
        const Run run = drive(commands);
        const QList<QByteArray> lines = run.output.trimmed().split('\n');
        QVERIFY2(lines.last().startsWith(lastReply), run.output.constData());
        QVERIFY(run.messages.isEmpty());
        QCOMPARE(run.state, SmtpServerSession::State::Command); // the session goes on
    }

    // The published SMTP smuggling payloads (SEC Consult 2023, Postfix's and Sendmail's tests):
    // whatever the end-of-data look-alike, one mail at most comes out, never the smuggled one.
    void smuggling_data()
    {
        QTest::addColumn<QByteArray>("fakeEnd");
        QTest::addColumn<bool>("closes"); // bare CR/LF: refused and closed
        QTest::newRow("LF.LF") << QByteArray("\n.\n") << true;
        QTest::newRow("LF.CRLF") << QByteArray("\n.\r\n") << true;
        QTest::newRow("CR.CR") << QByteArray("\r.\r") << true;
        QTest::newRow("CRLF.CR") << QByteArray("\r\n.\r") << true;
        QTest::newRow("CRLF.LF") << QByteArray("\r\n.\n") << true;
        QTest::newRow("CR.CRLF") << QByteArray("\r.\r\n") << true;
        QTest::newRow("CRLF NUL.CRLF") << QByteArray("\r\n\0.\r\n", 6) << false;
        QTest::newRow("CRLF .x CRLF") << QByteArray("\r\n.x\r\n") << false;
        QTest::newRow("CRLF space.CRLF") << QByteArray("\r\n .\r\n") << false;
    }

    void smuggling()
    {
        QFETCH(QByteArray, fakeEnd);
        QFETCH(bool, closes);
        const QByteArray smuggled = "MAIL FROM:<admin@bank.example>\r\nRCPT TO:<666@fax.example.com>\r\n"
                                    "DATA\r\nSubject: smuggled\r\n\r\nsmuggled\r\n.\r\n";
        const QByteArray input = kStart + "Subject: first\r\n\r\nfirst" + fakeEnd + smuggled;
        for (const qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(3)}) {
            const Run run = drive(input, chunk);
            for (const ReceivedMail& m : run.messages) {
                QVERIFY(m.sender != "admin@bank.example");
                QVERIFY(!m.data.startsWith("Subject: smuggled"));
            }
            if (closes) {
                QVERIFY(run.messages.isEmpty());
                QCOMPARE(run.state, SmtpServerSession::State::Closed);
                QVERIFY2(run.output.endsWith(
                             "550 5.5.2 bare <CR> or <LF> received; lines must end with <CR><LF>\r\n"),
                         run.output.constData());
            } else {
                // One mail: the first, with the look-alike and the "smuggled" commands as its text
                // (or refused for its NUL).
                QVERIFY(run.messages.size() <= 1);
                if (!run.messages.isEmpty())
                    QVERIFY(run.messages.first().data.contains("MAIL FROM:<admin@bank.example>"));
                QCOMPARE(run.state, SmtpServerSession::State::Command);
            }
        }
    }

    void nulInMessageIsRefused()
    {
        const Run run = drive(kStart + QByteArray("a\0b\r\n.\r\nNOOP\r\n", 14));
        QVERIFY(run.messages.isEmpty());
        QVERIFY2(run.output.contains("554 5.6.0 the message contains NUL characters\r\n250 2.0.0 Ok\r\n"),
                 run.output.constData());
    }

    void bareLfInCommandCloses()
    {
        const Run run = drive("EHLO a\nMAIL FROM:<a@b.c>\r\n");
        QCOMPARE(run.state, SmtpServerSession::State::Closed);
        QCOMPARE(codes(run.output), (QList<QByteArray>{"220", "550"}));
    }

    void longCommandLine()
    {
        const QByteArray input = "NOOP " + QByteArray(5000, 'x') + "\r\nNOOP\r\n";
        for (const qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(999)}) {
            const Run run = drive(input, chunk);
            QCOMPARE(codes(run.output), (QList<QByteArray>{"220", "500", "250"}));
        }
    }

    // A line too long that then ends in a bare CR (found by fuzz_smtp_server): the same replies
    // whether the line end comes in the same packet or a later one.
    void longCommandLineThenBareCr()
    {
        const QByteArray input = "NOOP " + QByteArray(1200, 'x') + "\rNOOP\r\n";
        for (const qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(2), qsizetype(1000)}) {
            const Run run = drive(input, chunk);
            QCOMPARE(codes(run.output), (QList<QByteArray>{"220", "500", "550"}));
            QCOMPARE(run.state, SmtpServerSession::State::Closed);
        }
    }

    // A long line in DATA whose last piece is "." must not end the data.
    void longDataLineEndingInDot()
    {
        const QByteArray input =
            kStart + QByteArray(1500, 'x') + ".\r\nMAIL FROM:<evil@b.c>\r\n.\r\nNOOP\r\n";
        for (const qsizetype chunk : {qsizetype(0), qsizetype(1), qsizetype(1000), qsizetype(1500)}) {
            const Run run = drive(input, chunk);
            QVERIFY(run.messages.isEmpty());
            QVERIFY2(run.output.endsWith("554 5.6.0 a line of the message is longer than 998 characters\r\n"
                                         "250 2.0.0 Ok\r\n"),
                     run.output.constData());
        }
    }

    void lineOf998IsAccepted()
    {
        const Run run = drive(kStart + QByteArray(998, 'y') + "\r\n.\r\n");
        QCOMPARE(run.messages.size(), 1);
        QCOMPARE(run.messages.first().data.size(), 1000);
    }

    void oversizedDataIsDiscardedAndRefused()
    {
        QByteArray body;
        for (int i = 0; i < 100; ++i)
            body += QByteArray(98, 'z') + "\r\n"; // 10,000 bytes > 4,096
        const Run run = drive(kStart + body + ".\r\nNOOP\r\n", 512);
        QVERIFY(run.messages.isEmpty());
        QVERIFY(run.output.contains(
            "552 5.3.4 message size exceeds the limit of 4096 bytes\r\n250 2.0.0 Ok\r\n"));
    }

    void junkCommandsEndTheSession()
    {
        QByteArray input;
        for (int i = 0; i < 1000; ++i)
            input += "JUNK\r\n";
        const Run run = drive(input);
        QCOMPARE(run.state, SmtpServerSession::State::Closed);
        QCOMPARE(run.output.count("500 5.5.1"), 6); // maxErrors 5: the sixth closes
        QVERIFY(run.output.endsWith("421 4.7.0 gw.example.com too many errors, closing the connection\r\n"));

        QByteArray noops;
        for (int i = 0; i < 1000; ++i)
            noops += "NOOP\r\n";
        const Run idle = drive(noops);
        QCOMPARE(idle.state, SmtpServerSession::State::Closed);
        QCOMPARE(idle.output.count("250 2.0.0 Ok"), 10);
    }

    // Pipelined commands behind the end of data wait until the mail's reply is given.
    void pipelinedAfterDataWaits()
    {
        SmtpServerSession session("gw", smallLimits(), [](const QByteArray&) {
            return SmtpServerSession::Verdict{true, {}, {}};
        });
        session.greeting();
        session.receive(kStart + "x\r\n.\r\nMAIL FROM:<b@c.d>\r\nQUIT\r\n");
        QCOMPARE(session.state(), SmtpServerSession::State::Waiting);
        QVERIFY(session.takeOutput().endsWith("354 End data with <CR><LF>.<CR><LF>\r\n"));
        QVERIFY(session.buffered() > 0);
        session.receive("NOOP\r\n"); // kept, not handled
        QCOMPARE(session.takeOutput(), QByteArray());
        const ReceivedMail m = session.takeMessage();
        QCOMPARE(m.data, QByteArray("x\r\n"));
        session.finishMessage("451 4.3.0 the spool is not writable");
        QCOMPARE(session.takeOutput(), QByteArray("451 4.3.0 the spool is not writable\r\n250 2.1.0 Ok\r\n"
                                                  "221 2.0.0 gw closing connection\r\n"));
        QCOMPARE(session.state(), SmtpServerSession::State::Closed);
    }

    void transcriptHasBothDirections()
    {
        const Run run = drive("EHLO a\r\nQUIT\r\n");
        QCOMPARE(run.transcript.first(), QByteArray(">220 gw.example.com ESMTP umgate"));
        QVERIFY(run.transcript.contains("<EHLO a"));
        QCOMPARE(run.transcript.last(), QByteArray(">221 2.0.0 gw.example.com closing connection"));
    }

    // STARTTLS (RFC 3207) and AUTH (RFC 4954), the session's half: what is offered when, the
    // plaintext injection after STARTTLS (CVE-2011-0411), force TLS, the SASL steps, failures.
    void startTlsDropsPipelinedPlaintext()
    {
        QList<QByteArray> transcript;
        SmtpServerSession session(
            "gw", smallLimits(),
            [](const QByteArray&) {
                return SmtpServerSession::Verdict{true, {}, {}};
            },
            [&](char d, const QByteArray& line) { transcript.append(d + line); });
        SmtpServerSession::Security security;
        security.tlsOffered = true;
        security.authRequired = true;
        security.cramMd5 = true;
        session.setSecurity(security);
        session.greeting();
        session.receive("EHLO a\r\n");
        const QByteArray ehlo = session.takeOutput();
        QVERIFY2(ehlo.contains("250-STARTTLS\r\n") && ehlo.contains("250-AUTH CRAM-MD5\r\n"),
                 ehlo.constData());
        session.receive("AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n");
        QCOMPARE(session.takeOutput(),
                 QByteArray("538 5.7.11 Encryption required for requested authentication mechanism\r\n"));
        session.receive("STARTTLS\r\nMAIL FROM:<evil@example.com>\r\n");
        QCOMPARE(session.state(), SmtpServerSession::State::StartTls);
        QCOMPARE(session.takeOutput(), QByteArray("220 2.0.0 Ready to start TLS\r\n"));
        QCOMPARE(session.buffered(), 0);
        session.tlsStarted();
        session.receive("MAIL FROM:<a@b.example>\r\n"); // a new session: EHLO first
        QVERIFY(session.takeOutput().startsWith("503 5.5.1"));
        session.receive("EHLO a\r\n");
        const QByteArray inside = session.takeOutput();
        QVERIFY2(!inside.contains("STARTTLS") && inside.contains("250-AUTH PLAIN LOGIN CRAM-MD5\r\n"),
                 inside.constData());
        session.receive("MAIL FROM:<a@b.example>\r\n");
        QCOMPARE(session.takeOutput(), QByteArray("530 5.7.0 Authentication required\r\n"));
        session.receive("AUTH PLAIN AGFsaWNlAHNlY3JldA==\r\n");
        QCOMPARE(session.state(), SmtpServerSession::State::Authenticating);
        const auto c = session.takeCredentials();
        QCOMPARE(c.mechanism, QByteArray("PLAIN"));
        QCOMPARE(c.user, QStringLiteral("alice"));
        QCOMPARE(c.password, QByteArray("secret"));
        session.finishAuth(true);
        QCOMPARE(session.takeOutput(), QByteArray("235 2.7.0 Authentication successful\r\n"));
        session.receive("MAIL FROM:<a@b.example> AUTH=<>\r\nRCPT TO:<1@x.example>\r\nDATA\r\nx\r\n.\r\n");
        QVERIFY2(session.state() == SmtpServerSession::State::Waiting, session.takeOutput().constData());
        const ReceivedMail m = session.takeMessage();
        QCOMPARE(m.authenticatedUser, QStringLiteral("alice"));
        QVERIFY(m.tls);
        // The password never reaches the log.
        for (const QByteArray& line : transcript)
            QVERIFY2(!line.contains("AGF"), line.constData());
        QVERIFY(transcript.contains("<AUTH PLAIN ****"));
    }

    void authLoginAndFailures()
    {
        SmtpServerSession session("gw", smallLimits(), {});
        SmtpServerSession::Security security;
        security.tlsOffered = true;
        security.tlsActive = true; // implicit TLS
        security.authRequired = true;
        security.forceTls = true;
        session.setSecurity(security);
        session.greeting();
        session.receive("EHLO a\r\n");
        QVERIFY(!session.takeOutput().contains("STARTTLS"));
        for (int attempt = 1; attempt <= SmtpServerSession::kMaxAuthFailures; ++attempt) {
            session.receive("AUTH LOGIN\r\n");
            QCOMPARE(session.takeOutput(), QByteArray("334 VXNlcm5hbWU6\r\n"));
            session.receive("Ym9i\r\n"); // bob
            QCOMPARE(session.takeOutput(), QByteArray("334 UGFzc3dvcmQ6\r\n"));
            session.receive("d3Jvbmc=\r\n"); // wrong
            QCOMPARE(session.state(), SmtpServerSession::State::Authenticating);
            QCOMPARE(session.takeCredentials().password, QByteArray("wrong"));
            session.finishAuth(false);
            const QByteArray out = session.takeOutput();
            QVERIFY(out.startsWith("535 5.7.8 Authentication credentials invalid\r\n"));
            if (attempt == SmtpServerSession::kMaxAuthFailures) QVERIFY(out.contains("421 4.7.0"));
        }
        QCOMPARE(session.state(), SmtpServerSession::State::Closed);
    }

    // smtplib and Outlook send the user name with AUTH LOGIN; then only the password is asked
    // for. A directory that cannot answer gives 454, which does not count as a failed login.
    void authLoginInitialResponseAndUnavailable()
    {
        SmtpServerSession session("gw", smallLimits(), {});
        SmtpServerSession::Security security;
        security.tlsActive = true;
        security.authRequired = true;
        session.setSecurity(security);
        session.greeting();
        session.receive("EHLO a\r\n");
        session.takeOutput();
        for (int attempt = 0; attempt <= SmtpServerSession::kMaxAuthFailures; ++attempt) {
            session.receive("AUTH LOGIN Ym9i\r\n"); // bob
            QCOMPARE(session.takeOutput(), QByteArray("334 UGFzc3dvcmQ6\r\n"));
            session.receive("c2VjcmV0\r\n"); // secret
            QCOMPARE(session.state(), SmtpServerSession::State::Authenticating);
            const SmtpServerSession::Credentials c = session.takeCredentials();
            QCOMPARE(c.user, QStringLiteral("bob"));
            QCOMPARE(c.password, QByteArray("secret"));
            session.finishAuth(SmtpServerSession::AuthVerdict::Unavailable);
            QCOMPARE(session.takeOutput(), QByteArray("454 4.7.0 Temporary authentication failure\r\n"));
        }
        QCOMPARE(session.state(), SmtpServerSession::State::Command); // never closed for that
        session.receive("AUTH LOGIN Ym9i\r\nc2VjcmV0\r\n");
        session.takeCredentials();
        session.finishAuth(SmtpServerSession::AuthVerdict::Accepted);
        QCOMPARE(session.takeOutput(),
                 QByteArray("334 UGFzc3dvcmQ6\r\n235 2.7.0 Authentication successful\r\n"));
        session.receive("AUTH CRAM-MD5 Ym9i\r\n");
        QVERIFY(session.takeOutput().startsWith("503 5.5.1")); // already authenticated
    }

    void forceTlsRefusesMailAndAuthInClear()
    {
        SmtpServerSession session("gw", smallLimits(), {});
        SmtpServerSession::Security security;
        security.tlsOffered = true;
        security.forceTls = true;
        security.authRequired = true;
        security.cramMd5 = true;
        session.setSecurity(security);
        session.greeting();
        session.receive("EHLO a\r\n");
        QVERIFY(!session.takeOutput().contains("AUTH")); // nothing to log in with before TLS
        session.receive("AUTH CRAM-MD5\r\nMAIL FROM:<a@b.example>\r\nAUTH SCRAM-SHA-1\r\n");
        QCOMPARE(session.takeOutput(), QByteArray("530 5.7.0 Must issue a STARTTLS command first\r\n"
                                                  "530 5.7.0 Must issue a STARTTLS command first\r\n"
                                                  "530 5.7.0 Must issue a STARTTLS command first\r\n"));
    }

    void cramMd5Challenge()
    {
        SmtpServerSession session("gw.example", smallLimits(), {});
        SmtpServerSession::Security security;
        security.authRequired = true;
        security.cramMd5 = true;
        session.setSecurity(security);
        session.greeting();
        session.receive("EHLO a\r\nAUTH CRAM-MD5\r\n");
        const QByteArray out = session.takeOutput();
        const qsizetype at = out.indexOf("334 ");
        QVERIFY(at >= 0);
        const QByteArray challenge = QByteArray::fromBase64(out.mid(at + 4).trimmed());
        QVERIFY2(challenge.startsWith('<') && challenge.endsWith("@gw.example>"), challenge.constData());
        session.receive(QByteArray("alice 0123456789abcdef0123456789ABCDEF").toBase64() + "\r\n");
        QCOMPARE(session.state(), SmtpServerSession::State::Authenticating);
        const auto c = session.takeCredentials();
        QCOMPARE(c.challenge, challenge);
        QCOMPARE(c.digest, QByteArray("0123456789abcdef0123456789abcdef"));
        QCOMPARE(c.user, QStringLiteral("alice"));
        session.receive("*\r\n"); // waits behind the verdict
        session.finishAuth(false);
        QVERIFY(session.takeOutput().startsWith("535 5.7.8"));
    }

    void mailboxSyntax_data()
    {
        QTest::addColumn<QByteArray>("address");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << QByteArray("a.b@c.example") << true;
        QTest::newRow("plus") << QByteArray("+4930123@fax.example.com") << true;
        QTest::newRow("rfc3192") << QByteArray("FAX=+49301234/T33S=12@fax.example.com") << true;
        QTest::newRow("quoted") << QByteArray("\"a b\"@c.example") << true;
        QTest::newRow("literal") << QByteArray("a@[127.0.0.1]") << true;
        QTest::newRow("no at") << QByteArray("abc") << false;
        QTest::newRow("double dot") << QByteArray("a..b@c") << false;
        QTest::newRow("leading dot") << QByteArray(".a@c") << false;
        QTest::newRow("bad domain") << QByteArray("a@-c.example") << false;
        QTest::newRow("empty label") << QByteArray("a@c..example") << false;
        QTest::newRow("space") << QByteArray("a b@c") << false;
        QTest::newRow("long local") << QByteArray(65, 'a') + "@c" << false;
    }

    void mailboxSyntax()
    {
        QFETCH(QByteArray, address);
        QFETCH(bool, valid);
        QCOMPARE(SmtpCommand::isMailbox(address), valid);
    }
};

QTEST_GUILESS_MAIN(TestSmtpServerSession)
#include "tst_smtpserversession.moc"
