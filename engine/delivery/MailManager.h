// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/config/InstanceConfig.h"
#include "engine/core/Paths.h"
#include "engine/rpc/RpcServer.h"

#include <QHash>
#include <QObject>

namespace umgate {

class MiscSetup;

// The telephony -> e-mail side of all instances: the kernel spool of each instance and the RPC
// methods that feed it (message.inject).
class MailManager : public QObject
{
    Q_OBJECT
public:
    MailManager(const Paths& paths, QObject* parent = nullptr);

    // (Re)configures an instance; nullptr config removes it.
    void configure(const QString& id, const InstanceConfig* config, const MiscSetup& misc);

    static bool handles(rpc::Method method);
    void handle(const RpcCall& call, const InstanceConfig& config, RpcReply reply);

private:
    void inject(const RpcCall& call, const InstanceConfig& config, RpcReply reply);

    Paths m_paths;
};

} // namespace umgate
