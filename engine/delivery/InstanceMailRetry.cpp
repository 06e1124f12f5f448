// SPDX-License-Identifier: GPL-3.0-or-later
// InstanceMail: the administrator's explicit retry (queue.retry, the console's Retry Now). Kept
// apart from InstanceMail.cpp, which holds intake and the regular delivery.
#include "engine/delivery/InstanceMail.h"
#include "engine/smtp/SmtpPool.h"

#include <QSet>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace umgate {

// One queue.retry call: the mails whose attempt it waits for, and the answers so far.
struct InstanceMail::RetryWait
{
    QSet<QString> pending;
    QList<RetryResult> results;
    RetryDone done;
    std::unique_ptr<QTimer> timer;
};

QString InstanceMail::retryStatusName(RetryResult::Status status)
{
    using S = RetryResult::Status;
    switch (status) {
    case S::Delivered:
        return u"delivered"_s;
    case S::Deferred:
        return u"deferred"_s;
    case S::Failed:
        return u"failed"_s;
    case S::NotTried:
        return u"not tried"_s;
    case S::Trying:
        return u"trying"_s;
    case S::Waiting:
        return u"waiting"_s;
    case S::Gone:
        return u"deleted"_s;
    }
    return u"unknown"_s;
}

void InstanceMail::retryNow(const QStringList& ids, int waitMs, RetryDone done)
{
    using S = RetryResult::Status;
    auto wait = std::make_shared<RetryWait>();
    wait->done = std::move(done);
    // Due now, attempts as they are, and the pool's "unreachable" pauses lifted (RetryPolicy).
    const RetryPolicy::ExplicitRetry retry = RetryPolicy::explicitRetry(QDateTime::currentDateTimeUtc());
    if (retry.liftUnreachablePause) m_pool->forgetUnreachable();
    QString blocked;
    if (!m_queue || !messageStore().queues())
        blocked = u"the message store is not \"mail server\" (Mail System: Message store)"_s;
    else if (m_routes.isEmpty())
        blocked = u"no mail server is configured (Mail System: General)"_s;
    const QSet<QString> wanted(ids.cbegin(), ids.cend());
    const QList<QueueEntry> entries = m_queue ? m_queue->entries() : QList<QueueEntry>();
    for (QueueEntry e : entries) {
        if (!wanted.isEmpty() && !wanted.contains(e.id)) continue;
        QString error;
        e.nextAttempt = retry.nextAttempt;
        if (!m_queue->update(e, &error)) {
            wait->results.append({e.id, S::Waiting, error, e.attempts, e.nextAttempt});
            continue;
        }
        // An attempt under way, or one started now: its outcome is the answer.
        const bool underWay = m_delivering.contains(e.id);
        QString notNow = blocked;
        if (notNow.isEmpty() && int(m_delivering.size()) >= kMaxDeliveriesInFlight)
            notNow = u"due now; %1 deliveries are under way, it follows as soon as one ends"_s.arg(
                m_delivering.size());
        if (!underWay && !notNow.isEmpty()) {
            wait->results.append({e.id, S::Waiting, notNow, e.attempts, e.nextAttempt});
        } else if (underWay || deliverEntry(e)) {
            wait->pending.insert(e.id);
        } else {
            const auto after = m_queue->entry(e.id);
            wait->results.append({e.id,
                                  S::Failed,
                                  after ? after->badmailReason : u"the mail could not be sent"_s,
                                  e.attempts,
                                  {}});
        }
    }
    if (wait->pending.isEmpty()) {
        wait->done(wait->results);
        return;
    }
    wait->timer = std::make_unique<QTimer>();
    wait->timer->setSingleShot(true);
    RetryWait* const raw = wait.get();
    connect(wait->timer.get(), &QTimer::timeout, this, [this, raw, waitMs] {
        const auto it = std::find_if(m_retryWaits.begin(), m_retryWaits.end(),
                                     [raw](const std::shared_ptr<RetryWait>& w) { return w.get() == raw; });
        if (it == m_retryWaits.end()) return;
        const std::shared_ptr<RetryWait> w = *it;
        m_retryWaits.erase(it);
        for (const QString& id : std::as_const(w->pending)) {
            const auto e = m_queue ? m_queue->entry(id) : std::nullopt;
            w->results.append({id, RetryResult::Status::Trying,
                               u"the try is still running after %1 s; the queue and the SMTP connection log "
                               "show its outcome"_s.arg(waitMs / 1000),
                               e ? e->attempts : 0, e ? e->nextAttempt : QDateTime()});
        }
        w->done(w->results);
    });
    wait->timer->start(qMax(0, waitMs));
    m_retryWaits.append(wait);
    deliverSoon(); // mails this retry could not start follow through the normal path
}

void InstanceMail::reportRetry(const RetryResult& result)
{
    if (m_retryWaits.isEmpty()) return;
    // A copy: `done` may answer an RPC call, which must not change the list under us.
    const QList<std::shared_ptr<RetryWait>> waits = m_retryWaits;
    for (const std::shared_ptr<RetryWait>& w : waits) {
        if (!w->pending.remove(result.queueId)) continue;
        w->results.append(result);
        if (!w->pending.isEmpty()) continue;
        w->timer->stop();
        m_retryWaits.removeOne(w);
        w->done(w->results);
    }
}

void InstanceMail::abandonRetryWaits()
{
    const QList<std::shared_ptr<RetryWait>> waits = std::exchange(m_retryWaits, {});
    for (const std::shared_ptr<RetryWait>& w : waits) {
        w->timer->stop();
        for (const QString& id : std::as_const(w->pending))
            w->results.append({id,
                               RetryResult::Status::Waiting,
                               u"the mail side of the instance stopped or was reconfigured during the try"_s,
                               0,
                               {}});
        w->done(w->results);
    }
}

} // namespace umgate
