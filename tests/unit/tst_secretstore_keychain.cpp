// SPDX-License-Identifier: GPL-3.0-or-later
// Runs against the "keychain" CTest fixture (tests/fixtures/keychain.sh): a private session bus
// with gnome-keyring-daemon on it.
#include "engine/client/Paths.h"
#include "engine/secrets/KeychainSecretStore.h"
#include "engine/secrets/SecretStore.h"
#include "tests/unit/SecretStoreTestUtil.h"

#include <QFile>
#include <QLocalServer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <memory>

using umgate::KeychainSecretStore;
using umgate::Paths;
using umgate::SecretStore;
using namespace umgate::test;

namespace {

QString serviceName()
{
    return QStringLiteral("umgate-test-%1").arg(QCoreApplication::applicationPid());
}

// Child mode: `tst_secretstore_keychain --open-child auto|keychain DATADIR`, started with a
// DBUS_SESSION_BUS_ADDRESS that leads nowhere. A separate process because the session-bus
// connection, once made, is cached for the life of the process. Prints one line:
//   store <File|Keychain> <description>   or   error <message>
int openChild(const char* modeName, const char* dataDir)
{
    const SecretStore::Mode mode =
        qstrcmp(modeName, "keychain") == 0 ? SecretStore::Mode::Keychain : SecretStore::Mode::Auto;
    auto r = openNow(QString::fromLocal8Bit(dataDir), mode, serviceName(), nullptr);
    QTextStream out(stdout);
    if (!r->called) {
        out << "no answer\n";
        return 1;
    }
    if (r->store) {
        out << "store " << (r->store->backend() == SecretStore::Backend::File ? "File " : "Keychain ")
            << r->store->description() << '\n';
        delete r->store;
    } else {
        out << "error " << r->error << '\n';
    }
    return 0;
}

} // namespace

class TstSecretStoreKeychain : public QObject
{
    Q_OBJECT
private slots:
    // Before anything speaks D-Bus: point this process at the fixture's private bus.
    void initTestCase()
    {
        const QString fixtureDir = qEnvironmentVariable("UMGATE_FIXTURE_DIR");
        QVERIFY2(!fixtureDir.isEmpty(), "UMGATE_FIXTURE_DIR is not set: run this test through ctest");
        const QString envFile = fixtureDir + QStringLiteral("/keychain/keychain.env");
        QFile f(envFile);
        QVERIFY2(f.open(QIODevice::ReadOnly),
                 qPrintable(QStringLiteral("%1: %2 (did the fixture_keychain_start test run?)")
                                .arg(envFile, f.errorString())));
        int vars = 0;
        for (const QByteArray& raw : f.readAll().split('\n')) {
            const QByteArray line = raw.trimmed();
            const qsizetype eq = line.indexOf('=');
            if (line.isEmpty() || eq <= 0) continue;
            qputenv(line.left(eq).constData(), line.mid(eq + 1));
            ++vars;
        }
        QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"), qPrintable(envFile));
        QVERIFY(vars >= 2);
    }

    void autoPicksKeychain()
    {
        QTemporaryDir dir;
        auto o = openNow(dir.path(), SecretStore::Mode::Auto, serviceName(), this);
        QVERIFY(o->called);
        QVERIFY2(o->error.isEmpty(), qPrintable(o->error));
        QVERIFY(o->store);
        std::unique_ptr<SecretStore> store(o->store);
        QVERIFY2(store->backend() == SecretStore::Backend::Keychain, qPrintable(store->description()));
        QCOMPARE(store->parent(), this);
        QVERIFY2(store->description().contains(serviceName()), qPrintable(store->description()));

        // A secret in the keychain leaves no trace in the data dir.
        QVERIFY(writeNow(store.get(), QStringLiteral("auto/k"), QStringLiteral("v"))->error.isEmpty());
        QVERIFY(!QFile::exists(Paths(dir.path()).secretsFile()));
        QVERIFY(removeNow(store.get(), QStringLiteral("auto/k"))->error.isEmpty());
    }

