// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace umgate {

class MiscSetup;
class RpcServer;

// The TLS listener for remote administrators, as Misc Setup describes it: rpc.tcp.enabled,
// rpc.tcp.address and rpc.tcp.port, and the PEM certificate and key named in rpc.tls.*. Applied
// at start and whenever one of those options changes; a certificate or key that cannot be read
// leaves the listener closed and says so in the engine log.
namespace RemoteRpcListener {
void apply(RpcServer& server, const MiscSetup& misc);
}

} // namespace umgate
