// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/directory/DirectoryRpc.h"

#include "engine/core/Clock.h"
#include "engine/core/Log.h"
#include "engine/directory/DirectoryService.h"
#include "engine/directory/EmbeddedDirectory.h"
#include "engine/directory/LdapClient.h"
#include "engine/directory/LdapFilter.h"
#include "engine/directory/SearchTemplate.h"
#include "engine/directory/UmsUserSettings.h"
#include "engine/inbound/DailyCounts.h"
#include "engine/mail/MimeBuilder.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRegularExpression>

namespace umgate {

using rpc::ErrorCode;
using rpc::makeError;
using rpc::Method;
namespace field = rpc::field;

namespace {
QJsonObject entryJson(const DirectoryEntry& e)
{
    QJsonObject attrs;
    for (auto it = e.attributes.constBegin(); it != e.attributes.constEnd(); ++it)
        attrs.insert(it.key(), QJsonArray::fromStringList(it.value()));
    return QJsonObject{{field::dn, e.dn}, {field::attributes, attrs}};
}

// user.list "format": "rows": [dn, name, mail, uid, UMS numbers] per user, a fifth of the bytes
// of the full entry, for tables of 100,000 users. The numbers are those the instance's search
// template finds the user by (SearchTemplate::routingNumbers), not whatever fax attribute is set.
QJsonArray entryRow(const DirectoryEntry& e, const QString& searchTemplate)
{
    const auto first = [&e](const char* name) { return e.attributes.value(QLatin1String(name)).value(0); };
    return QJsonArray{e.dn, first("cn"), first("mail"), first("uid"),
                      SearchTemplate::routingNumbers(searchTemplate, e).join(QStringLiteral(", "))};
}

// An equality filter for the entry's own RDN ("uid=alice,ou=..." -> "(uid=alice)"), so one
// entry can be fetched through the subtree search every Directory offers.
QString rdnFilter(const QString& dn)
{
    const QString rdn = dn.section(QLatin1Char(','), 0, 0);
    const qsizetype eq = rdn.indexOf(QLatin1Char('='));
    if (eq <= 0) return {};
    return QStringLiteral("(%1=%2)").arg(rdn.left(eq).trimmed(),
                                         LdapFilter::escapeValue(rdn.mid(eq + 1).trimmed()));
}
} // namespace

DirectoryRpc::DirectoryRpc(const Instances& instances, QObject* parent)
    : QObject(parent), m_instances(instances)
{
}

void DirectoryRpc::registerRpc(RpcHandlerTable& table)
{
    using A = RpcHandlerTable::Access;
    // Every row needs the instance's directory; `row` adds that step.
    const auto row =
        [this, &table](
            Method method, A access,
            std::function<void(const RpcCall&, const InstanceConfig&, DirectoryService*, RpcReply)> handler) {
            table.addForInstance(method, access,
                                 [this, handler = std::move(handler)](
                                     const RpcCall& call, const InstanceConfig& config, RpcReply reply) {
                                     if (DirectoryService* service = serviceOrReply(config, reply))
                                         handler(call, config, service, std::move(reply));
                                 });
        };
    row(Method::DirectoryLookup, A::Read,
        [this](const RpcCall& call, const InstanceConfig&, DirectoryService* s, RpcReply reply) {
            lookup(call, s, std::move(reply));
        });
    row(Method::DirectoryTest, A::Read,
        [this](const RpcCall&, const InstanceConfig&, DirectoryService* s, RpcReply reply) {
            test(s, std::move(reply));
        });
    row(Method::UserList, A::Read,
        [this](const RpcCall& call, const InstanceConfig& c, DirectoryService* s, RpcReply reply) {
            userList(call, c, s, std::move(reply));
        });
    row(Method::UserGet, A::Read,
        [this](const RpcCall& call, const InstanceConfig& c, DirectoryService* s, RpcReply reply) {
            userGet(call, c, s, std::move(reply));
        });
    row(Method::UserSet, A::Change,
        [this](const RpcCall& call, const InstanceConfig& c, DirectoryService* s, RpcReply reply) {
            userSet(call, c, s, std::move(reply));
        });
    row(Method::UserLimits, A::Read,
        [this](const RpcCall& call, const InstanceConfig& c, DirectoryService* s, RpcReply reply) {
            userLimits(call, c, s, std::move(reply));
        });
    row(Method::UserDelete, A::Change,
        [this](const RpcCall& call, const InstanceConfig&, DirectoryService* s, RpcReply reply) {
            userDelete(call, s, std::move(reply));
        });
}

DirectoryService* DirectoryRpc::serviceOrReply(const InstanceConfig& config, const RpcReply& reply) const
{
    const Instance* instance = m_instances.value(config.id);
    DirectoryService* service = instance ? instance->directory() : nullptr;
    if (!service || !service->directory()) {
        reply({}, makeError(ErrorCode::Busy,
                            QStringLiteral("the directory of %1 is not ready yet").arg(config.id)));
        return nullptr;
    }
    return service;
}

void DirectoryRpc::lookup(const RpcCall& call, DirectoryService* service, RpcReply reply)
{
    const QString number = call.params.value(field::number).toString();
    const QString sender = call.params.value(field::sender).toString();
    if (number.isEmpty() == sender.isEmpty()) {
        reply({}, makeError(ErrorCode::InvalidParams, QStringLiteral("give either number or sender")));
        return;
    }
    auto done = [reply](const DirectoryService::Resolution& r) { reply(r.toJson(), std::nullopt); };
    if (!number.isEmpty())
        service->lookupNumber(number, done);
    else
        service->lookupSender(sender, done);
}

void DirectoryRpc::test(DirectoryService* service, RpcReply reply)
{
    service->test([reply](const QList<DirectoryServerTest>& servers) {
        QJsonArray list;
        for (const DirectoryServerTest& t : servers) {
            QJsonArray steps;
            for (const DirectoryTestStep& s : t.steps)
                steps.append(
                    QJsonObject{{field::step, s.step}, {field::ok, s.ok}, {field::detail, s.detail}});
            list.append(QJsonObject{{field::server, t.server}, {field::ok, t.ok()}, {field::steps, steps}});
        }
        reply(QJsonObject{{field::servers, list}}, std::nullopt);
    });
}

void DirectoryRpc::userList(const RpcCall& call, const InstanceConfig& config, DirectoryService* service,
                            RpcReply reply)
{
    const QString text = call.params.value(field::search).toString().trimmed();
    const int offset = qMax(0, call.params.value(field::offset).toInt(0));
    const int limit = qBound(1, call.params.value(field::limit).toInt(1000), 100000);
    const QString ums = config.get(keys::umsAttribute);
    QString filter = QStringLiteral("(|(objectClass=person)(objectClass=inetOrgPerson)(objectClass=user))");
    if (!text.isEmpty()) {
        const QString v = LdapFilter::escapeValue(text);
        filter = QStringLiteral("(&%1(|(cn=*%2*)(mail=*%2*)(uid=*%2*)(otherFacsimileTelephoneNumber=*%2*)("
                                "facsimileTelephoneNumber=*%2*)(proxyAddresses=*%2*)))")
                     .arg(filter, v);
    }
    const QString searchTemplate = service->settings().searchTemplate;
    QStringList attrs = {QStringLiteral("cn"),
                         QStringLiteral("mail"),
                         QStringLiteral("uid"),
                         QStringLiteral("proxyAddresses"),
                         QStringLiteral("facsimileTelephoneNumber"),
                         QStringLiteral("otherFacsimileTelephoneNumber")};
    if (!ums.isEmpty()) attrs << ums;
    for (const QString& a : SearchTemplate::numberAttributes(searchTemplate))
        if (!attrs.contains(a, Qt::CaseInsensitive)) attrs << a;
    const bool rows = call.params.value(field::format).toString() == QLatin1String("rows");
    auto page = [reply, offset, limit, rows, searchTemplate](const DirectorySearchResult& r) {
        if (!r.ok()) {
            reply({}, makeError(ErrorCode::InternalError, r.errorText,
                                QJsonObject{{field::errorKind, directoryErrorName(r.error)}}));
            return;
        }
        QJsonArray list;
        for (qsizetype i = offset; i < r.entries.size() && list.size() < limit; ++i)
            list.append(rows ? QJsonValue(entryRow(r.entries.at(i), searchTemplate))
                             : QJsonValue(entryJson(r.entries.at(i))));
        reply(QJsonObject{{field::total, r.entries.size()},
                          {field::offset, offset},
                          {rows ? field::rows : field::users, list},
                          {field::server, r.server}},
              std::nullopt);
    };
    // Offset 0 starts a listing with a fresh search; later pages of the same listing (same
    // instance and filter, within a minute) come from its snapshot, so they also stay consistent.
    const QString key = config.id + QLatin1Char('\n') + filter;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // A snapshot read to its end, or a minute old, is let go: it can hold 100,000 entries.
    if (m_listSnapshot.result && now - m_listSnapshot.takenMs >= 60000) m_listSnapshot = {};
    if (offset > 0 && m_listSnapshot.result && m_listSnapshot.key == key) {
        const std::shared_ptr<const DirectorySearchResult> snapshot = m_listSnapshot.result;
        if (offset + qsizetype(limit) >= snapshot->entries.size()) m_listSnapshot = {};
        page(*snapshot);
        return;
    }
    QPointer<DirectoryRpc> self(this);
    service->directory()->search(filter, attrs, [self, key, page, limit](const DirectorySearchResult& r) {
        if (self && r.ok() && r.entries.size() > limit)
            self->m_listSnapshot = {key, QDateTime::currentMSecsSinceEpoch(),
                                    std::make_shared<const DirectorySearchResult>(r)};
        page(r);
    });
}

void DirectoryRpc::userLimits(const RpcCall& call, const InstanceConfig& config, DirectoryService* service,
                              RpcReply reply)
{
    const QString sender = call.params.value(field::sender).toString().trimmed();
    if (!sender.contains(u'@')) {
        reply({},
              makeError(ErrorCode::InvalidParams, QStringLiteral("%1 is not an e-mail address").arg(sender)));
        return;
    }
    const Instance* instance = m_instances.value(config.id);
    std::shared_ptr<DailyCounts> counts = instance ? instance->dailyCounts() : nullptr;
    const SettingValues settings(config.settings);
    service->lookupSender(sender, [reply, sender, counts, settings,
                                   service = QPointer<DirectoryService>(service)](
                                      const DirectoryService::Resolution& res) {
        if (!res.error.isEmpty()) return reply({}, makeError(ErrorCode::Busy, res.error));
        if (res.entries.isEmpty() || !service)
            return reply(
                {}, makeError(ErrorCode::NotFound, QStringLiteral("%1 is not in the directory").arg(sender)));
        const DirectoryEntry& e = res.entries.first();
        const QJsonObject effective =
            UmsUserSettings::decode(e.value(service->settings().umsAttribute)).effective(settings);
        if (counts) counts->use(Clock::nowUtc().toTimeZone(MimeOptions::systemTimeZone()).date());
        QJsonObject limits;
        for (const auto& [type, key] : {std::pair{QStringLiteral("fax"), QStringLiteral("maxFaxPerDay")},
                                        std::pair{QStringLiteral("sms"), QStringLiteral("maxSmsPerDay")},
                                        std::pair{QStringLiteral("voice"), QStringLiteral("maxVoicePerDay")}})
            limits.insert(type, QJsonObject{{field::used, counts ? counts->used(e.dn, type) : 0},
                                            {field::limit, effective.value(key)}});
        reply(QJsonObject{{field::sender, sender},
                          {field::dn, e.dn},
                          {field::day, counts ? counts->day().toString(Qt::ISODate) : QString()},
                          {field::limits, limits}},
              std::nullopt);
    });
}

void DirectoryRpc::userGet(const RpcCall& call, const InstanceConfig& config, DirectoryService* service,
                           RpcReply reply)
{
    const QString dn = call.params.value(field::dn).toString();
    // The embedded directory has no server-side index to spare; match every entry by DN there.
    const QString filter = service->embedded() ? QStringLiteral("(objectClass=*)") : rdnFilter(dn);
    if (filter.isEmpty()) {
        reply({}, makeError(ErrorCode::InvalidParams, QStringLiteral("%1 is not a DN").arg(dn)));
        return;
    }
    const QString ums = config.get(keys::umsAttribute);
    const SettingValues instanceSettings(config.settings);
    service->directory()->search(
        filter, {}, [reply, dn, ums, instanceSettings, config](const DirectorySearchResult& r) {
            if (!r.ok()) {
                reply({}, makeError(ErrorCode::InternalError, r.errorText));
                return;
            }
            for (const DirectoryEntry& e : r.entries) {
                if (e.dn.compare(dn, Qt::CaseInsensitive) != 0) continue;
                QString warning;
                const UmsUserSettings settings = UmsUserSettings::decode(e.value(ums), &warning);
                if (!warning.isEmpty())
                    Log::warning(config.id,
                                 QStringLiteral("%1: %2; the global defaults apply").arg(dn, warning));
                QJsonObject o = entryJson(e);
                o.insert(field::settings, settings.toJson());
                o.insert(field::effective, settings.effective(instanceSettings));
                o.insert(field::deliveryAddress, DirectoryService::deliveryAddress(e));
                if (!warning.isEmpty()) o.insert(field::warning, warning);
                reply(o, std::nullopt);
                return;
            }
            reply({}, makeError(ErrorCode::NotFound, QStringLiteral("no user %1").arg(dn)));
        });
}

void DirectoryRpc::userSet(const RpcCall& call, const InstanceConfig& config, DirectoryService* service,
                           RpcReply reply)
{
    const QString dn = call.params.value(field::dn).toString();
    const QString ums = config.get(keys::umsAttribute);
    // Embedded directory: whole entries can be created and changed (the bundled user management).
    if (call.params.contains(field::attributes)) {
        EmbeddedDirectory* embedded = service->embedded();
        if (!embedded) {
            reply({}, makeError(ErrorCode::InvalidParams,
                                QStringLiteral("users are created and edited in the LDAP directory itself; "
                                               "only their UMS settings can be set here")));
            return;
        }
        DirectoryEntry e;
        e.dn = dn;
        const QJsonObject attrs = call.params.value(field::attributes).toObject();
        for (auto it = attrs.begin(); it != attrs.end(); ++it) {
            QStringList values;
            if (it.value().isArray())
                for (const auto& v : it.value().toArray())
                    values << v.toString();
            else
                values << it.value().toString();
            e.attributes.insert(it.key(), values);
        }
        QString error;
        if (!embedded->upsert(e, &error)) {
            reply({}, makeError(
                          ErrorCode::ValidationFailed, error,
                          QJsonObject{{field::errors, QJsonArray{QJsonObject{{field::key, field::attributes},
                                                                             {field::reason, error}}}}}));
            return;
        }
        service->cache().clear();
        if (!call.params.contains(field::settings)) {
            reply(entryJson(e), std::nullopt);
            return;
        }
    }
    const QJsonObject changes = call.params.value(field::settings).toObject();
    // The embedded directory has no server-side index to spare; match every entry by DN there.
    const QString filter = service->embedded() ? QStringLiteral("(objectClass=*)") : rdnFilter(dn);
    if (filter.isEmpty() || ums.isEmpty()) {
        reply({},
              makeError(ErrorCode::InvalidParams,
                        filter.isEmpty()
                            ? QStringLiteral("%1 is not a DN").arg(dn)
                            : QStringLiteral("no UMS attribute is configured (ldap.search.umsAttribute)")));
        return;
    }
    QPointer<DirectoryService> svc(service);
    service->directory()->search(
        filter, {ums}, [svc, reply, dn, ums, changes, id = config.id](const DirectorySearchResult& r) {
            if (!svc) return;
            if (!r.ok()) {
                reply({}, makeError(ErrorCode::InternalError, r.errorText));
                return;
            }
            const DirectoryEntry* found = nullptr;
            for (const DirectoryEntry& e : r.entries)
                if (e.dn.compare(dn, Qt::CaseInsensitive) == 0) found = &e;
            if (!found) {
                reply({}, makeError(ErrorCode::NotFound, QStringLiteral("no user %1").arg(dn)));
                return;
            }
            // A value in a newer format ("UMS2;...") would be lost by writing ours over it.
            const QString tag = found->value(ums).section(QLatin1Char(';'), 0, 0);
            static const QRegularExpression versionTag(QStringLiteral("^UMS[0-9]+$"));
            if (versionTag.match(tag).hasMatch() && tag != UmsUserSettings::formatTag()) {
                reply({},
                      makeError(ErrorCode::Conflict,
                                QStringLiteral("the UMS settings of %1 are in format %2, which this version "
                                               "does not read (it writes %3); refusing to overwrite them")
                                    .arg(dn, tag, UmsUserSettings::formatTag())));
                return;
            }
            QString warning, error;
            // Decode what is there first: keys this version does not know are kept on write.
            UmsUserSettings settings = UmsUserSettings::decode(found->value(ums), &warning);
            if (!settings.applyJson(changes, &error)) {
                reply({}, makeError(ErrorCode::ValidationFailed, error,
                                    QJsonObject{
                                        {field::errors, QJsonArray{QJsonObject{{field::key, field::settings},
                                                                               {field::reason, error}}}}}));
                return;
            }
            const QString encoded = settings.encode();
            svc->directory()->replaceAttribute(
                dn, ums, {encoded}, [svc, reply, settings, dn, id](DirectoryError e, const QString& text) {
                    if (e != DirectoryError::None) {
                        reply({}, makeError(ErrorCode::InternalError, text,
                                            QJsonObject{{field::errorKind, directoryErrorName(e)}}));
                        return;
                    }
                    if (svc) svc->cache().clear();
                    Log::info(id, QStringLiteral("UMS settings of %1 changed").arg(dn));
                    reply(QJsonObject{{field::dn, dn}, {field::settings, settings.toJson()}}, std::nullopt);
                });
        });
}

void DirectoryRpc::userDelete(const RpcCall& call, DirectoryService* service, RpcReply reply)
{
    EmbeddedDirectory* embedded = service->embedded();
    const QString dn = call.params.value(field::dn).toString();
    if (!embedded) {
        reply({}, makeError(ErrorCode::InvalidParams,
                            QStringLiteral("users are deleted in the LDAP directory itself")));
        return;
    }
    QString error;
    if (!embedded->remove(dn, &error)) {
        reply({}, makeError(ErrorCode::NotFound, error));
        return;
    }
    service->cache().clear();
    reply(QJsonObject{{field::deleted, dn}}, std::nullopt);
}

} // namespace umgate
