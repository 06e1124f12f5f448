// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QHash>
#include <QJsonArray>
#include <QWidget>

class QPushButton;
class QTableWidget;

namespace umgate {

// An ordered list of objects (LDAP servers, Print Unread rules, SMTP senders) as a table with
// Add, Edit, Remove and ordering; entries are edited in an ObjectEntryDialog built from the
// schema's field list. The order matters to the engine (servers are tried, rules processed top
// down), hence Move Up / Move Down.
class ObjectListEditor : public QWidget
{
    Q_OBJECT
public:
    ObjectListEditor(const QJsonArray& fields, int maximumEntries, QWidget* parent = nullptr);

    QJsonArray values() const { return m_values; }
    void setValues(const QJsonArray& values); // no edited() signal
    // Errors per entry: index -> (field name or "" for the entry) -> reason.
    void setEntryErrors(const QHash<int, QHash<QString, QString>>& errors);
    QTableWidget* table() const { return m_table; }

signals:
    void edited();

private:
    void rebuild();
    void addEntry();
    void editEntry(int row);
    void removeCurrent();
    void move(int delta);
    void updateButtons();
    QString cellText(const QJsonObject& field, const QJsonValue& value) const;

    QJsonArray m_fields;
    int m_maximum = 0;
    QJsonArray m_values;
    QHash<int, QHash<QString, QString>> m_errors;
    QTableWidget* m_table = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_edit = nullptr;
    QPushButton* m_remove = nullptr;
    QPushButton* m_up = nullptr;
    QPushButton* m_down = nullptr;
};

} // namespace umgate
