// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/directory/LdapClient.h"

#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QSet>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>
#include <atomic>
#include <chrono>
#include <csignal>
#include <deque>
#include <ldap.h>
#include <pthread.h>
#include <unordered_map>
#include <utility>
#include <vector>

namespace umgate {

namespace {

using Clock = std::chrono::steady_clock;

// Searches sent on the connection before their answers are collected. Requests are tiny, so this
// many never fill a socket buffer while we are not reading.
constexpr int kMaxBatch = 64;

struct Failure
{
    DirectoryError error = DirectoryError::None;
    QString text;
    bool failover = false; // another server may answer
};

// Codes that say "this server does not answer", as opposed to "this server says no".
bool isFailoverCode(int rc)
{
    return rc == LDAP_SERVER_DOWN || rc == LDAP_CONNECT_ERROR || rc == LDAP_TIMEOUT ||
           rc == LDAP_UNAVAILABLE || rc == LDAP_BUSY;
}

DirectoryError connectionError(int rc)
{
    return rc == LDAP_TIMEOUT ? DirectoryError::Timeout : DirectoryError::Connect;
}

QString fromUtf8(const berval& bv)
{
    return QString::fromUtf8(bv.bv_val, qsizetype(bv.bv_len));
}

// ldap_err2string plus whatever the server or libldap added (TLS reasons end up there).
QString ldapMessage(LDAP* ld, int rc, const char* serverText = nullptr)
{
    QString text = QString::fromUtf8(ldap_err2string(rc));
    QString extra;
    if (serverText) {
        extra = QString::fromUtf8(serverText);
    } else if (ld) {
        char* diag = nullptr;
        if (ldap_get_option(ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &diag) == LDAP_OPT_SUCCESS && diag) {
            extra = QString::fromUtf8(diag);
            ldap_memfree(diag);
        }
    }
    extra = extra.trimmed();
    // GnuTLS failures reach libldap as this non-message; the caller explains TLS failures itself.
    if (extra == QLatin1String("(unknown error code)")) extra.clear();
    if (rc == LDAP_TIMEOUT && ld) {
        timeval* tv = nullptr; // a copy the caller frees
        if (ldap_get_option(ld, LDAP_OPT_TIMEOUT, &tv) == LDAP_OPT_SUCCESS && tv) {
            extra =
                QStringLiteral("no answer within %1 ms").arg(qint64(tv->tv_sec) * 1000 + tv->tv_usec / 1000);
            ldap_memfree(tv);
        }
    }
    if (!extra.isEmpty() && extra != text) text += QStringLiteral(" (%1)").arg(extra);
    return text;
}

int resultCode(LDAP* ld)
{
    int rc = LDAP_OTHER;
    if (ld) ldap_get_option(ld, LDAP_OPT_RESULT_CODE, &rc);
    return rc;
}

QString serverUri(const LdapServerConfig& server, int port)
{
    const QString host = server.host.contains(QLatin1Char(':')) && !server.host.startsWith(QLatin1Char('['))
                             ? QStringLiteral("[%1]").arg(server.host)
                             : server.host;
    const QLatin1String scheme(server.security == LdapServerConfig::Security::Ldaps ? "ldaps" : "ldap");
    return QStringLiteral("%1://%2:%3").arg(scheme, host).arg(port);
}

timeval toTimeval(int ms)
{
    ms = qMax(ms, 1);
    return timeval{ms / 1000, (ms % 1000) * 1000};
}

// The settings that make an open connection stale when they change.
bool sameConnectionSettings(const LdapClientConfig& a, const LdapClientConfig& b)
{
    if (a.servers.size() != b.servers.size()) return false;
    for (qsizetype i = 0; i < a.servers.size(); ++i) {
        const LdapServerConfig& x = a.servers[i];
        const LdapServerConfig& y = b.servers[i];
        if (x.host != y.host || x.port != y.port || x.security != y.security) return false;
    }
    return a.bindDn == b.bindDn && a.password == b.password && a.caCertificateFile == b.caCertificateFile &&
           a.acceptInvalidCertificate == b.acceptInvalidCertificate && a.timeoutMs == b.timeoutMs;
}

struct LdapHandle
{
    LDAP* ld = nullptr;
    int server = -1;
    int port = 0;

