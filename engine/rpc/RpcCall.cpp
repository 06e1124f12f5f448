// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/rpc/RpcCall.h"

#include <QJsonDocument>

namespace umgate {

void RpcReplySink::replySerialized(const QByteArray& resultJson)
{
    reply(QJsonDocument::fromJson(resultJson).object(), std::nullopt);
}

} // namespace umgate
