// SPDX-License-Identifier: GPL-3.0-or-later
// Credentials and TLS (ixi-UMS 4.2.2.5-6): SmtpConnection never sends AUTH without TLS unless the
// administrator chose encryption "none", nor to an unverified certificate unless "accept invalid
// certificate" is on, against real aiosmtpd listeners (tests/fixtures/aiosmtpd.sh) that offer
// AUTH without STARTTLS ("notls"), offer STARTTLS but refuse it ("badtls"), or present a
// certificate the client does not trust. The fixture's auth.log names every AUTH
// command a listener received, so "no AUTH was sent" is checked on the server's side.
#include "engine/smtp/SmtpConnection.h"
#include "tests/FixtureEnv.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTest>
#include <memory>

using namespace umgate;
using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 20000; // upper bound for any single mail

SmtpResult sendOnce(const SmtpServerConfig& config, const SmtpMessage& m)
{
    SmtpConnection c(config);
    auto done = std::make_shared<std::optional<SmtpResult>>();
    c.send(m, [done](const SmtpResult& r) { *done = r; });
    QElapsedTimer t;
    t.start();
    while (!done->has_value() && t.elapsed() < kWaitMs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    if (done->has_value()) return **done;
    SmtpResult r;
    r.reply = u"test: no callback within %1 ms"_s.arg(kWaitMs);
    return r;
}

SmtpMessage message()
{
    SmtpMessage m;
    m.id = u"auth-1"_s;
    m.from = u"fax@umgate.test"_s;
    m.recipients = {u"alice@example.com"_s};
    m.data = "From: fax@umgate.test\r\nTo: alice@example.com\r\nSubject: auth\r\n\r\nHello.\r\n";
    return m;
}

QString describe(const SmtpResult& r)
{
    return (QStringList{u"%1 at %2, code %3: %4"_s.arg(smtpOutcomeName(r.outcome), smtpStageName(r.stage))
                            .arg(r.code)
                            .arg(r.reply)} +
            r.transcript)
        .join(u'\n');
}

} // namespace

class TestSmtpAuth : public QObject
{
    Q_OBJECT

    QHash<QString, QString> m_aio;

    SmtpServerConfig server(const char* portKey, SmtpServerConfig::Tls tls) const
    {
        SmtpServerConfig c;
        c.host = u"127.0.0.1"_s;
        c.port = quint16(m_aio.value(QLatin1String(portKey)).toUInt());
        c.timeoutMs = 10000;
        c.heloName = heloName();
        c.tls = tls;
        c.caCertificateFile = m_aio.value(u"AIOSMTPD_CA"_s);
        c.user = m_aio.value(u"AIOSMTPD_USER"_s);
        c.password = m_aio.value(u"AIOSMTPD_PASSWORD"_s);
        return c;
    }

    // Ours alone: tests sharing the fixture may run in parallel.
    static QString heloName() { return u"auth-%1.umgate.test"_s.arg(QCoreApplication::applicationPid()); }

    // The AUTH commands a listener received from this test so far (lines of the fixture's auth.log).
    QStringList authSeenBy(const QString& listener) const
    {
        QFile f(m_aio.value(u"AIOSMTPD_AUTHLOG"_s));
        QStringList out;
        if (!f.open(QIODevice::ReadOnly)) return out; // no AUTH at all yet
        for (const QByteArray& line : f.readAll().split('\n'))
            if (line.startsWith(listener.toUtf8() + ' ') && line.endsWith(" helo=" + heloName().toUtf8()))
                out << QString::fromUtf8(line);
        return out;
    }

private slots:
    void initTestCase()
    {
        m_aio = umgate::test::fixtureEnv(u"aiosmtpd"_s);
        QVERIFY2(!m_aio.value(u"AIOSMTPD_NOTLS_PORT"_s).isEmpty(), "aiosmtpd.env missing: run through ctest");
        QVERIFY(!m_aio.value(u"AIOSMTPD_AUTHLOG"_s).isEmpty());
    }

    // Opportunistic TLS, a server without STARTTLS that offers AUTH PLAIN: no AUTH goes out, the
    // mail is deferred and the reason says why.
    void opportunisticWithoutStartTlsSendsNoPassword()
    {
        const qsizetype before = authSeenBy(u"notls"_s).size();
        const SmtpResult r =
            sendOnce(server("AIOSMTPD_NOTLS_PORT", SmtpServerConfig::Tls::StartTlsOpportunistic), message());
        QVERIFY2(r.outcome == SmtpOutcome::Deferral, qPrintable(describe(r)));
        QCOMPARE(r.stage, SmtpStage::Auth);
        QVERIFY2(
            r.reply.contains(
                u"server offers no STARTTLS; not sending the password in clear (encryption: opportunistic)"_s),
            qPrintable(r.reply));
        QVERIFY2(r.transcript.filter(u"C: AUTH"_s).isEmpty(), qPrintable(describe(r)));
        QVERIFY2(r.transcript.filter(u"C: MAIL"_s).isEmpty(), qPrintable(describe(r)));
        QTest::qWait(200); // the server writes its log as the command arrives; give a late one time
        QCOMPARE(authSeenBy(u"notls"_s).size(), before);
    }

