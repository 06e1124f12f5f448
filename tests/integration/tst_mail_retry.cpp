// SPDX-License-Identifier: GPL-3.0-or-later
// Retries and credentials through a real umgated (ixi-UMS 4.2.2.4-6): `queue retry` right after a
// failed connect tries at once and says what happened; a mail the pool did not try keeps its
// attempts; with opportunistic TLS no password goes to a server without STARTTLS, with encryption
// "none" it does and the engine log says so; the same for a Direct SMTP entry's MX host. Peers: a
// real aiosmtpd started here on a port that refused connections a moment before, the "aiosmtpd"
// fixture (its auth.log lists every AUTH) and the "dnsmasq" fixture (MX records).
#include "UmgatedProcess.h"
#include "engine/spool/KernelEnvelope.h"
#include "tests/FixtureEnv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSysInfo>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::StringLiterals;
namespace test = umgate::test;
using umgate::KernelEnvelope;
using umgate::test::CtlResult;
using umgate::test::runCtl;
using umgate::test::UmgatedProcess;

namespace {

const QString kId = u"MSConnInst1"_s;

KernelEnvelope sms(const QString& id, const QString& text)
{
    KernelEnvelope e;
    e.id = id;
    e.type = KernelEnvelope::Type::Sms;
    e.calling = u"+49 30 1234567"_s;
    e.called = u"+1 555 0100"_s; // nobody's: the default recipient
    e.text = text;
    e.time = QDateTime::currentDateTimeUtc();
    return e;
}

bool listening(quint16 port)
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    return s.waitForConnected(200);
}

} // namespace

class TstMailRetry : public QObject
{
    Q_OBJECT

    QHash<QString, QString> m_env;

    bool set(const UmgatedProcess& d, const QString& key, const QString& value)
    {
        const CtlResult r = runCtl(d.dataDir(), {u"config"_s, u"set"_s, kId, key, value});
        if (r.exitCode != 0) qWarning("config set %s: %s", qPrintable(key), qPrintable(r.err + r.out));
        return r.exitCode == 0;
    }

    bool startConfigured(UmgatedProcess& d, const QString& port)
    {
        QString error;
        if (!d.start(&error)) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        return set(d, u"mailSystem.general.server"_s, u"127.0.0.1"_s) &&
               set(d, u"mailSystem.general.port"_s, port) &&
               set(d, u"mailSystem.general.defaultRecipient"_s, u"postmaster@example.com"_s) &&
               set(d, u"mailSystem.template.mailDomain"_s, u"example.com"_s) &&
               set(d, u"mailSystem.messageStore.mode"_s, u"mailServer"_s) &&
               set(d, u"mailSystem.polling.retries"_s, u"3"_s) &&
               set(d, u"mailSystem.polling.intervals"_s, u"[600, 600, 600]"_s);
    }

    static QString spool(const UmgatedProcess& d)
    {
        return d.paths().instanceDir(kId) + u"/Kernel/Incoming"_s;
    }

    static QJsonArray outgoing(const UmgatedProcess& d)
    {
        const CtlResult list = runCtl(d.dataDir(), {u"--json"_s, u"queue"_s, u"list"_s, kId});
        return QJsonDocument::fromJson(list.out.toUtf8()).object().value(u"entries"_s).toArray();
    }

    // The fixture's AUTH lines from the given listener sent by umgated (its EHLO name is the host's).
    QStringList authSeenBy(const QString& listener) const
    {
        QStringList out;
        const QByteArray helo = " helo=" + QSysInfo::machineHostName().toUtf8();
        for (const QByteArray& line : test::readAll(m_env.value(u"AIOSMTPD_AUTHLOG"_s)).split('\n'))
            if (line.startsWith(listener.toUtf8() + ' ') && line.endsWith(helo))
                out << QString::fromUtf8(line);
        return out;
    }

private slots:
    void initTestCase()
    {
        m_env = test::fixtureEnv(u"aiosmtpd"_s);
        QVERIFY2(!m_env.value(u"AIOSMTPD_NOTLS_PORT"_s).isEmpty(), "aiosmtpd.env missing: run through ctest");
    }

