// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/directory/DirectoryService.h"

#include "engine/directory/EmbeddedDirectory.h"
#include "engine/directory/LdapClient.h"
#include "engine/directory/LdapFilter.h"
#include "engine/directory/PhoneNumber.h"
#include "engine/directory/SearchTemplate.h"

#include <QElapsedTimer>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace umgate {

QJsonObject DirectoryService::Resolution::toJson() const
{
    QJsonArray list;
    for (const DirectoryEntry& e : entries) {
        QJsonObject attrs;
        for (auto it = e.attributes.constBegin(); it != e.attributes.constEnd(); ++it)
            attrs.insert(it.key(), QJsonArray::fromStringList(it.value()));
        list.append(QJsonObject{{QStringLiteral("dn"), e.dn}, {QStringLiteral("attributes"), attrs}});
    }
    QJsonObject o{{QStringLiteral("query"), query},
                  {QStringLiteral("filter"), filter},
                  {QStringLiteral("server"), server},
                  {QStringLiteral("fromCache"), fromCache},
                  {QStringLiteral("entries"), list},
                  {QStringLiteral("addresses"), QJsonArray::fromStringList(addresses)},
                  {QStringLiteral("elapsedUs"), elapsedUs}};
    if (!error.isEmpty()) {
        o.insert(QStringLiteral("error"), error);
        o.insert(QStringLiteral("errorKind"), directoryErrorName(errorKind));
    }
    return o;
}

DirectoryService::DirectoryService(QObject* parent) : QObject(parent) {}

DirectoryService::~DirectoryService() = default;

EmbeddedDirectory* DirectoryService::embedded() const
{
    return qobject_cast<EmbeddedDirectory*>(m_directory.data());
}

void DirectoryService::configure(const Settings& settings, const LdapClientConfig* ldap)
{
    const bool wantEmbedded = settings.userManagementType == UserManagementType::Embedded || !ldap;
    const bool kindChanged = !m_directory || (wantEmbedded != (embedded() != nullptr)) ||
                             (wantEmbedded && settings.embeddedFile != m_settings.embeddedFile);
    m_settings = settings;
    if (kindChanged) {
        delete m_directory;
        if (wantEmbedded)
            m_directory = new EmbeddedDirectory(settings.embeddedFile, this);
        else
            m_directory = new LdapClient(this);
    }
    if (!wantEmbedded) static_cast<LdapClient*>(m_directory.data())->setConfig(*ldap);
    m_attributes = attributesWanted(); // one list for every search: LdapClient converts it once
    m_cache.setTtl(settings.cacheTtlSeconds, settings.negativeCacheTtlSeconds);
    if (!m_log || m_log->path() != settings.logFile) m_log = std::make_unique<RotatingLog>(settings.logFile);
    m_log->setLimits(settings.logEnabled, settings.logSizeMb, settings.logCount);
}

QStringList DirectoryService::attributesWanted() const
{
    QStringList attrs = {QStringLiteral("mail"),
                         QStringLiteral("proxyAddresses"),
                         QStringLiteral("cn"),
                         QStringLiteral("displayName"),
                         QStringLiteral("facsimileTelephoneNumber"),
                         QStringLiteral("otherFacsimileTelephoneNumber")};
    if (!m_settings.umsAttribute.isEmpty()) attrs << m_settings.umsAttribute;
    for (auto it = m_settings.coverPageMap.constBegin(); it != m_settings.coverPageMap.constEnd(); ++it)
        if (!it.value().toString().isEmpty()) attrs << it.value().toString();
    attrs.removeDuplicates();
    return attrs;
}

QString DirectoryService::deliveryAddress(const DirectoryEntry& entry)
{
    QString mail = entry.value(QStringLiteral("mail")).trimmed();
    if (!mail.isEmpty()) return mail;
    // Exchange marks the primary address with an upper-case "SMTP:"; aliases are "smtp:".
    for (const QString& p : entry.values(QStringLiteral("proxyAddresses")))
        if (p.startsWith(QLatin1String("SMTP:"))) return p.mid(5).trimmed();
    return {};
}

QJsonObject DirectoryService::coverPageFields(const DirectoryEntry& entry) const
{
    QJsonObject fields;
    for (auto it = m_settings.coverPageMap.constBegin(); it != m_settings.coverPageMap.constEnd(); ++it) {
        const QString attribute = it.value().toString();
        fields.insert(it.key(), attribute.isEmpty() ? QString() : entry.value(attribute));
    }
    return fields;
}

void DirectoryService::lookupNumber(const QString& number, const ResolutionCallback& done)
{
    QString why;
    const auto parsed = PhoneNumber::parse(number, &why);
    if (!parsed) {
        Resolution r;
        r.query = number;
        r.error = QStringLiteral("%1 is not a number in canonical E.164 form: %2").arg(number, why);
        r.errorKind = DirectoryError::Filter;
        logResult(r);
        defer([done, r] { done(r); });
        return;
    }
    run(number, QStringLiteral("n:") + parsed->e164(),
        SearchTemplate::expand(m_settings.searchTemplate, *parsed), done);
}

void DirectoryService::lookupSender(const QString& address, const ResolutionCallback& done)
{
    const QString a = address.trimmed();
    run(address, QStringLiteral("s:") + a.toLower(), SearchTemplate::forSender(a), done);
}

