// SPDX-License-Identifier: GPL-3.0-or-later
// LdapClient against the "slapd" CTest fixture (tests/fixtures/slapd.sh): two real slapd servers
// with the seed of tests/fixtures/ldap/seed.ldif, StartTLS and LDAPS with the fixture's CA.
#include "engine/directory/LdapClient.h"
#include "tests/ProcessStop.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHostInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>
#include <csignal>
#include <memory>

using namespace umgate;
using namespace Qt::StringLiterals;

namespace {

struct SearchOutcome
{
    bool called = false;
    DirectorySearchResult result;
};

struct DoneOutcome
{
    bool called = false;
    DirectoryError error = DirectoryError::Other;
    QString text;
};

struct TestOutcome
{
    bool called = false;
    QList<DirectoryServerTest> servers;
};

constexpr int kWaitMs = 15000; // upper bound for any single answer; every wait below is bounded

std::shared_ptr<SearchOutcome> startSearch(LdapClient& client, const QString& filter,
                                           const QStringList& attributes = {})
{
    auto out = std::make_shared<SearchOutcome>();
    client.search(filter, attributes, [out](const DirectorySearchResult& r) {
        out->called = true;
        out->result = r;
    });
    return out;
}

// Runs the event loop until `flag` is set or kWaitMs passed.
bool waitFor(const bool& flag, int ms = kWaitMs)
{
    QElapsedTimer t;
    t.start();
    while (!flag && t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    return flag;
}

DirectorySearchResult searchNow(LdapClient& client, const QString& filter, const QStringList& attributes = {})
{
    auto out = startSearch(client, filter, attributes);
    if (out->called) { // never inside the call
        DirectorySearchResult r;
        r.error = DirectoryError::Other;
        r.errorText = u"callback ran inside search()"_s;
        return r;
    }
    if (!waitFor(out->called)) {
        DirectorySearchResult r;
        r.error = DirectoryError::Other;
        r.errorText = u"no answer within %1 ms"_s.arg(kWaitMs);
        return r;
    }
    return out->result;
}

std::shared_ptr<DoneOutcome> replaceNow(LdapClient& client, const QString& dn, const QString& attribute,
                                        const QStringList& values)
{
    auto out = std::make_shared<DoneOutcome>();
    client.replaceAttribute(dn, attribute, values, [out](DirectoryError error, const QString& text) {
        out->called = true;
        out->error = error;
        out->text = text;
    });
    const bool inside = out->called;
    waitFor(out->called);
    if (inside) out->text = u"callback ran inside replaceAttribute()"_s;
    return out;
}

std::shared_ptr<TestOutcome> testNow(LdapClient& client)
{
    auto out = std::make_shared<TestOutcome>();
    client.test([out](const QList<DirectoryServerTest>& servers) {
        out->called = true;
        out->servers = servers;
    });
    waitFor(out->called, 4 * kWaitMs);
    return out;
}

QString describe(const DirectoryServerTest& t)
{
    QStringList parts;
    for (const DirectoryTestStep& s : t.steps)
        parts << u"%1=%2 (%3)"_s.arg(s.step, s.ok ? u"ok"_s : u"FAILED"_s, s.detail);
    return t.server + u": "_s + parts.join(u"; "_s);
}

QStringList stepNames(const DirectoryServerTest& t)
{
    QStringList names;
    for (const DirectoryTestStep& s : t.steps)
        names << s.step;
    return names;
}

QStringList dnsOf(const DirectorySearchResult& r)
{
    QStringList dns;
    for (const DirectoryEntry& e : r.entries)
        dns << e.dn;
    return dns;
}

// A TCP port on 127.0.0.1 with nothing listening (there is a tiny race with other processes).
int closedPort()
{
    QTcpServer s;
    if (!s.listen(QHostAddress::LocalHost, 0)) return 1;
    const int port = s.serverPort();
    s.close();
    return port;
}

bool runScript(const QString& script, const QString& action)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedChannels);
    p.start(script, {action});
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished(5000);
        return false;
    }
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

} // namespace

class TstLdapClient : public QObject
{
    Q_OBJECT
private:
    QHash<QString, QString> m_env;
    QString m_base;

    QString env(const char* key) const { return m_env.value(QString::fromLatin1(key)); }
    int port(const char* key) const { return env(key).toInt(); }

    static LdapServerConfig server(int port,
                                   LdapServerConfig::Security security = LdapServerConfig::Security::None,
                                   const QString& host = u"127.0.0.1"_s)
    {
        LdapServerConfig s;
        s.host = host;
        s.port = port;
        s.security = security;
        return s;
    }

