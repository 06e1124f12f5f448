// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/smtp/SmtpPool.h"

#include <QDateTime>
#include <QTimer>
#include <utility>

using namespace Qt::StringLiterals;

namespace umgate {

namespace {
const char* const kIdleTimerName = "umgate_smtp_idle";

SmtpResult deferredWithoutTrying(const SmtpServerConfig& config, const SmtpMessage& message,
                                 const QString& why)
{
    SmtpResult r = SmtpResult::forAll(message.recipients, SmtpOutcome::Deferral,
                                      u"%1:%2"_s.arg(config.host).arg(config.port), why);
    r.tried = false;
    return r;
}
} // namespace

SmtpPool::SmtpPool(QObject* parent) : QObject(parent) {}

SmtpPool::~SmtpPool()
{
    // Connections are children; their queued callbacks die with them.
    m_running.clear();
}

void SmtpPool::setMaxConnectionsPerServer(int count)
{
    m_maxConnections = qBound(1, count, 100);
    for (auto it = m_servers.keyBegin(); it != m_servers.keyEnd(); ++it)
        QMetaObject::invokeMethod(
            this, [this, key = *it] { dispatch(key); }, Qt::QueuedConnection);
}

void SmtpPool::setIdleTimeoutMs(int ms)
{
    m_idleTimeoutMs = qMax(0, ms);
}

void SmtpPool::send(const SmtpServerConfig& config, const SmtpMessage& message, Done done)
{
    const QString key = config.key();
    m_servers[key].queue.append({config, message, std::move(done)});
    // Queued: dispatch may start a connection; the caller gets control back first.
    QMetaObject::invokeMethod(
        this, [this, key] { dispatch(key); }, Qt::QueuedConnection);
}

int SmtpPool::pending() const
{
    int n = int(m_running.size());
    for (const Server& s : m_servers)
        n += int(s.queue.size());
    return n;
}

int SmtpPool::connectionCount() const
{
    int n = 0;
    for (const Server& s : m_servers)
        for (const SmtpConnection* c : s.connections)
            n += c->isConnected() ? 1 : 0;
    return n;
}

void SmtpPool::dispatch(const QString& key)
{
    auto it = m_servers.find(key);
    if (it == m_servers.end()) return;
    if (it->unreachableUntil > QDateTime::currentMSecsSinceEpoch() && !it->queue.isEmpty()) {
        const QList<Job> jobs = std::exchange(it->queue, {});
        const QString why = u"not tried: %1"_s.arg(it->unreachableReason);
        for (const Job& job : jobs)
            QMetaObject::invokeMethod(
                this, [done = job.done, r = deferredWithoutTrying(job.config, job.message, why)] { done(r); },
                Qt::QueuedConnection);
        return;
    }
    // Bounded by the queue length: each pass starts a mail or stops.
    while (!it->queue.isEmpty()) {
        SmtpConnection* idle = nullptr;
        for (SmtpConnection* c : std::as_const(it->connections))
            if (c->isIdle() && !m_running.contains(c) && c->isConnected()) {
                idle = c;
                break;
            }
        if (!idle) {
            for (SmtpConnection* c : std::as_const(it->connections))
                if (c->isIdle() && !m_running.contains(c)) {
                    idle = c;
                    break;
                }
        }
        if (!idle && it->connections.size() < m_maxConnections) {
            idle = new SmtpConnection(it->queue.first().config, this);
            it->connections.append(idle);
            connect(idle, &SmtpConnection::closed, this, [this, key, idle] {
                // A session the server (or the idle timeout) closed while nothing ran on it.
                if (!m_running.contains(idle) && idle->isIdle() && idle->isClosed())
                    removeConnection(key, idle);
            });
        }
        if (!idle) return;
        Job job = it->queue.takeFirst();
        start(key, idle, std::move(job));
        it = m_servers.find(key); // start() does not touch m_servers, but stay safe
        if (it == m_servers.end()) return;
    }
}

void SmtpPool::start(const QString& key, SmtpConnection* connection, Job job)
{
    if (auto* t = connection->findChild<QTimer*>(QLatin1String(kIdleTimerName))) t->stop();
    m_running.emplace(connection, std::move(job.done));
    connection->send(job.message, [this, key, connection](const SmtpResult& result) {
        Done done = m_running.take(connection);
        if (auto it = m_servers.find(key); it != m_servers.end()) {
            const bool unreachable =
                result.outcome == SmtpOutcome::Deferral &&
                (result.stage == SmtpStage::Connect || result.stage == SmtpStage::Greeting);
            it->unreachableUntil =
                unreachable ? QDateTime::currentMSecsSinceEpoch() + kUnreachablePauseMs : 0;
            if (unreachable)
                it->unreachableReason = u"%1 failed %2 at %3: %4"_s.arg(
                    result.server, QDateTime::currentDateTimeUtc().toString(Qt::ISODate),
                    smtpStageName(result.stage), result.reply.isEmpty() ? u"no reply"_s : result.reply);
        }
        if (connection->isClosed())
            removeConnection(key, connection);
        else
            armIdleTimer(key, connection);
        dispatch(key);
        if (done) done(result);
    });
}

void SmtpPool::armIdleTimer(const QString& key, SmtpConnection* connection)
{
    auto* t = connection->findChild<QTimer*>(QLatin1String(kIdleTimerName));
    if (!t) {
        t = new QTimer(connection);
        t->setObjectName(QLatin1String(kIdleTimerName));
        t->setSingleShot(true);
        connect(t, &QTimer::timeout, this, [this, key, connection] {
            if (m_running.contains(connection) || !connection->isIdle()) return;
            if (connection->isConnected())
                connection->quit(); // closed() removes it
            else
                removeConnection(key, connection);
        });
    }
    t->start(m_idleTimeoutMs);
}

void SmtpPool::removeConnection(const QString& key, SmtpConnection* connection)
{
    auto it = m_servers.find(key);
    if (it == m_servers.end() || !it->connections.removeOne(connection)) return;
    connection->disconnect(this);
    connection->deleteLater();
    // An unreachable server's entry stays until its time is up, so the next mail is not tried.
    if (it->connections.isEmpty() && it->queue.isEmpty() &&
        it->unreachableUntil <= QDateTime::currentMSecsSinceEpoch())
        m_servers.erase(it);
}

void SmtpPool::forgetUnreachable()
{
    for (auto it = m_servers.begin(); it != m_servers.end();) {
        it->unreachableUntil = 0;
        it->unreachableReason.clear();
        if (it->connections.isEmpty() && it->queue.isEmpty())
            it = m_servers.erase(it);
        else
            ++it;
    }
}

void SmtpPool::abortAll()
{
    QList<std::pair<Done, SmtpResult>> calls;
    const QString why = u"aborted: the mail was not sent (shutdown or reconfiguration)"_s;
    for (auto it = m_servers.begin(); it != m_servers.end(); ++it) {
        for (Job& job : it->queue)
            calls.append({std::move(job.done), deferredWithoutTrying(job.config, job.message, why)});
        it->queue.clear();
        for (SmtpConnection* c : std::as_const(it->connections)) {
            c->disconnect(this);
            if (m_running.contains(c)) {
                SmtpResult r;
                r.outcome = SmtpOutcome::Deferral;
                r.reply = why;
                r.server = u"%1:%2"_s.arg(c->config().host).arg(c->config().port);
                calls.append({m_running.take(c), r});
            }
            // Deleting the connection also drops its queued callback.
            c->deleteLater();
        }
        it->connections.clear();
    }
    m_servers.clear();
    m_running.clear();
    for (auto& [done, result] : calls)
        QMetaObject::invokeMethod(
            this,
            [done = std::move(done), result = result] { // clang 14 cannot capture a binding
                if (done) done(result);
            },
            Qt::QueuedConnection);
}

} // namespace umgate
