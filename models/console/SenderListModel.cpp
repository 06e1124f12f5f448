// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/console/SenderListModel.h"

#include "engine/client/RpcFields.h"
#include "models/console/EngineConnection.h"
#include "models/console/InstanceSettings.h"

using namespace Qt::StringLiterals;

namespace umgate {

namespace field = rpc::field;

SenderListModel::SenderListModel(InstanceSettings* settings, QObject* parent)
    : QAbstractTableModel(parent), m_settings(settings)
{
    if (!settings) return;
    if (settings->connection())
        m_fields = settings->connection()->schemaEntry(Key).value(field::fields).toArray();
    m_rows = settings->value(Key).toArray();
    connect(settings, &InstanceSettings::valueChanged, this, [this](const QString& key) {
        if (key == Key && !m_storing) reload();
    });
    connect(settings, &InstanceSettings::loaded, this, [this] {
        // The schema may have arrived after we were made (a reconnect).
        if (m_fields.isEmpty() && m_settings->connection()) {
            const QJsonArray fields =
                m_settings->connection()->schemaEntry(Key).value(field::fields).toArray();
            if (!fields.isEmpty()) {
                beginResetModel();
                m_fields = fields;
                m_rows = m_settings->value(Key).toArray();
                endResetModel();
                return;
            }
        }
        reload();
    });
    connect(settings, &InstanceSettings::errorsChanged, this, [this] {
        if (!m_rows.isEmpty() && !m_fields.isEmpty())
            emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, int(m_fields.size()) - 1));
    });
}

void SenderListModel::reload()
{
    const QJsonArray next = m_settings->value(Key).toArray();
    if (next == m_rows) return;
    if (next.size() == m_rows.size()) {
        m_rows = next;
        if (!m_rows.isEmpty() && !m_fields.isEmpty())
            emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, int(m_fields.size()) - 1));
        return;
    }
    // Entries added or removed elsewhere (another console, a revert): which ones is not known.
    beginResetModel();
    m_rows = next;
    endResetModel();
}

void SenderListModel::store()
{
    m_storing = true;
    m_settings->setValue(Key, m_rows);
    m_storing = false;
}

QString SenderListModel::fieldName(int column) const
{
    return m_fields.at(column).toObject().value(field::name).toString();
}

QJsonObject SenderListModel::entry(int row) const
{
    return m_rows.at(row).toObject();
}

QJsonObject SenderListModel::defaultEntry() const
{
    QJsonObject o;
    for (const auto& f : m_fields)
        if (!f.toObject().value(field::secret).toBool())
            o.insert(f.toObject().value(field::name).toString(), f.toObject().value(field::defaultValue));
    return o;
}

void SenderListModel::addEntry(const QJsonObject& entry)
{
    if (!m_settings) return;
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append(entry);
    endInsertRows();
    store();
}

void SenderListModel::setEntry(int row, const QJsonObject& entry)
{
    if (!m_settings || row < 0 || row >= m_rows.size()) return;
    m_rows.replace(row, entry);
    emit dataChanged(index(row, 0), index(row, qMax(0, int(m_fields.size()) - 1)));
    store();
}

void SenderListModel::removeEntry(int row)
{
    if (!m_settings || row < 0 || row >= m_rows.size()) return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    store();
}

void SenderListModel::moveEntry(int from, int to)
{
    if (!m_settings || from < 0 || from >= m_rows.size() || to < 0 || to >= m_rows.size() || from == to)
        return;
    // Qt counts the destination before the move: down by one means "before the row after next".
    beginMoveRows({}, from, from, {}, to > from ? to + 1 : to);
    const QJsonValue v = m_rows.takeAt(from);
    m_rows.insert(to, v);
    endMoveRows();
    store();
}

int SenderListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SenderListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_fields.size());
}

QVariant SenderListModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const QJsonObject field = m_fields.at(index.column()).toObject();
    const QString name = field.value(field::name).toString();
    const QJsonObject e = m_rows.at(index.row()).toObject();
    const QJsonValue v = e.value(name);
    const QString error =
        m_settings ? m_settings->errorFor(u"%1[%2].%3"_s.arg(Key).arg(index.row()).arg(name)) : QString();
    const bool secret = field.value(field::secret).toBool();
    const QString type = field.value(field::type).toString();
    switch (role) {
    case EntryRole:
        return e;
    case FieldRole:
        return name;
    case ErrorRole:
    case Qt::ToolTipRole: // the error, where the cell is
        return error;
    case Qt::CheckStateRole:
        if (type == rpc::settingType::Bool) return v.toBool() ? Qt::Checked : Qt::Unchecked;
        return {};
    case Qt::EditRole:
        if (secret) return v.isString() ? v.toString() : QString();
        return v.toVariant();
    case Qt::DisplayRole:
        if (type == rpc::settingType::Bool) return {};
        if (secret) {
            const bool set = v.isString() ? !v.toString().isEmpty() : v.toObject().value(field::set).toBool();
            return set ? tr("(set)") : tr("(none)");
        }
        return v.isDouble() ? QVariant(v.toInteger()) : QVariant(v.toString());
    default:
        return {};
    }
}

QVariant SenderListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 || section >= m_fields.size())
        return {};
    return m_fields.at(section).toObject().value(field::label).toString();
}

Qt::ItemFlags SenderListModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (!index.isValid()) return f;
    if (m_fields.at(index.column()).toObject().value(field::type).toString() == u"bool"_s)
        f |= Qt::ItemIsUserCheckable;
    else
        f |= Qt::ItemIsEditable;
    return f;
}

bool SenderListModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return false;
    const QJsonObject field = m_fields.at(index.column()).toObject();
    const QString type = field.value(field::type).toString();
    QJsonObject e = entry(index.row());
    const QString name = fieldName(index.column());
    if (role == Qt::CheckStateRole && type == rpc::settingType::Bool) {
        e.insert(name, value.toInt() == Qt::Checked);
    } else if (role == Qt::EditRole) {
        if (type == rpc::settingType::Int) {
            bool ok = false;
            const int n = value.toString().trimmed().toInt(&ok);
            e.insert(name,
                     ok ? QJsonValue(n) : QJsonValue(value.toString())); // the engine says what is wrong
        } else if (type == rpc::settingType::Bool) {
            e.insert(name, value.toBool());
        } else {
            e.insert(name, value.toString());
        }
    } else {
        return false;
    }
    setEntry(index.row(), e);
    return true;
}

} // namespace umgate
