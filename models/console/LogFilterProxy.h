// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/console/LogTailModel.h"

#include <QSortFilterProxyModel>

namespace umgate {

// The Log view's level and text filter over a LogTailModel. Lines without a level pass a level
// filter: hiding them would hide most of a log that writes none.
class LogFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit LogFilterProxy(QObject* parent = nullptr);

    void setMinimumLevel(LogTailModel::Level level); // Unknown: every line
    LogTailModel::Level minimumLevel() const { return m_minimumLevel; }
    void setText(const QString& text); // case-insensitive substring of the whole line
    QString text() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    LogTailModel::Level m_minimumLevel = LogTailModel::Level::Unknown;
    QString m_text;
};

} // namespace umgate
