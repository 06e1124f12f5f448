// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace umgate {

struct LdapServerConfig
{
    enum class Security
    {
        None,
        StartTls,
        Ldaps
    };
    QString host;
    int port = 389;
    Security security = Security::None;
};

struct LdapClientConfig
{
    QList<LdapServerConfig> servers; // tried in order (ixi-UMS 4.2.3.1)
    int writePort = 0;               // 0 = the read port; else writes go to this port of the active host
    QString bindDn;                  // empty = anonymous
    QString password;
    QStringList baseDns;       // searched in order
    QString caCertificateFile; // PEM; empty = system CAs
    bool acceptInvalidCertificate = false;
    int timeoutMs = 5000;       // connect, TLS, bind and each search
    int probeIntervalMs = 1000; // how often a failed preferred server is tried again
};

} // namespace umgate
