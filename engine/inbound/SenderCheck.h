// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/config/SettingEnums.h"
#include "engine/config/SettingValues.h"
#include "engine/directory/DialingRules.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>

namespace umgate {

class DailyCounts;
class DirectoryService;
struct DirectoryEntry;

// Who may send what to the telephony side (ixi-UMS 4.2.4, 5.1; Cisco Unity's authenticated
// sender): the instance's rules, built by InstanceParts::inbound from the config.
struct SenderPolicy
{
    bool enabled = false;             // globalUserSettings.rights.checkSenders
    bool senderMustMatchLogin = true; // general.authentication.senderMustMatch
    bool emergencyMode = false;       // only VIP users may send
    UnknownSenderAction unknownAction = UnknownSenderAction::DeleteAndNotify;
    QString unknownUser;                 // SendAsUser: whose settings apply
    bool archive = false;                // refused mails of unknown senders into SMTPIn/Error
    SettingValues global;                // the instance's settings: globalUserSettings.* defaults
    std::shared_ptr<DailyCounts> counts; // the instance's; nullptr: no daily limits
};

// The decision about one mail's sender and recipients, made at the end of its data, before the
// 250: whose settings apply, which recipients it may reach, or why the whole mail is refused.
//
// 1. The envelope sender, then the From address, is looked up in the directory (mail and
//    proxyAddresses, through the cached DirectoryService; the embedded directory alike).
//    A directory that cannot answer: 451 4.4.3 (the mail server tries again; nothing is lost).
// 2. A client that logged in as a directory user may only send as that user (Cisco Unity):
//    otherwise 550 5.7.1.
// 3. Nobody found (ixi-UMS 4.2.4.3): "delete" and "delete and notify" refuse the mail with
//    550 5.7.1, so the sender's server tells the sender; `archive` and `notifyDefaultRecipient`
//    say what else happens. "Send with this user's settings" looks that user up and goes on
//    with their rights; the reports still go to the envelope sender.
// 4. The user's UMS settings over the global ones (UmsUserSettings::effective): emergency mode
//    lets only VIP users through; each recipient's number must be within the user's send
//    permission for its type (DialingRules::reach: internal < local < national < international).
//    Refused for every recipient: 550 5.7.1 with the reason; for some: those are listed in
//    `refused` and the sender gets a report about them, the others go to the kernel.
// 5. Max. per day (ixi-UMS 5.1.2-5.1.4): the recipients beyond what the user may still send
//    today, per type, are refused the same way; what goes on is counted at once (DailyCounts:
//    `countLine` for the writer, released again when the mail is not accepted after all).
class SenderCheck
{
public:
    struct Input
    {
        QString envelopeSender;    // MAIL FROM, "" for the null sender
        QString from;              // the From header's address, "" when none
        QString loginDn;           // the directory entry the client logged in as, "" when none
        QList<QJsonObject> routes; // per recipient: {"type": "fax", "number": "+49..."}
    };
    struct Refusal
    {
        qsizetype index = -1; // into Input::routes
        QString reason;       // in the sender's words: "you may not send faxes abroad ..."
    };
    struct Result
    {
        QByteArray reply;           // the whole mail refused with this SMTP reply; "" = accepted
        QString reason;             // why, for the log, the archive and the notice
        bool unknownSender = false; // nobody was found for the sender (ixi-UMS 4.2.4.3)
        bool archive = false;       // keep the refused mail in SMTPIn/Error
        bool notifyDefaultRecipient = false;
        QString user;                // the address whose settings apply ("" when refused early)
        QString dn;                  // and its directory entry
        QJsonObject sender;          // the envelope's "sender data" (KernelJob.h)
        QList<Refusal> refused;      // recipients refused while others go on
        QHash<QString, int> counted; // type -> jobs reserved in the daily counts for `user`
        QByteArray countLine;        // their lines for DailyCounts::file()
        QString countFile;
    };
    using Done = std::function<void(const Result&)>;

    // Runs the check; `done` is called once, from the event loop, never inside this call.
    // Without a directory every sender is unknown.
    static void run(DirectoryService* directory, const SenderPolicy& policy, const DialingRules& dialing,
                    const Input& input, const Done& done);

    // Step 4 alone, pure: the decision for a user whose effective settings are `effective`
    // (UmsUserSettings::effective), with `result.user`/`dn` already set.
    static void decide(const SenderPolicy& policy, const DialingRules& dialing, const Input& input,
                       const QJsonObject& effective, Result* result);

    // Step 5 alone: refuses what is over the user's daily limits and reserves the rest in
    // `counts` for its current day.
    static void applyLimits(const Input& input, const QJsonObject& effective, DailyCounts& counts,
                            Result* result);
    // Gives back what `result` reserved (the mail was not accepted after all).
    static void release(const Result& result, DailyCounts* counts);
    // Whose count a mail goes to: the directory entry (its DN, lower case), so every address and
    // alias of a user shares one count.
    static QString countKey(const Result& result);

    // "international" -> Permission::International; unknown names are None (refuses).
    static Permission permissionOf(const QString& name);
};

} // namespace umgate
