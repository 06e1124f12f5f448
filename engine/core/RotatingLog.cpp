// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/RotatingLog.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QTimer>

namespace umgate {

namespace {
// The live log objects by path (each thread its own; the engine writes its logs on one).
thread_local QHash<QString, RotatingLog*> t_logs;
} // namespace

RotatingLog::RotatingLog(const QString& path)
    : m_path(path), m_file(path), m_self(std::make_shared<RotatingLog*>(this))
{
    t_logs.insert(m_path, this);
}

RotatingLog::~RotatingLog()
{
    flush();
    if (t_logs.value(m_path) == this) t_logs.remove(m_path);
}

bool RotatingLog::clearFile(const QString& path, QString* error)
{
    if (RotatingLog* log = t_logs.value(path)) {
        if (log->clear()) return true;
    } else {
        QFile f(path);
        if (!f.exists() || f.resize(0)) return true;
    }
    if (error) *error = QStringLiteral("cannot empty %1").arg(path);
    return false;
}

bool RotatingLog::flush()
{
    return !m_file.isOpen() || m_file.flush();
}

void RotatingLog::setLimits(bool enabled, int sizeMb, int count)
{
    m_enabled = enabled;
    m_maxBytes = qint64(qMax(0, sizeMb)) * 1024 * 1024;
    m_count = qMax(0, count);
    if (!enabled) {
        flush();
        m_file.close();
    }
}

bool RotatingLog::ensureOpen()
{
    if (m_file.isOpen()) return true;
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Append)) return false;
    m_size = m_file.size();
    return true;
}

QStringList RotatingLog::files() const
{
    QStringList list;
    if (QFile::exists(m_path)) list << m_path;
    // Bounded by what is on disk: numbering has no gaps.
    for (int i = 1; QFile::exists(QStringLiteral("%1.%2").arg(m_path).arg(i)); ++i)
        list << QStringLiteral("%1.%2").arg(m_path).arg(i);
    return list;
}

bool RotatingLog::rotate()
{
    flush();
    m_file.close();
    int last = 0;
    while (QFile::exists(QStringLiteral("%1.%2").arg(m_path).arg(last + 1)))
        ++last;
    // With a count, the oldest beyond it go; without one (0), every old file is kept.
    if (m_count > 0) {
        for (int i = last; i >= m_count; --i)
            QFile::remove(QStringLiteral("%1.%2").arg(m_path).arg(i));
        last = qMin(last, m_count - 1);
    }
    for (int i = last; i >= 1; --i)
        QFile::rename(QStringLiteral("%1.%2").arg(m_path).arg(i),
                      QStringLiteral("%1.%2").arg(m_path).arg(i + 1));
    QFile::rename(m_path, m_path + QStringLiteral(".1"));
    return ensureOpen();
}

bool RotatingLog::append(const QString& line)
{
    if (!m_enabled) return true;
    if (!ensureOpen()) return false;
    // A busy log writes many lines per millisecond; their time stamp is formatted once.
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (now != m_stampMs) {
        m_stampMs = now;
        m_stamp = QDateTime::fromMSecsSinceEpoch(now, Qt::UTC).toString(Qt::ISODateWithMs).toUtf8();
    }
    QByteArray bytes = m_stamp;
    bytes += ' ';
    // One record per line, whatever the text holds.
    bytes += QString(line)
                 .replace(QLatin1Char('\n'), QLatin1Char(' '))
                 .replace(QLatin1Char('\r'), QLatin1Char(' '))
                 .toUtf8();
    bytes += '\n';
    if (m_maxBytes > 0 && m_size > 0 && m_size + bytes.size() > m_maxBytes && !rotate()) return false;
    const bool ok = m_file.write(bytes) == bytes.size();
    m_size += bytes.size();
    if (!m_flushScheduled) {
        m_flushScheduled = true;
        QTimer::singleShot(100, [weak = std::weak_ptr<RotatingLog*>(m_self)] {
            if (const auto self = weak.lock()) {
                (*self)->m_flushScheduled = false;
                (*self)->flush();
            }
        });
    }
    return ok;
}

bool RotatingLog::clear()
{
    flush();
    m_file.close();
    QFile f(m_path);
    const bool ok = !f.exists() || f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    if (ok) m_size = 0;
    return ok;
}

} // namespace umgate
