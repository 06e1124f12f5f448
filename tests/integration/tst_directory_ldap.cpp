// SPDX-License-Identifier: GPL-3.0-or-later
// The directory through a real umgated and umgatectl against the two real slapd servers of the
// "slapd" fixture, configured the way an administrator does it: servers, base DNs, the bind
// password through stdin into the secret store, the CA certificate in the Certificates folder.
#include "UmgatedProcess.h"
#include "tests/FixtureEnv.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using umgate::test::CtlResult;
using umgate::test::runCtl;
using umgate::test::UmgatedProcess;

namespace {
const QString kId = u"MSConnInst1"_s;
}

class TstDirectoryLdap : public QObject
{
    Q_OBJECT

    QHash<QString, QString> m_env;
    UmgatedProcess m_daemon;

    QString env(const char* key) const { return m_env.value(QString::fromLatin1(key)); }

    CtlResult ctl(const QStringList& args, const QByteArray& input = {})
    {
        return runCtl(m_daemon.dataDir(), args, input);
    }

    // Sets one setting; failures name the key and the engine's answer.
    bool set(const QString& key, const QString& value)
    {
        const CtlResult r = ctl({u"config"_s, u"set"_s, kId, key, value});
        if (r.exitCode != 0) qWarning("config set %s: %s", qPrintable(key), qPrintable(r.err + r.out));
        return r.exitCode == 0;
    }

    QJsonObject jsonCtl(const QStringList& args)
    {
        const CtlResult r = ctl(QStringList{u"--json"_s} + args);
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    }

    QJsonObject lookupNumber(const QString& number)
    {
        return jsonCtl({u"directory"_s, u"lookup"_s, kId, u"--number"_s, number});
    }

    static QStringList addresses(const QJsonObject& r)
    {
        QStringList out;
        for (const auto& v : r.value(u"addresses"_s).toArray())
            out << v.toString();
        out.sort();
        return out;
    }

    QString server(const char* portKey, const char* scheme = "ldap") const
    {
        return u"%1://127.0.0.1:%2"_s.arg(QString::fromLatin1(scheme), env(portKey));
    }

    QString serversJson(const QString& host1, const QString& port1, const QString& security1,
                        const QString& port2)
    {
        return uR"([{"host":"%1","port":%2,"security":"%3"},{"host":"127.0.0.1","port":%4,"security":"ldaps"}])"_s
            .arg(host1, port1, security1, port2);
    }

