// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/directory/LdapEntryReader.h"
#include "engine/directory/LdapFailure.h"
#include "engine/directory/LdapSearchJob.h"

#include <list>
#include <unordered_map>

namespace umgate {

// The searches sent on one connection and the answers that come back for them: every base DN's
// request goes out at once (pipelined), answers are matched by message id and each search gets
// its outcome when all its base DNs have answered. Knows nothing about threads: the LDAP worker
// drives it with blocking waits, LdapSearchConnection from the event loop with a socket notifier.
class LdapSearchSession
{
public:
    LdapSearchSession(LDAP* ld, const QString& where, LdapEntryReader& reader);
    LdapSearchSession(const LdapSearchSession&) = delete;
    LdapSearchSession& operator=(const LdapSearchSession&) = delete;

    // Sends the job's requests. false when the connection failed (failure() says why): the job
    // is then among takeUnfinished(), like every other search without an outcome.
    bool send(LdapSearchJob job);
    // Takes one answer: > 0 one was handled, 0 none came within `timeout` ({0, 0}: none is
    // there now), < 0 the connection failed.
    int receive(timeval* timeout);
    // Whether libldap holds more of what the server sent than receive() has taken (TLS records,
    // read-ahead), which a socket notifier would not report.
    bool dataBuffered() const;
    // No answers expected now.
    bool idle() const { return m_pending.empty(); }
    qsizetype outstandingBytes() const { return m_outstandingBytes; }
    size_t outstandingRequests() const { return m_pending.size(); }
    // Called when the caller stopped waiting: the connection counts as failed.
    void timedOut(int ms);

    bool failed() const { return m_failed; }
    const LdapFailure& failure() const { return m_failure; }
    const QString& where() const { return m_where; }

    // The outcomes made since the last call, in the order they were made.
    std::vector<LdapSearchOutcome> takeFinished();
    // After a failure: the searches without an outcome, ready to be sent elsewhere.
    std::vector<LdapSearchJob> takeUnfinished();

private:
    using Jobs = std::list<LdapSearchJob>;
    struct Pending
    {
        Jobs::iterator job;
        int base = 0;
        qsizetype bytes = 0;
    };

    void fail(const LdapFailure& failure);
    void failJob(LdapSearchJob& job, DirectoryError error, const QString& text);
    void finishJob(LdapSearchJob& job);
    void deliver(LdapSearchJob& job, DirectorySearchResult result);
    bool handleResult(Jobs::iterator job, int base, LDAPMessage* msg);

    LDAP* const m_ld;
    const QString m_where;
    LdapEntryReader& m_reader;
    Jobs m_jobs;
    std::unordered_map<int, Pending> m_pending; // by message id
    qsizetype m_outstandingBytes = 0;
    std::vector<LdapSearchOutcome> m_finished;
    LdapFailure m_failure;
    bool m_failed = false;
};

} // namespace umgate
