// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/directory/LdapHandle.h"
#include "engine/directory/LdapSearchSession.h"

#include <QBasicTimer>
#include <QObject>
#include <deque>
#include <functional>

class QSocketNotifier;

namespace umgate {

// A bound connection that LdapClient searches on from its own thread, so a look-up costs no
// thread hand-off: the request is written when search() is called, and the answer is read when
// the socket notifier says it is there. The socket is non-blocking and libldap is only ever asked
// for what has arrived, so nothing here waits for the server; what would wait (connecting,
// binding, failing over) stays on the worker thread, which opened this connection.
//
// When the connection fails or stays silent for the configured timeout, the searches without an
// answer go back to the client (and from there to the worker, which tries the servers in order).
class LdapSearchConnection : public QObject
{
public:
    struct Hooks
    {
        // Outcomes to hand to the callers now; may delete the client and with it this connection.
        std::function<void(std::vector<LdapSearchOutcome>)> finished;
        // Outcomes to hand to the callers from the event loop (made inside search()).
        std::function<void(std::vector<LdapSearchOutcome>)> later;
        // The connection is unusable: the searches without an outcome, to run elsewhere. Never
        // runs a caller's callback.
        std::function<void(LdapSearchConnection*, std::vector<LdapSearchJob>)> failed;
    };

    // `handle` must be non-blocking and write without SIGPIPE (LdapWorker::handOver).
    LdapSearchConnection(LdapHandle handle, const QString& where, int timeoutMs, LdapEntryReader& reader,
                         Hooks hooks, QObject* parent);
    ~LdapSearchConnection() override;

    int server() const { return m_handle.server; }
    // Sends it now, or as soon as fewer requests are outstanding.
    void send(LdapSearchJob job);
    // Takes no new searches and goes away once those it has are answered.
    void retire();

protected:
    void timerEvent(QTimerEvent* event) override;

private:
    void onReadable();
    void sendWaiting();
    bool hasRoom(const LdapSearchJob& job) const;
    void armTimeout();
    void failConnection();

    LdapHandle m_handle;
    LdapSearchSession m_session;
    QSocketNotifier* m_notifier = nullptr;
    QBasicTimer m_timeout;
    LdapSearchJob::Clock::time_point m_lastProgress;
    std::deque<LdapSearchJob> m_waiting; // beyond what may be outstanding
    const int m_timeoutMs;
    Hooks m_hooks;
    bool m_retired = false;
    bool m_broken = false;
    bool m_readPosted = false;
};

} // namespace umgate
