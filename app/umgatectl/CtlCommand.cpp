// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/umgatectl/CtlCommand.h"

#include "app/umgatectl/CtlCommandLine.h"

namespace umgate {

const QList<CtlCommand>& ctlCommands()
{
    static const QList<CtlCommand> table = ctlAdminCommands() + ctlMailCommands();
    return table;
}

CtlParams ctlInstanceParams(const CtlRequest& request)
{
    return {QJsonObject{{rpc::field::id, request.inv.args.at(0)}}, std::nullopt, {}};
}

} // namespace umgate