    LdapHandle() = default;
    LdapHandle(const LdapHandle&) = delete;
    LdapHandle& operator=(const LdapHandle&) = delete;
    LdapHandle(LdapHandle&& other) noexcept { *this = std::move(other); }
    LdapHandle& operator=(LdapHandle&& other) noexcept
    {
        if (this != &other) {
            close();
            ld = std::exchange(other.ld, nullptr);
            server = std::exchange(other.server, -1);
            port = std::exchange(other.port, 0);
        }
        return *this;
    }
    ~LdapHandle() { close(); }
    void close()
    {
        if (ld) ldap_unbind_ext_s(ld, nullptr, nullptr);
        ld = nullptr;
        server = -1;
        port = 0;
    }
};

} // namespace

// Lives on m_thread. Members named m_client* belong to the LdapClient's thread (ids, callbacks,
// the config as the caller last set it); everything else is touched only on the worker thread.
class LdapClient::Worker : public QObject
{
public:
    struct Op
    {
        enum class Kind
        {
            Search,
            Replace,
            Test,
            Config
        } kind = Kind::Search;
        quint64 id = 0;
        Clock::time_point start;
        QString filter;
        QStringList attributes;
        QString dn;
        QString attribute;
        QStringList values;
        LdapClientConfig config;
        quint64 generation = 0;
    };

    explicit Worker(LdapClient* client) : m_client(client), m_probeTimer(new QTimer(this))
    {
        connect(m_probeTimer, &QTimer::timeout, this, [this] { probe(); });
    }
    ~Worker() override = default; // on the worker thread: LdapHandle members unbind there

    // --- client thread
    // Requests go through a locked inbox; only the first of a burst posts a wake-up, so the worker
    // takes everything that arrived meanwhile as one batch.
    void post(Op op)
    {
        {
            QMutexLocker lock(&m_inboxMutex);
            m_inbox.push_back(std::move(op));
        }
        schedule();
    }

    LdapClient* const m_client;
    quint64 m_clientNextId = 1;
    quint64 m_clientGeneration = 0;
    LdapClientConfig m_clientConfig;
    QHash<quint64, SearchCallback> m_clientSearches;
    QHash<quint64, DoneCallback> m_clientDones;
    QHash<quint64, TestCallback> m_clientTests;

    // --- any thread
    std::atomic<bool> m_stopping{false};

private:
    struct SearchJob
    {
        const Op* op = nullptr;
        QByteArray filter;
        std::vector<QByteArray> attributeNames;
        std::vector<char*> attributes; // null-terminated, or empty for "all user attributes"
        std::vector<QList<DirectoryEntry>> perBase;
        int remaining = 0;
        bool done = false;
    };

    // --- any thread
    void schedule()
    {
        {
            QMutexLocker lock(&m_inboxMutex);
            if (m_wakePosted) return;
            m_wakePosted = true;
        }
        QMetaObject::invokeMethod(
            this, [this] { drain(); }, Qt::QueuedConnection);
    }

    // --- worker thread
    void drain()
    {
        {
            QMutexLocker lock(&m_inboxMutex);
            m_wakePosted = false;
            for (Op& op : m_inbox)
                m_queue.push_back(std::move(op));
            m_inbox.clear();
        }
        processBatch();
        // One batch per turn of the event loop, so the probe timer gets its turn too.
        if (!m_queue.empty()) schedule();
    }

    void processBatch()
    {
        if (m_stopping) {
            m_queue.clear();
            return;
        }
        if (m_queue.empty()) return;
        if (m_queue.front().kind == Op::Kind::Search) {
            std::vector<Op> batch;
            while (!m_queue.empty() && m_queue.front().kind == Op::Kind::Search &&
                   int(batch.size()) < kMaxBatch) {
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
            }
            runSearches(batch);
        } else {
            Op op = std::move(m_queue.front());
            m_queue.pop_front();
            switch (op.kind) {
            case Op::Kind::Config:
                applyConfig(op);
                break;
            case Op::Kind::Replace:
                runReplace(op);
                break;
            case Op::Kind::Test:
                runTest(op);
                break;
            case Op::Kind::Search:
                break;
            }
        }
        if (!m_queue.empty()) schedule();
    }

