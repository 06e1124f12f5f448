// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace umgate {

// The local message store (ixi-UMS 4.2.2.2, our embedded default): one Maildir per recipient
// under the instance's store folder, ROOT/<address>/{tmp,new,cur}, so any mail client or an
// IMAP server such as Dovecot can open it. Delivery follows the Maildir rules: write into tmp,
// fsync, rename into new, fsync new.
class MaildirStore
{
public:
    explicit MaildirStore(const QString& root) : m_root(root) {}

    // The folder of one recipient; the address is checked so it cannot name a path.
    static bool isSafeAddress(const QString& address);
    QString maildirOf(const QString& address) const;
    // Stores one message durably; returns the path of the new file, or empty with `error` set.
    QString deliver(const QString& address, const QByteArray& message, QString* error) const;
    // Idempotent form: the file name is derived from `key` (the kernel message id) and `time`, so
    // delivering the same key again after a crash finds the first copy (in new/, or in cur/ unread
    // or read) and returns its path instead of storing a second one.
    QString deliverOnce(const QString& address, const QByteArray& message, const QString& key,
                        const QDateTime& time, QString* error) const;

private:
    QString store(const QString& address, const QByteArray& message, const QString& key,
                  const QDateTime& time, QString* error) const;

    QString m_root;
};

} // namespace umgate
