// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/directory/EmbeddedDirectory.h"

#include "engine/core/AtomicFile.h"
#include "engine/directory/LdapFilter.h"
#include "engine/directory/Ldif.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QTimer>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace umgate {

namespace {

const QByteArray kHeader = "# umgate embedded directory (LDIF, RFC 2849). umgate rewrites this file when\n"
                           "# users change; edits by hand are read on the next lookup.\n";

// The attributes a search returns: all for an empty list or "*", none for "1.1" (RFC 4511).
DirectoryEntry selectAttributes(const DirectoryEntry& e, const QStringList& attributes)
{
    if (attributes.isEmpty() || attributes.contains(u"*"_s)) return e;
    DirectoryEntry out{e.dn, {}};
    for (auto it = e.attributes.constBegin(); it != e.attributes.constEnd(); ++it)
        if (attributes.contains(it.key(), Qt::CaseInsensitive)) out.attributes.insert(it.key(), it.value());
    return out;
}

} // namespace

EmbeddedDirectory::EmbeddedDirectory(const QString& path, QObject* parent) : Directory(parent), m_path(path)
{
    if (!QFileInfo::exists(m_path)) {
        QDir().mkpath(QFileInfo(m_path).absolutePath());
        QString error;
        if (!AtomicFile::write(m_path, Ldif::write({}, kHeader), &error, 0600))
            m_loadError = u"%1: cannot create the embedded directory: %2"_s.arg(m_path, error);
    }
    reloadIfChanged();
}

bool EmbeddedDirectory::isBelow(const QString& entryDn, const QString& baseDn)
{
    if (baseDn.isEmpty()) return true;
    if (entryDn == baseDn) return true;
    return entryDn.endsWith(baseDn) && entryDn.size() > baseDn.size() &&
           entryDn.at(entryDn.size() - baseDn.size() - 1) == u',';
}

void EmbeddedDirectory::rememberFileState()
{
    const QFileInfo fi(m_path);
    m_modified = fi.lastModified();
    m_changed = fi.metadataChangeTime();
    m_size = fi.size();
}

bool EmbeddedDirectory::reloadIfChanged()
{
    const QFileInfo fi(m_path);
    if (!fi.exists()) {
        m_loadError = u"%1: the embedded directory file is missing"_s.arg(m_path);
        m_loaded = false;
        return false;
    }
    if (m_loaded && fi.lastModified() == m_modified && fi.metadataChangeTime() == m_changed &&
        fi.size() == m_size)
        return m_loadError.isEmpty();

    rememberFileState();
    m_loaded = true;
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_loadError = u"%1: cannot read the embedded directory: %2"_s.arg(m_path, file.errorString());
        return false;
    }
    QString error;
    std::optional<QList<DirectoryEntry>> parsed = Ldif::parse(file.readAll(), &error);
    if (!parsed) {
        // Keep the last good entries out of answers: a half-edited file must be noticed, not
        // silently give old results.
        m_entries.clear();
        m_normalizedDns.clear();
        m_loadError = u"%1: the embedded directory is not valid LDIF: %2"_s.arg(m_path, error);
        return false;
    }
    m_entries = *parsed;
    normalizeDns();
    m_loadError.clear();
    return true;
}

void EmbeddedDirectory::normalizeDns()
{
    // Once per load, not per entry and search: a DN's normal form costs more than the filter.
    m_normalizedDns.clear();
    m_normalizedDns.reserve(m_entries.size());
    for (const DirectoryEntry& e : std::as_const(m_entries))
        m_normalizedDns.append(Ldif::normalizedDn(e.dn));
}

QString EmbeddedDirectory::loadError()
{
    reloadIfChanged();
    return m_loadError;
}

bool EmbeddedDirectory::save(const QList<DirectoryEntry>& entries, QString* error)
{
    QString e;
    if (!AtomicFile::write(m_path, Ldif::write(entries, kHeader), &e, 0600)) {
        if (error) *error = u"%1: cannot write the embedded directory: %2"_s.arg(m_path, e);
        return false;
    }
    m_entries = entries;
    normalizeDns();
    m_loadError.clear();
    m_loaded = true;
    rememberFileState();
    return true;
}

void EmbeddedDirectory::search(const QString& filter, const QStringList& attributes, SearchCallback done)
{
    QElapsedTimer timer;
    timer.start();
    DirectorySearchResult result;
    result.server = activeServer();
    QString parseError;
    const std::optional<LdapFilter> f = LdapFilter::parse(filter, &parseError);
    if (!f) {
        result.error = DirectoryError::Filter;
        result.errorText = u"embedded directory: the filter %1 is %2"_s.arg(filter.left(200), parseError);
    } else if (!reloadIfChanged()) {
        result.error = DirectoryError::Other;
        result.errorText = m_loadError;
    } else {
        QStringList bases;
        for (const QString& b : m_baseDns)
            bases.append(Ldif::normalizedDn(b));
        if (bases.isEmpty()) bases.append(QString());
        // An entry below two base DNs is answered once; with one base DN nothing can repeat.
        QSet<qsizetype> found;
        const bool dedupe = bases.size() > 1;
        for (const QString& base : bases) {
            for (qsizetype i = 0; i < m_entries.size(); ++i) {
                if ((dedupe && found.contains(i)) || !isBelow(m_normalizedDns.at(i), base) ||
                    !f->matches(m_entries.at(i)))
                    continue;
                if (dedupe) found.insert(i);
                result.entries.append(selectAttributes(m_entries.at(i), attributes));
            }
        }
    }
    result.elapsedUs = timer.nsecsElapsed() / 1000;
    QTimer::singleShot(0, this, [done = std::move(done), result]() { done(result); });
}