    void applyConfig(const Op& op)
    {
        const bool reconnect = !sameConnectionSettings(m_config, op.config);
        const bool rewrite = reconnect || m_config.writePort != op.config.writePort;
        m_config = op.config;
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

    QString uri(int server, int port = 0) const
    {
        const LdapServerConfig& s = m_config.servers[server];
        return serverUri(s, port > 0 ? port : s.port);
    }

    // Opens, secures and binds a connection. `steps`, when given, receives the steps of test().
    LdapHandle open(int server, int port, Failure& f, QList<DirectoryTestStep>* steps = nullptr)
    {
        const LdapServerConfig& s = m_config.servers[server];
        if (port <= 0) port = s.port;
        const QString where = serverUri(s, port);
        const bool tls = s.security != LdapServerConfig::Security::None;
        const bool ldaps = s.security == LdapServerConfig::Security::Ldaps;
        auto fail = [&](const QString& step, DirectoryError error, const QString& text, bool failover) {
            f = {error, QStringLiteral("%1: %2").arg(where, text), failover};
            if (steps) steps->append({step, false, text});
            return LdapHandle();
        };

        LdapHandle h;
        int rc = ldap_initialize(&h.ld, where.toUtf8().constData());
        if (rc != LDAP_SUCCESS || !h.ld) {
            h.ld = nullptr;
            return fail(QStringLiteral("connect"), DirectoryError::Connect,
                        QStringLiteral("invalid server address: %1").arg(ldapMessage(nullptr, rc)), false);
        }
        h.server = server;
        h.port = port;
        const int version = LDAP_VERSION3;
        ldap_set_option(h.ld, LDAP_OPT_PROTOCOL_VERSION, &version);
        // Active Directory answers with referrals to other domains; chasing them would bind to
        // servers nobody configured.
        ldap_set_option(h.ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
        const timeval tv = toTimeval(m_config.timeoutMs);
        ldap_set_option(h.ld, LDAP_OPT_NETWORK_TIMEOUT, &tv);
        ldap_set_option(h.ld, LDAP_OPT_TIMEOUT, &tv);
        QString tlsNote;
        if (tls) {
            // Per-handle TLS settings: they only take effect with a new TLS context for this handle.
            const int require =
                m_config.acceptInvalidCertificate ? LDAP_OPT_X_TLS_ALLOW : LDAP_OPT_X_TLS_DEMAND;
            ldap_set_option(h.ld, LDAP_OPT_X_TLS_REQUIRE_CERT, &require);
            if (!m_config.caCertificateFile.isEmpty()) {
                if (!QFileInfo(m_config.caCertificateFile).isReadable())
                    return fail(QStringLiteral("tls"), DirectoryError::Tls,
                                QStringLiteral("the CA certificate file %1 cannot be read")
                                    .arg(m_config.caCertificateFile),
                                false);
                const QByteArray ca = m_config.caCertificateFile.toLocal8Bit();
                ldap_set_option(h.ld, LDAP_OPT_X_TLS_CACERTFILE, ca.constData());
            }
            const int isServer = 0;
            rc = ldap_set_option(h.ld, LDAP_OPT_X_TLS_NEWCTX, &isServer);
            if (rc != LDAP_OPT_SUCCESS) {
                return fail(QStringLiteral("tls"), DirectoryError::Tls,
                            QStringLiteral("TLS setup failed (CA file %1): %2")
                                .arg(m_config.caCertificateFile.isEmpty() ? QStringLiteral("system default")
                                                                          : m_config.caCertificateFile,
                                     ldapMessage(h.ld, rc)),
                            false);
            }
            tlsNote = m_config.acceptInvalidCertificate
                          ? QStringLiteral("certificate NOT verified (acceptInvalidCertificate is on)")
                          : QStringLiteral("certificate verified against %1")
                                .arg(m_config.caCertificateFile.isEmpty() ? QStringLiteral("the system CAs")
                                                                          : m_config.caCertificateFile);
        }

        const QString hostPort = QStringLiteral("%1:%2").arg(s.host).arg(port);
        if (ldaps && steps) {
            // One ldap_connect does TCP and TLS for ldaps://; test() reports them separately.
            if (!tcpReachable(s.host, port))
                return fail(QStringLiteral("connect"), DirectoryError::Connect,
                            QStringLiteral("connect to %1 failed: %2")
                                .arg(hostPort, QString::fromUtf8(ldap_err2string(LDAP_SERVER_DOWN))),
                            true);
            steps->append({QStringLiteral("connect"), true, QStringLiteral("connected to %1").arg(hostPort)});
        }
        // libldap does not say why a handshake failed; name the usual suspects instead.
        const QString tlsHint =
            m_config.acceptInvalidCertificate
                ? QStringLiteral("does the port speak TLS?")
                : QStringLiteral("is the certificate issued by %1 for %2, and does the port speak TLS?")
                      .arg(m_config.caCertificateFile.isEmpty() ? QStringLiteral("a system CA")
                                                                : m_config.caCertificateFile,
                           s.host);
        rc = ldap_connect(h.ld);
        if (rc != LDAP_SUCCESS) {
            const QString message = ldapMessage(h.ld, rc);
            if (ldaps && rc != LDAP_TIMEOUT && (steps || tcpReachable(s.host, port)))
                return fail(QStringLiteral("tls"), DirectoryError::Tls,
                            QStringLiteral("TLS handshake failed (%1): %2").arg(tlsHint, message), true);
            return fail(QStringLiteral("connect"), connectionError(rc),
                        QStringLiteral("connect to %1 failed: %2").arg(hostPort, message), true);
        }
        if (steps && !ldaps)
            steps->append({QStringLiteral("connect"), true, QStringLiteral("connected to %1").arg(hostPort)});
        if (s.security == LdapServerConfig::Security::StartTls) {
            rc = ldap_start_tls_s(h.ld, nullptr, nullptr);
            if (rc != LDAP_SUCCESS)
                return fail(
                    QStringLiteral("tls"), rc == LDAP_TIMEOUT ? DirectoryError::Timeout : DirectoryError::Tls,
                    rc == LDAP_CONNECT_ERROR
                        ? QStringLiteral("StartTLS failed (%1): %2").arg(tlsHint, ldapMessage(h.ld, rc))
                        : QStringLiteral("StartTLS failed: %1").arg(ldapMessage(h.ld, rc)),
                    true);
        }
        if (tls && steps) steps->append({QStringLiteral("tls"), true, tlsDetail(h.ld, tlsNote)});

        const QByteArray dn = m_config.bindDn.toUtf8();
        QByteArray password = m_config.password.toUtf8();
        berval cred{ber_len_t(password.size()), password.data()};
        rc = ldap_sasl_bind_s(h.ld, dn.isEmpty() ? nullptr : dn.constData(), LDAP_SASL_SIMPLE, &cred, nullptr,
                              nullptr, nullptr);
        const QString who = m_config.bindDn.isEmpty() ? QStringLiteral("anonymous bind")
                                                      : QStringLiteral("bind as %1").arg(m_config.bindDn);
        if (rc != LDAP_SUCCESS) {
            const bool down = isFailoverCode(rc);
            return fail(QStringLiteral("bind"), down ? connectionError(rc) : DirectoryError::Bind,
                        QStringLiteral("%1 failed: %2").arg(who, ldapMessage(h.ld, rc)), down);
        }
        if (steps) steps->append({QStringLiteral("bind"), true, QStringLiteral("%1 succeeded").arg(who)});
        return h;
    }

    static QString tlsDetail(LDAP* ld, const QString& note)
    {
        QStringList parts;
        char* value = nullptr;
        if (ldap_get_option(ld, LDAP_OPT_X_TLS_VERSION, &value) == LDAP_OPT_SUCCESS && value) {
            parts << QString::fromUtf8(value);
            ldap_memfree(value);
        }
        value = nullptr;
        if (ldap_get_option(ld, LDAP_OPT_X_TLS_CIPHER, &value) == LDAP_OPT_SUCCESS && value) {
            parts << QString::fromUtf8(value);
            ldap_memfree(value);
        }
        parts << note;
        return parts.join(QStringLiteral(", "));
    }

    bool tcpReachable(const QString& host, int port) const
    {
        QTcpSocket socket;
        socket.connectToHost(host, quint16(port));
        const bool ok = socket.waitForConnected(qMax(m_config.timeoutMs, 1));
        socket.abort();
        return ok;
    }

    // The active server first, then the others in configured order.
    std::vector<int> serverOrder() const
    {
        std::vector<int> order;
        const int n = int(m_config.servers.size());
        if (m_active >= 0 && m_active < n) order.push_back(m_active);
        for (int i = 0; i < n; ++i)
            if (i != m_active) order.push_back(i);
        return order;
    }

    // Reuses the open connection to `server` or opens one. `reused` says whether a failure may
    // just be a connection the server dropped while idle.
    LDAP* readConnection(int server, Failure& f, bool& reused)
    {
        reused = m_read.ld && m_read.server == server;
        if (reused) return m_read.ld;
        m_read.close();
        m_read = open(server, 0, f);
        return m_read.ld;
    }

    LDAP* writeConnection(int server, Failure& f, bool& reused)
    {
        const int port = m_config.writePort > 0 ? m_config.writePort : m_config.servers[server].port;
        if (port == m_config.servers[server].port) return readConnection(server, f, reused);
        reused = m_write.ld && m_write.server == server && m_write.port == port;
        if (reused) return m_write.ld;
        m_write.close();
        m_write = open(server, port, f);
        return m_write.ld;
    }

    void closeConnectionsTo(int server)
    {
        if (m_read.server == server) m_read.close();
        if (m_write.server == server) m_write.close();
    }

    void setActive(int server)
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
        QMetaObject::invokeMethod(
            client,
            [client, active, generation] {
                if (generation != client->m_worker->m_clientGeneration || client->m_activeServer == active)
                    return;
                client->m_activeServer = active;
                emit client->activeServerChanged(active);
            },
            Qt::QueuedConnection);
    }

    // Runs while a server other than the preferred one answers: back to the first server as soon
    // as it accepts a bind again.
    void probe()
    {
        if (m_stopping || m_active == 0 || m_config.servers.isEmpty()) {
            m_probeTimer->stop();
            return;
        }
        Failure f;
        LdapHandle h = open(0, 0, f);
        if (!h.ld) return;
        m_read = std::move(h);
        m_write.close();
        setActive(0);
    }

    // --- search

    void deliverSearch(const Op& op, DirectorySearchResult result)
    {
        if (m_stopping) return;
        result.elapsedUs =
            std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - op.start).count();
        LdapClient* client = m_client;
        const quint64 id = op.id;
        QMetaObject::invokeMethod(
            client,
            [client, id, result = std::move(result)] {
                SearchCallback done = client->m_worker->m_clientSearches.take(id);
                if (done) done(result); // may delete the client: nothing after this
            },
            Qt::QueuedConnection);
    }

