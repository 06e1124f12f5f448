// SPDX-License-Identifier: GPL-3.0-or-later
// The console's error text (views/ErrorLabel): its colour comes from the palette, is readable on a
// light and on a dark theme (WCAG contrast >= 4.5), and follows a change of theme. No console
// file spells a colour of its own for errors.
#include "views/ErrorLabel.h"

#include <QApplication>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>
#include <cmath>

using namespace umgate;
using namespace Qt::StringLiterals;

namespace {

double luminance(const QColor& c)
{
    const auto ch = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF());
}

double contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QPalette paletteWithWindow(const QColor& window)
{
    QPalette p = QApplication::palette();
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, window.lightnessF() < 0.5 ? Qt::white : Qt::black);
    return p;
}

} // namespace

class TestErrorLabel : public QObject
{
    Q_OBJECT

private slots:
    void readableOnLightAndDarkThemes_data()
    {
        QTest::addColumn<QColor>("window");
        QTest::newRow("white") << QColor(Qt::white);
        QTest::newRow("Fusion light") << QColor(0xef, 0xef, 0xef);
        QTest::newRow("Breeze dark") << QColor(0x31, 0x36, 0x3b);
        QTest::newRow("black") << QColor(Qt::black);
        QTest::newRow("mid grey") << QColor(0x80, 0x80, 0x80);
    }
    void readableOnLightAndDarkThemes()
    {
        QFETCH(QColor, window);
        const QColor red = ErrorLabel::errorColor(paletteWithWindow(window));
        QVERIFY2(
            contrast(red, window) >= 4.5,
            qPrintable(u"%1 on %2: contrast %3"_s.arg(red.name(), window.name()).arg(contrast(red, window))));
        QVERIFY2(red.hslHue() == 0 || red.hslHue() == -1, qPrintable(red.name())); // still red
        if (window == QColor(Qt::white)) QCOMPARE(red.name(), u"#c00000"_s);       // the colour it always was
    }

    void followsAThemeChange()
    {
        QWidget parent;
        parent.setPalette(paletteWithWindow(Qt::white));
        auto* label = new ErrorLabel(&parent, u"someError"_s);
        QCOMPARE(label->objectName(), u"someError"_s);
        QVERIFY(label->wordWrap());
        QVERIFY(label->isHidden());
        const QColor light = label->palette().color(QPalette::WindowText);
        QCOMPARE(light, ErrorLabel::errorColor(parent.palette()));

        auto* plain = new QLabel(&parent);
        ErrorLabel::markAsError(plain);
        QCOMPARE(plain->palette().color(QPalette::WindowText), light);

        parent.setPalette(paletteWithWindow(QColor(0x31, 0x36, 0x3b)));
        const QColor dark = label->palette().color(QPalette::WindowText);
        QVERIFY2(dark != light && dark.lightnessF() > light.lightnessF(), qPrintable(dark.name()));
        QVERIFY(contrast(dark, parent.palette().color(QPalette::Window)) >= 4.5);
        QCOMPARE(plain->palette().color(QPalette::WindowText), dark);
        // The label's other roles still follow the theme.
        QCOMPARE(label->palette().color(QPalette::Window), QColor(0x31, 0x36, 0x3b));
    }

    // One place decides the error colour: no view spells a colour in a style sheet for it.
    void noViewSpellsItsOwnErrorColour()
    {
        QStringList offenders;
        const QRegularExpression colour(u"color:\\s*#[0-9a-fA-F]{3,6}"_s);
        QDirIterator it(u"" UMGATE_SOURCE_DIR "/views"_s, {u"*.cpp"_s, u"*.h"_s});
        int files = 0;
        while (it.hasNext()) {
            QFile f(it.next());
            QVERIFY(f.open(QIODevice::ReadOnly));
            ++files;
            if (colour.match(QString::fromUtf8(f.readAll())).hasMatch()) offenders << f.fileName();
        }
        QVERIFY2(files > 10, "the views folder was found");
        QVERIFY2(offenders.isEmpty(), qPrintable(offenders.join(u", "_s)));
    }
};

QTEST_MAIN(TestErrorLabel)
#include "tst_errorlabel.moc"