    // One server, bound as the reader, searching the whole suffix.
    LdapClientConfig config(const LdapServerConfig& s) const
    {
        LdapClientConfig c;
        c.servers = {s};
        c.bindDn = env("LDAP_READER_DN");
        c.password = env("LDAP_READER_PW");
        c.baseDns = {m_base};
        c.caCertificateFile = env("LDAP_CA");
        c.timeoutMs = 3000;
        c.probeIntervalMs = 200;
        return c;
    }

    QString uri(const char* portKey, const char* scheme = "ldap") const
    {
        return u"%1://127.0.0.1:%2"_s.arg(QString::fromLatin1(scheme)).arg(port(portKey));
    }

private slots:
    void initTestCase()
    {
        const QString fixtureDir = qEnvironmentVariable("UMGATE_FIXTURE_DIR");
        QVERIFY2(!fixtureDir.isEmpty(), "UMGATE_FIXTURE_DIR is not set: run this test through ctest");
        const QString envFile = fixtureDir + u"/slapd/slapd.env"_s;
        QFile f(envFile);
        QVERIFY2(
            f.open(QIODevice::ReadOnly),
            qPrintable(u"%1: %2 (did the fixture_slapd_start test run?)"_s.arg(envFile, f.errorString())));
        for (const QByteArray& raw : f.readAll().split('\n')) {
            const QByteArray line = raw.trimmed();
            const qsizetype eq = line.indexOf('=');
            if (line.isEmpty() || eq <= 0) continue;
            m_env.insert(QString::fromUtf8(line.left(eq)), QString::fromUtf8(line.mid(eq + 1)));
        }
        for (const char* key : {"LDAP1_PORT", "LDAPS1_PORT", "LDAPW1_PORT", "LDAP2_PORT", "LDAP_CA",
                                "LDAP_WRONG_CA", "LDAP_BASE", "LDAP_ROOTDN", "LDAP_ROOTPW", "LDAP_READER_DN",
                                "LDAP_READER_PW", "LDAP_WRITER_DN", "LDAP_WRITER_PW", "SLAPD1_CTL"})
            QVERIFY2(!env(key).isEmpty(), key);
        m_base = env("LDAP_BASE");
    }

    void searchByFaxNumber()
    {
        LdapClient client;
        client.setConfig(config(server(port("LDAP1_PORT"))));
        QCOMPARE(client.activeServer(), uri("LDAP1_PORT"));

        auto r = searchNow(client, u"(otherFacsimileTelephoneNumber=+49 30 1234568)"_s,
                           {u"mail"_s, u"proxyAddresses"_s, u"otherFacsimileTelephoneNumber"_s});
        QVERIFY2(r.ok(), qPrintable(r.errorText));
        QCOMPARE(r.server, uri("LDAP1_PORT"));
        QCOMPARE(dnsOf(r), QStringList{u"uid=anna.schmidt,ou=sales,dc=example,dc=com"_s});
        const DirectoryEntry& anna = r.entries.first();
        QCOMPARE(anna.value(u"MAIL"_s), u"anna.schmidt@example.com"_s);
        QCOMPARE(anna.values(u"proxyaddresses"_s),
                 (QStringList{u"SMTP:anna.schmidt@example.com"_s, u"smtp:anna@example.com"_s,
                              u"IXI:+49301234568"_s}));
        QVERIFY(!anna.attributes.contains(u"sn"_s)); // only what was asked for
        QVERIFY(r.elapsedUs > 0);

        // telephoneNumberMatch ignores spaces: the other spelling finds the same user.
        r = searchNow(client, u"(otherFacsimileTelephoneNumber=+49301234568)"_s, {u"mail"_s});
        QVERIFY2(r.ok(), qPrintable(r.errorText));
        QCOMPARE(dnsOf(r), QStringList{u"uid=anna.schmidt,ou=sales,dc=example,dc=com"_s});

        // Two users share one number: both come back.
        r = searchNow(client, u"(otherFacsimileTelephoneNumber=+49 30 1234590)"_s, {u"mail"_s});
        QVERIFY2(r.ok(), qPrintable(r.errorText));
        QStringList dns = dnsOf(r);
        dns.sort();
        QCOMPARE(dns, (QStringList{u"uid=carla.rossi,ou=support,dc=example,dc=com"_s,
                                   u"uid=dieter.braun,ou=support,dc=example,dc=com"_s}));

        // No match is a successful, empty answer.
        r = searchNow(client, u"(otherFacsimileTelephoneNumber=+1 555 0000000)"_s);
        QVERIFY2(r.ok(), qPrintable(r.errorText));
        QVERIFY(r.entries.isEmpty());

        // No attribute list: all user attributes.
        r = searchNow(client, u"(proxyAddresses=IXI:+49 40 5550100)"_s);
        QVERIFY2(r.ok(), qPrintable(r.errorText));
        QCOMPARE(r.entries.size(), 1);
        QCOMPARE(r.entries.first().value(u"uid"_s), u"frank.ott"_s);
        QCOMPARE(r.entries.first().value(u"sn"_s), u"Ott"_s);
    }

