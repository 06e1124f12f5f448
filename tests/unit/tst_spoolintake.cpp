// SPDX-License-Identifier: GPL-3.0-or-later
// The kernel spool protocol (KernelEnvelope) and the intake that takes envelopes out of
// Kernel/Incoming: malformed input goes to Error with a reason, nothing is removed before the
// processor says the message is safe, nothing is taken twice.
#include "engine/spool/KernelEnvelope.h"
#include "engine/spool/SpoolFile.h"
#include "engine/spool/SpoolIntake.h"

#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>
#include <unistd.h>

using namespace umgate;
using namespace Qt::StringLiterals;

namespace {

QByteArray envelopeJson(const QJsonObject& changes = {}, const QStringList& remove = {})
{
    QJsonObject o{{u"version"_s, 1},
                  {u"id"_s, u"k1"_s},
                  {u"type"_s, u"fax"_s},
                  {u"calling"_s, u"+49 30 1234567"_s},
                  {u"called"_s, u"+49 89 7654321"_s},
                  {u"time"_s, u"2026-11-26T21:00:00Z"_s},
                  {u"pages"_s, 2},
                  {u"attachments"_s, QJsonArray{u"k1.tif"_s}}};
    for (auto it = changes.begin(); it != changes.end(); ++it)
        o.insert(it.key(), it.value());
    for (const QString& key : remove)
        o.remove(key);
    return QJsonDocument(o).toJson();
}

void writeFile(const QString& path, const QByteArray& data)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(data);
}

} // namespace

class TstSpoolIntake : public QObject
{
    Q_OBJECT
private slots:
    // One descriptor, O_NOFOLLOW | O_NONBLOCK, fstat: links, FIFOs and oversized files are refused
    // (a FIFO at once, without blocking); the old reader followed the link (QFile by path).
    void spoolFileReadsOnlyRegularFilesOnce()
    {
        QTemporaryDir dir, outside;
        writeFile(outside.filePath(u"secret"_s), "secret bytes");
        writeFile(dir.filePath(u"ok.wav"_s), "RIFF data");
        QVERIFY(::symlink(QFile::encodeName(outside.filePath(u"secret"_s)).constData(),
                          QFile::encodeName(dir.filePath(u"link.wav"_s)).constData()) == 0);
        QVERIFY(::mkfifo(QFile::encodeName(dir.filePath(u"fifo.wav"_s)).constData(), 0640) == 0);
        writeFile(dir.filePath(u"big.wav"_s), QByteArray(1000, 'x'));
        QString error;
        bool missing = false;
        QCOMPARE(SpoolFile::read(dir.path(), u"ok.wav"_s, 100, &error).value_or(QByteArray()),
                 QByteArray("RIFF data"));
        QVERIFY(!SpoolFile::read(dir.path(), u"link.wav"_s, 100, &error));
        QVERIFY2(error.contains(u"symbolic link"_s), qPrintable(error));
        QElapsedTimer t;
        t.start();
        QVERIFY(!SpoolFile::read(dir.path(), u"fifo.wav"_s, 100, &error));
        QVERIFY2(error.contains(u"FIFO"_s), qPrintable(error));
        QVERIFY(t.elapsed() < 1000);
        QVERIFY(!SpoolFile::read(dir.path(), u"big.wav"_s, 999, &error));
        QVERIFY2(error.contains(u"larger than 999"_s), qPrintable(error));
        QVERIFY(!SpoolFile::read(dir.path(), u"gone.wav"_s, 100, &error, &missing));
        QVERIFY(missing);
        QVERIFY(!SpoolFile::read(dir.path(), u"../x"_s, 100, &error));
    }

