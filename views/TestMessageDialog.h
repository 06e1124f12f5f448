// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QJsonObject>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace umgate {

class EngineConnection;

// Send Test Message (ixi-UMS 4.2.7): an incoming message with the given calling and called party
// numbers goes through the directory search and on to the mail server; the engine's report of
// every step is shown so it can be read and copied.
class TestMessageDialog : public QDialog
{
    Q_OBJECT
public:
    TestMessageDialog(EngineConnection* connection, const QString& instanceId, QWidget* parent = nullptr);

    // The report as text, one step per line; empty until an answer arrived.
    QString reportText() const;
    void send();

signals:
    void reportReady(bool ok); // the engine's overall verdict, or false when the call failed

private:
    void showReport(const QJsonObject& report);

    EngineConnection* m_connection = nullptr;
    QString m_instanceId;
    QLineEdit* m_calling = nullptr;
    QLineEdit* m_called = nullptr;
    QComboBox* m_type = nullptr;
    QPushButton* m_send = nullptr;
    QPlainTextEdit* m_report = nullptr;
    quint64 m_generation = 0;
};

} // namespace umgate
