// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/rpc/RemoteRpcListener.h"

#include "engine/config/MiscSetup.h"
#include "engine/core/Log.h"
#include "engine/core/TlsFiles.h"
#include "engine/rpc/RpcServer.h"

namespace umgate::RemoteRpcListener {

void apply(RpcServer& server, const MiscSetup& misc)
{
    if (!misc.get(miscKeys::rpcTcpEnabled)) {
        server.closeTls();
        return;
    }
    const QString certPath = misc.get(miscKeys::rpcTlsCertificate);
    const QString keyPath = misc.get(miscKeys::rpcTlsKey);
    const std::optional<QSslConfiguration> tls = TlsFiles::serverConfiguration(certPath, keyPath, nullptr);
    if (!tls) {
        Log::error({},
                   QStringLiteral(
                       "remote RPC not started: rpc.tls.certificate (%1) and rpc.tls.key (%2) must name a "
                       "readable PEM certificate and key")
                       .arg(certPath, keyPath));
        server.closeTls();
        return;
    }
    if (const QString v = TlsFiles::validityWarning(tls->localCertificate(), QDateTime::currentDateTimeUtc());
        !v.isEmpty())
        Log::warning({}, QStringLiteral("remote RPC: %1 (rpc.tls.certificate %2): consoles will refuse it")
                             .arg(v, certPath));
    // No client certificates: admins authenticate with bearer tokens.
    QString error;
    const QHostAddress address(misc.get(miscKeys::rpcTcpAddress));
    const auto port = quint16(misc.get(miscKeys::rpcTcpPort));
    if (!server.listenTls(address, port, *tls, &error))
        Log::error({}, QStringLiteral("remote RPC: %1").arg(error));
    else
        Log::info({},
                  QStringLiteral("remote RPC listening on %1:%2 (TLS)").arg(address.toString()).arg(port));
}

} // namespace umgate::RemoteRpcListener
