// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/CallQueue.h"

#include <QPointer>

namespace umgate {

struct CallQueue::Target::State
{
    std::mutex mutex;
    CallQueue* queue = nullptr; // guarded by mutex; cleared by the queue's destructor
};

CallQueue::CallQueue(QObject* parent) : QObject(parent)
{
    m_target.m_state = std::make_shared<Target::State>();
    m_target.m_state->queue = this;
}

CallQueue::~CallQueue()
{
    const std::lock_guard lock(m_target.m_state->mutex);
    m_target.m_state->queue = nullptr;
}

void CallQueue::post(std::function<void()> call)
{
    {
        const std::lock_guard lock(m_mutex);
        m_calls.push_back(std::move(call));
        if (m_posted) return;
        m_posted = true;
    }
    QMetaObject::invokeMethod(this, "run", Qt::QueuedConnection);
}

void CallQueue::run()
{
    std::deque<std::function<void()>> calls;
    {
        const std::lock_guard lock(m_mutex);
        calls.swap(m_calls);
        m_posted = false;
    }
    const QPointer<CallQueue> self(this);
    for (const std::function<void()>& call : calls) {
        call();
        if (!self) return; // a call deleted the queue (or its parent): the rest are dropped with it
    }
}

CallQueue::Target CallQueue::target() const
{
    return m_target;
}

bool CallQueue::Target::post(std::function<void()> call) const
{
    if (!m_state) return false;
    const std::lock_guard lock(m_state->mutex);
    if (!m_state->queue) return false;
    m_state->queue->post(std::move(call));
    return true;
}

} // namespace umgate
