// SPDX-License-Identifier: GPL-3.0-or-later
// umgate: the admin console. Connects to the local engine of a data dir (starting the bundled
// umgated when none answers) or to a remote engine over TLS.

#include "engine/client/EngineTarget.h"
#include "engine/client/Paths.h"
#include "models/console/EngineConnection.h"
#include "models/rpc/RpcClient.h"
#include "views/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QProcess>
#include <QStatusBar>
#include <QTranslator>
#include <QUrl>
#include <cstdio>
#include <memory>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {
// Quits after the main window painted (the event after an UpdateRequest runs once it is drawn).
class FirstPaintProbe : public QObject
{
public:
    FirstPaintProbe(umgate::EngineConnection* connection, bool waitForEngine, QObject* parent)
        : QObject(parent), m_connection(connection), m_waitForEngine(waitForEngine)
    {
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::UpdateRequest && !m_done &&
            (!m_waitForEngine || m_connection->state() == umgate::EngineConnection::State::Connected)) {
            m_done = true;
            QMetaObject::invokeMethod(
                qApp, [] { QCoreApplication::exit(0); }, Qt::QueuedConnection);
        }
        return QObject::eventFilter(watched, event);
    }

private:
    umgate::EngineConnection* m_connection;
    bool m_waitForEngine;
    bool m_done = false;
};
} // namespace

namespace {

QString bundledEngine()
{
    const QString dir = QCoreApplication::applicationDirPath();
    for (const QString& candidate : {dir + u"/umgated"_s, dir + u"/../umgated/umgated"_s,
                                     dir + u"/../sbin/umgated"_s, u"/usr/sbin/umgated"_s})
        if (QFileInfo(candidate).isExecutable()) return QFileInfo(candidate).canonicalFilePath();
    return {};
}

bool haveDisplay()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
           !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

} // namespace

int main(int argc, char** argv)
{
    // Without a display the console cannot open; the engine still can run (README's main command).
    if (!haveDisplay()) {
        QCoreApplication core(argc, argv);
        QCommandLineParser p;
        p.addOption({u"data-dir"_s, u"dir"_s, u"dir"_s});
        p.addOption({u"connect"_s, u"url"_s, u"url"_s});
        p.addOption({u"token-file"_s, u"file"_s, u"file"_s});
        p.addOption({u"ca"_s, u"file"_s, u"file"_s});
        p.addHelpOption();
        p.process(core);
        std::fprintf(stderr,
                     "umgate: no display (neither DISPLAY nor WAYLAND_DISPLAY is set), so the console "
                     "cannot open.\n");
        if (p.isSet(u"connect"_s)) return 1;
        const QString engine = bundledEngine();
        if (engine.isEmpty()) {
            std::fprintf(stderr, "umgate: umgated was not found next to umgate either.\n");
            return 1;
        }
        const QString dataDir =
            p.isSet(u"data-dir"_s) ? p.value(u"data-dir"_s) : umgate::Paths::defaultDataDir();
        std::fprintf(stderr, "umgate: running the engine instead: %s --data-dir %s\n", qPrintable(engine),
                     qPrintable(dataDir));
        const QByteArray exe = engine.toLocal8Bit();
        const QByteArray dir = dataDir.toLocal8Bit();
        const char* args[] = {exe.constData(), "--data-dir", dir.constData(), nullptr};
        ::execv(exe.constData(), const_cast<char* const*>(args));
        std::perror("umgate: execv umgated");
        return 1;
    }

    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"umgate"_s);
    QCoreApplication::setApplicationName(u"umgate"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(UMGATE_VERSION));

    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(&qtTranslator);
    QTranslator translator;
    if (translator.load(QLocale(), u"umgate"_s, u"_"_s, u":/i18n"_s)) app.installTranslator(&translator);

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "The umgate admin console."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataDirOption(
        u"data-dir"_s, QCoreApplication::translate("main", "The local engine's data directory."), u"dir"_s);
    const QCommandLineOption connectOption(
        u"connect"_s, QCoreApplication::translate("main", "A remote engine over TLS, umgate://HOST:PORT."),
        u"url"_s);
    const QCommandLineOption tokenOption(
        u"token-file"_s,
        QCoreApplication::translate("main", "Admin token for --connect (default: $UMGATE_TOKEN)."),
        u"file"_s);
    const QCommandLineOption caOption(
        u"ca"_s,
        QCoreApplication::translate("main",
                                    "PEM CA certificate(s) for --connect (default: $UMGATE_CA_FILE)."),
        u"file"_s);
    parser.addOptions({dataDirOption, connectOption, tokenOption, caOption});
    parser.process(app);
    if (parser.isSet(dataDirOption) && parser.isSet(connectOption)) {
        std::fprintf(stderr, "umgate: --data-dir and --connect exclude each other\n");
        return 2;
    }

    umgate::EngineTarget target;
    QString targetError;
    if (!umgate::EngineTarget::fromOptions({parser.value(dataDirOption), parser.value(connectOption),
                                            parser.value(tokenOption), parser.value(caOption)},
                                           &target, &targetError)) {
        std::fprintf(stderr, "umgate: %s\n", qPrintable(targetError));
        return 2;
    }

    umgate::MainWindow window;
    auto* connection = new umgate::EngineConnection(&window);
    window.addConnection(connection);

    if (target.isRemote()) {
        connection->connectRemote(target.url(), target.token(), target.tls());
    } else {
        const QString dataDir = target.dataDir();
        // The first failed attempt tells whether anything listens; if nothing does, start the
        // bundled engine once and let the connection's back-off pick it up.
        auto started = std::make_shared<bool>(false);
        QObject::connect(
            connection->client(), &umgate::RpcClient::errorOccurred, &window,
            [connection, dataDir, started, &window](const QString&) {
                if (*started || connection->client()->reachedEngine()) return;
                *started = true;
                const QString engine = bundledEngine();
                if (engine.isEmpty()) {
                    window.statusBar()->showMessage(
                        umgate::MainWindow::tr("No engine answers and umgated was not found."));
                    return;
                }
                QDir().mkpath(dataDir);
                if (!QProcess::startDetached(engine, {u"--data-dir"_s, dataDir}))
                    window.statusBar()->showMessage(
                        umgate::MainWindow::tr("No engine answers and %1 could not be started.").arg(engine));
                else
                    window.statusBar()->showMessage(
                        umgate::MainWindow::tr("Started the engine for %1.").arg(dataDir), 10000);
            });
        connection->connectLocal(dataDir);
    }

    window.restoreRemoteEngines();
    // tests/bench/bench_console: quit right after the first painted window ("1"), or after the
    // first paint once the engine's tree is there ("connected"), so the bench can time the start.
    const QByteArray probe = qgetenv("UMGATE_EXIT_AFTER_FIRST_PAINT");
    if (!probe.isEmpty()) {
        auto* filter = new FirstPaintProbe(connection, probe == "connected", &window);
        window.installEventFilter(filter);
    }
    window.show();
    return QApplication::exec();
}
