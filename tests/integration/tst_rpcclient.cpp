// SPDX-License-Identifier: GPL-3.0-or-later
// RpcClient against a real umgated: handshake, queued requests, errors, notifications, and
// requests that must fail promptly when the engine dies or stops answering.
#include "UmgatedProcess.h"
#include "models/rpc/RpcClient.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QTest>

using namespace umgate;
using umgate::test::UmgatedProcess;
using Failure = RpcResponse::Failure;

class TestRpcClient : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<UmgatedProcess> m_daemon;

    bool startDaemon()
    {
        m_daemon = std::make_unique<UmgatedProcess>();
        QString error;
        if (!m_daemon->start(&error)) qWarning("%s", qPrintable(error));
        return error.isEmpty();
    }
    static RpcResponse wait(const QFuture<RpcResponse>& f, int ms = 10000)
    {
        if (!QTest::qWaitFor([&] { return f.isFinished(); }, ms)) return {};
        return f.result();
    }

private slots:
    void cleanup() { m_daemon.reset(); }

    void connectAndExec()
    {
        QVERIFY(startDaemon());
        RpcClient client;
        QSignalSpy connected(&client, &RpcClient::connected);
        client.connectToLocal(m_daemon->paths().socketFile(), m_daemon->cookie());
        // Issued before the handshake: queued, then sent.
        const QFuture<RpcResponse> status = client.exec(rpc::Method::EngineStatus);
        const RpcResponse r = wait(status);
        QVERIFY2(r.ok, qPrintable(r.errorText()));
        QCOMPARE(connected.count(), 1);
        QVERIFY(client.isReady());
        QCOMPARE(client.serverInfo().value(QStringLiteral("protocol")).toInt(), rpc::ProtocolVersion);
        const QJsonArray instances = r.resultObject().value(QStringLiteral("instances")).toArray();
        QVERIFY(!instances.isEmpty());
        QCOMPARE(instances.at(0).toObject().value(QStringLiteral("id")).toString(),
                 QStringLiteral("MSConnInst1"));

        // The callback form takes the same path and never runs inside exec().
        bool called = false;
        bool inside = true;
        RpcResponse viaCallback;
        client.exec(rpc::Method::InstanceList, {}, [&](const RpcResponse& response) {
            QVERIFY(!inside);
            called = true;
            viaCallback = response;
        });
        inside = false;
        QTRY_VERIFY_WITH_TIMEOUT(called, 10000);
        QVERIFY(viaCallback.ok);
        QVERIFY(viaCallback.resultObject().value(QStringLiteral("instances")).isArray());

        // QFuture continuations with a context object, as the console uses them.
        bool continued = false;
        client.exec(rpc::Method::ConfigSchema).then(this, [&](const RpcResponse& response) {
            continued =
                response.ok && !response.resultObject().value(QStringLiteral("settings")).toArray().isEmpty();
        });
        QTRY_VERIFY_WITH_TIMEOUT(continued, 10000);
    }

    void serverErrors()
    {
        QVERIFY(startDaemon());
        RpcClient client;
        client.connectToLocal(m_daemon->paths().socketFile(), m_daemon->cookie());
        RpcResponse r =
            wait(client.exec(rpc::Method::ConfigGet, {{QStringLiteral("id"), QStringLiteral("Nope")}}));
        QVERIFY(!r.ok);
        QCOMPARE(r.failure, Failure::Server);
        QCOMPARE(r.error.code, rpc::ErrorCode::NotFound);

        r = wait(client.exec(
            rpc::Method::ConfigSet,
            {{QStringLiteral("id"), QStringLiteral("MSConnInst1")},
             {QStringLiteral("values"), QJsonObject{{QStringLiteral("mailSystem.general.port"), 0}}}}));
        QCOMPARE(r.failure, Failure::Server);
        QCOMPARE(r.error.code, rpc::ErrorCode::ValidationFailed);
        const QJsonArray errors = r.error.data.toObject().value(QStringLiteral("errors")).toArray();
        QVERIFY(!errors.isEmpty());
        QCOMPARE(errors.at(0).toObject().value(QStringLiteral("key")).toString(),
                 QStringLiteral("mailSystem.general.port"));
        QVERIFY(client.isReady()); // an error answer does not end the connection
    }

    void oversizedRequestRefusedLocally()
    {
        QVERIFY(startDaemon());
        RpcClient client;
        client.connectToLocal(m_daemon->paths().socketFile(), m_daemon->cookie());
        const QString huge(int(rpc::DefaultMaxMessageBytes) + 10, QLatin1Char('x'));
        const RpcResponse r = wait(client.exec(rpc::Method::InstanceCreate, {{QStringLiteral("id"), huge}}));
        QCOMPARE(r.failure, Failure::Client);
        QCOMPARE(r.error.code, rpc::ErrorCode::MessageTooLarge);
        QVERIFY(wait(client.exec(rpc::Method::InstanceList)).ok);
    }

    void wrongToken()
    {
        QVERIFY(startDaemon());
        RpcClient client;
        QSignalSpy errors(&client, &RpcClient::errorOccurred);
        QSignalSpy connected(&client, &RpcClient::connected);
        client.connectToLocal(m_daemon->paths().socketFile(), QStringLiteral("wrong"));
        const RpcResponse r = wait(client.exec(rpc::Method::EngineStatus));
        QVERIFY(!r.ok);
        QCOMPARE(r.failure, Failure::Connection);
        QCOMPARE(r.error.code, rpc::ErrorCode::Unauthenticated);
        QVERIFY2(r.errorText().contains(QStringLiteral("authentication failed")), qPrintable(r.errorText()));
        QCOMPARE(connected.count(), 0);
        QVERIFY(errors.count() >= 1);
        QCOMPARE(client.state(), RpcClient::State::Disconnected);
    }

    void noEngine()
    {
        QTemporaryDir empty(QDir::tempPath() + QStringLiteral("/ug-XXXXXX"));
        RpcClient client;
        client.connectToLocal(Paths(empty.path()).socketFile(), QStringLiteral("x"));
        const RpcResponse r = wait(client.exec(rpc::Method::EngineStatus));
        QCOMPARE(r.failure, Failure::Connection);
        QVERIFY2(r.errorText().contains(QStringLiteral("no such socket")), qPrintable(r.errorText()));

        RpcClient never;
        const RpcResponse n = wait(never.exec(rpc::Method::EngineStatus));
        QCOMPARE(n.failure, Failure::Connection);

        // A client destroyed with requests outstanding still finishes their futures.
        QFuture<RpcResponse> refused;
        QFuture<RpcResponse> queued;
        {
            RpcClient gone;
            refused = gone.exec(rpc::Method::EngineStatus); // not connected: failure pending delivery
            gone.connectToLocal(Paths(empty.path()).socketFile(), QStringLiteral("x"));
            queued = gone.exec(rpc::Method::EngineStatus); // waiting for the handshake
        }
        QVERIFY(refused.isFinished());
        QVERIFY(queued.isFinished());
        QCOMPARE(refused.result().failure, Failure::Connection);
        QCOMPARE(queued.result().failure, Failure::Connection);
    }

    void notifications()
    {
        QVERIFY(startDaemon());
        RpcClient client;
        QSignalSpy spy(&client, &RpcClient::notificationReceived);
        client.connectToLocal(m_daemon->paths().socketFile(), m_daemon->cookie());
        const RpcResponse sub =
            wait(client.exec(rpc::Method::EventsSubscribe,
                             {{QStringLiteral("topics"),
                               QJsonArray{rpc::notificationName(rpc::Notification::ConfigChanged)}}}));
        QVERIFY2(sub.ok, qPrintable(sub.errorText()));

        // A second client changes the config; the first hears about it.
        RpcClient writer;
        writer.connectToLocal(m_daemon->paths().socketFile(), m_daemon->cookie());
        const RpcResponse set = wait(
            writer.exec(rpc::Method::ConfigSet,
                        {{QStringLiteral("id"), QStringLiteral("MSConnInst1")},
                         {QStringLiteral("values"), QJsonObject{{QStringLiteral("mailSystem.general.server"),
                                                                 QStringLiteral("mx.example.org")}}}}));
        QVERIFY2(set.ok, qPrintable(set.errorText()));

        QTRY_VERIFY_WITH_TIMEOUT(!spy.isEmpty(), 10000);
        const auto args = spy.takeFirst();
        QCOMPARE(args.at(0).value<rpc::Notification>(), rpc::Notification::ConfigChanged);
        const QJsonObject params = args.at(1).toJsonObject();
        QCOMPARE(params.value(QStringLiteral("id")).toString(), QStringLiteral("MSConnInst1"));
        QVERIFY(params.value(QStringLiteral("keys"))
                    .toArray()
                    .contains(QStringLiteral("mailSystem.general.server")));
    }

    void engineKilledFailsPromptly()
    {
        QVERIFY(startDaemon());
        RpcClient client;
        QSignalSpy disconnected(&client, &RpcClient::disconnected);
        client.connectToLocal(m_daemon->paths().socketFile(), m_daemon->cookie());
        QVERIFY(wait(client.exec(rpc::Method::EngineStatus)).ok);

        // In flight when the engine dies: it must end with a connection error well before the
        // 30 s request timeout would.
        const QFuture<RpcResponse> inFlight = client.exec(rpc::Method::InstanceList);
        m_daemon->kill();
        const RpcResponse r = wait(inFlight, 10000);
        QVERIFY(inFlight.isFinished());
        QVERIFY(r.ok || r.failure == Failure::Connection);
        QTRY_COMPARE_WITH_TIMEOUT(disconnected.count(), 1, 10000);

        const QFuture<RpcResponse> after = client.exec(rpc::Method::EngineStatus);
        const RpcResponse a = wait(after, 10000);
        QVERIFY(after.isFinished());
        QCOMPARE(a.failure, Failure::Connection);
    }

    void stoppedEngineTimesOut()
    {
        QVERIFY(startDaemon());
        RpcClient client;
        client.setRequestTimeout(std::chrono::milliseconds(500));
        client.connectToLocal(m_daemon->paths().socketFile(), m_daemon->cookie());
        QVERIFY(wait(client.exec(rpc::Method::EngineStatus)).ok);
        QVERIFY(m_daemon->pause()); // a real engine that stops answering
        const RpcResponse r = wait(client.exec(rpc::Method::InstanceList), 10000);
        m_daemon->resume();
        QCOMPARE(r.failure, Failure::Timeout);
        QVERIFY2(r.errorText().contains(rpc::methodName(rpc::Method::InstanceList)),
                 qPrintable(r.errorText()));
        // A late answer to a timed-out request is dropped; the connection still works.
        QVERIFY(wait(client.exec(rpc::Method::EngineStatus)).ok);

        // The handshake is bounded too: a stopped engine accepts the connection but never answers.
        QVERIFY(m_daemon->pause());
        RpcClient late;
        late.setRequestTimeout(std::chrono::milliseconds(500));
        late.connectToLocal(m_daemon->paths().socketFile(), m_daemon->cookie());
        const RpcResponse h = wait(late.exec(rpc::Method::EngineStatus), 10000);
        m_daemon->resume();
        QVERIFY(h.failure == Failure::Timeout || h.failure == Failure::Connection);
        QTRY_COMPARE_WITH_TIMEOUT(late.state(), RpcClient::State::Disconnected, 10000);
    }

    void manyRequestsMatchTheirAnswers()
    {
        QVERIFY(startDaemon());
        RpcClient client;
        client.connectToLocal(m_daemon->paths().socketFile(), m_daemon->cookie());
        const QStringList keys = {
            QStringLiteral("mailSystem.general.port"), QStringLiteral("mailSystem.general.server"),
            QStringLiteral("ldap.connection.servers"), QStringLiteral("ldap.baseDn.entries")};
        QList<QFuture<RpcResponse>> futures;
        for (int i = 0; i < 40; ++i)
            futures << client.exec(rpc::Method::ConfigGet,
                                   {{QStringLiteral("id"), QStringLiteral("MSConnInst1")},
                                    {QStringLiteral("key"), keys.at(i % keys.size())}});
        for (int i = 0; i < futures.size(); ++i) {
            const RpcResponse r = wait(futures.at(i));
            QVERIFY2(r.ok, qPrintable(r.errorText()));
            QCOMPARE(r.resultObject().value(QStringLiteral("values")).toObject().keys(),
                     QStringList{keys.at(i % keys.size())});
        }
    }

    void remoteTls()
    {
        QVERIFY(startDaemon());
        QTemporaryDir work(QDir::tempPath() + QStringLiteral("/ugw-XXXXXX"));
        QString error;
        QVERIFY2(test::makeTestCertificates(work.path(), &error), qPrintable(error));
        const quint16 port = UmgatedProcess::freePort();

        RpcClient admin;
        admin.connectToLocal(m_daemon->paths().socketFile(), m_daemon->cookie());
        const QList<QPair<QString, QJsonValue>> setup = {
            {QStringLiteral("rpc.tls.certificate"), work.filePath(QStringLiteral("server.pem"))},
            {QStringLiteral("rpc.tls.key"), work.filePath(QStringLiteral("server.key"))},
            {QStringLiteral("rpc.tcp.port"), int(port)},
            {QStringLiteral("rpc.tcp.enabled"), true},
        };
        for (const auto& [k, v] : setup) {
            const RpcResponse r = wait(
                admin.exec(rpc::Method::MiscSet, {{QStringLiteral("key"), k}, {QStringLiteral("value"), v}}));
            QVERIFY2(r.ok, qPrintable(r.errorText()));
        }
        const RpcResponse added =
            wait(admin.exec(rpc::Method::AdminTokenAdd, {{QStringLiteral("name"), QStringLiteral("carol")}}));
        QVERIFY2(added.ok, qPrintable(added.errorText()));
        const QString token = added.resultObject().value(QStringLiteral("token")).toString();
        QVERIFY2(test::waitForTcpListener(port, 10000), m_daemon->log().constData());

        const QUrl url(QStringLiteral("umgate://127.0.0.1:%1").arg(port));
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setCaCertificates(QSslCertificate::fromPath(work.filePath(QStringLiteral("ca.pem"))));
        tls.setPeerVerifyMode(QSslSocket::VerifyPeer);

        RpcClient remote;
        QSignalSpy connected(&remote, &RpcClient::connected);
        remote.connectToRemote(url, token, tls);
        const RpcResponse r = wait(remote.exec(rpc::Method::InstanceList));
        QVERIFY2(r.ok, qPrintable(r.errorText()));
        QCOMPARE(connected.count(), 1);
        QCOMPARE(remote.serverInfo().value(QStringLiteral("principal")).toString(), QStringLiteral("carol"));

        // Without our CA the engine's certificate is not trusted.
        RpcClient untrusting;
        untrusting.connectToRemote(url, token, QSslConfiguration::defaultConfiguration());
        const RpcResponse u = wait(untrusting.exec(rpc::Method::InstanceList));
        QCOMPARE(u.failure, Failure::Connection);
        QVERIFY2(u.errorText().contains(QStringLiteral("TLS")), qPrintable(u.errorText()));
        QVERIFY(untrusting.reachedEngine());

        RpcClient badUrl;
        badUrl.connectToRemote(QUrl(QStringLiteral("https://127.0.0.1:1")), token, tls);
        QCOMPARE(wait(badUrl.exec(rpc::Method::InstanceList)).failure, Failure::Connection);
        QVERIFY(badUrl.lastError().contains(QStringLiteral("umgate://")));
    }

    void disconnectFailsPending()
    {
        QVERIFY(startDaemon());
        RpcClient client;
        client.connectToLocal(m_daemon->paths().socketFile(), m_daemon->cookie());
        const QFuture<RpcResponse> queued = client.exec(rpc::Method::EngineStatus);
        client.disconnectFromEngine();
        const RpcResponse r = wait(queued);
        QVERIFY(queued.isFinished());
        QCOMPARE(r.failure, Failure::Connection);
    }
};

QTEST_GUILESS_MAIN(TestRpcClient)
#include "tst_rpcclient.moc"