    // The same server with encryption "none" chosen: AUTH goes, and the result says it went in clear.
    void noEncryptionSendsAuthAndSaysSo()
    {
        const qsizetype before = authSeenBy(u"notls"_s).size();
        const SmtpResult r = sendOnce(server("AIOSMTPD_NOTLS_PORT", SmtpServerConfig::Tls::None), message());
        QVERIFY2(r.outcome == SmtpOutcome::Success, qPrintable(describe(r)));
        QVERIFY2(!r.transcript.filter(u"C: AUTH PLAIN"_s).isEmpty(), qPrintable(describe(r)));
        QVERIFY2(!r.transcript.filter(u"the password went in clear (encryption: none)"_s).isEmpty(),
                 qPrintable(describe(r)));
        QTRY_COMPARE_WITH_TIMEOUT(authSeenBy(u"notls"_s).size(), before + 1, 2000);
        QVERIFY(authSeenBy(u"notls"_s).constLast().contains(u" tls=no "_s));
    }

    // STARTTLS offered, then answered 454; the server still offers AUTH in clear: no AUTH.
    void refusedStartTlsSendsNoPassword()
    {
        const qsizetype before = authSeenBy(u"badtls"_s).size();
        const SmtpResult r =
            sendOnce(server("AIOSMTPD_BADTLS_PORT", SmtpServerConfig::Tls::StartTlsOpportunistic), message());
        QVERIFY2(r.outcome == SmtpOutcome::Deferral, qPrintable(describe(r)));
        QCOMPARE(r.stage, SmtpStage::Auth);
        QVERIFY2(r.reply.contains(u"server refused STARTTLS (454"_s) &&
                     r.reply.contains(u"not sending the password in clear (encryption: opportunistic)"_s),
                 qPrintable(r.reply));
        QVERIFY2(r.transcript.filter(u"C: AUTH"_s).isEmpty(), qPrintable(describe(r)));
        QTest::qWait(200);
        QCOMPARE(authSeenBy(u"badtls"_s).size(), before);
    }

    // LOGIN (and CRAM-MD5) are credentials too: the "cram" and "login" listeners offer no STARTTLS.
    void otherMechanismsAreRefusedToo_data()
    {
        QTest::addColumn<QString>("portKey");
        QTest::addColumn<QString>("listener");
        QTest::addColumn<bool>("forceCram");
        QTest::newRow("LOGIN") << u"AIOSMTPD_LOGIN_PORT"_s << u"login"_s << false;
        QTest::newRow("CRAM-MD5") << u"AIOSMTPD_CRAM_PORT"_s << u"cram"_s << true;
    }
    void otherMechanismsAreRefusedToo()
    {
        QFETCH(QString, portKey);
        QFETCH(QString, listener);
        QFETCH(bool, forceCram);
        const qsizetype before = authSeenBy(listener).size();
        SmtpServerConfig c =
            server(portKey.toLatin1().constData(), SmtpServerConfig::Tls::StartTlsOpportunistic);
        c.forceCramMd5 = forceCram;
        const SmtpResult r = sendOnce(c, message());
        QVERIFY2(r.outcome == SmtpOutcome::Deferral, qPrintable(describe(r)));
        QVERIFY2(r.reply.contains(u"not sending the password in clear"_s), qPrintable(r.reply));
        QVERIFY2(r.transcript.filter(u"C: AUTH"_s).isEmpty(), qPrintable(describe(r)));
        QTest::qWait(200);
        QCOMPARE(authSeenBy(listener).size(), before);
    }

