// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/directory/Directory.h"
#include "engine/directory/LdapClientConfig.h"
#include "engine/directory/LdapSearchJob.h"

#include <QHash>
#include <functional>
#include <memory>

namespace umgate {

class CallQueue;
class LdapEntryReader;
class LdapSearchConnection;
class LdapWorker;
struct LdapHandle;

// Asynchronous OpenLDAP client with failover; the engine's event loop never waits for a server.
// Whatever waits (connect, TLS, bind, failing over, writes, the server test) runs on a worker
// thread (LdapWorker). Once a server answers, the worker hands the bound connection over and
// searches run on this thread without a hand-off: written at once, read when the socket has the
// answer (LdapSearchConnection). Callbacks run on this object's thread, never inside the call.
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
    void verifyPassword(const QString& dn, const QString& password, DoneCallback done) override;
    void test(TestCallback done) override;
    QString activeServer() const override;

signals:
    // The answering server changed (failover, or back to the preferred one).
    void activeServerChanged(const QString& server);

private:
    friend class LdapWorker;

    void toWorker(LdapSearchJob job);
    void deliver(const std::vector<LdapSearchOutcome>& outcomes); // may delete this
    void connectionFailed(LdapSearchConnection* connection, std::vector<LdapSearchJob> jobs);
    void retireConnection();

    // Any thread: `call` runs on this object's thread, in the order posted (the worker's results,
    // connections and server changes, and outcomes a connection made while sending).
    void fromWorker(std::function<void()> call);
    void postOutcomes(std::vector<LdapSearchOutcome> outcomes);

    // --- run here, posted by the worker through fromWorker()
    void adopt(LdapHandle handle, quint64 generation, bool replace);
    void setActiveServer(const QString& server, quint64 generation);
    void finishReplace(quint64 id, DirectoryError error, const QString& text);
    void finishTest(quint64 id, const QList<DirectoryServerTest>& results);

    LdapWorker* m_worker = nullptr;
    class QThread* m_thread = nullptr;
    QString m_activeServer;
    LdapClientConfig m_config;
    quint64 m_generation = 0; // counts changes of the connection settings
    quint64 m_nextId = 1;
    std::shared_ptr<const LdapSearchScope> m_scope;
    std::shared_ptr<const LdapAttributeList> m_attributes; // the list asked for last
    QHash<quint64, SearchCallback> m_searches;
    QHash<quint64, DoneCallback> m_dones;
    QHash<quint64, TestCallback> m_tests;
    LdapSearchConnection* m_connection = nullptr; // searches go to the worker while there is none
    std::unique_ptr<LdapEntryReader> m_reader;
    CallQueue* m_fromWorker = nullptr; // a child: alive until after the worker thread ended
};

} // namespace umgate