    void failJob(SearchJob& job, DirectoryError error, const QString& text, const QString& server)
    {
        if (job.done) return;
        job.done = true;
        DirectorySearchResult r;
        r.error = error;
        r.errorText = text;
        r.server = server;
        deliverSearch(*job.op, std::move(r));
    }

    void finishJob(SearchJob& job, const QString& server)
    {
        job.done = true;
        DirectorySearchResult r;
        r.server = server;
        QSet<QString> seen;
        for (const QList<DirectoryEntry>& entries : job.perBase)
            for (const DirectoryEntry& e : entries)
                if (!seen.contains(e.dn.toLower())) {
                    seen.insert(e.dn.toLower());
                    r.entries.append(e);
                }
        deliverSearch(*job.op, std::move(r));
    }

    // Attribute names repeat in every entry: one shared copy of each keeps cached entries small.
    QString attributeName(const berval& bv)
    {
        const QString name = fromUtf8(bv);
        const auto it = m_attributeNames.constFind(name);
        if (it != m_attributeNames.constEnd()) return *it;
        if (m_attributeNames.size() < 1000) m_attributeNames.insert(name);
        return name;
    }

    DirectoryEntry readEntry(LDAP* ld, LDAPMessage* msg)
    {
        DirectoryEntry entry;
        BerElement* ber = nullptr;
        berval bv{0, nullptr};
        if (ldap_get_dn_ber(ld, msg, &ber, &bv) != LDAP_SUCCESS) {
            if (ber) ber_free(ber, 0);
            return entry;
        }
        entry.dn = fromUtf8(bv);
        berval* values = nullptr;
        for (int rc = ldap_get_attribute_ber(ld, msg, ber, &bv, &values); rc == LDAP_SUCCESS;
             rc = ldap_get_attribute_ber(ld, msg, ber, &bv, &values)) {
            if (!bv.bv_val) break;
            QStringList list;
            for (berval* v = values; v && v->bv_val; ++v)
                list.append(fromUtf8(*v));
            if (values) ber_memfree(values);
            values = nullptr;
            entry.attributes.insert(attributeName(bv), list);
        }
        if (ber) ber_free(ber, 0);
        return entry;
    }

