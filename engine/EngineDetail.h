// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Engine internals shared by Engine.cpp (life cycle, dispatch) and EngineHandlers.cpp (the
// handlers that change stored state, and the instance logs): RPC field names and the
// validation error every config change answers with. Not for use outside the Engine class.

#include "engine/config/ConfigEdit.h"
#include "engine/config/SettingsSchema.h"
#include "engine/rpc/RpcProtocol.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <unistd.h>

namespace umgate::engine_detail {

using rpc::ErrorCode;
using rpc::makeError;

inline const QString kId = QStringLiteral("id");
inline const QString kName = QStringLiteral("name");
inline const QString kValues = QStringLiteral("values");
inline const QString kEnabled = QStringLiteral("enabled");

inline QJsonArray errorsJson(const ValidationErrors& errors)
{
    QJsonArray list;
    for (const auto& e : errors)
        list.append(QJsonObject{{QStringLiteral("key"), e.key}, {QStringLiteral("reason"), e.reason}});
    return list;
}

inline rpc::Error validationError(const ValidationErrors& errors)
{
    const QString first = errors.isEmpty()
                              ? QString()
                              : QStringLiteral("%1: %2").arg(errors.first().key, errors.first().reason);
    return makeError(ErrorCode::ValidationFailed,
                     errors.size() > 1 ? QStringLiteral("%1 (and %2 more)").arg(first).arg(errors.size() - 1)
                                       : first,
                     QJsonObject{{QStringLiteral("errors"), errorsJson(errors)}});
}

inline qint64 residentKb()
{
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly)) return 0;
    const QList<QByteArray> parts = f.readAll().split(' ');
    return parts.size() > 1 ? parts.at(1).toLongLong() * (::sysconf(_SC_PAGESIZE) / 1024) : 0;
}

using ConfigEdit::SecretChange;

} // namespace umgate::engine_detail
