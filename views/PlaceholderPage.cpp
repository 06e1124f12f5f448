// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/PlaceholderPage.h"

#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace umgate {

PlaceholderPage::PlaceholderPage(const QString& title, const QString& text, QWidget* parent)
    : SettingsPage(parent), m_title(title)
{
    setObjectName(u"placeholderPage"_s);
    auto* label = new QLabel(text, this);
    label->setWordWrap(true);
    label->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addStretch();
}

void PlaceholderPage::apply()
{
    emit applyFinished(true, QString());
}

} // namespace umgate
