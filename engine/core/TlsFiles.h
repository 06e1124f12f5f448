// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QString>
#include <optional>

namespace umgate::TlsFiles {

// A server's TLS configuration from a PEM certificate (chain) file and a PEM key file (RSA or EC,
// not encrypted): TLS 1.2 or later, no client certificates asked for. Nothing, and the reason in
// `error`, when either file cannot be read or holds no certificate or key, or when the key is not
// the certificate's. Used by the remote RPC
// listener and the instances' SMTP listeners.
std::optional<QSslConfiguration> serverConfiguration(const QString& certificatePath, const QString& keyPath,
                                                     QString* error);

// Why a server certificate will soon not do, or does not any more: not valid yet, expired, or
// expiring within `warnDays` (30: the window in which Let's Encrypt's clients renew); "" when it
// is fine. Clients that verify certificates refuse an expired one, and Qt serves it regardless.
QString validityWarning(const QSslCertificate& certificate, const QDateTime& now, int warnDays = 30);

// What a PKCS#12 file (.pfx, .p12: how Windows and most CAs hand out a certificate with its key)
// holds, as the PEM files serverConfiguration() reads: the certificate followed by its CA chain,
// and the private key, not encrypted. Nothing, and why in `error`, for a wrong password, data that
// is not PKCS#12, or a file without a key.
struct Pkcs12Pem
{
    QByteArray certificateChain;
    QByteArray key;
    QSslCertificate certificate;
    qsizetype chain = 0; // CA certificates after it
};
std::optional<Pkcs12Pem> fromPkcs12(const QByteArray& data, const QByteArray& password, QString* error);

} // namespace umgate::TlsFiles
