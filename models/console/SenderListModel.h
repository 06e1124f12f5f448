// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>

namespace umgate {

class InstanceSettings;

// Avaya's System Preferences: Email sender list (systemPreferences.email.senders) as a table:
// one row per SMTP server, one column per field of the schema entry. It edits through
// InstanceSettings like every other field, so the list is applied, cancelled and validated with
// its page, and the engine's per-entry errors ("...senders[1].account") show on their cells.
class SenderListModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static inline const QString Key = QStringLiteral("systemPreferences.email.senders");
    enum Role
    {
        EntryRole = Qt::UserRole + 1, // the row's QJsonObject
        FieldRole,                    // the column's field name
        ErrorRole,                    // the engine's validation error for the cell, or ""
    };

    explicit SenderListModel(InstanceSettings* settings, QObject* parent = nullptr);

    // The schema's "fields": [{name, type, default, label, ...}]
    QJsonObject entry(int row) const;
    QJsonObject defaultEntry() const;
    void addEntry(const QJsonObject& entry);
    void setEntry(int row, const QJsonObject& entry);
    void removeEntry(int row);
    void moveEntry(int from, int to); // the first entry is the default server

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

private:
    void reload(); // the list from the settings, after a change that was not ours
    void store();  // our rows as the pending edit
    QString fieldName(int column) const;

    QPointer<InstanceSettings> m_settings;
    QJsonArray m_fields;
    QJsonArray m_rows;
    bool m_storing = false;
};

} // namespace umgate
