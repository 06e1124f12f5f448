// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "UmgatedProcess.h"
#include "models/console/EngineConnection.h"
#include "models/rpc/RpcResponse.h"

#include <QFuture>
#include <QTest>

namespace umgate::test {

// Set before QApplication exists (a namespace-scope initialiser), so the console tests also run
// outside ctest on a machine without a display. screenshots.sh sets xcb itself.
inline const bool kOffscreen = [] {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    return true;
}();

// The answer of an RpcClient::exec() future, waiting at most `ms` with the event loop running;
// an empty (failed) response when it does not come.
inline RpcResponse wait(const QFuture<RpcResponse>& f, int ms = 15000)
{
    if (!QTest::qWaitFor([&] { return f.isFinished(); }, ms)) return {};
    return f.result();
}

// Starts a real umgated on a fresh data dir and connects `connection` to it (at most 15 s).
inline bool startConnected(UmgatedProcess& daemon, EngineConnection& connection, QString* error)
{
    if (!daemon.start(error)) return false;
    connection.connectLocal(daemon.dataDir());
    if (QTest::qWaitFor([&] { return connection.state() == EngineConnection::State::Connected; }, 15000))
        return true;
    *error = QStringLiteral("no connection to umgated within 15 s: %1").arg(connection.lastError());
    return false;
}

} // namespace umgate::test
