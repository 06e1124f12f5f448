// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/secrets/SecretStore.h"

#include <QTest>
#include <memory>
#include <optional>

// Synchronous wrappers over the asynchronous SecretStore API for the tests: each call spins the
// event loop, bounded, until its callback has run.
namespace umgate::test {

inline bool waitFor(const bool& flag, int ms = 20000)
{
    return QTest::qWaitFor([&flag] { return flag; }, ms);
}

struct ReadResult
{
    bool called = false;
    std::optional<QString> value;
    QString error;
};

struct DoneResult
{
    bool called = false;
    QString error;
};

struct OpenResult
{
    bool called = false;
    SecretStore* store = nullptr;
    QString error;
};

inline std::shared_ptr<ReadResult> readNow(SecretStore* store, const QString& key)
{
    auto r = std::make_shared<ReadResult>();
    store->read(key, [r](std::optional<QString> value, const QString& error) {
        r->called = true;
        r->value = std::move(value);
        r->error = error;
    });
    waitFor(r->called);
    return r;
}

inline std::shared_ptr<DoneResult> doneNow(const std::function<void(SecretStore::DoneCallback)>& call)
{
    auto r = std::make_shared<DoneResult>();
    call([r](const QString& error) {
        r->called = true;
        r->error = error;
    });
    waitFor(r->called);
    return r;
}

inline std::shared_ptr<DoneResult> writeNow(SecretStore* store, const QString& key, const QString& value)
{
    return doneNow([&](SecretStore::DoneCallback done) { store->write(key, value, std::move(done)); });
}

inline std::shared_ptr<DoneResult> removeNow(SecretStore* store, const QString& key)
{
    return doneNow([&](SecretStore::DoneCallback done) { store->remove(key, std::move(done)); });
}

inline std::shared_ptr<OpenResult> openNow(const QString& dataDir, SecretStore::Mode mode,
                                           const QString& service, QObject* parent)
{
    auto r = std::make_shared<OpenResult>();
    SecretStore::open(dataDir, mode, service, parent, [r](SecretStore* store, const QString& error) {
        r->called = true;
        r->store = store;
        r->error = error;
    });
    waitFor(r->called);
    return r;
}

} // namespace umgate::test
