// SPDX-License-Identifier: GPL-3.0-or-later
// The retry policy without a server (issue 10's rules): when a mail is tried next, when it goes to
// Badmail, and what an explicit retry does with the "unreachable" pause and the attempts.
#include "engine/delivery/RetryPolicy.h"

#include <QTest>

using umgate::RetryPolicy;
using Outcome = RetryPolicy::Outcome;
using Action = RetryPolicy::Action;

namespace {
const QDateTime kNow = QDateTime(QDate(2026, 3, 1), QTime(12, 0), Qt::UTC);
constexpr qint64 kPauseMs = 5000;
} // namespace

class TstRetryPolicy : public QObject
{
    Q_OBJECT
private slots:
    // A deferral counts an attempt and waits the interval of that attempt: 60 s after the first,
    // 600 s after the second, ...
    void deferralWaitsTheIntervalOfItsAttempt()
    {
        const RetryPolicy p({60, 600, 3600}, 3, kPauseMs);
        int attempts = 0;
        for (const int wait : {60, 600, 3600}) {
            const RetryPolicy::Decision d = p.afterAttempt(attempts, Outcome::Deferred, kNow);
            QCOMPARE(d.action, Action::TryLater);
            QVERIFY(d.attemptCounted);
            QCOMPARE(d.attempts, attempts + 1);
            QCOMPARE(d.nextAttempt, kNow.addSecs(wait));
            QCOMPARE(d.waitMs, qint64(wait) * 1000);
            attempts = d.attempts;
        }
    }

    // The try after the last interval is the last: deferred again, the mail goes to Badmail.
    void theTryAfterTheLastIntervalEndsInBadmail()
    {
        const RetryPolicy p({60, 600}, 2, kPauseMs);
        QCOMPARE(p.afterAttempt(1, Outcome::Deferred, kNow).action, Action::TryLater);
        const RetryPolicy::Decision last = p.afterAttempt(2, Outcome::Deferred, kNow);
        QCOMPARE(last.action, Action::Badmail);
        QCOMPARE(last.attempts, 3); // first try + 2 retries
        QVERIFY(last.attemptCounted);
        // No retries at all: the first deferral is the end.
        QCOMPARE(RetryPolicy({60}, 0, kPauseMs).afterAttempt(0, Outcome::Deferred, kNow).action,
                 Action::Badmail);
    }

    // Fewer intervals than retries (an old config): the last interval repeats; none: 600 s.
    void missingIntervalsRepeatTheLastOrUseTheDefault()
    {
        const RetryPolicy p({60, 120}, 5, kPauseMs);
        QCOMPARE(p.afterAttempt(3, Outcome::Deferred, kNow).nextAttempt, kNow.addSecs(120));
        QCOMPARE(p.intervalSeconds(1), 60);
        QCOMPARE(p.intervalSeconds(9), 120);
        const RetryPolicy none({}, 2, kPauseMs);
        QCOMPARE(none.afterAttempt(0, Outcome::Deferred, kNow).nextAttempt,
                 kNow.addSecs(RetryPolicy::kDefaultIntervalSeconds));
    }

    // A mail that was not tried (the pool paused its server after a failed connect) never loses an
    // attempt, not even its last one, and is due again when the pause ends, not an interval later.
    void aMailThatWasNotTriedNeverLosesAnAttempt()
    {
        const RetryPolicy p({60, 600}, 2, kPauseMs);
        for (int attempts = 0; attempts <= 2; ++attempts) {
            const RetryPolicy::Decision d = p.afterAttempt(attempts, Outcome::NotTried, kNow);
            QCOMPARE(d.action, Action::TryLater);
            QCOMPARE(d.attempts, attempts);
            QVERIFY(!d.attemptCounted);
            QCOMPARE(d.nextAttempt, kNow.addMSecs(kPauseMs));
        }
    }

    // Delivered: removed. Refused for good: Badmail at once, whatever the retries, no attempt added.
    void deliveredIsRemovedAndFailedGoesToBadmailAtOnce()
    {
        const RetryPolicy p({60, 600}, 2, kPauseMs);
        const RetryPolicy::Decision delivered = p.afterAttempt(1, Outcome::Delivered, kNow);
        QCOMPARE(delivered.action, Action::Remove);
        QCOMPARE(delivered.attempts, 1);
        const RetryPolicy::Decision failed = p.afterAttempt(0, Outcome::Failed, kNow);
        QCOMPARE(failed.action, Action::Badmail);
        QCOMPARE(failed.attempts, 0);
        QVERIFY(!failed.attemptCounted);
    }

    // An explicit retry (queue.retry, Retry Now) is due now, ignores the unreachable pause (the
    // pool asks the server again) and counts no attempt by itself: its outcome does, as any try.
    void anExplicitRetryIgnoresThePauseAndCountsOnlyItsOutcome()
    {
        const RetryPolicy::ExplicitRetry r = RetryPolicy::explicitRetry(kNow);
        QCOMPARE(r.nextAttempt, kNow);
        QVERIFY(r.liftUnreachablePause);
        QVERIFY(!r.attemptCounted);
        // The retried mail is really tried: a refused connect counts one attempt ...
        const RetryPolicy p({60, 600}, 2, kPauseMs);
        QCOMPARE(p.afterAttempt(1, Outcome::Deferred, kNow).attempts, 2);
        // ... and a retry that still found no server to ask keeps the attempts as they were.
        QCOMPARE(p.afterAttempt(1, Outcome::NotTried, kNow).attempts, 1);
    }
};

QTEST_GUILESS_MAIN(TstRetryPolicy)
#include "tst_retrypolicy.moc"
