// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>

namespace umgate {

class ConfigStore;
class SecretStore;

// Secrets of object-list entries used to be keyed by position ("ID/KEY[2].password"), so
// deleting entry 1 handed its password to the entry after it. They are keyed by the entry's id
// now ("ID/KEY[id].password"). This moves the old ones once, at start, after the secret store
// opened and before anything reads a password, and drops secrets whose entry no longer exists.
//
// The order makes a crash at any point harmless; the next start finishes the job:
//   1. the entries' ids are stored (ConfigStore::load does that when it reads the file);
//   2. each positional secret is copied to its entry's id (copying again is idempotent);
//   3. the config is stored naming the new paths;
//   4. the old secrets are removed.
// A secret store error leaves that instance as it was, to be tried at the next start.
namespace EntrySecretMigration {
void run(ConfigStore* store, SecretStore* secrets, std::function<void()> done);
}

} // namespace umgate
