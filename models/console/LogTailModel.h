// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <deque>

namespace umgate {

class EngineConnection;

// The live tail of one instance log (LdapSearch, SmtpConnection, MessageId) for the Log view.
// While active it asks log.tail for what was added since the last offset once a second, so the
// file is never read twice, and it keeps at most maxRows lines: a log left open for a week does not
// eat the administrator's memory.
class LogTailModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Level
    {
        Unknown, // no level in the line
        Debug,
        Info,
        Warning,
        Error,
    };
    Q_ENUM(Level)
    enum Column
    {
        TimeColumn,
        LevelColumn,
        TextColumn,
        ColumnCount
    };
    enum Role
    {
        LevelRole = Qt::UserRole + 1, // Level as int
        LineRole,                     // the whole line as written
    };

    LogTailModel(EngineConnection* connection, const QString& instanceId, const QString& log,
                 QObject* parent = nullptr);

    void setMaxRows(int rows); // default 10000; drops the oldest lines beyond it
    // Polls once a second while active (the Log view is visible); inactive costs nothing.
    void setActive(bool active);
    bool isActive() const { return m_timer.isActive(); }
    void setPollInterval(int ms) { m_timer.setInterval(ms); }
    void clear();   // the view only; the file stays
    void restart(); // read the end of the file again
    QString lastError() const { return m_lastError; }

    static Level parseLevel(const QString& line);
    static QString levelName(Level level);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void linesAdded(int count);
    void errorOccurred(const QString& message);

private:
    struct Line
    {
        QString time;
        QString text;
        Level level = Level::Unknown;
    };
    void poll();
    void append(const QString& text);
    void trim();

    QPointer<EngineConnection> m_connection;
    QString m_instanceId;
    QString m_log;
    std::deque<Line> m_lines;
    int m_maxRows = 10000;
    qint64 m_offset = -1; // -1: not read yet, the next call fetches the end of the file
    bool m_inFlight = false;
    quint64 m_generation = 0; // bumped by restart(): an answer for the old offset is dropped
    QString m_lastError;
    QTimer m_timer;
};

} // namespace umgate