    // Sends every search of `jobs` on one connection, then collects the answers. Returns false
    // with `f` set when the connection failed (the unfinished jobs may go to another server).
    bool searchOn(LDAP* ld, const QString& where, std::vector<SearchJob>& jobs, Failure& f)
    {
        const int bases = int(m_config.baseDns.size());
        std::vector<QByteArray> baseBytes;
        baseBytes.reserve(size_t(bases));
        for (const QString& b : m_config.baseDns)
            baseBytes.push_back(b.toUtf8());

        struct Pending
        {
            int job;
            int base;
        };
        std::unordered_map<int, Pending> outstanding;
        for (int j = 0; j < int(jobs.size()); ++j) {
            SearchJob& job = jobs[size_t(j)];
            if (job.done) continue;
            job.perBase.assign(size_t(bases), {});
            job.remaining = bases;
            for (int b = 0; b < bases && !job.done; ++b) {
                int msgid = -1;
                const int rc = ldap_search_ext(ld, baseBytes[size_t(b)].constData(), LDAP_SCOPE_SUBTREE,
                                               job.filter.constData(),
                                               job.attributes.empty() ? nullptr : job.attributes.data(), 0,
                                               nullptr, nullptr, nullptr, 0, &msgid);
                if (rc == LDAP_SUCCESS) {
                    outstanding.emplace(msgid, Pending{j, b});
                } else if (rc == LDAP_FILTER_ERROR) {
                    failJob(job, DirectoryError::Filter,
                            QStringLiteral("%1: search filter %2 is invalid: %3")
                                .arg(where, job.op->filter, ldapMessage(nullptr, rc)),
                            where);
                } else if (isFailoverCode(rc)) {
                    f = {connectionError(rc),
                         QStringLiteral("%1: search failed: %2").arg(where, ldapMessage(ld, rc)), true};
                    return false;
                } else {
                    failJob(job, DirectoryError::Other,
                            QStringLiteral("%1: search in %2 failed: %3")
                                .arg(where, m_config.baseDns[b], ldapMessage(ld, rc)),
                            where);
                }
            }
        }

        while (!outstanding.empty()) {
            if (m_stopping) return true;
            timeval tv = toTimeval(m_config.timeoutMs);
            LDAPMessage* msg = nullptr;
            const int type = ldap_result(ld, LDAP_RES_ANY, LDAP_MSG_ONE, &tv, &msg);
            if (type == 0) {
                f = {DirectoryError::Timeout,
                     QStringLiteral("%1: search timed out after %2 ms").arg(where).arg(m_config.timeoutMs),
                     true};
                return false;
            }
            if (type < 0 || !msg) {
                const int rc = resultCode(ld);
                const bool down = isFailoverCode(rc) || rc == LDAP_SUCCESS;
                f = {down ? connectionError(rc) : DirectoryError::Other,
                     QStringLiteral("%1: search failed: %2")
                         .arg(where, ldapMessage(ld, down ? LDAP_SERVER_DOWN : rc)),
                     true};
                return false;
            }
            const auto it = outstanding.find(ldap_msgid(msg));
            if (it == outstanding.end()) {
                ldap_msgfree(msg);
                continue;
            }
            SearchJob& job = jobs[size_t(it->second.job)];
            const int base = it->second.base;
            if (type == LDAP_RES_SEARCH_ENTRY) {
                if (!job.done) job.perBase[size_t(base)].append(readEntry(ld, msg));
                ldap_msgfree(msg);
                continue;
            }
            if (type != LDAP_RES_SEARCH_RESULT) { // references: not followed, like referrals
                ldap_msgfree(msg);
                continue;
            }
            outstanding.erase(it);
            int rc = LDAP_OTHER;
            char* matched = nullptr;
            char* text = nullptr;
            const int prc = ldap_parse_result(ld, msg, &rc, &matched, &text, nullptr, nullptr, 1);
            const QString message = ldapMessage(ld, prc == LDAP_SUCCESS ? rc : prc, text);
            const QString matchedDn = matched ? QString::fromUtf8(matched) : QString();
            ldap_memfree(matched);
            ldap_memfree(text);
            if (prc != LDAP_SUCCESS) rc = prc;
            if (job.done) continue;
            const QString& baseDn = m_config.baseDns[base];
            if (rc == LDAP_SUCCESS || rc == LDAP_SIZELIMIT_EXCEEDED) {
                if (--job.remaining == 0) finishJob(job, where);
            } else if (rc == LDAP_NO_SUCH_OBJECT || rc == LDAP_REFERRAL) {
                failJob(job, DirectoryError::BaseDn,
                        QStringLiteral("%1: base DN %2 does not exist on this server: %3%4")
                            .arg(where, baseDn, message,
                                 matchedDn.isEmpty()
                                     ? QString()
                                     : QStringLiteral(" (closest existing entry: %1)").arg(matchedDn)),
                        where);
            } else if (rc == LDAP_FILTER_ERROR) {
                failJob(
                    job, DirectoryError::Filter,
                    QStringLiteral("%1: search filter %2 is invalid: %3").arg(where, job.op->filter, message),
                    where);
            } else if (isFailoverCode(rc)) {
                f = {connectionError(rc),
                     QStringLiteral("%1: search in %2 failed: %3").arg(where, baseDn, message), true};
                return false;
            } else {
                failJob(job, rc == LDAP_TIMELIMIT_EXCEEDED ? DirectoryError::Timeout : DirectoryError::Other,
                        QStringLiteral("%1: search in %2 failed: %3").arg(where, baseDn, message), where);
            }
        }
        return true;
    }

