// SPDX-License-Identifier: GPL-3.0-or-later
// SmtpConnection / SmtpPool against real servers: the "aiosmtpd" fixture (tests/fixtures/
// aiosmtpd.sh: STARTTLS, implicit TLS, AUTH PLAIN/LOGIN/CRAM-MD5, per-recipient rejects) and the
// "smtpsink" fixture (tests/fixtures/smtpsink.sh: one Postfix smtp-sink per NEC table row).
#include "engine/smtp/SmtpClassifier.h"
#include "engine/smtp/SmtpConnection.h"
#include "engine/smtp/SmtpPool.h"
#include "tests/FixtureEnv.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <memory>

using namespace umgate;
using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 20000; // upper bound for any single mail; every wait below is bounded

struct Outcome
{
    bool called = false;
    bool calledInside = false;
    SmtpResult result;
};

bool waitFor(const bool& flag, int ms = kWaitMs)
{
    QElapsedTimer t;
    t.start();
    while (!flag && t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return flag;
}

SmtpResult sendNow(SmtpConnection& c, const SmtpMessage& m)
{
    auto out = std::make_shared<Outcome>();
    c.send(m, [out](const SmtpResult& r) {
        out->called = true;
        out->result = r;
    });
    out->calledInside = out->called;
    if (out->calledInside) {
        SmtpResult r;
        r.reply = u"callback ran inside send()"_s;
        return r;
    }
    if (!waitFor(out->called)) {
        SmtpResult r;
        r.reply = u"test: no callback within %1 ms"_s.arg(kWaitMs);
        return r;
    }
    return out->result;
}

SmtpResult sendOnce(const SmtpServerConfig& config, const SmtpMessage& m)
{
    SmtpConnection c(config);
    return sendNow(c, m);
}

SmtpMessage message(const QStringList& recipients, const QByteArray& body = "Hello.\r\n",
                    const QString& subject = u"test"_s)
{
    SmtpMessage m;
    m.id = u"msg-1"_s;
    m.from = u"fax@umgate.test"_s;
    m.recipients = recipients;
    m.data = "From: fax@umgate.test\r\nTo: " + recipients.join(u", "_s).toUtf8() +
             "\r\nSubject: " + subject.toUtf8() + "\r\n\r\n" + body;
    return m;
}

QString describe(const SmtpResult& r)
{
    QStringList lines{u"%1 at %2, code %3: %4"_s.arg(smtpOutcomeName(r.outcome), smtpStageName(r.stage))
                          .arg(r.code)
                          .arg(r.reply)};
    for (const SmtpRecipientResult& rr : r.recipients)
        lines << u"  %1: %2 at %3 %4 %5"_s
                     .arg(rr.address, smtpOutcomeName(rr.outcome), smtpStageName(rr.stage))
                     .arg(rr.code)
                     .arg(rr.reply);
    lines << r.transcript;
    return lines.join(u'\n');
}

QStringList filesIn(const QString& dir)
{
    return QDir(dir).entryList(QDir::Files, QDir::Name);
}

// The maildir file whose content contains `marker`.
QByteArray findMail(const QString& dir, const QByteArray& marker)
{
    for (const QString& name : filesIn(dir)) {
        QFile f(dir + u"/"_s + name);
        if (f.open(QIODevice::ReadOnly)) {
            QByteArray content = f.readAll();
            if (content.contains(marker)) return content;
        }
    }
    return {};
}

int connectionsLogged(const QString& path, const QString& listener)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return -1;
    int n = 0;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray& l : lines)
        if (l.startsWith(listener.toUtf8() + ' ')) ++n;
    return n;
}

} // namespace

class TestSmtpClient : public QObject
{
    Q_OBJECT

private:
    QHash<QString, QString> m_aio;
    QHash<QString, QString> m_sink;

    SmtpServerConfig aio(const QString& portKey) const
    {
        SmtpServerConfig c;
        c.host = u"127.0.0.1"_s;
        c.port = quint16(m_aio.value(portKey).toUInt());
        c.timeoutMs = 10000;
        c.heloName = u"umgate.test"_s;
        return c;
    }
    SmtpServerConfig withAuth(SmtpServerConfig c) const
    {
        c.user = m_aio.value(u"AIOSMTPD_USER"_s);
        c.password = m_aio.value(u"AIOSMTPD_PASSWORD"_s);
        return c;
    }
    QString maildir() const { return m_aio.value(u"AIOSMTPD_MAILDIR"_s) + u"/new"_s; }
    QString connlog() const { return m_aio.value(u"AIOSMTPD_CONNLOG"_s); }

private slots:
    void initTestCase()
    {
        m_aio = umgate::test::fixtureEnv(u"aiosmtpd"_s);
        m_sink = umgate::test::fixtureEnv(u"smtpsink"_s);
        QVERIFY2(!m_aio.value(u"AIOSMTPD_PORT"_s).isEmpty(), "aiosmtpd.env missing: run through ctest");
        QVERIFY2(!m_sink.value(u"SINK_OK_PORT"_s).isEmpty(), "smtpsink.env missing: run through ctest");
    }

