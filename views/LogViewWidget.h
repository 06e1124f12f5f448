// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace umgate {

class EngineConnection;
class LogFilterProxy;
class LogTailModel;

// The live tail of one of an instance's logs, filtered by level and text. The model polls only
// while the widget is visible and keeps a bounded number of lines.
class LogViewWidget : public QWidget
{
    Q_OBJECT
public:
    LogViewWidget(EngineConnection* connection, const QString& instanceId, QWidget* parent = nullptr);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void emptyFile();
    void selectLog(int index);

    EngineConnection* m_connection = nullptr;
    QString m_instanceId;
    LogTailModel* m_model = nullptr;
    LogFilterProxy* m_proxy = nullptr;
    QComboBox* m_log = nullptr;
    QComboBox* m_level = nullptr;
    QLineEdit* m_filter = nullptr;
    QTableView* m_view = nullptr;
    QLabel* m_error = nullptr;
};

} // namespace umgate