    // The mail server refuses connections; the first attempt fails (interval 600 s). The
    // administrator starts the server and presses Retry within the pool's 5 s pause: the mail is
    // delivered at once, the answer says so, and only the real failed try counted.
    void retryRightAfterAFailedConnectDeliversAtOnce()
    {
        const quint16 port = UmgatedProcess::freePort();
        UmgatedProcess d;
        QVERIFY(startConfigured(d, QString::number(port)));
        const QString marker = u"retry-%1"_s.arg(QDateTime::currentMSecsSinceEpoch());
        QString error;
        QVERIFY2(KernelEnvelope::write(spool(d), sms(u"r1"_s, marker), {}, &error), qPrintable(error));
        QString queueId;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const QJsonArray list = outgoing(d);
                const QJsonObject e = list.isEmpty() ? QJsonObject() : list.first().toObject();
                queueId = e.value(u"id"_s).toString();
                return e.value(u"attempts"_s).toInt() == 1;
            }(),
            20000);
        QElapsedTimer sinceFailure;
        sinceFailure.start();
        const QJsonObject failed = outgoing(d).first().toObject();
        QVERIFY2(failed.value(u"lastError"_s).toString().contains(u"cannot connect"_s),
                 qPrintable(failed.value(u"lastError"_s).toString()));

        // The server comes back on the same port.
        QProcess server;
        server.setProcessChannelMode(QProcess::MergedChannels);
        server.start(u"/usr/bin/python3"_s,
                     {u"-u"_s, u"-m"_s, u"aiosmtpd"_s, u"-n"_s, u"-l"_s, u"127.0.0.1:%1"_s.arg(port)});
        QVERIFY2(server.waitForStarted(5000), qPrintable(server.errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(listening(port), 10000);
        // The point of the test: the retry comes within the pool's 5 s "unreachable" pause.
        QVERIFY2(sinceFailure.elapsed() < 4500,
                 qPrintable(u"the server took %1 ms to come back; the test needs < 4.5 s"_s.arg(
                     sinceFailure.elapsed())));

        QElapsedTimer t;
        t.start();
        const CtlResult r = runCtl(d.dataDir(), {u"--json"_s, u"queue"_s, u"retry"_s, kId, queueId});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        // At once, not 600 s later: the Debugging handler prints every message it takes.
        QByteArray seen;
        QTRY_VERIFY_WITH_TIMEOUT((seen += server.readAll()).contains(marker.toUtf8()), 5000);
        const QJsonObject answer = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const QJsonObject result = answer.value(u"results"_s).toArray().first().toObject();
        QVERIFY2(result.value(u"status"_s).toString() == u"delivered"_s, qPrintable(r.out));
        QCOMPARE(answer.value(u"delivered"_s).toInt(), 1);
        QCOMPARE(answer.value(u"retried"_s).toInt(), 1); // older clients read this
        QVERIFY2(answer.value(u"message"_s).toString().contains(u"tried and delivered"_s), qPrintable(r.out));
        QCOMPARE(result.value(u"attempts"_s).toInt(), 1); // the refused connect, nothing else
        QVERIFY(t.elapsed() < 10000);
        QVERIFY(outgoing(d).isEmpty());
        server.kill();
        server.waitForFinished(5000);

        // A mail id that is not queued is an error, not "0 mails".
        const CtlResult none = runCtl(d.dataDir(), {u"queue"_s, u"retry"_s, kId, u"nosuchmail"_s});
        QVERIFY2(none.exitCode != 0, qPrintable(none.out + none.err));
    }

    // One connection per server: the second mail waits in the pool while the first fails to
    // connect, and is then skipped (the server is paused for 5 s). It was not tried, so it keeps
    // its attempts and is due again after the pause, not after the 600 s interval; then it is tried.
    // A retry of a dead server tries it (the answer says tried and failed) and counts that try.
    void aMailThatWasNotTriedLosesNoAttempt()
    {
        const quint16 port = UmgatedProcess::freePort();
        UmgatedProcess d;
        QVERIFY(startConfigured(d, QString::number(port)));
        QCOMPARE(
            runCtl(d.dataDir(), {u"misc"_s, u"set"_s, u"smtp.maxConnectionsPerInstance"_s, u"1"_s}).exitCode,
            0);
        QString error;
        QVERIFY(KernelEnvelope::write(spool(d), sms(u"n1"_s, u"first"_s), {}, &error));
        QVERIFY(KernelEnvelope::write(spool(d), sms(u"n2"_s, u"second"_s), {}, &error));
        // The engine log keeps each mail's fate. The queue shows "not tried" only during the pool's
        // 5 s pause, which polling through umgatectl can miss on a loaded machine.
        static const QRegularExpression notTried(
            u"mail (\\S+) not tried, no attempt counted \\((\\d+) so far\\), next try in (\\d+) s: ([^\\n]*)"_s);
        static const QRegularExpression deferred(
            u"mail (\\S+) deferred \\(attempt (\\d+) of \\d+\\), next try in \\d+ s: ([^\\n]*)"_s);
        QRegularExpressionMatch skipped, tried;
        QTRY_VERIFY2_WITH_TIMEOUT(
            [&] {
                const QString log = QString::fromUtf8(d.log());
                skipped = notTried.match(log);
                tried = deferred.match(log);
                return skipped.hasMatch() && tried.hasMatch();
            }(),
            d.log().constData(), 20000);
        QVERIFY2(skipped.captured(1) != tried.captured(1), d.log().constData());
        QVERIFY2(tried.captured(2) == u"1"_s && tried.captured(3).contains(u"cannot connect"_s),
                 qPrintable(tried.captured(0)));
        // "not tried: ... failed at connect: cannot connect ..." names the other's failure.
        QVERIFY2(skipped.captured(2) == u"0"_s && skipped.captured(4).contains(u"not tried: "_s) &&
                     skipped.captured(4).contains(u"cannot connect"_s),
                 qPrintable(skipped.captured(0)));
        // Due again when the pause is over, not after the 600 s interval.
        QVERIFY2(skipped.captured(3).toInt() <= 10, qPrintable(skipped.captured(0)));
        // After the pause it is really tried: one attempt, for a real reason.
        const QString skippedId = skipped.captured(1);
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const auto& v : outgoing(d))
                    if (v.toObject().value(u"id"_s).toString() == skippedId)
                        return v.toObject().value(u"attempts"_s).toInt() == 1 &&
                               v.toObject().value(u"lastError"_s).toString().contains(u"cannot connect"_s);
                return false;
            }(),
            15000);

        // Retry while the server is still down: tried (not "due now"), failed, said so, counted once.
        const QString triedId = tried.captured(1);
        const CtlResult r = runCtl(d.dataDir(), {u"--json"_s, u"queue"_s, u"retry"_s, kId, triedId});
        QVERIFY2(r.exitCode == 1, qPrintable(r.out + r.err)); // tried and not delivered: a failure
        const CtlResult human = runCtl(d.dataDir(), {u"queue"_s, u"retry"_s, kId, triedId});
        QVERIFY2(human.exitCode == 1 && human.out.contains(triedId + u": deferred ("_s),
                 qPrintable(human.out + human.err));
        const QJsonObject answer = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const QJsonObject result = answer.value(u"results"_s).toArray().first().toObject();
        QVERIFY2(result.value(u"status"_s).toString() == u"deferred"_s, qPrintable(r.out));
        QVERIFY2(result.value(u"reason"_s).toString().contains(u"cannot connect"_s), qPrintable(r.out));
        QCOMPARE(result.value(u"attempts"_s).toInt(), 2);
        QVERIFY2(answer.value(u"message"_s).toString().contains(u"tried, not delivered"_s),
                 qPrintable(r.out));
    }

    // A Misc Setup option the pipeline reads takes effect in the running instance at once, not at
    // the next change of the instance's own configuration. The server accepts the connection and
    // never greets: the mail must be deferred after the new 5 s, not after the default 120 s.
    void miscSetupReachesTheRunningPipeline()
    {
        QTcpServer silent; // connections complete in its backlog; nothing is ever said
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        UmgatedProcess d;
        QVERIFY(startConfigured(d, QString::number(silent.serverPort())));
        QCOMPARE(runCtl(d.dataDir(), {u"misc"_s, u"set"_s, u"smtp.timeoutSeconds"_s, u"5"_s}).exitCode, 0);
        QString error;
        QVERIFY2(KernelEnvelope::write(spool(d), sms(u"t1"_s, u"silent"_s), {}, &error), qPrintable(error));
        QTRY_VERIFY2_WITH_TIMEOUT(d.log().contains("within 5 s while waiting for the greeting"),
                                  d.log().constData(), 30000);
    }

    // Opportunistic TLS with a password, against a server that offers AUTH but no STARTTLS: no
    // AUTH reaches it, the mail waits with the reason, the engine log and Send Test Message say it.
    // With encryption "none" chosen, AUTH goes and the engine log says it went in clear.
    void noPasswordInClearUnlessEncryptionIsNone()
    {
        UmgatedProcess d;
        QVERIFY(startConfigured(d, m_env.value(u"AIOSMTPD_NOTLS_PORT"_s)));
        QVERIFY(set(d, u"mailSystem.encryption.mode"_s, u"startTlsOpportunistic"_s));
        QVERIFY(set(d, u"mailSystem.authentication.user"_s, m_env.value(u"AIOSMTPD_USER"_s)));
        const CtlResult pw =
            runCtl(d.dataDir(), {u"config"_s, u"set"_s, kId, u"mailSystem.authentication.password"_s, u"-"_s},
                   m_env.value(u"AIOSMTPD_PASSWORD"_s).toUtf8());
        QVERIFY2(pw.exitCode == 0, qPrintable(pw.out + pw.err));
        const qsizetype before = authSeenBy(u"notls"_s).size();
        const QString reason =
            u"server offers no STARTTLS; not sending the password in clear (encryption: opportunistic)"_s;

        // Send Test Message says it (and, once it does, the new settings are in force).
        const QStringList testMessage{
            u"test-message"_s,   kId,           u"--type"_s,     u"sms"_s, u"--calling"_s,
            u"+49 30 1234567"_s, u"--called"_s, u"+1 555 0100"_s};
        CtlResult t;
        QTRY_VERIFY_WITH_TIMEOUT((t = runCtl(d.dataDir(), testMessage)).out.contains(reason), 10000);
        QVERIFY2(!t.out.contains(u"outcome: delivered"_s), qPrintable(t.out));
        QString error;
        QVERIFY(KernelEnvelope::write(spool(d), sms(u"t1"_s, u"tls"_s), {}, &error));
        QTRY_VERIFY_WITH_TIMEOUT(
            !outgoing(d).isEmpty() &&
                outgoing(d).first().toObject().value(u"lastError"_s).toString().contains(reason),
            20000);
        QTRY_VERIFY_WITH_TIMEOUT(d.log().contains(reason.toUtf8()), 5000);
        QTest::qWait(300);
        QCOMPARE(authSeenBy(u"notls"_s).size(), before);

        // "No encryption", chosen: the waiting mail goes with AUTH, and the log says in clear.
        QVERIFY(set(d, u"mailSystem.encryption.mode"_s, u"none"_s));
        QTRY_VERIFY_WITH_TIMEOUT(runCtl(d.dataDir(), testMessage).out.contains(u"outcome: delivered"_s),
                                 10000);
        const CtlResult r = runCtl(d.dataDir(), {u"--json"_s, u"queue"_s, u"retry"_s, kId});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(QJsonDocument::fromJson(r.out.toUtf8()).object().value(u"delivered"_s).toInt() == 1,
                 qPrintable(r.out));
        QTRY_VERIFY_WITH_TIMEOUT(authSeenBy(u"notls"_s).size() > before, 5000);
        QVERIFY(authSeenBy(u"notls"_s).constLast().contains(u" tls=no "_s));
        QTRY_VERIFY_WITH_TIMEOUT(d.log().contains("the password went in clear (encryption: none)"), 5000);
    }

    // Direct SMTP (Panasonic 9.17) with an account on the entry: the MX host found through DNS
    // (dnsmasq: direct.test -> mx2 127.0.0.1) offers AUTH without STARTTLS; no password goes.
    void directSmtpSendsNoPasswordInClear()
    {
        const QHash<QString, QString> dns = test::fixtureEnv(u"dnsmasq"_s);
        QVERIFY2(!dns.value(u"DNSMASQ_SERVER"_s).isEmpty(), "the dnsmasq fixture did not run");
        UmgatedProcess d;
        QVERIFY(startConfigured(d, m_env.value(u"AIOSMTPD_NOTLS_PORT"_s)));
        QCOMPARE(
            runCtl(d.dataDir(), {u"misc"_s, u"set"_s, u"dns.nameserver"_s, dns.value(u"DNSMASQ_SERVER"_s)})
                .exitCode,
            0);
        QVERIFY(set(d, u"mailSystem.encryption.mode"_s, u"startTlsOpportunistic"_s));
        const CtlResult senders =
            runCtl(d.dataDir(), {u"config"_s, u"set"_s, kId, u"systemPreferences.email.senders"_s, u"-"_s},
                   uR"([{"mailDomain":"example.com","directSmtp":true,"port":%1,"requiresAuthentication":true,
                  "account":"%2","password":"%3"}])"_s
                       .arg(m_env.value(u"AIOSMTPD_NOTLS_PORT"_s), m_env.value(u"AIOSMTPD_USER"_s),
                            m_env.value(u"AIOSMTPD_PASSWORD"_s))
                       .toUtf8());
        QVERIFY2(senders.exitCode == 0, qPrintable(senders.out + senders.err));
        QVERIFY(set(d, u"mailSystem.general.defaultRecipient"_s, u"fax@direct.test"_s));
        const qsizetype before = authSeenBy(u"notls"_s).size();
        const QStringList testMessage{
            u"test-message"_s,   kId,           u"--type"_s,     u"sms"_s, u"--calling"_s,
            u"+49 30 1234567"_s, u"--called"_s, u"+1 555 0100"_s};
        CtlResult t;
        QTRY_VERIFY_WITH_TIMEOUT(
            (t = runCtl(d.dataDir(), testMessage)).out.contains(u"not sending the password in clear"_s),
            15000);
        QVERIFY2(t.out.contains(u"DNS: MX direct.test"_s), qPrintable(t.out));
        QVERIFY2(!t.out.contains(u"outcome: delivered"_s), qPrintable(t.out));
        QTest::qWait(300);
        QCOMPARE(authSeenBy(u"notls"_s).size(), before);
    }
};

QTEST_GUILESS_MAIN(TstMailRetry)
#include "tst_mail_retry.moc"
