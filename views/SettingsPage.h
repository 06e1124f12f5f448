// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

namespace umgate {

// The small interface every settings page implements (after KeePassXC's SettingsWidget), so the
// main window, the OK/Apply/Cancel logic and the New Instance wizard treat pages alike.
class SettingsPage : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;
    ~SettingsPage() override;

    virtual QString title() const = 0;
    virtual void load() = 0;  // from the bound settings into the widgets
    virtual void apply() = 0; // from the widgets into the bound settings; ends with applyFinished
    virtual bool isDirty() const = 0;
    // Drops the edits not yet applied (Cancel); by default the same as load().
    virtual void revert() { load(); }

signals:
    void dirtyChanged(bool dirty);
    // After apply(): whether the engine took the edits, and its message when it did not.
    void applyFinished(bool ok, const QString& message);
};

} // namespace umgate
