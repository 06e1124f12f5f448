// SPDX-License-Identifier: GPL-3.0-or-later
// umgatectl against a real umgated: every command, its output, and its exit codes.
#include "UmgatedProcess.h"
#include "engine/client/RpcProtocol.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <sys/resource.h>
#include <sys/stat.h>

using namespace umgate;
using umgate::test::CtlResult;
using umgate::test::readAll;
using umgate::test::runCtl;
using umgate::test::UmgatedProcess;

namespace {

bool writeAll(const QString& path, const QByteArray& data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<UmgatedProcess> m_daemon;
    QTemporaryDir m_work{QDir::tempPath() + QStringLiteral("/ugw-XXXXXX")};

    // Runs umgatectl against the current daemon (or the given data dir); bounded at 30 s.
    CtlResult ctlIn(const QString& dataDir, const QStringList& args, const QByteArray& input = {},
                    const QHash<QString, QString>& extraEnv = {})
    {
        return runCtl(dataDir, args, input, extraEnv);
    }
    CtlResult ctl(const QStringList& args, const QByteArray& input = {})
    {
        return ctlIn(m_daemon ? m_daemon->dataDir() : QString(), args, input);
    }
    bool startDaemon()
    {
        m_daemon = std::make_unique<UmgatedProcess>();
        QString error;
        if (!m_daemon->start(&error)) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        // The brief's readiness rule: a status call must work, not just the socket exist.
        const CtlResult r = ctl({QStringLiteral("status")});
        if (r.exitCode != 0) qWarning("status after start failed: %s", qPrintable(r.err));
        return r.exitCode == 0;
    }
    QString workFile(const QString& name) const { return m_work.filePath(name); }
    QJsonObject exportOf(const QString& id)
    {
        const CtlResult r = ctl({QStringLiteral("config"), QStringLiteral("export"), id});
        return r.exitCode == 0 ? QJsonDocument::fromJson(r.out.toUtf8()).object() : QJsonObject();
    }
    // The "key = value" line for one setting, from config get.
    QString getLine(const QString& id, const QString& key)
    {
        const CtlResult r = ctl({QStringLiteral("config"), QStringLiteral("get"), id, key});
        return r.exitCode == 0 ? r.out.trimmed() : QStringLiteral("<exit %1: %2>").arg(r.exitCode).arg(r.err);
    }

private slots:
    void cleanup() { m_daemon.reset(); }

    void versionAndHelp()
    {
        CtlResult r = ctlIn({}, {QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QStringLiteral("umgatectl ")));
        r = ctlIn({}, {QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("config set ID KEY VALUE")));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no command") << QStringList{} << QStringLiteral("no command");
        QTest::newRow("unknown command")
            << QStringList{QStringLiteral("frobnicate")} << QStringLiteral("frobnicate");
        QTest::newRow("unknown subcommand")
            << QStringList{QStringLiteral("instance"), QStringLiteral("explode")}
            << QStringLiteral("instance explode");
        QTest::newRow("missing subcommand")
            << QStringList{QStringLiteral("admin"), QStringLiteral("token")} << QStringLiteral("admin token");
        QTest::newRow("missing argument")
            << QStringList{QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("X")}
            << QStringLiteral("usage: umgatectl config set ID KEY VALUE");
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("--frob"), QStringLiteral("status")} << QStringLiteral("--frob");
        QTest::newRow("option of another command")
            << QStringList{QStringLiteral("status"), QStringLiteral("--force")} << QStringLiteral("--force");
        QTest::newRow("bad url") << QStringList{QStringLiteral("--connect"), QStringLiteral("http://x"),
                                                QStringLiteral("status")}
                                 << QStringLiteral("umgate://HOST:PORT");
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const CtlResult r = ctlIn({}, args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.startsWith(QStringLiteral("umgatectl: ")), qPrintable(r.err));
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    }

