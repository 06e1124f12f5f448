// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/instance/InstanceListener.h"

#include "engine/core/Log.h"
#include "engine/core/TlsFiles.h"
#include "engine/inbound/KernelJobWriter.h"

#include <QDir>
#include <QHostAddress>
#include <QSslSocket>
#include <QTcpServer>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace umgate {

namespace {

// Hands out QSslSockets (still unencrypted), so a session can STARTTLS.
class SslServer : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto* socket = new QSslSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        addPendingConnection(socket);
    }
};

void refuse(QTcpSocket* socket, const QByteArray& reply)
{
    QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    socket->write(reply + "\r\n");
    socket->disconnectFromHost();
}

} // namespace

InstanceListener::InstanceListener(const QString& id, QObject* parent)
    : QObject(parent), m_id(id), m_validityCheck(new QTimer(this))
{
    // Hourly: the warning appears 30 days ahead and when the day comes, without a restart.
    m_validityCheck->setInterval(60 * 60 * 1000);
    connect(m_validityCheck, &QTimer::timeout, this, &InstanceListener::updateWarnings);
    m_validityCheck->start();
}

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

void InstanceListener::apply(const InstanceConfig& config, const InboundSettings& settings, RotatingLog* log)
{
    if (!config.enabled) {
        stop();
        return;
    }
    const QString password = m_settings.authPassword; // read from the secret store, see setAuthPassword
    m_settings = settings;
    m_settings.authPassword = password;
    m_log = log;
    m_addresses =
        std::make_unique<InboundAddress>(settings.senderTemplate, settings.mailDomain, settings.dialing);
    if (!m_writer) {
        QDir().mkpath(settings.outgoingDir);
        KernelJobWriter::recover(settings.outgoingDir);
        m_writer = std::make_unique<KernelJobWriter>(settings.outgoingDir);
    }
    const QString text = QStringLiteral("%1:%2").arg(config.listenAddress()).arg(config.listenPort());
    if (settings.implicitTls && !settings.tls) {
        // A port meant to speak TLS from the first byte never serves in clear.
        stop();
        const QString error =
            u"not listening on %1: implicit TLS needs a usable certificate and key: %2"_s.arg(
                text, settings.tlsError);
        Log::error(m_id, error);
        setState(State::Failed, error);
        return;
    }
    if (m_listener && m_listener->isListening() && text == m_listenText) {
        setState(State::Running, {});
        return;
    }
    auto* server = new SslServer(this);
    connect(server, &QTcpServer::newConnection, this, &InstanceListener::onNewConnection);
    const QHostAddress address(config.listenAddress());
    bool ok = server->listen(address, quint16(config.listenPort()));
    if (!ok && m_listener && m_listener->isListening()) {
        // Same port, other address or SO_REUSEADDR refused while the old socket listens: release
        // the old one and try again; if the new one still cannot be had (somebody else holds
        // it), take the old one back rather than stop serving. Accepted connections stay open.
        const QHostAddress oldAddress = m_listener->serverAddress();
        const quint16 oldPort = m_listener->serverPort();
        m_listener->close();
        ok = server->listen(address, quint16(config.listenPort()));
        if (!ok) m_listener->listen(oldAddress, oldPort);
    }
    if (!ok) {
        const QString why = server->errorString();
        delete server;
        if (m_listener && m_listener->isListening()) {
            const QString error = QStringLiteral("cannot listen on %1 (%2); still listening on %3")
                                      .arg(text, why, m_listenText);
            Log::error(m_id, error);
            setState(State::Running, error);
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

void InstanceListener::setAuthPassword(const QString& password)
{
    m_settings.authPassword = password;
    updateWarnings();
}

void InstanceListener::updateWarnings()
{
    QStringList warnings;
    const InboundSettings& s = m_settings;
    if (m_state != State::Stopped) {
        if (!s.tlsError.isEmpty() && !s.implicitTls)
            warnings << u"STARTTLS is not offered: %1"_s.arg(s.tlsError);
        if (s.forceTls && !s.tls && !s.implicitTls)
            warnings << u"TLS is forced but cannot be offered, so no mail is accepted"_s;
        if (s.directoryLogin && s.embeddedDirectory)
            warnings
                << u"logins are checked against the directory, but the instance has no LDAP servers and "
                   u"the embedded directory holds no passwords: every login fails, so no mail is accepted"_s;
        else if (s.directoryLogin && !s.tls)
            warnings << u"logins against the directory use PLAIN or LOGIN, which are only offered with "
                        u"encryption: turn on encryption, or no mail is accepted"_s;
        else if (!s.directoryLogin && !s.authUser.isEmpty() && s.authPassword.isEmpty())
            warnings << u"no password is stored for the listener user %1: every login fails, so no mail is "
                        u"accepted"_s.arg(s.authUser);
        else if (!s.directoryLogin && !s.authUser.isEmpty() && !s.tls && !s.cramMd5)
            warnings << u"the listener user %1 cannot log in: PLAIN and LOGIN are only offered with "
                        u"encryption; turn on encryption or CRAM-MD5"_s.arg(s.authUser);
        if (s.tls)
            if (const QString v =
                    TlsFiles::validityWarning(s.tls->localCertificate(), QDateTime::currentDateTimeUtc());
                !v.isEmpty())
                warnings << u"%1: mail servers that verify it will not send over TLS; renew it, or import "
                            u"a new one (General, Encryption)"_s.arg(v);
        if (s.relayUnknown && s.relayClients.isEmpty() && s.authUser.isEmpty() && !s.directoryLogin)
            warnings << u"relaying to the smart host is on, but no client may relay: nobody can log in and "
                        u"no relay clients are listed"_s;
    }
    if (warnings == m_warnings) return;
    for (const QString& w : std::as_const(warnings))
        if (!m_warnings.contains(w)) Log::error(m_id, w);
    m_warnings = warnings;
    emit stateChanged(m_id);
}

void InstanceListener::stop()
{
    if (m_listener) {
        m_listener->close();
        delete m_listener;
    }
    for (InboundConnection* c : std::as_const(m_connections))
        c->shutdown();
    if (m_state != State::Stopped) Log::info(m_id, QStringLiteral("stopped"));
    m_warnings.clear();
    setState(State::Stopped, {});
}

void InstanceListener::onNewConnection()
{
    while (QTcpSocket* socket = m_listener->nextPendingConnection()) {
        if (!admit(socket)) continue;
        const QString peer = socket->peerAddress().toString();
        // SslServer made it: a QSslSocket, still unencrypted.
        auto* connection = new InboundConnection(static_cast<QSslSocket*>(socket), m_settings, *m_addresses,
                                                 m_writer.get(), m_log, this);
        m_connections.append(connection);
        ++m_perClient[peer];
        connect(connection, &InboundConnection::finished, this, [this, peer](InboundConnection* c) {
            m_connections.removeOne(c);
            if (--m_perClient[peer] <= 0) m_perClient.remove(peer);
            c->deleteLater();
        });
    }
}

// The allowed clients (ixi-UMS 4.2.1.3) and the connection limits, before any SMTP is spoken.
bool InstanceListener::admit(QTcpSocket* socket)
{
    const QHostAddress peer = socket->peerAddress();
    const QString text = peer.toString();
    const bool allowed = m_settings.allowedClients.isEmpty() || inNetworks(peer, m_settings.allowedClients);
    if (!allowed) {
        Log::warning(m_id, u"refused an SMTP connection from %1: not in the allowed clients"_s.arg(text));
        refuse(socket, "554 5.7.1 " + m_settings.hostName + " your address " + text.toLatin1() +
                           " may not send to this gateway");
        return false;
    }
    if (m_connections.size() >= m_settings.maxConnections) {
        Log::warning(
            m_id, u"refused an SMTP connection from %1: %2 connections are open, the limit"_s.arg(text).arg(
                      m_connections.size()));
        refuse(socket, "421 4.7.0 " + m_settings.hostName + " too many connections, try again later");
        return false;
    }
    if (m_perClient.value(text) >= m_settings.maxPerClient) {
        Log::warning(
            m_id,
            u"refused an SMTP connection from %1: %2 connections from that address, the limit"_s.arg(text)
                .arg(m_perClient.value(text)));
        refuse(socket, "421 4.7.0 " + m_settings.hostName + " too many connections from your address");
        return false;
    }
    return true;
}

} // namespace umgate
