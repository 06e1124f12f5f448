// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/ErrorLabel.h"

#include <QEvent>
#include <QObject>
#include <algorithm>
#include <cmath>

namespace umgate {

namespace {

// Relative luminance and contrast ratio as WCAG 2 defines them.
double luminance(const QColor& c)
{
    const auto channel = [](double v) {
        return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

double contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

void applyColor(QLabel* label)
{
    QPalette p = label->palette();
    const QColor red = ErrorLabel::errorColor(p);
    if (p.color(QPalette::WindowText) == red) return; // also ends the PaletteChange this causes
    p.setColor(QPalette::WindowText, red);
    label->setPalette(p);
}

// For labels that are not ErrorLabels: re-applies the colour when the theme changes.
class PaletteFollower : public QObject
{
public:
    explicit PaletteFollower(QLabel* label) : QObject(label) { label->installEventFilter(this); }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::PaletteChange) applyColor(static_cast<QLabel*>(watched));
        return false;
    }
};

} // namespace

ErrorLabel::ErrorLabel(QWidget* parent, const QString& objectName) : QLabel(parent)
{
    if (!objectName.isEmpty()) setObjectName(objectName);
    setWordWrap(true);
    applyColor(this);
    hide();
}

QColor ErrorLabel::errorColor(const QPalette& palette)
{
    const QColor background = palette.color(QPalette::Window);
    // Start from the classic #c00000 on light backgrounds and a soft red on dark ones, then move
    // the lightness away from the background until the text is readable.
    const bool darkBackground = background.lightnessF() < 0.5;
    QColor red = darkBackground ? QColor::fromHslF(0.0, 1.0, 0.70) : QColor::fromHslF(0.0, 1.0, 0.376);
    for (int step = 0; step < 20 && contrast(red, background) < 4.5; ++step) {
        const double l = red.lightnessF() + (darkBackground ? 0.025 : -0.025);
        red = QColor::fromHslF(0.0, 1.0, std::clamp(l, 0.0, 1.0));
    }
    return red;
}

void ErrorLabel::markAsError(QLabel* label)
{
    applyColor(label);
    new PaletteFollower(label);
}

void ErrorLabel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange) applyColor(this);
    QLabel::changeEvent(event);
}

} // namespace umgate
