// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/rpc/RemoteRpcListener.h"

#include "engine/config/MiscSetup.h"
#include "engine/core/Log.h"
#include "engine/rpc/RpcServer.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>

namespace umgate::RemoteRpcListener {

namespace {
QSslKey readKey(const QString& path)
{
    QFile keyFile(path);
    if (!keyFile.open(QIODevice::ReadOnly)) return {};
    const QByteArray pem = keyFile.readAll();
    QSslKey key(pem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull()) key = QSslKey(pem, QSsl::Ec, QSsl::Pem);
    return key;
}
} // namespace

void apply(RpcServer& server, const MiscSetup& misc)
{
    if (!misc.get(miscKeys::rpcTcpEnabled)) {
        server.closeTls();
        return;
    }
    const QString certPath = misc.get(miscKeys::rpcTlsCertificate);
    const QString keyPath = misc.get(miscKeys::rpcTlsKey);
    const auto certs = QSslCertificate::fromPath(certPath, QSsl::Pem);
    const QSslKey key = readKey(keyPath);
    if (certs.isEmpty() || key.isNull()) {
        Log::error({},
                   QStringLiteral(
                       "remote RPC not started: rpc.tls.certificate (%1) and rpc.tls.key (%2) must name a "
                       "readable PEM certificate and key")
                       .arg(certPath, keyPath));
        server.closeTls();
        return;
    }
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setLocalCertificateChain(certs);
    tls.setPrivateKey(key);
    tls.setProtocol(QSsl::TlsV1_2OrLater);
    tls.setPeerVerifyMode(QSslSocket::VerifyNone); // admins authenticate with bearer tokens
    QString error;
    const QHostAddress address(misc.get(miscKeys::rpcTcpAddress));
    const auto port = quint16(misc.get(miscKeys::rpcTcpPort));
    if (!server.listenTls(address, port, tls, &error))
        Log::error({}, QStringLiteral("remote RPC: %1").arg(error));
    else
        Log::info({},
                  QStringLiteral("remote RPC listening on %1:%2 (TLS)").arg(address.toString()).arg(port));
}

} // namespace umgate::RemoteRpcListener
