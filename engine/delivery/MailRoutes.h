// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/config/SettingValues.h"

#include <QList>
#include <QString>
#include <optional>

namespace umgate {

// Which server a recipient's mail goes to.
//
// Avaya System Preferences: Email: with a sender list, its first entry is the default server
// (and its mail domain the instance's own), later entries serve recipients of their mail domain
// (or its subdomains), each with its own sender identifier and authentication. Without a sender
// list the ixi-UMS Mail System server (4.2.2.1) serves everybody.
struct MailRoute
{
    QString name; // "mail server" or "sender list entry 2 (example.org)", for logs and reports
    QString host; // the relay
    int port = 25;
    QString senderIdentifier; // envelope sender override; empty = the mail's own
    QString user;             // empty = no authentication
    QString passwordKey;      // secret store path of the password
    bool cramMd5 = false;
    bool direct = false; // Direct SMTP: `host` unused, the recipient domain's MX hosts take the mail
    int index = -1;      // sender list index; -1 = Mail System server, -2 = the smart host

    QString key() const { return QStringLiteral("%1:%2/%3").arg(host).arg(port).arg(index); }
};

class MailRoutes
{
public:
    // From an instance's settings: the sender list, else the Mail System server.
    static MailRoutes fromSettings(const SettingValues& settings);

    bool isEmpty() const { return m_routes.isEmpty(); }
    // The route for one recipient address; nullptr when nothing is configured.
    const MailRoute* forRecipient(const QString& address) const;
    const QList<MailRoute>& routes() const { return m_routes; }
    // Where relayed mail goes (Cisco Unity's smart host): general.relay.smartHost, else the
    // default route with its login but the mail's own sender. nullptr when relaying is off or
    // there is nowhere to relay to.
    const MailRoute* smartHost() const { return m_smartHost ? &*m_smartHost : nullptr; }
    // Whether mail with relay = true (reports to senders, relayed mail) has somewhere to go: the
    // smart host, else the route of its recipient's domain.
    bool reachesSenders() const { return m_smartHost || !m_routes.isEmpty(); }

private:
    static MailRoutes routesOf(const SettingValues& settings); // without the smart host
    QList<MailRoute> m_routes;
    std::optional<MailRoute> m_smartHost;
    QStringList m_domains; // per route, lower case; [0] unused
};

} // namespace umgate
