// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/instance/InstanceListener.h"

#include "engine/core/Log.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>

namespace umgate {

InstanceListener::InstanceListener(const QString& id, QObject* parent) : QObject(parent), m_id(id) {}

InstanceListener::~InstanceListener()
{
    stop();
}

QString InstanceListener::stateName(State state)
{
    switch (state) {
    case State::Stopped:
        return QStringLiteral("stopped");
    case State::Running:
        return QStringLiteral("running");
    case State::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

void InstanceListener::setState(State state, const QString& error)
{
    if (state == m_state && error == m_error) return;
    m_state = state;
    m_error = error;
    emit stateChanged(m_id);
}

void InstanceListener::apply(const InstanceConfig& config)
{
    if (!config.enabled) {
        stop();
        return;
    }
    const QString text = QStringLiteral("%1:%2").arg(config.listenAddress()).arg(config.listenPort());
    if (m_listener && m_listener->isListening() && text == m_listenText) {
        setState(State::Running, {});
        return;
    }
    auto* server = new QTcpServer(this);
    connect(server, &QTcpServer::newConnection, this, &InstanceListener::onNewConnection);
    const QHostAddress address(config.listenAddress());
    bool ok = server->listen(address, quint16(config.listenPort()));
    if (!ok && m_listener) {
        // Same port, other address or SO_REUSEADDR refused while the old socket listens: release
        // the old one and try again. Connections already accepted stay open.
        m_listener->close();
        ok = server->listen(address, quint16(config.listenPort()));
    }
    if (!ok) {
        const QString why = server->errorString();
        delete server;
        if (m_listener && m_listener->isListening()) {
            Log::error(m_id, QStringLiteral("cannot listen on %1 (%2); still listening on %3")
                                 .arg(text, why, m_listenText));
            return;
        }
        delete m_listener;
        m_listenText = text;
        Log::error(m_id, QStringLiteral("cannot listen on %1: %2").arg(text, why));
        setState(State::Failed, QStringLiteral("cannot listen on %1: %2").arg(text, why));
        return;
    }
    delete m_listener;
    m_listener = server;
    m_listenText = text;
    Log::info(m_id, QStringLiteral("listening on %1").arg(text));
    setState(State::Running, {});
}

void InstanceListener::stop()
{
    if (m_listener) {
        m_listener->close();
        delete m_listener;
    }
    if (m_state != State::Stopped) Log::info(m_id, QStringLiteral("stopped"));
    setState(State::Stopped, {});
}

void InstanceListener::onNewConnection()
{
    // Until e-mail-to-telephony lands, answer with a temporary failure so the sending mail server
    // keeps the message and retries: nothing is lost.
    while (QTcpSocket* socket = m_listener->nextPendingConnection()) {
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->write(
            "421 4.3.2 umgate: e-mail to telephony is not enabled in this build, try again later\r\n");
        socket->disconnectFromHost();
    }
}

} // namespace umgate
