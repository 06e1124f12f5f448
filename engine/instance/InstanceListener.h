// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/config/InstanceConfig.h"
#include "engine/inbound/InboundAddress.h"
#include "engine/inbound/InboundConnection.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <memory>

class QTcpServer;
class QTimer;

namespace umgate {

class KernelJobWriter;
class RotatingLog;

// An Instance's SMTP listener (ixi-UMS 4.2.1.3): bound to the General page's address and port (a
// bind clash or a busy port is the instance's state, "failed" with the reason), it serves the
// allowed clients only (others get 554 5.7.1 and a log line), at most `maxConnections` at once
// and `maxPerClient` per address (421 4.7.0 beyond), each as an InboundConnection that writes the
// mails it receives as kernel jobs into Kernel/Outgoing through one KernelJobWriter.
class InstanceListener : public QObject
{
    Q_OBJECT
public:
    enum class State
    {
        Stopped,
        Running,
        Failed
    };

    explicit InstanceListener(const QString& id, QObject* parent = nullptr);
    ~InstanceListener() override;

    QString id() const { return m_id; }
    State state() const { return m_state; }
    QString error() const { return m_error; }
    QString listenText() const { return m_listenText; }
    // Settings that leave the listener running but unable to take mail as the administrator
    // meant (no certificate for the STARTTLS asked for, a user without a stored password, ...),
    // in the administrator's words; shown in the status and logged once when they appear.
    QStringList warnings() const { return m_warnings; }
    static QString stateName(State state);

    // Applies a (new) configuration without dropping work: a changed listener is bound before the
    // old one closes, so the port is never without a listener when both can coexist. Connections
    // already open keep the settings they started with. `log` (the SMTP connection log) may be
    // nullptr and must outlive the listener.
    void apply(const InstanceConfig& config, const InboundSettings& settings, RotatingLog* log);
    // The password of general.authentication.user, once read from the secret store (every
    // apply() is followed by one call); new connections check logins against it. Updates the
    // warnings.
    void setAuthPassword(const QString& password);
    // Stops listening; open sessions end with 421 and the jobs being written are finished.
    void stop();
    int connections() const { return int(m_connections.size()); }

signals:
    void stateChanged(const QString& id);

private:
    void setState(State state, const QString& error);
    void updateWarnings();
    void onNewConnection();
    bool admit(QTcpSocket* socket);

    QString m_id;
    State m_state = State::Stopped;
    QString m_error;
    QString m_listenText;
    QStringList m_warnings;
    QPointer<QTcpServer> m_listener;
    InboundSettings m_settings;
    std::unique_ptr<InboundAddress> m_addresses;
    std::unique_ptr<KernelJobWriter> m_writer;
    RotatingLog* m_log = nullptr;
    QList<InboundConnection*> m_connections;
    QHash<QString, int> m_perClient; // peer address -> open connections
    QTimer* m_validityCheck;         // a certificate expires while the engine runs
};

} // namespace umgate
