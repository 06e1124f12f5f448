// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>

namespace umgate {

// The engine's wall clock for decisions that follow the calendar (daily limits). Tests move it
// with UMGATE_CLOCK_OFFSET_SECONDS in the daemon's environment (read once, at the first call), so
// midnight can be crossed without waiting; unset, it is the system's clock.
struct Clock
{
    static QDateTime nowUtc();
    static qint64 offsetSeconds();
};

} // namespace umgate
