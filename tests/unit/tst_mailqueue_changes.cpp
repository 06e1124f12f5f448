// SPDX-License-Identifier: GPL-3.0-or-later
// MailQueue's one write path: update, remove, moveToBadmail and requeue are written and synced on
// the writer thread, never on the caller's (the event loop's): no sync there, and no file touched
// while the writer is held; waiting changes share one directory sync; an acknowledged change
// survives SIGKILL; a change that fails is read back from disk.
#include "engine/core/AtomicFile.h"
#include "engine/queue/MailQueue.h"
#include "tests/unit/MailQueueTestUtil.h"

#include <QDirIterator>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <condition_variable>
#include <fcntl.h>
#include <mutex>
#include <thread>
#include <unistd.h>

using namespace Qt::StringLiterals;
using umgate::AtomicFile;
using umgate::MailQueue;
using umgate::QueueEntry;
using namespace umgate::test;

namespace {

// Every fsync/fdatasync AtomicFile makes while the observer is installed: the path and the thread.
// A plain function pointer is the hook, so the record is global. `gate`: while closed, the first
// sync waits (on the writer thread) until the test opens it, so the test can line up changes.
struct SyncRecord
{
    std::mutex mutex;
    std::condition_variable cv;
    QList<std::pair<QString, std::thread::id>> syncs;
    bool gateClosed = false;
    bool held = false; // a sync is waiting at the gate
};
SyncRecord g_record;

void observeSync(const QString& path)
{
    std::unique_lock lock(g_record.mutex);
    g_record.syncs.append({path, std::this_thread::get_id()});
    if (g_record.gateClosed) {
        g_record.held = true;
        g_record.cv.notify_all();
        g_record.cv.wait(lock, [] { return !g_record.gateClosed; });
    }
}

// Installs the observer for one test function and removes it again.
struct ObserveSyncs
{
    explicit ObserveSyncs(bool closeGate = false)
    {
        std::lock_guard lock(g_record.mutex);
        g_record.syncs.clear();
        g_record.gateClosed = closeGate;
        g_record.held = false;
        AtomicFile::setSyncObserver(&observeSync);
    }
    ~ObserveSyncs()
    {
        openGate();
        AtomicFile::setSyncObserver(nullptr);
    }
    static void openGate()
    {
        std::lock_guard lock(g_record.mutex);
        g_record.gateClosed = false;
        g_record.cv.notify_all();
    }
    static bool waitHeld()
    {
        std::unique_lock lock(g_record.mutex);
        return g_record.cv.wait_for(lock, std::chrono::seconds(20), [] { return g_record.held; });
    }
    static QList<std::pair<QString, std::thread::id>> syncs()
    {
        std::lock_guard lock(g_record.mutex);
        return g_record.syncs;
    }
};

qint64 lineCount(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll().count('\n') : 0;
}

// Every file under `dir` (hidden ones too), by relative path, with its bytes.
QMap<QString, QByteArray> snapshot(const QString& dir)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        files.insert(QDir(dir).relativeFilePath(f.fileName()),
                     f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>"));
    }
    return files;
}

bool waitAll(const QList<std::shared_ptr<Ack>>& acks)
{
    return QTest::qWaitFor(
        [&] { return std::all_of(acks.begin(), acks.end(), [](const auto& a) { return a->called; }); },
        30000);
}

// --- the SIGKILL child -----------------------------------------------------------------------
// Lanes of mails, each walking one of two chains of changes, one change in flight per mail. Before
// a change it appends "B <id> <op> <n>", after its acknowledgement "A <id> <op> <n>" (write(2)
// with O_APPEND: a SIGKILL never tears a line). The parent checks every mail against the last
// acknowledged change, or the one begun after it.
const QStringList kChainA = {u"update"_s, u"update"_s, u"badmail"_s, u"requeue"_s, u"update"_s, u"remove"_s};
const QStringList kChainB = {u"badmail"_s, u"remove"_s};
const QStringList kChainC = {u"update"_s, u"lazyremove"_s};

class ChangeChild
{
public:
    ChangeChild(const QString& dir, int fd) : m_queue(dir), m_fd(fd) {}

