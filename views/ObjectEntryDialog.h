// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>

namespace umgate {

// Add / Edit dialog for one entry of an object list (an LDAP server, a Print Unread rule, an
// SMTP sender), built from the schema's field list. Secret fields keep the engine's marker
// until a new value is typed.
class ObjectEntryDialog : public QDialog
{
    Q_OBJECT
public:
    ObjectEntryDialog(const QJsonArray& fields, const QJsonObject& entry, QWidget* parent = nullptr);

    QJsonObject entry() const;
    // The engine's errors for this entry's fields (field name -> reason), shown under the fields.
    void setFieldErrors(const QHash<QString, QString>& errors);

private:
    QJsonArray m_fields;
    QJsonObject m_original;
    QHash<QString, QWidget*> m_editors;
    QHash<QString, QWidget*> m_errorLabels;
};

} // namespace umgate
