// SPDX-License-Identifier: GPL-3.0-or-later
// The engine's RPC channel against raw, misbehaving clients. A real Engine runs in-process on a
// temp data dir; clients are plain QLocalSockets speaking (or abusing) the wire format.
#include "engine/Engine.h"
#include "engine/core/AtomicFile.h"
#include "engine/core/CallQueue.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <condition_variable>
#include <mutex>
#include <sys/stat.h>

using namespace umgate;

namespace {
class Client
{
public:
    explicit Client(const QString& path)
    {
        m_socket.connectToServer(path);
        m_connected = m_socket.waitForConnected(5000);
    }
    bool connected() const { return m_connected; }
    void sendRaw(const QByteArray& bytes)
    {
        m_socket.write(bytes);
        m_socket.flush();
    }
    // Next line from the engine, or an empty object after `ms` milliseconds.
    QJsonObject readObject(int ms = 5000)
    {
        QDeadlineTimer deadline(ms);
        while (!m_socket.canReadLine() && !deadline.hasExpired()) {
            if (m_socket.state() != QLocalSocket::ConnectedState && m_socket.bytesAvailable() == 0) break;
            m_socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
        }
        if (!m_socket.canReadLine()) return {};
        return QJsonDocument::fromJson(m_socket.readLine()).object();
    }
    QJsonObject call(const QString& method, const QJsonObject& params = {})
    {
        sendRaw(rpc::requestLine(++m_id, method, params) + '\n');
        // Skip notifications.
        for (int i = 0; i < 100; ++i) {
            QJsonObject o = readObject();
            if (o.isEmpty() || o.contains(QStringLiteral("id"))) return o;
        }
        return {};
    }
    bool waitClosed(int ms = 5000)
    {
        QDeadlineTimer deadline(ms);
        while (m_socket.state() == QLocalSocket::ConnectedState && !deadline.hasExpired())
            m_socket.waitForDisconnected(int(qMax<qint64>(1, deadline.remainingTime())));
        return m_socket.state() != QLocalSocket::ConnectedState;
    }
    QLocalSocket& socket() { return m_socket; }

private:
    QLocalSocket m_socket;
    bool m_connected = false;
    qint64 m_id = 0;
};

int freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// The engine gets its own thread and event loop, so the test's blocking client waits never
// starve it. Calls cross to that thread through a CallQueue and the test waits on a std::mutex:
// hand-overs ThreadSanitizer sees (a functor given to QMetaObject::invokeMethod is not one).
class EngineThread
{
public:
    explicit EngineThread(const QString& dataDir)
    {
        m_calls = new CallQueue(&m_anchor);
        m_anchor.moveToThread(&m_thread);
        m_thread.start();
        m_calls->post([this, dataDir] {
            m_engine = new Engine(dataDir);
            m_engine->setBasePort(freePort());
            QObject::connect(m_engine, &Engine::started, m_engine, [this](const QString& error) {
                const std::lock_guard lock(m_mutex);
                m_error = error;
                m_started = true;
                m_changed.notify_all();
            });
            m_engine->start();
        });
    }
    ~EngineThread()
    {
        bool gone = false;
        m_calls->post([this, &gone] {
            delete m_engine;
            const std::lock_guard lock(m_mutex);
            gone = true;
            m_changed.notify_all();
        });
        {
            std::unique_lock lock(m_mutex);
            m_changed.wait(lock, [&] { return gone; });
        }
        m_thread.quit();
        m_thread.wait();
    }
    bool waitStarted(QString* error)
    {
        std::unique_lock lock(m_mutex);
        if (!m_changed.wait_for(lock, std::chrono::seconds(15), [this] { return m_started; })) return false;
        *error = m_error;
        return true;
    }
    Engine* engine() const { return m_engine; }

private:
    QThread m_thread;
    QObject m_anchor;
    CallQueue* m_calls = nullptr; // a child of m_anchor: runs its calls on m_thread
    Engine* m_engine = nullptr;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    QString m_error;        // guarded by m_mutex
    bool m_started = false; // guarded by m_mutex
};

int errorCode(const QJsonObject& reply)
{
    return reply.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt();
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}
} // namespace

