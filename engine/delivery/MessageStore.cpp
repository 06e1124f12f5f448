// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/delivery/MessageStore.h"

#include "engine/config/MaildirPath.h"
#include "engine/delivery/MaildirStore.h"

using namespace Qt::StringLiterals;

namespace umgate {

MessageStore::MessageStore(MessageStoreMode mode, QString instanceDir, QString maildirPath)
    : m_mode(mode), m_instanceDir(std::move(instanceDir)), m_maildirPath(std::move(maildirPath))
{
}

QString MessageStore::deletedReason()
{
    return u"the message store deletes incoming messages (Mail System: Message store)"_s;
}

QList<MessageStore::Stored> MessageStore::storeLocally(const QStringList& recipients,
                                                       const QByteArray& message, const QString& key,
                                                       const QDateTime& time, QString* error) const
{
    QList<Stored> stored;
    // Checked at every use: a symbolic link planted in the instance folder since the last message
    // must not lead the files elsewhere.
    const QString root = maildirRoot(m_instanceDir, m_maildirPath, error);
    if (root.isEmpty()) return stored;
    const MaildirStore maildir(root);
    for (const QString& rcpt : recipients) {
        QString why;
        const QString path = maildir.deliverOnce(rcpt, message, key, time, &why);
        if (path.isEmpty()) {
            if (error->isEmpty()) *error = why;
            continue;
        }
        stored.append({rcpt, path});
    }
    return stored;
}

} // namespace umgate
