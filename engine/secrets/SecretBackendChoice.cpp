// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/secrets/SecretBackendChoice.h"

#include "engine/core/AtomicFile.h"
#include "engine/core/Log.h"

#include <QFile>

namespace umgate {

namespace {
SecretStore::Mode storeMode(SecretsBackend backend)
{
    switch (backend) {
    case SecretsBackend::Auto:
        break;
    case SecretsBackend::Keychain:
        return SecretStore::Mode::Keychain;
    case SecretsBackend::File:
        return SecretStore::Mode::File;
    }
    return SecretStore::Mode::Auto;
}
} // namespace

SecretBackendChoice::SecretBackendChoice(const QString& backendFile, SecretsBackend configured,
                                         bool anySecrets)
    : m_backendFile(backendFile), m_mode(storeMode(configured))
{
    QFile f(backendFile);
    if (f.open(QIODevice::ReadOnly)) m_recorded = f.readAll().trimmed();
    m_pinned =
        m_mode == SecretStore::Mode::Auto && anySecrets && (m_recorded == "keychain" || m_recorded == "file");
    if (m_pinned) m_mode = m_recorded == "keychain" ? SecretStore::Mode::Keychain : SecretStore::Mode::File;
}

QString SecretBackendChoice::problem(const QString& openError) const
{
    if (!m_pinned) return openError;
    return QStringLiteral("this engine's passwords are in the Secret Service (see %1), which does not answer "
                          "now (%2)")
        .arg(m_backendFile, openError);
}

void SecretBackendChoice::record(const SecretStore& store) const
{
    const QByteArray name = store.backend() == SecretStore::Backend::Keychain ? "keychain" : "file";
    QString writeError;
    if (name != m_recorded && !AtomicFile::write(m_backendFile, name + '\n', &writeError, 0600))
        Log::warning({}, writeError);
}

} // namespace umgate
