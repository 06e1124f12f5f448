// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>
#include <functional>

namespace umgate {

// The remote engines the console remembers: address and CA file in QSettings, the admin token in
// the system keychain (QtKeychain), never in QSettings. Reading and writing the keychain is
// asynchronous; a keychain that does not answer just means the token must be typed again.
class RemoteEngineStore : public QObject
{
    Q_OBJECT
public:
    struct Entry
    {
        QUrl url;
        QString caFile;
    };

    explicit RemoteEngineStore(QObject* parent = nullptr);

    QList<Entry> entries() const;
    // Remembers the engine and stores its token; done(error) with an empty error on success.
    void remember(const Entry& entry, const QString& token,
                  const std::function<void(const QString& error)>& done = {});
    void forget(const QUrl& url);
    // done(token, error): the token, or an empty token and why it could not be read.
    void readToken(const QUrl& url,
                   const std::function<void(const QString& token, const QString& error)>& done);

    static QString keychainService();

private:
    // Addresses and CA files only: the tokens live in the keychain.
    static void writeEntries(const QList<Entry>& list);
};

} // namespace umgate