    void cannotConnect()
    {
        QTemporaryDir empty(QDir::tempPath() + QStringLiteral("/ug-XXXXXX"));
        const CtlResult r = ctlIn(empty.path(), {QStringLiteral("status")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.startsWith(QStringLiteral("umgatectl: cannot connect to the engine at %1")
                                      .arg(Paths(empty.path()).socketFile())),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("(is umgated running?)")), qPrintable(r.err));
        QCOMPARE(r.err.count(QLatin1Char('\n')), 1);
    }

    void wrongTokenCannotConnect()
    {
        QVERIFY(startDaemon());
        QVERIFY(writeAll(workFile(QStringLiteral("bad.token")), "not-the-cookie\n"));
        const CtlResult r = ctl({QStringLiteral("--token-file"), workFile(QStringLiteral("bad.token")),
                                 QStringLiteral("status")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(QStringLiteral("cannot connect to the engine")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("authentication failed")), qPrintable(r.err));
        QVERIFY2(!r.err.contains(QStringLiteral("is umgated running")), qPrintable(r.err));
    }

    void status()
    {
        QVERIFY(startDaemon());
        const CtlResult r = ctl({QStringLiteral("status")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("MSConnInst1")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("Instance1")), qPrintable(r.out));
        QVERIFY2(r.out.contains(m_daemon->paths().socketFile()), qPrintable(r.out));
        QVERIFY(r.err.isEmpty());
    }

    // config schema lists every setting with its manual section; a setting the engine does not
    // act on yet says so.
    void configSchemaShowsSectionAndNotYetUsed()
    {
        QVERIFY(startDaemon());
        const CtlResult r = ctl({QStringLiteral("config"), QStringLiteral("schema")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.section(QLatin1Char('\n'), 0, 0).contains(QStringLiteral("SECTION")),
                 qPrintable(r.out));
        const auto line = [&r](const QString& key) {
            for (const QString& l : r.out.split(QLatin1Char('\n')))
                if (l.startsWith(key + QLatin1Char(' '))) return l;
            return QString();
        };
        const QString intervals = line(QStringLiteral("mailSystem.polling.intervals"));
        QVERIFY2(intervals.contains(QStringLiteral("ixi-UMS 4.2.2.4")), qPrintable(intervals));
        QVERIFY2(!intervals.contains(QStringLiteral("not yet in effect")), qPrintable(intervals));
        const QString mismatch = line(QStringLiteral("general.encryption.certificateMismatch"));
        QVERIFY2(mismatch.contains(QStringLiteral("ixi-UMS 4.2.1.2")), qPrintable(mismatch));
        QVERIFY2(mismatch.contains(QStringLiteral("(not yet in effect)")), qPrintable(mismatch));
        QVERIFY2(line(QStringLiteral("systemPreferences.email.senders"))
                     .contains(QStringLiteral("Avaya Voicemail Pro: System Preferences: Email")),
                 qPrintable(r.out));
    }

    void dataDirFromEnvironment()
    {
        QVERIFY(startDaemon());
        const CtlResult r = ctlIn({}, {QStringLiteral("instance"), QStringLiteral("list")}, {},
                                  {{QStringLiteral("UMGATE_DATA_DIR"), m_daemon->dataDir()}});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("MSConnInst1")));
    }

