// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/directory/LdapClientConfig.h"
#include "engine/directory/LdapEntryReader.h"
#include "engine/directory/LdapFailure.h"
#include "engine/directory/LdapHandle.h"
#include "engine/directory/LdapSearchJob.h"

#include <QObject>
#include <atomic>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>

class QTimer;

namespace umgate {

class LdapClient;
class LdapSearchSession;

// Everything of an LdapClient that waits for a server, on the client's worker thread: opening
// connections (connect, TLS, bind) and failing over to the next server, searches while the
// client has no connection of its own, writes, the server test, and the probe that goes back to
// the preferred server. A connection that answered searches is handed to the client, which runs
// the following searches itself without waiting (LdapSearchConnection).
//
// Requests arrive through a locked inbox; results go back through the client's call queue
// (LdapClient::fromWorker), in the order they were made.
// Everything else is touched only on the worker thread.
class LdapWorker : public QObject
{
    Q_OBJECT
public:
    struct Op
    {
        enum class Kind
        {
            Search,
            Replace,
            Verify, // dn and values[0], the password
            Test,
            Config
        } kind = Kind::Search;
        quint64 id = 0;
        std::optional<LdapSearchJob> search;
        QString dn;
        QString attribute;
        QStringList values;
        std::optional<LdapClientConfig> config;
        quint64 generation = 0;
    };

    explicit LdapWorker(LdapClient* client);
    ~LdapWorker() override; // on the worker thread: the LDAP handles unbind there

    // --- any thread
    void post(Op op);
    // Drops what is queued and posts nothing more; the request in progress ends at its next
    // libldap return (each bounded by timeoutMs).
    void stop() { m_stopping = true; }

private:
    // --- worker thread
    void schedule();
    // Invoked by name: the wake-up event carries nothing of ours, the requests are in the inbox
    // (ThreadSanitizer sees this std::mutex, not the lock of Qt's event queue; CallQueue says more).
    Q_INVOKABLE void drain();
    void processBatch();
    void applyConfig(const Op& op);
    QString uri(int server, int port = 0) const;
    std::vector<int> serverOrder() const;
    LDAP* readConnection(int server, LdapFailure& f, bool& reused);
    LDAP* writeConnection(int server, LdapFailure& f, bool& reused);
    void closeConnectionsTo(int server);
    // The failover walk that searches and writes share: each server in serverOrder(), a second
    // time when a reused connection failed (it may only have gone stale). `tryOn` returns nullopt
    // when it finished the operation, or why this server failed. The result is nullopt when
    // the operation finished (or the worker stops), else the failure to report: one that allows
    // no failover as is (`server` says whose), otherwise the last one with every server's reason
    // joined.
    using Connect = LDAP* (LdapWorker::*)(int server, LdapFailure& f, bool& reused);
    std::optional<LdapFailure> eachServer(Connect open,
                                          const std::function<std::optional<LdapFailure>(int, LDAP*)>& tryOn,
                                          int* server = nullptr);
    void setActive(int server);
    void probe();
    bool searchQueued();
    void handOver(LdapHandle& handle, bool replace);

    void runSearches(std::vector<LdapSearchJob> jobs);
    bool searchOn(LdapSearchSession& session, std::vector<LdapSearchJob>& jobs);
    void failSearches(std::vector<LdapSearchJob>& jobs, DirectoryError error, const QString& text,
                      const QString& server);
    void deliver(std::vector<LdapSearchOutcome> outcomes);
    void runReplace(const Op& op);
    void deliverDone(quint64 id, DirectoryError error, const QString& text);
    void runVerify(const Op& op);
    void runTest(const Op& op);

    LdapClient* const m_client;
    std::atomic<bool> m_stopping{false};
    std::mutex m_inboxMutex;
    std::deque<Op> m_inbox;    // guarded by m_inboxMutex
    bool m_wakePosted = false; // guarded by m_inboxMutex
    std::deque<Op> m_queue;
    LdapClientConfig m_config;
    quint64 m_generation = 0;
    int m_active = 0;
    LdapHandle m_read;
    LdapHandle m_write;
    LdapEntryReader m_reader;
    QTimer* m_probeTimer;
};

} // namespace umgate