    // Opportunistic TLS whose certificate does not verify (a CA that did not sign the server's
    // certificate): the session stays encrypted, but no password goes to the unverified server,
    // and it never falls back to the plain session.
    void unverifiedCertificateGetsNoPassword()
    {
        const qsizetype before = authSeenBy(u"plain"_s).size();
        SmtpServerConfig c = server("AIOSMTPD_PORT", SmtpServerConfig::Tls::StartTlsOpportunistic);
        c.caCertificateFile = m_aio.value(u"AIOSMTPD_WRONG_CA"_s);
        const SmtpResult r = sendOnce(c, message());
        QVERIFY2(r.outcome == SmtpOutcome::Deferral, qPrintable(describe(r)));
        QCOMPARE(r.stage, SmtpStage::Auth);
        QVERIFY2(r.reply.contains(u"not sending the password to an unverified server"_s),
                 qPrintable(r.reply));
        QVERIFY2(r.securityNote == r.reply, qPrintable(r.securityNote));
        QVERIFY2(r.tls.contains(u"certificate NOT verified (opportunistic"_s), qPrintable(r.tls));
        QVERIFY2(r.transcript.filter(u"C: AUTH"_s).isEmpty(), qPrintable(describe(r)));
        QVERIFY2(r.transcript.filter(u"C: MAIL"_s).isEmpty(), qPrintable(describe(r)));
        QCOMPARE(r.transcript.filter(u"C: connect"_s).size(), 1);
        QTest::qWait(200);
        QCOMPARE(authSeenBy(u"plain"_s).size(), before);
    }

    // The same server without a user name: Postfix's "may" level, the mail goes encrypted although
    // the certificate is not verified, and the result says so.
    void unverifiedCertificateStillEncryptsTheMail()
    {
        SmtpServerConfig c = server("AIOSMTPD_PORT", SmtpServerConfig::Tls::StartTlsOpportunistic);
        c.caCertificateFile = m_aio.value(u"AIOSMTPD_WRONG_CA"_s);
        c.user.clear();
        c.password.clear();
        const SmtpResult r = sendOnce(c, message());
        QVERIFY2(r.outcome == SmtpOutcome::Success, qPrintable(describe(r)));
        QVERIFY2(r.tls.contains(u"certificate NOT verified"_s), qPrintable(r.tls));
        QVERIFY2(r.transcript.filter(u"C: AUTH"_s).isEmpty(), qPrintable(describe(r)));
    }

    // "Accept invalid certificate" is the administrator's explicit choice: the password goes inside
    // the unverified TLS session, never in clear.
    void acceptInvalidCertificateSendsPasswordInsideTls()
    {
        const qsizetype before = authSeenBy(u"plain"_s).size();
        SmtpServerConfig c = server("AIOSMTPD_PORT", SmtpServerConfig::Tls::StartTlsOpportunistic);
        c.caCertificateFile = m_aio.value(u"AIOSMTPD_WRONG_CA"_s);
        c.acceptInvalidCertificate = true;
        const SmtpResult r = sendOnce(c, message());
        QVERIFY2(r.outcome == SmtpOutcome::Success, qPrintable(describe(r)));
        QVERIFY2(r.tls.contains(u"accept invalid certificate is on"_s), qPrintable(r.tls));
        QTRY_COMPARE_WITH_TIMEOUT(authSeenBy(u"plain"_s).size(), before + 1, 2000);
        QVERIFY(authSeenBy(u"plain"_s).constLast().contains(u" tls=yes "_s));
    }

    // Required STARTTLS with a certificate that does not verify: the handshake fails, deferred at
    // STARTTLS, nothing else sent, no fallback.
    void failedHandshakeDoesNotFallBack()
    {
        const qsizetype before = authSeenBy(u"plain"_s).size();
        SmtpServerConfig c = server("AIOSMTPD_PORT", SmtpServerConfig::Tls::StartTlsRequired);
        c.caCertificateFile = m_aio.value(u"AIOSMTPD_WRONG_CA"_s);
        const SmtpResult r = sendOnce(c, message());
        QVERIFY2(r.outcome == SmtpOutcome::Deferral, qPrintable(describe(r)));
        QCOMPARE(r.stage, SmtpStage::StartTls);
        QVERIFY2(r.transcript.filter(u"C: AUTH"_s).isEmpty(), qPrintable(describe(r)));
        QCOMPARE(r.transcript.filter(u"C: connect"_s).size(), 1);
        QTest::qWait(200);
        QCOMPARE(authSeenBy(u"plain"_s).size(), before);
    }

    // With TLS in place the password goes (inside TLS), and nothing speaks of clear text.
    void startTlsThenAuth()
    {
        const qsizetype before = authSeenBy(u"plain"_s).size();
        const SmtpResult r =
            sendOnce(server("AIOSMTPD_PORT", SmtpServerConfig::Tls::StartTlsOpportunistic), message());
        QVERIFY2(r.outcome == SmtpOutcome::Success, qPrintable(describe(r)));
        QVERIFY2(r.transcript.filter(u"in clear"_s).isEmpty(), qPrintable(describe(r)));
        QTRY_COMPARE_WITH_TIMEOUT(authSeenBy(u"plain"_s).size(), before + 1, 2000);
        QVERIFY(authSeenBy(u"plain"_s).constLast().contains(u" tls=yes "_s));
    }
};

QTEST_GUILESS_MAIN(TestSmtpAuth)
#include "tst_smtpauth.moc"