    void classifier()
    {
        const SmtpPolicy p;
        QCOMPARE(SmtpClassifier::classify(SmtpStage::Greeting, 554, p), SmtpOutcome::Deferral);
        QCOMPARE(SmtpClassifier::classify(SmtpStage::Helo, 550, p), SmtpOutcome::Deferral);
        QCOMPARE(SmtpClassifier::classify(SmtpStage::Mail, 550, p), SmtpOutcome::Failure);
        QCOMPARE(SmtpClassifier::classify(SmtpStage::Rcpt, 550, p), SmtpOutcome::Failure);
        QCOMPARE(SmtpClassifier::classify(SmtpStage::Rcpt, 450, p), SmtpOutcome::Deferral);
        QCOMPARE(SmtpClassifier::classify(SmtpStage::EndOfData, 250, p), SmtpOutcome::Success);
        QCOMPARE(SmtpClassifier::classify(SmtpStage::Auth, 535, p), SmtpOutcome::Deferral);
        QCOMPARE(SmtpClassifier::classify(SmtpStage::Connect, 0, p), SmtpOutcome::Deferral);
        SmtpPolicy strict{SmtpOutcome::Failure, SmtpOutcome::Failure, SmtpOutcome::Deferral};
        QCOMPARE(SmtpClassifier::classify(SmtpStage::Greeting, 554, strict), SmtpOutcome::Failure);
        QCOMPARE(SmtpClassifier::classify(SmtpStage::Helo, 550, strict), SmtpOutcome::Failure);
        QCOMPARE(SmtpClassifier::classify(SmtpStage::Mail, 550, strict), SmtpOutcome::Deferral);
    }

    void encodeBody()
    {
        QCOMPARE(SmtpConnection::encodeBody("a\r\n.b\r\n"), QByteArray("a\r\n..b\r\n.\r\n"));
        QCOMPARE(SmtpConnection::encodeBody(".\nx\ry"), QByteArray("..\r\nx\r\ny\r\n.\r\n"));
        QCOMPARE(SmtpConnection::encodeBody(""), QByteArray(".\r\n"));
    }

    // One row per line of the NEC table, plus the rows where the policy decides.
    void necTable_data()
    {
        QTest::addColumn<QString>("row");
        QTest::addColumn<int>("policyC5");
        QTest::addColumn<int>("policyH5");
        QTest::addColumn<int>("policyM5");
        QTest::addColumn<int>("outcome");
        QTest::addColumn<int>("stage");
        QTest::addColumn<int>("digit");
        const int S = int(SmtpOutcome::Success), D = int(SmtpOutcome::Deferral),
                  F = int(SmtpOutcome::Failure);
        QTest::newRow("C5") << u"C5"_s << D << D << F << D << int(SmtpStage::Greeting) << 5;
        QTest::newRow("C5 policy failure") << u"C5"_s << F << D << F << F << int(SmtpStage::Greeting) << 5;
        QTest::newRow("C4") << u"C4"_s << F << F << F << D << int(SmtpStage::Greeting) << 4;
        QTest::newRow("H5") << u"H5"_s << D << D << F << D << int(SmtpStage::Helo) << 5;
        QTest::newRow("H5 policy failure") << u"H5"_s << D << F << F << F << int(SmtpStage::Helo) << 5;
        QTest::newRow("H4") << u"H4"_s << F << F << F << D << int(SmtpStage::Helo) << 4;
        QTest::newRow("M5") << u"M5"_s << D << D << F << F << int(SmtpStage::Mail) << 5;
        QTest::newRow("M5 policy deferral") << u"M5"_s << D << D << D << D << int(SmtpStage::Mail) << 5;
        QTest::newRow("M4") << u"M4"_s << F << F << F << D << int(SmtpStage::Mail) << 4;
        QTest::newRow("R5") << u"R5"_s << D << D << F << F << int(SmtpStage::Rcpt) << 5;
        QTest::newRow("R4") << u"R4"_s << D << D << F << D << int(SmtpStage::Rcpt) << 4;
        QTest::newRow("D5") << u"D5"_s << D << D << F << F << int(SmtpStage::Data) << 5;
        QTest::newRow("D4") << u"D4"_s << D << D << F << D << int(SmtpStage::Data) << 4;
        QTest::newRow("E5") << u"E5"_s << D << D << F << F << int(SmtpStage::EndOfData) << 5;
        QTest::newRow("E4") << u"E4"_s << D << D << F << D << int(SmtpStage::EndOfData) << 4;
        QTest::newRow("OK") << u"OK"_s << D << D << F << S << int(SmtpStage::EndOfData) << 2;
    }
    void necTable()
    {
        QFETCH(QString, row);
        QFETCH(int, policyC5);
        QFETCH(int, policyH5);
        QFETCH(int, policyM5);
        QFETCH(int, outcome);
        QFETCH(int, stage);
        QFETCH(int, digit);
        SmtpServerConfig c;
        c.host = u"127.0.0.1"_s;
        c.port = quint16(m_sink.value(u"SINK_%1_PORT"_s.arg(row)).toUInt());
        QVERIFY(c.port != 0);
        c.timeoutMs = 10000;
        c.policy = {SmtpOutcome(policyC5), SmtpOutcome(policyH5), SmtpOutcome(policyM5)};
        const int before = int(filesIn(m_sink.value(u"SINK_OK_DIR"_s)).size());
        const SmtpResult r = sendOnce(c, message({u"alice@example.com"_s, u"bob@example.com"_s}));
        QVERIFY2(int(r.outcome) == outcome, qPrintable(describe(r)));
        QVERIFY2(int(r.stage) == stage, qPrintable(describe(r)));
        QVERIFY2(r.code / 100 == digit, qPrintable(describe(r)));
        QCOMPARE(r.recipients.size(), 2);
        for (const SmtpRecipientResult& rr : r.recipients) {
            QCOMPARE(int(rr.outcome), outcome);
            QCOMPARE(int(rr.stage), stage);
        }
        QCOMPARE(r.server, u"127.0.0.1:%1"_s.arg(c.port));
        if (row == u"OK"_s) {
            QVERIFY(QTest::qWaitFor(
                [&] { return filesIn(m_sink.value(u"SINK_OK_DIR"_s)).size() == before + 1; }, 5000));
        }
        if (row == u"R5"_s || row == u"R4"_s || row == u"M5"_s) {
            // No recipient accepted: no DATA, the transaction is reset.
            QVERIFY2(!r.transcript.contains(u"C: DATA"_s), qPrintable(describe(r)));
            QVERIFY2(r.transcript.contains(u"C: RSET"_s), qPrintable(describe(r)));
        }
        if (row == u"H5"_s) QVERIFY2(r.transcript.filter(u"C: HELO "_s).size() == 1, qPrintable(describe(r)));
    }

