// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QPointer>
#include <QString>
#include <vector>

namespace umgate {

class EngineConnection;

// The directory's users of one instance (Subscriber Mailboxes), paged in from user.list as the
// view scrolls (fetchMore) or all at once with progress (loadAll), with a local filter that
// narrows the loaded rows without asking the directory again. Sized for 100,000 entries: a row
// is five strings, not a JSON object, and filtering keeps a list of row numbers.
// The numbers column shows the numbers that reach the user: the engine derives them from the
// attributes the instance's search template compares with the called number
// (SearchTemplate::routingNumbers), so a message to a number shown goes to that user.
class UserTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        MailColumn,
        UidColumn,
        NumbersColumn,
        DnColumn,
        ColumnCount
    };
    enum Role
    {
        DnRole = Qt::UserRole + 1,
    };

    UserTableModel(EngineConnection* connection, const QString& instanceId, QObject* parent = nullptr);

    void setPageSize(int rows) { m_pageSize = qBound(1, rows, 100000); }
    // Server-side search (user.list "search"); starts again from the first page.
    void setSearch(const QString& text);
    QString search() const { return m_search; }
    void reload();
    // Every remaining page, one after the other; loadProgress() after each, cancelLoad() stops.
    void loadAll();
    void cancelLoad();

    // Local filter on the loaded rows: name, mail, uid and UMS numbers, case-insensitive.
    void setFilterText(const QString& text);
    QString filterText() const { return m_filter; }

    int total() const { return m_total; } // as the engine counted them; -1 before the first answer
    int loadedCount() const { return int(m_rows.size()); }
    QString dnAt(int row) const;
    QString lastError() const { return m_lastError; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

signals:
    void loadProgress(int loaded, int total);
    void loadFinished(bool ok);
    void errorOccurred(const QString& message);

private:
    struct User
    {
        QString dn;
        QString name;
        QString mail;
        QString uid;
        QString numbers; // ", "-separated, as user.list "rows" gives them
    };
    void requestPage();
    bool matches(const User& u) const;
    const User& userAt(int row) const;

    QPointer<EngineConnection> m_connection;
    QString m_instanceId;
    QString m_search;
    QString m_filter;
    std::vector<User> m_rows;
    std::vector<int> m_visible; // rows passing the filter; used only while m_filter is set
    int m_total = -1;
    int m_pageSize = 5000;
    bool m_inFlight = false;
    bool m_loadAll = false;
    quint64 m_generation = 0; // bumped by reload(): pages of an older search are dropped
    QString m_lastError;
};

} // namespace umgate
