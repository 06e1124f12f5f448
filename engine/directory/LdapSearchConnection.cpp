// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/directory/LdapSearchConnection.h"

#include <QSocketNotifier>
#include <QTimerEvent>

namespace umgate {

namespace {

// What one connection keeps outstanding: far below the send buffer LdapWorker::handOver asks
// for, so a request is always written whole at once and never waits in libldap (which takes no
// new request while one is half written).
constexpr qsizetype kMaxOutstandingBytes = qsizetype{64} * 1024;
constexpr size_t kMaxOutstandingRequests = 512;

} // namespace

LdapSearchConnection::LdapSearchConnection(LdapHandle handle, const QString& where, int timeoutMs,
                                           LdapEntryReader& reader, Hooks hooks, QObject* parent)
    : QObject(parent), m_handle(std::move(handle)), m_session(m_handle.ld, where, reader),
      m_timeoutMs(qMax(timeoutMs, 1)), m_hooks(std::move(hooks))
{
    m_notifier = new QSocketNotifier(qintptr(m_handle.descriptor()), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, [this] { onReadable(); });
}

LdapSearchConnection::~LdapSearchConnection()
{
    // Before the handle closes the socket under it.
    delete m_notifier;
    m_notifier = nullptr;
}

void LdapSearchConnection::send(LdapSearchJob job)
{
    if (m_broken) {
        std::vector<LdapSearchJob> jobs;
        jobs.push_back(std::move(job));
        m_hooks.failed(this, std::move(jobs));
        return;
    }
    if (!m_waiting.empty() || !hasRoom(job)) {
        m_waiting.push_back(std::move(job));
        return;
    }
    const bool wasIdle = m_session.idle();
    if (!m_session.send(std::move(job))) return failConnection();
    if (wasIdle) m_lastProgress = LdapSearchJob::Clock::now();
    armTimeout();
    // An outcome made while sending (a filter libldap rejects): never inside search().
    std::vector<LdapSearchOutcome> outcomes = m_session.takeFinished();
    if (!outcomes.empty()) m_hooks.later(std::move(outcomes));
}

void LdapSearchConnection::retire()
{
    m_retired = true;
    if (m_session.idle() && m_waiting.empty()) deleteLater();
}

bool LdapSearchConnection::hasRoom(const LdapSearchJob& job) const
{
    if (m_session.idle()) return true; // one search always goes, however long its filter
    return m_session.outstandingRequests() < kMaxOutstandingRequests &&
           m_session.outstandingBytes() + job.requestBytes() <= kMaxOutstandingBytes;
}

void LdapSearchConnection::sendWaiting()
{
    while (!m_waiting.empty() && !m_broken && hasRoom(m_waiting.front())) {
        LdapSearchJob job = std::move(m_waiting.front());
        m_waiting.pop_front();
        if (!m_session.send(std::move(job))) failConnection();
    }
    armTimeout();
}

void LdapSearchConnection::onReadable()
{
    m_readPosted = false;
    if (m_broken) return;
    // The notifier says the socket has something: one libldap call reads it, without polling the
    // socket first. After that only what libldap already holds is worth asking for (read ahead,
    // a decrypted TLS record); asking the socket again would cost a poll that mostly finds
    // nothing, and whatever arrives later wakes the notifier. Not without end either: a flood of
    // answers must not starve the event loop.
    constexpr int kMaxMessagesPerTurn = 4096;
    constexpr int kMaxEmptyRounds = 16; // a partial message in the buffers: the rest is on its way
    timeval now{0, 0};
    int got = 0;
    int emptyRounds = 0;
    bool more = false;
    m_handle.setSocketReadable(true);
    do {
        const int r = m_session.receive(&now);
        if (r < 0) break;
        if (r == 0 && ++emptyRounds > kMaxEmptyRounds) break;
        if (r > 0 && ++got >= kMaxMessagesPerTurn) {
            more = true;
            break;
        }
    } while (m_session.dataBuffered());
    if (m_session.failed()) return failConnection();
    m_handle.setSocketReadable(false);
    if (got > 0) m_lastProgress = LdapSearchJob::Clock::now();
    if (more && !m_readPosted) {
        m_readPosted = true;
        QMetaObject::invokeMethod(
            this, [this] { onReadable(); }, Qt::QueuedConnection);
    }
    sendWaiting();
    if (m_broken) return;
    if (m_retired && m_session.idle() && m_waiting.empty()) deleteLater();
    std::vector<LdapSearchOutcome> outcomes = m_session.takeFinished();
    if (outcomes.empty()) return;
    const auto finished = m_hooks.finished; // a copy: the call may delete this
    finished(std::move(outcomes));          // last: nothing of this is touched after it
}

void LdapSearchConnection::armTimeout()
{
    if (!m_timeout.isActive() && !m_session.idle()) m_timeout.start(m_timeoutMs, this);
}

void LdapSearchConnection::timerEvent(QTimerEvent* event)
{
    if (event->timerId() != m_timeout.timerId()) return QObject::timerEvent(event);
    m_timeout.stop();
    if (m_broken || m_session.idle()) return;
    const auto silentMs =
        std::chrono::duration_cast<std::chrono::milliseconds>(LdapSearchJob::Clock::now() - m_lastProgress)
            .count();
    if (silentMs < m_timeoutMs) {
        m_timeout.start(int(m_timeoutMs - silentMs), this);
        return;
    }
    m_session.timedOut(m_timeoutMs);
    failConnection();
}

// The server is gone or silent: the searches without an answer go elsewhere and the connection
// closes (libldap may already have closed the socket: the notifier stops watching it first).
void LdapSearchConnection::failConnection()
{
    if (m_broken) return;
    m_broken = true;
    m_timeout.stop();
    m_notifier->setEnabled(false);
    std::vector<LdapSearchJob> jobs = m_session.takeUnfinished();
    for (LdapSearchJob& job : m_waiting)
        jobs.push_back(std::move(job));
    m_waiting.clear();
    std::vector<LdapSearchOutcome> outcomes = m_session.takeFinished();
    m_handle.close();
    deleteLater();
    m_hooks.failed(this, std::move(jobs));
    // Outcomes made before the failure still reach their callers, from the event loop.
    if (!outcomes.empty()) m_hooks.later(std::move(outcomes));
}

} // namespace umgate
