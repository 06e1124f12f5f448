// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/console/LogFilterProxy.h"

namespace umgate {

LogFilterProxy::LogFilterProxy(QObject* parent) : QSortFilterProxyModel(parent) {}

void LogFilterProxy::setMinimumLevel(LogTailModel::Level level)
{
    if (level == m_minimumLevel) return;
    m_minimumLevel = level;
    invalidateFilter();
}

void LogFilterProxy::setText(const QString& text)
{
    if (text == m_text) return;
    m_text = text;
    invalidateFilter();
}

bool LogFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    if (m_minimumLevel != LogTailModel::Level::Unknown) {
        const auto level = LogTailModel::Level(i.data(LogTailModel::LevelRole).toInt());
        if (level != LogTailModel::Level::Unknown && level < m_minimumLevel) return false;
    }
    if (!m_text.isEmpty() && !i.data(LogTailModel::LineRole).toString().contains(m_text, Qt::CaseInsensitive))
        return false;
    return true;
}

} // namespace umgate