    void successAndEnvelope()
    {
        const SmtpResult r = sendOnce(aio(u"AIOSMTPD_NOAUTH_PORT"_s),
                                      message({u"alice@example.com"_s}, "body\r\n", u"envelope-check"_s));
        QVERIFY2(r.outcome == SmtpOutcome::Success, qPrintable(describe(r)));
        QCOMPARE(r.code, 250);
        QVERIFY(r.tls.isEmpty());
        const QByteArray mail = findMail(maildir(), "Subject: envelope-check");
        QVERIFY(mail.contains("X-Envelope-From: fax@umgate.test\r\n"));
        QVERIFY(mail.contains("X-Envelope-To: alice@example.com\r\n"));
        QVERIFY2(!r.transcript.join(u'\n').contains(u"pipelined"_s), qPrintable(describe(r)));
    }

    void mixedRecipients()
    {
        const SmtpResult r =
            sendOnce(aio(u"AIOSMTPD_PORT"_s),
                     message({u"ok@example.com"_s, u"reject5-x@example.com"_s, u"defer4-y@example.com"_s},
                             "x\r\n", u"mixed-recipients"_s));
        QVERIFY2(r.outcome == SmtpOutcome::Deferral, qPrintable(describe(r)));
        QCOMPARE(r.recipients.size(), 3);
        QCOMPARE(r.recipients[0].outcome, SmtpOutcome::Success);
        QCOMPARE(r.recipients[0].stage, SmtpStage::EndOfData);
        QCOMPARE(r.recipients[1].outcome, SmtpOutcome::Failure);
        QCOMPARE(r.recipients[1].stage, SmtpStage::Rcpt);
        QCOMPARE(r.recipients[1].code, 550);
        QCOMPARE(r.recipients[2].outcome, SmtpOutcome::Deferral);
        QCOMPARE(r.recipients[2].code, 450);
        QCOMPARE(r.stage, SmtpStage::Rcpt);
        QCOMPARE(r.code, 450);
        const QByteArray mail = findMail(maildir(), "Subject: mixed-recipients");
        QVERIFY(mail.contains("X-Envelope-To: ok@example.com"));
        QVERIFY(!mail.contains("X-Envelope-To: reject5"));
        // Plain port offers PIPELINING: MAIL, RCPTs and DATA in one write.
        QVERIFY2(r.transcript.join(u'\n').contains(u"pipelined"_s), qPrintable(describe(r)));
    }

