// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 2 figures: engine idle (CPU, RSS) with 10 instances, and 10,000 engine.status calls over
// the Unix socket from one client, side by side with a peer measured in the same run: a minimal
// line-echo server on a Unix socket (this binary with --echo), the ceiling for one request, one
// reply over the same transport.
#include "engine/client/Paths.h"
#include "engine/client/RpcProtocol.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>
#include <csignal>
#include <cstdio>
#include <unistd.h>

using namespace umgate;

namespace {
QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

struct ProcStat
{
    qint64 cpuTicks = 0;
    qint64 rssKb = 0;
};

ProcStat procStat(qint64 pid)
{
    ProcStat s;
    const QByteArray stat = readFile(QStringLiteral("/proc/%1/stat").arg(pid));
    const QList<QByteArray> f = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    if (f.size() > 13) s.cpuTicks = f.at(11).toLongLong() + f.at(12).toLongLong();
    for (const QByteArray& line : readFile(QStringLiteral("/proc/%1/status").arg(pid)).split('\n'))
        if (line.startsWith("VmRSS:")) s.rssKb = line.mid(6).trimmed().split(' ').first().toLongLong();
    return s;
}

bool waitLine(QLocalSocket& s, QByteArray* line, int ms = 10000)
{
    QDeadlineTimer deadline(ms);
    while (!s.canReadLine()) {
        if (deadline.hasExpired() || s.state() != QLocalSocket::ConnectedState) return false;
        s.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime())));
    }
    *line = s.readLine();
    return true;
}

QJsonObject call(QLocalSocket& s, qint64 id, rpc::Method m, const QJsonObject& params = {})
{
    s.write(rpc::requestLine(id, rpc::methodName(m), params) + '\n');
    QByteArray line;
    for (int i = 0; i < 1000 && waitLine(s, &line); ++i) {
        QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.contains(QStringLiteral("id"))) return o;
    }
    return {};
}

// Sequential request/reply round trips; returns calls per second.
double measure(QLocalSocket& s, int calls, rpc::Method m)
{
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < calls; ++i)
        if (call(s, 1000 + i, m).isEmpty()) return 0;
    return calls * 1000.0 / qMax<qint64>(1, t.elapsed());
}

int echoServer(const QString& path)
{
    QLocalServer::removeServer(path);
    QLocalServer server;
    if (!server.listen(path)) return 1;
    // A canned reply of the size of a real engine.status answer keeps the comparison fair.
    const QByteArray reply =
        rpc::resultLine(1, QJsonObject{{QStringLiteral("echo"), QString(1200, QLatin1Char('x'))}}) + '\n';
    QObject::connect(&server, &QLocalServer::newConnection, &server, [&] {
        QLocalSocket* c = server.nextPendingConnection();
        QObject::connect(c, &QLocalSocket::readyRead, c, [c, reply] {
            while (c->canReadLine()) {
                c->readLine();
                c->write(reply);
            }
        });
    });
    return QCoreApplication::exec();
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() == 3 && args.at(1) == QLatin1String("--echo")) return echoServer(args.at(2));
    const int calls = 10000;

    QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/ugb-XXXXXX"));
    const Paths paths(dir.path());
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    const int basePort = probe.serverPort();
    probe.close();

    QProcess daemon;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
    daemon.setProcessEnvironment(env);
    daemon.setStandardErrorFile(dir.filePath(QStringLiteral("umgated.log")));
    daemon.start(QStringLiteral(UMGATED_PATH), {QStringLiteral("--data-dir"), dir.path(),
                                                QStringLiteral("--base-port"), QString::number(basePort)});
    if (!daemon.waitForStarted(5000)) return 1;
    QLocalSocket s;
    for (int i = 0; i < 300 && s.state() != QLocalSocket::ConnectedState; ++i) {
        QThread::msleep(20);
        if (QFile::exists(paths.cookieFile())) {
            s.connectToServer(paths.socketFile());
            s.waitForConnected(500);
        }
    }
    if (s.state() != QLocalSocket::ConnectedState) {
        std::fprintf(stderr, "engine did not start\n");
        return 1;
    }
    call(s, 1, rpc::Method::RpcVersion,
         {{QStringLiteral("token"), QString::fromLatin1(readFile(paths.cookieFile()).trimmed())}});
    for (int i = 2; i <= 10; ++i)
        call(s, i, rpc::Method::InstanceCreate,
             {{QStringLiteral("id"), QStringLiteral("Inst%1").arg(i)},
              {QStringLiteral("name"), QStringLiteral("Instance %1").arg(i)}});
    const int instances = int(call(s, 11, rpc::Method::InstanceList)
                                  .value(QStringLiteral("result"))
                                  .toObject()
                                  .value(QStringLiteral("instances"))
                                  .toArray()
                                  .size());

    // Idle: 5 s with nothing to do, connection open.
    const qint64 pid = daemon.processId();
    const ProcStat before = procStat(pid);
    QThread::sleep(5);
    const ProcStat after = procStat(pid);
    const double idleCpuPercent =
        (after.cpuTicks - before.cpuTicks) * 100.0 / (5.0 * double(sysconf(_SC_CLK_TCK)));

    const double engineRate = measure(s, calls, rpc::Method::EngineStatus);
    const ProcStat busy = procStat(pid);

    const QString echoPath = dir.filePath(QStringLiteral("echo.sock"));
    QProcess echo;
    echo.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--echo"), echoPath});
    echo.waitForStarted(5000);
    QLocalSocket e;
    for (int i = 0; i < 300 && e.state() != QLocalSocket::ConnectedState; ++i) {
        QThread::msleep(20);
        e.connectToServer(echoPath);
        e.waitForConnected(500);
    }
    const double echoRate = measure(e, calls, rpc::Method::EngineStatus);
    echo.kill();
    echo.waitForFinished();

    ::kill(pid_t(pid), SIGTERM);
    daemon.waitForFinished(10000);

    std::printf("umgate bench_rpc (issue 2)\n");
    std::printf("  instances configured           %d\n", instances);
    std::printf("  engine idle CPU over 5 s       %.2f %%\n", idleCpuPercent);
    std::printf("  engine idle RSS                %.1f MB (goal < 30 MB)\n", before.rssKb / 1024.0);
    std::printf("  engine RSS after %d calls   %.1f MB\n", calls, busy.rssKb / 1024.0);
    std::printf("  engine.status, 1 client        %.0f calls/s\n", engineRate);
    std::printf("  peer: Unix-socket line echo    %.0f calls/s\n", echoRate);
    std::printf("  ratio engine / echo peer       %.2fx\n", echoRate > 0 ? engineRate / echoRate : 0.0);
    return engineRate > 0 && echoRate > 0 ? 0 : 1;
}