    void nonAsciiIntact()
    {
        LdapClient client;
        client.setConfig(config(server(port("LDAP1_PORT"))));
        auto r = searchNow(client, u"(uid=juergen.mueller)"_s, {u"cn"_s, u"sn"_s});
        QVERIFY2(r.ok(), qPrintable(r.errorText));
        QCOMPARE(r.entries.size(), 1);
        QCOMPARE(r.entries.first().value(u"cn"_s), u"Jürgen Müller"_s);
        QCOMPARE(r.entries.first().value(u"sn"_s), u"Müller"_s);

        // ... and a non-ASCII filter value travels as UTF-8.
        r = searchNow(client, u"(cn=Jürgen Müller)"_s, {u"uid"_s});
        QVERIFY2(r.ok(), qPrintable(r.errorText));
        QCOMPARE(dnsOf(r), QStringList{u"uid=juergen.mueller,ou=support,dc=example,dc=com"_s});
    }

    void threeBaseDnsInOrder()
    {
        LdapClient client;
        LdapClientConfig c = config(server(port("LDAP1_PORT")));
        const QStringList ous = {u"ou=fax,"_s + m_base, u"ou=sales,"_s + m_base, u"ou=support,"_s + m_base};
        c.baseDns = ous;
        client.setConfig(c);
        auto r = searchNow(client, u"(objectClass=inetOrgPerson)"_s, {u"uid"_s});
        QVERIFY2(r.ok(), qPrintable(r.errorText));
        QCOMPARE(r.entries.size(), 7);
        int lastOu = 0;
        for (const DirectoryEntry& e : r.entries) {
            int ou = -1;
            for (int i = 0; i < ous.size(); ++i)
                if (e.dn.endsWith(ous[i])) ou = i;
            QVERIFY2(ou >= lastOu, qPrintable(dnsOf(r).join(u" | "_s)));
            lastOu = ou;
        }
        QCOMPARE(lastOu, 2);

        // An overlapping base DN adds nothing twice.
        c.baseDns = ous + QStringList{m_base};
        client.setConfig(c);
        r = searchNow(client, u"(objectClass=inetOrgPerson)"_s, {u"uid"_s});
        QVERIFY2(r.ok(), qPrintable(r.errorText));
        QCOMPARE(r.entries.size(), 7);
    }

    void startTlsAndLdaps()
    {
        LdapClient client;
        client.setConfig(config(server(port("LDAP1_PORT"), LdapServerConfig::Security::StartTls)));
        auto r = searchNow(client, u"(uid=anna.schmidt)"_s, {u"mail"_s});
        QVERIFY2(r.ok(), qPrintable(r.errorText));
        QCOMPARE(r.entries.size(), 1);

        client.setConfig(config(server(port("LDAPS1_PORT"), LdapServerConfig::Security::Ldaps)));
        QCOMPARE(client.activeServer(), uri("LDAPS1_PORT", "ldaps"));
        r = searchNow(client, u"(uid=anna.schmidt)"_s, {u"mail"_s});
        QVERIFY2(r.ok(), qPrintable(r.errorText));
        QCOMPARE(r.server, uri("LDAPS1_PORT", "ldaps"));
        QCOMPARE(r.entries.size(), 1);
    }

    void errorsAreDistinct_data()
    {
        QTest::addColumn<QString>("what");
        QTest::addColumn<int>("expected");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("wrong password")
            << u"password"_s << int(DirectoryError::Bind) << u"Invalid credentials"_s;
        QTest::newRow("wrong base DN") << u"base"_s << int(DirectoryError::BaseDn) << u"ou=nowhere"_s;
        QTest::newRow("unreachable") << u"closed"_s << int(DirectoryError::Connect) << u"connect"_s;
        QTest::newRow("wrong CA, ldaps") << u"ldapsWrongCa"_s << int(DirectoryError::Tls) << u"TLS"_s;
        QTest::newRow("wrong CA, StartTLS")
            << u"startTlsWrongCa"_s << int(DirectoryError::Tls) << u"StartTLS"_s;
        QTest::newRow("bad filter") << u"filter"_s << int(DirectoryError::Filter) << u"filter"_s;
        QTest::newRow("missing CA file") << u"noCaFile"_s << int(DirectoryError::Tls) << u"cannot be read"_s;
    }

