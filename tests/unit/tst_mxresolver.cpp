// SPDX-License-Identifier: GPL-3.0-or-later
// MX lookups for Direct SMTP against a real DNS server (the dnsmasq fixture's zone "test.").
#include "engine/smtp/MxResolver.h"
#include "tests/FixtureEnv.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace umgate;

class TestMxResolver : public QObject
{
    Q_OBJECT
    QString m_server;

private slots:
    void initTestCase()
    {
        m_server = test::fixtureEnv(u"dnsmasq"_s).value(u"DNSMASQ_SERVER"_s);
        QVERIFY2(!m_server.isEmpty(), "the dnsmasq fixture did not run");
    }

    void mxByPreference()
    {
        const MxAnswer a = MxResolver::lookup(u"direct.test"_s, m_server);
        QCOMPARE(a.status, MxAnswer::Status::Ok);
        QVERIFY(!a.implicitMx);
        QCOMPARE(a.hosts.size(), 2);
        QCOMPARE(a.hosts.at(0).name, u"mx1.direct.test"_s);
        QCOMPARE(a.hosts.at(0).preference, 10);
        QCOMPARE(a.hosts.at(0).addresses, QList<QHostAddress>{QHostAddress(u"127.0.0.2"_s)});
        QCOMPARE(a.hosts.at(1).name, u"mx2.direct.test"_s);
        QCOMPARE(a.hosts.at(1).addresses, QList<QHostAddress>{QHostAddress(u"127.0.0.1"_s)});
        QVERIFY2(a.detail.contains(u"mx1.direct.test (10) 127.0.0.2"_s), qPrintable(a.detail));
    }

    void implicitMxFallsBackToAddress()
    {
        const MxAnswer a = MxResolver::lookup(u"IMPLICIT.test"_s, m_server);
        QCOMPARE(a.status, MxAnswer::Status::Ok);
        QVERIFY(a.implicitMx);
        QCOMPARE(a.hosts.size(), 1);
        QCOMPARE(a.hosts.at(0).addresses, QList<QHostAddress>{QHostAddress(u"127.0.0.1"_s)});
    }

    void permanentAnswers_data()
    {
        QTest::addColumn<QString>("domain");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("detail");
        QTest::newRow("nxdomain") << u"nosuch.test"_s << int(MxAnswer::Status::NoSuchDomain) << u"NXDOMAIN"_s;
        QTest::newRow("null mx") << u"nullmx.test"_s << int(MxAnswer::Status::NullMx) << u"RFC 7505"_s;
        QTest::newRow("mx without address")
            << u"noaddr.test"_s << int(MxAnswer::Status::NoSuchDomain) << u"no mail host has an address"_s;
    }
    void permanentAnswers()
    {
        QFETCH(QString, domain);
        QFETCH(int, status);
        QFETCH(QString, detail);
        const MxAnswer a = MxResolver::lookup(domain, m_server);
        QCOMPARE(int(a.status), status);
        QVERIFY(a.isPermanent());
        QVERIFY(a.hosts.isEmpty());
        QVERIFY2(a.detail.contains(detail), qPrintable(a.detail));
    }

    void serverFailureIsTemporary()
    {
        QElapsedTimer t;
        t.start();
        const MxAnswer a = MxResolver::lookup(u"servfail.test"_s, m_server);
        QCOMPARE(a.status, MxAnswer::Status::TemporaryFailure);
        QVERIFY(!a.isPermanent());
        QVERIFY2(t.elapsed() < 30000, "lookups are bounded in time");
    }

    void deadServerIsTemporaryAndBounded()
    {
        // Nothing answers on the discard port of 127.0.0.1: the retry settings bound the wait.
        QElapsedTimer t;
        t.start();
        const MxAnswer a = MxResolver::lookup(u"direct.test"_s, u"127.0.0.1:9"_s);
        QCOMPARE(a.status, MxAnswer::Status::TemporaryFailure);
        QVERIFY2(t.elapsed() < 30000, "lookups are bounded in time");
    }

    void asyncAnswersOnceAndNeverInside()
    {
        MxResolver r;
        QVERIFY(r.setNameserver(m_server));
        int calls = 0;
        bool inside = true;
        MxAnswer got;
        r.resolve(u"direct.test"_s, [&](const MxAnswer& a) {
            ++calls;
            got = a;
        });
        // Two askers of one domain share one lookup.
        int second = 0;
        r.resolve(u"direct.test"_s, [&](const MxAnswer&) { ++second; });
        inside = calls > 0;
        QVERIFY(!inside);
        QTRY_COMPARE_WITH_TIMEOUT(calls, 1, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(second, 1, 1000);
        QCOMPARE(got.status, MxAnswer::Status::Ok);
    }

    void nameserverIsValidated()
    {
        MxResolver r;
        QString error;
        QVERIFY(!r.setNameserver(u"dns.example"_s, &error));
        QVERIFY(error.contains(u"not a DNS server address"_s));
        QVERIFY(!r.setNameserver(u"127.0.0.1:99999"_s, &error));
        QVERIFY(r.setNameserver(u"127.0.0.1:53"_s));
        QVERIFY(r.setNameserver(QString()));
    }

    void deletedResolverDropsLateAnswer()
    {
        auto* r = new MxResolver;
        QVERIFY(r->setNameserver(m_server));
        bool called = false;
        r->resolve(u"direct.test"_s, [&](const MxAnswer&) { called = true; });
        delete r;
        QTest::qWait(500);
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TestMxResolver)
#include "tst_mxresolver.moc"