    void runSearches(std::vector<Op>& ops)
    {
        std::vector<SearchJob> jobs(ops.size());
        for (size_t i = 0; i < ops.size(); ++i) {
            SearchJob& job = jobs[i];
            job.op = &ops[i];
            job.filter = ops[i].filter.toUtf8();
            if (!ops[i].attributes.isEmpty()) {
                for (const QString& a : ops[i].attributes)
                    job.attributeNames.push_back(a.toUtf8());
                for (QByteArray& a : job.attributeNames)
                    job.attributes.push_back(a.data());
                job.attributes.push_back(nullptr);
            }
        }
        auto failAll = [&](DirectoryError error, const QString& text, const QString& server) {
            for (SearchJob& job : jobs)
                failJob(job, error, text, server);
        };
        if (m_config.servers.isEmpty())
            return failAll(DirectoryError::Other, QStringLiteral("no LDAP server is configured"), {});
        if (m_config.baseDns.isEmpty())
            return failAll(DirectoryError::BaseDn, QStringLiteral("no base DN is configured"), uri(m_active));

        QStringList failures;
        Failure last;
        for (const int server : serverOrder()) {
            for (int attempt = 0; attempt < 2; ++attempt) {
                if (m_stopping) return;
                Failure f;
                bool reused = false;
                LDAP* ld = readConnection(server, f, reused);
                if (!ld) {
                    if (!f.failover) return failAll(f.error, f.text, uri(server));
                    last = f;
                    break;
                }
                if (searchOn(ld, uri(server), jobs, f)) {
                    if (m_stopping) return;
                    setActive(server);
                    return;
                }
                closeConnectionsTo(server);
                last = f;
                if (!reused) break; // a fresh connection failed: this server is down
            }
            failures << last.text;
        }
        failAll(last.error, failures.join(QStringLiteral("; ")), uri(m_active));
    }

