// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/config/InstanceConfig.h"

#include <QObject>
#include <QPointer>

class QTcpServer;

namespace umgate {

// An Instance's SMTP listener binding (ixi-UMS 3.8), so a bind clash or a busy port shows as the
// instance's state. Until the e-mail-to-telephony issue fills in the SMTP dialogue it answers 421,
// so the sending mail server keeps the mail and retries.
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
    static QString stateName(State state);

    // Applies a (new) configuration without dropping work: a changed listener is bound before the
    // old one closes, so the port is never without a listener when both can coexist.
    void apply(const InstanceConfig& config);
    void stop();

signals:
    void stateChanged(const QString& id);

private:
    void setState(State state, const QString& error);
    void onNewConnection();

    QString m_id;
    State m_state = State::Stopped;
    QString m_error;
    QString m_listenText;
    QPointer<QTcpServer> m_listener;
};

} // namespace umgate
