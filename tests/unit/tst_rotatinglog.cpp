// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/RotatingLog.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using umgate::RotatingLog;

namespace {
const QString kLine = QString(1023, QLatin1Char('x')); // with time stamp and LF about 1.05 KB
}

class TstRotatingLog : public QObject
{
    Q_OBJECT
private slots:
    void rotatesAtSizeAndKeepsCount()
    {
        QTemporaryDir dir;
        RotatingLog log(dir.filePath(QStringLiteral("LdapSearch.log")));
        log.setLimits(true, 1, 2);
        for (int i = 0; i < 4000; ++i)
            QVERIFY(log.append(kLine)); // about 4 MB
        QVERIFY(log.flush());
        const QStringList files = log.files();
        QCOMPARE(files.size(), 3); // current + 2 kept
        for (const QString& f : files)
            QVERIFY2(QFileInfo(f).size() <= qint64{1024} * 1024, qPrintable(f));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("LdapSearch.log.3"))));
    }

    void countZeroKeepsEverySizeZeroNeverRotates()
    {
        QTemporaryDir dir;
        RotatingLog keep(dir.filePath(QStringLiteral("a.log")));
        keep.setLimits(true, 1, 0);
        for (int i = 0; i < 4000; ++i)
            keep.append(kLine);
        QVERIFY(keep.files().size() >= 4);
        RotatingLog grow(dir.filePath(QStringLiteral("b.log")));
        grow.setLimits(true, 0, 2);
        for (int i = 0; i < 2000; ++i)
            grow.append(kLine);
        QCOMPARE(grow.files().size(), 1);
        QVERIFY(grow.flush());
        QVERIFY(QFileInfo(grow.path()).size() > 2 * 1024 * 1024 - 100000);
    }

    void disabledWritesNothingAndLinesStayOneRecord()
    {
        QTemporaryDir dir;
        RotatingLog off(dir.filePath(QStringLiteral("off.log")));
        off.setLimits(false, 10, 5);
        QVERIFY(off.append(QStringLiteral("x")));
        QVERIFY(!QFile::exists(off.path()));
        RotatingLog on(dir.filePath(QStringLiteral("on.log")));
        on.setLimits(true, 10, 5);
        on.append(QStringLiteral("filter=(mail=a)\r\nforged line"));
        // Buffered lines reach the file from the event loop within 100 ms.
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(on.path()).size() > 0, 5000);
        QFile f(on.path());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll().count('\n'), 1);
        QVERIFY(on.clear());
        QCOMPARE(QFileInfo(on.path()).size(), 0);
    }
};

QTEST_GUILESS_MAIN(TstRotatingLog)
#include "tst_rotatinglog.moc"
