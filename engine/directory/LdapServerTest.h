// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/directory/LdapClientConfig.h"
#include "engine/directory/LdapConnector.h"

#include <atomic>

namespace umgate {

// The console's "Test": every configured server step by step (connect, TLS, bind, each base DN),
// each stopping at its first failed step. Blocks; runs on the LDAP worker thread.
class LdapServerTest
{
public:
    LdapServerTest(const LdapClientConfig& config, const std::atomic<bool>& stopping)
        : m_config(config), m_stopping(stopping)
    {
    }

    // Empty when stopped on the way.
    QList<DirectoryServerTest> run() const;

private:
    DirectoryServerTest testServer(int server) const;
    // false: stop testing this server.
    bool testBaseDn(LDAP* ld, const QString& base, DirectoryServerTest& t) const;

    const LdapClientConfig& m_config;
    const std::atomic<bool>& m_stopping;
};

} // namespace umgate
