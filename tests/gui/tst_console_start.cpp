// SPDX-License-Identifier: GPL-3.0-or-later
// The umgate program itself (README's main command): with no engine running it starts the
// bundled umgated for its data dir and connects; without any display it says so and runs the
// engine in its place.
#include "GuiTest.h"
#include "engine/client/Paths.h"

#include <QDir>
#include <QDirIterator>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace umgate;
using namespace Qt::StringLiterals;

namespace {
// The umgated serving `dataDir`, found by its command line (it was started detached).
qint64 daemonFor(const QString& dataDir)
{
    const QStringList pids = QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& pid : pids) {
        bool number = false;
        const qint64 n = pid.toLongLong(&number);
        if (!number) continue;
        QFile f(u"/proc/%1/cmdline"_s.arg(pid));
        if (!f.open(QIODevice::ReadOnly)) continue;
        const QList<QByteArray> args = f.readAll().split('\0');
        if (!args.isEmpty() && args.first().endsWith("umgated") && args.contains(dataDir.toLocal8Bit()))
            return n;
    }
    return 0;
}

void stopDaemon(qint64 pid)
{
    if (pid <= 0) return;
    ::kill(pid_t(pid), SIGTERM);
    if (!QTest::qWaitFor([pid] { return !QFile::exists(u"/proc/%1"_s.arg(pid)); }, 10000))
        ::kill(pid_t(pid), SIGKILL);
}
} // namespace

class TestConsoleStart : public QObject
{
    Q_OBJECT

private slots:
    void startsTheBundledEngineAndConnects()
    {
        QTemporaryDir dir(QDir::tempPath() + u"/ugs-XXXXXX"_s);
        QProcess console;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
        env.insert(u"UMGATE_EXIT_AFTER_FIRST_PAINT"_s, u"connected"_s);
        env.remove(u"DBUS_SESSION_BUS_ADDRESS"_s);
        console.setProcessEnvironment(env);
        console.start(QStringLiteral(UMGATE_BIN), {u"--data-dir"_s, dir.path()});
        const bool finished = console.waitForFinished(60000);
        const qint64 daemon = daemonFor(dir.path());
        const auto cleanup = qScopeGuard([daemon] { stopDaemon(daemon); });
        QVERIFY2(finished, "the console did not reach a connected, painted window within 60 s");
        QCOMPARE(console.exitCode(), 0);
        QVERIFY2(daemon > 0, "no umgated runs for the data dir");
        QVERIFY(QFile::exists(Paths(dir.path()).socketFile()));
    }

    void withoutDisplayRunsTheEngine()
    {
        QTemporaryDir dir(QDir::tempPath() + u"/ugs-XXXXXX"_s);
        QProcess console;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString& name :
             {u"DISPLAY"_s, u"WAYLAND_DISPLAY"_s, u"QT_QPA_PLATFORM"_s, u"DBUS_SESSION_BUS_ADDRESS"_s})
            env.remove(name);
        console.setProcessEnvironment(env);
        console.start(QStringLiteral(UMGATE_BIN), {u"--data-dir"_s, dir.path()});
        QVERIFY(console.waitForStarted(5000));
        const auto cleanup = qScopeGuard([&console] {
            console.terminate();
            if (!console.waitForFinished(10000)) console.kill();
        });
        // The same process becomes the engine (exec): its socket appears.
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(Paths(dir.path()).socketFile()), 20000);
        QCOMPARE(daemonFor(dir.path()), console.processId());
        const QByteArray said = console.readAllStandardError();
        QVERIFY2(said.contains("no display") && said.contains("running the engine instead"),
                 said.constData());
    }
};

QTEST_GUILESS_MAIN(TestConsoleStart)
#include "tst_console_start.moc"
