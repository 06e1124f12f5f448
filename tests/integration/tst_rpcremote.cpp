// SPDX-License-Identifier: GPL-3.0-or-later
// The remote (TLS) RPC listener of a real umgated against hostile peers: half-open and silent TCP
// connections, floods of unauthenticated TLS clients, one address hogging the listener, and admin
// tokens revoked while their sessions are open.
#include "UmgatedProcess.h"
#include "models/rpc/RpcClient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslSocket>
#include <QTest>
#include <memory>
#include <vector>

using namespace umgate;
using umgate::test::UmgatedProcess;
using Failure = RpcResponse::Failure;

class TestRpcRemote : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<UmgatedProcess> m_daemon;
    std::unique_ptr<RpcClient> m_admin; // local
    QTemporaryDir m_work{QDir::tempPath() + QStringLiteral("/ugw-XXXXXX")};
    quint16 m_port = 0;
    QString m_token;
    QSslConfiguration m_tls;

    static RpcResponse wait(const QFuture<RpcResponse>& f, int ms = 15000)
    {
        if (!QTest::qWaitFor([&] { return f.isFinished(); }, ms)) return {};
        return f.result();
    }
    bool misc(const QString& key, const QJsonValue& value)
    {
        const RpcResponse r = wait(m_admin->exec(
            rpc::Method::MiscSet, {{QStringLiteral("key"), key}, {QStringLiteral("value"), value}}));
        if (!r.ok) qWarning("misc.set %s: %s", qPrintable(key), qPrintable(r.errorText()));
        return r.ok;
    }
    QString addToken(const QString& name)
    {
        const RpcResponse r =
            wait(m_admin->exec(rpc::Method::AdminTokenAdd, {{QStringLiteral("name"), name}}));
        return r.resultObject().value(QStringLiteral("token")).toString();
    }
    // A daemon with the TLS listener on, a local admin client and one admin token ("carol").
    bool startRemote(const QList<QPair<QString, QJsonValue>>& extra = {})
    {
        m_daemon = std::make_unique<UmgatedProcess>();
        QString error;
        if (!m_daemon->start(&error) || !test::makeTestCertificates(m_work.path(), &error)) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        m_admin = std::make_unique<RpcClient>();
        m_admin->connectToLocal(m_daemon->paths().socketFile(), m_daemon->cookie());
        m_port = UmgatedProcess::freePort();
        QList<QPair<QString, QJsonValue>> setup = extra;
        setup << qMakePair(QStringLiteral("rpc.tls.certificate"),
                           QJsonValue(m_work.filePath(QStringLiteral("server.pem"))))
              << qMakePair(QStringLiteral("rpc.tls.key"),
                           QJsonValue(m_work.filePath(QStringLiteral("server.key"))))
              << qMakePair(QStringLiteral("rpc.tcp.port"), QJsonValue(int(m_port)))
              << qMakePair(QStringLiteral("rpc.tcp.enabled"), QJsonValue(true));
        for (const auto& [k, v] : setup)
            if (!misc(k, v)) return false;
        m_token = addToken(QStringLiteral("carol"));
        m_tls = QSslConfiguration::defaultConfiguration();
        m_tls.setCaCertificates(QSslCertificate::fromPath(m_work.filePath(QStringLiteral("ca.pem"))));
        m_tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
        return !m_token.isEmpty() && test::waitForTcpListener(m_port, 10000);
    }
    QUrl url() const { return QUrl(QStringLiteral("umgate://127.0.0.1:%1").arg(m_port)); }

    // One remote call with a fresh client; true when it got an answer.
    bool remoteWorks(const QString& token)
    {
        RpcClient remote;
        remote.setRequestTimeout(std::chrono::milliseconds(3000));
        remote.connectToRemote(url(), token, m_tls);
        return wait(remote.exec(rpc::Method::InstanceList)).ok;
    }
    // Retries for up to `ms`: the engine needs a moment to notice peers that left.
    bool remoteWorksWithin(int ms)
    {
        QDeadlineTimer deadline(ms);
        while (!deadline.hasExpired()) {
            if (remoteWorks(m_token)) return true;
            QTest::qWait(200);
        }
        return false;
    }
    // A TLS client that completes the handshake and then says nothing (not authenticated).
    std::unique_ptr<QSslSocket> silentTlsClient()
    {
        auto s = std::make_unique<QSslSocket>();
        s->setSslConfiguration(m_tls);
        s->connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_port);
        if (!s->waitForEncrypted(5000)) return nullptr;
        return s;
    }
    static bool closedByPeer(QAbstractSocket& s, int ms)
    {
        return QTest::qWaitFor(
            [&] {
                s.waitForReadyRead(50);
                return s.state() == QAbstractSocket::UnconnectedState;
            },
            ms);
    }

