// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/config/ConfigEdit.h"
#include "engine/core/Failure.h"

#include <functional>
#include <optional>

namespace umgate {

class ConfigStore;
class SecretStore;

// Stores a checked config.set: the secrets it writes or removes go to the secret store first, one
// after the other, and the config second, so the stored config never claims a password that is
// not stored. The config is rebuilt from the instance as it is by then: another change may have
// landed while the secret store answered.
namespace ConfigChange {

struct Outcome
{
    std::optional<InstanceConfig> saved; // the config as stored, on success
    ValidationErrors invalid;            // the change no longer fits the instance
    std::optional<Failure> failure;      // NotFound (deleted meanwhile), Unavailable, Io
};

// `values` must carry their entry ids (ConfigEdit::withEntryIds) and `secrets` be what
// ConfigEdit::buildNext split off them. `done` runs once; at once when there are no secrets.
void store(ConfigStore* store, SecretStore* secrets, const QString& id, const QJsonObject& values,
           const QList<ConfigEdit::SecretChange>& secretChanges, std::function<void(const Outcome&)> done);

} // namespace ConfigChange
} // namespace umgate
