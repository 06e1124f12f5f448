// SPDX-License-Identifier: GPL-3.0-or-later
// umgated: the engine daemon. Thin on purpose; everything it does lives in engine/.
#include "engine/Engine.h"
#include "engine/client/Paths.h"
#include "engine/core/Log.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QSocketNotifier>
#include <csignal>
#include <cstdio>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {
int g_signalPipe[2] = {-1, -1};

void onSignal(int signo)
{
    const char c = char(signo);
    [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[1], &c, 1);
}
} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("umgated"));
    QCoreApplication::setApplicationVersion(QStringLiteral(UMGATE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "umgate engine: runs every enabled connector instance and serves the JSON-RPC channel\n"
        "that umgatectl and the console use. Runs in the foreground; stop it with SIGTERM."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption dataDir(QStringLiteral("data-dir"),
                               QStringLiteral("Data directory (default: $UMGATE_DATA_DIR, else %1).")
                                   .arg(umgate::Paths::defaultDataDir()),
                               QStringLiteral("DIR"), umgate::Paths::defaultDataDir());
    parser.addOption(dataDir);
    QCommandLineOption basePort(
        QStringLiteral("base-port"),
        QStringLiteral("First SMTP listener port for instances created on first start or by "
                       "'instance create' (default 2525; the next free one is taken)."),
        QStringLiteral("PORT"));
    parser.addOption(basePort);
    parser.process(app);

    // Log lines go to stderr, where systemd's journal or the terminal picks them up.
    QObject::connect(
        &umgate::Log::instance(), &umgate::Log::line, &app,
        [](umgate::Log::Level level, const QString& id, const QString& text, const QDateTime& time) {
            const QString line = QStringLiteral("%1 %2 %3%4\n")
                                     .arg(time.toString(Qt::ISODateWithMs), umgate::Log::levelName(level),
                                          id.isEmpty() ? QString() : QStringLiteral("[%1] ").arg(id), text);
            std::fputs(line.toLocal8Bit().constData(), stderr);
        });

    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, g_signalPipe) != 0) return 1;
    ::fcntl(g_signalPipe[1], F_SETFL, O_NONBLOCK);
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    ::sigaction(SIGTERM, &sa, nullptr);
    ::sigaction(SIGINT, &sa, nullptr);
    ::signal(SIGPIPE, SIG_IGN);

    umgate::Engine engine(parser.value(dataDir));
    if (parser.isSet(basePort)) {
        bool ok = false;
        const int port = parser.value(basePort).toInt(&ok);
        if (!ok || port < 1 || port > 65535) {
            std::fprintf(stderr, "umgated: --base-port expects a port number from 1 to 65535\n");
            return 2;
        }
        engine.setBasePort(port);
    }
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [&] {
        char c = 0;
        [[maybe_unused]] const ssize_t n = ::read(g_signalPipe[0], &c, 1);
        umgate::Log::info({}, QStringLiteral("signal %1: stopping").arg(int(c)));
        engine.stop();
        QCoreApplication::exit(0);
    });
    QObject::connect(&engine, &umgate::Engine::started, &app, [&](const QString& error) {
        if (!error.isEmpty()) {
            std::fprintf(stderr, "umgated: %s\n", qPrintable(error));
            QCoreApplication::exit(1);
            return;
        }
        std::fprintf(
            stderr,
            "umgated %s ready\n  data:   %s\n  socket: %s\n  try:    umgatectl --data-dir %s status\n",
            UMGATE_VERSION, qPrintable(engine.paths().dataDir()), qPrintable(engine.paths().socketFile()),
            qPrintable(engine.paths().dataDir()));
    });
    engine.start();
    return app.exec();
}
