// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/inbound/SenderCheck.h"

#include "engine/core/Clock.h"
#include "engine/directory/DirectoryService.h"
#include "engine/directory/UmsUserSettings.h"
#include "engine/inbound/DailyCounts.h"
#include "engine/mail/MimeBuilder.h"

#include <QCoreApplication>
#include <QMetaObject>
#include <memory>

using namespace Qt::StringLiterals;

namespace umgate {

namespace {

QString permissionKeyOf(const QString& type)
{
    if (type == u"sms"_s) return u"smsPermission"_s;
    if (type == u"voice"_s) return u"voicePermission"_s;
    return u"faxPermission"_s;
}

// "faxes", "SMS", "voice messages": what the refusal calls the job type.
QString jobsOf(const QString& type)
{
    if (type == u"sms"_s) return u"SMS"_s;
    if (type == u"voice"_s) return u"voice messages"_s;
    return u"faxes"_s;
}

QString reachText(Permission p)
{
    switch (p) {
    case Permission::None:
        return u"any number"_s;
    case Permission::Internal:
        return u"internal numbers"_s;
    case Permission::Local:
        return u"local numbers"_s;
    case Permission::National:
        return u"national numbers"_s;
    case Permission::International:
        return u"international numbers"_s;
    }
    return {};
}

// The chain of look-ups for one mail; owned by the callbacks in flight.
struct Run : std::enable_shared_from_this<Run>
{
    QPointer<DirectoryService> directory;
    SenderPolicy policy;
    DialingRules dialing;
    SenderCheck::Input input;
    SenderCheck::Done done;
    QStringList candidates; // addresses still to look up
    QString asked;          // the one looked up last

    void finish(const SenderCheck::Result& r) { done(r); }

    void refuse(const QByteArray& reply, const QString& reason)
    {
        SenderCheck::Result r;
        r.reply = reply;
        r.reason = reason;
        finish(r);
    }

    void next()
    {
        if (candidates.isEmpty()) return unknown();
        asked = candidates.takeFirst();
        lookup(asked, [self = shared_from_this()](const DirectoryService::Resolution& res) {
            if (!res.error.isEmpty()) return self->unavailable(res.error);
            if (res.entries.isEmpty()) return self->next();
            self->found(res.entries);
        });
    }

    void lookup(const QString& address, const DirectoryService::ResolutionCallback& cb)
    {
        if (!directory) {
            DirectoryService::Resolution none; // no directory: nobody is known
            QMetaObject::invokeMethod(
                QCoreApplication::instance(), [cb, none] { cb(none); }, Qt::QueuedConnection);
            return;
        }
        directory->lookupSender(address, cb);
    }

    void unavailable(const QString& error)
    {
        refuse("451 4.4.3 the directory cannot be asked who <" + asked.toUtf8() +
                   "> is right now; try again later",
               u"the directory could not be asked about <%1>: %2"_s.arg(asked, error));
    }

    QJsonObject effectiveOf(const DirectoryEntry& entry) const
    {
        const QString attribute = directory ? directory->settings().umsAttribute : QString();
        QString warning; // a damaged value means the global settings, as the console shows it
        return UmsUserSettings::decode(entry.value(attribute), &warning).effective(policy.global);
    }

    void found(const QList<DirectoryEntry>& entries)
    {
        // A login as a directory user: the sender must be that user (Cisco Unity).
        const DirectoryEntry* entry = &entries.first();
        if (!input.loginDn.isEmpty()) {
            const auto same = [this](const DirectoryEntry& e) {
                return e.dn.compare(input.loginDn, Qt::CaseInsensitive) == 0;
            };
            const auto it = std::find_if(entries.begin(), entries.end(), same);
            if (it != entries.end()) {
                entry = &*it;
            } else if (policy.senderMustMatchLogin) {
                return refuse("550 5.7.1 <" + asked.toUtf8() +
                                  "> is not an address of the user who logged in",
                              u"<%1> is not an address of the logged-in user %2"_s.arg(asked, input.loginDn));
            }
        }
        accept(*entry, asked);
    }

    void accept(const DirectoryEntry& entry, const QString& user)
    {
        SenderCheck::Result r;
        r.user = user;
        r.dn = entry.dn;
        const QJsonObject effective = effectiveOf(entry);
        SenderCheck::decide(policy, dialing, input, effective, &r);
        if (r.reply.isEmpty() && policy.counts) {
            // The day in the instance's zone, by the engine's clock.
            policy.counts->use(Clock::nowUtc().toTimeZone(MimeOptions::systemTimeZone()).date());
            SenderCheck::applyLimits(input, effective, *policy.counts, &r);
        }
        // ixi-UMS 4.2.5: the cover page fields through the instance's attribute map.
        if (r.reply.isEmpty() && directory)
            r.sender.insert(u"coverPageFields"_s, directory->coverPageFields(entry));
        finish(r);
    }

    void unknown()
    {
        const QString who = input.envelopeSender.isEmpty() ? input.from : input.envelopeSender;
        if (!input.loginDn.isEmpty() && policy.senderMustMatchLogin)
            return refuse("550 5.7.1 <" + who.toUtf8() + "> is not an address of the user who logged in",
                          u"<%1> is not an address of the logged-in user %2"_s.arg(who, input.loginDn));
        if (policy.unknownAction == UnknownSenderAction::SendAsUser) return sendAsUser();
        SenderCheck::Result r;
        r.unknownSender = true;
        r.archive = policy.archive;
        r.notifyDefaultRecipient = policy.unknownAction == UnknownSenderAction::DeleteAndNotify;
        r.reply = "550 5.7.1 <" + who.toUtf8() +
                  "> is not known to the fax gateway: the message was not sent (ask the administrator to "
                  "enter the address in the directory)";
        r.reason = who.isEmpty() ? u"the mail has no sender address the directory could know"_s
                                 : u"the sender <%1> is not in the directory"_s.arg(who);
        finish(r);
    }

