// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>

namespace umgate {

// Calls posted from any thread, run in the order posted on the thread of the queue's parent.
//
// Why not QMetaObject::invokeMethod(object, lambda): the lambda is copied into a Qt slot object on
// the sending thread and read on the receiving one, and the only thing ordering the two is the
// event-queue lock inside libQt6Core. Qt is not instrumented, so ThreadSanitizer cannot see that
// lock and reports every such hand-over as a data race, which would hide the real ones. Here the
// calls cross in a std::mutex-guarded list (a pthread mutex, which TSan sees), and the Qt event that
// wakes the receiving thread carries nothing of ours (run() is invoked by name). One event serves
// every call that arrives before it runs.
//
// A worker that may outlive the queue posts through a Target (see target()).
class CallQueue : public QObject
{
    Q_OBJECT
public:
    // A child of `parent`: it lives on the parent's thread, moves and dies with it.
    explicit CallQueue(QObject* parent);
    ~CallQueue() override;

    // Any thread, while this object exists: `call` runs on this object's thread, after every call
    // posted before it. Calls still queued when the queue is deleted are dropped.
    void post(std::function<void()> call);

    // A handle for threads that may post after the queue is gone: post() through it then does
    // nothing (the queue's destructor and post() take the same lock).
    class Target
    {
    public:
        bool post(std::function<void()> call) const; // false when the queue is gone

    private:
        friend class CallQueue;
        struct State;
        std::shared_ptr<State> m_state;
    };
    Target target() const;

private:
    Q_INVOKABLE void run();

    std::mutex m_mutex;
    std::deque<std::function<void()>> m_calls; // guarded by m_mutex
    bool m_posted = false;                     // guarded by m_mutex: a run() event is on its way
    Target m_target;
};

} // namespace umgate
