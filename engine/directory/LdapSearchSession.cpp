// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/directory/LdapSearchSession.h"

#include <QSet>

namespace umgate {

LdapSearchSession::LdapSearchSession(LDAP* ld, const QString& where, LdapEntryReader& reader)
    : m_ld(ld), m_where(where), m_reader(reader)
{
}

bool LdapSearchSession::send(LdapSearchJob job)
{
    job.reset();
    const int bases = job.scope ? int(job.scope->utf8.size()) : 0;
    job.perBase.resize(size_t(bases));
    job.remaining = bases;
    m_jobs.push_back(std::move(job));
    const Jobs::iterator it = std::prev(m_jobs.end());
    LdapSearchJob& j = *it;
    if (m_failed) return false;
    if (bases == 0) failJob(j, DirectoryError::BaseDn, QStringLiteral("no base DN is configured"));
    const qsizetype bytes = bases > 0 ? j.requestBytes() / bases : 0;
    for (int b = 0; b < bases && !j.done; ++b) {
        int msgid = -1;
        const int rc = ldap_search_ext(
            m_ld, j.scope->utf8[size_t(b)].constData(), LDAP_SCOPE_SUBTREE, j.filterUtf8.constData(),
            j.attributes ? j.attributes->data() : nullptr, 0, nullptr, nullptr, nullptr, 0, &msgid);
        if (rc == LDAP_SUCCESS) {
            m_pending.emplace(msgid, Pending{it, b, bytes});
            m_outstandingBytes += bytes;
            ++j.unanswered;
        } else if (rc == LDAP_FILTER_ERROR) {
            failJob(j, DirectoryError::Filter,
                    QStringLiteral("%1: search filter %2 is invalid: %3")
                        .arg(m_where, j.filter, LdapFailure::message(nullptr, rc)));
        } else if (LdapFailure::isFailoverCode(rc)) {
            fail({LdapFailure::connectionError(rc),
                  QStringLiteral("%1: search failed: %2").arg(m_where, LdapFailure::message(m_ld, rc)),
                  true});
            return false;
        } else {
            failJob(j, DirectoryError::Other,
                    QStringLiteral("%1: search in %2 failed: %3")
                        .arg(m_where, j.scope->baseDns[b], LdapFailure::message(m_ld, rc)));
        }
    }
    if (j.done && j.unanswered == 0) m_jobs.erase(it);
    return true;
}

int LdapSearchSession::receive(timeval* timeout)
{
    if (m_failed) return -1;
    LDAPMessage* msg = nullptr;
    const int type = ldap_result(m_ld, LDAP_RES_ANY, LDAP_MSG_ONE, timeout, &msg);
    if (type == 0) return 0;
    if (type < 0 || !msg) {
        if (msg) ldap_msgfree(msg);
        const int rc = LdapFailure::resultCode(m_ld);
        const bool down = LdapFailure::isFailoverCode(rc) || rc == LDAP_SUCCESS;
        fail({down ? LdapFailure::connectionError(rc) : DirectoryError::Other,
              QStringLiteral("%1: search failed: %2")
                  .arg(m_where, LdapFailure::message(m_ld, down ? LDAP_SERVER_DOWN : rc)),
              true});
        return -1;
    }
    const auto it = m_pending.find(ldap_msgid(msg));
    if (it == m_pending.end() || (type != LDAP_RES_SEARCH_ENTRY && type != LDAP_RES_SEARCH_RESULT)) {
        // Unsolicited, or a reference (not followed, like referrals).
        ldap_msgfree(msg);
        return 1;
    }
    const Jobs::iterator job = it->second.job;
    const int base = it->second.base;
    if (type == LDAP_RES_SEARCH_ENTRY) {
        if (!job->done) job->perBase[size_t(base)].append(m_reader.read(m_ld, msg));
        ldap_msgfree(msg);
        return 1;
    }
    m_outstandingBytes -= it->second.bytes;
    m_pending.erase(it);
    --job->unanswered;
    if (!handleResult(job, base, msg)) return -1;
    if (job->done && job->unanswered == 0) m_jobs.erase(job);
    return 1;
}

// A base DN's final answer (frees `msg`). false when it says the server is gone.
bool LdapSearchSession::handleResult(Jobs::iterator job, int base, LDAPMessage* msg)
{
    int rc = LDAP_OTHER;
    char* matched = nullptr;
    char* text = nullptr;
    const int prc = ldap_parse_result(m_ld, msg, &rc, &matched, &text, nullptr, nullptr, 1);
    if (prc != LDAP_SUCCESS) rc = prc;
    if (rc == LDAP_SUCCESS || rc == LDAP_SIZELIMIT_EXCEEDED || job->done) {
        ldap_memfree(matched);
        ldap_memfree(text);
        if (!job->done && --job->remaining == 0) finishJob(*job);
        return true;
    }
    const QString message = LdapFailure::message(m_ld, rc, text);
    const QString matchedDn = matched ? QString::fromUtf8(matched) : QString();
    ldap_memfree(matched);
    ldap_memfree(text);
    const QString& baseDn = job->scope->baseDns[base];
    if (rc == LDAP_NO_SUCH_OBJECT || rc == LDAP_REFERRAL) {
        failJob(*job, DirectoryError::BaseDn,
                QStringLiteral("%1: base DN %2 does not exist on this server: %3%4")
                    .arg(m_where, baseDn, message,
                         matchedDn.isEmpty()
                             ? QString()
                             : QStringLiteral(" (closest existing entry: %1)").arg(matchedDn)));
    } else if (rc == LDAP_FILTER_ERROR) {
        failJob(*job, DirectoryError::Filter,
                QStringLiteral("%1: search filter %2 is invalid: %3").arg(m_where, job->filter, message));
    } else if (LdapFailure::isFailoverCode(rc)) {
        fail({LdapFailure::connectionError(rc),
              QStringLiteral("%1: search in %2 failed: %3").arg(m_where, baseDn, message), true});
        return false;
    } else {
        failJob(*job, rc == LDAP_TIMELIMIT_EXCEEDED ? DirectoryError::Timeout : DirectoryError::Other,
                QStringLiteral("%1: search in %2 failed: %3").arg(m_where, baseDn, message));
    }
    return true;
}

bool LdapSearchSession::dataBuffered() const
{
    Sockbuf* sb = nullptr;
    if (m_failed || ldap_get_option(m_ld, LDAP_OPT_SOCKBUF, &sb) != LDAP_OPT_SUCCESS || !sb) return false;
    return ber_sockbuf_ctrl(sb, LBER_SB_OPT_DATA_READY, nullptr) > 0;
}

void LdapSearchSession::timedOut(int ms)
{
    fail({DirectoryError::Timeout, QStringLiteral("%1: search timed out after %2 ms").arg(m_where).arg(ms),
          true});
}

void LdapSearchSession::fail(const LdapFailure& failure)
{
    if (m_failed) return;
    m_failed = true;
    m_failure = failure;
}

void LdapSearchSession::failJob(LdapSearchJob& job, DirectoryError error, const QString& text)
{
    if (job.done) return;
    DirectorySearchResult r;
    r.error = error;
    r.errorText = text;
    r.server = m_where;
    deliver(job, std::move(r));
}

void LdapSearchSession::finishJob(LdapSearchJob& job)
{
    DirectorySearchResult r;
    r.server = m_where;
    if (job.perBase.size() == 1) {
        r.entries = std::move(job.perBase.front());
    } else {
        // Base DNs may overlap: the first one an entry turned up in keeps it.
        QSet<QString> seen;
        for (const QList<DirectoryEntry>& entries : job.perBase)
            for (const DirectoryEntry& e : entries) {
                const QString key = e.dn.toLower();
                if (seen.contains(key)) continue;
                seen.insert(key);
                r.entries.append(e);
            }
    }
    deliver(job, std::move(r));
}

void LdapSearchSession::deliver(LdapSearchJob& job, DirectorySearchResult result)
{
    job.done = true;
    job.perBase.clear();
    result.elapsedUs =
        std::chrono::duration_cast<std::chrono::microseconds>(LdapSearchJob::Clock::now() - job.start)
            .count();
    m_finished.push_back({job.id, std::move(result)});
}

std::vector<LdapSearchOutcome> LdapSearchSession::takeFinished()
{
    return std::exchange(m_finished, {});
}

std::vector<LdapSearchJob> LdapSearchSession::takeUnfinished()
{
    std::vector<LdapSearchJob> jobs;
    for (LdapSearchJob& job : m_jobs)
        if (!job.done) {
            job.reset();
            jobs.push_back(std::move(job));
        }
    m_jobs.clear();
    m_pending.clear();
    m_outstandingBytes = 0;
    return jobs;
}

} // namespace umgate
