// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/directory/DirectoryEntry.h"

#include <QList>
#include <QObject>
#include <QString>
#include <functional>

namespace umgate {

// What went wrong, so the administrator gets a reason and the engine knows whether another
// server may help (Connect, Tls, Timeout: try the next server) or not (Bind, BaseDn, Filter).
enum class DirectoryError
{
    None,
    Connect,
    Tls,
    Bind,
    BaseDn,
    Filter,
    Timeout,
    Write,
    Other
};

struct DirectorySearchResult
{
    DirectoryError error = DirectoryError::None;
    QString errorText;             // one sentence, names the server and the step
    QString server;                // "ldaps://ldap1.example.com:636" or "embedded"
    QList<DirectoryEntry> entries; // from every base DN, in base DN order, no duplicates by DN
    qint64 elapsedUs = 0;
    bool ok() const { return error == DirectoryError::None; }
};

struct DirectoryTestStep
{
    QString step; // "connect", "tls", "bind", "baseDn <dn>"
    bool ok = false;
    QString detail; // the server's message or what was found
};

struct DirectoryServerTest
{
    QString server;
    QList<DirectoryTestStep> steps; // stops after the first failed step
    bool ok() const { return !steps.isEmpty() && steps.last().ok; }
};

// A directory the engine can search: LDAP servers (LdapClient) or the embedded LDIF directory.
// Every call is asynchronous; callbacks run on the thread that owns the object and never
// inside the call itself.
class Directory : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~Directory() override = default;

    using SearchCallback = std::function<void(const DirectorySearchResult&)>;
    using DoneCallback = std::function<void(DirectoryError error, const QString& errorText)>;
    using TestCallback = std::function<void(const QList<DirectoryServerTest>&)>;

    // `filter` is a complete RFC 4515 filter (values already escaped). Searches the subtree of
    // every base DN in order and returns the union.
    virtual void search(const QString& filter, const QStringList& attributes, SearchCallback done) = 0;
    // Replaces all values of one attribute of one entry (used for the per-user UMS settings).
    virtual void replaceAttribute(const QString& dn, const QString& attribute, const QStringList& values,
                                  DoneCallback done) = 0;
    // Whether `password` is the password of the entry `dn`: a bind as that entry on a connection
    // of its own (SMTP logins against the directory, ixi-UMS 4.2.1.1). None: it is; Bind: it is
    // not (or the entry does not exist); Connect, Tls, Timeout: no server could say. An empty
    // password is refused without asking (RFC 4513 5.1.2: it would be an unauthenticated bind).
    virtual void verifyPassword(const QString& dn, const QString& password, DoneCallback done) = 0;
    // Checks every configured server step by step (connect, TLS, bind, each base DN).
    virtual void test(TestCallback done) = 0;
    // The server that answers now ("embedded" for the LDIF directory).
    virtual QString activeServer() const = 0;
};

QString directoryErrorName(DirectoryError error);

} // namespace umgate
