// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/delivery/MailBuildPool.h"

#include "engine/core/CallQueue.h"

#include <QThreadPool>

namespace umgate {

namespace {

QThreadPool* buildPool()
{
    // Never destroyed: a static pool would make exit() wait for a conversion in progress.
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool;
        p->setMaxThreadCount(MailBuildPool::kThreads);
        p->setObjectName(QStringLiteral("umgate-mail-build"));
        return p;
    }();
    return pool;
}

} // namespace

MailBuildPool::MailBuildPool(QObject* parent) : QObject(parent), m_done(new CallQueue(this)) {}

MailBuildPool::~MailBuildPool() = default;

void MailBuildPool::run(std::function<BuiltMails()> job, std::function<void(const BuiltMails&)> done)
{
    // A result that comes after this object is gone is dropped (CallQueue::Target).
    buildPool()->start([target = m_done->target(), job = std::move(job), done = std::move(done)] {
        BuiltMails result = job();
        target.post([done, result = std::move(result)] { done(result); });
    });
}

} // namespace umgate
