// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/RemoteEngineDialog.h"

#include "engine/client/EngineTarget.h"
#include "views/ErrorLabel.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace umgate {

RemoteEngineDialog::RemoteEngineDialog(QWidget* parent) : QDialog(parent)
{
    setObjectName(u"remoteEngineDialog"_s);
    setWindowTitle(tr("Connect to Remote Engine"));
    m_url = new QLineEdit(this);
    m_url->setObjectName(u"url"_s);
    m_url->setPlaceholderText(u"umgate://host.example.com:7443"_s);
    m_token = new QLineEdit(this);
    m_token->setObjectName(u"token"_s);
    m_token->setEchoMode(QLineEdit::Password);
    m_caFile = new QLineEdit(this);
    m_caFile->setObjectName(u"caFile"_s);
    m_caFile->setPlaceholderText(tr("(the system's trusted CAs)"));
    auto* browse = new QPushButton(tr("&Browse..."), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(
            this, tr("CA Certificate"), QString(), tr("PEM certificates (*.pem *.crt);;All files (*)"));
        if (!file.isEmpty()) m_caFile->setText(file);
    });
    auto* caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(browse);

    auto* form = new QFormLayout;
    auto* urlLabel = new QLabel(tr("&Address:"), this);
    urlLabel->setBuddy(m_url);
    auto* tokenLabel = new QLabel(tr("Admin &token:"), this);
    tokenLabel->setBuddy(m_token);
    auto* caLabel = new QLabel(tr("&CA certificate:"), this);
    caLabel->setBuddy(m_caFile);
    form->addRow(urlLabel, m_url);
    form->addRow(tokenLabel, m_token);
    form->addRow(caLabel, caRow);
    m_remember = new QCheckBox(tr("&Remember this engine (the token is kept in the system keychain)"), this);
    m_remember->setObjectName(u"remember"_s);
    m_remember->setChecked(true);
    form->addRow(m_remember);
    m_error = new ErrorLabel(this, u"remoteError"_s);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &RemoteEngineDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
}

QUrl RemoteEngineDialog::url() const
{
    return QUrl(m_url->text().trimmed());
}

QString RemoteEngineDialog::token() const
{
    return m_token->text();
}

QString RemoteEngineDialog::caFile() const
{
    return m_caFile->text().trimmed();
}

bool RemoteEngineDialog::remember() const
{
    return m_remember->isChecked();
}

QSslConfiguration RemoteEngineDialog::tlsForCaFile(const QString& file, QString* error)
{
    if (const std::optional<QSslConfiguration> tls = EngineTarget::tlsForCaFile(file)) return *tls;
    *error = tr("%1 holds no PEM certificate.").arg(file.trimmed());
    return {};
}

void RemoteEngineDialog::accept()
{
    QString error;
    const QUrl u = url();
    if (!EngineTarget::isEngineUrl(u))
        error = tr("Enter the address as umgate://HOST:PORT.");
    else if (token().isEmpty())
        error = tr("Enter an admin token; `umgatectl token add NAME` on the engine's machine creates one.");
    else
        tlsConfiguration(&error);
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
    if (error.isEmpty()) QDialog::accept();
}

} // namespace umgate
