// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/secrets/SecretStore.h"

#include "engine/client/Paths.h"
#include "engine/secrets/FileSecretStore.h"
#include "engine/secrets/KeychainSecretStore.h"

#include <QPointer>
#include <QTimer>

namespace umgate {

namespace {

// Bounds the probe so a D-Bus daemon that accepts the connection but never answers cannot stall
// the engine's startup.
constexpr int probeTimeoutMs = 5000;

// Never written: reading it tells "the Secret Service answers" (found or not found) apart from
// "nobody is there", which QtKeychain reports as OtherError, not as NoBackendAvailable.
QString probeKey()
{
    return QStringLiteral("umgate-probe");
}

} // namespace

void SecretStore::open(const QString& dataDir, Mode mode, const QString& service, QObject* parent,
                       const std::function<void(SecretStore* store, const QString& error)>& done)
{
    const QString filePath = Paths(dataDir).secretsFile();
    // Answer from the event loop in every case, as the keychain probe must.
    auto answer = [done](SecretStore* store, const QString& error) {
        QTimer::singleShot(
            0, [done, store = QPointer<SecretStore>(store), error] { done(store.data(), error); });
    };

    if (mode == Mode::File) {
        answer(new FileSecretStore(filePath, QString(), parent), QString());
        return;
    }

    // Without a session bus libsecret would try to autolaunch one (dbus-launch wants X11); there
    // is nothing to ask.
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        const QString why =
            QStringLiteral("DBUS_SESSION_BUS_ADDRESS is not set, so there is no D-Bus session bus");
        if (mode == Mode::Keychain)
            answer(nullptr, QStringLiteral("secret store \"keychain\" requested, but %1").arg(why));
        else
            answer(new FileSecretStore(filePath, why, parent), QString());
        return;
    }

    auto* keychain = new KeychainSecretStore(service, parent);
    keychain->setTimeout(probeTimeoutMs);
    keychain->read(probeKey(), [keychain, mode, filePath, parent, done](const std::optional<QString>&,
                                                                        const QString& error) {
        keychain->setTimeout(KeychainSecretStore::defaultTimeoutMs);
        if (error.isEmpty()) {
            done(keychain, QString());
            return;
        }
        // Deleted later: this callback runs inside the store's own connection.
        keychain->deleteLater();
        if (mode == Mode::Keychain)
            done(nullptr,
                 QStringLiteral("secret store \"keychain\" requested, but the Secret Service does not "
                                "answer: %1")
                     .arg(error));
        else
            done(new FileSecretStore(filePath, error, parent), QString());
    });
}

} // namespace umgate
