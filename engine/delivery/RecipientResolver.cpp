// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/delivery/RecipientResolver.h"

#include "engine/core/Log.h"
#include "engine/directory/DirectoryService.h"
#include "engine/directory/UmsUserSettings.h"

#include <QPointer>

using namespace Qt::StringLiterals;

namespace umgate {

RecipientResolver::RecipientResolver(DirectoryService& directory, QObject* parent)
    : QObject(parent), m_directory(directory)
{
}

void RecipientResolver::configure(const Config& config)
{
    // A new path starts a new table; the same path keeps what was read (refresh() re-reads it
    // when the file changes).
    if (config.mailboxesFile != m_config.mailboxesFile)
        m_mailboxes = SubscriberMailboxes(config.mailboxesFile);
    m_config = config;
}

QString RecipientResolver::defaultRecipient() const
{
    return m_config.settings.get(keys::defaultRecipient);
}

QJsonObject RecipientResolver::effectiveOf(const DirectoryEntry& entry) const
{
    QString warning; // a damaged value means the instance's defaults, as the console shows it
    const UmsUserSettings user =
        UmsUserSettings::decode(entry.value(m_directory.settings().umsAttribute), &warning);
    return user.effective(m_config.settings);
}

void RecipientResolver::resolve(const KernelEnvelope& e, const Done& done)
{
    if (e.type == KernelEnvelope::Type::Report) {
        resolveReport(e, done);
        return;
    }
    // ixi-UMS: subscriber mailbox first, then the directory, then the default recipient.
    if (QString error; m_mailboxes.refresh(&error), !error.isEmpty()) Log::error(m_config.instanceId, error);
    if (const auto mailbox = m_mailboxes.find(e.called)) {
        Recipients r;
        r.addresses << mailbox->email;
        r.names << mailbox->name;
        r.effective << QJsonObject();
        r.how = u"subscriber mailbox %1 (%2)"_s.arg(mailbox->number, mailbox->name);
        done(r);
        return;
    }
    resolveDirectory(e, done);
}

void RecipientResolver::resolveReport(const KernelEnvelope& e, const Done& done)
{
    // A report goes back to whoever sent the job; their own report language applies.
    Recipients r;
    r.addresses << e.report.value(u"sender"_s).toString();
    r.how = u"report sender"_s;
    QPointer<RecipientResolver> self(this);
    m_directory.lookupSender(
        r.addresses.first(), [self, r, done](const DirectoryService::Resolution& res) mutable {
            if (!self) return;
            r.effective << (res.entries.isEmpty() ? QJsonObject() : self->effectiveOf(res.entries.first()));
            done(r);
        });
}

void RecipientResolver::resolveDirectory(const KernelEnvelope& e, const Done& done)
{
    QPointer<RecipientResolver> self(this);
    m_directory.lookupNumber(e.called, [self, done](const DirectoryService::Resolution& res) {
        if (!self) return;
        Recipients r;
        r.filter = res.filter;
        r.server = res.server;
        if (!res.error.isEmpty()) {
            if (!self->m_config.ldapErrorToDefaultRecipient) {
                r.error = u"directory lookup failed: %1"_s.arg(res.error);
                r.retryLater = true;
            } else {
                r.how = u"default recipient (directory error: %1)"_s.arg(res.error);
                r.addresses << self->defaultRecipient();
                r.effective << QJsonObject();
            }
            done(r);
            return;
        }
        for (const DirectoryEntry& entry : res.entries) {
            const QString address = DirectoryService::deliveryAddress(entry);
            if (address.isEmpty() || r.addresses.contains(address, Qt::CaseInsensitive)) continue;
            r.addresses << address;
            // The name the directory shows for the user, so that To: reads "Anna Muster <...>".
            const QString name = entry.value(u"displayName"_s).trimmed();
            r.names << (name.isEmpty() ? entry.value(u"cn"_s).trimmed() : name);
            r.effective << self->effectiveOf(entry);
        }
        if (r.addresses.isEmpty()) {
            r.how = res.entries.isEmpty() ? u"default recipient (nobody has this number)"_s
                                          : u"default recipient (the users found have no e-mail address)"_s;
            r.addresses << self->defaultRecipient();
            r.effective << QJsonObject();
        } else {
            r.how = u"directory"_s;
        }
        done(r);
    });
}

QList<RecipientResolver::Group> RecipientResolver::groupsFor(const Recipients& r, const MimeOptions& base)
{
    QList<Group> groups;
    for (qsizetype i = 0; i < r.addresses.size(); ++i) {
        MimeOptions o = base;
        const QJsonObject eff = r.effective.value(i);
        if (const auto f = enumFromName<FaxFormat>(eff.value(u"inboundFaxAs"_s).toString())) o.faxFormat = *f;
        if (const QString l = eff.value(u"htmlReportLanguage"_s).toString(); !l.isEmpty()) o.language = l;
        Group* same = nullptr;
        for (Group& g : groups)
            if (g.options.faxFormat == o.faxFormat && g.options.language == o.language) same = &g;
        if (!same) {
            groups.append(Group{{}, o});
            same = &groups.last();
        }
        same->recipients << r.addresses.at(i);
        if (const QString name = r.names.value(i); !name.isEmpty())
            same->options.recipientNames.insert(r.addresses.at(i).toLower(), name);
    }
    return groups;
}

} // namespace umgate
