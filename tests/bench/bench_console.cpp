// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 5 figures: the console's user table with 100,000 directory entries (the embedded
// directory of a real umgated): time to load every page into UserTableModel and time to filter
// it, and the bench process's RSS growth with the table loaded. Peers in the same run: the same
// pages fetched with a bare RpcClient (the transfer itself), and a plain loop over the same
// strings (the least a filter must do). Also the console's start: `umgate` launched against the
// running engine until its first painted window (and until the first paint with the engine's tree
// filled in), beside a minimal Qt Widgets window started the same way (this binary with
// --peer-window) as the peer.
#include "engine/client/Paths.h"
#include "models/console/EngineConnection.h"
#include "models/console/UserTableModel.h"
#include "models/rpc/RpcClient.h"
#include "tests/TestUsers.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QMainWindow>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>
#include <cstdio>
#include <vector>

using namespace umgate;
using namespace Qt::StringLiterals;

namespace {
constexpr int kUsers = 100000;

qint64 rssKb()
{
    QFile f(u"/proc/self/status"_s);
    if (!f.open(QIODevice::ReadOnly)) return 0;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:")) return line.mid(6).trimmed().split(' ').first().toLongLong();
    return 0;
}

bool waitFor(const std::function<bool()>& done, int ms)
{
    QDeadlineTimer deadline(ms);
    while (!done()) {
        if (deadline.hasExpired()) return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::usleep(200);
    }
    return true;
}

// Median wall time of `runs` launches of a program that quits after its first paint.
double medianStartMs(const QString& program, const QStringList& args, const QByteArray& probe, int runs)
{
    std::vector<double> times;
    for (int i = 0; i < runs; ++i) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        env.insert(u"UMGATE_EXIT_AFTER_FIRST_PAINT"_s, QString::fromLatin1(probe));
        p.setProcessEnvironment(env);
        p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QElapsedTimer t;
        t.start();
        p.start(program, args);
        if (!p.waitForFinished(30000) || p.exitCode() != 0) return -1;
        times.push_back(t.nsecsElapsed() / 1e6);
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

// --peer-window: the least a Qt Widgets program does to show a window.
int peerWindow(int argc, char** argv)
{
    QApplication app(argc, argv);
    QMainWindow w;
    w.setCentralWidget(new QLabel(u"peer"_s));
    w.resize(1100, 720);
    struct Probe : QObject
    {
        bool eventFilter(QObject* o, QEvent* e) override
        {
            if (e->type() == QEvent::UpdateRequest)
                QMetaObject::invokeMethod(
                    qApp, [] { QCoreApplication::exit(0); }, Qt::QueuedConnection);
            return QObject::eventFilter(o, e);
        }
    } probe;
    w.installEventFilter(&probe);
    w.show();
    return QApplication::exec();
}

bool startDaemon(QProcess& p, const QString& dir, int port)
{
    p.setProgram(QStringLiteral(UMGATED_PATH));
    p.setArguments({u"--data-dir"_s, dir, u"--base-port"_s, QString::number(port)});
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p.start();
    return p.waitForStarted(5000) && waitFor([&] { return QFile::exists(Paths(dir).socketFile()); }, 20000);
}
} // namespace

int main(int argc, char** argv)
{
    if (argc > 1 && qstrcmp(argv[1], "--peer-window") == 0) return peerWindow(argc, argv);
    QCoreApplication app(argc, argv);
    QTemporaryDir dir(QDir::tempPath() + u"/ugb-XXXXXX"_s);
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost);
    const int port = probe.serverPort();
    probe.close();
    QProcess daemon;
    // First start creates the default instance; its embedded directory is then filled.
    if (!startDaemon(daemon, dir.path(), port)) return std::fprintf(stderr, "umgated did not start\n"), 1;
    daemon.terminate();
    daemon.waitForFinished(10000);
    {
        QFile ldif(Paths(dir.path()).instanceDirectoryFile(u"MSConnInst1"_s));
        if (!ldif.open(QIODevice::WriteOnly)) return std::fprintf(stderr, "cannot write the LDIF\n"), 1;
        ldif.write(test::usersLdif(kUsers, 6));
    }
    if (!startDaemon(daemon, dir.path(), port)) return std::fprintf(stderr, "umgated did not restart\n"), 1;

    EngineConnection connection;
    connection.connectLocal(dir.path());
    if (!waitFor([&] { return connection.state() == EngineConnection::State::Connected; }, 30000))
        return std::fprintf(stderr, "no connection: %s\n", qPrintable(connection.lastError())), 1;

