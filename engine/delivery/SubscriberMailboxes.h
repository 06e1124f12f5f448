// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>
#include <optional>

namespace umgate {

// The first routing step of incoming messages (ixi-UMS: "subscriber mailbox" before the directory;
// NEC: a subscriber's Mailbox Options with its e-mail address): numbers an administrator assigned
// to a mailbox by hand, which win over the directory. Kept in the instance folder as
//
//   {"format": "umgate-mailboxes", "version": 1,
//    "mailboxes": [{"number": "+49 89 7654321", "name": "Sales", "email": "sales@example.com",
//                   "enabled": true}]}
//
// No file means an empty table. The console's Subscriber Mailboxes page edits it; until then it
// is written by hand or by provisioning tools, and re-read when its modification time changes.
class SubscriberMailboxes
{
public:
    struct Mailbox
    {
        QString number; // as written; matched in E.164 form
        QString name;
        QString email;
        bool enabled = true;
    };

    explicit SubscriberMailboxes(QString path = {}) : m_path(std::move(path)) {}

    // Re-reads the file when it changed since the last call (checked at most once a second).
    // A damaged file keeps the last good table; `error` says why (once per change).
    void refresh(QString* error = nullptr);
    // Parses a document; on failure nullopt and the reason (with the entry's index).
    static std::optional<QList<Mailbox>> parse(const QByteArray& data, QString* error);

    // The enabled mailbox of a called number, if any.
    std::optional<Mailbox> find(const QString& calledNumber) const;
    qsizetype size() const { return m_byDigits.size(); }

private:
    QString m_path;
    QHash<QString, Mailbox> m_byDigits; // E.164 digits -> mailbox
    QDateTime m_loadedMtime;
    qint64 m_loadedSize = -1;
    qint64 m_checkedAtMs = 0;
};

} // namespace umgate
