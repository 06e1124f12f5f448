// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/client/RpcProtocol.h"
#include "engine/config/SettingsSchema.h"
#include "engine/core/Failure.h"

#include <QJsonArray>

namespace umgate::rpc {

// The error code of each kind of failure: the one place they are paired.
Error failureError(const Failure& failure);

// A request's settings are wrong: ValidationFailed with every {key, reason}, the message naming
// the first. config.set, config.validate, instance.create and misc.set answer with it.
Error validationError(const ValidationErrors& errors);
QJsonArray errorsJson(const ValidationErrors& errors);

} // namespace umgate::rpc
