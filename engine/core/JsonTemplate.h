// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <span>

namespace umgate {

// A compact JSON text with holes for a few integers that change between uses. Built once by
// Qt's own writer from an object whose changing fields hold placeholder(0), placeholder(1), ...
// (anywhere, in any order), so the bytes are exactly what QJsonDocument would write; fill() then
// only copies bytes and prints the numbers. For answers asked for far more often than they change
// (engine.status).
class JsonTemplate
{
public:
    // A number no real field takes (placeholders are far below any count or size).
    static qint64 placeholder(int hole);

    // False if a placeholder does not appear exactly once in the text (a string value that
    // happens to contain one): the caller then serialises as usual.
    bool build(const QJsonObject& object, int holes);
    bool isValid() const { return !m_parts.isEmpty(); }
    void clear();

    // The text with hole i holding values[i]; values.size() must be the number of holes.
    QByteArray fill(std::span<const qint64> values) const;

private:
    QList<QByteArray> m_parts; // holes + 1 pieces around the holes, in text order
    QList<int> m_holeOrder;    // the hole after m_parts[i]
    qsizetype m_fixedBytes = 0;
};

} // namespace umgate
