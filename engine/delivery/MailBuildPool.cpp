// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/delivery/MailBuildPool.h"

#include <QMetaObject>
#include <QMutex>
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

// Lets a worker post its result to the pool object only while it exists: the destructor clears
// the target under the same lock the worker posts under.
struct MailBuildPool::Guard
{
    QMutex mutex;
    MailBuildPool* target = nullptr;
};

MailBuildPool::MailBuildPool(QObject* parent) : QObject(parent), m_guard(std::make_shared<Guard>())
{
    m_guard->target = this;
}

MailBuildPool::~MailBuildPool()
{
    const QMutexLocker lock(&m_guard->mutex);
    m_guard->target = nullptr;
}

void MailBuildPool::run(std::function<BuiltMails()> job, std::function<void(const BuiltMails&)> done)
{
    buildPool()->start([guard = m_guard, job = std::move(job), done = std::move(done)] {
        BuiltMails result = job();
        const QMutexLocker lock(&guard->mutex);
        // Events posted to an object that is deleted later are dropped by Qt with it.
        if (guard->target)
            QMetaObject::invokeMethod(
                guard->target, [done, result = std::move(result)] { done(result); }, Qt::QueuedConnection);
    });
}

} // namespace umgate
