// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/delivery/RetryPolicy.h"

#include <algorithm>

namespace umgate {

RetryPolicy::RetryPolicy(QList<int> intervals, int retries, qint64 unreachablePauseMs)
    : m_intervals(std::move(intervals)), m_retries(std::max(0, retries)),
      m_unreachablePauseMs(std::max<qint64>(0, unreachablePauseMs))
{
}

int RetryPolicy::intervalSeconds(int attempts) const
{
    if (m_intervals.isEmpty()) return kDefaultIntervalSeconds;
    const int index = std::clamp(attempts, 1, int(m_intervals.size())) - 1;
    return m_intervals.at(index);
}

RetryPolicy::Decision RetryPolicy::afterAttempt(int attemptsSoFar, Outcome outcome,
                                                const QDateTime& now) const
{
    Decision d;
    d.attempts = attemptsSoFar;
    switch (outcome) {
    case Outcome::Delivered:
        d.action = Action::Remove;
        return d;
    case Outcome::Failed:
        d.action = Action::Badmail;
        return d;
    case Outcome::NotTried:
        d.action = Action::TryLater;
        d.waitMs = m_unreachablePauseMs;
        d.nextAttempt = now.addMSecs(d.waitMs);
        return d;
    case Outcome::Deferred:
        break;
    }
    d.attempts = attemptsSoFar + 1;
    d.attemptCounted = true;
    if (d.attempts > m_retries) {
        d.action = Action::Badmail;
        return d;
    }
    d.action = Action::TryLater;
    d.waitMs = qint64(intervalSeconds(d.attempts)) * 1000;
    d.nextAttempt = now.addMSecs(d.waitMs);
    return d;
}

RetryPolicy::ExplicitRetry RetryPolicy::explicitRetry(const QDateTime& now)
{
    // The administrator says the server works now: a pause from a failed connect a moment ago must
    // not turn this try into "not tried" (nor an earlier failure into a lost attempt).
    return ExplicitRetry{now, false, true};
}

} // namespace umgate
