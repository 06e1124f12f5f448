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
class SmtpPool : public QObject
{
    Q_OBJECT
public:
    using Done = SmtpConnection::Done;

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
        qint64 unreachableUntil = 0; // ms since the epoch; see kUnreachableMs
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
