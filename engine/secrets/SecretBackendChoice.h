// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/config/MiscKeys.h"
#include "engine/secrets/SecretStore.h"

#include <QByteArray>
#include <QString>

namespace umgate {

// Which secret store the engine opens at start. Misc Setup secrets.backend says keychain, file
// or auto; auto decides once. Once passwords are stored, the engine stays with the backend that
// holds them (recorded in DIR/secrets-backend): silently switching because the keychain is down
// today, or came up, would make every stored password look missing.
class SecretBackendChoice
{
public:
    // backendFile: Paths::secretsBackendFile(); configured: secrets.backend; anySecrets: whether
    // any instance has a password stored.
    SecretBackendChoice(const QString& backendFile, SecretsBackend configured, bool anySecrets);

    SecretStore::Mode mode() const { return m_mode; }
    // What to report when the store did not open.
    QString problem(const QString& openError) const;
    // Records the backend that opened, for the next start. A failed write is logged.
    void record(const SecretStore& store) const;

private:
    QString m_backendFile;
    QByteArray m_recorded; // "keychain", "file" or nothing
    SecretStore::Mode m_mode = SecretStore::Mode::Auto;
    bool m_pinned = false; // auto, but the recorded backend holds the passwords
};

} // namespace umgate