    void parsesTheDocumentedEnvelope()
    {
        QTemporaryDir dir;
        writeFile(dir.filePath(u"k1.tif"_s), "II*\0");
        QString error;
        const auto e = KernelEnvelope::parse(envelopeJson(), dir.path(), &error);
        QVERIFY2(e, qPrintable(error));
        QCOMPARE(e->type, KernelEnvelope::Type::Fax);
        QCOMPARE(e->called, u"+49 89 7654321"_s);
        QCOMPARE(e->pages, 2);
        QCOMPARE(e->time, QDateTime(QDate(2026, 11, 26), QTime(21, 0), Qt::UTC));
        // Numbers in any canonical spelling come out as one spelling.
        const auto e2 =
            KernelEnvelope::parse(envelopeJson({{u"called"_s, u"+4989 765-4321"_s}}), dir.path(), &error);
        QVERIFY2(e2, qPrintable(error));
        QCOMPARE(QString(e2->called).remove(u' '), QString(e->called).remove(u' '));
        // Round trip.
        const auto e3 = KernelEnvelope::parse(QJsonDocument(e->toJson()).toJson(), dir.path(), &error);
        QVERIFY2(e3, qPrintable(error));
        QCOMPARE(e3->toJson(), e->toJson());
    }

    void refusesMalformedEnvelopes_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not json") << QByteArray("{ torn") << u"JSON"_s;
        QTest::newRow("array") << QByteArray("[]") << u"object"_s;
        QTest::newRow("version") << envelopeJson({{u"version"_s, 2}}) << u"version"_s;
        QTest::newRow("id path") << envelopeJson({{u"id"_s, u"../etc"_s}}) << u"id"_s;
        QTest::newRow("type") << envelopeJson({{u"type"_s, u"telex"_s}}) << u"type"_s;
        QTest::newRow("called missing") << envelopeJson({}, {u"called"_s}) << u"called"_s;
        QTest::newRow("called injection") << envelopeJson({{u"called"_s, u"*)(mail=*"_s}}) << u"called"_s;
        QTest::newRow("calling crlf")
            << envelopeJson({{u"calling"_s, u"+49 30\r\nBcc: x@y"_s}}) << u"calling"_s;
        QTest::newRow("time no zone") << envelopeJson({{u"time"_s, u"2026-11-26T21:00:00"_s}}) << u"time"_s;
        QTest::newRow("pages negative") << envelopeJson({{u"pages"_s, -1}}) << u"pages"_s;
        QTest::newRow("attachment path")
            << envelopeJson({{u"attachments"_s, QJsonArray{u"../../secrets"_s}}}) << u"plain file name"_s;
        QTest::newRow("attachment absolute")
            << envelopeJson({{u"attachments"_s, QJsonArray{u"/etc/passwd"_s}}}) << u"plain file name"_s;
        QTest::newRow("attachment missing")
            << envelopeJson({{u"attachments"_s, QJsonArray{u"nope.tif"_s}}}) << u"does not exist"_s;
        QTest::newRow("fax without tiff") << envelopeJson({{u"attachments"_s, QJsonArray{}}}) << u"TIFF"_s;
        QTest::newRow("report without sender")
            << envelopeJson({{u"type"_s, u"report"_s}, {u"report"_s, QJsonObject{{u"status"_s, u"ok"_s}}}})
            << u"report.sender"_s;
    }
    void refusesMalformedEnvelopes()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mentions);
        QTemporaryDir dir;
        writeFile(dir.filePath(u"k1.tif"_s), "II*\0");
        QString error;
        QVERIFY(!KernelEnvelope::parse(json, dir.path(), &error));
        QVERIFY2(error.contains(mentions), qPrintable(error));
    }

    void intakeRemovesOnlyWhenDone()
    {
        QTemporaryDir dir;
        const QString spool = dir.filePath(u"Kernel/Incoming"_s);
        KernelEnvelope e;
        e.id = u"m1"_s;
        e.type = KernelEnvelope::Type::Fax;
        e.calling = u"+49 30 1234567"_s;
        e.called = u"+49 89 7654321"_s;
        e.time = QDateTime::currentDateTimeUtc();
        e.attachments = {u"m1.tif"_s};
        QString error;
        QVERIFY2(KernelEnvelope::write(spool, e, {{u"m1.tif"_s, QByteArray("II*\0", 4)}}, &error),
                 qPrintable(error));
        e.id = u"m2"_s;
        e.attachments = {u"m2.tif"_s};
        QVERIFY(KernelEnvelope::write(spool, e, {{u"m2.tif"_s, QByteArray("II*\0", 4)}}, &error));
        e.id = u"m3"_s;
        e.attachments = {u"m3.tif"_s};
        QVERIFY(KernelEnvelope::write(spool, e, {{u"m3.tif"_s, QByteArray("II*\0", 4)}}, &error));
        writeFile(spool + u"/broken.json"_s, "{ torn");
        writeFile(spool + u"/.half-written.json"_s, "{");

        SpoolIntake intake(u"T"_s, spool);
        intake.setRescanIntervalMs(100);
        QHash<QString, int> seen;
        QList<SpoolIntake::Finished> parked;
        intake.setProcessor([&](const KernelEnvelope& env, const SpoolIntake::Finished& finished) {
            ++seen[env.id];
            if (env.id == u"m1"_s)
                finished(SpoolIntake::Outcome::Done, {});
            else if (env.id == u"m2"_s)
                finished(SpoolIntake::Outcome::Error, u"no recipient and no default"_s);
            else
                parked << finished; // m3: still being processed
        });
        intake.start();
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(spool + u"/m1.json"_s), 5000);
        QVERIFY(!QFile::exists(spool + u"/m1.tif"_s));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(spool + u"/Error/m2.json"_s), 5000);
        QVERIFY(QFile::exists(spool + u"/Error/m2.tif"_s));
        QFile reason(spool + u"/Error/m2.reason.txt"_s);
        QVERIFY(reason.open(QIODevice::ReadOnly));
        QVERIFY(reason.readAll().contains("no recipient"));
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(spool + u"/Error/broken.json"_s), 5000);
        QVERIFY(QFile::exists(spool + u"/.half-written.json"_s)); // never looked at

        // m3 is in flight: rescans do not hand it out again, and its files stay.
        QTest::qWait(400);
        QCOMPARE(seen.value(u"m3"_s), 1);
        QVERIFY(QFile::exists(spool + u"/m3.json"_s));
        QCOMPARE(parked.size(), 1);
        parked.takeFirst()(SpoolIntake::Outcome::Done, {});
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(spool + u"/m3.json"_s), 5000);
        QCOMPARE(seen.value(u"m1"_s), 1);
    }

    void laterKeepsTheMessageAndRetries()
    {
        QTemporaryDir dir;
        const QString spool = dir.path();
        KernelEnvelope e;
        e.id = u"s1"_s;
        e.type = KernelEnvelope::Type::Sms;
        e.called = u"+49 89 7654321"_s;
        e.text = u"Grüße"_s;
        e.time = QDateTime::currentDateTimeUtc();
        QString error;
        QVERIFY(KernelEnvelope::write(spool, e, {}, &error));
        SpoolIntake intake(u"T"_s, spool);
        int calls = 0;
        intake.setProcessor([&](const KernelEnvelope& env, const SpoolIntake::Finished& finished) {
            ++calls;
            QCOMPARE(env.text, u"Grüße"_s);
            finished(SpoolIntake::Outcome::Later, u"queue full"_s);
        });
        intake.start();
        QTRY_COMPARE_WITH_TIMEOUT(calls, 1, 5000);
        QTest::qWait(300); // backs off instead of spinning on it
        QCOMPARE(calls, 1);
        QVERIFY(QFile::exists(spool + u"/s1.json"_s));
    }
};

QTEST_GUILESS_MAIN(TstSpoolIntake)
#include "tst_spoolintake.moc"
