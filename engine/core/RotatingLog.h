// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFile>
#include <QString>
#include <memory>

namespace umgate {

// One of an instance's log files (ixi-UMS 4.2.8: LDAP search, SMTP connection, Message ID).
// When the file would grow past sizeMb it is renamed to NAME.1 (NAME.1 to NAME.2, ...) and a new
// one starts; at most `count` old files are kept. 0 means no limit, as in the manual: size 0 =
// the file grows without end, count 0 = old files are never deleted.
//
// Lines are buffered and written at the latest 100 ms later (from the event loop of the thread
// that appends), so a busy log costs no system call per line; flush() writes them now.
class RotatingLog
{
public:
    explicit RotatingLog(const QString& path);
    ~RotatingLog();
    RotatingLog(const RotatingLog&) = delete;
    RotatingLog& operator=(const RotatingLog&) = delete;

    void setLimits(bool enabled, int sizeMb, int count);
    bool isEnabled() const { return m_enabled; }
    QString path() const { return m_path; }

    // Appends one line (a time stamp in front, LF after). Returns false only on I/O errors; a
    // disabled log accepts and drops the line.
    bool append(const QString& line);
    bool flush();
    // Empties the current file (the console's "Clear"); older files stay.
    bool clear();
    // The same for whoever writes `path` now (the log object, if one lives on this thread, so
    // its size count starts again), or the bare file when nobody does. For the log.clear RPC.
    static bool clearFile(const QString& path, QString* error);
    QStringList files() const; // current first, then NAME.1, NAME.2, ...

private:
    bool rotate();
    bool ensureOpen();

    QString m_path;
    QFile m_file;
    qint64 m_size = 0; // of the current file, buffered lines included
    bool m_flushScheduled = false;
    qint64 m_stampSecond = -1;
    QByteArray m_stamp;                   // "2024-05-06T07:08:09." for m_stampSecond
    std::shared_ptr<RotatingLog*> m_self; // lets a scheduled flush see that the log is gone
    bool m_enabled = true;
    qint64 m_maxBytes = 0;
    int m_count = 0;
};

} // namespace umgate
