// SPDX-License-Identifier: GPL-3.0-or-later
// umgated as an administrator meets it: --help/--version, a clean stop on SIGTERM, hand edits of
// instance.json taking effect (or being refused) while it runs, the instance's SMTP listener, and
// a port that another program holds.
#include "UmgatedProcess.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <functional>

using namespace umgate;
using umgate::test::CtlResult;
using umgate::test::readAll;
using umgate::test::runCtl;
using umgate::test::UmgatedProcess;

namespace {

// Replaces a file the way an editor or a config management tool does: write beside, rename over.
bool replaceFile(const QString& path, const QByteArray& data)
{
    const QString tmp = path + QStringLiteral(".edit");
    QFile f(tmp);
    if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size()) return false;
    f.close();
    return ::rename(QFile::encodeName(tmp).constData(), QFile::encodeName(path).constData()) == 0;
}

QJsonObject statusOf(const UmgatedProcess& d)
{
    const CtlResult r = runCtl(d.dataDir(), {QStringLiteral("--json"), QStringLiteral("status")});
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

QJsonObject instanceOf(const UmgatedProcess& d, const QString& id)
{
    for (const auto& v : statusOf(d).value(QStringLiteral("instances")).toArray())
        if (v.toObject().value(QStringLiteral("id")).toString() == id) return v.toObject();
    return {};
}

QString configValue(const UmgatedProcess& d, const QString& key)
{
    const CtlResult r = runCtl(d.dataDir(), {QStringLiteral("--json"), QStringLiteral("config"),
                                             QStringLiteral("get"), QStringLiteral("MSConnInst1"), key});
    return QString::fromUtf8(
        QJsonDocument(
            QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("values")).toObject())
            .toJson(QJsonDocument::Compact));
}

QJsonObject waitForInstance(UmgatedProcess& d, const std::function<bool(const QJsonObject&)>& done)
{
    QJsonObject last;
    (void)QTest::qWaitFor(
        [&] {
            last = instanceOf(d, QStringLiteral("MSConnInst1"));
            return done(last);
        },
        10000);
    return last;
}

bool greets(quint16 port)
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    if (!s.waitForConnected(5000)) return false;
    (void)QTest::qWaitFor([&] { return s.canReadLine() || s.waitForReadyRead(100); }, 5000);
    return s.readLine().startsWith("220 ");
}

} // namespace

