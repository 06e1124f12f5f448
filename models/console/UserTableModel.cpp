// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/console/UserTableModel.h"

#include "engine/client/RpcFields.h"
#include "models/console/EngineConnection.h"
#include "models/rpc/RpcClient.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace umgate {

namespace field = rpc::field;

UserTableModel::UserTableModel(EngineConnection* connection, const QString& instanceId, QObject* parent)
    : QAbstractTableModel(parent), m_connection(connection), m_instanceId(instanceId)
{
}

void UserTableModel::setSearch(const QString& text)
{
    if (text == m_search && m_total >= 0) return;
    m_search = text;
    reload();
}

void UserTableModel::reload()
{
    ++m_generation;
    m_inFlight = false;
    m_loadAll = false;
    beginResetModel();
    m_rows.clear();
    m_rows.shrink_to_fit();
    m_visible.clear();
    m_total = -1;
    endResetModel();
    requestPage();
}

void UserTableModel::loadAll()
{
    m_loadAll = true;
    if (!m_inFlight && (m_total < 0 || loadedCount() < m_total)) requestPage();
}

void UserTableModel::cancelLoad()
{
    m_loadAll = false;
}

void UserTableModel::setFilterText(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_filter) return;
    // A different filter is a different set of rows: a reset is what the view needs.
    beginResetModel();
    m_filter = trimmed;
    m_visible.clear();
    if (!m_filter.isEmpty()) {
        for (size_t i = 0; i < m_rows.size(); ++i)
            if (matches(m_rows[i])) m_visible.push_back(int(i));
    }
    endResetModel();
}

bool UserTableModel::matches(const User& u) const
{
    return u.name.contains(m_filter, Qt::CaseInsensitive) || u.mail.contains(m_filter, Qt::CaseInsensitive) ||
           u.uid.contains(m_filter, Qt::CaseInsensitive) || u.numbers.contains(m_filter, Qt::CaseInsensitive);
}

const UserTableModel::User& UserTableModel::userAt(int row) const
{
    return m_filter.isEmpty() ? m_rows[size_t(row)] : m_rows[size_t(m_visible[size_t(row)])];
}

QString UserTableModel::dnAt(int row) const
{
    return row >= 0 && row < rowCount() ? userAt(row).dn : QString();
}

void UserTableModel::requestPage()
{
    if (!m_connection || m_inFlight) return;
    m_inFlight = true;
    const quint64 generation = m_generation;
    QJsonObject params{{field::id, m_instanceId},
                       {field::offset, loadedCount()},
                       // Loading everything: big pages, fewer round trips (a row is ~100 bytes).
                       {field::limit, m_loadAll ? qMax(m_pageSize, 25000) : m_pageSize},
                       {field::format, u"rows"_s}};
    if (!m_search.isEmpty()) params.insert(field::search, m_search);
    m_connection->client()->exec(
        rpc::Method::UserList, params, guarded(this, [this, generation](const RpcResponse& r) {
            if (generation != m_generation) return;
            // Still "in flight" while the rows go in: a view (or model tester) calling fetchMore()
            // from rowsAboutToBeInserted would otherwise ask for the page being inserted again.
            if (!r.ok) {
                m_inFlight = false;
                m_lastError = tr("Listing the users of %1 failed: %2").arg(m_instanceId, r.errorText());
                m_loadAll = false;
                emit errorOccurred(m_lastError);
                emit loadFinished(false);
                return;
            }
            const QJsonObject o = r.resultObject();
            const QJsonArray users = o.value(field::rows).toArray();
            m_total = o.value(field::total).toInt();
            if (!users.isEmpty()) {
                std::vector<User> page;
                page.reserve(size_t(users.size()));
                for (const auto& v : users) {
                    const QJsonArray u = v.toArray(); // [dn, name, mail, uid, numbers] (format "rows")
                    page.push_back(User{u.at(0).toString(), u.at(1).toString(), u.at(2).toString(),
                                        u.at(3).toString(), u.at(4).toString()});
                }
                const int firstNew = loadedCount();
                if (m_filter.isEmpty()) {
                    beginInsertRows({}, firstNew, firstNew + int(page.size()) - 1);
                    m_rows.insert(m_rows.end(), std::make_move_iterator(page.begin()),
                                  std::make_move_iterator(page.end()));
                    endInsertRows();
                } else {
                    std::vector<int> shown;
                    for (size_t i = 0; i < page.size(); ++i)
                        if (matches(page[i])) shown.push_back(firstNew + int(i));
                    m_rows.insert(m_rows.end(), std::make_move_iterator(page.begin()),
                                  std::make_move_iterator(page.end()));
                    if (!shown.empty()) {
                        const int at = int(m_visible.size());
                        beginInsertRows({}, at, at + int(shown.size()) - 1);
                        m_visible.insert(m_visible.end(), shown.begin(), shown.end());
                        endInsertRows();
                    }
                }
            }
            m_inFlight = false;
            emit loadProgress(loadedCount(), m_total);
            // A page shorter than asked while the total says more: the directory changed under us;
            // stop rather than ask forever.
            const bool more = loadedCount() < m_total && !users.isEmpty();
            if (more && m_loadAll) {
                requestPage();
                return;
            }
            m_loadAll = false;
            emit loadFinished(true);
        }));
}

bool UserTableModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_inFlight && m_total >= 0 && loadedCount() < m_total;
}

void UserTableModel::fetchMore(const QModelIndex& parent)
{
    if (canFetchMore(parent)) requestPage();
}

int UserTableModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid()) return 0;
    return m_filter.isEmpty() ? int(m_rows.size()) : int(m_visible.size());
}

int UserTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant UserTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const User& u = userAt(index.row());
    if (role == DnRole) return u.dn;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
    switch (index.column()) {
    case NameColumn:
        return u.name;
    case MailColumn:
        return u.mail;
    case UidColumn:
        return u.uid;
    case NumbersColumn:
        return u.numbers;
    case DnColumn:
        return u.dn;
    default:
        return {};
    }
}

QVariant UserTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal) return {};
    if (role == Qt::ToolTipRole && section == NumbersColumn)
        return tr("The numbers whose messages reach this user: the values the instance's search "
                  "template compares with the called number.");
    if (role != Qt::DisplayRole) return {};
    switch (section) {
    case NameColumn:
        return tr("Name");
    case MailColumn:
        return tr("E-mail");
    case UidColumn:
        return tr("User ID");
    case NumbersColumn:
        return tr("UMS numbers");
    case DnColumn:
        return tr("DN");
    default:
        return {};
    }
}

} // namespace umgate
