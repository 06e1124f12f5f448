// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QObject>
#include <QString>
#include <functional>
#include <optional>

namespace umgate {

// Where passwords live. Never the config file, never an export, never a log line.
// Every call is asynchronous: a Secret Service answers over D-Bus, and the engine's event loop
// must not wait for it. Callbacks run on the thread that owns the store.
class SecretStore : public QObject
{
    Q_OBJECT
public:
    enum class Backend
    {
        Keychain,
        File
    };
    enum class Mode
    {
        Auto,
        Keychain,
        File
    };

    using ReadCallback = std::function<void(std::optional<QString> value, const QString& error)>;
    using DoneCallback = std::function<void(const QString& error)>; // empty error = success

    using QObject::QObject;
    ~SecretStore() override = default;

    virtual Backend backend() const = 0;
    virtual QString description() const = 0; // e.g. "Secret Service (gnome-keyring)" or the file path

    // A missing key is not an error: value is std::nullopt and error is empty.
    virtual void read(const QString& key, ReadCallback done) = 0;
    virtual void write(const QString& key, const QString& value, DoneCallback done) = 0;
    virtual void remove(const QString& key, DoneCallback done) = 0;

    // Auto: QtKeychain when a Secret Service answers a probe, else the 0600 file
    // DATA_DIR/secrets. Keychain mode without a Secret Service fails (no silent fallback);
    // File mode never touches D-Bus. `service` namespaces the keychain entries.
    static void open(const QString& dataDir, Mode mode, const QString& service, QObject* parent,
                     const std::function<void(SecretStore* store, const QString& error)>& done);
};

} // namespace umgate