    // The failed step of the first server in `directory test`, as "step: detail".
    QString firstFailure()
    {
        const QJsonObject r = jsonCtl({u"directory"_s, u"test"_s, kId});
        const QJsonObject first = r.value(u"servers"_s).toArray().first().toObject();
        for (const auto& v : first.value(u"steps"_s).toArray()) {
            const QJsonObject s = v.toObject();
            if (!s.value(u"ok"_s).toBool())
                return s.value(u"step"_s).toString() + u": "_s + s.value(u"detail"_s).toString();
        }
        return {};
    }

private slots:
    void initTestCase()
    {
        m_env = umgate::test::fixtureEnv(u"slapd"_s);
        QVERIFY2(!m_env.isEmpty(), "the slapd fixture did not run: run this test through ctest");
        for (const char* key :
             {"LDAP1_PORT", "LDAPS1_PORT", "LDAPW1_PORT", "LDAPS2_PORT", "LDAP_CA", "LDAP_WRONG_CA",
              "LDAP_BASE", "LDAP_WRITER_DN", "LDAP_WRITER_PW", "SLAPD1_CTL"})
            QVERIFY2(!env(key).isEmpty(), key);

        QString error;
        QVERIFY2(m_daemon.start(&error), qPrintable(error));
        // Every lookup below goes to a server: the failover checks must not be answered by the cache.
        QCOMPARE(ctl({u"misc"_s, u"set"_s, u"directory.cacheTtlSeconds"_s, u"0"_s}).exitCode, 0);
        QCOMPARE(ctl({u"misc"_s, u"set"_s, u"directory.negativeCacheTtlSeconds"_s, u"0"_s}).exitCode, 0);

        // The CA certificate goes into the instance's Certificates folder; the setting names the file.
        const QString certs = m_daemon.paths().instanceDir(kId) + u"/Certificates"_s;
        QVERIFY(QDir().mkpath(certs));
        QVERIFY(QFile::copy(env("LDAP_CA"), certs + u"/ldap-ca.pem"_s));
        QVERIFY(QFile::copy(env("LDAP_WRONG_CA"), certs + u"/other-ca.pem"_s));

        const QString base = env("LDAP_BASE");
        // Three base DNs, searched in order (4.2.3.3).
        QVERIFY(set(u"ldap.baseDn.entries"_s, uR"(["ou=sales,%1","ou=support,%1","ou=fax,%1"])"_s.arg(base)));
        QVERIFY(set(u"ldap.connection.servers"_s,
                    serversJson(u"127.0.0.1"_s, env("LDAP1_PORT"), u"startTls"_s, env("LDAPS2_PORT"))));
        QVERIFY(set(u"ldap.connection.caCertificate"_s, u"ldap-ca.pem"_s));
        QVERIFY(set(u"ldap.connection.writePort"_s, env("LDAPW1_PORT")));
        QVERIFY(set(u"ldap.registrationData.bindDn"_s, env("LDAP_WRITER_DN")));
        // The password travels on stdin, never on the command line, and lands in the secret store.
        const CtlResult pw = ctl({u"config"_s, u"set"_s, kId, u"ldap.registrationData.password"_s, u"-"_s},
                                 env("LDAP_WRITER_PW").toUtf8() + '\n');
        QVERIFY2(pw.exitCode == 0, qPrintable(pw.err));
        QVERIFY(set(u"ldap.search.umsAttribute"_s, u"umsUserData"_s));
        QVERIFY(set(u"ldap.userManagement.type"_s, u"openLdap"_s));

        QFile config(m_daemon.paths().instanceDir(kId) + u"/instance.json"_s);
        QVERIFY(config.open(QIODevice::ReadOnly));
        QVERIFY(!config.readAll().contains(env("LDAP_WRITER_PW").toUtf8()));
    }

    void lookupThroughTheEngine()
    {
        // The user management type's template (OpenLDAP) applies, since none was typed.
        QJsonObject r = lookupNumber(u"+49 (30) 1234-568"_s);
        QVERIFY2(r.value(u"error"_s).toString().isEmpty(), qPrintable(r.value(u"error"_s).toString()));
        QCOMPARE(r.value(u"server"_s).toString(), server("LDAP1_PORT"));
        QVERIFY(r.value(u"filter"_s).toString().contains(u"otherFacsimileTelephoneNumber=+49 30 1234568"_s));
        QCOMPARE(addresses(r), QStringList{u"anna.schmidt@example.com"_s});

        // Two users with one number: both receive the message.
        r = lookupNumber(u"+49301234590"_s);
        QCOMPARE(addresses(r), (QStringList{u"carla.rossi@example.com"_s, u"dieter.braun@example.com"_s}));
        // No mail attribute: the primary SMTP: proxy address.
        QCOMPARE(addresses(lookupNumber(u"+49 30 1234570"_s)), QStringList{u"Bernd.Keller@example.com"_s});

        // The sender by a secondary proxy address, case-insensitive.
        r = jsonCtl({u"directory"_s, u"lookup"_s, kId, u"--sender"_s, u"ANNA@Example.COM"_s});
        QCOMPARE(addresses(r), QStringList{u"anna.schmidt@example.com"_s});

        // Non-ASCII names come back intact through RPC and the CLI.
        r = lookupNumber(u"+49 30 1234580"_s);
        QCOMPARE(addresses(r), QStringList{u"juergen.mueller@example.com"_s});
        const QJsonObject user =
            jsonCtl({u"user"_s, u"get"_s, kId, u"uid=juergen.mueller,ou=support,%1"_s.arg(env("LDAP_BASE"))});
        QVERIFY2(QJsonDocument(user).toJson().contains("J\xc3\xbcrgen M\xc3\xbcller"),
                 QJsonDocument(user).toJson().constData());
        const CtlResult text = ctl({u"directory"_s, u"lookup"_s, kId, u"--number"_s, u"+49 30 1234580"_s});
        QVERIFY2(text.exitCode == 0 && text.out.contains(u"address: juergen.mueller@example.com"_s),
                 qPrintable(text.out + text.err));
    }

