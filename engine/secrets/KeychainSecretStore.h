// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/secrets/SecretStore.h"

namespace umgate {

// Secrets in the user's Secret Service (gnome-keyring, KWallet's Secret Service, KeePassXC, ...)
// through QtKeychain. Entries are (service, key); the service namespaces umgate's entries.
// QtKeychain runs its jobs one after the other, so calls are answered in the order they were made.
class KeychainSecretStore : public SecretStore
{
    Q_OBJECT
public:
    static constexpr int defaultTimeoutMs = 30000;

    explicit KeychainSecretStore(const QString& service, QObject* parent = nullptr);

    Backend backend() const override { return Backend::Keychain; }
    QString description() const override;
    QString service() const { return m_service; }

    // A locked keyring may wait for a prompt nobody answers, and a wedged daemon never answers:
    // after this long the callback gets an error (a late answer is then ignored).
    void setTimeout(int ms) { m_timeoutMs = ms; }
    int timeout() const { return m_timeoutMs; }

    void read(const QString& key, ReadCallback done) override;
    void write(const QString& key, const QString& value, DoneCallback done) override;
    void remove(const QString& key, DoneCallback done) override;

private:
    QString m_service;
    int m_timeoutMs = defaultTimeoutMs;
};

} // namespace umgate