private slots:
    void cleanup()
    {
        m_admin.reset();
        m_daemon.reset();
    }

    // Qt 6.4's QSslServer stopped accepting for good after 30 peers left mid-handshake.
    void halfOpenConnectionsDoNotKillTheListener()
    {
        QVERIFY(startRemote());
        for (int i = 0; i < 40; ++i) {
            QTcpSocket s;
            s.connectToHost(QHostAddress::LocalHost, m_port);
            QVERIFY(s.waitForConnected(5000));
            s.abort(); // gone before any TLS byte
        }
        QVERIFY2(remoteWorksWithin(10000), m_daemon->log().constData());
        // And engine.status still tells the truth.
        QVERIFY(wait(m_admin->exec(rpc::Method::EngineStatus))
                    .resultObject()
                    .value(QStringLiteral("remoteRpc"))
                    .toBool());
    }

    // Peers that connect and send nothing do not hold the listener (QSslServer let 30 of them
    // block every client until their deadline), and are dropped at the handshake deadline.
    void silentPeersDoNotHoldTheListener()
    {
        QVERIFY(startRemote({{QStringLiteral("rpc.authTimeoutSeconds"), 5},
                             {QStringLiteral("rpc.tcp.maxUnauthenticatedPerAddress"), 100}}));
        std::vector<std::unique_ptr<QTcpSocket>> silent;
        for (int i = 0; i < 40; ++i) {
            auto s = std::make_unique<QTcpSocket>();
            s->connectToHost(QHostAddress::LocalHost, m_port);
            QVERIFY(s->waitForConnected(5000));
            silent.push_back(std::move(s));
        }
        QElapsedTimer served;
        served.start();
        QVERIFY2(remoteWorks(m_token), m_daemon->log().constData()); // at once, not after 5 s
        QVERIFY(served.elapsed() < 4000);
        // Closed by the engine at the deadline, not by us.
        for (auto& s : silent)
            QVERIFY(closedByPeer(*s, 10000));
        QVERIFY(remoteWorks(m_token));
    }

    // Unauthenticated remote clients use up the remote limit, never the local socket's.
    void unauthenticatedTlsClientsDoNotLockOutTheLocalSocket()
    {
        QVERIFY(startRemote({{QStringLiteral("rpc.tcp.maxUnauthenticatedPerAddress"), 100},
                             {QStringLiteral("rpc.tcp.maxClients"), 100}}));
        std::vector<std::unique_ptr<QSslSocket>> idle;
        for (int i = 0; i < 70; ++i) {
            auto s = silentTlsClient();
            QVERIFY2(s, qPrintable(QStringLiteral("TLS client %1 did not get in").arg(i)));
            idle.push_back(std::move(s));
        }
        RpcClient local;
        local.connectToLocal(m_daemon->paths().socketFile(), m_daemon->cookie());
        const RpcResponse r = wait(local.exec(rpc::Method::EngineStatus));
        QVERIFY2(r.ok, qPrintable(r.errorText()));
        QVERIFY(r.resultObject().value(QStringLiteral("clients")).toInt() >= 71);
        const test::CtlResult ctl = test::runCtl(m_daemon->dataDir(), {QStringLiteral("status")});
        QVERIFY2(ctl.exitCode == 0,
                 qPrintable(QStringLiteral("exit %1: %2%3").arg(ctl.exitCode).arg(ctl.err, ctl.out)));
    }

    // One address may hold only so many unauthenticated connections; authenticating frees a slot.
    void unauthenticatedPeersPerAddressAreLimited()
    {
        QVERIFY(startRemote({{QStringLiteral("rpc.tcp.maxUnauthenticatedPerAddress"), 3}}));
        std::vector<std::unique_ptr<QSslSocket>> idle;
        for (int i = 0; i < 3; ++i) {
            auto s = silentTlsClient();
            QVERIFY(s);
            idle.push_back(std::move(s));
        }
        QSslSocket refused;
        refused.setSslConfiguration(m_tls);
        refused.connectToHostEncrypted(QStringLiteral("127.0.0.1"), m_port);
        QVERIFY(!refused.waitForEncrypted(5000));
        QVERIFY(!remoteWorks(m_token)); // a real client from the same address waits its turn too

        // One of them authenticates: the address has a free slot again.
        QSslSocket& first = *idle.front();
        first.write(rpc::requestLine(1, rpc::methodName(rpc::Method::RpcVersion),
                                     {{QStringLiteral("token"), m_token}}) +
                    '\n');
        QVERIFY(QTest::qWaitFor([&] { return first.waitForReadyRead(50) || first.canReadLine(); }, 5000));
        QVERIFY(QJsonDocument::fromJson(first.readLine()).object().contains(QStringLiteral("result")));
        QVERIFY2(remoteWorks(m_token), m_daemon->log().constData());
        // The local socket never minds.
        RpcClient local;
        local.connectToLocal(m_daemon->paths().socketFile(), m_daemon->cookie());
        QVERIFY(wait(local.exec(rpc::Method::EngineStatus)).ok);
    }

    // The remote limit counts every TLS connection; a refused one is closed before any TLS work.
    void remoteClientsAreLimited()
    {
        QVERIFY(startRemote({{QStringLiteral("rpc.tcp.maxClients"), 2}}));
        RpcClient a;
        a.connectToRemote(url(), m_token, m_tls);
        QVERIFY(wait(a.exec(rpc::Method::InstanceList)).ok);
        RpcClient b;
        b.connectToRemote(url(), m_token, m_tls);
        QVERIFY(wait(b.exec(rpc::Method::InstanceList)).ok);
        QVERIFY(!remoteWorks(m_token));
        a.disconnectFromEngine();
        QVERIFY2(remoteWorksWithin(10000), m_daemon->log().constData());
    }

    // A revoked token's sessions end at once, event subscriptions (which never idle out) included.
    void revokedTokenClosesItsSessions()
    {
        QVERIFY(startRemote());
        const QString other = addToken(QStringLiteral("dave"));
        RpcClient session;
        QSignalSpy sessionGone(&session, &RpcClient::disconnected);
        session.connectToRemote(url(), m_token, m_tls);
        QVERIFY(wait(session.exec(rpc::Method::InstanceList)).ok);
        RpcClient watcher;
        QSignalSpy watcherGone(&watcher, &RpcClient::disconnected);
        watcher.connectToRemote(url(), m_token, m_tls);
        QVERIFY(wait(watcher.exec(rpc::Method::EventsSubscribe,
                                  {{QStringLiteral("topics"),
                                    QJsonArray{rpc::notificationName(rpc::Notification::ConfigChanged)}}}))
                    .ok);
        RpcClient bystander; // another admin's session stays
        bystander.connectToRemote(url(), other, m_tls);
        QVERIFY(wait(bystander.exec(rpc::Method::InstanceList)).ok);

        QVERIFY(wait(m_admin->exec(rpc::Method::AdminTokenRemove,
                                   {{QStringLiteral("name"), QStringLiteral("carol")}}))
                    .ok);
        QTRY_COMPARE_WITH_TIMEOUT(sessionGone.count(), 1, 3000);
        QTRY_COMPARE_WITH_TIMEOUT(watcherGone.count(), 1, 3000);
        QVERIFY2(session.lastError().contains(QStringLiteral("revoked")), qPrintable(session.lastError()));
        const RpcResponse after = wait(session.exec(rpc::Method::InstanceList));
        QCOMPARE(after.failure, Failure::Connection);
        QVERIFY(!remoteWorks(m_token));
        QVERIFY(wait(bystander.exec(rpc::Method::InstanceList)).ok);
    }
};

QTEST_GUILESS_MAIN(TestRpcRemote)
#include "tst_rpcremote.moc"
