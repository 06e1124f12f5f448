// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/directory/LdapWorker.h"

#include "engine/directory/LdapClient.h"
#include "engine/directory/LdapConnector.h"
#include "engine/directory/LdapSearchSession.h"
#include "engine/directory/LdapServerTest.h"

#include <QTimer>

namespace umgate {

namespace {

// Searches sent on the connection before their answers are collected. Requests are tiny, so this
// many never fill a socket buffer while we are not reading.
constexpr int kMaxBatch = 64;

} // namespace

LdapWorker::LdapWorker(LdapClient* client) : m_client(client), m_probeTimer(new QTimer(this))
{
    connect(m_probeTimer, &QTimer::timeout, this, [this] { probe(); });
}

LdapWorker::~LdapWorker() = default;

// Only the first request of a burst posts a wake-up, so the worker takes everything that arrived
// meanwhile as one batch.
void LdapWorker::post(Op op)
{
    {
        const std::lock_guard lock(m_inboxMutex);
        m_inbox.push_back(std::move(op));
    }
    schedule();
}

void LdapWorker::schedule()
{
    {
        const std::lock_guard lock(m_inboxMutex);
        if (m_wakePosted) return;
        m_wakePosted = true;
    }
    QMetaObject::invokeMethod(this, "drain", Qt::QueuedConnection);
}

void LdapWorker::drain()
{
    {
        const std::lock_guard lock(m_inboxMutex);
        m_wakePosted = false;
        for (Op& op : m_inbox)
            m_queue.push_back(std::move(op));
        m_inbox.clear();
    }
    processBatch();
    // One batch per turn of the event loop, so the probe timer gets its turn too.
    if (!m_queue.empty()) schedule();
}

void LdapWorker::processBatch()
{
    if (m_stopping) {
        m_queue.clear();
        return;
    }
    if (m_queue.empty()) return;
    if (m_queue.front().kind == Op::Kind::Search) {
        std::vector<LdapSearchJob> batch;
        while (!m_queue.empty() && m_queue.front().kind == Op::Kind::Search &&
               int(batch.size()) < kMaxBatch) {
            batch.push_back(std::move(*m_queue.front().search));
            m_queue.pop_front();
        }
        runSearches(std::move(batch));
        return;
    }
    Op op = std::move(m_queue.front());
    m_queue.pop_front();
    switch (op.kind) {
    case Op::Kind::Config:
        applyConfig(op);
        break;
    case Op::Kind::Replace:
        runReplace(op);
        break;
    case Op::Kind::Verify:
        runVerify(op);
        break;
    case Op::Kind::Test:
        runTest(op);
        break;
    case Op::Kind::Search:
        break;
    }
}

void LdapWorker::applyConfig(const Op& op)
{
    const LdapClientConfig& config = *op.config;
    const bool reconnect = !LdapConnector::sameConnectionSettings(m_config, config);
    const bool rewrite = reconnect || m_config.writePort != config.writePort;
    m_config = config;
    m_generation = op.generation;
    if (rewrite) m_write.close();
    if (reconnect) {
        m_read.close();
        m_active = 0;
        m_probeTimer->stop();
    } else if (m_probeTimer->isActive()) {
        m_probeTimer->start(qMax(m_config.probeIntervalMs, 10));
    }
}

QString LdapWorker::uri(int server, int port) const
{
    const LdapServerConfig& s = m_config.servers[server];
    return LdapConnector::serverUri(s, port > 0 ? port : s.port);
}

// The active server first, then the others in configured order.
std::vector<int> LdapWorker::serverOrder() const
{
    std::vector<int> order;
    const int n = int(m_config.servers.size());
    if (m_active >= 0 && m_active < n) order.push_back(m_active);
    for (int i = 0; i < n; ++i)
        if (i != m_active) order.push_back(i);
    return order;
}

// Reuses the open connection to `server` or opens one. `reused` says whether a failure may just
// be a connection the server dropped while idle.
LDAP* LdapWorker::readConnection(int server, LdapFailure& f, bool& reused)
{
    reused = m_read.ld && m_read.server == server;
    if (reused) return m_read.ld;
    m_read.close();
    m_read = LdapConnector(m_config).open(server, 0, f);
    return m_read.ld;
}

LDAP* LdapWorker::writeConnection(int server, LdapFailure& f, bool& reused)
{
    const int port = m_config.writePort > 0 ? m_config.writePort : m_config.servers[server].port;
    if (port == m_config.servers[server].port) return readConnection(server, f, reused);
    reused = m_write.ld && m_write.server == server && m_write.port == port;
    if (reused) return m_write.ld;
    m_write.close();
    m_write = LdapConnector(m_config).open(server, port, f);
    return m_write.ld;
}

void LdapWorker::closeConnectionsTo(int server)
{
    if (m_read.server == server) m_read.close();
    if (m_write.server == server) m_write.close();
}

void LdapWorker::setActive(int server)
{
    if (server == m_active) return;
    m_active = server;
    if (m_active != 0)
        m_probeTimer->start(qMax(m_config.probeIntervalMs, 10));
    else
        m_probeTimer->stop();
    const QString active = uri(server);
    const quint64 generation = m_generation;
    LdapClient* client = m_client;
    client->fromWorker([client, active, generation] { client->setActiveServer(active, generation); });
}

// Runs while a server other than the preferred one answers: back to the first server as soon as
// it accepts a bind again.
void LdapWorker::probe()
{
    if (m_stopping || m_active == 0 || m_config.servers.isEmpty()) {
        m_probeTimer->stop();
        return;
    }
    LdapFailure f;
    LdapHandle h = LdapConnector(m_config).open(0, 0, f);
    if (!h.ld) return;
    m_read = std::move(h);
    m_write.close();
    setActive(0);
    handOver(m_read, true);
}

bool LdapWorker::searchQueued()
{
    for (const Op& op : m_queue)
        if (op.kind == Op::Kind::Search) return true;
    const std::lock_guard lock(m_inboxMutex);
    for (const Op& op : m_inbox)
        if (op.kind == Op::Kind::Search) return true;
    return false;
}

// Gives a connection that answers to the client, which searches on it from its own thread from
// then on. `replace`: it takes the place of the client's connection (the probe found the
// preferred server again); else the client keeps the one it may have.
void LdapWorker::handOver(LdapHandle& handle, bool replace)
{
    // Room for every request the client keeps outstanding on it (LdapSearchConnection).
    constexpr int kSendBuffer = 256 * 1024;
    if (m_stopping || !handle.ld || !handle.noSigPipe || !handle.makeNonBlocking(kSendBuffer)) return;
    handle.readAhead(); // fewer system calls per answer; without it answers just take more of them
    auto moved = std::make_shared<LdapHandle>(std::move(handle));
    const quint64 generation = m_generation;
    LdapClient* client = m_client;
    client->fromWorker(
        [client, moved, generation, replace] { client->adopt(std::move(*moved), generation, replace); });
}

// --- search

void LdapWorker::deliver(std::vector<LdapSearchOutcome> outcomes)
{
    if (m_stopping || outcomes.empty()) return;
    m_client->postOutcomes(std::move(outcomes));
}

void LdapWorker::failSearches(std::vector<LdapSearchJob>& jobs, DirectoryError error, const QString& text,
                              const QString& server)
{
    std::vector<LdapSearchOutcome> outcomes;
    const auto now = LdapSearchJob::Clock::now();
    for (const LdapSearchJob& job : jobs) {
        LdapSearchOutcome o{job.id, {}};
        o.result.error = error;
        o.result.errorText = text;
        o.result.server = server;
        o.result.elapsedUs = std::chrono::duration_cast<std::chrono::microseconds>(now - job.start).count();
        outcomes.push_back(std::move(o));
    }
    jobs.clear();
    deliver(std::move(outcomes));
}

// Sends every search of `jobs` on one connection, then collects the answers. false when the
// connection failed: `jobs` then holds the searches without an outcome, for the next attempt.
bool LdapWorker::searchOn(LdapSearchSession& session, std::vector<LdapSearchJob>& jobs)
{
    std::vector<LdapSearchJob> unsent;
    for (size_t i = 0; i < jobs.size(); ++i)
        if (!session.send(std::move(jobs[i]))) {
            std::move(jobs.begin() + qsizetype(i) + 1, jobs.end(), std::back_inserter(unsent));
            break;
        }
    jobs.clear();
    while (!session.failed() && !session.idle() && !m_stopping) {
        timeval tv = LdapConnector::toTimeval(m_config.timeoutMs);
        if (session.receive(&tv) == 0) session.timedOut(m_config.timeoutMs);
    }
    deliver(session.takeFinished());
    if (!session.failed()) return true;
    jobs = session.takeUnfinished();
    std::move(unsent.begin(), unsent.end(), std::back_inserter(jobs));
    return false;
}

void LdapWorker::runSearches(std::vector<LdapSearchJob> jobs)
{
    if (m_config.servers.isEmpty())
        return failSearches(jobs, DirectoryError::Other, QStringLiteral("no LDAP server is configured"), {});
    std::vector<LdapSearchJob> noBase;
    for (auto it = jobs.begin(); it != jobs.end();)
        if (!it->scope || it->scope->baseDns.isEmpty()) {
            noBase.push_back(std::move(*it));
            it = jobs.erase(it);
        } else {
            ++it;
        }
    if (!noBase.empty())
        failSearches(noBase, DirectoryError::BaseDn, QStringLiteral("no base DN is configured"),
                     uri(m_active));
    if (jobs.empty()) return;

    int refusedBy = -1;
    const auto search = [&](int server, LDAP* ld) -> std::optional<LdapFailure> {
        LdapSearchSession session(ld, uri(server), m_reader);
        if (!searchOn(session, jobs)) {
            LdapFailure f = session.failure();
            f.failover = true; // a search that broke off is tried on the next server
            return f;
        }
        if (m_stopping) return std::nullopt;
        setActive(server);
        if (!searchQueued()) handOver(m_read, false);
        return std::nullopt;
    };
    const std::optional<LdapFailure> failed = eachServer(&LdapWorker::readConnection, search, &refusedBy);
    if (!failed) return;
    failSearches(jobs, failed->error, failed->text, failed->failover ? uri(m_active) : uri(refusedBy));
}

std::optional<LdapFailure>
LdapWorker::eachServer(Connect open, const std::function<std::optional<LdapFailure>(int, LDAP*)>& tryOn,
                       int* refusedBy)
{
    QStringList failures;
    LdapFailure last;
    for (const int server : serverOrder()) {
        for (int attempt = 0; attempt < 2; ++attempt) {
            if (m_stopping) return std::nullopt;
            LdapFailure f;
            bool reused = false;
            LDAP* ld = (this->*open)(server, f, reused);
            if (!ld) {
                if (!f.failover) {
                    if (refusedBy) *refusedBy = server;
                    return f;
                }
                last = f;
                break;
            }
            const std::optional<LdapFailure> failure = tryOn(server, ld);
            if (!failure) return std::nullopt;
            last = *failure;
            if (!last.failover) {
                if (refusedBy) *refusedBy = server;
                return last;
            }
            closeConnectionsTo(server);
            if (!reused) break; // a fresh connection failed: this server is down
        }
        failures << last.text;
    }
    last.text = failures.join(QStringLiteral("; "));
    last.failover = true;
    return last;
}

// --- write

void LdapWorker::deliverDone(quint64 id, DirectoryError error, const QString& text)
{
    if (m_stopping) return;
    LdapClient* client = m_client;
    client->fromWorker([client, id, error, text] { client->finishReplace(id, error, text); });
}

void LdapWorker::runReplace(const Op& op)
{
    if (m_config.servers.isEmpty())
        return deliverDone(op.id, DirectoryError::Other, QStringLiteral("no LDAP server is configured"));
    const QByteArray dn = op.dn.toUtf8();
    QByteArray attribute = op.attribute.toUtf8();
    std::vector<QByteArray> valueBytes;
    for (const QString& v : op.values)
        valueBytes.push_back(v.toUtf8());
    std::vector<berval> values(valueBytes.size());
    std::vector<berval*> valuePtrs;
    for (size_t i = 0; i < valueBytes.size(); ++i) {
        values[i] = berval{ber_len_t(valueBytes[i].size()), valueBytes[i].data()};
        valuePtrs.push_back(&values[i]);
    }
    valuePtrs.push_back(nullptr);
    LDAPMod mod{};
    mod.mod_op = LDAP_MOD_REPLACE | LDAP_MOD_BVALUES;
    mod.mod_type = attribute.data();
    mod.mod_bvalues = valuePtrs.data();
    LDAPMod* mods[] = {&mod, nullptr};

    const std::optional<LdapFailure> failed =
        eachServer(&LdapWorker::writeConnection, [&](int server, LDAP* ld) -> std::optional<LdapFailure> {
            const int port = m_config.writePort > 0 ? m_config.writePort : m_config.servers[server].port;
            const int rc = ldap_modify_ext_s(ld, dn.constData(), mods, nullptr, nullptr);
            if (rc == LDAP_SUCCESS) {
                deliverDone(op.id, DirectoryError::None, {});
                return std::nullopt;
            }
            const QString text =
                QStringLiteral("%1: replacing %2 of %3 failed: %4")
                    .arg(uri(server, port), op.attribute, op.dn, LdapFailure::message(ld, rc));
            if (!LdapFailure::isFailoverCode(rc)) return LdapFailure{DirectoryError::Write, text, false};
            return LdapFailure{LdapFailure::connectionError(rc), text, true};
        });
    if (failed) deliverDone(op.id, failed->error, failed->text);
}

// --- password check

// A connection of the user's own, bound as the user and closed again: the service account's
// connections are not touched. A refused bind is the answer (no other server is asked, they
// share the accounts); only servers that cannot be reached make it try the next.
void LdapWorker::runVerify(const Op& op)
{
    const QString password = op.values.value(0);
    if (password.isEmpty() || op.dn.isEmpty())
        return deliverDone(op.id, DirectoryError::Bind,
                           QStringLiteral("an empty name or password is never checked: it would be an "
                                          "unauthenticated bind"));
    if (m_config.servers.isEmpty())
        return deliverDone(op.id, DirectoryError::Other, QStringLiteral("no LDAP server is configured"));
    LdapClientConfig asUser = m_config;
    asUser.bindDn = op.dn;
    asUser.password = password;
    QStringList failures;
    DirectoryError last = DirectoryError::Connect;
    for (const int server : serverOrder()) {
        if (m_stopping) return;
        LdapFailure f;
        LdapHandle handle = LdapConnector(asUser).open(server, 0, f);
        if (handle.ld) {
            handle.close();
            return deliverDone(op.id, DirectoryError::None, {});
        }
        if (!f.failover) return deliverDone(op.id, f.error, f.text);
        failures << f.text;
        last = f.error;
    }
    deliverDone(op.id, last, failures.join(QStringLiteral("; ")));
}

// --- test

void LdapWorker::runTest(const Op& op)
{
    const QList<DirectoryServerTest> results = LdapServerTest(m_config, m_stopping).run();
    if (m_stopping) return;
    LdapClient* client = m_client;
    const quint64 id = op.id;
    client->fromWorker([client, id, results] { client->finishTest(id, results); });
}

} // namespace umgate
