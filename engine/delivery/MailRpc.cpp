// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/delivery/MailRpc.h"

#include "engine/core/Log.h"
#include "engine/delivery/InstanceMail.h"
#include "engine/delivery/TestMessageFiles.h"
#include "engine/inbound/KernelJobWriter.h"
#include "engine/spool/KernelEnvelope.h"

#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThreadPool>

using namespace Qt::StringLiterals;

namespace umgate {

using rpc::ErrorCode;
using rpc::makeError;
namespace field = rpc::field;

namespace {

QJsonObject entryJson(const QueueEntry& e)
{
    return e.toJson();
}

} // namespace

MailRpc::MailRpc(const Paths& paths, const Instances& instances, QObject* parent)
    : QObject(parent), m_paths(paths), m_instances(instances)
{
}

MailRpc::~MailRpc() = default;

void MailRpc::registerRpc(RpcHandlerTable& table)
{
    using M = rpc::Method;
    using A = RpcHandlerTable::Access;
    // The kernel spool exists for every instance, running or not.
    table.addForInstance(M::MessageInject, A::Change,
                         [this](const RpcCall& call, const InstanceConfig& config, RpcReply reply) {
                             inject(call, config, std::move(reply));
                         });
    // The others need the instance's running mail side; `row` adds that step.
    const auto row = [this, &table](M method, A access,
                                    std::function<void(const RpcCall&, InstanceMail*, RpcReply)> handler) {
        table.addForInstance(method, access,
                             [this, handler = std::move(handler)](
                                 const RpcCall& call, const InstanceConfig& config, RpcReply reply) {
                                 if (InstanceMail* im = runningOrReply(config, reply))
                                     handler(call, im, std::move(reply));
                             });
    };
    row(M::QueueList, A::Read, [this](const RpcCall& call, InstanceMail* im, RpcReply reply) {
        queueList(call, im, std::move(reply));
    });
    row(M::QueueShow, A::Read, [this](const RpcCall& call, InstanceMail* im, RpcReply reply) {
        queueShow(call, im, std::move(reply));
    });
    row(M::QueueRetry, A::Change, [this](const RpcCall& call, InstanceMail* im, RpcReply reply) {
        queueRetry(call, im, std::move(reply));
    });
    row(M::QueueDelete, A::Change, [this](const RpcCall& call, InstanceMail* im, RpcReply reply) {
        queueDelete(call, im, std::move(reply));
    });
    row(M::QueueRequeue, A::Change, [this](const RpcCall& call, InstanceMail* im, RpcReply reply) {
        queueRequeue(call, im, std::move(reply));
    });
    row(M::TestMessage, A::Change, [this](const RpcCall& call, InstanceMail* im, RpcReply reply) {
        testMessage(call, im, std::move(reply));
    });
}

InstanceMail* MailRpc::runningOrReply(const InstanceConfig& config, const RpcReply& reply) const
{
    const Instance* instance = m_instances.value(config.id);
    InstanceMail* im = instance ? instance->mail() : nullptr;
    if (im && im->queue()) return im;
    reply({}, makeError(ErrorCode::NotFound,
                        config.enabled
                            ? u"the mail side of instance %1 is not running (see the log)"_s.arg(config.id)
                            : u"instance %1 is disabled"_s.arg(config.id)));
    return nullptr;
}

// The jobs in Kernel/Outgoing that the kernel has not taken yet (inbound/KernelJob.h), oldest
// first: id, when received, type and number, sender, and what could not be read of the mail.
QJsonArray MailRpc::kernelJobs(const QString& dirPath)
{
    QJsonArray list;
    const QDir dir(dirPath);
    for (const QFileInfo& fi : dir.entryInfoList({u"*.json"_s}, QDir::Files, QDir::Time | QDir::Reversed)) {
        QFile f(fi.filePath());
        if (fi.size() > qint64(1024) * 1024 || !f.open(QIODevice::ReadOnly))
            continue; // taken meanwhile, or not ours
        const QJsonObject e = QJsonDocument::fromJson(f.readAll()).object();
        QStringList problems;
        for (const auto& p : e.value(u"problems"_s).toArray())
            problems.append(p.toString());
        list.append(QJsonObject{{field::id, fi.completeBaseName()},
                                {field::created, e.value(u"received"_s).toString()},
                                {field::type, e.value(u"type"_s).toString()},
                                {field::sender, e.value(u"sender"_s).toString()},
                                {field::recipients, QJsonArray{e.value(u"number"_s).toString()}},
                                {field::badmailReason, problems.join(u"; "_s)}});
    }
    return list;
}

void MailRpc::queueList(const RpcCall& call, InstanceMail* im, RpcReply reply)
{
    const QString which = call.params.value(field::queue).toString(u"outgoing"_s);
    QJsonArray list;
    if (which == u"outgoing"_s) {
        for (const QueueEntry& e : im->queue()->entries())
            list.append(entryJson(e));
    } else if (which == u"badmail"_s) {
        for (const QueueEntry& e : im->queue()->badmail())
            list.append(entryJson(e));
    } else if (which == u"error"_s) {
        const QDir dir(im->intake()->errorDir());
        for (const QFileInfo& fi :
             dir.entryInfoList({u"*.json"_s}, QDir::Files, QDir::Time | QDir::Reversed)) {
            QFile reason(dir.filePath(fi.completeBaseName() + u".reason.txt"_s));
            QString why;
            if (reason.open(QIODevice::ReadOnly)) why = QString::fromUtf8(reason.read(4096)).trimmed();
            list.append(QJsonObject{{field::id, fi.completeBaseName()},
                                    {field::created, fi.lastModified().toUTC().toString(Qt::ISODate)},
                                    {field::badmailReason, why}});
        }
    } else if (which == u"kernel"_s) {
        list = kernelJobs(m_paths.instanceDir(call.params.value(field::id).toString()) + u"/"_s +
                          Paths::kernelOutgoing());
    } else {
        reply({}, makeError(ErrorCode::InvalidParams, u"queue must be outgoing, badmail, error or kernel"_s));
        return;
    }
    reply(QJsonObject{{field::queue, which}, {field::entries, list}}, std::nullopt);
}

void MailRpc::queueShow(const RpcCall& call, InstanceMail* im, RpcReply reply)
{
    const QString qid = call.params.value(field::queueId).toString();
    std::optional<QueueEntry> e = im->queue()->entry(qid);
    QString where = u"outgoing"_s;
    if (!e) {
        for (const QueueEntry& b : im->queue()->badmail())
            if (b.id == qid) e = b;
        where = u"badmail"_s;
    }
    if (!e) {
        reply({}, makeError(ErrorCode::NotFound, u"no mail %1 in the queue or Badmail"_s.arg(qid)));
        return;
    }
    QString error;
    const auto data = im->queue()->readData(qid, &error);
    QByteArray headers = data ? data->left(16384) : QByteArray();
    if (const qsizetype end = headers.indexOf("\r\n\r\n"); end >= 0) headers.truncate(end + 2);
    reply(QJsonObject{{field::queue, where},
                      {field::entry, entryJson(*e)},
                      {field::headers, QString::fromUtf8(headers)}},
          std::nullopt);
}

void MailRpc::cancelKernelJob(const RpcCall& call, const QString& instance, RpcReply reply)
{
    if (!m_workerReplies) m_workerReplies = new CallQueue(this);
    const QString dir = m_paths.instanceDir(instance) + u"/"_s + Paths::kernelOutgoing();
    QThreadPool::globalInstance()->start([dir, instance, job = call.params.value(field::queueId).toString(),
                                          principal = call.principal, reply = std::move(reply),
                                          target = m_workerReplies->target()] {
        QString error;
        bool notFound = false;
        const std::optional<QJsonObject> envelope = KernelJobWriter::cancel(dir, job, &error, &notFound);
        target.post([instance, job, principal, reply, envelope, error, notFound] {
            if (!envelope) {
                reply({}, makeError(notFound ? ErrorCode::NotFound : ErrorCode::InternalError, error));
                return;
            }
            const auto value = [&envelope](const QString& key) { return envelope->value(key).toString(); };
            Log::info(instance,
                      u"kernel job %1 (%2 %3 from <%4>) cancelled by %5"_s.arg(
                          job, value(u"type"_s), value(u"number"_s), value(u"sender"_s), principal));
            reply(QJsonObject{{field::deleted, job}}, std::nullopt);
        });
    });
}

void MailRpc::queueDelete(const RpcCall& call, InstanceMail* im, RpcReply reply)
{
    const QString qid = call.params.value(field::queueId).toString();
    if (qid.isEmpty()) {
        reply({}, makeError(ErrorCode::NotFound, u"no mail %1"_s.arg(qid)));
        return;
    }
    if (call.params.value(field::queue).toString() == u"kernel"_s) {
        cancelKernelJob(call, im->config().id, std::move(reply));
        return;
    }
    const QString id = im->config().id, principal = call.principal;
    // Shared: the callback runs later, or not at all when remove() refuses at once.
    auto answer = std::make_shared<RpcReply>(std::move(reply));
    QString error;
    const bool started =
        im->queue()->remove(qid, &error, true, [answer, id, qid, principal](bool ok, const QString& why) {
            if (!ok) {
                (*answer)({}, makeError(ErrorCode::InternalError, why));
                return;
            }
            Log::info(id, u"mail %1 deleted by %2"_s.arg(qid, principal));
            (*answer)(QJsonObject{{field::deleted, qid}}, std::nullopt);
        });
    if (!started) (*answer)({}, makeError(ErrorCode::NotFound, error));
}

// The answer waits until every requeued mail is on disk (acknowledged = survives a crash).
void MailRpc::queueRequeue(const RpcCall& call, InstanceMail* im, RpcReply reply)
{
    struct Requeue
    {
        int waiting = 1; // the loop below holds one until it has asked for every mail
        int requeued = 0;
        QString qid, error, principal;
        QPointer<InstanceMail> im;
        RpcReply reply;
        void done(bool ok, const QString& why)
        {
            if (ok)
                ++requeued;
            else
                error = why;
            release();
        }
        void release()
        {
            if (--waiting > 0) return;
            if (!qid.isEmpty() && requeued == 0) {
                reply({}, makeError(ErrorCode::NotFound,
                                    error.isEmpty() ? u"no mail %1 in Badmail"_s.arg(qid) : error));
                return;
            }
            if (im) {
                Log::info(im->config().id,
                          u"%1 mail(s) requeued from Badmail by %2"_s.arg(requeued).arg(principal));
                im->deliverSoon();
            }
            reply(QJsonObject{{field::requeued, requeued}}, std::nullopt);
        }
    };
    auto r = std::make_shared<Requeue>();
    r->qid = call.params.value(field::queueId).toString();
    r->principal = call.principal;
    r->im = im;
    r->reply = std::move(reply);
    MailQueue* q = im->queue();
    for (const QueueEntry& e : q->badmail()) {
        if (!r->qid.isEmpty() && e.id != r->qid) continue;
        ++r->waiting;
        QString error;
        if (!q->requeue(e.id, &error, [r](bool ok, const QString& why) { r->done(ok, why); }))
            r->done(false, error);
    }
    r->release(); // the loop's own hold
}

void MailRpc::queueRetry(const RpcCall& call, InstanceMail* im, RpcReply reply)
{
    const QString qid = call.params.value(field::queueId).toString();
    // The answer says what the try did, so it waits for it, but well within a client's timeout.
    const int waitMs = qBound(0, call.params.value(field::waitSeconds).toInt(10), 25) * 1000;
    const QString principal = call.principal;
    const QString id = im->config().id;
    im->retryNow(
        qid.isEmpty() ? QStringList() : QStringList{qid}, waitMs,
        [reply = std::move(reply), qid, principal, id](const QList<InstanceMail::RetryResult>& results) {
            if (!qid.isEmpty() && results.isEmpty()) {
                reply({}, makeError(ErrorCode::NotFound, u"no mail %1 in the queue"_s.arg(qid)));
                return;
            }
            const QJsonObject answer = retryAnswer(results);
            Log::info(
                id,
                u"retry by %1: %2 mail(s): %3 delivered, %4 deferred, %5 failed, %6 not tried, %7 still waiting"_s
                    .arg(principal)
                    .arg(answer.value(field::retried).toInt())
                    .arg(answer.value(field::delivered).toInt())
                    .arg(answer.value(field::deferred).toInt())
                    .arg(answer.value(field::failed).toInt())
                    .arg(answer.value(field::notTried).toInt())
                    .arg(answer.value(field::trying).toInt()));
            reply(answer, std::nullopt);
        });
}

QJsonObject MailRpc::retryAnswer(const QList<InstanceMail::RetryResult>& results)
{
    using S = InstanceMail::RetryResult::Status;
    QHash<S, int> count;
    QJsonArray list;
    QStringList lines;
    for (const InstanceMail::RetryResult& r : results) {
        ++count[r.status];
        const QString next = r.nextAttempt.isValid() ? r.nextAttempt.toString(Qt::ISODateWithMs) : QString();
        list.append(QJsonObject{{field::queueId, r.queueId},
                                {field::status, InstanceMail::retryStatusName(r.status)},
                                {field::reason, r.reason},
                                {field::attempts, r.attempts},
                                {field::nextAttempt, next}});
        switch (r.status) {
        case S::Delivered:
            lines << u"%1: tried and delivered"_s.arg(r.queueId);
            break;
        case S::Deferred:
            lines << u"%1: tried, not delivered (attempt %2, next try %3): %4"_s.arg(r.queueId)
                         .arg(r.attempts)
                         .arg(next, r.reason);
            break;
        case S::Failed:
            lines << u"%1: tried, failed, moved to Badmail: %2"_s.arg(r.queueId, r.reason);
            break;
        case S::NotTried:
            lines << u"%1: not tried, no attempt counted (next try %2): %3"_s.arg(r.queueId, next, r.reason);
            break;
        case S::Trying:
            lines << u"%1: queued for a try now, still trying: %2"_s.arg(r.queueId, r.reason);
            break;
        case S::Waiting:
            lines << u"%1: queued for a try now: %2"_s.arg(r.queueId, r.reason);
            break;
        case S::Gone:
            lines << u"%1: %2"_s.arg(r.queueId, r.reason);
            break;
        }
    }
    // "retried" (mails made due now) stays for older clients; "message" is the text to show.
    QJsonObject answer{{field::retried, int(results.size())},
                       {field::delivered, count.value(S::Delivered)},
                       {field::deferred, count.value(S::Deferred)},
                       {field::failed, count.value(S::Failed)},
                       {field::notTried, count.value(S::NotTried)},
                       {field::trying, count.value(S::Trying) + count.value(S::Waiting)},
                       {field::results, list}};
    answer.insert(field::message, results.isEmpty() ? u"no mail in the queue"_s : lines.join(u'\n'));
    return answer;
}

void MailRpc::testMessage(const RpcCall& call, InstanceMail* im, RpcReply reply)
{
    const QJsonObject& p = call.params;
    const auto type = KernelEnvelope::typeFromName(p.value(field::type).toString(u"fax"_s));
    if (!type || *type == KernelEnvelope::Type::Report) {
        reply({}, makeError(ErrorCode::InvalidParams, u"type must be fax, voice or sms"_s));
        return;
    }
    auto dir = std::make_shared<QTemporaryDir>();
    KernelEnvelope e;
    e.id = u"test-%1"_s.arg(QDateTime::currentMSecsSinceEpoch());
    e.type = *type;
    e.calling = p.value(field::calling).toString();
    e.called = p.value(field::called).toString();
    e.time = QDateTime::currentDateTimeUtc();
    QString error;
    if (e.type == KernelEnvelope::Type::Fax) {
        e.attachments = {e.id + u".tif"_s};
        e.pages = 1;
        if (!TestMessageFiles::writeFax(dir->filePath(e.attachments.first()), &error)) {
            reply({}, makeError(ErrorCode::InternalError, error));
            return;
        }
    } else if (e.type == KernelEnvelope::Type::Voice) {
        e.attachments = {e.id + u".wav"_s};
        e.durationSeconds = 3;
        if (!TestMessageFiles::writeWav(dir->filePath(e.attachments.first()), 3, &error)) {
            reply({}, makeError(ErrorCode::InternalError, error));
            return;
        }
    } else {
        e.text = u"umgate Send Test Message"_s;
    }
    // The same checks as for a kernel message, numbers made canonical.
    const auto checked = KernelEnvelope::parse(QJsonDocument(e.toJson()).toJson(), dir->path(), &error);
    if (!checked) {
        reply({}, makeError(ErrorCode::InvalidParams, error));
        return;
    }
    im->testMessage(*checked, dir->path(),
                    [reply, dir](const QJsonObject& report) { reply(report, std::nullopt); });
}

void MailRpc::inject(const RpcCall& call, const InstanceConfig& config, RpcReply reply)
{
    const QJsonObject& p = call.params;
    KernelEnvelope e;
    const auto type = KernelEnvelope::typeFromName(p.value(field::type).toString());
    if (!type || *type == KernelEnvelope::Type::Report) {
        reply({}, makeError(ErrorCode::InvalidParams, u"type must be fax, voice or sms"_s));
        return;
    }
    e.type = *type;
    // Wrong JSON types are refused, not read as "" or 0 (a number as file data once stored a
    // 0-byte TIFF).
    const auto wrongType = [&](const QString& key, bool (QJsonValue::*is)() const, const QString& what) {
        const QJsonValue v = p.value(key);
        if (v.isUndefined() || (v.*is)()) return false;
        reply({}, makeError(ErrorCode::InvalidParams, u"%1 must be %2"_s.arg(key, what)));
        return true;
    };
    for (const char* key : {"calling", "called", "text"})
        if (wrongType(QLatin1String(key), &QJsonValue::isString, u"a string"_s)) return;
    for (const char* key : {"pages", "duration"})
        if (wrongType(QLatin1String(key), &QJsonValue::isDouble, u"a number"_s)) return;
    if (wrongType(field::files, &QJsonValue::isArray, u"a list of {name, data} objects"_s)) return;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    // Sortable, unique enough for a spool, and obviously not from the kernel.
    e.id = u"inj-%1-%2"_s.arg(now.toString(u"yyyyMMddHHmmsszzz"_s))
               .arg(QRandomGenerator::global()->generate() & 0xffffff, 6, 16, QLatin1Char('0'));
    e.calling = p.value(field::calling).toString();
    e.called = p.value(field::called).toString();
    e.time = now;
    e.text = p.value(field::text).toString();
    e.pages = p.value(field::pages).toInt();
    e.durationSeconds = p.value(field::duration).toInt();

    QList<std::pair<QString, QByteArray>> files;
    const QJsonArray list = p.value(field::files).toArray();
    static const QRegularExpression safeSuffix(u"^[A-Za-z0-9]{1,8}$"_s);
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject f = list.at(i).toObject();
        if (!list.at(i).isObject() || !f.value(field::data).isString() ||
            !(f.value(field::name).isString() || f.value(field::name).isUndefined())) {
            reply({}, makeError(ErrorCode::InvalidParams,
                                u"files[%1] must be an object with data (a base64 string) and an optional "
                                u"name (a string)"_s.arg(i)));
            return;
        }
        const QByteArray raw = f.value(field::data).toString().toLatin1();
        const auto decoded = QByteArray::fromBase64Encoding(raw, QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) {
            reply({}, makeError(ErrorCode::InvalidParams, u"files[%1].data is not base64"_s.arg(i)));
            return;
        }
        if (decoded.decoded.isEmpty()) {
            reply({}, makeError(ErrorCode::InvalidParams, u"files[%1].data is empty"_s.arg(i)));
            return;
        }
        // The client's file name only lends its suffix: spool names are ours.
        QString suffix = f.value(field::name).toString().section(u'.', -1).toLower();
        if (!safeSuffix.match(suffix).hasMatch() || !f.value(field::name).toString().contains(u'.'))
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
    reply(QJsonObject{{field::kernelId, e.id}, {field::envelope, e.toJson()}}, std::nullopt);
}

} // namespace umgate
