// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/queue/MailQueue.h"
#include "tests/unit/MailQueueTestUtil.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using umgate::MailQueue;
using umgate::QueueEntry;
using namespace umgate::test;

namespace {

qint64 lineCount(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll().count('\n') : 0;
}

// The crash test's child: enqueues mails with 32 in flight until killed, appending the id of every
// acknowledged mail to `ackPath` (write(2) with O_APPEND: a SIGKILL never tears a line).
int crashChild(const QString& dir, const QString& ackPath)
{
    MailQueue q(dir);
    QString error;
    if (!q.open(&error)) {
        fprintf(stderr, "child: %s\n", qPrintable(error));
        return 2;
    }
    const int fd =
        ::open(QFile::encodeName(ackPath).constData(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) return 3;
    int sent = 0;
    std::function<void()> sendOne = [&] {
        if (sent >= 200000) return;
        QueueEntry e = sample(u"k-%1-%2"_s.arg(::getpid()).arg(sent++));
        q.enqueue(e, hashedMessage(200 + QRandomGenerator::global()->bounded(8000)),
                  [&, fd](bool ok, const QString& why, const QueueEntry& stored) {
                      if (!ok) {
                          fprintf(stderr, "child: %s\n", qPrintable(why));
                          QCoreApplication::exit(4);
                          return;
                      }
                      const QByteArray line = stored.id.toLatin1() + ' ' + stored.kernelId.toLatin1() + '\n';
                      if (::write(fd, line.constData(), size_t(line.size())) != line.size())
                          QCoreApplication::exit(5);
                      sendOne();
                  });
    };
    for (int i = 0; i < 32; ++i)
        sendOne();
    QTimer::singleShot(30000, qApp, [] { QCoreApplication::exit(0); }); // the parent kills us long before
    return QCoreApplication::exec();
}

} // namespace

class TstMailQueue : public QObject
{
    Q_OBJECT
private slots:
    void entryJsonRoundTrip()
    {
        QueueEntry e = sample(u"kern-1"_s);
        e.id = QueueEntry::newId();
        e.delivered = {u"carol@example.test"_s};
        e.attempts = 3;
        e.created = QDateTime::currentDateTimeUtc();
        e.nextAttempt = e.created.addSecs(60);
        e.lastError = u"451 try later"_s;
        e.size = 1234;
        QString error;
        const auto back = QueueEntry::fromFileData(e.toFileData(), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->toJson(), e.toJson());
        QJsonObject wrong = e.toJson();
        wrong.insert(u"version"_s, 99);
        QVERIFY(!QueueEntry::fromJson(wrong, &error));
        QVERIFY(error.contains(u"version"_s));
        // A relayed mail keeps its mark; the mails umgate builds have none in the file.
        QVERIFY(!e.toJson().contains(u"relay"_s));
        e.relay = true;
        const auto relayed = QueueEntry::fromFileData(e.toFileData(), &error);
        QVERIFY2(relayed && relayed->relay, qPrintable(error));
        wrong = e.toJson();
        wrong.insert(u"relay"_s, u"yes"_s);
        QVERIFY(!QueueEntry::fromJson(wrong, &error));
        QVERIFY(error.contains(u"relay"_s));
        const QString first = QueueEntry::newId();
        const QString second = QueueEntry::newId();
        QVERIFY2(first < second, qPrintable(first + u" "_s + second));
        QVERIFY(QueueEntry::isValidId(QueueEntry::newId()));
        QVERIFY(!QueueEntry::isValidId(u"../x"_s));
    }

