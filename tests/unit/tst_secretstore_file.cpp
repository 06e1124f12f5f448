// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/client/Paths.h"
#include "engine/secrets/FileSecretStore.h"
#include "engine/secrets/SecretStore.h"
#include "tests/unit/SecretStoreTestUtil.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <sys/stat.h>
#include <unistd.h>

using umgate::FileSecretStore;
using umgate::Paths;
using umgate::SecretStore;
using namespace umgate::test;

namespace {

std::shared_ptr<OpenResult> openNow(const QString& dataDir, SecretStore::Mode mode, QObject* parent)
{
    return umgate::test::openNow(dataDir, mode, QStringLiteral("umgate-test"), parent);
}

QByteArray fileContent(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeRaw(const QString& path, const QByteArray& data, QFile::Permissions permissions)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
    const bool ok = f.write(data) == data.size();
    f.close();
    return ok && f.setPermissions(permissions);
}

unsigned modeOf(const QString& path)
{
    struct stat st = {};
    if (::lstat(QFile::encodeName(path).constData(), &st) != 0) return 0;
    return unsigned(st.st_mode & 07777);
}

} // namespace

class TstSecretStoreFile : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip()
    {
        QTemporaryDir dir;
        const QString path = Paths(dir.path()).secretsFile();
        FileSecretStore store(path);
        QCOMPARE(store.backend(), SecretStore::Backend::File);
        QVERIFY(store.description().contains(path));

        auto r = readNow(&store, QStringLiteral("smtp/password"));
        QVERIFY(r->called);
        QVERIFY2(r->error.isEmpty(), qPrintable(r->error));
        QVERIFY(!r->value.has_value());
        QVERIFY2(!QFile::exists(path), "a read must not create the file");

        auto w = writeNow(&store, QStringLiteral("smtp/password"), QStringLiteral("first"));
        QVERIFY(w->called);
        QVERIFY2(w->error.isEmpty(), qPrintable(w->error));
        QVERIFY(QFile::exists(path));
        r = readNow(&store, QStringLiteral("smtp/password"));
        QVERIFY2(r->error.isEmpty(), qPrintable(r->error));
        QCOMPARE(r->value, std::optional<QString>(QStringLiteral("first")));

        w = writeNow(&store, QStringLiteral("ldap/bind"), QStringLiteral("other"));
        QVERIFY2(w->error.isEmpty(), qPrintable(w->error));
        w = writeNow(&store, QStringLiteral("smtp/password"), QStringLiteral("second"));
        QVERIFY2(w->error.isEmpty(), qPrintable(w->error));
        QCOMPARE(readNow(&store, QStringLiteral("smtp/password"))->value,
                 std::optional<QString>(QStringLiteral("second")));
        QCOMPARE(readNow(&store, QStringLiteral("ldap/bind"))->value,
                 std::optional<QString>(QStringLiteral("other")));

        // A second store on the same file sees what the first wrote: nothing is cached.
        FileSecretStore again(path);
        QCOMPARE(readNow(&again, QStringLiteral("smtp/password"))->value,
                 std::optional<QString>(QStringLiteral("second")));

        auto d = removeNow(&store, QStringLiteral("smtp/password"));
        QVERIFY(d->called);
        QVERIFY2(d->error.isEmpty(), qPrintable(d->error));
        r = readNow(&store, QStringLiteral("smtp/password"));
        QVERIFY(r->error.isEmpty());
        QVERIFY(!r->value.has_value());
        QCOMPARE(readNow(&store, QStringLiteral("ldap/bind"))->value,
                 std::optional<QString>(QStringLiteral("other")));

        d = removeNow(&store, QStringLiteral("never-written"));
        QVERIFY2(d->error.isEmpty(), qPrintable(d->error));
    }

    void removeOnMissingFileCreatesNothing()
    {
        QTemporaryDir dir;
        const QString path = Paths(dir.path()).secretsFile();
        FileSecretStore store(path);
        auto d = removeNow(&store, QStringLiteral("k"));
        QVERIFY2(d->error.isEmpty(), qPrintable(d->error));
        QVERIFY(!QFile::exists(path));
    }

    // Callers must not come to depend on a synchronous answer the keychain cannot give.
    void callbacksComeFromTheEventLoop()
    {
        QTemporaryDir dir;
        FileSecretStore store(Paths(dir.path()).secretsFile());
        bool wrote = false, read = false, removed = false;
        store.write(QStringLiteral("k"), QStringLiteral("v"), [&wrote](const QString&) { wrote = true; });
        store.read(QStringLiteral("k"),
                   [&read](const std::optional<QString>&, const QString&) { read = true; });
        store.remove(QStringLiteral("k"), [&removed](const QString&) { removed = true; });
        QVERIFY(!wrote && !read && !removed);
        QVERIFY(waitFor(removed));
        QVERIFY(wrote && read);
    }

    void fileIsPrivateAndVersioned()
    {
        QTemporaryDir dir;
        const QString path = Paths(dir.path()).secretsFile();
        FileSecretStore store(path);
        QVERIFY(writeNow(&store, QStringLiteral("k"), QStringLiteral("v"))->error.isEmpty());
        QCOMPARE(modeOf(path), 0600u);
        struct stat st = {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
        QCOMPARE(st.st_uid, ::geteuid());

        const QJsonObject root = QJsonDocument::fromJson(fileContent(path)).object();
        QCOMPARE(root.value(QLatin1String("format")).toString(), QStringLiteral("umgate-secrets"));
        QCOMPARE(root.value(QLatin1String("version")).toInt(), 1);
        QCOMPARE(root.value(QLatin1String("secrets")).toObject().value(QLatin1String("k")).toString(),
                 QStringLiteral("v"));

        // A rewrite keeps the mode, even under a permissive umask.
        const mode_t old = ::umask(0);
        const bool ok = writeNow(&store, QStringLiteral("k"), QStringLiteral("w"))->error.isEmpty();
        ::umask(old);
        QVERIFY(ok);
        QCOMPARE(modeOf(path), 0600u);
        QVERIFY(store.check().isEmpty());
    }

    void secretAppearsInNoOtherFile()
    {
        QTemporaryDir dir;
        QVERIFY(QDir(dir.path()).mkpath(QStringLiteral("instances/1")));
        auto o = openNow(dir.path(), SecretStore::Mode::File, this);
        QVERIFY(o->store);
        std::unique_ptr<SecretStore> store(o->store);
        const QString secret = QStringLiteral("Zq7-unique-secret-4711");
        QVERIFY(writeNow(store.get(), QStringLiteral("a"), QStringLiteral("x"))->error.isEmpty());
        QVERIFY(writeNow(store.get(), QStringLiteral("b"), secret)->error.isEmpty());
        QVERIFY(writeNow(store.get(), QStringLiteral("c"), QStringLiteral("y"))->error.isEmpty());

        QStringList holders;
        int files = 0;
        QDirIterator it(dir.path(), QDir::Files | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            ++files;
            if (fileContent(file).contains(secret.toUtf8())) holders << file;
        }
        QCOMPARE(holders, QStringList{Paths(dir.path()).secretsFile()});
        QCOMPARE(files, 1); // no temp file left behind either
    }

    void widerModeIsRefused_data()
    {
        QTest::addColumn<int>("mode");
        QTest::newRow("0644") << 0644;
        QTest::newRow("0640") << 0640;
        QTest::newRow("0604") << 0604;
        QTest::newRow("0660") << 0660;
        QTest::newRow("0700") << 0700;
        QTest::newRow("0666") << 0666;
    }
    void widerModeIsRefused()
    {
        QFETCH(int, mode);
        QTemporaryDir dir;
        const QString path = Paths(dir.path()).secretsFile();
        FileSecretStore store(path);
        QVERIFY(writeNow(&store, QStringLiteral("k"), QStringLiteral("v"))->error.isEmpty());
        QCOMPARE(::chmod(QFile::encodeName(path).constData(), mode_t(mode)), 0);
        const QByteArray before = fileContent(path);

        auto r = readNow(&store, QStringLiteral("k"));
        QVERIFY(r->called);
        QVERIFY(!r->value.has_value());
        QVERIFY2(r->error.contains(path) && r->error.contains(QStringLiteral("chmod 600")),
                 qPrintable(r->error));
        auto w = writeNow(&store, QStringLiteral("k"), QStringLiteral("new"));
        QVERIFY(!w->error.isEmpty());
        QVERIFY(!removeNow(&store, QStringLiteral("k"))->error.isEmpty());
        QVERIFY(!store.check().isEmpty());
        // Refused, not repaired behind the administrator's back.
        QCOMPARE(modeOf(path), unsigned(mode));
        QCOMPARE(fileContent(path), before);
    }

    void narrowerModeIsAccepted()
    {
        QTemporaryDir dir;
        const QString path = Paths(dir.path()).secretsFile();
        FileSecretStore store(path);
        QVERIFY(writeNow(&store, QStringLiteral("k"), QStringLiteral("v"))->error.isEmpty());
        QCOMPARE(::chmod(QFile::encodeName(path).constData(), 0400), 0);
        auto r = readNow(&store, QStringLiteral("k"));
        QVERIFY2(r->error.isEmpty(), qPrintable(r->error));
        QCOMPARE(r->value, std::optional<QString>(QStringLiteral("v")));
    }

    void otherOwnerIsRefused()
    {
        if (::geteuid() != 0) QSKIP("needs root to give the file to another uid");
        QTemporaryDir dir;
        const QString path = Paths(dir.path()).secretsFile();
        FileSecretStore store(path);
        QVERIFY(writeNow(&store, QStringLiteral("k"), QStringLiteral("v"))->error.isEmpty());
        QCOMPARE(::chown(QFile::encodeName(path).constData(), 65534, 65534), 0);
        auto r = readNow(&store, QStringLiteral("k"));
        QVERIFY(!r->value.has_value());
        QVERIFY2(r->error.contains(path) && r->error.contains(QStringLiteral("uid 65534")),
                 qPrintable(r->error));
        QVERIFY(!writeNow(&store, QStringLiteral("k"), QStringLiteral("w"))->error.isEmpty());
    }

    void symlinkIsRefused()
    {
        QTemporaryDir dir;
        const QString target = dir.filePath(QStringLiteral("elsewhere"));
        const QString path = Paths(dir.path()).secretsFile();
        FileSecretStore real(target);
        QVERIFY(writeNow(&real, QStringLiteral("k"), QStringLiteral("v"))->error.isEmpty());
        QVERIFY(QFile::link(target, path));
        FileSecretStore store(path);
        auto r = readNow(&store, QStringLiteral("k"));
        QVERIFY(!r->value.has_value());
        QVERIFY2(r->error.contains(QStringLiteral("symbolic link")), qPrintable(r->error));
    }

    void corruptFileIsReportedAndKept_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("truncated json")
            << QByteArray("{\"format\":\"umgate-secrets\",\"version\":1,\"secrets\":{\"k\":\"v");
        QTest::newRow("garbage") << QByteArray("\x01\x02 not json at all \xff");
        QTest::newRow("array") << QByteArray("[\"k\",\"v\"]");
        QTest::newRow("plain object") << QByteArray("{\"k\":\"v\"}");
        QTest::newRow("other format")
            << QByteArray("{\"format\":\"something\",\"version\":1,\"secrets\":{}}");
        QTest::newRow("future version")
            << QByteArray("{\"format\":\"umgate-secrets\",\"version\":2,\"secrets\":{}}");
        QTest::newRow("version as string")
            << QByteArray("{\"format\":\"umgate-secrets\",\"version\":\"1\",\"secrets\":{}}");
        QTest::newRow("secrets not object")
            << QByteArray("{\"format\":\"umgate-secrets\",\"version\":1,\"secrets\":[]}");
        QTest::newRow("value not string")
            << QByteArray("{\"format\":\"umgate-secrets\",\"version\":1,\"secrets\":{\"k\":1}}");
    }
    void corruptFileIsReportedAndKept()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        const QString path = Paths(dir.path()).secretsFile();
        QVERIFY(writeRaw(path, content, QFile::ReadOwner | QFile::WriteOwner));
        FileSecretStore store(path);

        auto r = readNow(&store, QStringLiteral("k"));
        QVERIFY(r->called);
        QVERIFY(!r->value.has_value());
        QVERIFY2(r->error.contains(path), qPrintable(r->error));
        auto w = writeNow(&store, QStringLiteral("k"), QStringLiteral("replacement"));
        QVERIFY2(w->error.contains(path), qPrintable(w->error));
        QVERIFY(!removeNow(&store, QStringLiteral("k"))->error.isEmpty());
        QVERIFY(!store.check().isEmpty());
        QCOMPARE(fileContent(path), content);
        QCOMPARE(modeOf(path), 0600u);
    }

    // `install -m 600 /dev/null secrets` is a fine way to prepare the file.
    void emptyFileIsAnEmptyStore()
    {
        QTemporaryDir dir;
        const QString path = Paths(dir.path()).secretsFile();
        QVERIFY(writeRaw(path, QByteArray(), QFile::ReadOwner | QFile::WriteOwner));
        FileSecretStore store(path);
        auto r = readNow(&store, QStringLiteral("k"));
        QVERIFY2(r->error.isEmpty(), qPrintable(r->error));
        QVERIFY(!r->value.has_value());
        QVERIFY(writeNow(&store, QStringLiteral("k"), QStringLiteral("v"))->error.isEmpty());
        QCOMPARE(readNow(&store, QStringLiteral("k"))->value, std::optional<QString>(QStringLiteral("v")));
    }

    void nonAsciiAndLongValues()
    {
        QTemporaryDir dir;
        const QString path = Paths(dir.path()).secretsFile();
        FileSecretStore store(path);
        const QString key = QStringLiteral("instance/Zürich/ldap");
        const QString value = QStringLiteral("pässwörd ✓ 日本語 🔑 \"quoted\" back\\slash\nnew line\ttab ") +
                              QChar(0) + QStringLiteral(" after NUL");
        QString longValue;
        for (int i = 0; i < 20000; ++i)
            longValue += QChar(u'a' + (i % 26));
        longValue += QStringLiteral("€ende");

        QVERIFY(writeNow(&store, key, value)->error.isEmpty());
        QVERIFY(writeNow(&store, QStringLiteral("long"), longValue)->error.isEmpty());
        QVERIFY(writeNow(&store, QStringLiteral("empty"), QString())->error.isEmpty());

        FileSecretStore again(path);
        QCOMPARE(readNow(&again, key)->value, std::optional<QString>(value));
        QCOMPARE(readNow(&again, QStringLiteral("long"))->value, std::optional<QString>(longValue));
        auto r = readNow(&again, QStringLiteral("empty"));
        QVERIFY(r->value.has_value()); // stored empty is not missing
        QVERIFY(r->value->isEmpty());
    }

    void missingDirectoryGivesAnError()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("no-such-dir/secrets"));
        FileSecretStore store(path);
        auto w = writeNow(&store, QStringLiteral("k"), QStringLiteral("v"));
        QVERIFY(w->called);
        QVERIFY2(w->error.contains(QStringLiteral("no-such-dir")), qPrintable(w->error));
    }

    void openFileMode()
    {
        QTemporaryDir dir;
        // File mode must not even look at D-Bus.
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/umgate-test-bus");
        auto o = openNow(dir.path(), SecretStore::Mode::File, this);
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        QVERIFY(o->called);
        QVERIFY2(o->error.isEmpty(), qPrintable(o->error));
        QVERIFY(o->store);
        std::unique_ptr<SecretStore> store(o->store);
        QCOMPARE(store->backend(), SecretStore::Backend::File);
        QCOMPARE(store->parent(), this);
        auto* file = qobject_cast<FileSecretStore*>(store.get());
        QVERIFY(file);
        QCOMPARE(file->path(), Paths(dir.path()).secretsFile());
        QVERIFY(file->keychainUnavailableReason().isEmpty());
        QVERIFY(writeNow(store.get(), QStringLiteral("k"), QStringLiteral("v"))->error.isEmpty());
        QVERIFY(QFile::exists(Paths(dir.path()).secretsFile()));
    }

    void openIsAsynchronous()
    {
        QTemporaryDir dir;
        bool called = false;
        SecretStore* opened = nullptr;
        SecretStore::open(dir.path(), SecretStore::Mode::File, QStringLiteral("umgate-test"), this,
                          [&](SecretStore* store, const QString&) {
                              called = true;
                              opened = store;
                          });
        QVERIFY(!called);
        QVERIFY(waitFor(called));
        delete opened;
    }

    void openAutoWithoutSessionBusPicksFile_data()
    {
        QTest::addColumn<bool>("setEmpty");
        QTest::newRow("unset") << false;
        QTest::newRow("empty") << true;
    }
    void openAutoWithoutSessionBusPicksFile()
    {
        QFETCH(bool, setEmpty);
        QTemporaryDir dir;
        if (setEmpty)
            qputenv("DBUS_SESSION_BUS_ADDRESS", QByteArray());
        else
            qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        auto o = openNow(dir.path(), SecretStore::Mode::Auto, this);
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        QVERIFY(o->called);
        QVERIFY2(o->error.isEmpty(), qPrintable(o->error));
        QVERIFY(o->store);
        std::unique_ptr<SecretStore> store(o->store);
        QCOMPARE(store->backend(), SecretStore::Backend::File);
        QVERIFY2(store->description().contains(Paths(dir.path()).secretsFile()),
                 qPrintable(store->description()));
        QVERIFY2(store->description().contains(QStringLiteral("DBUS_SESSION_BUS_ADDRESS")),
                 qPrintable(store->description()));
    }

    void openKeychainWithoutSessionBusFails()
    {
        QTemporaryDir dir;
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        auto o = openNow(dir.path(), SecretStore::Mode::Keychain, this);
        QVERIFY(o->called);
        QVERIFY(!o->store);
        QVERIFY2(o->error.contains(QStringLiteral("DBUS_SESSION_BUS_ADDRESS")), qPrintable(o->error));
        QVERIFY(!QFile::exists(Paths(dir.path()).secretsFile()));
    }
};

QTEST_GUILESS_MAIN(TstSecretStoreFile)
#include "tst_secretstore_file.moc"
