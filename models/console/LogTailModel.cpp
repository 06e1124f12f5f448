// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/console/LogTailModel.h"

#include "engine/client/RpcFields.h"
#include "models/console/EngineConnection.h"
#include "models/rpc/RpcClient.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace umgate {

namespace field = rpc::field;

LogTailModel::LogTailModel(EngineConnection* connection, const QString& instanceId, const QString& log,
                           QObject* parent)
    : QAbstractTableModel(parent), m_connection(connection), m_instanceId(instanceId), m_log(log)
{
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &LogTailModel::poll);
}

void LogTailModel::setMaxRows(int rows)
{
    m_maxRows = qMax(1, rows);
    trim();
}

void LogTailModel::setActive(bool active)
{
    if (active == m_timer.isActive()) return;
    if (!active) {
        m_timer.stop();
        return;
    }
    m_timer.start();
    poll(); // at once, not a second later
}

void LogTailModel::clear()
{
    if (m_lines.empty()) return;
    beginRemoveRows({}, 0, int(m_lines.size()) - 1);
    m_lines.clear();
    endRemoveRows();
}

void LogTailModel::restart()
{
    ++m_generation;
    m_inFlight = false;
    m_offset = -1;
    clear();
    if (isActive()) poll();
}

LogTailModel::Level LogTailModel::parseLevel(const QString& line)
{
    // The instance logs carry no level column of their own; a level word or an SMTP outcome near
    // the start says enough to filter on.
    static const QRegularExpression word(
        u"(?:^|[\\s\\[(=])(debug|info|notice|warn|warning|error|err|critical|fatal)(?:$|[\\s\\]):])"_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression outcome(u"\\boutcome=(\\w+)"_s);
    const QString head = line.left(160);
    if (const auto m = word.match(head); m.hasMatch()) {
        const QString w = m.captured(1).toLower();
        if (w == u"debug"_s) return Level::Debug;
        if (w == u"info"_s || w == u"notice"_s) return Level::Info;
        if (w.startsWith(u"warn"_s)) return Level::Warning;
        return Level::Error;
    }
    if (const auto m = outcome.match(line); m.hasMatch())
        return m.captured(1) == u"success"_s ? Level::Info : Level::Warning;
    return Level::Unknown;
}

QString LogTailModel::levelName(Level level)
{
    switch (level) {
    case Level::Debug:
        return tr("Debug");
    case Level::Info:
        return tr("Info");
    case Level::Warning:
        return tr("Warning");
    case Level::Error:
        return tr("Error");
    case Level::Unknown:
        break;
    }
    return {};
}

void LogTailModel::poll()
{
    if (!m_connection || m_inFlight || m_connection->state() != EngineConnection::State::Connected) return;
    QJsonObject params{{field::id, m_instanceId}, {field::log, m_log}};
    if (m_offset >= 0)
        params.insert(field::from, double(m_offset));
    else
        params.insert(field::lines, qMin(m_maxRows, 5000));
    m_inFlight = true;
    const quint64 generation = m_generation;
    m_connection->client()->exec(
        rpc::Method::LogTail, params, guarded(this, [this, generation](const RpcResponse& r) {
            if (generation != m_generation) return;
            m_inFlight = false;
            if (!r.ok) {
                const QString message =
                    tr("Reading the log %1 of %2 failed: %3").arg(m_log, m_instanceId, r.errorText());
                if (message != m_lastError) emit errorOccurred(message); // once, not every second
                m_lastError = message;
                return;
            }
            m_lastError.clear();
            const QJsonObject o = r.resultObject();
            // After a rotation ("rotated") the lines shown stay and the new file follows from its start.
            m_offset = qint64(o.value(field::size).toDouble());
            append(o.value(field::text).toString());
        }));
}

void LogTailModel::append(const QString& text)
{
    if (text.isEmpty()) return;
    QStringList lines = text.split(u'\n');
    if (!lines.isEmpty() && lines.last().isEmpty()) lines.removeLast();
    if (lines.isEmpty()) return;
    // More new lines than the model may hold: only the newest ones count.
    if (lines.size() > m_maxRows) lines = lines.mid(lines.size() - m_maxRows);
    // Room first, so the row count never exceeds the bound, even for a moment.
    const int overflow = int(m_lines.size()) + int(lines.size()) - m_maxRows;
    if (overflow > 0) {
        beginRemoveRows({}, 0, overflow - 1);
        m_lines.erase(m_lines.begin(), m_lines.begin() + overflow);
        endRemoveRows();
    }
    static const QRegularExpression stamp(u"^(\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z?)\\s+(.*)$"_s);
    const int first = int(m_lines.size());
    beginInsertRows({}, first, first + int(lines.size()) - 1);
    for (const QString& raw : std::as_const(lines)) {
        Line l;
        if (const auto m = stamp.match(raw); m.hasMatch()) {
            l.time = m.captured(1);
            l.text = m.captured(2);
        } else {
            l.text = raw;
        }
        l.level = parseLevel(l.text);
        m_lines.push_back(std::move(l));
    }
    endInsertRows();
    emit linesAdded(int(lines.size()));
}

void LogTailModel::trim()
{
    const int overflow = int(m_lines.size()) - m_maxRows;
    if (overflow <= 0) return;
    beginRemoveRows({}, 0, overflow - 1);
    m_lines.erase(m_lines.begin(), m_lines.begin() + overflow);
    endRemoveRows();
}

int LogTailModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int LogTailModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LogTailModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Line& l = m_lines[size_t(index.row())];
    if (role == LevelRole) return int(l.level);
    if (role == LineRole) return l.time.isEmpty() ? l.text : l.time + u' ' + l.text;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
    switch (index.column()) {
    case TimeColumn:
        return l.time;
    case LevelColumn:
        return levelName(l.level);
    case TextColumn:
        return l.text;
    default:
        return {};
    }
}

QVariant LogTailModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case LevelColumn:
        return tr("Level");
    case TextColumn:
        return tr("Message");
    default:
        return {};
    }
}

} // namespace umgate