    void enqueueReopenRoundTrip()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(u"SMTPOut"_s);
        QList<QueueEntry> stored;
        QList<QByteArray> datas;
        {
            MailQueue q(dir);
            QString error;
            QVERIFY2(q.open(&error), qPrintable(error));
            QSignalSpy changed(&q, &MailQueue::changed);
            QList<std::shared_ptr<Result>> results;
            for (int i = 0; i < 3; ++i) {
                datas.append(hashedMessage(1000 + i));
                results.append(enqueue(q, sample(u"k%1"_s.arg(i)), datas.last()));
                QVERIFY(!results.last()->called); // never inside enqueue
            }
            QTRY_VERIFY(std::all_of(results.begin(), results.end(), [](auto& r) { return r->called; }));
            for (const auto& r : results) {
                QVERIFY2(r->ok, qPrintable(r->error));
                QCOMPARE(r->stored.size, qint64(datas[stored.size()].size()));
                stored.append(r->stored);
            }
            QCOMPARE(q.size(), 3);
            QTRY_VERIFY(changed.count() >= 1);
            QVERIFY(changed.count() <= 3);
            for (int i = 0; i < 3; ++i) {
                const auto data = q.readData(stored[i].id, &error);
                QVERIFY2(data, qPrintable(error));
                QCOMPARE(*data, datas[i]);
            }
            QVERIFY(QFile::exists(dir + u"/Badmail"_s));
        }
        MailQueue q(dir);
        QString error;
        QVERIFY2(q.open(&error), qPrintable(error));
        const QList<QueueEntry> list = q.entries();
        QCOMPARE(list.size(), 3);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(list[i].toJson(), stored[i].toJson()); // oldest first
            QCOMPARE(*q.readData(list[i].id, &error), datas[i]);
        }
        QCOMPARE(q.diskBytes(), datas[0].size() + datas[1].size() + datas[2].size());
        QVERIFY(hiddenFiles(dir).isEmpty());
    }

    void updateRemoveBadmailRequeue()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(u"SMTPOut"_s);
        QString error;
        QString id1, id2;
        {
            MailQueue q(dir);
            QVERIFY2(q.open(&error), qPrintable(error));
            auto r1 = enqueue(q, sample(u"k1"_s), "one");
            auto r2 = enqueue(q, sample(u"k2"_s), "two");
            QTRY_VERIFY(r1->called && r2->called);
            id1 = r1->stored.id;
            id2 = r2->stored.id;

            QueueEntry u = r1->stored;
            u.attempts = 2;
            u.recipients = {u"bob@example.test"_s};
            u.delivered = {u"alice@example.test"_s};
            u.lastError = u"451 4.7.1 greylisted"_s;
            u.nextAttempt = QDateTime::currentDateTimeUtc().addSecs(300);
            u.size = 999999; // ignored: the queue owns the size
            QVERIFY2(q.update(u, &error), qPrintable(error));
            QCOMPARE(q.entry(id1)->attempts, 2);
            QCOMPARE(q.entry(id1)->size, 3);

            QVERIFY2(q.moveToBadmail(id2, u"550 5.1.1 user unknown"_s, &error), qPrintable(error));
            QCOMPARE(q.size(), 1);
            QCOMPARE(q.badmail().size(), 1);
            QCOMPARE(*q.readData(id2, &error), QByteArray("two"));
            QVERIFY(!q.update(r2->stored, &error));
            QVERIFY(error.contains(id2));
        }
        {
            MailQueue q(dir);
            QVERIFY2(q.open(&error), qPrintable(error));
            const QueueEntry e1 = *q.entry(id1);
            QCOMPARE(e1.attempts, 2);
            QCOMPARE(e1.delivered, QStringList{u"alice@example.test"_s});
            QCOMPARE(e1.lastError, u"451 4.7.1 greylisted"_s);
            QCOMPARE(q.badmail().size(), 1);
            QCOMPARE(q.badmail().first().badmailReason, u"550 5.1.1 user unknown"_s);
            QCOMPARE(q.badmail().first().kernelId, u"k2"_s);
            QVERIFY(QFile::exists(dir + u"/Badmail/"_s + id2 + u".eml"_s));

            auto requeued = std::make_shared<Ack>();
            QVERIFY2(q.requeue(id2, &error, ackInto(requeued)), qPrintable(error));
            QVERIFY(!requeued->called); // never inside the call
            QCOMPARE(q.size(), 2);
            QVERIFY(q.badmail().isEmpty());
            QCOMPARE(q.entry(id2)->attempts, 0);
            QVERIFY(q.entry(id2)->badmailReason.isEmpty());
            QVERIFY(q.entry(id2)->nextAttempt <= QDateTime::currentDateTimeUtc());
            QCOMPARE(*q.readData(id2, &error), QByteArray("two")); // at once, wherever the writer is
            QTRY_VERIFY(requeued->called);
            QVERIFY2(requeued->ok, qPrintable(requeued->error));
            QVERIFY(QDir(dir + u"/Badmail"_s).entryList(QDir::Files | QDir::Hidden).isEmpty());

            auto removed = std::make_shared<Ack>();
            QVERIFY2(q.remove(id1, &error, true, ackInto(removed)), qPrintable(error));
            QVERIFY(!q.entry(id1));
            QVERIFY(!q.readData(id1, &error));
            QVERIFY(!q.remove(id1, &error));
            QVERIFY(!q.requeue(id1, &error));
            QVERIFY(!q.moveToBadmail(id1, u"x"_s, &error));
            QVERIFY(error.contains(id1));
            QCOMPARE(q.diskBytes(), 3);
            QTRY_VERIFY(removed->called);
            QVERIFY2(removed->ok, qPrintable(removed->error));
            QVERIFY(!QFile::exists(dir + u"/"_s + id1 + u".json"_s));
        }
        MailQueue q(dir);
        QVERIFY2(q.open(&error), qPrintable(error));
        QCOMPARE(q.size(), 1);
        QCOMPARE(q.entries().first().id, id2);
        QCOMPARE(QDir(dir).entryList(QDir::Files).size(), 2);
    }

    void dueOrdering()
    {
        QTemporaryDir tmp;
        MailQueue q(tmp.filePath(u"SMTPOut"_s));
        QString error;
        QVERIFY2(q.open(&error), qPrintable(error));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QList<std::shared_ptr<Result>> rs;
        const int offsets[] = {600, -10, -600, 0, -5};
        for (const int offset : offsets) {
            QueueEntry e = sample();
            e.nextAttempt = now.addSecs(offset);
            rs.append(enqueue(q, e, "x"));
        }
        QTRY_VERIFY(std::all_of(rs.begin(), rs.end(), [](auto& r) { return r->called && r->ok; }));
        const QList<QueueEntry> due = q.due(now, 10);
        QCOMPARE(due.size(), 4);
        QCOMPARE(due[0].id, rs[1]->stored.id);
        QCOMPARE(due[1].id, rs[2]->stored.id);
        QCOMPARE(due[2].id, rs[3]->stored.id);
        QCOMPARE(due[3].id, rs[4]->stored.id);
        QCOMPARE(q.due(now, 2).size(), 2);
        QCOMPARE(q.due(now, 2).last().id, rs[2]->stored.id);
        QCOMPARE(q.due(now.addSecs(601), 100).size(), 5);
    }

    void maxDiskBytes()
    {
        QTemporaryDir tmp;
        MailQueue q(tmp.filePath(u"SMTPOut"_s));
        QString error;
        QVERIFY2(q.open(&error), qPrintable(error));
        q.setMaxDiskBytes(1000);
        auto r1 = enqueue(q, sample(), QByteArray(600, 'a'));
        auto r2 = enqueue(q, sample(), QByteArray(600, 'b')); // pending bytes count too
        QVERIFY(!r2->called);
        QTRY_VERIFY(r1->called && r2->called);
        QVERIFY(r1->ok);
        QVERIFY(!r2->ok);
        QVERIFY2(r2->error.contains(u"full"_s) && r2->error.contains(u"1000"_s), qPrintable(r2->error));
        QCOMPARE(q.size(), 1);
        auto r3 = enqueue(q, sample(), QByteArray(400, 'c'));
        QTRY_VERIFY(r3->called);
        QVERIFY(r3->ok);
        auto r4 = enqueue(q, sample(), QByteArray()); // empty message
        QTRY_VERIFY(r4->called);
        QVERIFY(!r4->ok);
    }

    void recovery()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(u"SMTPOut"_s);
        const QString bad = dir + u"/Badmail"_s;
        QVERIFY(QDir().mkpath(bad));
        auto plant = [](const QString& path, const QByteArray& data) {
            QFile f(path);
            return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
        };
        auto entryFor = [](const QString& id, qint64 size, const QString& kernelId) {
            QueueEntry e = sample(kernelId);
            e.id = id;
            e.size = size;
            e.created = e.nextAttempt = QDateTime::currentDateTimeUtc();
            return e;
        };
        const QString good = u"20260101T000000000-00000001-aaaaaaaa"_s;
        const QString orphanEml = u"20260101T000000000-00000002-aaaaaaaa"_s;
        const QString orphanJson = u"20260101T000000000-00000003-aaaaaaaa"_s;
        const QString corrupt = u"20260101T000000000-00000004-aaaaaaaa"_s;
        const QString sizeBad = u"20260101T000000000-00000005-aaaaaaaa"_s;
        const QString halfMoved = u"20260101T000000000-00000006-aaaaaaaa"_s;
        const QString halfRequeued = u"20260101T000000000-00000007-aaaaaaaa"_s;
        auto file = [&](const QString& id, const char* ext) {
            return u"%1/%2.%3"_s.arg(dir, id, QLatin1String(ext));
        };
        auto badFile = [&](const QString& id, const char* ext) {
            return u"%1/%2.%3"_s.arg(bad, id, QLatin1String(ext));
        };
        QVERIFY(plant(file(good, "eml"), "good"));
        QVERIFY(plant(file(good, "json"), entryFor(good, 4, u"kg"_s).toFileData()));
        QVERIFY(plant(dir + u"/.x.eml.tmp"_s, "partial"));
        QVERIFY(plant(dir + u"/.y.json.tmp-1234abcd"_s, "partial"));
        QVERIFY(plant(bad + u"/.z.json.tmp-99"_s, "partial"));
        QVERIFY(plant(file(orphanEml, "eml"), "never acknowledged"));
        QVERIFY(plant(file(orphanJson, "json"), entryFor(orphanJson, 5, u"ko"_s).toFileData()));
        QVERIFY(plant(file(corrupt, "eml"), "corrupt meta"));
        QVERIFY(plant(file(corrupt, "json"), "{\"format\": \"umgate.queue-en"));
        QVERIFY(plant(file(sizeBad, "eml"), "12345"));
        QVERIFY(plant(file(sizeBad, "json"), entryFor(sizeBad, 99, u"ks"_s).toFileData()));
        // Interrupted moveToBadmail: message already moved, queue .json still there.
        QVERIFY(plant(badFile(halfMoved, "eml"), "moved"));
        QVERIFY(plant(file(halfMoved, "json"), entryFor(halfMoved, 5, u"km"_s).toFileData()));
        // Interrupted requeue: queued completely, Badmail .json left behind.
        QVERIFY(plant(file(halfRequeued, "eml"), "back"));
        QVERIFY(plant(file(halfRequeued, "json"), entryFor(halfRequeued, 4, u"kr"_s).toFileData()));
        QVERIFY(plant(badFile(halfRequeued, "json"), entryFor(halfRequeued, 4, u"kr"_s).toFileData()));

        MailQueue q(dir);
        QString error;
        QVERIFY2(q.open(&error), qPrintable(error));
        QVERIFY(hiddenFiles(dir).isEmpty());
        QVERIFY(hiddenFiles(bad).isEmpty());
        QCOMPARE(q.size(), 2);
        QVERIFY(q.entry(good));
        QVERIFY(q.entry(halfRequeued));
        QVERIFY(!QFile::exists(badFile(halfRequeued, "json")));
        QVERIFY(!q.entry(orphanEml));
        QVERIFY(!QFile::exists(file(orphanEml, "eml")));
        QCOMPARE(q.badmail().size(), 4);
        for (const QString& id : {orphanJson, corrupt, sizeBad, halfMoved}) {
            QVERIFY2(!QFile::exists(file(id, "json")), qPrintable(id));
            QVERIFY2(!QFile::exists(file(id, "eml")), qPrintable(id));
            QVERIFY2(QFile::exists(badFile(id, "json")), qPrintable(id));
        }
        QVERIFY(q.entry(orphanJson)->badmailReason.contains(u"missing"_s));
        QVERIFY(QFile::exists(badFile(orphanJson, "reason.txt")));
        QVERIFY(q.entry(corrupt)->badmailReason.contains(u"damaged"_s));
        QVERIFY(QFile::exists(badFile(corrupt, "json.corrupt")));
        QCOMPARE(*q.readData(corrupt, &error), QByteArray("corrupt meta"));
        QVERIFY(q.entry(sizeBad)->badmailReason.contains(u"99"_s));
        QCOMPARE(*q.readData(halfMoved, &error), QByteArray("moved"));
        QVERIFY(!q.readData(orphanJson, &error));
        QVERIFY(!q.requeue(orphanJson, &error));
        QVERIFY(error.contains(u"missing"_s));
        QVERIFY(q.containsKernelId(u"ko"_s)); // acknowledged mails stay known for dedupe

        // A second recovery changes nothing.
        MailQueue again(dir + u"/"_s);
        QVERIFY2(again.open(&error), qPrintable(error));
        QCOMPARE(again.size(), 2);
        QCOMPARE(again.badmail().size(), 4);
    }

    void containsKernelId()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(u"SMTPOut"_s);
        QString error;
        {
            MailQueue q(dir);
            QVERIFY2(q.open(&error), qPrintable(error));
            auto r1 = enqueue(q, sample(u"spool-1"_s), "one");
            auto r2 = enqueue(q, sample(u"spool-2"_s), "two");
            QVERIFY(q.containsKernelId(u"spool-1"_s)); // already while being written
            QTRY_VERIFY(r1->called && r2->called);
            QVERIFY(q.moveToBadmail(r2->stored.id, u"rejected"_s, &error));
            QVERIFY(q.containsKernelId(u"spool-2"_s));
            QVERIFY(!q.containsKernelId(u"spool-3"_s));
            QVERIFY(!q.containsKernelId(QString()));
        }
        MailQueue q(dir);
        QVERIFY2(q.open(&error), qPrintable(error));
        QVERIFY(q.containsKernelId(u"spool-1"_s));
        QVERIFY(q.containsKernelId(u"spool-2"_s));
        QVERIFY(q.remove(q.entries().first().id, &error));
        QVERIFY(!q.containsKernelId(u"spool-1"_s));
        QVERIFY(q.remove(q.badmail().first().id, &error));
        QVERIFY(!q.containsKernelId(u"spool-2"_s));
    }

    void destructorFinishesPending()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(u"SMTPOut"_s);
        QString error;
        QList<std::shared_ptr<Result>> rs;
        auto late = std::make_shared<Result>();
        {
            MailQueue q(dir);
            QVERIFY2(q.open(&error), qPrintable(error));
            for (int i = 0; i < 50; ++i)
                rs.append(enqueue(q, sample(), hashedMessage(100)));
            // A callback that enqueues while the queue is being destroyed is told so, not dropped.
            q.enqueue(sample(), "late", [&q, late](bool ok, const QString&, const QueueEntry&) {
                QVERIFY(ok);
                q.enqueue(sample(), "too late", [late](bool ok2, const QString& why, const QueueEntry&) {
                    late->called = true;
                    late->ok = ok2;
                    late->error = why;
                });
            });
        }
        for (const auto& r : rs)
            QVERIFY(r->called && r->ok);
        QVERIFY(late->called);
        QVERIFY(!late->ok);
        QVERIFY2(late->error.contains(u"shutting down"_s), qPrintable(late->error));
        MailQueue q(dir);
        QVERIFY2(q.open(&error), qPrintable(error));
        QCOMPARE(q.size(), 51);
    }

    void concurrentEnqueues()
    {
        QTemporaryDir tmp;
        MailQueue q(tmp.filePath(u"SMTPOut"_s));
        QString error;
        QVERIFY2(q.open(&error), qPrintable(error));
        constexpr int count = 2000;
        QList<QByteArray> datas;
        for (int i = 0; i < count; ++i)
            datas.append(hashedMessage(4000));
        int done = 0, failed = 0;
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < count; ++i)
            q.enqueue(sample(u"k%1"_s.arg(i)), datas[i], [&](bool ok, const QString&, const QueueEntry&) {
                ++done;
                failed += ok ? 0 : 1;
            });
        QTRY_COMPARE_WITH_TIMEOUT(done, count, 120000);
        const qint64 ms = std::max<qint64>(1, timer.elapsed());
        QCOMPARE(failed, 0);
        QCOMPARE(q.size(), count);
        qInfo("%d concurrent enqueues of 4 KB in %lld ms: %.0f mails/s", count, ms,
              count * 1000.0 / double(ms));
        for (const QueueEntry& e : q.entries())
            QVERIFY(hashIntact(*q.readData(e.id, &error)));
    }

    // A child process enqueues in a loop and logs every acknowledged id; it is killed with SIGKILL at
    // random moments. Every acknowledged mail must be there, intact, and no temp file may remain.
    void survivesSigkill()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(u"SMTPOut"_s);
        const QString ackPath = tmp.filePath(u"acks.txt"_s);
        qsizetype checked = 0, tempFilesSeen = 0, orphansSeen = 0;
        for (int round = 0; round < 20; ++round) {
            QProcess child;
            child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            child.start(QCoreApplication::applicationFilePath(), {u"--crash-child"_s, dir, ackPath});
            QVERIFY(child.waitForStarted(10000));
            // The kill comes after a random number of acknowledgements, not a random time: a loaded
            // machine (or TSan) slows the child down, and every round must still kill it mid-work.
            const qint64 target = lineCount(ackPath) + 1 + QRandomGenerator::global()->bounded(60);
            QVERIFY2(
                QTest::qWaitFor([&] { return lineCount(ackPath) >= target; }, 60000),
                qPrintable(u"the child acknowledged %1 mails of the %2 expected"_s.arg(lineCount(ackPath))
                               .arg(target)));
            child.kill(); // SIGKILL
            QVERIFY(child.waitForFinished(10000));
            QVERIFY2(child.exitStatus() == QProcess::CrashExit,
                     qPrintable(u"child ended on its own with code %1"_s.arg(child.exitCode())));

            // What the kill left for recovery (shows the kills land inside batches).
            tempFilesSeen += hiddenFiles(dir).size();
            for (const QString& name : QDir(dir).entryList({u"*.eml"_s}, QDir::Files))
                orphansSeen += QFile::exists(dir + u"/"_s + name.chopped(4) + u".json"_s) ? 0 : 1;

            MailQueue q(dir);
            QString error;
            QVERIFY2(q.open(&error), qPrintable(error));
            QVERIFY2(hiddenFiles(dir).isEmpty(), qPrintable(hiddenFiles(dir).join(u", "_s)));
            QVERIFY(q.badmail().isEmpty());
            // No file yet: the kill came before the first acknowledgement (a slow start under
            // load or ASan), so nothing was promised.
            QFile acks(ackPath);
            QVERIFY(!acks.exists() || acks.open(QIODevice::ReadOnly));
            const QList<QByteArray> lines = acks.isOpen() ? acks.readAll().split('\n') : QList<QByteArray>();
            checked = 0;
            for (const QByteArray& line : lines) {
                const QList<QByteArray> parts = line.split(' ');
                if (parts.size() != 2) continue;
                const QString id = QString::fromLatin1(parts[0]);
                const auto e = q.entry(id);
                QVERIFY2(e, qPrintable(u"acknowledged mail %1 lost in round %2"_s.arg(id).arg(round)));
                QCOMPARE(e->kernelId, QString::fromLatin1(parts[1]));
                const auto data = q.readData(id, &error);
                QVERIFY2(data && hashIntact(*data), qPrintable(u"mail %1 damaged"_s.arg(id)));
                ++checked;
            }
            // Recovery never duplicates: one queue entry per kernel id.
            QSet<QString> kernelIds;
            for (const QueueEntry& e : q.entries()) {
                const auto data = q.readData(e.id, &error); // acknowledged or not: committed means intact
                QVERIFY2(data && hashIntact(*data), qPrintable(u"mail %1 damaged"_s.arg(e.id)));
                QVERIFY2(!kernelIds.contains(e.kernelId), qPrintable(e.kernelId));
                kernelIds.insert(e.kernelId);
            }
        }
        qInfo("%lld acknowledged mails checked after 20 SIGKILLs; recovery removed %lld temp files and %lld "
              "uncommitted messages",
              qlonglong(checked), qlonglong(tempFilesSeen), qlonglong(orphansSeen));
        QVERIFY(checked > 0);
    }
};

int main(int argc, char** argv)
{
    if (argc == 4 && qstrcmp(argv[1], "--crash-child") == 0) {
        QCoreApplication app(argc, argv);
        return crashChild(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]));
    }
    // What QTEST_GUILESS_MAIN does; spelled out for the crash child above.
    QCoreApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    TstMailQueue tc;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&tc, argc, argv);
}

#include "tst_mailqueue.moc"
