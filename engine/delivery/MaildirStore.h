// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
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

private:
    QString m_root;
};

} // namespace umgate