    void errorsAreDistinct()
    {
        QFETCH(QString, what);
        QFETCH(int, expected);
        QFETCH(QString, mentions);
        LdapClientConfig c = config(server(port("LDAP1_PORT")));
        QString filter = u"(uid=anna.schmidt)"_s;
        QString where = uri("LDAP1_PORT");
        if (what == "password"_L1) {
            c.password = u"wrong"_s;
        } else if (what == "base"_L1) {
            c.baseDns = {m_base, u"ou=nowhere,"_s + m_base};
        } else if (what == "closed"_L1) {
            c.servers = {server(closedPort())};
            where = u"ldap://127.0.0.1:%1"_s.arg(c.servers.first().port);
        } else if (what == "ldapsWrongCa"_L1) {
            c.servers = {server(port("LDAPS1_PORT"), LdapServerConfig::Security::Ldaps)};
            c.caCertificateFile = env("LDAP_WRONG_CA");
            where = uri("LDAPS1_PORT", "ldaps");
        } else if (what == "startTlsWrongCa"_L1) {
            c.servers = {server(port("LDAP1_PORT"), LdapServerConfig::Security::StartTls)};
            c.caCertificateFile = env("LDAP_WRONG_CA");
        } else if (what == "filter"_L1) {
            filter = u"(uid=anna"_s;
        } else if (what == "noCaFile"_L1) {
            c.servers = {server(port("LDAPS1_PORT"), LdapServerConfig::Security::Ldaps)};
            c.caCertificateFile = u"/nonexistent/ca.pem"_s;
            where = uri("LDAPS1_PORT", "ldaps");
        }
        LdapClient client;
        client.setConfig(c);
        const auto r = searchNow(client, filter, {u"mail"_s});
        qInfo("%s", qPrintable(r.errorText)); // the message an administrator would read
        QVERIFY2(int(r.error) == expected,
                 qPrintable(u"%1: %2"_s.arg(directoryErrorName(r.error), r.errorText)));
        QVERIFY2(r.errorText.startsWith(where + u": "_s), qPrintable(r.errorText));
        QVERIFY2(r.errorText.contains(mentions, Qt::CaseInsensitive), qPrintable(r.errorText));
        QVERIFY(r.entries.isEmpty());
        if (what == "password"_L1)
            QVERIFY2(r.errorText.contains(u"bind as "_s + env("LDAP_READER_DN")), qPrintable(r.errorText));
    }

    void hostnameMismatchIsTls()
    {
        // libldap checks a certificate for "localhost" against the machine's host name, which the
        // fixture's certificate does not carry: a genuine name mismatch.
        if (QHostInfo::localHostName() == "localhost"_L1) QSKIP("this machine is called localhost");
        LdapClientConfig c =
            config(server(port("LDAPS1_PORT"), LdapServerConfig::Security::Ldaps, u"localhost"_s));
        LdapClient client;
        client.setConfig(c);
        auto r = searchNow(client, u"(uid=anna.schmidt)"_s, {u"mail"_s});
        qInfo("%s", qPrintable(r.errorText));
        QVERIFY2(r.error == DirectoryError::Tls, qPrintable(r.errorText));

        // acceptInvalidCertificate skips the name check too.
        c.acceptInvalidCertificate = true;
        client.setConfig(c);
        r = searchNow(client, u"(uid=anna.schmidt)"_s, {u"mail"_s});
        QVERIFY2(r.ok(), qPrintable(r.errorText));
    }

    void acceptInvalidCertificateWithWrongCa()
    {
        for (const auto& s : {server(port("LDAPS1_PORT"), LdapServerConfig::Security::Ldaps),
                              server(port("LDAP1_PORT"), LdapServerConfig::Security::StartTls)}) {
            LdapClientConfig c = config(s);
            c.caCertificateFile = env("LDAP_WRONG_CA");
            c.acceptInvalidCertificate = true;
            LdapClient client;
            client.setConfig(c);
            const auto r = searchNow(client, u"(uid=anna.schmidt)"_s, {u"mail"_s});
            QVERIFY2(r.ok(), qPrintable(r.errorText));
            QCOMPARE(r.entries.size(), 1);
            const auto t = testNow(client);
            QVERIFY(t->called);
            QCOMPARE(t->servers.size(), 1);
            QVERIFY2(t->servers.first().ok(), qPrintable(describe(t->servers.first())));
            QVERIFY2(t->servers.first().steps.at(1).detail.contains(u"NOT verified"_s),
                     qPrintable(describe(t->servers.first())));
        }
    }

