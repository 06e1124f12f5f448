// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/JsonTemplate.h"

#include <QJsonDocument>
#include <algorithm>

namespace umgate {

qint64 JsonTemplate::placeholder(int hole)
{
    return -7'777'777'777'000'000'000 - hole;
}

bool JsonTemplate::build(const QJsonObject& object, int holes)
{
    clear();
    const QByteArray text = QJsonDocument(object).toJson(QJsonDocument::Compact);
    QList<std::pair<qsizetype, int>> found; // text position, hole
    for (int i = 0; i < holes; ++i) {
        const QByteArray number = QByteArray::number(placeholder(i));
        const qsizetype at = text.indexOf(number);
        if (at < 0 || text.indexOf(number, at + number.size()) >= 0) return false;
        found.append({at, i});
    }
    std::sort(found.begin(), found.end());
    const qsizetype holeBytes = QByteArray::number(placeholder(0)).size(); // all the same length
    qsizetype from = 0;
    for (const auto& [at, hole] : std::as_const(found)) {
        m_parts.append(text.mid(from, at - from));
        m_holeOrder.append(hole);
        from = at + holeBytes;
    }
    m_parts.append(text.mid(from));
    for (const QByteArray& p : std::as_const(m_parts))
        m_fixedBytes += p.size();
    return true;
}

void JsonTemplate::clear()
{
    m_parts.clear();
    m_holeOrder.clear();
    m_fixedBytes = 0;
}

QByteArray JsonTemplate::fill(std::span<const qint64> values) const
{
    QByteArray out;
    out.reserve(m_fixedBytes + qsizetype(values.size()) * 20);
    for (qsizetype i = 0; i < m_parts.size(); ++i) {
        out.append(m_parts.at(i));
        if (i < m_holeOrder.size()) out.append(QByteArray::number(values[size_t(m_holeOrder.at(i))]));
    }
    return out;
}

} // namespace umgate
