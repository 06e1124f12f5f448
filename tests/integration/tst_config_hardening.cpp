// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 10, the config side of a real umgated: the data dir it is given, temp files a crash left,
// a message store path that would leave the instance folder, and an import of a huge document.
#include "UmgatedProcess.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <sys/stat.h>

using namespace umgate;
using umgate::test::CtlResult;
using umgate::test::runCtl;
using umgate::test::UmgatedProcess;

namespace {
mode_t modeOf(const QString& path)
{
    struct stat st = {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0) return 0;
    return st.st_mode & 07777;
}

bool touch(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write("half a write") > 0;
}
} // namespace

class TstConfigHardening : public QObject
{
    Q_OBJECT
private slots:
    // A shared 1777 directory lost its sticky bit: the engine chmodded whatever it was given.
    void aWorldWritableDataDirIsRefusedAndKeepsItsMode()
    {
        UmgatedProcess daemon;
        QVERIFY(::chmod(QFile::encodeName(daemon.dataDir()).constData(), 01777) == 0);
        QString error;
        QVERIFY(!daemon.start(&error));
        QVERIFY2(error.contains(QStringLiteral("writable by other users")), qPrintable(error));
        QCOMPARE(modeOf(daemon.dataDir()), mode_t(01777));
        QVERIFY(!QFileInfo::exists(daemon.paths().socketFile()));
        ::chmod(QFile::encodeName(daemon.dataDir()).constData(), 0700);
    }

    // An own directory the engine did not create is used as it is: not chmodded either.
    void anExistingPrivateDataDirKeepsItsMode()
    {
        UmgatedProcess daemon;
        QVERIFY(::chmod(QFile::encodeName(daemon.dataDir()).constData(), 0750) == 0);
        QString error;
        QVERIFY2(daemon.start(&error), qPrintable(error));
        QCOMPARE(modeOf(daemon.dataDir()), mode_t(0750));
        QVERIFY2(daemon.log().contains("can be read by other users"), daemon.log().constData());
    }

    void staleAtomicFileTempsAreRemovedAtStart()
    {
        UmgatedProcess daemon;
        QString error;
        QVERIFY2(daemon.start(&error), qPrintable(error));
        daemon.stop();
        const QString dir = daemon.dataDir();
        const QString instance = daemon.paths().instanceDir(QStringLiteral("MSConnInst1"));
        const QStringList stale = {dir + QStringLiteral("/.misc.json.tmp-3f2a9c"),
                                   dir + QStringLiteral("/.rpc-tokens.json.tmp-1"),
                                   dir + QStringLiteral("/.secrets.tmp-abcdef0123"),
                                   instance + QStringLiteral("/.instance.json.tmp-77"),
                                   instance + QStringLiteral("/.users.ldif.tmp-5e"),
                                   instance + QStringLiteral("/.mailboxes.json.tmp-9"),
                                   instance + QStringLiteral("/SMTPIn/Error/.k1.reason.txt.tmp-c0ffee")};
        for (const QString& f : stale)
            QVERIFY2(touch(f), qPrintable(f));
        // Not ours: an administrator's file that merely looks similar stays.
        const QString foreign = dir + QStringLiteral("/notes.tmp-keep");
        QVERIFY(touch(foreign));
        QVERIFY2(daemon.start(&error), qPrintable(error));
        for (const QString& f : stale)
            QVERIFY2(!QFileInfo::exists(f), qPrintable(f));
        QVERIFY(QFileInfo::exists(foreign));
    }

