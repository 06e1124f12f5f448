// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/config/SettingValues.h"
#include "engine/delivery/SubscriberMailboxes.h"
#include "engine/mail/MimeBuilder.h"
#include "engine/spool/KernelEnvelope.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QStringList>
#include <functional>

namespace umgate {

class DirectoryService;
struct DirectoryEntry;

// Who gets a message from the telephony side, and in how many copies (ixi-UMS 3.7, 4.2.2, 4.2.8;
// NEC Mailbox Options): a report goes back to the job's sender; anything else to the subscriber
// mailbox of the called number, else to the users the directory finds for it, else to the
// default recipient. A directory that fails either keeps the message for later (Misc
// delivery.ldapError = wait) or sends it to the default recipient. Delivery and Send Test
// Message both ask it, so a test shows exactly the route a real message takes.
class RecipientResolver : public QObject
{
    Q_OBJECT
public:
    struct Config
    {
        QString instanceId;     // for the log
        QString mailboxesFile;  // instances/ID/mailboxes.json
        SettingValues settings; // the default recipient; the defaults behind each user's UMS settings
        bool ldapErrorToDefaultRecipient = false;
    };

    struct Recipients
    {
        QStringList addresses;
        QList<QJsonObject> effective; // per address: the user's effective UMS settings (may be empty)
        QStringList names;            // per address: the display name for To: (may be empty)
        QString how;                  // "directory", "default recipient (...)", "report sender", ...
        QString filter, server;       // the directory search, for reports and logs
        QString error;                // non-empty: could not be resolved now
        bool retryLater = false;
    };

    // Recipients who get the same mail: users who want their fax or report differently get
    // their own copy.
    struct Group
    {
        QStringList recipients;
        MimeOptions options;
    };

    using Done = std::function<void(const Recipients&)>;

    // `directory` is the instance's own and outlives this.
    explicit RecipientResolver(DirectoryService& directory, QObject* parent = nullptr);

    void configure(const Config& config);
    // `done` runs once, at once or when the directory answers; never after this is deleted.
    void resolve(const KernelEnvelope& envelope, const Done& done);
    // One group per (fax format, report language), from `base` and each user's UMS settings,
    // in the order the recipients came. Pure.
    static QList<Group> groupsFor(const Recipients& recipients, const MimeOptions& base);

private:
    void resolveReport(const KernelEnvelope& envelope, const Done& done);
    void resolveDirectory(const KernelEnvelope& envelope, const Done& done);
    QJsonObject effectiveOf(const DirectoryEntry& entry) const;
    QString defaultRecipient() const;

    DirectoryService& m_directory;
    Config m_config;
    SubscriberMailboxes m_mailboxes;
};

} // namespace umgate