    // Peer: the same pages with a bare client, nothing kept.
    QElapsedTimer t;
    t.start();
    int fetched = 0, total = -1;
    bool failed = false;
    double firstPageMs = 0;
    std::function<void()> next = [&] {
        connection.client()->exec(rpc::Method::UserList,
                                  {{u"id"_s, u"MSConnInst1"_s},
                                   {u"offset"_s, fetched},
                                   {u"limit"_s, 5000},
                                   {u"format"_s, u"rows"_s}},
                                  [&](const RpcResponse& r) {
                                      if (!r.ok) {
                                          failed = true;
                                          return;
                                      }
                                      if (total < 0) firstPageMs = t.nsecsElapsed() / 1e6;
                                      total = r.resultObject().value(u"total"_s).toInt();
                                      const int n = int(r.resultObject().value(u"rows"_s).toArray().size());
                                      fetched += n;
                                      if (n > 0 && fetched < total) next();
                                  });
    };
    next();
    if (!waitFor([&] { return failed || (total >= 0 && fetched >= total); }, 120000) || failed)
        return std::fprintf(stderr, "user.list failed\n"), 1;
    const double peerMs = t.nsecsElapsed() / 1e6;

    const qint64 rssBefore = rssKb();
    UserTableModel model(&connection, u"MSConnInst1"_s);
    bool finished = false, ok = false;
    QObject::connect(&model, &UserTableModel::loadFinished, [&](bool success) {
        finished = true;
        ok = success;
    });
    t.restart();
    model.loadAll();
    if (!waitFor([&] { return finished; }, 120000) || !ok) return std::fprintf(stderr, "loadAll failed\n"), 1;
    const double loadMs = t.nsecsElapsed() / 1e6;
    const qint64 rssAfter = rssKb();

    // Filter: a text that matches one user, then one that matches a tenth of them.
    t.restart();
    model.setFilterText(u"user054321"_s);
    const double filterOneMs = t.nsecsElapsed() / 1e6;
    const int oneRows = model.rowCount();
    t.restart();
    model.setFilterText(u"user01"_s);
    const double filterManyMs = t.nsecsElapsed() / 1e6;
    const int manyRows = model.rowCount();
    model.setFilterText(QString());

    // Peer for the filter: a loop over the same strings, nothing else.
    std::vector<QString> names;
    names.reserve(kUsers);
    for (int i = 0; i < model.loadedCount(); ++i)
        names.push_back(model.data(model.index(i, UserTableModel::UidColumn)).toString());
    t.restart();
    int hits = 0;
    for (const QString& n : names)
        hits += n.contains(u"user054321"_s, Qt::CaseInsensitive) ? 1 : 0;
    const double loopMs = qMax(0.001, t.nsecsElapsed() / 1e6);

    std::printf("users=%d loaded=%d\n", total, model.loadedCount());
    std::printf(
        "peer user.list pages (bare RpcClient): %.0f ms (first page, with the directory search: %.0f ms)\n",
        peerMs, firstPageMs);
    std::printf("UserTableModel loadAll: %.0f ms = %.2fx the bare transfer (goal < 1000 ms)\n", loadMs,
                loadMs / peerMs);
    std::printf(
        "filter to %d row(s): %.1f ms; to %d rows: %.1f ms (goal < 100 ms); plain loop %.1f ms = %.1fx\n",
        oneRows, filterOneMs, manyRows, filterManyMs, loopMs, filterOneMs / loopMs);
    std::printf("RSS with the table loaded: +%.0f MB (%.0f bytes per user)\n",
                (rssAfter - rssBefore) / 1024.0,
                (rssAfter - rssBefore) * 1024.0 / qMax(1, model.loadedCount()));
    Q_UNUSED(hits);

    const double peerStart =
        medianStartMs(QCoreApplication::applicationFilePath(), {u"--peer-window"_s}, "1", 5);
    const double consoleStart =
        medianStartMs(QStringLiteral(UMGATE_PATH), {u"--data-dir"_s, dir.path()}, "1", 5);
    const double consoleReady =
        medianStartMs(QStringLiteral(UMGATE_PATH), {u"--data-dir"_s, dir.path()}, "connected", 5);
    std::printf("console start to first painted window: %.0f ms = %.2fx a minimal Qt window (%.0f ms); "
                "with the engine's tree filled in: %.0f ms (offscreen, median of 5)\n",
                consoleStart, consoleStart / peerStart, peerStart, consoleReady);
    connection.disconnectFromEngine();
    daemon.terminate();
    daemon.waitForFinished(10000);
    return 0;
}
