// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/SettingsPage.h"

namespace umgate {

// Stands in for a node whose page is not built yet, and for the engine and instance nodes,
// which say what lies below them.
class PlaceholderPage : public SettingsPage
{
    Q_OBJECT
public:
    PlaceholderPage(const QString& title, const QString& text, QWidget* parent = nullptr);
    QString title() const override { return m_title; }
    void load() override {}
    void apply() override;
    bool isDirty() const override { return false; }

private:
    QString m_title;
};

} // namespace umgate
