// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/config/InstanceConfig.h"

#include <QJsonObject>
#include <optional>

namespace umgate {

// config.set's arithmetic, apart from the RPC plumbing in Engine: the next config from a change
// request, the secrets it writes or removes, and the values as clients see them (secrets as
// markers). Secrets of object-list entries are keyed by the entry's id, never its position.
namespace ConfigEdit {

struct SecretChange
{
    QString path;                 // schema key or "KEY[entryId].field"
    std::optional<QString> value; // nullopt = remove
};

// Fills in the id of every object-list entry in `values` that has none. Done once per request,
// before anything else, so that the secrets written first and the config written after them
// name the same entries.
QJsonObject withEntryIds(const QJsonObject& values);

// Builds the next config from `base` and the requested changes. Secret values are split off into
// `secrets`; a secret marker ({"secret":true,...}) as sent back by a console means "keep" (which
// keeps nothing for an entry id the base does not have). Secrets of entries that are gone are
// removed.
ValidationErrors buildNext(const InstanceConfig& base, const QJsonObject& values, InstanceConfig* next,
                           QList<SecretChange>* secrets);

// The settings as clients see them: secrets as {"secret": true, "set": bool}.
QJsonObject valuesWithSecretMarkers(const InstanceConfig& config);

} // namespace ConfigEdit
} // namespace umgate
