// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QColor>
#include <QLabel>
#include <QPalette>

namespace umgate {

// The console's one way to show an error next to what caused it: a label whose red is taken from
// the palette's window colour (dark on a light theme, light on a dark one, so it stays readable
// with either), and follows a change of theme. Word-wrapped and hidden until it has something to say.
class ErrorLabel : public QLabel
{
public:
    explicit ErrorLabel(QWidget* parent = nullptr, const QString& objectName = {});

    // The error colour for text on `palette`'s window background: a red with a contrast ratio of at
    // least 4.5 to it (WCAG AA for normal text).
    static QColor errorColor(const QPalette& palette);
    // Gives a label made elsewhere (e.g. by a form builder) the same colour, following the palette.
    static void markAsError(QLabel* label);

protected:
    void changeEvent(QEvent* event) override;
};

} // namespace umgate
