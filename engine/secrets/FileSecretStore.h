// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/secrets/SecretStore.h"

#include <QMap>

namespace umgate {

// Secrets in one file private to the engine's user, as Postfix keeps sasl_passwd: mode 0600,
// owned by the effective uid. The content is a versioned JSON document
//
//   {"format": "umgate-secrets", "version": 1, "secrets": {"key": "value", ...}}
//
// The file is created by the first write and always replaced atomically. A file that others may
// read, that belongs to another uid, or that is not a regular file is refused rather than
// repaired: the secrets in it may already have leaked, and the administrator has to know. A file
// that does not parse is reported and left untouched, so a hand edit gone wrong loses nothing.
class FileSecretStore : public SecretStore
{
    Q_OBJECT
public:
    static constexpr int formatVersion = 1;
    static QString formatName() { return QStringLiteral("umgate-secrets"); }

    // keychainUnavailableReason: why Auto mode did not pick the Secret Service (empty if the file
    // was chosen deliberately); it becomes part of description() so the engine's log says it.
    explicit FileSecretStore(const QString& path, const QString& keychainUnavailableReason = QString(),
                             QObject* parent = nullptr);

    Backend backend() const override { return Backend::File; }
    QString description() const override;
    QString path() const { return m_path; }
    QString keychainUnavailableReason() const { return m_keychainUnavailableReason; }

    void read(const QString& key, ReadCallback done) override;
    void write(const QString& key, const QString& value, DoneCallback done) override;
    void remove(const QString& key, DoneCallback done) override;

    // Synchronous validation of an existing file (permissions, owner, format) for a startup
    // check; empty = usable. A missing file is usable.
    QString check() const;

private:
    bool load(QMap<QString, QString>* secrets, QString* error) const;
    bool save(const QMap<QString, QString>& secrets, QString* error) const;
    void deliver(std::function<void()> call);

    QString m_path;
    QString m_keychainUnavailableReason;
};

} // namespace umgate