void EmbeddedDirectory::replaceAttribute(const QString& dn, const QString& attribute,
                                         const QStringList& values, DoneCallback done)
{
    DirectoryError code = DirectoryError::None;
    QString text;
    if (const QString r = LdapFilter::attributeDescriptionError(attribute); !r.isEmpty()) {
        code = DirectoryError::Write;
        text = u"embedded directory: %1 is not a valid attribute name"_s.arg(attribute.left(80));
    } else if (!reloadIfChanged()) {
        code = DirectoryError::Other;
        text = m_loadError;
    } else {
        QList<DirectoryEntry> entries = m_entries;
        const QString key = Ldif::normalizedDn(dn);
        auto it = std::find_if(entries.begin(), entries.end(),
                               [&key](const DirectoryEntry& e) { return Ldif::normalizedDn(e.dn) == key; });
        if (it == entries.end()) {
            code = DirectoryError::Write;
            text = u"embedded directory: there is no entry %1"_s.arg(dn.left(200));
        } else {
            QString name = attribute;
            for (auto a = it->attributes.begin(); a != it->attributes.end();) {
                if (a.key().compare(attribute, Qt::CaseInsensitive) == 0) {
                    name = a.key();
                    a = it->attributes.erase(a);
                } else {
                    ++a;
                }
            }
            if (!values.isEmpty()) it->attributes.insert(name, values);
            if (!save(entries, &text)) code = DirectoryError::Write;
        }
    }
    QTimer::singleShot(0, this, [done = std::move(done), code, text]() { done(code, text); });
}

void EmbeddedDirectory::verifyPassword(const QString&, const QString&, DoneCallback done)
{
    QTimer::singleShot(0, this, [done = std::move(done)] {
        done(DirectoryError::Other,
             u"the embedded directory holds no passwords: logins against the directory "
             u"need LDAP servers (LDAP page)"_s);
    });
}

void EmbeddedDirectory::test(TestCallback done)
{
    DirectoryServerTest t;
    t.server = activeServer();
    const bool loaded = reloadIfChanged();
    t.steps.append(
        {u"load"_s, loaded, loaded ? u"%1 entries in %2"_s.arg(m_entries.size()).arg(m_path) : m_loadError});
    if (loaded) {
        for (const QString& base : m_baseDns) {
            const QString b = Ldif::normalizedDn(base);
            const auto n = std::count_if(m_entries.cbegin(), m_entries.cend(), [&b](const DirectoryEntry& e) {
                return isBelow(Ldif::normalizedDn(e.dn), b);
            });
            t.steps.append({u"baseDn "_s + base, n > 0,
                            n > 0 ? u"%1 entries below it"_s.arg(n) : u"no entry lies below this base DN"_s});
            if (n == 0) break;
        }
    }
    QTimer::singleShot(0, this, [done = std::move(done), t]() { done({t}); });
}

QList<DirectoryEntry> EmbeddedDirectory::entries()
{
    reloadIfChanged();
    return m_entries;
}

bool EmbeddedDirectory::upsert(const DirectoryEntry& entry, QString* error)
{
    const auto fail = [error](const QString& reason) {
        if (error) *error = reason;
        return false;
    };
    if (!reloadIfChanged()) return fail(m_loadError);
    if (entry.dn.trimmed().isEmpty()) return fail(u"the entry has no DN"_s);
    for (const QChar c : entry.dn)
        if (c.unicode() < 0x20) return fail(u"the DN must not contain control characters"_s);
    for (auto it = entry.attributes.constBegin(); it != entry.attributes.constEnd(); ++it) {
        if (const QString r = LdapFilter::attributeDescriptionError(it.key()); !r.isEmpty())
            return fail(u"\"%1\" is not a valid attribute name: %2"_s.arg(it.key().left(80), r));
        if (it.key().compare(u"dn"_s, Qt::CaseInsensitive) == 0) return fail(u"\"dn\" is not an attribute"_s);
    }
    QList<DirectoryEntry> entries = m_entries;
    const QString key = Ldif::normalizedDn(entry.dn);
    DirectoryEntry clean = entry;
    for (auto it = clean.attributes.begin(); it != clean.attributes.end();)
        it = it.value().isEmpty() ? clean.attributes.erase(it) : std::next(it);
    auto it = std::find_if(entries.begin(), entries.end(),
                           [&key](const DirectoryEntry& e) { return Ldif::normalizedDn(e.dn) == key; });
    if (it == entries.end())
        entries.append(clean);
    else
        *it = clean;
    return save(entries, error);
}

bool EmbeddedDirectory::remove(const QString& dn, QString* error)
{
    if (!reloadIfChanged()) {
        if (error) *error = m_loadError;
        return false;
    }
    QList<DirectoryEntry> entries = m_entries;
    const QString key = Ldif::normalizedDn(dn);
    const auto n =
        entries.removeIf([&key](const DirectoryEntry& e) { return Ldif::normalizedDn(e.dn) == key; });
    if (n == 0) {
        if (error) *error = u"there is no entry %1"_s.arg(dn.left(200));
        return false;
    }
    return save(entries, error);
}

} // namespace umgate
