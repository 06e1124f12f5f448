// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/smtp/SmtpConnection.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <functional>

namespace umgate {

// Queues mails per server (SmtpServerConfig::key()) and sends them over up to N parallel
// SmtpConnections per server, reusing idle sessions; a session idle longer than the idle
// timeout is closed with QUIT.
//
// A server that could not be reached (connect or greeting deferred) is paused for
// kUnreachablePauseMs: mails for it end at once as deferrals with SmtpResult::tried == false, so a
// dead server with a thousand waiting mails costs one connect, and the caller does not count an
// attempt for them. forgetUnreachable() lifts the pauses (an administrator's explicit retry).
class SmtpPool : public QObject
{
    Q_OBJECT
public:
    using Done = SmtpConnection::Done;
    // Short, so the administrator's retry intervals still decide.
    static constexpr qint64 kUnreachablePauseMs = 5000;

    explicit SmtpPool(QObject* parent = nullptr);
    ~SmtpPool() override;

    void setMaxConnectionsPerServer(int count);
    void setIdleTimeoutMs(int ms);
    int maxConnectionsPerServer() const { return m_maxConnections; }

    // `done` runs exactly once, never inside send().
    void send(const SmtpServerConfig& config, const SmtpMessage& message, Done done);
    // Mails queued or being sent.
    int pending() const;
    // Open sessions (all servers), for tests and status.
    int connectionCount() const;
    // Every queued and running mail ends as a deferral; all sessions are closed.
    void abortAll();
    // Every server is tried again by the next mail, even one that failed a moment ago.
    void forgetUnreachable();

private:
    struct Job
    {
        SmtpServerConfig config;
        SmtpMessage message;
        Done done;
    };
    struct Server
    {
        QList<Job> queue;
        QList<SmtpConnection*> connections;
        qint64 unreachableUntil = 0; // ms since the epoch; see kUnreachablePauseMs
        QString unreachableReason;
    };

    void dispatch(const QString& key);
    void start(const QString& key, SmtpConnection* connection, Job job);
    void removeConnection(const QString& key, SmtpConnection* connection);
    void armIdleTimer(const QString& key, SmtpConnection* connection);

    QHash<QString, Server> m_servers;
    QHash<SmtpConnection*, Done> m_running; // the caller's callback of a running mail
    int m_maxConnections = 4;
    int m_idleTimeoutMs = 30000;
};

} // namespace umgate
