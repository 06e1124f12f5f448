// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/directory/Directory.h"

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

// Asynchronous OpenLDAP client with failover. libldap calls run on a worker thread, so the
// engine's event loop never waits for a server.
class LdapClient : public Directory
{
    Q_OBJECT
public:
    explicit LdapClient(QObject* parent = nullptr);
    ~LdapClient() override;

    // Takes effect for the next request; connections to servers no longer listed are closed.
    void setConfig(const LdapClientConfig& config);

    void search(const QString& filter, const QStringList& attributes, SearchCallback done) override;
    void replaceAttribute(const QString& dn, const QString& attribute, const QStringList& values,
                          DoneCallback done) override;
    void test(TestCallback done) override;
    QString activeServer() const override;

signals:
    // The answering server changed (failover, or back to the preferred one).
    void activeServerChanged(const QString& server);

private:
    class Worker;
    Worker* m_worker = nullptr;
    class QThread* m_thread = nullptr;
    QString m_activeServer;
};

} // namespace umgate
