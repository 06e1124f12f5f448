// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/config/ConfigChange.h"

#include "engine/config/ConfigStore.h"
#include "engine/secrets/SecretStore.h"

#include <QPointer>
#include <memory>

namespace umgate::ConfigChange {

namespace {

using ConfigEdit::SecretChange;

Outcome commit(ConfigStore& store, const QString& id, const QJsonObject& values)
{
    Outcome outcome;
    const InstanceConfig* base = store.find(id);
    if (!base) {
        outcome.failure =
            Failure{Failure::Kind::NotFound, QStringLiteral("instance %1 was deleted meanwhile").arg(id)};
        return outcome;
    }
    InstanceConfig updated;
    QList<SecretChange> changes;
    outcome.invalid = ConfigEdit::buildNext(*base, values, &updated, &changes);
    QStringList changedSecrets;
    for (const SecretChange& s : changes) {
        updated.secretsSet.removeAll(s.path);
        if (s.value) updated.secretsSet.append(s.path);
        changedSecrets.append(s.path);
    }
    QString ioError;
    if (!outcome.invalid.isEmpty() || !store.save(updated, &outcome.invalid, &ioError, changedSecrets)) {
        if (!ioError.isEmpty()) outcome.failure = Failure{Failure::Kind::Io, ioError};
        return outcome;
    }
    outcome.saved = updated;
    return outcome;
}

// Writes secret i, then i + 1, ...; the last one commits the config. A failed write stops there.
struct SecretWrites : std::enable_shared_from_this<SecretWrites>
{
    QPointer<ConfigStore> store;
    QPointer<SecretStore> secrets;
    QString id;
    QJsonObject values;
    QList<SecretChange> changes;
    std::function<void(const Outcome&)> done;

    void step(qsizetype i)
    {
        if (!store || !secrets) return; // the engine is going down
        if (i == changes.size()) {
            done(commit(*store, id, values));
            return;
        }
        const SecretChange& s = changes.at(i);
        auto next = [self = shared_from_this(), i, path = s.path](const QString& error) {
            if (error.isEmpty()) {
                self->step(i + 1);
                return;
            }
            Outcome outcome;
            outcome.failure = Failure{Failure::Kind::Unavailable, QStringLiteral("%1: %2").arg(path, error)};
            self->done(outcome);
        };
        const QString key = InstanceConfig::secretStoreKey(id, s.path);
        if (s.value)
            secrets->write(key, *s.value, next);
        else
            secrets->remove(key, next);
    }
};

} // namespace

void store(ConfigStore* store, SecretStore* secrets, const QString& id, const QJsonObject& values,
           const QList<SecretChange>& secretChanges, std::function<void(const Outcome&)> done)
{
    if (secretChanges.isEmpty()) {
        done(commit(*store, id, values));
        return;
    }
    auto writes = std::make_shared<SecretWrites>();
    writes->store = store;
    writes->secrets = secrets;
    writes->id = id;
    writes->values = values;
    writes->changes = secretChanges;
    writes->done = std::move(done);
    writes->step(0);
}

} // namespace umgate::ConfigChange