    // A remote administrator could point the local message store anywhere the engine can write.
    void maildirPathMustStayInsideTheInstance()
    {
        UmgatedProcess daemon;
        QString error;
        QVERIFY2(daemon.start(&error), qPrintable(error));
        const QString key = QStringLiteral("mailSystem.messageStore.maildirPath");
        for (const QString& bad : {QStringLiteral("/tmp/elsewhere"), QStringLiteral("../MSConnInst2/Maildir"),
                                   QStringLiteral("Maildir/../../x"), QStringLiteral("//server/share")}) {
            const CtlResult r = runCtl(daemon.dataDir(), {QStringLiteral("config"), QStringLiteral("set"),
                                                          QStringLiteral("MSConnInst1"), key, bad});
            QVERIFY2(r.exitCode != 0, qPrintable(bad));
            QVERIFY2(r.err.contains(key), qPrintable(r.err));
        }
        const CtlResult ok =
            runCtl(daemon.dataDir(), {QStringLiteral("config"), QStringLiteral("set"),
                                      QStringLiteral("MSConnInst1"), key, QStringLiteral("Store/Maildir")});
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.err));
    }

    // The schema cannot see the disk: a symbolic link inside the instance folder that leads out
    // is refused when the store is used, and nothing is written through it.
    void maildirBehindASymlinkOutOfTheInstanceIsRefused()
    {
        UmgatedProcess daemon;
        QString error;
        QVERIFY2(daemon.start(&error), qPrintable(error));
        const QString instance = daemon.paths().instanceDir(QStringLiteral("MSConnInst1"));
        QFile users(daemon.paths().instanceDirectoryFile(QStringLiteral("MSConnInst1")));
        QVERIFY(users.open(QIODevice::WriteOnly));
        users.write("dn: uid=anna,ou=people,dc=example,dc=com\nobjectClass: inetOrgPerson\ncn: Anna\nsn: M\n"
                    "uid: anna\nmail: anna@example.com\notherFacsimileTelephoneNumber: +49 89 7654321\n");
        users.close();
        QTemporaryDir outside;
        QVERIFY(QFile::link(outside.path(), instance + QStringLiteral("/Store")));
        for (const auto& [key, value] :
             {std::pair{QStringLiteral("mailSystem.messageStore.mode"), QStringLiteral("localMaildir")},
              std::pair{QStringLiteral("mailSystem.messageStore.maildirPath"),
                        QStringLiteral("Store/Maildir")}}) {
            const CtlResult r = runCtl(daemon.dataDir(), {QStringLiteral("config"), QStringLiteral("set"),
                                                          QStringLiteral("MSConnInst1"), key, value});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        }
        const CtlResult r =
            runCtl(daemon.dataDir(),
                   {QStringLiteral("test-message"), QStringLiteral("MSConnInst1"), QStringLiteral("--type"),
                    QStringLiteral("sms"), QStringLiteral("--calling"), QStringLiteral("+49 30 1234567"),
                    QStringLiteral("--called"), QStringLiteral("+49 89 7654321")});
        QVERIFY2(!r.out.contains(QStringLiteral("outcome: delivered")), qPrintable(r.out));
        QVERIFY2((r.out + r.err).contains(QStringLiteral("leads out of the instance folder")),
                 qPrintable(r.out + r.err));
        QVERIFY(QDir(outside.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot).isEmpty());
    }

    // 700 KB of unknown keys took the engine 6.7 s to answer (one line search per error), and
    // nobody else was served meanwhile. Now the errors are bounded and the engine answers at once.
    void importOfManyUnknownKeysDoesNotStallTheEngine()
    {
        UmgatedProcess daemon;
        QString error;
        QVERIFY2(daemon.start(&error), qPrintable(error));
        QByteArray text = "{\n\"format\": \"umgate-instance-export\",\n\"version\": 1,\n\"id\": \"Big\",\n"
                          "\"name\": \"Big\",\n\"settings\": {\n";
        int keys = 0;
        while (text.size() < qsizetype{700} * 1024)
            text += "\"unknown.setting.k" + QByteArray::number(keys++) + "\": \"some value here\",\n";
        text += "\"mailSystem.general.port\": 25\n}}\n";
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("big.json"));
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(text) == text.size());
        f.close();
        QElapsedTimer timer;
        timer.start();
        const CtlResult r =
            runCtl(daemon.dataDir(), {QStringLiteral("config"), QStringLiteral("import"), file});
        QCOMPARE(r.exitCode, 1);
        const qsizetype lines = r.err.count(QStringLiteral("cannot import"));
        QVERIFY2(lines > 0 && lines <= 21, qPrintable(QString::number(lines)));
        QVERIFY2(r.err.contains(QStringLiteral("%1 more errors").arg(keys - 20)),
                 qPrintable(r.err.right(300)));
        const CtlResult status =
            runCtl(daemon.dataDir(), {QStringLiteral("--json"), QStringLiteral("status")});
        QCOMPARE(status.exitCode, 0);
        // Two umgatectl runs; the old engine needed 6.7 s for the import alone.
        QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
    }
};

QTEST_GUILESS_MAIN(TstConfigHardening)
#include "tst_config_hardening.moc"