    void anonymousBind()
    {
        LdapClientConfig c = config(server(port("LDAP1_PORT")));
        c.bindDn.clear();
        c.password.clear();
        LdapClient client;
        client.setConfig(c);
        const auto r = searchNow(client, u"(uid=bernd.keller)"_s, {u"proxyAddresses"_s});
        QVERIFY2(r.ok(), qPrintable(r.errorText));
        QCOMPARE(r.entries.size(), 1);
    }

    void noServerOrBaseDn()
    {
        LdapClient client;
        auto r = searchNow(client, u"(uid=x)"_s);
        QCOMPARE(r.error, DirectoryError::Other);
        QVERIFY(client.activeServer().isEmpty());
        LdapClientConfig c = config(server(port("LDAP1_PORT")));
        c.baseDns.clear();
        client.setConfig(c);
        r = searchNow(client, u"(uid=x)"_s);
        QCOMPARE(r.error, DirectoryError::BaseDn);
    }

    // A server that accepts TCP connections and never answers: bounded by timeoutMs, and the
    // next server takes over.
    void silentServerTimesOut()
    {
        QTcpServer silent;
        QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
        LdapClientConfig c = config(server(silent.serverPort()));
        c.timeoutMs = 300;
        LdapClient client;
        client.setConfig(c);
        auto r = searchNow(client, u"(uid=anna.schmidt)"_s);
        qInfo("%s", qPrintable(r.errorText));
        QVERIFY2(r.error == DirectoryError::Timeout, qPrintable(r.errorText));

        c.servers.append(server(port("LDAP1_PORT")));
        client.setConfig(c);
        QSignalSpy spy(&client, &LdapClient::activeServerChanged);
        r = searchNow(client, u"(uid=anna.schmidt)"_s);
        QVERIFY2(r.ok(), qPrintable(r.errorText));
        QCOMPARE(r.server, uri("LDAP1_PORT"));
        QTRY_COMPARE_WITH_TIMEOUT(client.activeServer(), uri("LDAP1_PORT"), kWaitMs);
        QVERIFY(!spy.isEmpty());
    }

    void failover()
    {
        const QString uri1 = uri("LDAP1_PORT");
        const QString uri2 = uri("LDAP2_PORT");
        LdapClientConfig c = config(server(port("LDAP1_PORT")));
        c.servers.append(server(port("LDAP2_PORT")));
        c.timeoutMs = 2000;
        c.probeIntervalMs = 200;
        LdapClient client;
        client.setConfig(c);
        QSignalSpy spy(&client, &LdapClient::activeServerChanged);

        auto r = searchNow(client, u"(uid=anna.schmidt)"_s, {u"mail"_s});
        QVERIFY2(r.ok(), qPrintable(r.errorText));
        QCOMPARE(r.server, uri1);
        QCOMPARE(client.activeServer(), uri1);

        // Whatever happens below, server 1 runs again afterwards.
        const QString ctl = env("SLAPD1_CTL");
        auto restart = qScopeGuard([ctl] { runScript(ctl, u"start"_s); });
        QVERIFY(runScript(ctl, u"stop"_s));

        // The open connection to server 1 is dead; the same request succeeds on server 2.
        QElapsedTimer t;
        t.start();
        r = searchNow(client, u"(uid=anna.schmidt)"_s, {u"mail"_s});
        const qint64 ms = t.elapsed();
        QVERIFY2(r.ok(), qPrintable(r.errorText));
        QCOMPARE(r.server, uri2);
        QCOMPARE(r.entries.size(), 1);
        QVERIFY2(ms < 2000, qPrintable(u"failover answer took %1 ms"_s.arg(ms)));
        QTRY_COMPARE_WITH_TIMEOUT(client.activeServer(), uri2, kWaitMs);
        QCOMPARE(spy.last().first().toString(), uri2);

        // Several requests in a row keep working while server 1 is down.
        for (int i = 0; i < 5; ++i) {
            r = searchNow(client, u"(uid=bernd.keller)"_s, {u"uid"_s});
            QVERIFY2(r.ok(), qPrintable(r.errorText));
            QCOMPARE(r.server, uri2);
        }

        // Server 1 is back: the background probe returns to it.
        QVERIFY(runScript(ctl, u"start"_s));
        QTRY_COMPARE_WITH_TIMEOUT(client.activeServer(), uri1, 10000);
        QCOMPARE(spy.last().first().toString(), uri1);
        r = searchNow(client, u"(uid=anna.schmidt)"_s, {u"mail"_s});
        QVERIFY2(r.ok(), qPrintable(r.errorText));
        QCOMPARE(r.server, uri1);
    }

