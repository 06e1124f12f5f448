// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/client/ExportFormat.h"

#include <QJsonDocument>

namespace umgate {

QByteArray ExportFormat::text(const QJsonObject& document)
{
    return QJsonDocument(document).toJson(QJsonDocument::Indented);
}

} // namespace umgate
