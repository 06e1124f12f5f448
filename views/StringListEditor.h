// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonArray>
#include <QWidget>

class QListWidget;
class QPushButton;

namespace umgate {

// An ordered list of strings or numbers with Add, Remove, Move Up and Move Down (Base DN,
// allowed clients, polling intervals, Print Unread numbers). Items are edited in place.
class StringListEditor : public QWidget
{
    Q_OBJECT
public:
    explicit StringListEditor(bool integers, QWidget* parent = nullptr);

    QJsonArray values() const;
    void setValues(const QJsonArray& values); // no edited() signal
    // Marks entries with an error (index -> reason); others are cleared.
    void setEntryErrors(const QHash<int, QString>& errors);

signals:
    void edited();

private:
    void add();
    void removeCurrent();
    void move(int delta);
    void updateButtons();

    bool m_integers = false;
    bool m_loading = false;
    QListWidget* m_list = nullptr;
    QPushButton* m_add = nullptr;
    QPushButton* m_remove = nullptr;
    QPushButton* m_up = nullptr;
    QPushButton* m_down = nullptr;
};

} // namespace umgate