    // Searches run on the client's own connection once a server answered. When that server stops
    // answering without closing the connection, the search still ends within the timeout: the
    // connection gives it back to the worker, which fails over to the next server.
    void silentServerAfterHandOver()
    {
        LdapClientConfig c = config(server(port("LDAP1_PORT")));
        c.servers.append(server(port("LDAP2_PORT")));
        c.timeoutMs = 1000;
        c.probeIntervalMs = 60000; // no probe back to server 1 while this runs
        LdapClient client;
        client.setConfig(c);
        for (int i = 0; i < 3; ++i) {
            const auto r = searchNow(client, u"(uid=anna.schmidt)"_s, {u"mail"_s});
            QVERIFY2(r.ok(), qPrintable(r.errorText));
            QCOMPARE(r.server, uri("LDAP1_PORT"));
        }

        QFile pidFile(env("SLAPD1_PIDFILE"));
        QVERIFY(pidFile.open(QIODevice::ReadOnly));
        const pid_t pid = pid_t(pidFile.readAll().trimmed().toInt());
        QVERIFY(pid > 0);
        QVERIFY(!test::allThreadsStopped(pid));
        auto resume = qScopeGuard([pid] { ::kill(pid, SIGCONT); });
        // Until every slapd thread has stopped, one still running answers (a CI run saw server 1
        // answer in 0 ms right after kill()).
        QVERIFY(test::stopProcess(pid));

        QElapsedTimer t;
        t.start();
        const auto r = searchNow(client, u"(uid=anna.schmidt)"_s, {u"mail"_s});
        const qint64 ms = t.elapsed();
        QVERIFY2(r.ok(), qPrintable(r.errorText));
        QCOMPARE(r.server, uri("LDAP2_PORT"));
        // One timeout on the silent connection, one for the worker's new attempt at server 1.
        QVERIFY2(ms < qint64{4} * c.timeoutMs, qPrintable(u"the answer took %1 ms"_s.arg(ms)));
        QTRY_COMPARE_WITH_TIMEOUT(client.activeServer(), uri("LDAP2_PORT"), kWaitMs);
    }

    // Both servers down: the request fails (naming both), and comes back once one answers.
    void allServersDown()
    {
        LdapClientConfig c = config(server(closedPort()));
        c.servers.append(server(closedPort()));
        LdapClient client;
        client.setConfig(c);
        const auto r = searchNow(client, u"(uid=anna.schmidt)"_s);
        qInfo("%s", qPrintable(r.errorText));
        QCOMPARE(r.error, DirectoryError::Connect);
        QCOMPARE(r.errorText.count(u"connect to"_s), 2);
    }