    void keychainModePicksKeychain()
    {
        QTemporaryDir dir;
        auto o = openNow(dir.path(), SecretStore::Mode::Keychain, serviceName(), this);
        QVERIFY2(o->error.isEmpty(), qPrintable(o->error));
        QVERIFY(o->store);
        std::unique_ptr<SecretStore> store(o->store);
        QCOMPARE(store->backend(), SecretStore::Backend::Keychain);
    }

    void roundTrip()
    {
        KeychainSecretStore store(serviceName());
        const QString key = QStringLiteral("instance/1/smtp-password");

        auto w = writeNow(&store, key, QStringLiteral("first"));
        QVERIFY(w->called);
        QVERIFY2(w->error.isEmpty(), qPrintable(w->error));
        auto r = readNow(&store, key);
        QVERIFY(r->called);
        QVERIFY2(r->error.isEmpty(), qPrintable(r->error));
        QCOMPARE(r->value, std::optional<QString>(QStringLiteral("first")));

        QVERIFY(writeNow(&store, key, QStringLiteral("second"))->error.isEmpty());
        QCOMPARE(readNow(&store, key)->value, std::optional<QString>(QStringLiteral("second")));

        auto d = removeNow(&store, key);
        QVERIFY(d->called);
        QVERIFY2(d->error.isEmpty(), qPrintable(d->error));
        r = readNow(&store, key);
        QVERIFY2(r->error.isEmpty(), qPrintable(r->error));
        QVERIFY(!r->value.has_value());
    }

    void nonAsciiAndLongValues()
    {
        KeychainSecretStore store(serviceName());
        const QString value = QStringLiteral("pässwörd ✓ 日本語 🔑 \"q\" \\ \n");
        QString longValue;
        for (int i = 0; i < 8192; ++i)
            longValue += QChar(u'A' + (i % 26));
        QVERIFY(writeNow(&store, QStringLiteral("umlaut/ä"), value)->error.isEmpty());
        QVERIFY(writeNow(&store, QStringLiteral("long"), longValue)->error.isEmpty());
        QCOMPARE(readNow(&store, QStringLiteral("umlaut/ä"))->value, std::optional<QString>(value));
        QCOMPARE(readNow(&store, QStringLiteral("long"))->value, std::optional<QString>(longValue));
        QVERIFY(removeNow(&store, QStringLiteral("umlaut/ä"))->error.isEmpty());
        QVERIFY(removeNow(&store, QStringLiteral("long"))->error.isEmpty());
    }

    void missingKey()
    {
        KeychainSecretStore store(serviceName());
        auto r = readNow(&store, QStringLiteral("never-written"));
        QVERIFY(r->called);
        QVERIFY2(r->error.isEmpty(), qPrintable(r->error));
        QVERIFY(!r->value.has_value());
        auto d = removeNow(&store, QStringLiteral("never-written"));
        QVERIFY(d->called);
        QVERIFY2(d->error.isEmpty(), qPrintable(d->error));
    }

    void servicesAreSeparate()
    {
        KeychainSecretStore a(serviceName() + QStringLiteral("-a"));
        KeychainSecretStore b(serviceName() + QStringLiteral("-b"));
        QVERIFY(writeNow(&a, QStringLiteral("k"), QStringLiteral("for-a"))->error.isEmpty());
        auto r = readNow(&b, QStringLiteral("k"));
        QVERIFY2(r->error.isEmpty(), qPrintable(r->error));
        QVERIFY(!r->value.has_value());
        QCOMPARE(readNow(&a, QStringLiteral("k"))->value, std::optional<QString>(QStringLiteral("for-a")));
        QVERIFY(removeNow(&a, QStringLiteral("k"))->error.isEmpty());
    }

