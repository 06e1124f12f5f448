// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/PrintUnreadPage.h"

#include <QFormLayout>
#include <QLabel>

using namespace Qt::StringLiterals;

namespace umgate {

PrintUnreadPage::PrintUnreadPage(EngineConnection* connection, const QString& instanceId, QWidget* parent)
    : SchemaSettingsPage(connection, instanceId, parent)
{
    setObjectName(u"printUnreadPage"_s);
    QFormLayout* form =
        addFormTab(tr("&Print Unread"), {u"printUnread.settings.enabled"_s, u"printUnread.settings.rules"_s},
                   u"printUnreadTab"_s);
    auto* hint = new QLabel(tr("Rules are processed top down; within a rule, numbers and ranges such as "
                               "4930100-4930199 are checked in order, and * ends the processing."),
                            form->parentWidget());
    hint->setWordWrap(true);
    form->addRow(hint);
}

QString PrintUnreadPage::title() const
{
    return tr("Print Unread");
}

} // namespace umgate
