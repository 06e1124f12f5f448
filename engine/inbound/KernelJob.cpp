// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/inbound/KernelJob.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QRegularExpression>

namespace umgate {

QString KernelJob::newId()
{
    return QStringLiteral("%1-%2")
        .arg(QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")))
        .arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
}

bool KernelJob::isValidId(const QString& id)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z0-9._-]{1,128}$"));
    return re.match(id).hasMatch() && !id.startsWith(u'.');
}

QJsonObject KernelJob::envelope(const ReceivedMail& message, const ReceivedRecipient& recipient,
                                const Context& context, const MimeReader::Content& content,
                                const QStringList& files)
{
    QJsonObject o;
    o.insert(QStringLiteral("version"), kVersion);
    o.insert(QStringLiteral("id"), context.id);
    o.insert(QStringLiteral("type"), recipient.route.value(QStringLiteral("type")));
    o.insert(QStringLiteral("number"), recipient.route.value(QStringLiteral("number")));
    o.insert(QStringLiteral("recipient"), QString::fromLatin1(recipient.address));
    o.insert(QStringLiteral("sender"), QString::fromLatin1(message.sender));
    o.insert(QStringLiteral("authenticatedUser"), context.authenticatedUser);
    o.insert(QStringLiteral("client"),
             QJsonObject{{QStringLiteral("address"), context.clientAddress},
                         {QStringLiteral("helo"), QString::fromLatin1(message.helo)}});
    o.insert(QStringLiteral("received"), context.received.toUTC().toString(Qt::ISODate));
    o.insert(QStringLiteral("messageId"), QString::fromLatin1(content.messageId));
    o.insert(
        QStringLiteral("dsn"),
        QJsonObject{{QStringLiteral("ret"), QString::fromLatin1(message.ret)},
                    {QStringLiteral("envId"), QString::fromLatin1(SmtpCommand::decodeXtext(message.envId))},
                    {QStringLiteral("notify"), QString::fromLatin1(recipient.notify)},
                    {QStringLiteral("orcpt"), QString::fromLatin1(recipient.orcpt)}});
    o.insert(QStringLiteral("message"), messageFileName(context.id));
    o.insert(QStringLiteral("messageBytes"), context.messageBytes);
    o.insert(QStringLiteral("subject"), content.subject);
    // ixi-UMS 5.1.2: a requested priority above the sender's cap is lowered to it.
    static const QStringList kOrder{QStringLiteral("low"), QStringLiteral("normal"), QStringLiteral("high")};
    const QString requested = content.priority.isEmpty() ? QStringLiteral("normal") : content.priority;
    const QString cap = context.sender.value(QStringLiteral("priorityCap")).toString();
    const bool capped = kOrder.contains(cap) && kOrder.indexOf(requested) > kOrder.indexOf(cap);
    o.insert(QStringLiteral("priority"), capped ? cap : requested);
    if (capped) o.insert(QStringLiteral("priorityRequested"), requested);
    if (!context.sender.isEmpty()) {
        o.insert(QStringLiteral("senderData"), context.sender);
        o.insert(QStringLiteral("reach"), context.reach);
    }
    o.insert(QStringLiteral("text"), content.text);
    QJsonArray attachments;
    for (qsizetype i = 0; i < content.attachments.size() && i < files.size(); ++i) {
        const MimeReader::Attachment& a = content.attachments.at(i);
        QJsonObject j{{QStringLiteral("file"), files.at(i)},
                      {QStringLiteral("name"), a.fileName},
                      {QStringLiteral("type"), QString::fromLatin1(a.contentType)},
                      {QStringLiteral("bytes"), qint64(a.data.size())}};
        if (!a.unsupported.isEmpty()) j.insert(QStringLiteral("unsupported"), a.unsupported);
        attachments.append(j);
    }
    o.insert(QStringLiteral("attachments"), attachments);
    o.insert(QStringLiteral("problems"), QJsonArray::fromStringList(content.problems));
    return o;
}

} // namespace umgate
