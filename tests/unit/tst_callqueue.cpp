// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/CallQueue.h"

#include <QTest>
#include <QThread>
#include <atomic>
#include <thread>
#include <vector>

using umgate::CallQueue;

namespace {

// Counts the queued calls (QEvent::MetaCall) an object receives.
class MetaCallCounter : public QObject
{
public:
    int count = 0;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::MetaCall) ++count;
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

// CallQueue carries calls between threads (LdapWorker -> LdapClient, the mail build pool and the
// MX lookups -> the event loop). In the ThreadSanitizer run this test also proves the hand-over
// is one TSan can see: a report fails it (halt_on_error).
class TstCallQueue : public QObject
{
    Q_OBJECT
private slots:
    // Calls from several threads all run, on the queue's thread, each thread's in its own order,
    // never inside post().
    void runsEveryCallInOrderOnItsThread()
    {
        QObject owner;
        auto* queue = new CallQueue(&owner);
        constexpr int kThreads = 4;
        constexpr int kCalls = 2000;
        std::vector<std::vector<int>> seen(kThreads); // touched on this thread only
        int wrongThread = 0;
        QThread* const here = QThread::currentThread();
        std::atomic<bool> insidePost{false};
        int ranInsidePost = 0;
        std::vector<std::thread> threads;
        threads.reserve(size_t(kThreads));
        for (int t = 0; t < kThreads; ++t)
            threads.emplace_back([&, t] {
                for (int i = 0; i < kCalls; ++i) {
                    // A payload the receiving thread reads: TSan checks its hand-over.
                    auto payload = std::make_shared<std::vector<int>>(3, i);
                    queue->post([&, t, payload] {
                        if (QThread::currentThread() != here) ++wrongThread;
                        seen[size_t(t)].push_back(payload->at(2));
                    });
                }
            });
        // This thread posts too; its calls must wait for the event loop.
        for (int i = 0; i < 10; ++i) {
            insidePost = true;
            queue->post([&] { ranInsidePost += insidePost ? 1 : 0; });
            insidePost = false;
        }
        const auto allSeen = [&] {
            for (const auto& s : seen)
                if (s.size() != size_t(kCalls)) return false;
            return true;
        };
        // The calls run while the threads still post: joining them first would order every post
        // before every call (pthread_join), and TSan would have nothing left to check.
        QTRY_VERIFY_WITH_TIMEOUT(allSeen(), 10000);
        for (std::thread& th : threads)
            th.join();
        QCOMPARE(wrongThread, 0);
        QCOMPARE(ranInsidePost, 0);
        for (const auto& s : seen)
            for (int i = 0; i < kCalls; ++i)
                QCOMPARE(s[size_t(i)], i);
    }

    // A burst of calls costs one event: a call posted while a run is on its way joins it.
    void oneEventPerBurst()
    {
        QObject owner;
        auto* queue = new CallQueue(&owner);
        MetaCallCounter events;
        queue->installEventFilter(&events);
        int ran = 0;
        for (int i = 0; i < 100; ++i)
            queue->post([&] { ++ran; });
        QCoreApplication::sendPostedEvents(queue, QEvent::MetaCall);
        QCOMPARE(ran, 100);
        QCOMPARE(events.count, 1);
        // Nothing is left posted for the calls that already ran.
        QCoreApplication::sendPostedEvents(queue, QEvent::MetaCall);
        QCOMPARE(ran, 100);
    }

    // A call that deletes the queue's owner ends the run: the calls after it never run.
    void callDeletingTheOwnerStopsTheRest()
    {
        auto* owner = new QObject;
        auto* queue = new CallQueue(owner);
        int ran = 0;
        queue->post([&] { ++ran; });
        queue->post([&] {
            ++ran;
            delete owner;
        });
        queue->post([&] { ++ran; });
        QTest::qWait(50);
        QCOMPARE(ran, 2);
    }

    // A worker that outlives the queue posts through its Target: dropped, not a crash.
    void targetAfterTheQueueIsGone()
    {
        auto* owner = new QObject;
        auto* queue = new CallQueue(owner);
        const CallQueue::Target target = queue->target();
        int ran = 0;
        QVERIFY(target.post([&] { ++ran; }));
        QTRY_COMPARE(ran, 1);
        QVERIFY(target.post([&] { ++ran; })); // queued, then the queue goes with its owner
        delete owner;
        QVERIFY(!target.post([&] { ++ran; }));
        bool lateAccepted = true;
        std::thread late([&] { lateAccepted = target.post([&] { ++ran; }); });
        late.join();
        QVERIFY(!lateAccepted);
        QTest::qWait(50);
        QCOMPARE(ran, 1);
        QVERIFY(!CallQueue::Target().post([] {}));
    }
};

QTEST_GUILESS_MAIN(TstCallQueue)
#include "tst_callqueue.moc"