    void replaceAttributeViaWritePort()
    {
        const QString dn = u"uid=frank.ott,ou=fax,"_s + m_base;
        LdapClientConfig c = config(server(port("LDAP1_PORT")));
        c.writePort = port("LDAPW1_PORT");
        c.bindDn = env("LDAP_ROOTDN");
        c.password = env("LDAP_ROOTPW");
        LdapClient client;
        client.setConfig(c);
        auto w = replaceNow(client, dn, u"umsUserData"_s, {u"root-wrote-this ä"_s});
        QVERIFY(w->called);
        QVERIFY2(w->error == DirectoryError::None, qPrintable(w->text));
        auto r = searchNow(client, u"(uid=frank.ott)"_s, {u"umsUserData"_s});
        QVERIFY2(r.ok(), qPrintable(r.errorText));
        QCOMPARE(r.entries.first().value(u"umsUserData"_s), u"root-wrote-this ä"_s);

        // The writer may write only through the write listener (fixture ACL): proof that writes
        // really go to writePort, and that a refused write is a Write error.
        c.bindDn = env("LDAP_WRITER_DN");
        c.password = env("LDAP_WRITER_PW");
        client.setConfig(c);
        w = replaceNow(client, dn, u"umsUserData"_s, {u"writer-wrote-this"_s});
        QVERIFY2(w->error == DirectoryError::None, qPrintable(w->text));
        r = searchNow(client, u"(uid=frank.ott)"_s, {u"umsUserData"_s});
        QCOMPARE(r.entries.first().value(u"umsUserData"_s), u"writer-wrote-this"_s);

        c.writePort = 0;
        client.setConfig(c);
        w = replaceNow(client, dn, u"umsUserData"_s, {u"must-not-arrive"_s});
        QVERIFY(w->called);
        QVERIFY2(w->error == DirectoryError::Write, qPrintable(w->text));
        QVERIFY2(w->text.contains(u"Insufficient access"_s), qPrintable(w->text));
        QVERIFY2(w->text.startsWith(uri("LDAP1_PORT")), qPrintable(w->text));

        // Empty list: the attribute goes away.
        c.writePort = port("LDAPW1_PORT");
        client.setConfig(c);
        w = replaceNow(client, dn, u"umsUserData"_s, {});
        QVERIFY2(w->error == DirectoryError::None, qPrintable(w->text));
        r = searchNow(client, u"(uid=frank.ott)"_s, {u"umsUserData"_s});
        QVERIFY(r.entries.first().values(u"umsUserData"_s).isEmpty());
    }

    void testSteps()
    {
        LdapClientConfig c = config(server(port("LDAP1_PORT"), LdapServerConfig::Security::StartTls));
        c.servers.append(server(port("LDAPS2_PORT"), LdapServerConfig::Security::Ldaps));
        c.baseDns = {m_base, u"ou=sales,"_s + m_base};
        LdapClient client;
        client.setConfig(c);
        auto t = testNow(client);
        QVERIFY(t->called);
        QCOMPARE(t->servers.size(), 2);
        const QStringList all = {u"connect"_s, u"tls"_s, u"bind"_s, u"baseDn "_s + m_base,
                                 u"baseDn ou=sales,"_s + m_base};
        for (const DirectoryServerTest& s : t->servers) {
            qInfo("%s", qPrintable(describe(s)));
            QVERIFY2(s.ok(), qPrintable(describe(s)));
            QCOMPARE(stepNames(s), all);
            QVERIFY2(s.steps.at(1).detail.contains(env("LDAP_CA")), qPrintable(describe(s)));
        }
        QCOMPARE(t->servers.at(0).server, uri("LDAP1_PORT"));
        QCOMPARE(t->servers.at(1).server, uri("LDAPS2_PORT", "ldaps"));

        // Bad servers: each stops at its first failing step.
        const int closed = closedPort();
        c.servers = {server(closed), server(port("LDAPS1_PORT"), LdapServerConfig::Security::Ldaps),
                     server(port("LDAP1_PORT")), server(port("LDAP2_PORT"))};
        c.caCertificateFile = env("LDAP_WRONG_CA");
        c.baseDns = {m_base, u"ou=nowhere,"_s + m_base};
        client.setConfig(c);
        t = testNow(client);
        QVERIFY(t->called);
        QCOMPARE(t->servers.size(), 4);
        for (const DirectoryServerTest& s : t->servers) {
            qInfo("%s", qPrintable(describe(s)));
            QVERIFY2(!s.ok(), qPrintable(describe(s)));
            QVERIFY2(!s.steps.last().detail.isEmpty(), qPrintable(describe(s)));
        }
        QCOMPARE(stepNames(t->servers[0]), QStringList{u"connect"_s});
        QCOMPARE(stepNames(t->servers[1]), (QStringList{u"connect"_s, u"tls"_s}));
        QCOMPARE(stepNames(t->servers[2]), (QStringList{u"connect"_s, u"bind"_s, u"baseDn "_s + m_base,
                                                        u"baseDn ou=nowhere,"_s + m_base}));
        QVERIFY2(t->servers[2].steps.last().detail.contains(u"No such object"_s),
                 qPrintable(describe(t->servers[2])));

        c.password = u"wrong"_s;
        client.setConfig(c);
        t = testNow(client);
        QVERIFY(t->called);
        QCOMPARE(stepNames(t->servers[3]), (QStringList{u"connect"_s, u"bind"_s}));
        QVERIFY2(t->servers[3].steps.last().detail.contains(u"Invalid credentials"_s),
                 qPrintable(describe(t->servers[3])));
    }