void DirectoryService::defer(std::function<void()> fn)
{
    m_deferred.push_back(std::move(fn));
    if (m_deferred.size() > 1) return; // already posted
    QPointer<DirectoryService> self(this);
    QMetaObject::invokeMethod(
        this,
        [self] {
            std::vector<std::function<void()>> now;
            now.swap(self->m_deferred);
            for (const auto& deferred : now) {
                if (!self) return; // a callback deleted the service
                deferred();
            }
        },
        Qt::QueuedConnection);
}

void DirectoryService::run(const QString& query, const QString& key, const QString& filter,
                           const ResolutionCallback& done)
{
    Resolution r;
    r.query = query;
    r.filter = filter;
    auto finish = [this, done](Resolution res, const DirectorySearchResult& result) {
        res.server = result.server;
        res.entries = result.entries;
        res.elapsedUs = result.elapsedUs;
        if (!result.ok()) {
            res.error = result.errorText;
            res.errorKind = result.error;
        }
        for (const DirectoryEntry& e : result.entries) {
            const QString a = deliveryAddress(e);
            if (!a.isEmpty() && !res.addresses.contains(a, Qt::CaseInsensitive)) res.addresses << a;
        }
        logResult(res);
        done(res);
    };
    if (const auto cached = m_cache.find(key)) {
        r.fromCache = true;
        defer([finish, r, c = *cached] { finish(r, c); });
        return;
    }
    if (!m_directory) {
        DirectorySearchResult none;
        none.error = DirectoryError::Other;
        none.errorText = QStringLiteral("no directory is configured");
        defer([finish, r, none] { finish(r, none); });
        return;
    }
    QPointer<DirectoryService> self(this);
    m_directory->search(filter, m_attributes, [self, finish, r, key](const DirectorySearchResult& result) {
        if (!self) return;
        self->m_cache.insert(key, result);
        finish(r, result);
    });
}

void DirectoryService::checkLogin(const QString& user, const QString& password, const QString& filterTemplate,
                                  const LoginCallback& done)
{
    const QPointer<Directory> directory = m_directory;
    if (user.isEmpty() || password.isEmpty() || !directory) {
        const QString why =
            directory ? u"an empty user name or password is never checked"_s : u"no directory"_s;
        defer([done, why] { done(LoginResult::Refused, why); });
        return;
    }
    QString filter = filterTemplate;
    filter.replace(u"${USER}"_s, LdapFilter::escapeValue(user));
    directory->search(
        filter, {u"objectClass"_s}, [directory, password, filter, done](const DirectorySearchResult& r) {
            if (!r.ok()) {
                done(r.error == DirectoryError::Other ? LoginResult::Refused : LoginResult::Unavailable,
                     r.errorText);
                return;
            }
            if (r.entries.size() != 1) {
                done(LoginResult::Refused,
                     r.entries.isEmpty() ? u"no directory entry matches %1"_s.arg(filter)
                                         : u"%1 directory entries match %2: the login is refused rather than "
                                           u"guessed"_s.arg(r.entries.size())
                                               .arg(filter));
                return;
            }
            if (!directory) {
                done(LoginResult::Unavailable, u"the directory was reconfigured"_s);
                return;
            }
            const QString dn = r.entries.first().dn;
            directory->verifyPassword(dn, password, [dn, done](DirectoryError error, const QString& text) {
                if (error == DirectoryError::None)
                    done(LoginResult::Accepted, dn);
                else if (error == DirectoryError::Bind || error == DirectoryError::Other)
                    done(LoginResult::Refused, text);
                else
                    done(LoginResult::Unavailable, text);
            });
        });
}

void DirectoryService::test(Directory::TestCallback done)
{
    if (!m_directory) {
        QMetaObject::invokeMethod(
            this, [done] { done({}); }, Qt::QueuedConnection);
        return;
    }
    m_directory->test(std::move(done));
}

void DirectoryService::logResult(const Resolution& r)
{
    if (!m_log || !m_log->isEnabled()) return;
    // Appended piece by piece into one buffer: this runs for every look-up.
    QString line;
    line.reserve(160 + r.query.size() + r.filter.size());
    line.append(u"query=\""_s).append(r.query).append(u"\" filter="_s).append(r.filter);
    line.append(u" server="_s).append(r.server.isEmpty() ? u"-"_s : r.server);
    if (!r.error.isEmpty()) {
        line.append(u" error="_s).append(directoryErrorName(r.errorKind)).append(u": "_s).append(r.error);
    } else {
        line.append(u" found="_s).append(QString::number(r.entries.size()));
        for (qsizetype i = 0; i < r.entries.size(); ++i)
            line.append(i == 0 ? u" ["_s : u"; "_s).append(r.entries[i].dn);
        if (!r.entries.isEmpty()) line.append(u']');
        if (r.entries.size() > 1)
            line.append(u" (%1 users share this number: every one of them receives the message)"_s.arg(
                r.entries.size()));
        for (qsizetype i = 0; i < r.addresses.size(); ++i)
            line.append(i == 0 ? u" to="_s : u","_s).append(r.addresses[i]);
    }
    line.append(u" time="_s).append(QString::number(r.elapsedUs)).append(u"us"_s);
    if (r.fromCache) line.append(u" cached"_s);
    m_log->append(line);
}

} // namespace umgate
