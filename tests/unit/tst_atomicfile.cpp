// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/AtomicFile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using umgate::AtomicFile;

class TstAtomicFile : public QObject
{
    Q_OBJECT
private slots:
    void writesAndReplaces()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("a.json"));
        QString error;
        QVERIFY2(AtomicFile::write(path, "one", &error), qPrintable(error));
        QVERIFY2(AtomicFile::write(path, "two", &error), qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("two"));
        // No temp files are left behind.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1);
    }

    void honoursMode()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("secret"));
        QVERIFY(AtomicFile::write(path, "x", nullptr, 0600));
        struct stat st = {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0600);
    }

    void reportsErrors()
    {
        QString error;
        QVERIFY(!AtomicFile::write(QStringLiteral("/nonexistent-dir/x/y"), "x", &error));
        QVERIFY(error.contains(QStringLiteral("/nonexistent-dir/x")));
    }

    // A child rewrites a file in a tight loop, alternating between two large contents; it is
    // killed with SIGKILL at varying moments. After every kill the file holds one whole version.
    void survivesSigkill()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("config.json"));
        const QByteArray a(qsizetype{256} * 1024, 'a');
        const QByteArray b(qsizetype{256} * 1024, 'b');
        QVERIFY(AtomicFile::write(path, a));
        for (int round = 0; round < 20; ++round) {
            const pid_t pid = ::fork();
            QVERIFY(pid >= 0);
            if (pid == 0) {
                for (int i = 0; i < 100000; ++i)
                    AtomicFile::write(path, (i % 2) ? a : b);
                ::_exit(0);
            }
            ::usleep(useconds_t(2000 + round * 1500));
            ::kill(pid, SIGKILL);
            int status = 0;
            ::waitpid(pid, &status, 0);
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray content = f.readAll();
            QVERIFY2(
                content == a || content == b,
                qPrintable(
                    QStringLiteral("torn file after round %1 (%2 bytes)").arg(round).arg(content.size())));
        }
    }
};

QTEST_GUILESS_MAIN(TstAtomicFile)
#include "tst_atomicfile.moc"