    // --- write

    void deliverDone(quint64 id, DirectoryError error, const QString& text)
    {
        if (m_stopping) return;
        LdapClient* client = m_client;
        QMetaObject::invokeMethod(
            client,
            [client, id, error, text] {
                DoneCallback done = client->m_worker->m_clientDones.take(id);
                if (done) done(error, text);
            },
            Qt::QueuedConnection);
    }

    void runReplace(const Op& op)
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

        QStringList failures;
        Failure last;
        for (const int server : serverOrder()) {
            for (int attempt = 0; attempt < 2; ++attempt) {
                if (m_stopping) return;
                Failure f;
                bool reused = false;
                LDAP* ld = writeConnection(server, f, reused);
                if (!ld) {
                    if (!f.failover) return deliverDone(op.id, f.error, f.text);
                    last = f;
                    break;
                }
                const int port = m_config.writePort > 0 ? m_config.writePort : m_config.servers[server].port;
                const QString where = uri(server, port);
                const int rc = ldap_modify_ext_s(ld, dn.constData(), mods, nullptr, nullptr);
                if (rc == LDAP_SUCCESS) return deliverDone(op.id, DirectoryError::None, {});
                const QString message = ldapMessage(ld, rc);
                if (!isFailoverCode(rc))
                    return deliverDone(op.id, DirectoryError::Write,
                                       QStringLiteral("%1: replacing %2 of %3 failed: %4")
                                           .arg(where, op.attribute, op.dn, message));
                closeConnectionsTo(server);
                last = {connectionError(rc),
                        QStringLiteral("%1: replacing %2 of %3 failed: %4")
                            .arg(where, op.attribute, op.dn, message),
                        true};
                if (!reused) break;
            }
            failures << last.text;
        }
        deliverDone(op.id, last.error, failures.join(QStringLiteral("; ")));
    }

    // --- test

    void runTest(const Op& op)
    {
        QList<DirectoryServerTest> results;
        for (int server = 0; server < int(m_config.servers.size()); ++server) {
            if (m_stopping) return;
            DirectoryServerTest t;
            t.server = uri(server);
            Failure f;
            LdapHandle h = open(server, 0, f, &t.steps);
            if (h.ld) {
                for (const QString& base : m_config.baseDns) {
                    if (m_stopping) return;
                    const QString step = QStringLiteral("baseDn %1").arg(base);
                    const QByteArray b = base.toUtf8();
                    char noAttrs[] = "1.1";
                    char* attrs[] = {noAttrs, nullptr};
                    timeval tv = toTimeval(m_config.timeoutMs);
                    LDAPMessage* res = nullptr;
                    const int rc = ldap_search_ext_s(h.ld, b.constData(), LDAP_SCOPE_BASE, "(objectClass=*)",
                                                     attrs, 0, nullptr, nullptr, &tv, 1, &res);
                    const int entries = res ? ldap_count_entries(h.ld, res) : 0;
                    const QString message = ldapMessage(h.ld, rc);
                    if (res) ldap_msgfree(res);
                    if (rc == LDAP_SUCCESS && entries > 0) {
                        t.steps.append({step, true, QStringLiteral("found")});
                    } else {
                        t.steps.append(
                            {step, false, rc == LDAP_SUCCESS ? QStringLiteral("not found") : message});
                        break;
                    }
                }
                if (m_config.baseDns.isEmpty())
                    t.steps.append(
                        {QStringLiteral("baseDn"), false, QStringLiteral("no base DN is configured")});
            }
            results.append(t);
        }
        if (m_stopping) return;
        LdapClient* client = m_client;
        const quint64 id = op.id;
        QMetaObject::invokeMethod(
            client,
            [client, id, results] {
                TestCallback done = client->m_worker->m_clientTests.take(id);
                if (done) done(results);
            },
            Qt::QueuedConnection);
    }