    void successAndFailureOnly()
    {
        const SmtpResult r = sendOnce(aio(u"AIOSMTPD_NOAUTH_PORT"_s),
                                      message({u"ok@example.com"_s, u"reject5@example.com"_s}));
        QVERIFY2(r.outcome == SmtpOutcome::Failure, qPrintable(describe(r)));
        QCOMPARE(r.recipients[0].outcome, SmtpOutcome::Success);
    }

    void allRecipientsRejectedPipelined()
    {
        const SmtpResult r = sendOnce(aio(u"AIOSMTPD_PORT"_s),
                                      message({u"reject5-a@example.com"_s, u"reject5-b@example.com"_s}));
        QVERIFY2(r.outcome == SmtpOutcome::Failure, qPrintable(describe(r)));
        QCOMPARE(r.stage, SmtpStage::Rcpt);
        QVERIFY2(!r.transcript.join(u'\n').contains(u"(message,"_s), qPrintable(describe(r)));
    }

    void startTlsOpportunistic()
    {
        SmtpServerConfig c = aio(u"AIOSMTPD_PORT"_s);
        c.tls = SmtpServerConfig::Tls::StartTlsOpportunistic;
        c.caCertificateFile = m_aio.value(u"AIOSMTPD_CA"_s);
        const SmtpResult r = sendOnce(c, message({u"alice@example.com"_s}));
        QVERIFY2(r.outcome == SmtpOutcome::Success, qPrintable(describe(r)));
        QVERIFY2(r.tls.contains(u"certificate verified"_s), qPrintable(r.tls));
        QVERIFY(r.transcript.contains(u"C: STARTTLS"_s));
        QCOMPARE(r.transcript.filter(u"C: EHLO"_s).size(), 2); // again after TLS

        // Opportunistic against a server without STARTTLS: plain, noted.
        c = aio(u"AIOSMTPD_NOAUTH_PORT"_s);
        c.tls = SmtpServerConfig::Tls::StartTlsOpportunistic;
        const SmtpResult r2 = sendOnce(c, message({u"alice@example.com"_s}));
        QVERIFY2(r2.outcome == SmtpOutcome::Success, qPrintable(describe(r2)));
        QVERIFY(r2.tls.isEmpty());
    }

    void startTlsRequired()
    {
        SmtpServerConfig c = withAuth(aio(u"AIOSMTPD_TLSREQ_PORT"_s));
        c.tls = SmtpServerConfig::Tls::StartTlsRequired;
        c.caCertificateFile = m_aio.value(u"AIOSMTPD_CA"_s);
        const SmtpResult r = sendOnce(c, message({u"alice@example.com"_s}));
        QVERIFY2(r.outcome == SmtpOutcome::Success, qPrintable(describe(r)));
        QVERIFY(r.tls.contains(u"certificate verified"_s));

        c = aio(u"AIOSMTPD_NOAUTH_PORT"_s);
        c.tls = SmtpServerConfig::Tls::StartTlsRequired;
        const SmtpResult r2 = sendOnce(c, message({u"alice@example.com"_s}));
        QVERIFY2(r2.outcome == SmtpOutcome::Deferral, qPrintable(describe(r2)));
        QCOMPARE(r2.stage, SmtpStage::StartTls);
        QVERIFY2(r2.reply.contains(u"does not offer STARTTLS"_s), qPrintable(r2.reply));
        QVERIFY(!r2.transcript.join(u'\n').contains(u"MAIL FROM"_s));
    }

    void implicitTls()
    {
        SmtpServerConfig c = aio(u"AIOSMTPD_SMTPS_PORT"_s);
        c.tls = SmtpServerConfig::Tls::Implicit;
        c.caCertificateFile = m_aio.value(u"AIOSMTPD_CA"_s);
        const SmtpResult r = sendOnce(c, message({u"alice@example.com"_s}));
        QVERIFY2(r.outcome == SmtpOutcome::Success, qPrintable(describe(r)));
        QVERIFY2(r.tls.contains(u"TLS"_s) && r.tls.contains(u"certificate verified"_s), qPrintable(r.tls));
    }

    void wrongCa()
    {
        SmtpServerConfig c = aio(u"AIOSMTPD_SMTPS_PORT"_s);
        c.tls = SmtpServerConfig::Tls::Implicit;
        c.caCertificateFile = m_aio.value(u"AIOSMTPD_WRONG_CA"_s);
        const SmtpResult r = sendOnce(c, message({u"alice@example.com"_s}));
        QVERIFY2(r.outcome == SmtpOutcome::Deferral, qPrintable(describe(r)));
        QCOMPARE(r.code, 0);
        QVERIFY2(r.reply.contains(u"TLS"_s), qPrintable(r.reply));

        c = aio(u"AIOSMTPD_PORT"_s);
        c.tls = SmtpServerConfig::Tls::StartTlsRequired;
        c.caCertificateFile = m_aio.value(u"AIOSMTPD_WRONG_CA"_s);
        const SmtpResult r2 = sendOnce(c, message({u"alice@example.com"_s}));
        QVERIFY2(r2.outcome == SmtpOutcome::Deferral, qPrintable(describe(r2)));
        QCOMPARE(r2.stage, SmtpStage::StartTls);
        QVERIFY2(r2.reply.contains(u"TLS"_s), qPrintable(r2.reply));
    }

