// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/config/SettingEnums.h"
#include "engine/core/RotatingLog.h"
#include "engine/directory/Directory.h"
#include "engine/directory/DirectoryCache.h"

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <functional>
#include <memory>
#include <vector>

namespace umgate {

class EmbeddedDirectory;
class LdapClient;

// One instance's view of its users (ixi-UMS 3.7, 4.2.3, 4.2.5, 5): finds the recipients of a
// called number and the user behind a sender address, through the instance's search template,
// the cache and the LDAP search log.
class DirectoryService : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        QString instanceId;
        UserManagementType userManagementType = UserManagementType::Embedded; // Embedded: the LDIF file
        QString embeddedFile;
        QString searchTemplate;
        QString umsAttribute;
        QJsonObject coverPageMap; // coverPage.* key -> LDAP attribute
        QString logFile;
        bool logEnabled = true;
        int logSizeMb = 10;
        int logCount = 5;
        int cacheTtlSeconds = 300;
        int negativeCacheTtlSeconds = 60;
    };

    // What a look-up found and how, for the engine, the Send Test Message report and the CLI.
    struct Resolution
    {
        QString query;  // the number or sender as given
        QString filter; // the filter sent
        QString server; // who answered
        bool fromCache = false;
        QList<DirectoryEntry> entries;
        QStringList addresses; // delivery addresses, one per entry that has one
        QString error;         // empty on success (no entries is a success)
        DirectoryError errorKind = DirectoryError::None;
        qint64 elapsedUs = 0;
        QJsonObject toJson() const;
    };
    using ResolutionCallback = std::function<void(const Resolution&)>;

    explicit DirectoryService(QObject* parent = nullptr);
    ~DirectoryService() override;

    // Applies settings; an LDAP configuration comes with its own client settings (password read
    // from the secret store by the caller). Clears the cache.
    void configure(const Settings& settings, const struct LdapClientConfig* ldap);

    void lookupNumber(const QString& number, const ResolutionCallback& done);
    void lookupSender(const QString& address, const ResolutionCallback& done);
    void test(Directory::TestCallback done);
    // An SMTP login against the directory (ixi-UMS 4.2.1.1): the one entry `filterTemplate` finds
    // for `user` (${USER}, escaped), then a bind as that entry with `password`. Never cached.
    // Accepted: `detail` is the entry's DN; Refused and Unavailable (no server could answer, or
    // the filter was refused): why.
    enum class LoginResult
    {
        Accepted,
        Refused,
        Unavailable
    };
    using LoginCallback = std::function<void(LoginResult result, const QString& detail)>;
    void checkLogin(const QString& user, const QString& password, const QString& filterTemplate,
                    const LoginCallback& done);
    Directory* directory() const { return m_directory; }
    EmbeddedDirectory* embedded() const; // nullptr when LDAP is used
    const Settings& settings() const { return m_settings; }
    DirectoryCache& cache() { return m_cache; }

    // The address mail for this entry goes to: `mail`, else the primary (upper-case) SMTP: proxy.
    static QString deliveryAddress(const DirectoryEntry& entry);
    // Cover page fields through the instance's attribute map (ixi-UMS 4.2.5).
    QJsonObject coverPageFields(const DirectoryEntry& entry) const;

private:
    // `key` names the question independently of the template (cache key): short and cheap.
    void run(const QString& query, const QString& key, const QString& filter, const ResolutionCallback& done);
    // Runs `fn` from the event loop, never inside the caller; one posted event serves a burst.
    void defer(std::function<void()> fn);
    QStringList attributesWanted() const;
    void logResult(const Resolution& r);

    Settings m_settings;
    QStringList m_attributes; // attributesWanted() for the settings
    QPointer<Directory> m_directory;
    DirectoryCache m_cache;
    std::unique_ptr<RotatingLog> m_log;
    std::vector<std::function<void()>> m_deferred;
};

} // namespace umgate
