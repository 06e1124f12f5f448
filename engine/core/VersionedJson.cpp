// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/VersionedJson.h"

#include <QFile>
#include <QJsonDocument>

namespace umgate {

std::optional<QJsonObject> VersionedJson::parse(const QByteArray& data, const QString& format, int version,
                                                QString* error)
{
    auto fail = [error](const QString& why) {
        if (error) *error = why;
        return std::nullopt;
    };
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &pe);
    if (pe.error != QJsonParseError::NoError)
        return fail(QStringLiteral("not valid JSON (%1 at byte %2)").arg(pe.errorString()).arg(pe.offset));
    if (!doc.isObject()) return fail(QStringLiteral("not a JSON object"));
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("format")).toString() != format)
        return fail(QStringLiteral("\"format\" is not \"%1\"").arg(format));
    const QJsonValue v = root.value(QStringLiteral("version"));
    if (!v.isDouble() || v.toDouble() != double(version)) {
        const QString shown = v.isDouble()      ? QString::number(v.toDouble())
                              : v.isUndefined() ? QStringLiteral("(missing)")
                                                : QStringLiteral("(not a number)");
        return fail(
            QStringLiteral("format version %1; this umgate reads version %2 only").arg(shown).arg(version));
    }
    return root;
}

std::optional<QJsonObject> VersionedJson::read(const QString& path, const QString& format, int version,
                                               QString* error, bool* exists)
{
    QFile f(path);
    if (exists) *exists = f.exists();
    if (!f.exists()) return QJsonObject();
    if (!f.open(QIODevice::ReadOnly)) {
        if (error) *error = QStringLiteral("cannot read %1: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    QString why;
    auto root = parse(f.readAll(), format, version, &why);
    if (!root && error) *error = QStringLiteral("%1: %2").arg(path, why);
    return root;
}

} // namespace umgate