class TstRpcServer : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<EngineThread> m_thread;
    QByteArray m_cookie;

    Paths paths() const { return Paths(m_dir->path()); }
    QString socketPath() const { return paths().socketFile(); }
    QJsonObject authed(Client& c)
    {
        return c.call(QStringLiteral("rpc.version"),
                      {{QStringLiteral("token"), QString::fromLatin1(m_cookie)}});
    }

private slots:
    void init()
    {
        qunsetenv("DBUS_SESSION_BUS_ADDRESS"); // the file secret store, deterministically
        m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/ug-XXXXXX"));
        QVERIFY(m_dir->isValid());
        // Short timeouts so the slow-client cases finish quickly.
        QVERIFY(AtomicFile::write(m_dir->filePath(QStringLiteral("misc.json")),
                                  R"({"format":"umgate-misc","version":1,"options":{
                                      "rpc.authTimeoutSeconds":{"value":1,"ignore":false},
                                      "rpc.idleTimeoutSeconds":{"value":5,"ignore":false},
                                      "rpc.maxMessageBytes":{"value":65536,"ignore":false}}})"));
        m_thread = std::make_unique<EngineThread>(m_dir->path());
        QString error;
        QVERIFY(m_thread->waitStarted(&error));
        QCOMPARE(error, QString());
        m_cookie = readFile(paths().cookieFile()).trimmed();
        QVERIFY(!m_cookie.isEmpty());
    }
    void cleanup()
    {
        m_thread.reset();
        m_dir.reset();
    }

    void filesArePrivate()
    {
        struct stat st = {};
        QCOMPARE(::stat(QFile::encodeName(socketPath()).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0077), 0);
        QCOMPARE(::stat(QFile::encodeName(paths().cookieFile()).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0600);
    }

    void oneEnginePerDataDir()
    {
        EngineThread second(m_dir->path());
        QString error;
        QVERIFY(second.waitStarted(&error));
        QVERIFY2(error.contains(QStringLiteral("already uses")), qPrintable(error));
    }

    void handshakeAndStatus()
    {
        Client c(socketPath());
        QVERIFY(c.connected());
        // Not yet authenticated: only rpc.version answers.
        QCOMPARE(errorCode(c.call(QStringLiteral("engine.status"))), int(rpc::ErrorCode::Unauthenticated));
        const QJsonObject hello = authed(c);
        QVERIFY2(
            hello.value(QStringLiteral("result")).toObject().value(QStringLiteral("authenticated")).toBool(),
            QJsonDocument(hello).toJson().constData());
        const QJsonObject status =
            c.call(QStringLiteral("engine.status")).value(QStringLiteral("result")).toObject();
        const QJsonArray instances = status.value(QStringLiteral("instances")).toArray();
        QCOMPARE(instances.size(), 1);
        QCOMPARE(instances.first().toObject().value(QStringLiteral("id")).toString(),
                 QStringLiteral("MSConnInst1"));
        QCOMPARE(instances.first().toObject().value(QStringLiteral("state")).toString(),
                 QStringLiteral("running"));
    }

    void wrongTokenIsRefusedAndDropped()
    {
        Client c(socketPath());
        const QJsonObject r =
            c.call(QStringLiteral("rpc.version"), {{QStringLiteral("token"), QStringLiteral("guess")}});
        QCOMPARE(errorCode(r), int(rpc::ErrorCode::Unauthenticated));
        QVERIFY(c.waitClosed());
    }

    void malformedInputGetsErrorsAndTheEngineGoesOn()
    {
        Client c(socketPath());
        authed(c);
        c.sendRaw("this is not json\n");
        QCOMPARE(errorCode(c.readObject()), int(rpc::ErrorCode::ParseError));
        c.sendRaw("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"engine.status\"}]\n");
        QCOMPARE(errorCode(c.readObject()), int(rpc::ErrorCode::InvalidRequest));
        c.sendRaw("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"engine.status\"}\n");
        QCOMPARE(errorCode(c.readObject()), int(rpc::ErrorCode::InvalidRequest));
        c.sendRaw("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":42}\n");
        QCOMPARE(errorCode(c.readObject()), int(rpc::ErrorCode::InvalidRequest));
        c.sendRaw("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"engine.status\",\"params\":[1]}\n");
        QCOMPARE(errorCode(c.readObject()), int(rpc::ErrorCode::InvalidParams));
        c.sendRaw("{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"engine.status\"}\n");
        QCOMPARE(errorCode(c.readObject()), int(rpc::ErrorCode::InvalidRequest));
        QCOMPARE(errorCode(c.call(QStringLiteral("no.such.method"))), int(rpc::ErrorCode::MethodNotFound));
        QCOMPARE(
            errorCode(c.call(QStringLiteral("config.get"), {{QStringLiteral("id"), QStringLiteral("nope")}})),
            int(rpc::ErrorCode::NotFound));
        c.sendRaw(QByteArray("\xff\xfe\x00garbage\n", 11));
        QCOMPARE(errorCode(c.readObject()), int(rpc::ErrorCode::ParseError));
        // Still serving.
        QVERIFY(c.call(QStringLiteral("engine.status")).contains(QStringLiteral("result")));
    }

    void oversizedRequestsAreRefused()
    {
        Client c(socketPath());
        authed(c);
        c.sendRaw("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"engine.status\",\"params\":{\"x\":\"" +
                  QByteArray(200000, 'a'));
        QCOMPARE(errorCode(c.readObject()), int(rpc::ErrorCode::MessageTooLarge));
        QVERIFY(c.waitClosed());
        Client d(socketPath());
        QVERIFY(authed(d).contains(QStringLiteral("result")));
    }

    void silentClientsAreDropped()
    {
        Client c(socketPath());
        QVERIFY(c.connected());
        c.sendRaw("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"rpc.vers"); // half a line, then nothing
        QVERIFY(c.waitClosed(5000));                                      // rpc.authTimeoutSeconds = 1
    }

    void secretsNeverReachTheConfigFile()
    {
        Client c(socketPath());
        authed(c);
        const QString pw = QStringLiteral("Sup3r-s3cret!");
        const QJsonObject r =
            c.call(QStringLiteral("config.set"),
                   {{QStringLiteral("id"), QStringLiteral("MSConnInst1")},
                    {QStringLiteral("values"),
                     QJsonObject{{QStringLiteral("mailSystem.authentication.user"), QStringLiteral("relay")},
                                 {QStringLiteral("mailSystem.authentication.password"), pw}}}});
        QVERIFY2(r.contains(QStringLiteral("result")), QJsonDocument(r).toJson().constData());
        const QJsonObject marker = r.value(QStringLiteral("result"))
                                       .toObject()
                                       .value(QStringLiteral("values"))
                                       .toObject()
                                       .value(QStringLiteral("mailSystem.authentication.password"))
                                       .toObject();
        QVERIFY(marker.value(QStringLiteral("set")).toBool());
        // Nowhere in the data dir but the 0600 secrets file.
        QDirIterator it(m_dir->path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        bool inSecrets = false;
        while (it.hasNext()) {
            const QString f = it.next();
            if (f.endsWith(QStringLiteral("umgated.sock"))) continue;
            const bool has = readFile(f).contains(pw.toUtf8());
            if (f == paths().secretsFile())
                inSecrets = has;
            else
                QVERIFY2(!has, qPrintable(f));
        }
        QVERIFY(inSecrets);
        const QJsonObject exported =
            c.call(QStringLiteral("config.export"), {{QStringLiteral("id"), QStringLiteral("MSConnInst1")}});
        QVERIFY(!QJsonDocument(exported).toJson().contains(pw.toUtf8()));
    }

    void validationErrorsNameTheField()
    {
        Client c(socketPath());
        authed(c);
        const QJsonObject r =
            c.call(QStringLiteral("config.set"),
                   {{QStringLiteral("id"), QStringLiteral("MSConnInst1")},
                    {QStringLiteral("values"), QJsonObject{{QStringLiteral("mailSystem.general.port"), 70000},
                                                           {QStringLiteral("mailSystem.template.mailDomain"),
                                                            QStringLiteral("fax.example.com")}}}});
        QCOMPARE(errorCode(r), int(rpc::ErrorCode::ValidationFailed));
        const QJsonArray errors = r.value(QStringLiteral("error"))
                                      .toObject()
                                      .value(QStringLiteral("data"))
                                      .toObject()
                                      .value(QStringLiteral("errors"))
                                      .toArray();
        QCOMPARE(errors.first().toObject().value(QStringLiteral("key")).toString(),
                 QStringLiteral("mailSystem.general.port"));
        // All or nothing: the valid half was not stored either.
        const QJsonObject got =
            c.call(QStringLiteral("config.get"),
                   {{QStringLiteral("id"), QStringLiteral("MSConnInst1")},
                    {QStringLiteral("key"), QStringLiteral("mailSystem.template.mailDomain")}});
        QCOMPARE(got.value(QStringLiteral("result"))
                     .toObject()
                     .value(QStringLiteral("values"))
                     .toObject()
                     .value(QStringLiteral("mailSystem.template.mailDomain"))
                     .toString(),
                 QStringLiteral("localhost"));
    }

    void notificationsReachSubscribers()
    {
        Client watcher(socketPath());
        authed(watcher);
        const QJsonObject sub =
            watcher.call(QStringLiteral("events.subscribe"),
                         {{QStringLiteral("topics"),
                           QJsonArray{QStringLiteral("config.changed"), QStringLiteral("instance.state")}}});
        QVERIFY(sub.contains(QStringLiteral("result")));
        Client admin(socketPath());
        authed(admin);
        QVERIFY(admin
                    .call(QStringLiteral("instance.disable"),
                          {{QStringLiteral("id"), QStringLiteral("MSConnInst1")}})
                    .contains(QStringLiteral("result")));
        bool sawConfig = false, sawState = false;
        for (int i = 0; i < 10 && !(sawConfig && sawState); ++i) {
            const QJsonObject n = watcher.readObject(2000);
            if (n.isEmpty()) break;
            const QString m = n.value(QStringLiteral("method")).toString();
            sawConfig |= m == QLatin1String("config.changed");
            sawState |= m == QLatin1String("instance.state");
        }
        QVERIFY(sawConfig);
        QVERIFY(sawState);
    }

    void queueChangesAreAnnounced()
    {
        Client watcher(socketPath());
        authed(watcher);
        QVERIFY(watcher
                    .call(QStringLiteral("events.subscribe"),
                          {{QStringLiteral("topics"), QJsonArray{QStringLiteral("queue.changed")}}})
                    .contains(QStringLiteral("result")));
        // A mail in Badmail is .eml + .json + reason.txt: one mail, not three files.
        for (const char* ext : {"eml", "reason.txt", "json"})
            QVERIFY(AtomicFile::write(paths().instanceDir(QStringLiteral("MSConnInst1")) +
                                          QStringLiteral("/SMTPOut/Badmail/m1.") + QLatin1String(ext),
                                      "x"));
        const QJsonObject n = watcher.readObject(5000);
        QCOMPARE(n.value(QStringLiteral("method")).toString(), QStringLiteral("queue.changed"));
        const QJsonObject p = n.value(QStringLiteral("params")).toObject();
        QCOMPARE(p.value(QStringLiteral("id")).toString(), QStringLiteral("MSConnInst1"));
        QCOMPARE(p.value(QStringLiteral("queue")).toString(), QStringLiteral("SMTPOut/Badmail"));
        QCOMPARE(p.value(QStringLiteral("depth")).toInt(), 1);
    }

    void deleteRefusesWhileMailIsQueued()
    {
        Client c(socketPath());
        authed(c);
        QVERIFY(AtomicFile::write(
            paths().instanceDir(QStringLiteral("MSConnInst1")) + QStringLiteral("/SMTPOut/q1.eml"), "x"));
        const QJsonObject refused = c.call(QStringLiteral("instance.delete"),
                                           {{QStringLiteral("id"), QStringLiteral("MSConnInst1")}});
        QCOMPARE(errorCode(refused), int(rpc::ErrorCode::QueueNotEmpty));
        const QJsonObject kept =
            c.call(QStringLiteral("instance.delete"), {{QStringLiteral("id"), QStringLiteral("MSConnInst1")},
                                                       {QStringLiteral("keepQueue"), true}});
        const QString path =
            kept.value(QStringLiteral("result")).toObject().value(QStringLiteral("keptQueue")).toString();
        QVERIFY2(QFile::exists(path + QStringLiteral("/q1.eml")), QJsonDocument(kept).toJson().constData());
    }
};

QTEST_GUILESS_MAIN(TstRpcServer)
#include "tst_rpcserver.moc"
