// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QFile>
#include <QString>

namespace umgate {

// One of an instance's log files (ixi-UMS 4.2.8: LDAP search, SMTP connection, Message ID).
// When the file would grow past sizeMb it is renamed to NAME.1 (NAME.1 to NAME.2, ...) and a new
// one starts; at most `count` old files are kept. 0 means no limit, as in the manual: size 0 =
// the file grows without end, count 0 = old files are never deleted.
class RotatingLog
{
public:
    explicit RotatingLog(const QString& path);

    void setLimits(bool enabled, int sizeMb, int count);
    bool isEnabled() const { return m_enabled; }
    QString path() const { return m_path; }

    // Appends one line (a time stamp in front, LF after). Returns false only on I/O errors; a
    // disabled log accepts and drops the line.
    bool append(const QString& line);
    // Empties the current file (the console's "Clear"); older files stay.
    bool clear();
    QStringList files() const; // current first, then NAME.1, NAME.2, ...

private:
    bool rotate();
    bool ensureOpen();

    QString m_path;
    QFile m_file;
    bool m_enabled = true;
    qint64 m_maxBytes = 0;
    int m_count = 0;
};

} // namespace umgate