    int run()
    {
        QString error;
        if (!m_queue.open(&error)) {
            fprintf(stderr, "child: %s\n", qPrintable(error));
            return 2;
        }
        for (int lane = 0; lane < 16; ++lane)
            startMail();
        QTimer::singleShot(120000, qApp, [] { QCoreApplication::exit(0); }); // killed long before
        return QCoreApplication::exec();
    }

private:
    void log(char kind, const QString& id, const QString& op, int n)
    {
        const QByteArray line = QByteArray(1, kind) + ' ' + id.toLatin1() + ' ' + op.toLatin1() + ' ' +
                                QByteArray::number(n) + '\n';
        if (::write(m_fd, line.constData(), size_t(line.size())) != line.size()) QCoreApplication::exit(5);
    }

    void startMail()
    {
        const int which = int(QRandomGenerator::global()->bounded(3));
        const QStringList chain = which == 0 ? kChainA : which == 1 ? kChainB : kChainC;
        m_queue.enqueue(sample(u"k-%1-%2"_s.arg(::getpid()).arg(m_mails++)), hashedMessage(300),
                        [this, chain](bool ok, const QString& why, const QueueEntry& stored) {
                            if (!ok) return fail(why);
                            log('A', stored.id, u"enqueue"_s, 0);
                            next(stored.id, chain, 0);
                        });
    }

    void fail(const QString& why)
    {
        fprintf(stderr, "child: %s\n", qPrintable(why));
        QCoreApplication::exit(4);
    }

    void next(const QString& id, const QStringList& chain, int step)
    {
        if (step >= chain.size()) return startMail();
        const QString& op = chain[step];
        const int n = ++m_changes;
        log('B', id, op, n);
        auto done = [this, id, chain, step, op, n](bool ok, const QString& why) {
            if (!ok) return fail(why);
            log('A', id, op, n);
            next(id, chain, step + 1);
        };
        QString error;
        bool started = false;
        if (op == u"update"_s) {
            QueueEntry e = *m_queue.entry(id);
            e.attempts = n; // unique per change: the parent sees which update is on disk
            e.nextAttempt = QDateTime::currentDateTimeUtc().addDays(1);
            started = m_queue.update(e, &error, done);
        } else if (op == u"badmail"_s) {
            started = m_queue.moveToBadmail(id, u"rejected %1"_s.arg(n), &error, done);
        } else if (op == u"requeue"_s) {
            started = m_queue.requeue(id, &error, done);
        } else {
            started = m_queue.remove(id, &error, op == u"remove"_s, done);
        }
        if (!started) fail(error);
    }

    MailQueue m_queue;
    int m_fd;
    int m_mails = 0;
    int m_changes = 0;
};

// Where a mail is after a change, as the parent expects it.
struct State
{
    enum Where
    {
        Queued,
        Badmail,
        Gone
    } where = Queued;
    int attempts = 0;
    bool operator==(const State& o) const
    {
        return where == o.where && (where == Gone || attempts == o.attempts);
    }
};

State apply(State s, const QString& op, int n)
{
    if (op == u"enqueue"_s) return {State::Queued, 0};
    if (op == u"update"_s) return {State::Queued, n};
    if (op == u"badmail"_s) return {State::Badmail, s.attempts};
    if (op == u"requeue"_s) return {State::Queued, 0};
    return {State::Gone, 0};
}

QString describe(const State& s)
{
    static const char* names[] = {"queued", "in Badmail", "gone"};
    return u"%1 (attempts %2)"_s.arg(QLatin1String(names[s.where])).arg(s.attempts);
}

} // namespace

// Enqueues `count` mails of `bytes` each (k0, k1, ...) and waits until all are stored: their ids,
// or fewer when one failed or did not finish in time.
QStringList enqueueStored(MailQueue& q, int count, int bytes)
{
    QList<std::shared_ptr<Result>> queued;
    for (int i = 0; i < count; ++i)
        queued.append(enqueue(q, sample(u"k%1"_s.arg(i)), hashedMessage(bytes)));
    const auto stored = [&] {
        return std::all_of(queued.begin(), queued.end(), [](auto& r) { return r->called; });
    };
    (void)QTest::qWaitFor(stored, 10000);
    QStringList ids;
    for (const auto& r : queued)
        if (r->called && r->ok) ids << r->stored.id;
    return ids;
}

