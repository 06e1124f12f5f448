// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/delivery/MailRoutes.h"

#include "engine/config/InstanceConfig.h"

using namespace Qt::StringLiterals;

namespace umgate {

MailRoutes MailRoutes::fromSettings(const SettingValues& settings)
{
    MailRoutes r = routesOf(settings);
    if (settings.get(keys::relayUnknownRecipients) != UnknownRecipientAction::SmartHost) return r;
    const QString host = settings.get(keys::relaySmartHost);
    if (!host.isEmpty()) {
        MailRoute m;
        m.name = u"smart host %1"_s.arg(host);
        m.host = host;
        m.port = settings.get(keys::relaySmartHostPort);
        m.index = -2;
        r.m_smartHost = m;
    } else if (!r.m_routes.isEmpty()) {
        MailRoute m = r.m_routes.first();
        m.name = u"smart host (the %1)"_s.arg(m.name);
        m.senderIdentifier.clear(); // relayed mail keeps its sender
        r.m_smartHost = m;
    }
    return r;
}

MailRoutes MailRoutes::routesOf(const SettingValues& settings)
{
    MailRoutes r;
    const SettingEntries senders = settings.get(keys::senders);
    if (senders.isEmpty()) {
        const QString host = settings.get(keys::mailServer);
        if (host.isEmpty()) return r;
        MailRoute m;
        m.name = u"mail server %1"_s.arg(host);
        m.host = host;
        m.port = settings.get(keys::mailServerPort);
        m.user = settings.get(keys::mailUser);
        m.passwordKey = keys::mailPassword.toString();
        r.m_routes << m;
        r.m_domains << QString();
        return r;
    }
    for (qsizetype i = 0; i < senders.size(); ++i) {
        const SettingEntry& o = senders.at(i);
        MailRoute m;
        m.index = int(i);
        m.host = o.get(keys::sender::server);
        m.port = o.get(keys::sender::port);
        m.senderIdentifier = o.get(keys::sender::senderIdentifier);
        if (o.get(keys::sender::requiresAuthentication)) {
            m.user = o.get(keys::sender::account);
            // By the entry's id, never its position.
            m.passwordKey = InstanceConfig::entrySecretPath(keys::senders.toString(), o.id(),
                                                            keys::sender::password.toString());
            m.cramMd5 = o.get(keys::sender::cramMd5);
        }
        m.direct = o.get(keys::sender::directSmtp);
        const QString domain = o.get(keys::sender::mailDomain).toLower();
        const QString via = m.direct ? u"Direct SMTP"_s : m.host;
        m.name = i == 0 ? u"default sender %1"_s.arg(via) : u"sender for %1 (%2)"_s.arg(domain, via);
        r.m_routes << m;
        r.m_domains << domain;
    }
    return r;
}

const MailRoute* MailRoutes::forRecipient(const QString& address) const
{
    if (m_routes.isEmpty()) return nullptr;
    const QString domain = address.section(u'@', -1).toLower();
    // Later entries first: the most specific match wins over the default.
    const MailRoute* best = nullptr;
    qsizetype bestLength = -1;
    for (qsizetype i = 1; i < m_routes.size(); ++i) {
        const QString& d = m_domains.at(i);
        if (d.isEmpty()) continue;
        if ((domain == d || domain.endsWith(u'.' + d)) && d.size() > bestLength) {
            best = &m_routes.at(i);
            bestLength = d.size();
        }
    }
    return best ? best : &m_routes.first();
}

} // namespace umgate
