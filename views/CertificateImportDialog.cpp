// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/CertificateImportDialog.h"

#include "engine/client/RpcFields.h"
#include "engine/client/RpcProtocol.h"
#include "models/console/EngineConnection.h"
#include "models/rpc/RpcClient.h"
#include "views/ErrorLabel.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace umgate {

namespace field = rpc::field;

namespace {
// The file travels in base64 inside one request.
constexpr qint64 kMaxFileBytes = rpc::DefaultMaxMessageBytes / 2;
} // namespace

CertificateImportDialog::CertificateImportDialog(EngineConnection* connection, const QString& instanceId,
                                                 QWidget* parent)
    : QDialog(parent), m_connection(connection), m_instanceId(instanceId)
{
    setObjectName(u"certificateImportDialog"_s);
    setWindowTitle(tr("Import Certificate - %1").arg(instanceId));
    auto* intro = new QLabel(tr("Install the certificate and private key from a PKCS#12 file (.pfx, .p12) "
                                "as the files named on the Encryption tab. Mail servers connecting "
                                "from now on get the new certificate."),
                             this);
    intro->setWordWrap(true);

    m_file = new QLineEdit(this);
    m_file->setObjectName(u"pfxFile"_s);
    auto* browse = new QPushButton(tr("&Browse..."), this);
    browse->setObjectName(u"pfxBrowse"_s);
    connect(browse, &QPushButton::clicked, this, &CertificateImportDialog::browse);
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);
    m_fileError = new ErrorLabel(this, u"pfxFileError"_s);

    m_password = new QLineEdit(this);
    m_password->setObjectName(u"pfxPassword"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_passwordError = new ErrorLabel(this, u"pfxPasswordError"_s);

    auto* form = new QFormLayout;
    auto* fileLabel = new QLabel(tr("PKCS#12 &file:"), this);
    fileLabel->setBuddy(m_file);
    auto* passwordLabel = new QLabel(tr("&Password:"), this);
    passwordLabel->setBuddy(m_password);
    form->addRow(fileLabel, fileRow);
    form->addRow(QString(), m_fileError);
    form->addRow(passwordLabel, m_password);
    form->addRow(QString(), m_passwordError);

    m_result = new QLabel(this);
    m_result->setObjectName(u"importResult"_s);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    m_import = buttons->addButton(tr("&Import"), QDialogButtonBox::ActionRole);
    m_import->setObjectName(u"importButton"_s);
    m_import->setDefault(true);
    connect(m_import, &QPushButton::clicked, this, &CertificateImportDialog::import);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_result);
    layout->addStretch(1);
    layout->addWidget(buttons);
    resize(560, 300);
}

void CertificateImportDialog::browse()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("PKCS#12 File"), m_file->text(),
                                                      tr("PKCS#12 files (*.pfx *.p12);;All files (*)"));
    if (!file.isEmpty()) m_file->setText(file);
}

void CertificateImportDialog::showError(QLabel* where, QLineEdit* field, const QString& text)
{
    where->setText(text);
    where->setVisible(!text.isEmpty());
    if (field && !text.isEmpty()) field->setFocus();
}

void CertificateImportDialog::import()
{
    if (!m_connection || !m_connection->client()) return;
    showError(m_fileError, nullptr, {});
    showError(m_passwordError, nullptr, {});
    m_result->clear();
    const QString path = m_file->text().trimmed();
    if (path.isEmpty()) {
        showError(m_fileError, m_file, tr("Choose the PKCS#12 file (.pfx, .p12) to import."));
        emit finished(false);
        return;
    }
    QFile file(path);
    const QFileInfo info(path);
    if (info.isFile() && info.size() > kMaxFileBytes) {
        showError(m_fileError, m_file,
                  tr("The file is %1 KB; a certificate file is much smaller (at most %2 KB).")
                      .arg(info.size() / 1024)
                      .arg(kMaxFileBytes / 1024));
        emit finished(false);
        return;
    }
    if (!info.isFile() || !file.open(QIODevice::ReadOnly)) {
        showError(m_fileError, m_file, tr("The file cannot be read: %1").arg(file.errorString()));
        emit finished(false);
        return;
    }
    const QByteArray bytes = file.read(kMaxFileBytes + 1);
    m_import->setEnabled(false);
    const quint64 generation = ++m_generation;
    QPointer<CertificateImportDialog> self = this;
    m_connection->client()->exec(rpc::Method::CertificateImport,
                                 {{field::id, m_instanceId},
                                  {field::data, QString::fromLatin1(bytes.toBase64())},
                                  {field::password, m_password->text()}},
                                 [self, generation](const RpcResponse& r) {
                                     if (!self || generation != self->m_generation) return;
                                     self->m_import->setEnabled(true);
                                     if (!r.ok) {
                                         // The engine says what is wrong; a wrong password is the password
                                         // field's problem.
                                         const QString text = r.errorText();
                                         const bool password = text.contains(u"password"_s);
                                         self->showError(password ? self->m_passwordError : self->m_fileError,
                                                         password ? self->m_password : self->m_file, text);
                                         emit self->finished(false);
                                         return;
                                     }
                                     self->showResult(r.resultObject());
                                     emit self->finished(true);
                                 });
}

void CertificateImportDialog::showResult(const QJsonObject& r)
{
    QString text =
        tr("Installed the certificate for %1, issued by %2, valid until %3, with %n CA "
           "certificate(s), as %4 and %5.",
           nullptr, r.value(field::chain).toInt())
            .arg(r.value(field::subject).toString(), r.value(field::issuer).toString(),
                 QLocale().toString(
                     QDateTime::fromString(r.value(field::expires).toString(), Qt::ISODate).toLocalTime(),
                     QLocale::ShortFormat),
                 r.value(field::certificate).toString(), r.value(field::key).toString());
    if (r.contains(field::warning)) text += u'\n' + tr("Warning: %1").arg(r.value(field::warning).toString());
    m_result->setText(text);
}

} // namespace umgate