    void jsonOutputParses()
    {
        QVERIFY(startDaemon());
        const QList<QStringList> commands = {
            {QStringLiteral("status")},
            {QStringLiteral("instance"), QStringLiteral("list")},
            {QStringLiteral("config"), QStringLiteral("get"), QStringLiteral("MSConnInst1")},
            {QStringLiteral("config"), QStringLiteral("schema")},
            {QStringLiteral("misc"), QStringLiteral("list")},
        };
        for (const QStringList& c : commands) {
            const CtlResult r = ctl(QStringList{QStringLiteral("--json")} + c);
            QCOMPARE(r.exitCode, 0);
            QJsonParseError pe;
            const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &pe);
            QVERIFY2(pe.error == QJsonParseError::NoError && doc.isObject(),
                     qPrintable(c.join(QLatin1Char(' '))));
        }
        const CtlResult r = ctl({QStringLiteral("--json"), QStringLiteral("status")});
        const QJsonArray instances =
            QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("instances")).toArray();
        QVERIFY(!instances.isEmpty());
        QCOMPARE(instances.at(0).toObject().value(QStringLiteral("id")).toString(),
                 QStringLiteral("MSConnInst1"));
    }

    void instanceLifecycle()
    {
        QVERIFY(startDaemon());
        const QString id = QStringLiteral("Test1");
        CtlResult r = ctl({QStringLiteral("instance"), QStringLiteral("create"), id, QStringLiteral("--name"),
                           QStringLiteral("Test one")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(id));

        r = ctl({QStringLiteral("instance"), QStringLiteral("create"), id});
        QCOMPARE(r.exitCode, 1); // exists
        QVERIFY2(r.err.startsWith(QStringLiteral("umgatectl: ")), qPrintable(r.err));

        r = ctl({QStringLiteral("instance"), QStringLiteral("list")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QStringLiteral("ID ")));
        QVERIFY2(r.out.contains(QStringLiteral("Test one")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("MSConnInst1")));

        auto enabledOf = [&](const QString& which) {
            const CtlResult l =
                ctl({QStringLiteral("--json"), QStringLiteral("instance"), QStringLiteral("list")});
            for (const auto& v : QJsonDocument::fromJson(l.out.toUtf8())
                                     .object()
                                     .value(QStringLiteral("instances"))
                                     .toArray())
                if (v.toObject().value(QStringLiteral("id")).toString() == which)
                    return v.toObject().value(QStringLiteral("enabled")).toBool() ? 1 : 0;
            return -1;
        };
        r = ctl({QStringLiteral("instance"), QStringLiteral("disable"), id});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("disabled")), qPrintable(r.out));
        QCOMPARE(enabledOf(id), 0);
        r = ctl({QStringLiteral("instance"), QStringLiteral("enable"), id});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(enabledOf(id), 1);

        r = ctl({QStringLiteral("instance"), QStringLiteral("delete"), id});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("deleted instance Test1")));
        QCOMPARE(enabledOf(id), -1);
        QVERIFY(!QFileInfo::exists(m_daemon->paths().instanceConfigFile(id)));

        r = ctl({QStringLiteral("instance"), QStringLiteral("delete"), id});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(id), qPrintable(r.err));
    }

    void configGetSet()
    {
        QVERIFY(startDaemon());
        const QString id = QStringLiteral("MSConnInst1");
        const QString server = QStringLiteral("mailSystem.general.server");
        const QString port = QStringLiteral("mailSystem.general.port");
        const QString ldap = QStringLiteral("ldap.connection.servers");

        CtlResult r = ctl({QStringLiteral("config"), QStringLiteral("get"), id});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("\nmailSystem.general.port = 25\n")), qPrintable(r.out));

        r = ctl({QStringLiteral("config"), QStringLiteral("set"), id, server,
                 QStringLiteral("mail.example.com")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(getLine(id, server), QStringLiteral("mailSystem.general.server = \"mail.example.com\""));

        r = ctl({QStringLiteral("config"), QStringLiteral("set"), id, port, QStringLiteral("2526")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(getLine(id, port), QStringLiteral("mailSystem.general.port = 2526"));

        // LDAP servers need a base DN (a cross-field rule), which also covers a string list.
        r = ctl({QStringLiteral("config"), QStringLiteral("set"), id, QStringLiteral("ldap.baseDn.entries"),
                 QStringLiteral(R"(["dc=example,dc=com"])")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(getLine(id, QStringLiteral("ldap.baseDn.entries")),
                 QStringLiteral(R"(ldap.baseDn.entries = ["dc=example,dc=com"])"));

        const QString servers = QStringLiteral(
            R"([{"host":"ldap1","port":389,"security":"none"},{"host":"ldap2","port":636,"security":"ldaps"}])");
        r = ctl({QStringLiteral("config"), QStringLiteral("set"), id, ldap, servers});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString line = getLine(id, ldap);
        QVERIFY2(line.startsWith(ldap + QStringLiteral(" = ")), qPrintable(line));
        // The engine adds each entry's id (issue 10); the rest comes back as it was set.
        QJsonArray shown = QJsonDocument::fromJson(line.mid(ldap.size() + 3).toUtf8()).array();
        for (qsizetype i = 0; i < shown.size(); ++i) {
            QJsonObject entry = shown.at(i).toObject();
            QVERIFY(!entry.take(QStringLiteral("id")).toString().isEmpty());
            shown.replace(i, entry);
        }
        QCOMPARE(shown, QJsonDocument::fromJson(servers.toUtf8()).array());

        // The change is in the instance's file, not only in the engine's memory.
        const QJsonObject stored =
            QJsonDocument::fromJson(readAll(m_daemon->paths().instanceConfigFile(id))).object();
        QVERIFY2(
            QString::fromUtf8(QJsonDocument(stored).toJson()).contains(QStringLiteral("mail.example.com")),
            "instance.json does not hold the new server");
    }

    void configSetInvalid_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("value");
        QTest::newRow("port out of range")
            << QStringLiteral("mailSystem.general.port") << QStringLiteral("70000");
        QTest::newRow("port not a number")
            << QStringLiteral("mailSystem.general.port") << QStringLiteral("twenty-five");
        QTest::newRow("list not JSON")
            << QStringLiteral("ldap.connection.servers") << QStringLiteral("ldap1:389");
        QTest::newRow("list entry invalid")
            << QStringLiteral("ldap.connection.servers") << QStringLiteral(R"([{"host":"ldap1","port":0}])");
        QTest::newRow("bad host") << QStringLiteral("mailSystem.general.server")
                                  << QStringLiteral("not a host!");
        QTest::newRow("unknown key") << QStringLiteral("mailSystem.general.nonsense") << QStringLiteral("1");
    }
    void configSetInvalid()
    {
        QFETCH(QString, key);
        QFETCH(QString, value);
        QVERIFY(startDaemon());
        const QString id = QStringLiteral("MSConnInst1");
        const QByteArray before = readAll(m_daemon->paths().instanceConfigFile(id));
        QVERIFY(!before.isEmpty());
        const CtlResult r = ctl({QStringLiteral("config"), QStringLiteral("set"), id, key, value});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith(QStringLiteral("umgatectl: invalid setting ") + key), qPrintable(r.err));
        QCOMPARE(readAll(m_daemon->paths().instanceConfigFile(id)), before);
    }

    void configSetUnknownInstance()
    {
        QVERIFY(startDaemon());
        const CtlResult r =
            ctl({QStringLiteral("config"), QStringLiteral("set"), QStringLiteral("NoSuchInstance"),
                 QStringLiteral("mailSystem.general.port"), QStringLiteral("26")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("NoSuchInstance")), qPrintable(r.err));
    }

    void secretFromStdin()
    {
        QVERIFY(startDaemon());
        const QString id = QStringLiteral("MSConnInst1");
        const QString key = QStringLiteral("general.authentication.password");
        QCOMPARE(getLine(id, key), key + QStringLiteral(" = <secret: not set>"));
        const CtlResult r =
            ctl({QStringLiteral("config"), QStringLiteral("set"), id, key, QStringLiteral("-")},
                QByteArrayLiteral("s3cr3t-from-stdin\n"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(!r.out.contains(QStringLiteral("s3cr3t")));
        QCOMPARE(getLine(id, key), key + QStringLiteral(" = <secret: set>"));
        // Never in the config file, and never in an export.
        QVERIFY(!readAll(m_daemon->paths().instanceConfigFile(id)).contains("s3cr3t"));
        QVERIFY(!QJsonDocument(exportOf(id)).toJson().contains("s3cr3t"));
    }

    void exportImportRoundTrip()
    {
        QVERIFY(startDaemon());
        const QString id = QStringLiteral("MSConnInst1");
        QCOMPARE(ctl({QStringLiteral("config"), QStringLiteral("set"), id,
                      QStringLiteral("mailSystem.general.server"), QStringLiteral("mail.example.com")})
                     .exitCode,
                 0);
        // A copy must not listen where the original does, so disable the original first.
        QCOMPARE(ctl({QStringLiteral("instance"), QStringLiteral("disable"), id}).exitCode, 0);

        const QString file = workFile(QStringLiteral("a.json"));
        CtlResult r = ctl({QStringLiteral("config"), QStringLiteral("export"), id, file});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QByteArray exported = readAll(file);
        QVERIFY(exported.endsWith("}\n"));
        // Stdout and file exports are the same bytes.
        QCOMPARE(ctl({QStringLiteral("config"), QStringLiteral("export"), id}).out.toUtf8(), exported);

        r = ctl({QStringLiteral("config"), QStringLiteral("import"), file, QStringLiteral("--as"),
                 QStringLiteral("Copy1")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("Copy1")));

        QJsonObject a = QJsonDocument::fromJson(exported).object();
        QJsonObject b = exportOf(QStringLiteral("Copy1"));
        QCOMPARE(b.value(QStringLiteral("id")).toString(), QStringLiteral("Copy1"));
        for (QJsonObject* o : {&a, &b}) {
            o->remove(QStringLiteral("id"));
            o->remove(QStringLiteral("name"));
        }
        QVERIFY(!a.isEmpty());
        QCOMPARE(b, a);
    }

    void importInvalidJsonNamesLine()
    {
        QVERIFY(startDaemon());
        const QString file = workFile(QStringLiteral("broken.json"));
        QVERIFY(writeAll(file,
                         "{\n  \"format\": \"umgate-instance\",\n  \"version\": 1,,\n  \"id\": \"X\"\n}\n"));
        const CtlResult r = ctl({QStringLiteral("config"), QStringLiteral("import"), file,
                                 QStringLiteral("--as"), QStringLiteral("Broken1")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith(QStringLiteral("umgatectl: cannot import ")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("line 3")), qPrintable(r.err));
        QVERIFY2(r.err.contains(file), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(m_daemon->paths().instanceDir(QStringLiteral("Broken1"))));
    }

    void importWrongTypeKeepsExisting()
    {
        QVERIFY(startDaemon());
        const QString id = QStringLiteral("MSConnInst1");
        const QString configFile = m_daemon->paths().instanceConfigFile(id);
        const QByteArray before = readAll(configFile);
        QVERIFY(!before.isEmpty());
        const QByteArray hash = QCryptographicHash::hash(before, QCryptographicHash::Sha256);

        QJsonObject doc = exportOf(id);
        QVERIFY(!doc.isEmpty());
        QJsonObject settings = doc.value(QStringLiteral("settings")).toObject();
        settings.insert(QStringLiteral("mailSystem.general.port"), QStringLiteral("twenty-five"));
        doc.insert(QStringLiteral("settings"), settings);
        const QString file = workFile(QStringLiteral("wrongtype.json"));
        QVERIFY(writeAll(file, QJsonDocument(doc).toJson(QJsonDocument::Indented)));

        for (const QStringList& extra : {QStringList{}, QStringList{QStringLiteral("--as"), id}}) {
            const CtlResult r =
                ctl(QStringList{QStringLiteral("config"), QStringLiteral("import"), file} + extra);
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.startsWith(QStringLiteral("umgatectl: ")), qPrintable(r.err));
            QVERIFY2(r.err.contains(QStringLiteral("mailSystem.general.port")), qPrintable(r.err));
            QCOMPARE(QCryptographicHash::hash(readAll(configFile), QCryptographicHash::Sha256), hash);
        }
    }

    void misc()
    {
        QVERIFY(startDaemon());
        const QString key = QStringLiteral("log.level");
        CtlResult r = ctl({QStringLiteral("misc"), QStringLiteral("list")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QStringLiteral("KEY ")));
        QVERIFY(r.out.contains(key));

        auto option = [&]() {
            const CtlResult l =
                ctl({QStringLiteral("--json"), QStringLiteral("misc"), QStringLiteral("list")});
            for (const auto& v :
                 QJsonDocument::fromJson(l.out.toUtf8()).object().value(QStringLiteral("options")).toArray())
                if (v.toObject().value(QStringLiteral("key")).toString() == key) return v.toObject();
            return QJsonObject();
        };
        QCOMPARE(option().value(QStringLiteral("ignore")).toBool(), true);

        r = ctl({QStringLiteral("misc"), QStringLiteral("set"), key, QStringLiteral("debug")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith(QStringLiteral("log.level = \"debug\"")), qPrintable(r.out));
        QCOMPARE(option().value(QStringLiteral("value")).toString(), QStringLiteral("debug"));
        QCOMPARE(option().value(QStringLiteral("ignore")).toBool(), false);

        r = ctl({QStringLiteral("misc"), QStringLiteral("ignore"), key, QStringLiteral("on")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(option().value(QStringLiteral("ignore")).toBool(), true);

        r = ctl({QStringLiteral("misc"), QStringLiteral("set"), QStringLiteral("rpc.tcp.port"),
                 QStringLiteral("0")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("rpc.tcp.port")), qPrintable(r.err));

        r = ctl({QStringLiteral("misc"), QStringLiteral("ignore"), key, QStringLiteral("maybe")});
        QCOMPARE(r.exitCode, 2);

        r = ctl({QStringLiteral("misc"), QStringLiteral("reset"), key});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = option();
        QCOMPARE(o.value(QStringLiteral("value")), o.value(QStringLiteral("default")));
        QCOMPARE(o.value(QStringLiteral("ignore")).toBool(), true);
    }

    void remoteTls()
    {
        QVERIFY(startDaemon());
        QString error;
        QVERIFY2(test::makeTestCertificates(m_work.path(), &error), qPrintable(error));
        const quint16 port = UmgatedProcess::freePort();
        const QString ca = workFile(QStringLiteral("ca.pem"));
        const QList<QStringList> setup = {
            {QStringLiteral("rpc.tls.certificate"), workFile(QStringLiteral("server.pem"))},
            {QStringLiteral("rpc.tls.key"), workFile(QStringLiteral("server.key"))},
            {QStringLiteral("rpc.tcp.port"), QString::number(port)},
            {QStringLiteral("rpc.tcp.enabled"), QStringLiteral("true")},
        };
        for (const QStringList& kv : setup) {
            const CtlResult r = ctl(QStringList{QStringLiteral("misc"), QStringLiteral("set")} + kv);
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
        QVERIFY2(test::waitForTcpListener(port, 10000), m_daemon->log().constData());

        CtlResult r = ctl({QStringLiteral("--json"), QStringLiteral("admin"), QStringLiteral("token"),
                           QStringLiteral("add"), QStringLiteral("bob")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QByteArray token = QJsonDocument::fromJson(r.out.toUtf8())
                                     .object()
                                     .value(QStringLiteral("token"))
                                     .toString()
                                     .toUtf8();
        QVERIFY(!token.isEmpty());
        const QString tokenFile = workFile(QStringLiteral("bob.token"));
        QVERIFY(writeAll(tokenFile, token + '\n'));
        const QString url = QStringLiteral("umgate://127.0.0.1:%1").arg(port);

        r = ctlIn({}, {QStringLiteral("--connect"), url, QStringLiteral("--token-file"), tokenFile,
                       QStringLiteral("--ca"), ca, QStringLiteral("status")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("MSConnInst1")));

        // The same through the environment.
        r = ctlIn({}, {QStringLiteral("--connect"), url, QStringLiteral("instance"), QStringLiteral("list")},
                  {},
                  {{QStringLiteral("UMGATE_TOKEN"), QString::fromUtf8(token)},
                   {QStringLiteral("UMGATE_CA_FILE"), ca}});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY(r.out.contains(QStringLiteral("MSConnInst1")));

        // Our CA is not a system CA: the engine's certificate must not be trusted without --ca.
        r = ctlIn({}, {QStringLiteral("--connect"), url, QStringLiteral("--token-file"), tokenFile,
                       QStringLiteral("status")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.startsWith(QStringLiteral("umgatectl: cannot connect to the engine at ") + url),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("TLS")), qPrintable(r.err));

        QVERIFY(writeAll(tokenFile, "not-a-token\n"));
        r = ctlIn({}, {QStringLiteral("--connect"), url, QStringLiteral("--token-file"), tokenFile,
                       QStringLiteral("--ca"), ca, QStringLiteral("status")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.startsWith(QStringLiteral("umgatectl: cannot connect to the engine at ") + url),
                 qPrintable(r.err));

        r = ctlIn({}, {QStringLiteral("--connect"), url, QStringLiteral("status")});
        QCOMPARE(r.exitCode, 2); // no token at all
    }

    void adminTokens()
    {
        QVERIFY(startDaemon());
        CtlResult r = ctl({QStringLiteral("--json"), QStringLiteral("admin"), QStringLiteral("token"),
                           QStringLiteral("add"), QStringLiteral("alice")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QString token =
            QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("token")).toString();
        QVERIFY(token.size() >= 16);
        r = ctl({QStringLiteral("admin"), QStringLiteral("token"), QStringLiteral("list")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("alice")));
        QVERIFY(!r.out.contains(token));
        r = ctl({QStringLiteral("admin"), QStringLiteral("token"), QStringLiteral("remove"),
                 QStringLiteral("alice")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = ctl({QStringLiteral("admin"), QStringLiteral("token"), QStringLiteral("list")});
        QVERIFY(!r.out.contains(QStringLiteral("alice")));
    }

    // A result that reports failure inside a successful answer still exits 1.
    void directoryFailuresExitNonZero()
    {
        QVERIFY(startDaemon());
        const QString id = QStringLiteral("MSConnInst1");
        // Not a number: refused before any search (the embedded directory is the default).
        CtlResult r = ctl({QStringLiteral("directory"), QStringLiteral("lookup"), id,
                           QStringLiteral("--number"), QStringLiteral("*)(mail=*")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains(QStringLiteral("error:")), qPrintable(r.out));
        // A number nobody has is an answer (the default recipient gets the message), not a failure.
        r = ctl({QStringLiteral("directory"), QStringLiteral("lookup"), id, QStringLiteral("--number"),
                 QStringLiteral("+49301111111")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));

        // An LDAP server nobody listens on.
        const quint16 port = UmgatedProcess::freePort();
        const QList<QPair<QString, QString>> ldap = {
            {QStringLiteral("ldap.baseDn.entries"), QStringLiteral(R"(["dc=example,dc=com"])")},
            {QStringLiteral("ldap.connection.servers"),
             QStringLiteral(R"([{"host":"127.0.0.1","port":%1,"security":"none"}])").arg(port)},
            {QStringLiteral("ldap.userManagement.type"), QStringLiteral("openLdap")}};
        for (const auto& [k, v] : ldap) {
            const CtlResult set = ctl({QStringLiteral("config"), QStringLiteral("set"), id, k, v});
            QVERIFY2(set.exitCode == 0, qPrintable(k + QStringLiteral(": ") + set.err));
        }
        r = ctl({QStringLiteral("directory"), QStringLiteral("test"), id});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains(QStringLiteral("FAILED")), qPrintable(r.out));
        r = ctl({QStringLiteral("--json"), QStringLiteral("directory"), QStringLiteral("test"), id});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(QJsonDocument::fromJson(r.out.toUtf8()).isObject());
        r = ctl({QStringLiteral("directory"), QStringLiteral("lookup"), id, QStringLiteral("--number"),
                 QStringLiteral("+49301234568")});
        QCOMPARE(r.exitCode, 1);
    }

    // config import never reads more than the engine's line limit: a 500 MB (sparse) file is
    // refused from its size, a FIFO does not hang, and standard input stops at the limit.
    void importIsBounded()
    {
        QVERIFY(startDaemon());
        const QString huge = workFile(QStringLiteral("huge.json"));
        {
            QFile f(huge);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            QVERIFY(f.resize(500LL * 1024 * 1024)); // sparse: no disk, no time
        }
        QElapsedTimer t;
        t.start();
        CtlResult r = ctl({QStringLiteral("config"), QStringLiteral("import"), huge});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("524288000 bytes")) &&
                     r.err.contains(QStringLiteral("at most %1 bytes").arg(rpc::DefaultMaxMessageBytes)),
                 qPrintable(r.err));
        QVERIFY(t.elapsed() < 10000);
        // Every child this test waited for (umgatectl runs, daemons) stayed far below 500 MB.
        struct rusage usage = {};
        QCOMPARE(::getrusage(RUSAGE_CHILDREN, &usage), 0);
        QVERIFY2(usage.ru_maxrss < long{200} * 1024, qPrintable(QString::number(usage.ru_maxrss)));
        QFile::remove(huge);

        const QString fifo = workFile(QStringLiteral("config.fifo"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        r = ctl({QStringLiteral("config"), QStringLiteral("import"), fifo}); // nobody writes to it
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("not a regular file")), qPrintable(r.err));
        r = ctl({QStringLiteral("config"), QStringLiteral("import"), QStringLiteral("/dev/zero")});
        QCOMPARE(r.exitCode, 1);

        r = ctl({QStringLiteral("config"), QStringLiteral("import"), QStringLiteral("-")},
                QByteArray(int(rpc::DefaultMaxMessageBytes) + 4096, ' '));
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("standard input is more than")), qPrintable(r.err));
    }

    // The engine says why it refuses a client, and umgatectl shows it.
    void tooManyClientsIsShown()
    {
        QVERIFY(startDaemon());
        QCOMPARE(ctl({QStringLiteral("misc"), QStringLiteral("set"), QStringLiteral("rpc.maxClients"),
                      QStringLiteral("1")})
                     .exitCode,
                 0);
        // The one allowed client, authenticated (so the engine surely counts it).
        QLocalSocket held;
        QVERIFY(QTest::qWaitFor(
            [&] {
                held.abort();
                held.connectToServer(m_daemon->paths().socketFile());
                if (!held.waitForConnected(1000)) return false;
                held.write(rpc::requestLine(1, rpc::methodName(rpc::Method::RpcVersion),
                                            {{QStringLiteral("token"), m_daemon->cookie()}}) +
                           '\n');
                return held.waitForReadyRead(2000) &&
                       QJsonDocument::fromJson(held.readLine()).object().contains(QStringLiteral("result"));
            },
            10000));
        const CtlResult r = ctl({QStringLiteral("status")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(QStringLiteral("too many clients")), qPrintable(r.err));
        QVERIFY2(!r.err.contains(QStringLiteral("is umgated running")), qPrintable(r.err));
    }

    // Enabled, but its listener cannot bind: the answer says so, and so does the exit code.
    void enableThatCannotRunExitsNonZero()
    {
        QVERIFY(startDaemon());
        const QString id = QStringLiteral("MSConnInst1");
        QCOMPARE(ctl({QStringLiteral("instance"), QStringLiteral("disable"), id}).exitCode, 0);
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        QCOMPARE(ctl({QStringLiteral("config"), QStringLiteral("set"), id,
                      QStringLiteral("general.ipAddresses.port"), QString::number(squatter.serverPort())})
                     .exitCode,
                 0);
        const CtlResult r = ctl({QStringLiteral("instance"), QStringLiteral("enable"), id});
        QVERIFY2(r.exitCode == 1,
                 qPrintable(QStringLiteral("exit %1: %2%3").arg(r.exitCode).arg(r.out, r.err)));
        QVERIFY2(!r.err.isEmpty(), qPrintable(r.out));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
