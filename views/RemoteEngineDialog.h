// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QSslConfiguration>
#include <QUrl>

class QLineEdit;
class QLabel;
class QCheckBox;

namespace umgate {

// Connect to Remote Engine: the engine's umgate://host:port address, an admin token (from
// `umgatectl token add`) and the CA certificate the engine's TLS certificate is checked against.
class RemoteEngineDialog : public QDialog
{
    Q_OBJECT
public:
    explicit RemoteEngineDialog(QWidget* parent = nullptr);

    QUrl url() const;
    QString token() const;
    QString caFile() const;
    bool remember() const; // keep the address, and the token in the system keychain
    // The TLS configuration with the chosen CA, or the system's CAs when none is chosen.
    QSslConfiguration tlsConfiguration(QString* error) const { return tlsForCaFile(caFile(), error); }
    // The same for any CA file (remembered engines): EngineTarget::tlsForCaFile, with the error in
    // the user's words. An empty `file` means the system's CAs; a file without a PEM certificate
    // sets `error` rather than trusting nothing silently.
    static QSslConfiguration tlsForCaFile(const QString& file, QString* error);

    void accept() override;

private:
    QLineEdit* m_url = nullptr;
    QLineEdit* m_token = nullptr;
    QLineEdit* m_caFile = nullptr;
    QLabel* m_error = nullptr;
    QCheckBox* m_remember = nullptr;
};

} // namespace umgate
