// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <optional>

namespace umgate {

// Every file the engine keeps is a JSON object {"format": NAME, "version": N, ...}. One reader
// checks that shape, so every file reports damage the same way.
class VersionedJson
{
public:
    // The root object, or nullopt with the reason in `error` (no path in it).
    static std::optional<QJsonObject> parse(const QByteArray& data, const QString& format, int version,
                                            QString* error);
    // Reads and parses `path`. A missing file is not an error: an empty object and *exists = false.
    // Errors name the path.
    static std::optional<QJsonObject> read(const QString& path, const QString& format, int version,
                                           QString* error, bool* exists = nullptr);
};

} // namespace umgate