    QMutex m_inboxMutex;
    std::deque<Op> m_inbox;    // guarded by m_inboxMutex
    bool m_wakePosted = false; // guarded by m_inboxMutex
    std::deque<Op> m_queue;
    LdapClientConfig m_config;
    quint64 m_generation = 0;
    int m_active = 0;
    LdapHandle m_read;
    LdapHandle m_write;
    QSet<QString> m_attributeNames;
    QTimer* m_probeTimer;
};

LdapClient::LdapClient(QObject* parent) : Directory(parent)
{
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("umgate-ldap"));
    m_worker = new Worker(this);
    m_worker->moveToThread(m_thread);
    m_thread->start();
    // A server that closes the connection would otherwise kill the process with SIGPIPE when
    // libldap writes the next request (it uses plain write()). Blocked for this thread only, so
    // write() fails with EPIPE and the request fails over.
    QMetaObject::invokeMethod(
        m_worker,
        [] {
            sigset_t set;
            sigemptyset(&set);
            sigaddset(&set, SIGPIPE);
            pthread_sigmask(SIG_BLOCK, &set, nullptr);
        },
        Qt::QueuedConnection);
}

LdapClient::~LdapClient()
{
    // Requests still queued are dropped, the one in progress ends at its next libldap return
    // (each bounded by timeoutMs), and no callback runs: results posted to `this` die with it.
    m_worker->m_stopping = true;
    m_worker->m_clientSearches.clear();
    m_worker->m_clientDones.clear();
    m_worker->m_clientTests.clear();
    // Deleted on its own thread (its LDAP handles unbind there) when the thread finishes.
    m_worker->deleteLater();
    m_worker = nullptr;
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

void LdapClient::setConfig(const LdapClientConfig& config)
{
    Worker* w = m_worker;
    if (!sameConnectionSettings(w->m_clientConfig, config) || w->m_clientGeneration == 0) {
        ++w->m_clientGeneration;
        const QString first = config.servers.isEmpty()
                                  ? QString()
                                  : serverUri(config.servers.first(), config.servers.first().port);
        if (first != m_activeServer) {
            m_activeServer = first;
            emit activeServerChanged(first);
        }
    }
    w->m_clientConfig = config;
    Worker::Op op;
    op.kind = Worker::Op::Kind::Config;
    op.config = config;
    op.generation = w->m_clientGeneration;
    w->post(std::move(op));
}

void LdapClient::search(const QString& filter, const QStringList& attributes, SearchCallback done)
{
    Worker::Op op;
    op.kind = Worker::Op::Kind::Search;
    op.start = Clock::now();
    op.id = m_worker->m_clientNextId++;
    op.filter = filter;
    op.attributes = attributes;
    m_worker->m_clientSearches.insert(op.id, std::move(done));
    m_worker->post(std::move(op));
}

void LdapClient::replaceAttribute(const QString& dn, const QString& attribute, const QStringList& values,
                                  DoneCallback done)
{
    Worker::Op op;
    op.kind = Worker::Op::Kind::Replace;
    op.start = Clock::now();
    op.id = m_worker->m_clientNextId++;
    op.dn = dn;
    op.attribute = attribute;
    op.values = values;
    m_worker->m_clientDones.insert(op.id, std::move(done));
    m_worker->post(std::move(op));
}

void LdapClient::test(TestCallback done)
{
    Worker::Op op;
    op.kind = Worker::Op::Kind::Test;
    op.start = Clock::now();
    op.id = m_worker->m_clientNextId++;
    m_worker->m_clientTests.insert(op.id, std::move(done));
    m_worker->post(std::move(op));
}

QString LdapClient::activeServer() const
{
    return m_activeServer;
}

} // namespace umgate
