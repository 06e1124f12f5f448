// SPDX-License-Identifier: GPL-3.0-or-later
// Remote engines the console remembers: the address in QSettings, the admin token in a real
// Secret Service (gnome-keyring on a private D-Bus, the keychain fixture), never in QSettings.
#include "GuiTest.h"
#include "models/console/RemoteEngineStore.h"
#include "tests/FixtureEnv.h"

#include <QApplication>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace umgate;
using namespace Qt::StringLiterals;

class TestConsoleRemoteTokens : public QObject
{
    Q_OBJECT
    QTemporaryDir m_home;

private slots:
    void initTestCase()
    {
        QVERIFY(test::kOffscreen);
        const QHash<QString, QString> env = test::fixtureEnv(u"keychain"_s);
        QVERIFY2(env.contains(u"DBUS_SESSION_BUS_ADDRESS"_s), "the keychain fixture did not run");
        // Before the first D-Bus call: QtKeychain connects to the fixture's private bus.
        for (auto it = env.begin(); it != env.end(); ++it)
            qputenv(it.key().toLatin1().constData(), it.value().toUtf8());
        // QSettings of this test in a temporary place, so the check below reads only our file.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"umgate-test"_s);
        QCoreApplication::setApplicationName(u"remote-tokens-%1"_s.arg(QCoreApplication::applicationPid()));
    }

    void tokenGoesToTheKeychainNotToSettings()
    {
        const QString token = u"tok-%1-secret"_s.arg(QDateTime::currentMSecsSinceEpoch());
        const QUrl url(u"umgate://gateway.example.com:4650"_s);
        RemoteEngineStore store;
        QString error = u"pending"_s;
        store.remember({url, u"/etc/umgate/ca.pem"_s}, token, [&](const QString& e) { error = e; });
        QTRY_VERIFY_WITH_TIMEOUT(error != u"pending"_s, 20000);
        QVERIFY2(error.isEmpty(), qPrintable(error));

        // The address is remembered; the token is nowhere in the settings file.
        QCOMPARE(store.entries().size(), 1);
        QCOMPARE(store.entries().first().url, url);
        QSettings settings;
        settings.sync();
        QFile file(settings.fileName());
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(settings.fileName()));
        const QByteArray text = file.readAll();
        QVERIFY(text.contains("gateway.example.com"));
        QVERIFY2(!text.contains(token.toUtf8()), text.constData());

        // A new store (the next console start) reads it back from the keychain.
        RemoteEngineStore again;
        QString read, readError = u"pending"_s;
        again.readToken(url, [&](const QString& t, const QString& e) {
            read = t;
            readError = e;
        });
        QTRY_VERIFY_WITH_TIMEOUT(readError != u"pending"_s, 20000);
        QVERIFY2(readError.isEmpty(), qPrintable(readError));
        QCOMPARE(read, token);

        // Forgetting removes both.
        again.forget(url);
        QTRY_VERIFY_WITH_TIMEOUT(again.entries().isEmpty(), 5000);
        QString gone = u"pending"_s, goneError;
        again.readToken(url, [&](const QString& t, const QString& e) {
            gone = t;
            goneError = e;
        });
        QTRY_VERIFY_WITH_TIMEOUT(gone != u"pending"_s, 20000);
        QVERIFY(gone.isEmpty());
    }
};

QTEST_MAIN(TestConsoleRemoteTokens)
#include "tst_console_remote_tokens.moc"
