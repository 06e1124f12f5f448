// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QJsonObject>

class QLabel;
class QLineEdit;
class QPushButton;

namespace umgate {

class EngineConnection;

// Import Certificate (ixi-UMS 4.2.1.2): the listener's certificate and key from a PKCS#12 file
// (.pfx, .p12) as Windows and most CAs hand them out. The engine writes them as the PEM files
// named on the Encryption tab; the dialog shows what was installed, or why not next to the field
// at fault.
class CertificateImportDialog : public QDialog
{
    Q_OBJECT
public:
    CertificateImportDialog(EngineConnection* connection, const QString& instanceId,
                            QWidget* parent = nullptr);

    void import();

signals:
    void finished(bool ok); // the engine's answer arrived (or the file could not be read)

private:
    void showError(QLabel* where, QLineEdit* field, const QString& text);
    void showResult(const QJsonObject& result);
    void browse();

    EngineConnection* m_connection = nullptr;
    QString m_instanceId;
    QLineEdit* m_file = nullptr;
    QLabel* m_fileError = nullptr;
    QLineEdit* m_password = nullptr;
    QLabel* m_passwordError = nullptr;
    QLabel* m_result = nullptr;
    QPushButton* m_import = nullptr;
    quint64 m_generation = 0;
};

} // namespace umgate
