// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/queue/QueueEntry.h"

#include "engine/core/VersionedJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <atomic>

namespace umgate {

namespace {
QString timeText(const QDateTime& t)
{
    return t.isValid() ? t.toUTC().toString(Qt::ISODateWithMs) : QString();
}
QJsonArray toArray(const QStringList& list)
{
    QJsonArray a;
    for (const QString& s : list)
        a.append(s);
    return a;
}
} // namespace

QJsonObject QueueEntry::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("format"), formatName());
    o.insert(QStringLiteral("version"), formatVersion);
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("messageId"), messageId);
    o.insert(QStringLiteral("kernelId"), kernelId);
    o.insert(QStringLiteral("from"), from);
    o.insert(QStringLiteral("recipients"), toArray(recipients));
    o.insert(QStringLiteral("delivered"), toArray(delivered));
    o.insert(QStringLiteral("route"), route);
    if (relay) o.insert(QStringLiteral("relay"), true); // absent in the mails umgate builds itself
    o.insert(QStringLiteral("attempts"), attempts);
    o.insert(QStringLiteral("created"), timeText(created));
    o.insert(QStringLiteral("nextAttempt"), timeText(nextAttempt));
    o.insert(QStringLiteral("lastError"), lastError);
    o.insert(QStringLiteral("badmailReason"), badmailReason);
    // A double holds integers exactly up to 2^53 bytes, far beyond any mail.
    o.insert(QStringLiteral("size"), double(size));
    return o;
}

std::optional<QueueEntry> QueueEntry::fromJson(const QJsonObject& json, QString* error)
{
    auto fail = [error](const QString& why) -> std::optional<QueueEntry> {
        if (error) *error = why;
        return std::nullopt;
    };
    if (json.value(QStringLiteral("format")).toString() != formatName())
        return fail(QStringLiteral("\"format\" is not \"%1\"").arg(formatName()));
    if (json.value(QStringLiteral("version")).toInt(-1) != formatVersion)
        return fail(QStringLiteral("queue entry version is not %1").arg(formatVersion));

    QueueEntry e;
    auto str = [&json](const char* key) { return json.value(QLatin1String(key)).toString(); };
    auto list = [&json](const char* key, QStringList* out) {
        const QJsonValue v = json.value(QLatin1String(key));
        if (!v.isArray() && !v.isUndefined()) return false;
        for (const auto& item : v.toArray()) {
            if (!item.isString()) return false;
            out->append(item.toString());
        }
        return true;
    };
    auto time = [&json](const char* key, QDateTime* out) {
        const QString text = json.value(QLatin1String(key)).toString();
        if (text.isEmpty()) return true;
        *out = QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
        return out->isValid();
    };
    e.id = str("id");
    if (!isValidId(e.id)) return fail(QStringLiteral("\"id\" is missing or not a valid queue id"));
    e.messageId = str("messageId");
    e.kernelId = str("kernelId");
    e.from = str("from");
    if (!list("recipients", &e.recipients))
        return fail(QStringLiteral("\"recipients\" is not a list of strings"));
    if (!list("delivered", &e.delivered))
        return fail(QStringLiteral("\"delivered\" is not a list of strings"));
    e.route = str("route");
    const QJsonValue relay = json.value(QStringLiteral("relay"));
    if (!relay.isUndefined() && !relay.isBool())
        return fail(QStringLiteral("\"relay\" is not true or false"));
    e.relay = relay.toBool(false);
    const QJsonValue attempts = json.value(QStringLiteral("attempts"));
    if (!attempts.isUndefined() && !attempts.isDouble())
        return fail(QStringLiteral("\"attempts\" is not a number"));
    e.attempts = attempts.toInt(0);
    if (!time("created", &e.created)) return fail(QStringLiteral("\"created\" is not an ISO 8601 time"));
    if (!time("nextAttempt", &e.nextAttempt))
        return fail(QStringLiteral("\"nextAttempt\" is not an ISO 8601 time"));
    e.lastError = str("lastError");
    e.badmailReason = str("badmailReason");
    const QJsonValue size = json.value(QStringLiteral("size"));
    if (!size.isDouble() || size.toDouble() < 0)
        return fail(QStringLiteral("\"size\" is missing or not a byte count"));
    e.size = qint64(size.toDouble());
    return e;
}

QByteArray QueueEntry::toFileData() const
{
    return QJsonDocument(toJson()).toJson(QJsonDocument::Indented);
}

std::optional<QueueEntry> QueueEntry::fromFileData(const QByteArray& data, QString* error)
{
    const auto root = VersionedJson::parse(data, formatName(), formatVersion, error);
    if (!root) return std::nullopt;
    return fromJson(*root, error);
}

QString QueueEntry::newId()
{
    static std::atomic<quint32> counter{0};
    const quint32 n = counter.fetch_add(1, std::memory_order_relaxed) % 100000000u;
    return QStringLiteral("%1-%2-%3")
        .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmsszzz")))
        .arg(n, 8, 10, QLatin1Char('0'))
        .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
}

bool QueueEntry::isValidId(const QString& id)
{
    if (id.isEmpty() || id.size() > 100 || id.startsWith(QLatin1Char('-'))) return false;
    for (const QChar c : id) {
        const char16_t u = c.unicode();
        const bool ok = (u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') ||
                        u == u'-' || u == u'_';
        if (!ok) return false;
    }
    return true;
}

} // namespace umgate
