// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/rpc/RpcFailure.h"

#include <QJsonObject>

namespace umgate::rpc {

Error failureError(const Failure& failure)
{
    switch (failure.kind) {
    case Failure::Kind::Invalid:
        return makeError(ErrorCode::InvalidParams, failure.message);
    case Failure::Kind::NotFound:
        return makeError(ErrorCode::NotFound, failure.message);
    case Failure::Kind::Exists:
        return makeError(ErrorCode::Conflict, failure.message);
    case Failure::Kind::Unavailable:
        return makeError(ErrorCode::SecretStoreUnavailable, failure.message);
    case Failure::Kind::Io:
        break;
    }
    return makeError(ErrorCode::InternalError, failure.message);
}

QJsonArray errorsJson(const ValidationErrors& errors)
{
    QJsonArray list;
    for (const auto& e : errors)
        list.append(QJsonObject{{field::key, e.key}, {field::reason, e.reason}});
    return list;
}

Error validationError(const ValidationErrors& errors)
{
    const QString first = errors.isEmpty()
                              ? QString()
                              : QStringLiteral("%1: %2").arg(errors.first().key, errors.first().reason);
    return makeError(ErrorCode::ValidationFailed,
                     errors.size() > 1 ? QStringLiteral("%1 (and %2 more)").arg(first).arg(errors.size() - 1)
                                       : first,
                     QJsonObject{{field::errors, errorsJson(errors)}});
}

} // namespace umgate::rpc
