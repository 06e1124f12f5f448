// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QObject>
#include <QString>

namespace umgate {

// The engine's log: one place every component writes to; the daemon prints it and the RPC
// server streams it to subscribers. Never pass a secret in `text`.
class Log : public QObject
{
    Q_OBJECT
public:
    enum class Level
    {
        Error,
        Warning,
        Info,
        Debug
    };

    static Log& instance();
    static void error(const QString& instanceId, const QString& text)
    {
        instance().write(Level::Error, instanceId, text);
    }
    static void warning(const QString& instanceId, const QString& text)
    {
        instance().write(Level::Warning, instanceId, text);
    }
    static void info(const QString& instanceId, const QString& text)
    {
        instance().write(Level::Info, instanceId, text);
    }
    static void debug(const QString& instanceId, const QString& text)
    {
        instance().write(Level::Debug, instanceId, text);
    }

    void write(Level level, const QString& instanceId, const QString& text);
    void setThreshold(Level level) { m_threshold = level; }

    static QString levelName(Level level);
    static std::optional<Level> levelFromName(const QString& name);

signals:
    void line(umgate::Log::Level level, const QString& instanceId, const QString& text,
              const QDateTime& time);

private:
    Level m_threshold = Level::Info;
};

} // namespace umgate