    void acceptInvalidCertificate()
    {
        SmtpServerConfig c = aio(u"AIOSMTPD_SMTPS_PORT"_s);
        c.tls = SmtpServerConfig::Tls::Implicit;
        c.caCertificateFile = m_aio.value(u"AIOSMTPD_WRONG_CA"_s);
        c.acceptInvalidCertificate = true;
        const SmtpResult r = sendOnce(c, message({u"alice@example.com"_s}));
        QVERIFY2(r.outcome == SmtpOutcome::Success, qPrintable(describe(r)));
        QVERIFY2(r.tls.contains(u"certificate NOT verified (accept invalid certificate is on)"_s),
                 qPrintable(r.tls));
        QVERIFY(!r.transcript.filter(u"NOT verified"_s).isEmpty());
    }

    void auth_data()
    {
        QTest::addColumn<QString>("portKey");
        QTest::addColumn<QString>("mechanism");
        QTest::addColumn<bool>("implicitTls");
        QTest::newRow("PLAIN") << u"AIOSMTPD_SMTPS_PORT"_s << u"PLAIN"_s << true;
        QTest::newRow("LOGIN") << u"AIOSMTPD_LOGIN_PORT"_s << u"LOGIN"_s << false;
        QTest::newRow("CRAM-MD5") << u"AIOSMTPD_CRAM_PORT"_s << u"CRAM-MD5"_s << false;
        QTest::newRow("CRAM-MD5 preferred") << u"AIOSMTPD_PORT"_s << u"CRAM-MD5"_s << false;
    }
    void auth()
    {
        QFETCH(QString, portKey);
        QFETCH(QString, mechanism);
        QFETCH(bool, implicitTls);
        SmtpServerConfig c = withAuth(aio(portKey));
        if (implicitTls) {
            c.tls = SmtpServerConfig::Tls::Implicit;
            c.caCertificateFile = m_aio.value(u"AIOSMTPD_CA"_s);
        }
        const SmtpResult r = sendOnce(c, message({u"alice@example.com"_s}));
        QVERIFY2(r.outcome == SmtpOutcome::Success, qPrintable(describe(r)));
        QVERIFY2(!r.transcript.filter(u"C: AUTH "_s + mechanism).isEmpty(), qPrintable(describe(r)));
        QVERIFY2(r.transcript.contains(u"S: 235 2.7.0 Authentication successful"_s), qPrintable(describe(r)));
        checkNoSecret(r, c);

        // Wrong password: the administrator must fix it, the mail waits.
        c.password = u"wrong-password-77"_s;
        const SmtpResult bad = sendOnce(c, message({u"alice@example.com"_s}));
        QVERIFY2(bad.outcome == SmtpOutcome::Deferral, qPrintable(describe(bad)));
        QCOMPARE(bad.stage, SmtpStage::Auth);
        QVERIFY2(bad.code == 535, qPrintable(describe(bad)));
        QVERIFY2(bad.reply.contains(u"AUTH"_s), qPrintable(bad.reply));
        checkNoSecret(bad, c);
    }

    void forceCramMd5()
    {
        SmtpServerConfig c = withAuth(aio(u"AIOSMTPD_LOGIN_PORT"_s));
        c.forceCramMd5 = true;
        const SmtpResult r = sendOnce(c, message({u"alice@example.com"_s}));
        QVERIFY2(r.outcome == SmtpOutcome::Deferral, qPrintable(describe(r)));
        QCOMPARE(r.stage, SmtpStage::Auth);
        QVERIFY2(r.reply.contains(u"CRAM-MD5"_s), qPrintable(r.reply));

        c = withAuth(aio(u"AIOSMTPD_CRAM_PORT"_s));
        c.forceCramMd5 = true;
        const SmtpResult ok = sendOnce(c, message({u"alice@example.com"_s}));
        QVERIFY2(ok.outcome == SmtpOutcome::Success, qPrintable(describe(ok)));
    }

    void sizeRefusal()
    {
        const qint64 limit = m_aio.value(u"AIOSMTPD_SIZE_LIMIT"_s).toLongLong();
        QVERIFY(limit > 0);
        const QByteArray big = QByteArray(70, 'x').append("\r\n").repeated(int(limit / 72) + 100);
        const SmtpResult r = sendOnce(aio(u"AIOSMTPD_PORT"_s), message({u"alice@example.com"_s}, big));
        QVERIFY2(r.outcome == SmtpOutcome::Failure, qPrintable(describe(r)));
        QCOMPARE(r.stage, SmtpStage::Mail);
        QCOMPARE(r.code, 0);
        QVERIFY2(r.reply.contains(u"SIZE"_s), qPrintable(r.reply));
        QVERIFY(r.transcript.filter(u"MAIL FROM"_s).isEmpty());

        // A small one says its size.
        const SmtpResult small = sendOnce(aio(u"AIOSMTPD_PORT"_s), message({u"alice@example.com"_s}));
        QVERIFY2(!small.transcript.filter(u" SIZE="_s).isEmpty(), qPrintable(describe(small)));
    }

