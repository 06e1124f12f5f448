// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/config/SettingEnums.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

namespace umgate {

// An instance's message store (ixi-UMS 4.2.2.2, Mail System: Message store): where a built
// message goes. Delivery and Send Test Message decide here, so the two cannot drift apart:
//   MailServer    the SMTPOut queue; the caller's queue and pool deliver it by SMTP;
//   LocalMaildir  one Maildir per recipient under the instance folder, stored by storeLocally();
//   Delete        nowhere: the message is dropped, as configured.
class MessageStore
{
public:
    MessageStore(MessageStoreMode mode, QString instanceDir, QString maildirPath);

    MessageStoreMode mode() const { return m_mode; }
    bool queues() const { return m_mode == MessageStoreMode::MailServer; }
    // Why a message went nowhere, in the words of the log and the test report.
    static QString deletedReason();

    struct Stored
    {
        QString recipient;
        QString path;
    };
    // LocalMaildir: one copy per recipient, durably, once per `key` (the kernel message id), so a
    // crash between storing and removing the spool file finds the copy instead of storing it twice.
    // Every recipient is tried; *error names the first that failed (or the store folder that is not
    // inside the instance folder, MaildirPath), and only the others are returned.
    QList<Stored> storeLocally(const QStringList& recipients, const QByteArray& message, const QString& key,
                               const QDateTime& time, QString* error) const;

private:
    MessageStoreMode m_mode;
    QString m_instanceDir;
    QString m_maildirPath;
};

} // namespace umgate