    // Routing through real slapd: an SMS to a number two users share reaches both, in the local
    // message store (the default), written by umgatectl inject the way the kernel does.
    void messageReachesTheUsersFoundInLdap()
    {
        const QString marker = u"ldap-route-%1"_s.arg(QDateTime::currentMSecsSinceEpoch());
        const CtlResult r = ctl({u"inject"_s, kId, u"--type"_s, u"sms"_s, u"--calling"_s, u"+49 89 5550100"_s,
                                 u"--called"_s, u"+49 (30) 1234-590"_s, u"--text"_s, marker});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        const QString store = m_daemon.paths().instanceDir(kId) + u"/Maildir/"_s;
        const auto delivered = [&](const QString& address) {
            const QDir box(store + address + u"/new"_s);
            for (const QString& name : box.entryList(QDir::Files)) {
                QFile f(box.filePath(name));
                if (f.open(QIODevice::ReadOnly) && f.readAll().contains(marker.toUtf8())) return true;
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(delivered(u"carla.rossi@example.com"_s), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(delivered(u"dieter.braun@example.com"_s), 5000);
    }

    void injectionFindsNothing()
    {
        for (const QString& sender :
             {u"*)(mail=*"_s, u"*"_s, u"anna@example.com)(|(uid=*"_s, u"\\2a@example.com"_s}) {
            const QJsonObject r = jsonCtl({u"directory"_s, u"lookup"_s, kId, u"--sender"_s, sender});
            QVERIFY2(r.value(u"entries"_s).toArray().isEmpty(), qPrintable(sender));
        }
        const QJsonObject r = lookupNumber(u"*)(uid=*"_s);
        QVERIFY(r.value(u"entries"_s).toArray().isEmpty());
        QVERIFY(!r.value(u"error"_s).toString().isEmpty()); // not a number: said so, nothing searched
    }

    void userSettingsGoThroughTheWritePort()
    {
        const QString anna = u"uid=anna.schmidt,ou=sales,%1"_s.arg(env("LDAP_BASE"));
        const CtlResult r = ctl({u"user"_s, u"set"_s, kId, anna, u"faxPermission"_s, u"local"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        const QJsonObject got = jsonCtl({u"user"_s, u"get"_s, kId, anna});
        QCOMPARE(got.value(u"settings"_s).toObject().value(u"faxPermission"_s).toString(), u"local"_s);
    }

    void failoverAndReturn()
    {
        QCOMPARE(lookupNumber(u"+49 30 1234568"_s).value(u"server"_s).toString(), server("LDAP1_PORT"));
        const QString ctlScript = env("SLAPD1_CTL");
        QCOMPARE(QProcess::execute(ctlScript, {u"stop"_s}), 0);
        auto restart = qScopeGuard([&] { QProcess::execute(ctlScript, {u"start"_s}); });

        // Lookups continue on server 2 within 2 s of server 1 going away.
        QElapsedTimer t;
        t.start();
        QJsonObject r;
        for (int i = 0; i < 40 && t.elapsed() < 10000; ++i) {
            r = lookupNumber(u"+49 30 1234568"_s);
            if (!addresses(r).isEmpty()) break;
        }
        QVERIFY2(t.elapsed() < 2000, qPrintable(u"failover took %1 ms"_s.arg(t.elapsed())));
        QCOMPARE(r.value(u"server"_s).toString(), server("LDAPS2_PORT", "ldaps"));
        QCOMPARE(addresses(r), QStringList{u"anna.schmidt@example.com"_s});

        // Server 1 back: the background probe returns traffic to it.
        QCOMPARE(QProcess::execute(ctlScript, {u"start"_s}), 0);
        restart.dismiss();
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         return lookupNumber(u"+49 30 1234568"_s).value(u"server"_s).toString() ==
                                server("LDAP1_PORT");
                     },
                     15000),
                 "traffic did not return to server 1");
    }

    // Each misconfiguration gives its own error at its own step in `directory test`.
    void directoryTestNamesTheFailedStep()
    {
        const QJsonObject ok = jsonCtl({u"directory"_s, u"test"_s, kId});
        for (const auto& v : ok.value(u"servers"_s).toArray())
            QVERIFY2(v.toObject().value(u"ok"_s).toBool(), QJsonDocument(ok).toJson().constData());

        const QString good =
            serversJson(u"127.0.0.1"_s, env("LDAP1_PORT"), u"startTls"_s, env("LDAPS2_PORT"));
        const QString base = env("LDAP_BASE");

        QVERIFY(ctl({u"config"_s, u"set"_s, kId, u"ldap.registrationData.password"_s, u"-"_s}, "wrong\n")
                    .exitCode == 0);
        QString f = firstFailure();
        QVERIFY2(f.startsWith(u"bind: "_s) && f.contains(u"Invalid credentials"_s), qPrintable(f));
        QVERIFY(ctl({u"config"_s, u"set"_s, kId, u"ldap.registrationData.password"_s, u"-"_s},
                    env("LDAP_WRITER_PW").toUtf8())
                    .exitCode == 0);

        QVERIFY(set(u"ldap.baseDn.entries"_s, uR"(["ou=nowhere,%1"])"_s.arg(base)));
        f = firstFailure();
        QVERIFY2(f.startsWith(u"baseDn"_s) && f.contains(u"ou=nowhere"_s), qPrintable(f));
        QVERIFY(set(u"ldap.baseDn.entries"_s, uR"(["%1"])"_s.arg(base)));

        QVERIFY(set(u"ldap.connection.caCertificate"_s, u"other-ca.pem"_s));
        f = firstFailure();
        QVERIFY2(f.startsWith(u"tls: "_s), qPrintable(f));
        // "Accept invalid certificate" connects anyway; the administrator chose it.
        QVERIFY(set(u"ldap.connection.acceptInvalidCertificate"_s, u"true"_s));
        QVERIFY2(firstFailure().isEmpty(), qPrintable(firstFailure()));
        QVERIFY(set(u"ldap.connection.acceptInvalidCertificate"_s, u"false"_s));
        QVERIFY(set(u"ldap.connection.caCertificate"_s, u"ldap-ca.pem"_s));

        const quint16 closed = UmgatedProcess::freePort();
        QVERIFY(set(u"ldap.connection.servers"_s,
                    serversJson(u"127.0.0.1"_s, QString::number(closed), u"none"_s, env("LDAPS2_PORT"))));
        f = firstFailure();
        QVERIFY2(f.startsWith(u"connect: "_s), qPrintable(f));
        // The lookup itself still succeeds on server 2.
        QCOMPARE(addresses(lookupNumber(u"+49 30 1234568"_s)), QStringList{u"anna.schmidt@example.com"_s});

        QVERIFY(set(u"ldap.connection.servers"_s, good));
        QVERIFY2(firstFailure().isEmpty(), qPrintable(firstFailure()));

        // The text form says which step failed, for a ticket.
        QVERIFY(ctl({u"config"_s, u"set"_s, kId, u"ldap.registrationData.password"_s, u"-"_s}, "wrong\n")
                    .exitCode == 0);
        const CtlResult text = ctl({u"directory"_s, u"test"_s, kId});
        QVERIFY2(text.out.contains(u"FAIL bind"_s), qPrintable(text.out + text.err));
        QCOMPARE(text.exitCode, 1); // a failed server is a failed test, for scripts too
    }

    void cleanupTestCase() { m_daemon.stop(); }
};

QTEST_GUILESS_MAIN(TstDirectoryLdap)
#include "tst_directory_ldap.moc"
