// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/directory/LdapServerTest.h"

namespace umgate {

QList<DirectoryServerTest> LdapServerTest::run() const
{
    QList<DirectoryServerTest> results;
    for (int server = 0; server < int(m_config.servers.size()); ++server) {
        if (m_stopping) return {};
        results.append(testServer(server));
    }
    if (m_stopping) return {};
    return results;
}

DirectoryServerTest LdapServerTest::testServer(int server) const
{
    DirectoryServerTest t;
    const LdapServerConfig& s = m_config.servers[server];
    t.server = LdapConnector::serverUri(s, s.port);
    LdapFailure f;
    LdapHandle h = LdapConnector(m_config).open(server, 0, f, &t.steps);
    if (!h.ld) return t;
    for (const QString& base : m_config.baseDns)
        if (m_stopping || !testBaseDn(h.ld, base, t)) return t;
    if (m_config.baseDns.isEmpty())
        t.steps.append({QStringLiteral("baseDn"), false, QStringLiteral("no base DN is configured")});
    return t;
}

bool LdapServerTest::testBaseDn(LDAP* ld, const QString& base, DirectoryServerTest& t) const
{
    const QString step = QStringLiteral("baseDn %1").arg(base);
    const QByteArray b = base.toUtf8();
    char noAttrs[] = "1.1";
    char* attrs[] = {noAttrs, nullptr};
    timeval tv = LdapConnector::toTimeval(m_config.timeoutMs);
    LDAPMessage* res = nullptr;
    const int rc = ldap_search_ext_s(ld, b.constData(), LDAP_SCOPE_BASE, "(objectClass=*)", attrs, 0, nullptr,
                                     nullptr, &tv, 1, &res);
    const int entries = res ? ldap_count_entries(ld, res) : 0;
    const QString message = LdapFailure::message(ld, rc);
    if (res) ldap_msgfree(res);
    if (rc == LDAP_SUCCESS && entries > 0) {
        t.steps.append({step, true, QStringLiteral("found")});
        return true;
    }
    t.steps.append({step, false, rc == LDAP_SUCCESS ? QStringLiteral("not found") : message});
    return false;
}

} // namespace umgate
