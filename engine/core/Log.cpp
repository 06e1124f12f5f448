// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/Log.h"

namespace umgate {

Log& Log::instance()
{
    static Log log;
    return log;
}

void Log::write(Level level, const QString& instanceId, const QString& text)
{
    if (int(level) > int(m_threshold)) return;
    emit line(level, instanceId, text, QDateTime::currentDateTimeUtc());
}

QString Log::levelName(Level level)
{
    switch (level) {
    case Level::Error:
        return QStringLiteral("error");
    case Level::Warning:
        return QStringLiteral("warning");
    case Level::Info:
        return QStringLiteral("info");
    case Level::Debug:
        return QStringLiteral("debug");
    }
    return {};
}

std::optional<Log::Level> Log::levelFromName(const QString& name)
{
    for (Level l : {Level::Error, Level::Warning, Level::Info, Level::Debug})
        if (levelName(l) == name) return l;
    return std::nullopt;
}

} // namespace umgate