    void eightBit()
    {
        SmtpMessage m = message({u"alice@example.com"_s},
                                "Gr\xc3\xbc\xc3\x9f"
                                "e\r\n",
                                u"eight-bit"_s);
        m.eightBit = true;
        const SmtpResult r = sendOnce(aio(u"AIOSMTPD_PORT"_s), m);
        QVERIFY2(r.outcome == SmtpOutcome::Success, qPrintable(describe(r)));
        const QByteArray mail = findMail(maildir(), "Subject: eight-bit");
        QVERIFY(mail.contains("BODY=8BITMIME"));
        QVERIFY(mail.contains("Gr\xc3\xbc\xc3\x9f"
                              "e"));
    }

    void eightBitWithoutServerSupport()
    {
        SmtpMessage m = message({u"alice@example.com"_s}, "Gr\xc3\xbc\xc3\x9f"
                                                          "e\r\n");
        m.eightBit = true;
        const SmtpResult r = sendOnce(aio(u"AIOSMTPD_NOAUTH_PORT"_s), m);
        QVERIFY2(r.outcome == SmtpOutcome::Failure, qPrintable(describe(r)));
        QCOMPARE(r.stage, SmtpStage::Mail);
        QVERIFY2(r.reply.contains(u"8BITMIME"_s), qPrintable(r.reply));
        QVERIFY(r.transcript.filter(u"MAIL FROM"_s).isEmpty());
    }

    void heloFallback()
    {
        SmtpServerConfig c;
        c.host = u"127.0.0.1"_s;
        c.port = quint16(m_sink.value(u"SINK_NOEHLO_PORT"_s).toUInt());
        c.timeoutMs = 10000;
        const SmtpResult r = sendOnce(c, message({u"alice@example.com"_s}));
        QVERIFY2(r.outcome == SmtpOutcome::Success, qPrintable(describe(r)));
        QCOMPARE(r.transcript.filter(u"C: HELO "_s).size(), 1);
        QVERIFY(r.transcript.filter(u" SIZE="_s).isEmpty()); // no ESMTP parameters after HELO
    }

    void reply421()
    {
        SmtpServerConfig c;
        c.host = u"127.0.0.1"_s;
        c.port = quint16(m_sink.value(u"SINK_R421_PORT"_s).toUInt());
        c.timeoutMs = 10000;
        SmtpConnection conn(c);
        QSignalSpy closed(&conn, &SmtpConnection::closed);
        const SmtpResult r = sendNow(conn, message({u"alice@example.com"_s, u"bob@example.com"_s}));
        QVERIFY2(r.outcome == SmtpOutcome::Deferral, qPrintable(describe(r)));
        QCOMPARE(r.code, 421);
        QCOMPARE(r.stage, SmtpStage::Rcpt);
        QCOMPARE(r.recipients[1].outcome, SmtpOutcome::Deferral);
        QVERIFY(!conn.isConnected());
        QVERIFY(closed.count() >= 1);
    }

    void dotStuffing()
    {
        const QByteArray body = ".hidden line\r\n..two dots\r\n.\r\nlast\nbare-lf\n";
        const SmtpResult r =
            sendOnce(aio(u"AIOSMTPD_NOAUTH_PORT"_s), message({u"alice@example.com"_s}, body, u"dots"_s));
        QVERIFY2(r.outcome == SmtpOutcome::Success, qPrintable(describe(r)));
        const QByteArray mail = findMail(maildir(), "Subject: dots");
        QVERIFY2(mail.contains("\r\n\r\n.hidden line\r\n..two dots\r\n.\r\nlast\r\nbare-lf\r\n"),
                 mail.constData());
    }

