// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/directory/LdapClient.h"

#include "engine/core/CallQueue.h"
#include "engine/directory/LdapConnector.h"
#include "engine/directory/LdapSearchConnection.h"
#include "engine/directory/LdapWorker.h"

#include <QPointer>
#include <QThread>
#include <csignal>
#include <pthread.h>

namespace umgate {

LdapClient::LdapClient(QObject* parent)
    : Directory(parent), m_scope(std::make_shared<LdapSearchScope>(QStringList())),
      m_reader(std::make_unique<LdapEntryReader>())
{
    m_fromWorker = new CallQueue(this);
    m_thread = new QThread;
    m_thread->setObjectName(QStringLiteral("umgate-ldap"));
    m_worker = new LdapWorker(this);
    m_worker->moveToThread(m_thread);
    // A server that closes the connection during the TLS handshake would otherwise kill the
    // process with SIGPIPE (libldap writes with plain write(); LdapHandle::writeWithoutSigPipe
    // covers a connection only once it exists). Blocked for this thread only, so write() fails
    // with EPIPE and the request fails over. Run directly by the new thread before its event loop.
    connect(
        m_thread, &QThread::started, m_worker,
        [] {
            sigset_t set;
            sigemptyset(&set);
            sigaddset(&set, SIGPIPE);
            pthread_sigmask(SIG_BLOCK, &set, nullptr);
        },
        Qt::DirectConnection);
    m_thread->start();
}

LdapClient::~LdapClient()
{
    // Requests still queued are dropped, the one in progress ends at its next libldap return
    // (each bounded by timeoutMs), and no callback runs: results posted to `this` die with it.
    m_worker->stop();
    m_searches.clear();
    m_dones.clear();
    m_tests.clear();
    // Deleted on its own thread (its LDAP handles unbind there) when the thread finishes.
    m_worker->deleteLater();
    m_worker = nullptr;
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    // The search connections are children: they close with this object (non-blocking sockets).
}

void LdapClient::setConfig(const LdapClientConfig& config)
{
    if (!LdapConnector::sameConnectionSettings(m_config, config) || m_generation == 0) {
        ++m_generation;
        // Searches already sent finish on the old connection; new ones wait for the worker's.
        retireConnection();
        const QString first =
            config.servers.isEmpty()
                ? QString()
                : LdapConnector::serverUri(config.servers.first(), config.servers.first().port);
        if (first != m_activeServer) {
            m_activeServer = first;
            emit activeServerChanged(first);
        }
    }
    if (config.baseDns != m_scope->baseDns) m_scope = std::make_shared<LdapSearchScope>(config.baseDns);
    m_config = config;
    LdapWorker::Op op;
    op.kind = LdapWorker::Op::Kind::Config;
    op.config = config;
    op.generation = m_generation;
    m_worker->post(std::move(op));
}

void LdapClient::search(const QString& filter, const QStringList& attributes, SearchCallback done)
{
    LdapSearchJob job;
    job.id = m_nextId++;
    job.start = LdapSearchJob::Clock::now();
    job.filter = filter;
    job.filterUtf8 = filter.toUtf8();
    if (!m_attributes || m_attributes->names != attributes)
        m_attributes = std::make_shared<LdapAttributeList>(attributes);
    job.attributes = m_attributes;
    job.scope = m_scope;
    m_searches.emplace(job.id, std::move(done));
    if (m_connection)
        m_connection->send(std::move(job));
    else
        toWorker(std::move(job));
}

void LdapClient::toWorker(LdapSearchJob job)
{
    LdapWorker::Op op;
    op.kind = LdapWorker::Op::Kind::Search;
    op.search = std::move(job);
    m_worker->post(std::move(op));
}

void LdapClient::replaceAttribute(const QString& dn, const QString& attribute, const QStringList& values,
                                  DoneCallback done)
{
    LdapWorker::Op op;
    op.kind = LdapWorker::Op::Kind::Replace;
    op.id = m_nextId++;
    op.dn = dn;
    op.attribute = attribute;
    op.values = values;
    m_dones.emplace(op.id, std::move(done));
    m_worker->post(std::move(op));
}

void LdapClient::verifyPassword(const QString& dn, const QString& password, DoneCallback done)
{
    LdapWorker::Op op;
    op.kind = LdapWorker::Op::Kind::Verify;
    op.id = m_nextId++;
    op.dn = dn;
    op.values = {password};
    m_dones.emplace(op.id, std::move(done));
    m_worker->post(std::move(op));
}

void LdapClient::test(TestCallback done)
{
    LdapWorker::Op op;
    op.kind = LdapWorker::Op::Kind::Test;
    op.id = m_nextId++;
    m_tests.emplace(op.id, std::move(done));
    m_worker->post(std::move(op));
}

QString LdapClient::activeServer() const
{
    return m_activeServer;
}

void LdapClient::deliver(const std::vector<LdapSearchOutcome>& outcomes)
{
    QPointer<LdapClient> self(this);
    for (const LdapSearchOutcome& o : outcomes) {
        if (!self) return; // a callback deleted the client: nothing more runs
        const SearchCallback done = m_searches.take(o.id);
        if (done) done(o.result);
    }
}

void LdapClient::retireConnection()
{
    if (!m_connection) return;
    m_connection->retire();
    m_connection = nullptr;
}

void LdapClient::connectionFailed(LdapSearchConnection* connection, std::vector<LdapSearchJob> jobs)
{
    if (connection == m_connection) m_connection = nullptr;
    // The worker tries this server again on a fresh connection, then the others.
    for (LdapSearchJob& job : jobs)
        toWorker(std::move(job));
}

void LdapClient::adopt(LdapHandle handle, quint64 generation, bool replace)
{
    // Opened for settings that changed since, or not needed: it closes here.
    if (generation != m_generation || handle.server < 0 || handle.server >= m_config.servers.size()) return;
    if (m_connection && !replace) return;
    retireConnection();
    const QString where = LdapConnector::serverUri(m_config.servers[handle.server], handle.port);
    LdapSearchConnection::Hooks hooks;
    hooks.finished = [this](const std::vector<LdapSearchOutcome>& outcomes) { deliver(outcomes); };
    hooks.later = [this](std::vector<LdapSearchOutcome> outcomes) { postOutcomes(std::move(outcomes)); };
    hooks.failed = [this](LdapSearchConnection* c, std::vector<LdapSearchJob> jobs) {
        connectionFailed(c, std::move(jobs));
    };
    m_connection = new LdapSearchConnection(std::move(handle), where, m_config.timeoutMs, *m_reader,
                                            std::move(hooks), this);
}

// Any thread.
void LdapClient::fromWorker(std::function<void()> call)
{
    m_fromWorker->post(std::move(call));
}

// Any thread. One posted event takes everything that arrives until it runs (CallQueue).
void LdapClient::postOutcomes(std::vector<LdapSearchOutcome> outcomes)
{
    fromWorker([this, outcomes = std::move(outcomes)] { deliver(outcomes); });
}

void LdapClient::setActiveServer(const QString& server, quint64 generation)
{
    if (generation != m_generation || server == m_activeServer) return;
    m_activeServer = server;
    emit activeServerChanged(server);
}

void LdapClient::finishReplace(quint64 id, DirectoryError error, const QString& text)
{
    const DoneCallback done = m_dones.take(id);
    if (done) done(error, text);
}

void LdapClient::finishTest(quint64 id, const QList<DirectoryServerTest>& results)
{
    const TestCallback done = m_tests.take(id);
    if (done) done(results);
}

} // namespace umgate
