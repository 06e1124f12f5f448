// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/TlsFiles.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>

namespace umgate::TlsFiles {

std::optional<QSslConfiguration> serverConfiguration(const QString& certificatePath, const QString& keyPath,
                                                     QString* error)
{
    const QList<QSslCertificate> certs = QSslCertificate::fromPath(certificatePath, QSsl::Pem);
    QFile keyFile(keyPath);
    QSslKey key;
    if (keyFile.open(QIODevice::ReadOnly)) {
        const QByteArray pem = keyFile.readAll();
        key = QSslKey(pem, QSsl::Rsa, QSsl::Pem);
        if (key.isNull()) key = QSslKey(pem, QSsl::Ec, QSsl::Pem);
    }
    if (certs.isEmpty() || key.isNull()) {
        if (error)
            *error = QStringLiteral("%1 must be a readable PEM certificate and %2 its PEM key")
                         .arg(certificatePath, keyPath);
        return std::nullopt;
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(certs);
    tls.setPrivateKey(key);
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    return tls;
}

} // namespace umgate::TlsFiles
