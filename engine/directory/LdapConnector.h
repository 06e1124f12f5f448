// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/directory/LdapClientConfig.h"
#include "engine/directory/LdapFailure.h"
#include "engine/directory/LdapHandle.h"

#include <sys/time.h>

namespace umgate {

// Opens, secures and binds connections to the servers of one configuration: connect, TLS (LDAPS
// or StartTLS, CA file, certificate check), bind. Every step is bounded by the configured timeout
// and blocks the calling thread, so only the LDAP worker thread calls it.
class LdapConnector
{
public:
    explicit LdapConnector(const LdapClientConfig& config) : m_config(config) {}

    // A bound connection to `server` (on `port`, 0 = the server's own), or none with `f` set.
    // `steps`, when given, receives the steps of the server test.
    LdapHandle open(int server, int port, LdapFailure& f, QList<DirectoryTestStep>* steps = nullptr) const;

    // "ldaps://host:636"; IPv6 addresses in brackets.
    static QString serverUri(const LdapServerConfig& server, int port);
    // The settings that make an open connection stale when they change.
    static bool sameConnectionSettings(const LdapClientConfig& a, const LdapClientConfig& b);
    static timeval toTimeval(int ms);

private:
    struct Attempt; // one open() in progress

    bool setUpTls(Attempt& a) const;
    bool connect(Attempt& a) const;
    bool startTls(Attempt& a) const;
    bool bind(Attempt& a) const;
    QString tlsHint(const QString& host) const;
    bool tcpReachable(const QString& host, int port) const;
    static QString tlsDetail(LDAP* ld, const QString& note);

    const LdapClientConfig& m_config;
};

} // namespace umgate