class TstMailQueueChanges : public QObject
{
    Q_OBJECT
private slots:
    // Every change is synced on the writer thread: the event loop (this thread) never syncs, and
    // every kind of change did sync (the check is not empty). Before this, update, remove,
    // moveToBadmail and requeue called fsync here.
    void changesSyncOnTheWriterThreadOnly()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(u"SMTPOut"_s);
        MailQueue q(dir);
        QString error;
        QVERIFY2(q.open(&error), qPrintable(error));
        const QStringList ids = enqueueStored(q, 5, 500);
        QCOMPARE(ids.size(), 5);

        {
            ObserveSyncs observe;
            const std::thread::id eventLoop = std::this_thread::get_id();
            QList<std::shared_ptr<Ack>> acks;
            auto ack = [&acks] {
                acks.append(std::make_shared<Ack>());
                return ackInto(acks.last());
            };
            QueueEntry e = *q.entry(ids[0]);
            e.attempts = 3;
            QVERIFY2(q.update(e, &error, ack()), qPrintable(error));
            QVERIFY2(q.remove(ids[1], &error, true, ack()), qPrintable(error));
            QVERIFY2(q.moveToBadmail(ids[2], u"550 no"_s, &error, ack()), qPrintable(error));
            QVERIFY2(q.moveToBadmail(ids[3], u"550 no"_s, &error, ack()), qPrintable(error));
            QVERIFY(std::none_of(acks.begin(), acks.end(), [](const auto& a) { return a->called; }));
            QVERIFY(waitAll(acks));
            QVERIFY2(q.requeue(ids[2], &error, ack()), qPrintable(error));
            QVERIFY2(q.remove(ids[3], &error, true, ack()), qPrintable(error)); // from Badmail
            QVERIFY2(q.remove(ids[4], &error, false, ack()),
                     qPrintable(error)); // delivered: no sync of its own
            QVERIFY(waitAll(acks));
            for (const auto& a : acks)
                QVERIFY2(a->ok, qPrintable(a->error));

            const auto syncs = ObserveSyncs::syncs();
            const auto count = [&](const std::function<bool(const QString&)>& match) {
                return std::count_if(syncs.begin(), syncs.end(),
                                     [&](const auto& s) { return match(s.first); });
            };
            QStringList onEventLoop;
            for (const auto& [path, thread] : syncs)
                if (thread == eventLoop) onEventLoop << path;
            QVERIFY2(onEventLoop.isEmpty(),
                     qPrintable(u"synced on the event loop: "_s + onEventLoop.join(u", "_s)));
            // Not vacuous: each kind of change did sync.
            QVERIFY2(count([&](const QString& p) { return p == dir + u"/."_s + ids[0] + u".json.tmp"_s; }) ==
                         1,
                     "the update synced no file");
            QVERIFY2(count([&](const QString& p) { return p == dir + u"/."_s + ids[2] + u".json.tmp"_s; }) ==
                         1,
                     "the requeue synced no file");
            QVERIFY2(count([&](const QString& p) {
                         return p.endsWith(u"Badmail/."_s + ids[2] + u".json.tmp"_s);
                     }) == 1,
                     "moveToBadmail synced no file");
            QVERIFY2(count([&](const QString& p) { return p == dir; }) >= 3,
                     "the queue directory was not synced after each round of changes");
            QVERIFY2(count([&](const QString& p) { return p == dir + u"/Badmail"_s; }) >= 2,
                     "Badmail was not synced after the moves and the removal");
        }

