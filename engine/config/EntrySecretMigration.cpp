// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/config/EntrySecretMigration.h"

#include "engine/config/ConfigStore.h"
#include "engine/core/Log.h"
#include "engine/secrets/SecretStore.h"

#include <QPointer>
#include <memory>

using namespace Qt::StringLiterals;

namespace umgate::EntrySecretMigration {

namespace {
struct Run
{
    QPointer<ConfigStore> store;
    QPointer<SecretStore> secrets;
    QStringList ids;
    qsizetype next = 0;
    std::function<void()> done;
    // The instance in progress
    QString id;
    QList<InstanceConfig::SecretMove> moves;
    QStringList orphans;
    QStringList copied; // new paths that got a value
};
using RunPtr = std::shared_ptr<Run>;

void nextInstance(const RunPtr& run);

void giveUp(const RunPtr& run, const QString& error)
{
    Log::warning(run->id, u"stored passwords of list entries could not be moved to their entry ids (%1); "
                          "this is tried again at the next start"_s.arg(error));
    nextInstance(run);
}

void commit(const RunPtr& run)
{
    const InstanceConfig* current = run->store ? run->store->find(run->id) : nullptr;
    if (!current || !run->secrets) {
        nextInstance(run);
        return;
    }
    InstanceConfig updated = *current;
    QStringList gone;
    for (const InstanceConfig::SecretMove& m : run->moves) {
        updated.secretsSet.removeAll(m.from);
        gone << m.from;
        if (run->copied.contains(m.to) && !updated.secretsSet.contains(m.to)) updated.secretsSet << m.to;
    }
    for (const QString& orphan : run->orphans) {
        updated.secretsSet.removeAll(orphan);
        gone << orphan;
    }
    ValidationErrors errors;
    QString ioError;
    if (!run->store->save(updated, &errors, &ioError, run->copied)) {
        giveUp(run, ioError.isEmpty() && !errors.isEmpty() ? errors.first().reason : ioError);
        return;
    }
    // Only now: until the config names the new paths, the old secrets are what it refers to.
    for (const QString& path : gone)
        run->secrets->remove(InstanceConfig::secretStoreKey(run->id, path), [](const QString&) {});
    Log::info(run->id, u"stored passwords of list entries now follow their entries (%1 moved, %2 dropped)"_s
                           .arg(run->copied.size())
                           .arg(gone.size() - run->copied.size()));
    nextInstance(run);
}

void copy(const RunPtr& run, qsizetype i)
{
    if (!run->secrets) {
        nextInstance(run);
        return;
    }
    if (i == run->moves.size()) {
        commit(run);
        return;
    }
    const InstanceConfig::SecretMove move = run->moves.at(i);
    if (move.to.isEmpty()) { // its entry is gone: the secret goes with it
        copy(run, i + 1);
        return;
    }
    run->secrets->read(InstanceConfig::secretStoreKey(run->id, move.from),
                       [run, i, move](std::optional<QString> value, const QString& error) {
                           if (!error.isEmpty()) return giveUp(run, error);
                           if (!value || !run->secrets) return copy(run, i + 1);
                           run->secrets->write(InstanceConfig::secretStoreKey(run->id, move.to), *value,
                                               [run, i, move](const QString& writeError) {
                                                   if (!writeError.isEmpty()) return giveUp(run, writeError);
                                                   run->copied << move.to;
                                                   copy(run, i + 1);
                                               });
                       });
}

void nextInstance(const RunPtr& run)
{
    while (run->store && run->next < run->ids.size()) {
        run->id = run->ids.at(run->next++);
        const InstanceConfig* config = run->store->find(run->id);
        if (!config) continue;
        run->moves = config->positionalSecrets();
        run->orphans = config->orphanedEntrySecrets();
        run->copied.clear();
        if (run->moves.isEmpty() && run->orphans.isEmpty()) continue;
        copy(run, 0);
        return;
    }
    if (run->done) {
        auto done = std::move(run->done);
        run->done = nullptr;
        done();
    }
}
} // namespace

void run(ConfigStore* store, SecretStore* secrets, std::function<void()> done)
{
    auto r = std::make_shared<Run>();
    r->store = store;
    r->secrets = secrets;
    r->done = std::move(done);
    if (store && secrets) r->ids = store->ids(); // without a store nothing can be read or moved
    nextInstance(r);
}

} // namespace umgate::EntrySecretMigration
