// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/delivery/MailManager.h"

#include "engine/config/MiscSetup.h"
#include "engine/core/Log.h"
#include "engine/spool/KernelEnvelope.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace umgate {

using rpc::ErrorCode;
using rpc::makeError;

MailManager::MailManager(const Paths& paths, QObject* parent) : QObject(parent), m_paths(paths) {}

void MailManager::configure(const QString& id, const InstanceConfig* config, const MiscSetup& misc)
{
    Q_UNUSED(id);
    Q_UNUSED(config);
    Q_UNUSED(misc);
}

bool MailManager::handles(rpc::Method method)
{
    return method == rpc::Method::MessageInject;
}

void MailManager::handle(const RpcCall& call, const InstanceConfig& config, RpcReply reply)
{
    switch (call.method) {
    case rpc::Method::MessageInject:
        inject(call, config, std::move(reply));
        return;
    default:
        reply({}, makeError(ErrorCode::MethodNotFound, u"not a mail method"_s));
    }
}

void MailManager::inject(const RpcCall& call, const InstanceConfig& config, RpcReply reply)
{
    const QJsonObject& p = call.params;
    KernelEnvelope e;
    const auto type = KernelEnvelope::typeFromName(p.value(u"type"_s).toString());
    if (!type || *type == KernelEnvelope::Type::Report) {
        reply({}, makeError(ErrorCode::InvalidParams, u"type must be fax, voice or sms"_s));
        return;
    }
    e.type = *type;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // Sortable, unique enough for a spool, and obviously not from the kernel.
    e.id = u"inj-%1-%2"_s.arg(now.toString(u"yyyyMMddHHmmsszzz"_s))
               .arg(QRandomGenerator::global()->generate() & 0xffffff, 6, 16, QLatin1Char('0'));
    e.calling = p.value(u"calling"_s).toString();
    e.called = p.value(u"called"_s).toString();
    e.time = now;
    e.text = p.value(u"text"_s).toString();
    e.pages = p.value(u"pages"_s).toInt();
    e.durationSeconds = p.value(u"duration"_s).toInt();

    QList<std::pair<QString, QByteArray>> files;
    const QJsonArray list = p.value(u"files"_s).toArray();
    static const QRegularExpression safeSuffix(u"^[A-Za-z0-9]{1,8}$"_s);
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject f = list.at(i).toObject();
        const QByteArray raw = f.value(u"data"_s).toString().toLatin1();
        const auto decoded = QByteArray::fromBase64Encoding(raw, QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) {
            reply({}, makeError(ErrorCode::InvalidParams, u"files[%1].data is not base64"_s.arg(i)));
            return;
        }
        // The client's file name only lends its suffix: spool names are ours.
        QString suffix = f.value(u"name"_s).toString().section(u'.', -1).toLower();
        if (!safeSuffix.match(suffix).hasMatch() || !f.value(u"name"_s).toString().contains(u'.'))
            suffix = e.type == KernelEnvelope::Type::Voice ? u"wav"_s : u"tif"_s;
        const QString name = u"%1-%2.%3"_s.arg(e.id).arg(i + 1).arg(suffix);
        files.append({name, *decoded});
        e.attachments << name;
    }
    const QString spool = m_paths.instanceDir(config.id) + u"/"_s + Paths::kernelIncoming();
    // The checks the intake applies, before anything is written: a bad request leaves no file.
    QString error;
    const auto checked = KernelEnvelope::parse(QJsonDocument(e.toJson()).toJson(), QString(), &error);
    if (!checked) {
        reply({}, makeError(ErrorCode::InvalidParams, error));
        return;
    }
    e = *checked;
    if (!KernelEnvelope::write(spool, e, files, &error)) {
        reply({}, makeError(ErrorCode::InternalError, error));
        return;
    }
    Log::info(config.id, u"message %1 (%2 from %3 to %4) injected by %5"_s.arg(
                             e.id, KernelEnvelope::typeName(e.type),
                             e.calling.isEmpty() ? u"withheld"_s : e.calling, e.called, call.principal));
    reply(QJsonObject{{u"kernelId"_s, e.id}, {u"envelope"_s, e.toJson()}}, std::nullopt);
}

} // namespace umgate
