// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

// The validators a client runs before it asks the engine (the wizard's Next button may not wait for
// a round trip). The engine's SettingValidators.h has the rest and includes these, so one rule
// serves both sides.
namespace umgate::validators {

QString instanceId(const QString& value); // [A-Za-z][A-Za-z0-9_-]{0,63}
// A value inside a reason, quoted, without letting CR/LF or a huge paste leak into logs and dialogs.
QString quoted(const QString& value);

} // namespace umgate::validators