    // Many requests at once (sent pipelined on one connection): each gets its own answer.
    void manyConcurrentSearches()
    {
        LdapClient client;
        client.setConfig(config(server(port("LDAP1_PORT"))));
        const QStringList uids = {u"anna.schmidt"_s, u"bernd.keller"_s, u"juergen.mueller"_s,
                                  u"carla.rossi"_s,  u"dieter.braun"_s, u"eva.lang"_s,
                                  u"frank.ott"_s,    u"nobody"_s};
        std::vector<std::shared_ptr<SearchOutcome>> outs;
        outs.reserve(300);
        for (int i = 0; i < 300; ++i)
            outs.push_back(startSearch(client, u"(uid=%1)"_s.arg(uids[i % uids.size()]), {u"uid"_s}));
        QElapsedTimer t;
        t.start();
        for (size_t i = 0; i < outs.size(); ++i) {
            QVERIFY(waitFor(outs[i]->called, int(qMax<qint64>(1, kWaitMs - t.elapsed()))));
            const DirectorySearchResult& r = outs[i]->result;
            QVERIFY2(r.ok(), qPrintable(r.errorText));
            const QString& uid = uids[int(i) % uids.size()];
            if (uid == "nobody"_L1) {
                QVERIFY(r.entries.isEmpty());
            } else {
                QCOMPARE(r.entries.size(), 1);
                QCOMPARE(r.entries.first().value(u"uid"_s), uid);
            }
        }
    }

    // Requests queued before setConfig() finish with the old configuration.
    void setConfigWhileInFlight()
    {
        LdapClient client;
        client.setConfig(config(server(port("LDAP1_PORT"))));
        std::vector<std::shared_ptr<SearchOutcome>> before, after;
        for (int i = 0; i < 20; ++i)
            before.push_back(startSearch(client, u"(uid=eva.lang)"_s, {u"uid"_s}));
        client.setConfig(config(server(port("LDAP2_PORT"))));
        QCOMPARE(client.activeServer(), uri("LDAP2_PORT"));
        for (int i = 0; i < 20; ++i)
            after.push_back(startSearch(client, u"(uid=eva.lang)"_s, {u"uid"_s}));
        for (const auto& o : before) {
            QVERIFY(waitFor(o->called));
            QVERIFY2(o->result.ok(), qPrintable(o->result.errorText));
            QCOMPARE(o->result.server, uri("LDAP1_PORT"));
        }
        for (const auto& o : after) {
            QVERIFY(waitFor(o->called));
            QVERIFY2(o->result.ok(), qPrintable(o->result.errorText));
            QCOMPARE(o->result.server, uri("LDAP2_PORT"));
        }
        QCOMPARE(client.activeServer(), uri("LDAP2_PORT"));
    }

    void destroyWithRequestsInFlight()
    {
        auto calls = std::make_shared<int>(0);
        for (int round = 0; round < 5; ++round) {
            auto* client = new LdapClient;
            LdapClientConfig c = config(server(port("LDAP1_PORT"), LdapServerConfig::Security::StartTls));
            c.servers.append(server(closedPort()));
            client->setConfig(c);
            for (int i = 0; i < 50; ++i)
                client->search(u"(uid=anna.schmidt)"_s, {},
                               [calls](const DirectorySearchResult&) { ++*calls; });
            client->replaceAttribute(u"uid=eva.lang,ou=fax,"_s + m_base, u"umsUserData"_s, {u"x"_s},
                                     [calls](DirectoryError, const QString&) { ++*calls; });
            client->test([calls](const QList<DirectoryServerTest>&) { ++*calls; });
            // Let the worker get going on some of them, then pull the rug.
            if (round > 0) QTest::qWait(round * 5);
            const int before = *calls;
            delete client;
            QTest::qWait(100);
            QCOMPARE(*calls, before);
        }

        // Deleting the client from inside its own callback.
        auto* client = new LdapClient;
        client->setConfig(config(server(port("LDAP1_PORT"))));
        bool deleted = false;
        for (int i = 0; i < 10; ++i)
            client->search(u"(uid=anna.schmidt)"_s, {},
                           [&client, &deleted, calls](const DirectorySearchResult&) {
                               ++*calls;
                               if (client) {
                                   delete client;
                                   client = nullptr;
                                   deleted = true;
                               }
                           });
        QVERIFY(waitFor(deleted));
        const int afterDelete = *calls;
        QTest::qWait(100);
        QCOMPARE(*calls, afterDelete);
    }
};

QTEST_GUILESS_MAIN(TstLdapClient)
#include "tst_ldapclient.moc"
