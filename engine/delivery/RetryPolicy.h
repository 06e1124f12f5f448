// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QList>

namespace umgate {

// When a queued mail is tried next, and when it is given up (ixi-UMS 4.2.2.4 Polling): a pure
// decision, no queue, no server, no clock of its own, so tst_retrypolicy covers every rule.
//
//   delivered            -> removed
//   failed for good      -> Badmail (the attempts stay as they were)
//   deferred (tried)     -> one attempt more; past `retries` -> Badmail; else the next try after
//                           intervals[attempts - 1] (the last interval repeats; none: 600 s)
//   not tried            -> no attempt counted: no server was asked (the SMTP pool paused one that
//                           failed a moment ago), so the mail is due again when that pause ends
//   explicit retry       -> due now, attempts unchanged, and the pause is lifted first, so the
//   (queue.retry,           server is really asked; its outcome then counts like any other try
//    Retry Now)
class RetryPolicy
{
public:
    static constexpr int kDefaultIntervalSeconds = 600;

    // `intervals`: mailSystem.polling.intervals (seconds); `retries`: mailSystem.polling.retries
    // (tries after the first); `unreachablePauseMs`: how long the pool skips a server it could not reach.
    RetryPolicy(QList<int> intervals, int retries, qint64 unreachablePauseMs);

    enum class Outcome
    {
        Delivered, // every recipient left has been accepted
        Failed,    // the recipients left were refused for good
        Deferred,  // a server was asked and said "later" (or could not be reached)
        NotTried   // no server was asked
    };
    enum class Action
    {
        Remove,
        Badmail,
        TryLater
    };
    struct Decision
    {
        Action action = Action::TryLater;
        int attempts = 0; // the mail's attempts after this outcome
        bool attemptCounted = false;
        QDateTime nextAttempt; // TryLater only
        qint64 waitMs = 0;     // TryLater: nextAttempt - now
    };
    Decision afterAttempt(int attemptsSoFar, Outcome outcome, const QDateTime& now) const;

    struct ExplicitRetry
    {
        QDateTime nextAttempt;             // for every mail retried
        bool attemptCounted = false;       // asking is not an attempt yet: the outcome counts
        bool liftUnreachablePause = false; // the pool asks every server again, even a paused one
    };
    static ExplicitRetry explicitRetry(const QDateTime& now);

    // The wait after the `attempts`-th try (1-based) was deferred.
    int intervalSeconds(int attempts) const;
    int retries() const { return m_retries; }

private:
    QList<int> m_intervals;
    int m_retries;
    qint64 m_unreachablePauseMs;
};

} // namespace umgate
