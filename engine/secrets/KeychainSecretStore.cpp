// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/secrets/KeychainSecretStore.h"

#include <QTimer>
#include <memory>
#include <qt6keychain/keychain.h>

namespace umgate {

namespace {

QString jobError(const QKeychain::Job* job)
{
    return QStringLiteral("Secret Service: %1").arg(job->errorString());
}

QString timeoutError(int ms)
{
    return QStringLiteral("Secret Service: no answer within %1 ms (keyring locked or daemon not responding)")
        .arg(ms);
}

// Starts `job` and calls exactly one of onFinished / onTimeout, in the store's thread, unless the
// store is gone by then. A running job must never be deleted: libsecret calls back into it when
// the D-Bus reply finally comes (a deleted job crashes there). So the job is not a child of the
// store, a timeout only stops waiting for it, and the job deletes itself once it has finished.
void startJob(QObject* store, QKeychain::Job* job, int timeoutMs,
              std::function<void(QKeychain::Job*)> onFinished, std::function<void()> onTimeout)
{
    auto answered = std::make_shared<bool>(false);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // a plain-text fallback would be a silent downgrade
    QObject::connect(job, &QKeychain::Job::finished, store,
                     [answered, onFinished = std::move(onFinished)](QKeychain::Job* finished) {
                         if (*answered) return;
                         *answered = true;
                         onFinished(finished);
                     });
    if (timeoutMs > 0) {
        // Child of the job: a job that finishes takes its timer with it.
        auto* timer = new QTimer(job);
        timer->setSingleShot(true);
        QObject::connect(timer, &QTimer::timeout, store, [answered, onTimeout = std::move(onTimeout)] {
            if (*answered) return;
            *answered = true;
            onTimeout();
        });
        timer->start(timeoutMs);
    }
    job->start();
}

} // namespace

KeychainSecretStore::KeychainSecretStore(const QString& service, QObject* parent)
    : SecretStore(parent), m_service(service)
{
}

QString KeychainSecretStore::description() const
{
    return QStringLiteral("Secret Service on the D-Bus session bus (service \"%1\")").arg(m_service);
}

void KeychainSecretStore::read(const QString& key, ReadCallback done)
{
    auto* job = new QKeychain::ReadPasswordJob(m_service);
    job->setKey(key);
    auto shared = std::make_shared<ReadCallback>(std::move(done));
    const int ms = m_timeoutMs;
    startJob(
        this, job, ms,
        [shared](QKeychain::Job* finished) {
            switch (finished->error()) {
            case QKeychain::NoError:
                (*shared)(static_cast<QKeychain::ReadPasswordJob*>(finished)->textData(), QString());
                break;
            case QKeychain::EntryNotFound:
                (*shared)(std::nullopt, QString());
                break;
            default:
                (*shared)(std::nullopt, jobError(finished));
            }
        },
        [shared, ms] { (*shared)(std::nullopt, timeoutError(ms)); });
}

void KeychainSecretStore::write(const QString& key, const QString& value, DoneCallback done)
{
    auto* job = new QKeychain::WritePasswordJob(m_service);
    job->setKey(key);
    job->setTextData(value);
    auto shared = std::make_shared<DoneCallback>(std::move(done));
    const int ms = m_timeoutMs;
    startJob(
        this, job, ms,
        [shared](QKeychain::Job* finished) {
            (*shared)(finished->error() == QKeychain::NoError ? QString() : jobError(finished));
        },
        [shared, ms] { (*shared)(timeoutError(ms)); });
}

void KeychainSecretStore::remove(const QString& key, DoneCallback done)
{
    auto* job = new QKeychain::DeletePasswordJob(m_service);
    job->setKey(key);
    auto shared = std::make_shared<DoneCallback>(std::move(done));
    const int ms = m_timeoutMs;
    startJob(
        this, job, ms,
        [shared](QKeychain::Job* finished) {
            // Removing what is not there leaves the store as asked, as with the file backend.
            const bool ok =
                finished->error() == QKeychain::NoError || finished->error() == QKeychain::EntryNotFound;
            (*shared)(ok ? QString() : jobError(finished));
        },
        [shared, ms] { (*shared)(timeoutError(ms)); });
}

} // namespace umgate
