// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/directory/Directory.h"

#include <QDateTime>

namespace umgate {

// The directory of a fresh install (like ixi-UMS's bundled "ixi-UMS User Management"): users kept
// in one LDIF file in the instance's data folder, searched with the same filters as an LDAP
// server, so umgate runs without one. The file is re-read when it changed on disk (an
// administrator may edit it), and every write replaces it atomically with mode 0600.
class EmbeddedDirectory : public Directory
{
    Q_OBJECT
public:
    // Creates an empty directory file (and its folder) when `path` does not exist.
    explicit EmbeddedDirectory(const QString& path, QObject* parent = nullptr);

    QString path() const { return m_path; }
    // Subtrees searched, in order; empty = every entry. Compared case-insensitively.
    void setBaseDns(const QStringList& baseDns) { m_baseDns = baseDns; }
    QStringList baseDns() const { return m_baseDns; }
    // Why the file cannot be used right now ("<path>: line 7: ..."); empty when it is fine.
    QString loadError();

    void search(const QString& filter, const QStringList& attributes, SearchCallback done) override;
    void replaceAttribute(const QString& dn, const QString& attribute, const QStringList& values,
                          DoneCallback done) override;
    void verifyPassword(const QString& dn, const QString& password, DoneCallback done) override;
    void test(TestCallback done) override;
    QString activeServer() const override { return QStringLiteral("embedded"); }

    // Synchronous user management for the console and the CLI. Each change is on disk when the
    // call returns true. A file that does not parse is never overwritten.
    QList<DirectoryEntry> entries();
    bool upsert(const DirectoryEntry& entry, QString* error = nullptr); // replaces the entry with that DN
    bool remove(const QString& dn, QString* error = nullptr);

    // Both DNs as Ldif::normalizedDn() gives them.
    static bool isBelow(const QString& normalizedEntryDn, const QString& normalizedBaseDn);

private:
    bool reloadIfChanged();
    bool save(const QList<DirectoryEntry>& entries, QString* error);
    void rememberFileState();

    QString m_path;
    QStringList m_baseDns;
    QList<DirectoryEntry> m_entries;
    QStringList m_normalizedDns; // Ldif::normalizedDn of m_entries[i]
    void normalizeDns();
    QString m_loadError;
    // What the file looked like when it was read, to notice changes cheaply.
    bool m_loaded = false;
    QDateTime m_modified;
    QDateTime m_changed;
    qint64 m_size = -1;
};

} // namespace umgate
