// SPDX-License-Identifier: GPL-3.0-or-later
// SIGKILL during config writes: the daemon gets a stream of config.set calls and is killed at a
// different moment each round. Afterwards instance.json must parse, and it must hold at least the
// last value the engine acknowledged (acknowledged = durable). The engine must start again on the
// same data dir (stale lock and socket).
#include "engine/client/Paths.h"
#include "engine/client/RpcProtocol.h"
#include "engine/config/InstanceConfig.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QLocalSocket>
#include <QProcess>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace umgate;

namespace {
QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

int freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

int serialOf(const QString& server)
{
    // "v123.example.com" -> 123
    return server.mid(1).section(QLatin1Char('.'), 0, 0).toInt();
}
} // namespace

class TstCrashConfig : public QObject
{
    Q_OBJECT
private slots:
    void sigkillNeverTearsTheConfig()
    {
        QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/ug-XXXXXX"));
        const Paths paths(dir.path());
        const int port = freePort();
        int lastAcked = -1;
        int serial = 0;
        for (int round = 0; round < 12; ++round) {
            QProcess daemon;
            daemon.setStandardErrorFile(dir.filePath(QStringLiteral("umgated.log")), QIODevice::Append);
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
            daemon.setProcessEnvironment(env);
            daemon.start(QStringLiteral(UMGATED_PATH),
                         {QStringLiteral("--data-dir"), dir.path(), QStringLiteral("--base-port"),
                          QString::number(port)});
            QVERIFY(daemon.waitForStarted(5000));

            QLocalSocket socket;
            QDeadlineTimer up(15000);
            while (!up.hasExpired()) {
                if (QFile::exists(paths.cookieFile())) {
                    socket.connectToServer(paths.socketFile());
                    if (socket.waitForConnected(500)) break;
                }
                QTest::qWait(20);
            }
            QVERIFY2(socket.state() == QLocalSocket::ConnectedState, "engine did not come up");
            const QByteArray cookie = readFile(paths.cookieFile()).trimmed();
            socket.write(rpc::requestLine(0, rpc::methodName(rpc::Method::RpcVersion),
                                          {{QStringLiteral("token"), QString::fromLatin1(cookie)}}) +
                         '\n');

            // After a restart the config holds at least what was acknowledged before the kill.
            if (round > 0) {
                auto c = InstanceConfig::parse(
                    readFile(paths.instanceConfigFile(QStringLiteral("MSConnInst1"))), nullptr);
                QVERIFY(c);
            }

            // Pipeline writes; note each acknowledgement as it arrives.
            const int first = serial;
            for (int i = 0; i < 400; ++i) {
                ++serial;
                const QJsonObject values{
                    {QStringLiteral("mailSystem.general.server"),
                     QStringLiteral("v%1.example.com").arg(serial)},
                    {QStringLiteral("mailSystem.template.displayName"), QString(200, QLatin1Char('x'))}};
                socket.write(rpc::requestLine(serial, rpc::methodName(rpc::Method::ConfigSet),
                                              {{QStringLiteral("id"), QStringLiteral("MSConnInst1")},
                                               {QStringLiteral("values"), values}}) +
                             '\n');
            }
            socket.flush();
            auto readAcks = [&](QDeadlineTimer until) {
                while (!until.hasExpired()) {
                    socket.waitForReadyRead(int(qMax<qint64>(1, until.remainingTime())));
                    while (socket.canReadLine()) {
                        const QJsonObject reply = QJsonDocument::fromJson(socket.readLine()).object();
                        const int id = reply.value(QStringLiteral("id")).toInt();
                        if (id > first && reply.contains(QStringLiteral("result"))) {
                            lastAcked = qMax(lastAcked, id);
                            return;
                        }
                    }
                }
            };
            // Odd rounds kill blind, maybe before anything was written; even rounds first wait for
            // an acknowledgement (a loaded sanitizer build can be slow to give one), so every run
            // tests the promise at least once.
            if (round % 2 == 0) readAcks(QDeadlineTimer(15000));
            QDeadlineTimer killAt(5 + int(QRandomGenerator::global()->bounded(60)));
            while (!killAt.hasExpired())
                readAcks(killAt);
            ::kill(pid_t(daemon.processId()), SIGKILL);
            QVERIFY(daemon.waitForFinished(5000));
            // Replies that were on their way when the engine died still count as acknowledged.
            while (socket.canReadLine() || socket.bytesAvailable()) {
                if (!socket.canReadLine()) break;
                const QJsonObject reply = QJsonDocument::fromJson(socket.readLine()).object();
                if (reply.contains(QStringLiteral("result")))
                    lastAcked = qMax(lastAcked, reply.value(QStringLiteral("id")).toInt());
            }

            QString error;
            const QByteArray text = readFile(paths.instanceConfigFile(QStringLiteral("MSConnInst1")));
            auto config = InstanceConfig::parse(text, &error);
            QVERIFY2(config, qPrintable(QStringLiteral("round %1: torn config: %2").arg(round).arg(error)));
            const QString server =
                config->settings.value(QStringLiteral("mailSystem.general.server")).toString();
            if (lastAcked > 0)
                QVERIFY2(serialOf(server) >= lastAcked,
                         qPrintable(QStringLiteral("round %1: acknowledged v%2 but the file holds %3")
                                        .arg(round)
                                        .arg(lastAcked)
                                        .arg(server)));
            // No temp files pile up in the instance dir.
            const QStringList leftovers =
                QDir(paths.instanceDir(QStringLiteral("MSConnInst1")))
                    .entryList({QStringLiteral(".*tmp*")}, QDir::Files | QDir::Hidden);
            QVERIFY(leftovers.size() <= 1); // at most the one write the kill interrupted
            for (const QString& f : leftovers)
                QFile::remove(paths.instanceDir(QStringLiteral("MSConnInst1")) + QLatin1Char('/') + f);
        }
        QVERIFY2(lastAcked > 0, "no write was ever acknowledged; the test did not test anything");
        qInfo("%d config writes sent over 12 SIGKILLed runs; last acknowledged #%d was on disk every time",
              serial, lastAcked);
    }
};

QTEST_GUILESS_MAIN(TstCrashConfig)
#include "tst_crash_config.moc"
