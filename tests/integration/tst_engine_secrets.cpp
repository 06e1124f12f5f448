// SPDX-License-Identifier: GPL-3.0-or-later
// The engine with a real Secret Service (gnome-keyring on the private D-Bus of the "keychain"
// fixture): passwords go to the keychain, never to a file; and once they are there, an engine
// started without the keychain says so instead of quietly switching to an empty secrets file.
#include "UmgatedProcess.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace umgate;
using umgate::test::CtlResult;
using umgate::test::UmgatedProcess;

namespace {
CtlResult ctl(const UmgatedProcess& daemon, const QStringList& args, const QByteArray& input = {})
{
    return umgate::test::runCtl(daemon.dataDir(), args, input);
}

QProcessEnvironment keychainEnvironment()
{
    QProcessEnvironment env;
    QFile f(qEnvironmentVariable("UMGATE_FIXTURE_DIR") + QStringLiteral("/keychain/keychain.env"));
    if (!f.open(QIODevice::ReadOnly)) return env;
    for (const QByteArray& line : f.readAll().split('\n')) {
        const qsizetype eq = line.indexOf('=');
        if (eq > 0) env.insert(QString::fromUtf8(line.left(eq)), QString::fromUtf8(line.mid(eq + 1)));
    }
    return env;
}

QString secretStoreOf(const UmgatedProcess& daemon)
{
    const CtlResult r = ctl(daemon, {QStringLiteral("--json"), QStringLiteral("status")});
    return QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("secretStore")).toString();
}
} // namespace

class TstEngineSecrets : public QObject
{
    Q_OBJECT
private slots:
    void keychainHoldsThePasswordsAndStaysChosen()
    {
        const QProcessEnvironment keychain = keychainEnvironment();
        QVERIFY2(keychain.contains(QStringLiteral("DBUS_SESSION_BUS_ADDRESS")),
                 "keychain fixture not running");
        UmgatedProcess daemon;
        daemon.setExtraEnvironment(keychain);
        QString error;
        QVERIFY2(daemon.start(&error), qPrintable(error));
        QVERIFY2(secretStoreOf(daemon).contains(QStringLiteral("Secret Service")),
                 qPrintable(secretStoreOf(daemon)));

        const QByteArray password = "k3yring-\xc3\xa4-pw";
        CtlResult r = ctl(daemon,
                          {QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("MSConnInst1"),
                           QStringLiteral("ldap.registrationData.password"), QStringLiteral("-")},
                          password + '\n');
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(!QFile::exists(daemon.paths().secretsFile()));
        r = ctl(daemon, {QStringLiteral("--json"), QStringLiteral("config"), QStringLiteral("get"),
                         QStringLiteral("MSConnInst1"), QStringLiteral("ldap.registrationData.password")});
        QVERIFY2(!r.out.toUtf8().contains(password), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("\"set\":true")) ||
                r.out.contains(QStringLiteral("\"set\": true")));
        QVERIFY(!daemon.log().contains(password));

        // Restart without a session bus: the engine must not fall back to an empty file store.
        daemon.stop();
        daemon.setExtraEnvironment({});
        QVERIFY2(daemon.start(&error), qPrintable(error));
        QVERIFY2(secretStoreOf(daemon).contains(QStringLiteral("unavailable")),
                 qPrintable(secretStoreOf(daemon)));
        r = ctl(daemon,
                {QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("MSConnInst1"),
                 QStringLiteral("mailSystem.authentication.password"), QStringLiteral("-")},
                "x\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("Secret Service")), qPrintable(r.err));
        QVERIFY(!QFile::exists(daemon.paths().secretsFile()));

        // With the keychain back, everything works again.
        daemon.stop();
        daemon.setExtraEnvironment(keychain);
        QVERIFY2(daemon.start(&error), qPrintable(error));
        QVERIFY(secretStoreOf(daemon).contains(QStringLiteral("Secret Service")));
        r = ctl(daemon,
                {QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("MSConnInst1"),
                 QStringLiteral("mailSystem.authentication.password"), QStringLiteral("-")},
                "y\n");
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TstEngineSecrets)
#include "tst_engine_secrets.moc"