class TstDaemon : public QObject
{
    Q_OBJECT
private slots:
    void helpAndVersion()
    {
        QProcess p;
        p.start(QStringLiteral(UMGATED_BIN), {QStringLiteral("--version")});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(p.readAllStandardOutput().contains(UMGATE_VERSION));
        p.start(QStringLiteral(UMGATED_BIN), {QStringLiteral("--help")});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 0);
        const QByteArray help = p.readAllStandardOutput();
        QVERIFY(help.contains("--data-dir"));
        QVERIFY(help.contains("--base-port"));
        p.start(QStringLiteral(UMGATED_BIN), {QStringLiteral("--base-port"), QStringLiteral("99999")});
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(p.exitCode(), 2);
    }

    void sigtermStopsCleanly()
    {
        UmgatedProcess d;
        QString error;
        QVERIFY2(d.start(&error), qPrintable(error));
        d.stop(); // SIGTERM
        QVERIFY(!QFile::exists(d.paths().socketFile()));
        QVERIFY(!QFile::exists(d.paths().cookieFile()));
        QVERIFY(d.log().contains("stopping"));
        // The lock was released: a new engine starts on the same data dir.
        QVERIFY2(d.start(&error), qPrintable(error));
        QCOMPARE(instanceOf(d, QStringLiteral("MSConnInst1")).value(QStringLiteral("state")).toString(),
                 QStringLiteral("running"));
    }

    void startsAfterSigkill()
    {
        UmgatedProcess d;
        QString error;
        QVERIFY2(d.start(&error), qPrintable(error));
        d.kill();
        QVERIFY(QFile::exists(d.paths().socketFile())); // stale
        QVERIFY2(d.start(&error), qPrintable(error));
        QVERIFY(statusOf(d).contains(QStringLiteral("version")));
    }

    void handEditsTakeEffectOrAreRefused()
    {
        UmgatedProcess d;
        QString error;
        QVERIFY2(d.start(&error), qPrintable(error));
        const QString file = d.paths().instanceConfigFile(QStringLiteral("MSConnInst1"));
        const QByteArray original = readAll(file);
        QVERIFY(original.contains("\"mailSystem.general.server\": \"\""));

        QVERIFY(replaceFile(
            file, QByteArray(original).replace("\"mailSystem.general.server\": \"\"",
                                               "\"mailSystem.general.server\": \"mx.example.net\"")));
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         return configValue(d, QStringLiteral("mailSystem.general.server"))
                             .contains(QStringLiteral("mx.example.net"));
                     },
                     10000),
                 qPrintable(configValue(d, QStringLiteral("mailSystem.general.server"))));

        // An invalid edit is logged and the running configuration stays.
        QVERIFY(replaceFile(file, QByteArray(original).replace("\"mailSystem.general.port\": 25",
                                                               "\"mailSystem.general.port\": 0")));
        QVERIFY(QTest::qWaitFor([&] { return d.log().contains("running configuration is kept"); }, 10000));
        QVERIFY(configValue(d, QStringLiteral("mailSystem.general.server"))
                    .contains(QStringLiteral("mx.example.net")));
        QVERIFY(configValue(d, QStringLiteral("mailSystem.general.port")).contains(QStringLiteral("25")));
    }

    void listenerGreets()
    {
        UmgatedProcess d;
        QString error;
        QVERIFY2(d.start(&error), qPrintable(error));
        const QString listen =
            instanceOf(d, QStringLiteral("MSConnInst1")).value(QStringLiteral("listen")).toString();
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, quint16(listen.section(QLatin1Char(':'), 1).toUInt()));
        QVERIFY(s.waitForConnected(5000));
        QVERIFY(QTest::qWaitFor([&] { return s.canReadLine() || s.waitForReadyRead(100); }, 5000));
        // The instance's SMTP listener greets (tst_inbound_smtp has the rest of the dialogue).
        QVERIFY(s.readLine().startsWith("220 "));
    }

    void aBusyPortKeepsTheOldListenerOrFails()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        UmgatedProcess d;
        QString error;
        QVERIFY2(d.start(&error), qPrintable(error));
        const QString before =
            instanceOf(d, QStringLiteral("MSConnInst1")).value(QStringLiteral("listen")).toString();
        const auto oldPort = quint16(before.section(QLatin1Char(':'), 1).toUInt());
        QVERIFY(greets(oldPort));
        CtlResult r =
            runCtl(d.dataDir(),
                   {QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("MSConnInst1"),
                    QStringLiteral("general.ipAddresses.port"), QString::number(squatter.serverPort())});
        QCOMPARE(r.exitCode, 0);
        // Moved to a busy port while serving: the old port keeps taking mail and the status says so.
        QJsonObject o = waitForInstance(d, [](const QJsonObject& i) {
            return i.value(QStringLiteral("error")).toString().contains(QStringLiteral("cannot listen"));
        });
        QCOMPARE(o.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
        QVERIFY2(o.value(QStringLiteral("error"))
                     .toString()
                     .contains(QStringLiteral("still listening on ") + before),
                 qPrintable(o.value(QStringLiteral("error")).toString()));
        QCOMPARE(o.value(QStringLiteral("listen")).toString(), before);
        QVERIFY(greets(oldPort));
        // Started with the busy port and nothing to fall back on: failed, with the reason.
        d.stop();
        QVERIFY2(d.start(&error), qPrintable(error));
        o = waitForInstance(d, [](const QJsonObject& i) {
            return i.value(QStringLiteral("state")).toString() == QLatin1String("failed");
        });
        QCOMPARE(o.value(QStringLiteral("state")).toString(), QStringLiteral("failed"));
        QVERIFY(o.value(QStringLiteral("error")).toString().contains(QStringLiteral("cannot listen")));
        // Freed: moving the instance back to a free port brings it back.
        r = runCtl(d.dataDir(),
                   {QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("MSConnInst1"),
                    QStringLiteral("general.ipAddresses.port"), QString::number(UmgatedProcess::freePort())});
        QCOMPARE(r.exitCode, 0);
        o = waitForInstance(d, [](const QJsonObject& i) {
            return i.value(QStringLiteral("state")).toString() == QLatin1String("running");
        });
        QCOMPARE(o.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
        QVERIFY(!o.contains(QStringLiteral("error")));
    }
};

QTEST_GUILESS_MAIN(TstDaemon)
#include "tst_daemon.moc"