    void connectionReuse()
    {
        const int before = connectionsLogged(connlog(), u"plain"_s);
        SmtpConnection c(withAuth(aio(u"AIOSMTPD_PORT"_s)));
        const SmtpResult r1 = sendNow(c, message({u"alice@example.com"_s}));
        QVERIFY2(r1.outcome == SmtpOutcome::Success, qPrintable(describe(r1)));
        QVERIFY(c.isIdle() && c.isConnected());
        const SmtpResult r2 = sendNow(c, message({u"reject5@example.com"_s}));
        QVERIFY2(r2.outcome == SmtpOutcome::Failure, qPrintable(describe(r2)));
        const SmtpResult r3 = sendNow(c, message({u"bob@example.com"_s}));
        QVERIFY2(r3.outcome == SmtpOutcome::Success, qPrintable(describe(r3)));
        QVERIFY(r3.transcript.filter(u"C: connect"_s).isEmpty());
        QVERIFY(r3.transcript.filter(u"C: EHLO"_s).isEmpty());
        QCOMPARE(c.connectionsOpened(), 1);
        QCOMPARE(connectionsLogged(connlog(), u"plain"_s), before + 1);
        QSignalSpy closed(&c, &SmtpConnection::closed);
        c.quit();
        QVERIFY(closed.wait(5000));
    }

    void serverClosesIdleConnection()
    {
        // The "idle" listener drops a session after 1 s without a command.
        SmtpConnection c(aio(u"AIOSMTPD_IDLE_PORT"_s));
        const SmtpResult r1 = sendNow(c, message({u"alice@example.com"_s}));
        QVERIFY2(r1.outcome == SmtpOutcome::Success, qPrintable(describe(r1)));
        QTest::qWait(1800);
        const SmtpResult r2 = sendNow(c, message({u"bob@example.com"_s}));
        QVERIFY2(r2.outcome == SmtpOutcome::Success, qPrintable(describe(r2)));
        QCOMPARE(c.connectionsOpened(), 2);
    }

    void serverClosedUnnoticed()
    {
        // The server drops the idle session while the client's event loop does not run, so the
        // client learns it only when the next transaction starts: it reconnects once.
        SmtpConnection c(aio(u"AIOSMTPD_IDLE_PORT"_s));
        const SmtpResult r1 = sendNow(c, message({u"alice@example.com"_s}));
        QVERIFY2(r1.outcome == SmtpOutcome::Success, qPrintable(describe(r1)));
        QThread::msleep(1800);
        const SmtpResult r2 = sendNow(c, message({u"bob@example.com"_s}));
        QVERIFY2(r2.outcome == SmtpOutcome::Success, qPrintable(describe(r2)));
        QCOMPARE(c.connectionsOpened(), 2);
        if (r2.transcript.filter(u"reconnecting"_s).isEmpty())
            qInfo("the close was noticed before the transaction started (no transparent retry needed)");
    }

    void pool()
    {
        const QString dir = maildir();
        // Other tests deliver to the same aiosmtpd at the same time: count our own mails only.
        const QByteArray tag = "pool-run-" + QByteArray::number(QDateTime::currentMSecsSinceEpoch());
        // Sessions are counted by their EHLO name in the fixture's auth.log (one AUTH per session):
        // the connection log also holds the sessions of tests running beside this one.
        const QString helo = u"pool-%1.umgate.test"_s.arg(QCoreApplication::applicationPid());
        SmtpServerConfig server = withAuth(aio(u"AIOSMTPD_PORT"_s));
        server.heloName = helo;
        SmtpPool pool;
        pool.setMaxConnectionsPerServer(4);
        pool.setIdleTimeoutMs(500);
        int done = 0, ok = 0;
        QStringList failures;
        for (int i = 0; i < 50; ++i) {
            pool.send(server, message({u"user%1@example.com"_s.arg(i)}, tag + "\r\n", u"pool-%1"_s.arg(i)),
                      [&](const SmtpResult& r) {
                          ++done;
                          if (r.outcome == SmtpOutcome::Success)
                              ++ok;
                          else
                              failures << describe(r);
                      });
        }
        QCOMPARE(done, 0);
        QCOMPARE(pool.pending(), 50);
        QVERIFY(QTest::qWaitFor([&] { return done == 50; }, 60000));
        QVERIFY2(ok == 50, qPrintable(failures.join(u"\n---\n"_s)));
        QCOMPARE(pool.pending(), 0);
        int ours = 0;
        for (const QString& f : filesIn(dir)) {
            QFile file(dir + u"/"_s + f);
            if (file.open(QIODevice::ReadOnly) && file.readAll().contains(tag)) ++ours;
        }
        QCOMPARE(ours, 50);
        int used = 0;
        QFile authLog(m_aio.value(u"AIOSMTPD_AUTHLOG"_s));
        if (authLog.open(QIODevice::ReadOnly))
            for (const QByteArray& line : authLog.readAll().split('\n'))
                if (line.startsWith("plain ") && line.endsWith(" helo=" + helo.toUtf8())) ++used;
        QVERIFY2(used >= 1 && used <= 4, qPrintable(QString::number(used)));
        // The idle timeout closes them with QUIT.
        QVERIFY(QTest::qWaitFor([&] { return pool.connectionCount() == 0; }, 5000));
    }

