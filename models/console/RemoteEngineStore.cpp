// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/console/RemoteEngineStore.h"

#include <QPointer>
#include <QSettings>
#include <qt6keychain/keychain.h>

using namespace Qt::StringLiterals;

namespace umgate {

namespace {
const QString kGroup = u"remoteEngines"_s;
constexpr int kMaxEntries = 64; // a list an administrator maintains by hand
} // namespace

RemoteEngineStore::RemoteEngineStore(QObject* parent) : QObject(parent) {}

QString RemoteEngineStore::keychainService()
{
    return u"umgate-console"_s;
}

QList<RemoteEngineStore::Entry> RemoteEngineStore::entries() const
{
    QSettings settings;
    QList<Entry> out;
    const int n = std::min(settings.beginReadArray(kGroup), kMaxEntries);
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        const QUrl url(settings.value(u"url"_s).toString());
        if (url.isValid()) out.append({url, settings.value(u"caFile"_s).toString()});
    }
    settings.endArray();
    return out;
}

void RemoteEngineStore::remember(const Entry& entry, const QString& token,
                                 const std::function<void(const QString&)>& done)
{
    QList<Entry> list = entries();
    list.removeIf([&entry](const Entry& e) { return e.url == entry.url; });
    list.append(entry);
    writeEntries(list);

    auto* job = new QKeychain::WritePasswordJob(keychainService(), this);
    job->setAutoDelete(true);
    job->setKey(entry.url.toString());
    job->setTextData(token);
    connect(job, &QKeychain::Job::finished, this, [done](QKeychain::Job* j) {
        if (done) done(j->error() == QKeychain::NoError ? QString() : j->errorString());
    });
    job->start();
}

void RemoteEngineStore::writeEntries(const QList<Entry>& list)
{
    QSettings settings;
    settings.remove(kGroup);
    settings.beginWriteArray(kGroup, int(list.size()));
    for (int i = 0; i < list.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(u"url"_s, list.at(i).url.toString());
        settings.setValue(u"caFile"_s, list.at(i).caFile);
    }
    settings.endArray();
}

void RemoteEngineStore::forget(const QUrl& url)
{
    QList<Entry> list = entries();
    list.removeIf([&url](const Entry& e) { return e.url == url; });
    writeEntries(list);
    auto* job = new QKeychain::DeletePasswordJob(keychainService(), this);
    job->setAutoDelete(true);
    job->setKey(url.toString());
    job->start();
}

void RemoteEngineStore::readToken(const QUrl& url,
                                  const std::function<void(const QString&, const QString&)>& done)
{
    auto* job = new QKeychain::ReadPasswordJob(keychainService(), this);
    job->setAutoDelete(true);
    job->setKey(url.toString());
    connect(job, &QKeychain::Job::finished, this, [done](QKeychain::Job* j) {
        if (j->error() != QKeychain::NoError) {
            done(QString(), j->errorString());
            return;
        }
        done(static_cast<QKeychain::ReadPasswordJob*>(j)->textData(), QString());
    });
    job->start();
}

} // namespace umgate
