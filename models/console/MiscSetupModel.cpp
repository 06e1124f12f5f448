// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/console/MiscSetupModel.h"

#include "engine/client/RpcFields.h"
#include "models/console/EngineConnection.h"
#include "models/console/RowDiff.h"
#include "models/rpc/RpcClient.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace umgate {

namespace field = rpc::field;

QString MiscSetupModel::description(const QJsonObject& option)
{
    // The engine sends the English text; engine/config/MiscSetup.cpp marks it for translation.
    return QCoreApplication::translate("umgate::MiscSetup",
                                       option.value(field::description).toString().toUtf8().constData());
}

namespace {
QString valueText(const QJsonValue& v)
{
    if (v.isString()) return v.toString();
    if (v.isBool()) return v.toBool() ? u"true"_s : u"false"_s;
    if (v.isDouble()) return QString::number(v.toDouble(), 'g', 15);
    if (v.isNull() || v.isUndefined()) return {};
    return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
}

// An editor hands back text or a number; the engine wants the option's own type and says so
// clearly when the text does not fit.
QJsonValue toOptionType(const QVariant& value, const QString& type)
{
    if (type == rpc::settingType::Int) {
        bool ok = false;
        const qlonglong n = value.toString().trimmed().toLongLong(&ok);
        return ok ? QJsonValue(n) : QJsonValue(value.toString());
    }
    if (type == rpc::settingType::Bool) {
        if (value.typeId() == QMetaType::Bool) return value.toBool();
        const QString t = value.toString().trimmed().toLower();
        if (t == u"true"_s || t == u"1"_s || t == u"yes"_s) return true;
        if (t == u"false"_s || t == u"0"_s || t == u"no"_s) return false;
        return t;
    }
    return value.toString();
}
} // namespace

MiscSetupModel::MiscSetupModel(EngineConnection* connection, QObject* parent)
    : QAbstractTableModel(parent), m_connection(connection)
{
    if (!connection) return;
    connect(connection, &EngineConnection::notification, this,
            [this](rpc::Notification n, const QJsonObject&) {
                if (n == rpc::Notification::MiscChanged) refresh();
            });
    connect(connection, &EngineConnection::stateChanged, this, [this](EngineConnection::State s) {
        if (s == EngineConnection::State::Connected) refresh();
    });
    if (connection->state() == EngineConnection::State::Connected) refresh();
}

int MiscSetupModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MiscSetupModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QJsonObject MiscSetupModel::option(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? m_rows[size_t(row)].option : QJsonObject();
}

int MiscSetupModel::rowOf(const QString& key) const
{
    for (size_t i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].key == key) return int(i);
    return -1;
}

QVariant MiscSetupModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const QJsonObject& o = m_rows[size_t(index.row())].option;
    if (role == OptionRole) return o;
    if (role == KeyRole) return m_rows[size_t(index.row())].key;
    switch (index.column()) {
    case KeyColumn:
        if (role == Qt::DisplayRole) return o.value(field::key).toString();
        break;
    case ValueColumn:
        if (role == Qt::DisplayRole || role == Qt::EditRole) {
            const QJsonValue v = o.value(field::value);
            if (role == Qt::EditRole && v.isBool()) return v.toBool();
            if (role == Qt::EditRole && v.isDouble()) return v.toInteger();
            return valueText(v);
        }
        if (role == Qt::ToolTipRole) return tr("Default: %1").arg(valueText(o.value(field::defaultValue)));
        break;
    case IgnoreColumn:
        if (role == Qt::CheckStateRole) return o.value(field::ignore).toBool() ? Qt::Checked : Qt::Unchecked;
        if (role == Qt::ToolTipRole) return tr("When checked, the default applies instead of the value");
        break;
    case DescriptionColumn:
        if (role == Qt::DisplayRole || role == Qt::ToolTipRole) return description(o);
        break;
    default:
        break;
    }
    return {};
}

QVariant MiscSetupModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case IgnoreColumn:
        return tr("Ignore");
    case DescriptionColumn:
        return tr("Description");
    default:
        return {};
    }
}

Qt::ItemFlags MiscSetupModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (!index.isValid()) return f;
    if (index.column() == ValueColumn) f |= Qt::ItemIsEditable;
    if (index.column() == IgnoreColumn) f |= Qt::ItemIsUserCheckable;
    return f;
}

bool MiscSetupModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return false;
    const Row& row = m_rows[size_t(index.row())];
    if (index.column() == ValueColumn && role == Qt::EditRole) {
        const QJsonValue v = toOptionType(value, row.option.value(field::type).toString());
        if (v == row.option.value(field::value)) return true;
        send(int(rpc::Method::MiscSet), {{field::key, row.key}, {field::value, v}});
        return true;
    }
    if (index.column() == IgnoreColumn && role == Qt::CheckStateRole) {
        const bool ignore = value.toInt() == Qt::Checked;
        if (ignore == row.option.value(field::ignore).toBool()) return true;
        send(int(rpc::Method::MiscSet), {{field::key, row.key}, {field::ignore, ignore}});
        return true;
    }
    return false;
}

void MiscSetupModel::setOption(const QString& key, const QJsonValue& value, bool ignore)
{
    send(int(rpc::Method::MiscSet), {{field::key, key}, {field::value, value}, {field::ignore, ignore}});
}

void MiscSetupModel::reset(const QString& key)
{
    send(int(rpc::Method::MiscReset), {{field::key, key}});
}

void MiscSetupModel::send(int method, const QJsonObject& params)
{
    if (!m_connection) return;
    const QString key = params.value(field::key).toString();
    m_connection->client()->exec(
        rpc::Method(method), params, guarded(this, [this, key](const RpcResponse& r) {
            if (!r.ok) {
                emit errorOccurred(tr("Misc Setup %1 was not changed: %2").arg(key, r.errorText()));
                return;
            }
            takeOption(r.resultObject().value(field::option).toObject());
        }));
}

void MiscSetupModel::takeOption(const QJsonObject& option)
{
    const int row = rowOf(option.value(field::key).toString());
    if (row < 0 || m_rows[size_t(row)].option == option) return;
    m_rows[size_t(row)].option = option;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void MiscSetupModel::refresh()
{
    if (!m_connection) return;
    if (m_inFlight) {
        m_again = true;
        return;
    }
    m_inFlight = true;
    m_connection->client()->exec(
        rpc::Method::MiscList, {}, guarded(this, [this](const RpcResponse& r) {
            m_inFlight = false;
            if (!r.ok) {
                emit errorOccurred(tr("Reading Misc Setup failed: %1").arg(r.errorText()));
            } else {
                std::vector<Row> next;
                for (const auto& v : r.resultObject().value(field::options).toArray())
                    next.push_back(Row{v.toObject().value(field::key).toString(), v.toObject()});
                applyRowDiff(
                    m_rows, std::move(next), [](const Row& row) { return row.key; }, ColumnCount - 1,
                    RowOps<MiscSetupModel>{this});
                emit loaded();
            }
            if (std::exchange(m_again, false)) refresh();
        }));
}

} // namespace umgate
