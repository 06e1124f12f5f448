// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>

namespace umgate {

// The bytes of an instance export file. config.export answers with the document; the engine,
// umgatectl and the console all write it with text(), so every export of one config is the same
// bytes (export, import, export is byte-for-byte identical: QJsonObject sorts its keys).
class ExportFormat
{
public:
    static QByteArray text(const QJsonObject& document);
};

} // namespace umgate