        // And the disk says what the index said.
        MailQueue again(dir);
        QVERIFY2(again.open(&error), qPrintable(error));
        QCOMPARE(again.entry(ids[0])->attempts, 3);
        QVERIFY(!again.entry(ids[1]));
        QVERIFY(again.entry(ids[2]) && again.badmail().isEmpty());
        QVERIFY(!again.entry(ids[3]) && !again.entry(ids[4]));
    }

    // Not only the syncs: the caller's thread creates, renames and deletes no file either. While
    // the writer thread is held, every kind of change is asked for; the index shows them at once,
    // the disk is byte for byte as it was, and only when the writer goes on do the files change.
    void changesTouchNoFileOnTheCallersThread()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(u"SMTPOut"_s);
        MailQueue q(dir);
        QString error;
        QVERIFY2(q.open(&error), qPrintable(error));
        const QStringList ids = enqueueStored(q, 6, 200);
        QCOMPARE(ids.size(), 6);
        auto before = std::make_shared<Ack>();
        QVERIFY2(q.moveToBadmail(ids[5], u"550 no"_s, &error, ackInto(before)), qPrintable(error));
        QTRY_VERIFY(before->called && before->ok);

        ObserveSyncs observe(/*closeGate=*/true);
        QList<std::shared_ptr<Ack>> acks;
        auto ack = [&acks] {
            acks.append(std::make_shared<Ack>());
            return ackInto(acks.last());
        };
        QueueEntry first = *q.entry(ids[0]);
        first.attempts = 7;
        QVERIFY2(q.update(first, &error, ack()), qPrintable(error));
        QVERIFY(ObserveSyncs::waitHeld()); // the writer waits in the update's fdatasync
        const QMap<QString, QByteArray> held = snapshot(dir);

        QueueEntry e = *q.entry(ids[1]);
        e.attempts = 2;
        QVERIFY2(q.update(e, &error, ack()), qPrintable(error));
        QVERIFY2(q.remove(ids[2], &error, true, ack()), qPrintable(error));
        QVERIFY2(q.remove(ids[3], &error, false, ack()), qPrintable(error));
        QVERIFY2(q.moveToBadmail(ids[4], u"550 no"_s, &error, ack()), qPrintable(error));
        QVERIFY2(q.requeue(ids[5], &error, ack()), qPrintable(error));
        QCoreApplication::processEvents(); // whatever the calls posted runs here, on this thread
        QCOMPARE(q.size(), 3);             // ids 0, 1 and 5
        QCOMPARE(q.badmailSize(), 1);      // id 4
        QCOMPARE(snapshot(dir), held);     // not one file created, renamed, changed or deleted

        ObserveSyncs::openGate();
        QVERIFY(waitAll(acks));
        for (const auto& a : acks)
            QVERIFY2(a->ok, qPrintable(a->error));
        const QMap<QString, QByteArray> after = snapshot(dir);
        QVERIFY(after != held);
        QVERIFY(!after.contains(ids[2] + u".json"_s) && !after.contains(ids[3] + u".json"_s));
        QVERIFY(after.contains(u"Badmail/"_s + ids[4] + u".json"_s));
        QVERIFY(after.contains(ids[5] + u".eml"_s) && !after.contains(u"Badmail/"_s + ids[5] + u".json"_s));
    }

    // Group commit for changes: while the writer is busy, the changes that arrive are written as
    // one batch with one sync of the queue directory for all of them.
    void waitingChangesShareOneDirectorySync()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(u"SMTPOut"_s);
        MailQueue q(dir);
        QString error;
        QVERIFY2(q.open(&error), qPrintable(error));
        QList<std::shared_ptr<Result>> queued;
        for (int i = 0; i < 40; ++i)
            queued.append(enqueue(q, sample(), "x"));
        QTRY_VERIFY(std::all_of(queued.begin(), queued.end(), [](auto& r) { return r->called && r->ok; }));

        ObserveSyncs observe(/*closeGate=*/true);
        QList<std::shared_ptr<Ack>> acks;
        for (const auto& r : queued) {
            QueueEntry e = r->stored;
            e.attempts = 1;
            acks.append(std::make_shared<Ack>());
            QVERIFY2(q.update(e, &error, ackInto(acks.last())), qPrintable(error));
            if (acks.size() == 1) QVERIFY(ObserveSyncs::waitHeld()); // the writer is in the first batch
        }
        ObserveSyncs::openGate();
        QVERIFY(waitAll(acks));
        const auto syncs = ObserveSyncs::syncs();
        const auto dirSyncs =
            std::count_if(syncs.begin(), syncs.end(), [&](const auto& s) { return s.first == dir; });
        // The first change alone, then the 39 that waited: two directory syncs, not 40.
        QCOMPARE(dirSyncs, 2);
        QCOMPARE(syncs.size(), 40 + 2); // one fdatasync per .json, one directory sync per batch
        for (const QueueEntry& e : q.entries())
            QCOMPARE(e.attempts, 1);
    }

    // A change that fails on disk is reported as failed, and the index follows the disk, not the
    // request: here the message vanished behind the queue's back, so the move to Badmail cannot
    // happen and the mail (a .json without its message) is not shown in Badmail either.
    void aFailedChangeIsReadBackFromDisk()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(u"SMTPOut"_s);
        MailQueue q(dir);
        QString error;
        QVERIFY2(q.open(&error), qPrintable(error));
        auto r = enqueue(q, sample(u"k1"_s), "one");
        auto kept = enqueue(q, sample(u"k2"_s), "two");
        QTRY_VERIFY(r->called && r->ok && kept->called && kept->ok);
        QVERIFY(QFile::remove(dir + u"/"_s + r->stored.id + u".eml"_s));
        auto a = std::make_shared<Ack>();
        QVERIFY2(q.moveToBadmail(r->stored.id, u"550 no"_s, &error, ackInto(a)), qPrintable(error));
        QCOMPARE(q.badmailSize(), 1); // shown at once, as asked
        QTRY_VERIFY(a->called);
        QVERIFY(!a->ok);
        QVERIFY2(a->error.contains(r->stored.id), qPrintable(a->error));
        QCOMPARE(q.badmailSize(), 0);
        QVERIFY(!q.entry(r->stored.id)); // no message: neither queued nor in Badmail
        QCOMPARE(q.size(), 1);
        QVERIFY(q.entry(kept->stored.id));
        QVERIFY(hiddenFiles(dir + u"/Badmail"_s).isEmpty());
    }

    // A mail being requeued is not due until its message is back in SMTPOut, and reading it in
    // between finds the message wherever the writer has it.
    void aMailWithAChangeInFlightIsNotDue()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(u"SMTPOut"_s);
        MailQueue q(dir);
        QString error;
        QVERIFY2(q.open(&error), qPrintable(error));
        auto r = enqueue(q, sample(), "data");
        QTRY_VERIFY(r->called && r->ok);
        auto toBad = std::make_shared<Ack>();
        QVERIFY(q.moveToBadmail(r->stored.id, u"x"_s, &error, ackInto(toBad)));
        QTRY_VERIFY(toBad->called && toBad->ok);

        ObserveSyncs observe(/*closeGate=*/true);
        auto back = std::make_shared<Ack>();
        QVERIFY2(q.requeue(r->stored.id, &error, ackInto(back)), qPrintable(error));
        QVERIFY(ObserveSyncs::waitHeld());
        const QDateTime later = QDateTime::currentDateTimeUtc().addSecs(60);
        QVERIFY(q.due(later, 10).isEmpty());
        QCOMPARE(q.readData(r->stored.id, &error).value_or(QByteArray()), QByteArray("data"));
        ObserveSyncs::openGate();
        QTRY_VERIFY(back->called);
        QVERIFY2(back->ok, qPrintable(back->error));
        QCOMPARE(q.due(later, 10).size(), 1);
        QCOMPARE(*q.readData(r->stored.id, &error), QByteArray("data"));
    }

    // A child process changes mails in a loop and logs each change it began and each one that was
    // acknowledged; it is killed with SIGKILL at random moments. Every mail must then be as its
    // last acknowledged change left it, or as the one change begun after that left it.
    void acknowledgedChangesSurviveSigkill()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(u"SMTPOut"_s);
        const QString logPath = tmp.filePath(u"changes.txt"_s);
        QHash<QString, int> acked; // op -> acknowledged changes checked in the last round
        qint64 lines = 0;          // in the log so far
        for (int round = 0; round < 12; ++round) {
            QProcess child;
            child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
            child.start(QCoreApplication::applicationFilePath(), {u"--change-child"_s, dir, logPath});
            QVERIFY(child.waitForStarted(10000));
            // The kill comes after a random amount of work, not time: a loaded machine (or TSan)
            // slows the child down, and every round must still kill it in the middle of changes.
            const qint64 target = lines + 40 + QRandomGenerator::global()->bounded(400);
            QVERIFY2(QTest::qWaitFor([&] { return (lines = lineCount(logPath)) >= target; }, 60000),
                     qPrintable(u"the child logged %1 lines of the %2 expected"_s.arg(lines).arg(target)));
            child.kill(); // SIGKILL
            QVERIFY(child.waitForFinished(10000));
            QVERIFY2(child.exitStatus() == QProcess::CrashExit,
                     qPrintable(u"child ended on its own with code %1"_s.arg(child.exitCode())));

            MailQueue q(dir);
            QString error;
            QVERIFY2(q.open(&error), qPrintable(error));
            QFile log(logPath);
            QVERIFY(!log.exists() || log.open(QIODevice::ReadOnly)); // no file: killed before any change
            QHash<QString, State> last;                 // id -> after its last acknowledged change
            QHash<QString, std::optional<State>> begun; // id -> after the change begun since then
            acked.clear();
            for (const QByteArray& line : log.isOpen() ? log.readAll().split('\n') : QList<QByteArray>()) {
                const QList<QByteArray> f = line.split(' ');
                if (f.size() != 4) continue;
                const QString id = QString::fromLatin1(f[1]), op = QString::fromLatin1(f[2]);
                const int n = f[3].toInt();
                if (f[0] == "B") {
                    begun[id] = apply(last.value(id), op, n);
                } else {
                    last[id] = apply(last.value(id), op, n);
                    begun.remove(id);
                    ++acked[op];
                }
            }
            QSet<QString> badmail;
            for (const QueueEntry& b : q.badmail())
                badmail.insert(b.id);
            for (auto it = last.cbegin(); it != last.cend(); ++it) {
                const auto e = q.entry(it.key());
                State now{State::Gone, 0};
                if (e) now = {badmail.contains(it.key()) ? State::Badmail : State::Queued, e->attempts};
                const std::optional<State> other = begun.value(it.key());
                QVERIFY2(now == it.value() || (other && now == *other),
                         qPrintable(u"round %1: mail %2 is %3; acknowledged: %4%5"_s.arg(round).arg(
                             it.key(), describe(now), describe(it.value()),
                             other ? u", or begun: "_s + describe(*other) : QString())));
                if (e) {
                    const auto data = q.readData(it.key(), &error);
                    QVERIFY2(data && hashIntact(*data), qPrintable(u"mail %1 damaged"_s.arg(it.key())));
                }
            }
            QVERIFY(hiddenFiles(dir).isEmpty() && hiddenFiles(dir + u"/Badmail"_s).isEmpty());
        }
        qInfo("acknowledged changes checked after 12 SIGKILLs: %d updates, %d to Badmail, %d requeues, "
              "%d removals, %d lazy removals",
              acked.value(u"update"_s), acked.value(u"badmail"_s), acked.value(u"requeue"_s),
              acked.value(u"remove"_s), acked.value(u"lazyremove"_s));
        for (const QString& op : {u"update"_s, u"badmail"_s, u"requeue"_s, u"remove"_s, u"lazyremove"_s})
            QVERIFY2(acked.value(op) > 0, qPrintable(u"no %1 was acknowledged in 12 rounds"_s.arg(op)));
    }
};

int main(int argc, char** argv)
{
    if (argc == 4 && qstrcmp(argv[1], "--change-child") == 0) {
        QCoreApplication app(argc, argv);
        const int fd = ::open(argv[3], O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (fd < 0) return 3;
        ChangeChild child(QString::fromLocal8Bit(argv[2]), fd);
        return child.run();
    }
    // What QTEST_GUILESS_MAIN does; spelled out for the child above.
    QCoreApplication app(argc, argv);
    TstMailQueueChanges tc;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&tc, argc, argv);
}

#include "tst_mailqueue_changes.moc"
