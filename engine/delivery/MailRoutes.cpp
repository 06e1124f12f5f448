// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/delivery/MailRoutes.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace umgate {

MailRoutes MailRoutes::fromSettings(const QJsonObject& settings)
{
    MailRoutes r;
    const QJsonArray senders = settings.value(u"systemPreferences.email.senders"_s).toArray();
    if (senders.isEmpty()) {
        const QString host = settings.value(u"mailSystem.general.server"_s).toString();
        if (host.isEmpty()) return r;
        MailRoute m;
        m.name = u"mail server %1"_s.arg(host);
        m.host = host;
        m.port = settings.value(u"mailSystem.general.port"_s).toInt(25);
        m.user = settings.value(u"mailSystem.authentication.user"_s).toString();
        m.passwordKey = u"mailSystem.authentication.password"_s;
        r.m_routes << m;
        r.m_domains << QString();
        return r;
    }
    for (qsizetype i = 0; i < senders.size(); ++i) {
        const QJsonObject o = senders.at(i).toObject();
        MailRoute m;
        m.index = int(i);
        m.host = o.value(u"server"_s).toString();
        m.port = o.value(u"port"_s).toInt(25);
        m.senderIdentifier = o.value(u"senderIdentifier"_s).toString();
        if (o.value(u"requiresAuthentication"_s).toBool()) {
            m.user = o.value(u"account"_s).toString();
            // By the entry's id, never its position (InstanceConfig::entrySecretPath).
            m.passwordKey =
                u"systemPreferences.email.senders[%1].password"_s.arg(o.value(u"id"_s).toString());
            m.cramMd5 = o.value(u"cramMd5"_s).toBool();
        }
        m.direct = o.value(u"directSmtp"_s).toBool();
        const QString domain = o.value(u"mailDomain"_s).toString().toLower();
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
