// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/config/SettingsSchema.h"

namespace umgate {

// The generic check of one value against its table entry, for every setting alike: JSON type,
// range (Int), entry count and per-entry range (lists), fields and entry ids (object lists), then
// the entry's own `check`. Errors name the path: "key", "key[2]", "key[1].port".
void checkSettingValue(const SettingDef& def, const QJsonValue& value, ValidationErrors& out);

// The longest text a String setting takes.
inline constexpr int kMaxSettingTextLength = 4096;

} // namespace umgate