    void callsAreAnsweredInOrder()
    {
        KeychainSecretStore store(serviceName());
        QStringList order;
        bool last = false;
        store.write(QStringLiteral("order"), QStringLiteral("1"),
                    [&order](const QString& e) { order << QStringLiteral("w:") + e; });
        QVERIFY(order.isEmpty()); // answered later, from the event loop
        store.read(QStringLiteral("order"), [&order](const std::optional<QString>& v, const QString& e) {
            order << QStringLiteral("r:%1%2").arg(v.value_or(QStringLiteral("-")), e);
        });
        store.remove(QStringLiteral("order"), [&order, &last](const QString& e) {
            order << QStringLiteral("d:") + e;
            last = true;
        });
        QVERIFY(waitFor(last));
        QCOMPARE(order, (QStringList{QStringLiteral("w:"), QStringLiteral("r:1"), QStringLiteral("d:")}));
    }

    // No Secret Service behind DBUS_SESSION_BUS_ADDRESS: Keychain mode fails and does not fall
    // back to the file; Auto mode falls back and says why. Each case in a fresh process, since a
    // process keeps its first session-bus connection (see openChild).
    //   none:   nothing listens on the socket
    //   bare:   a bus without org.freedesktop.secrets (QtKeychain: OtherError, not NoBackendAvailable)
    //   silent: a socket that accepts and never answers; the probe's timeout must end the wait
    void noSecretService_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("bus");
        QTest::addColumn<QString>("why");
        QTest::newRow("keychain, no bus")
            << QStringLiteral("keychain") << QStringLiteral("none") << QStringLiteral("Could not connect");
        QTest::newRow("auto, no bus")
            << QStringLiteral("auto") << QStringLiteral("none") << QStringLiteral("Could not connect");
        QTest::newRow("keychain, bare bus") << QStringLiteral("keychain") << QStringLiteral("bare")
                                            << QStringLiteral("org.freedesktop.secrets");
        QTest::newRow("auto, bare bus")
            << QStringLiteral("auto") << QStringLiteral("bare") << QStringLiteral("org.freedesktop.secrets");
        QTest::newRow("auto, silent bus")
            << QStringLiteral("auto") << QStringLiteral("silent") << QStringLiteral("no answer");
    }
    void noSecretService()
    {
        QFETCH(QString, mode);
        QFETCH(QString, bus);
        QFETCH(QString, why);
        QTemporaryDir dir;
        QString address = QStringLiteral("unix:path=%1/no-bus-here").arg(dir.path());
        QLocalServer silent;
        if (bus == QLatin1String("bare")) {
            address = qEnvironmentVariable("UMGATE_BARE_BUS_ADDRESS");
            QVERIFY2(!address.isEmpty(), "the keychain fixture did not name UMGATE_BARE_BUS_ADDRESS");
        } else if (bus == QLatin1String("silent")) {
            // Never accept()ed: the kernel completes the connection, nobody ever replies.
            const QString path = dir.filePath(QStringLiteral("silent"));
            QVERIFY2(silent.listen(path), qPrintable(silent.errorString()));
            address = QStringLiteral("unix:path=%1").arg(path);
        }
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), address);
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--open-child"), mode, dir.path()});
        QVERIFY(child.waitForStarted(10000));
        QVERIFY2(child.waitForFinished(60000), "child did not finish");
        const QString out = QString::fromUtf8(child.readAllStandardOutput()).trimmed();
        QCOMPARE(child.exitStatus(), QProcess::NormalExit);
        QVERIFY2(child.exitCode() == 0, qPrintable(out));
        if (mode == QLatin1String("keychain")) {
            QVERIFY2(out.startsWith(QStringLiteral("error ")), qPrintable(out));
        } else {
            QVERIFY2(out.startsWith(QStringLiteral("store File ")), qPrintable(out));
            QVERIFY2(out.contains(Paths(dir.path()).secretsFile()), qPrintable(out));
            QVERIFY2(out.contains(QStringLiteral("keychain unavailable")), qPrintable(out));
        }
        QVERIFY2(out.contains(QStringLiteral("Secret Service")) && out.contains(why), qPrintable(out));
        QVERIFY(!QFile::exists(Paths(dir.path()).secretsFile()));
    }
};

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc == 4 && qstrcmp(argv[1], "--open-child") == 0) return openChild(argv[2], argv[3]);
    TstSecretStoreKeychain tc;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&tc, argc, argv);
}

#include "tst_secretstore_keychain.moc"
