// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

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

} // namespace umgate::test
