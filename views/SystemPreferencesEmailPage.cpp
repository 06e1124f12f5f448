// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/SystemPreferencesEmailPage.h"

#include <QTabWidget>

using namespace Qt::StringLiterals;

namespace umgate {

SystemPreferencesEmailPage::SystemPreferencesEmailPage(EngineConnection* connection,
                                                       const QString& instanceId, QWidget* parent)
    : SchemaSettingsPage(connection, instanceId, parent)
{
    setObjectName(u"systemPreferencesEmailPage"_s);
    addFormTab(tr("&Email"), {u"systemPreferences.email.senders"_s}, u"emailTab"_s);
}

QString SystemPreferencesEmailPage::title() const
{
    return tr("System Preferences: Email");
}

} // namespace umgate