    void sendAsUser()
    {
        asked = policy.unknownUser;
        lookup(asked, [self = shared_from_this()](const DirectoryService::Resolution& res) {
            if (!res.error.isEmpty()) return self->unavailable(res.error);
            if (res.entries.isEmpty())
                return self->refuse(
                    "451 4.3.5 the gateway's settings for unknown senders name <" + self->asked.toUtf8() +
                        ">, who is not in the directory",
                    u"unknown senders are sent as <%1>, who is not in the directory"_s.arg(self->asked));
            self->accept(res.entries.first(), self->asked);
        });
    }
};

} // namespace

// A user is counted by directory entry, so its addresses and aliases share one count.
QString SenderCheck::countKey(const Result& result)
{
    return result.dn.isEmpty() ? result.user : result.dn;
}

void SenderCheck::applyLimits(const Input& input, const QJsonObject& effective, DailyCounts& counts,
                              Result* result)
{
    QHash<QString, int> wanted; // type -> recipients still allowed by rights, in order
    for (qsizetype i = 0; i < input.routes.size(); ++i) {
        if (std::any_of(result->refused.begin(), result->refused.end(),
                        [i](const Refusal& r) { return r.index == i; }))
            continue;
        const QString type = input.routes.at(i).value(u"type"_s).toString();
        const QString field = type == u"sms"_s     ? u"maxSmsPerDay"_s
                              : type == u"voice"_s ? u"maxVoicePerDay"_s
                                                   : u"maxFaxPerDay"_s;
        const QJsonValue limit = effective.value(field);
        const int taken = counts.used(countKey(*result), type) + wanted.value(type);
        if (limit.isDouble() && taken >= limit.toInt()) {
            result->refused.append(
                {i, u"%1 has sent the %2 %3 a day allowed; more can be sent tomorrow"_s.arg(
                        result->user, QString::number(limit.toInt()), jobsOf(type))});
            continue;
        }
        ++wanted[type];
    }
    std::sort(result->refused.begin(), result->refused.end(),
              [](const Refusal& a, const Refusal& b) { return a.index < b.index; });
    if (!input.routes.isEmpty() && result->refused.size() == input.routes.size()) {
        result->reason = result->refused.first().reason;
        result->reply = "550 5.7.1 " + result->reason.toUtf8();
        return;
    }
    for (auto it = wanted.constBegin(); it != wanted.constEnd(); ++it)
        result->countLine += counts.reserve(countKey(*result), it.key(), it.value());
    result->counted = wanted;
    result->countFile = counts.file();
}

void SenderCheck::release(const Result& result, DailyCounts* counts)
{
    if (!counts || result.countFile != counts->file()) return; // a new day has begun since
    for (auto it = result.counted.constBegin(); it != result.counted.constEnd(); ++it)
        counts->release(countKey(result), it.key(), it.value());
}

Permission SenderCheck::permissionOf(const QString& name)
{
    return enumFromName<Permission>(name).value_or(Permission::None);
}

void SenderCheck::decide(const SenderPolicy& policy, const DialingRules& dialing, const Input& input,
                         const QJsonObject& effective, Result* result)
{
    if (policy.emergencyMode && !effective.value(u"vip"_s).toBool()) {
        result->reply = "550 5.7.1 the gateway is in emergency mode: only VIP users may send now";
        result->reason = u"emergency mode: %1 is not a VIP user"_s.arg(result->user);
        return;
    }
    for (qsizetype i = 0; i < input.routes.size(); ++i) {
        const QString type = input.routes.at(i).value(u"type"_s).toString();
        const QString number = input.routes.at(i).value(u"number"_s).toString();
        const Permission allowed = permissionOf(effective.value(permissionKeyOf(type)).toString());
        const Permission needed = dialing.reach(number);
        if (allowed != Permission::None && int(needed) <= int(allowed)) continue;
        const QString why =
            allowed == Permission::None
                ? u"%1 may not send %2"_s.arg(result->user, jobsOf(type))
                : u"%1 may send %2 to %3 only; %4 is one of the %5"_s.arg(
                      result->user, jobsOf(type), reachText(allowed), number, reachText(needed));
        result->refused.append({i, why});
    }
    if (!input.routes.isEmpty() && result->refused.size() == input.routes.size()) {
        result->reason = result->refused.first().reason;
        result->reply = "550 5.7.1 " + result->reason.toUtf8();
        return;
    }
    QJsonObject sender;
    for (const char* field :
         {"faxSenderNumber", "isdnOriginatingAddress", "faxHeadline", "billingCode", "coverPage",
          "forceCoverPage", "priorityCap", "maxFaxPages", "vip", "htmlReportLanguage", "deleteAllReports"}) {
        const QString key = QString::fromLatin1(field);
        sender.insert(key, effective.value(key));
    }
    sender.insert(u"user"_s, result->user);
    sender.insert(u"dn"_s, result->dn);
    result->sender = sender;
}

void SenderCheck::run(DirectoryService* directory, const SenderPolicy& policy, const DialingRules& dialing,
                      const Input& input, const Done& done)
{
    auto r = std::make_shared<Run>();
    r->directory = directory;
    r->policy = policy;
    r->dialing = dialing;
    r->input = input;
    r->done = done;
    for (const QString& a : {input.envelopeSender, input.from})
        if (!a.isEmpty() && !r->candidates.contains(a, Qt::CaseInsensitive)) r->candidates.append(a);
    r->next();
}

} // namespace umgate