    void poolAbort()
    {
        SmtpPool pool;
        int done = 0, deferred = 0;
        for (int i = 0; i < 3; ++i)
            pool.send(aio(u"AIOSMTPD_PORT"_s), message({u"a@example.com"_s}), [&](const SmtpResult& r) {
                ++done;
                deferred += r.outcome == SmtpOutcome::Deferral ? 1 : 0;
            });
        pool.abortAll();
        QVERIFY(QTest::qWaitFor([&] { return done == 3; }, 5000));
        QCOMPARE(deferred, 3);
        QCOMPARE(pool.pending(), 0);
    }

    void unreachablePort()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        SmtpServerConfig c;
        c.host = u"127.0.0.1"_s;
        c.port = port;
        c.timeoutMs = 5000;
        const SmtpResult r = sendOnce(c, message({u"alice@example.com"_s}));
        QVERIFY2(r.outcome == SmtpOutcome::Deferral, qPrintable(describe(r)));
        QCOMPARE(r.stage, SmtpStage::Connect);
        QCOMPARE(r.code, 0);
        QVERIFY2(r.reply.contains(u"cannot connect"_s), qPrintable(r.reply));
    }

    // A server that cannot be reached costs one connection attempt, not one per waiting mail;
    // the others are deferred at once, saying why, and after a few seconds it is tried again.
    void poolSkipsAnUnreachableServer()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        SmtpServerConfig c;
        c.host = u"127.0.0.1"_s;
        c.port = probe.serverPort();
        c.timeoutMs = 5000;
        probe.close();
        SmtpPool pool;
        pool.setMaxConnectionsPerServer(1);
        int done = 0, tried = 0, skipped = 0, flaggedUntried = 0;
        const auto count = [&](const SmtpResult& r) {
            ++done;
            QCOMPARE(r.outcome, SmtpOutcome::Deferral);
            tried += r.reply.contains(u"cannot connect"_s) && !r.reply.startsWith(u"not tried"_s) ? 1 : 0;
            skipped += r.reply.startsWith(u"not tried: 127.0.0.1:"_s) ? 1 : 0;
            flaggedUntried += r.tried ? 0 : 1; // the caller counts no attempt for these
        };
        for (int i = 0; i < 20; ++i)
            pool.send(c, message({u"a@example.com"_s}), count);
        QVERIFY(QTest::qWaitFor([&] { return done == 20; }, 10000));
        QCOMPARE(tried, 1);
        QCOMPARE(skipped, 19);
        QCOMPARE(flaggedUntried, 19);
        QTest::qWait(5200);
        pool.send(c, message({u"a@example.com"_s}), count);
        QVERIFY(QTest::qWaitFor([&] { return done == 21; }, 10000));
        QCOMPARE(tried, 2);

        // An explicit retry lifts the pause: the next mail is tried at once.
        pool.send(c, message({u"a@example.com"_s}), count);
        QVERIFY(QTest::qWaitFor([&] { return done == 22; }, 10000));
        QCOMPARE(skipped, 20);
        pool.forgetUnreachable();
        pool.send(c, message({u"a@example.com"_s}), count);
        QVERIFY(QTest::qWaitFor([&] { return done == 23; }, 10000));
        QCOMPARE(tried, 3);
    }

    void silentServerTimeout()
    {
        // Not an SMTP server: a peer that accepts and never says a word.
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        QList<QTcpSocket*> peers;
        connect(&silent, &QTcpServer::newConnection, this, [&] {
            while (QTcpSocket* s = silent.nextPendingConnection())
                peers << s;
        });
        SmtpServerConfig c;
        c.host = u"127.0.0.1"_s;
        c.port = silent.serverPort();
        c.timeoutMs = 700;
        QElapsedTimer t;
        t.start();
        const SmtpResult r = sendOnce(c, message({u"alice@example.com"_s}));
        QVERIFY2(r.outcome == SmtpOutcome::Deferral, qPrintable(describe(r)));
        QCOMPARE(r.stage, SmtpStage::Greeting);
        QCOMPARE(r.code, 0);
        QVERIFY2(r.reply.contains(u"timeout"_s) && r.reply.contains(u"greeting"_s), qPrintable(r.reply));
        QVERIFY(t.elapsed() < 5000);
    }

private:
    static void checkNoSecret(const SmtpResult& r, const SmtpServerConfig& c)
    {
        const QString all = r.transcript.join(u'\n') + r.reply;
        QVERIFY(!all.contains(c.password));
        QVERIFY(!all.contains(QString::fromLatin1(c.password.toUtf8().toBase64())));
        const QByteArray plain =
            QByteArray(1, '\0') + c.user.toUtf8() + QByteArray(1, '\0') + c.password.toUtf8();
        QVERIFY(!all.contains(QString::fromLatin1(plain.toBase64())));
        QVERIFY(!all.contains(QString::fromLatin1(c.user.toUtf8().toBase64())));
    }
};

QTEST_GUILESS_MAIN(TestSmtpClient)
#include "tst_smtpclient.moc"
