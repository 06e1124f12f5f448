// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/core/RotatingLog.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QTimer>
#include <algorithm>

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
    // A busy log writes a line every few microseconds: the date and time are formatted once per
    // second, the milliseconds by hand ("2024-05-06T07:08:09.123Z", Qt::ISODateWithMs in UTC).
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const qint64 second = now / 1000;
    if (second != m_stampSecond) {
        m_stampSecond = second;
        m_stamp = QDateTime::fromMSecsSinceEpoch(second * 1000, Qt::UTC).toString(Qt::ISODate).toUtf8();
        m_stamp.chop(1); // the 'Z'
        m_stamp += '.';
    }
    QByteArray text = line.toUtf8();
    // One record per line, whatever the text holds (in UTF-8 these bytes stand only for themselves).
    if (text.contains('\n') || text.contains('\r')) { // memchr: most lines have neither
        std::replace(text.begin(), text.end(), '\n', ' ');
        std::replace(text.begin(), text.end(), '\r', ' ');
    }
    const int ms = int(now % 1000);
    const char fraction[] = {char('0' + ms / 100), char('0' + ms / 10 % 10), char('0' + ms % 10), 'Z', ' '};
    QByteArray bytes;
    bytes.reserve(m_stamp.size() + qsizetype(sizeof fraction) + text.size() + 1);
    bytes.append(m_stamp).append(fraction, qsizetype(sizeof fraction)).append(text).append('\n');
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
