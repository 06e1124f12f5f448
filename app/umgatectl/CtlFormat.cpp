// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/umgatectl/CtlFormat.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cmath>

namespace umgate {

QString CtlFormat::json(const QJsonValue& value)
{
    if (value.isUndefined()) return QStringLiteral("null");
    // QJsonDocument only serialises containers; wrap and unwrap the brackets.
    const QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(text.mid(1, text.size() - 2));
}

QString CtlFormat::cell(const QJsonValue& value)
{
    if (value.isString()) return value.toString();
    if (value.isBool()) return value.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
    if (value.isUndefined() || value.isNull()) return QStringLiteral("-");
    return json(value);
}

QString CtlFormat::settingValue(const QJsonValue& value)
{
    const QJsonObject o = value.toObject();
    if (value.isObject() && o.value(QStringLiteral("secret")).toBool() && o.contains(QStringLiteral("set")))
        return o.value(QStringLiteral("set")).toBool() ? QStringLiteral("<secret: set>")
                                                       : QStringLiteral("<secret: not set>");
    return json(value);
}

QString CtlFormat::table(const QStringList& headers, const QList<QStringList>& rows)
{
    QList<qsizetype> widths;
    for (const QString& h : headers)
        widths << h.size();
    for (const QStringList& row : rows)
        for (qsizetype c = 0; c < row.size() && c < widths.size(); ++c)
            widths[c] = std::max(widths[c], row.at(c).size());
    auto line = [&widths](const QStringList& cells) {
        QString out;
        for (qsizetype c = 0; c < cells.size(); ++c) {
            if (c > 0) out += QStringLiteral("  ");
            out += c + 1 < cells.size() && c < widths.size() ? cells.at(c).leftJustified(widths.at(c))
                                                             : cells.at(c);
        }
        while (out.endsWith(QLatin1Char(' ')))
            out.chop(1);
        return out + QLatin1Char('\n');
    };
    QString out = line(headers);
    for (const QStringList& row : rows)
        out += line(row);
    return out;
}

QString CtlFormat::duration(qint64 seconds)
{
    const qint64 d = seconds / 86400, h = seconds / 3600 % 24, m = seconds / 60 % 60, s = seconds % 60;
    QStringList parts;
    if (d) parts << QStringLiteral("%1d").arg(d);
    if (d || h) parts << QStringLiteral("%1h").arg(h);
    if (d || h || m) parts << QStringLiteral("%1m").arg(m);
    parts << QStringLiteral("%1s").arg(s);
    return parts.join(QLatin1Char(' '));
}

std::optional<bool> CtlFormat::parseSwitch(const QString& text)
{
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("on") || t == QLatin1String("true") || t == QLatin1String("yes") ||
        t == QLatin1String("1"))
        return true;
    if (t == QLatin1String("off") || t == QLatin1String("false") || t == QLatin1String("no") ||
        t == QLatin1String("0"))
        return false;
    return std::nullopt;
}

std::optional<QJsonValue> CtlFormat::parseValue(const QString& text, const QString& type, QString* reason)
{
    const QString t = type.toLower();
    if (t == QLatin1String("string") || t == QLatin1String("enum")) return QJsonValue(text);

    // Parse as the element of an array, so scalars ("25", "true") are JSON too.
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[") + text.toUtf8() + QByteArray("]"), &pe);
    const bool parsed = pe.error == QJsonParseError::NoError && doc.array().size() == 1;
    const QJsonValue v = parsed ? doc.array().at(0) : QJsonValue();

    if (t == QLatin1String("bool")) {
        if (parsed && v.isBool()) return v;
        if (const auto b = parseSwitch(text)) return QJsonValue(*b);
        *reason = QStringLiteral("expected true or false, got %1").arg(text);
        return std::nullopt;
    }
    if (t == QLatin1String("int")) {
        if (parsed && v.isDouble() && std::isfinite(v.toDouble()) && v.toDouble() == std::floor(v.toDouble()))
            return v;
        *reason = QStringLiteral("expected a whole number, got %1").arg(text);
        return std::nullopt;
    }
    if (t.endsWith(QLatin1String("list"))) {
        if (parsed && v.isArray()) return v;
        *reason =
            t == QLatin1String("objectlist")
                ? QStringLiteral("expected a JSON list of objects, e.g. [{\"host\":\"ldap1\",\"port\":389}]")
            : t == QLatin1String("intlist") ? QStringLiteral("expected a JSON list of numbers, e.g. [1,2]")
                                            : QStringLiteral("expected a JSON list, e.g. [\"a\",\"b\"]");
        if (parsed) return std::nullopt;
        *reason += QStringLiteral(" (%1 at offset %2)").arg(pe.errorString()).arg(std::max(0, pe.offset - 1));
        return std::nullopt;
    }
    if (parsed && !v.isString()) return v;
    return QJsonValue(text);
}

} // namespace umgate
