// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/Clock.h"

#include <QtGlobal>

namespace umgate {

qint64 Clock::offsetSeconds()
{
    static const qint64 offset = [] {
        bool ok = false;
        const qint64 v = qEnvironmentVariable("UMGATE_CLOCK_OFFSET_SECONDS").toLongLong(&ok);
        return ok ? v : 0;
    }();
    return offset;
}

QDateTime Clock::nowUtc()
{
    return QDateTime::currentDateTimeUtc().addSecs(offsetSeconds());
}

} // namespace umgate
