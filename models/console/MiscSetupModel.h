// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QPointer>
#include <vector>

namespace umgate {

class EngineConnection;

// The engine-wide Misc Setup table of the NEC manual: Key, Value, Ignore, Description. Edits go
// straight to the engine (misc.set, as the NEC dialog applies on OK); the table shows what the
// engine answered, so a refused value springs back and errorOccurred() says why.
class MiscSetupModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    // An option's description in the console's language.
    static QString description(const QJsonObject& option);
    enum Column
    {
        KeyColumn,
        ValueColumn,
        IgnoreColumn,
        DescriptionColumn,
        ColumnCount
    };
    enum Role
    {
        OptionRole = Qt::UserRole + 1, // the whole misc.list entry (QJsonObject)
        KeyRole,
    };

    explicit MiscSetupModel(EngineConnection* connection, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    // Value (EditRole, converted to the option's type) and Ignore (CheckStateRole) call misc.set.
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

    void refresh();
    QJsonObject option(int row) const;
    int rowOf(const QString& key) const;
    // For the edit dialog: value and ignore in one misc.set.
    void setOption(const QString& key, const QJsonValue& value, bool ignore);
    void reset(const QString& key); // misc.reset

signals:
    void loaded();
    void errorOccurred(const QString& message);

private:
    template <typename> friend struct RowOps;
    struct Row
    {
        QString key;
        QJsonObject option;
        bool operator==(const Row&) const = default;
    };
    void send(int method, const QJsonObject& params);
    void takeOption(const QJsonObject& option);

    QPointer<EngineConnection> m_connection;
    std::vector<Row> m_rows;
    bool m_inFlight = false;
    bool m_again = false;
};

} // namespace umgate
