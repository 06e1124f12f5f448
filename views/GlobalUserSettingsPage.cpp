// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/GlobalUserSettingsPage.h"

#include <QTabWidget>

using namespace Qt::StringLiterals;

namespace umgate {

GlobalUserSettingsPage::GlobalUserSettingsPage(EngineConnection* connection, const QString& instanceId,
                                               QWidget* parent)
    : SchemaSettingsPage(connection, instanceId, parent)
{
    setObjectName(u"globalUserSettingsPage"_s);
    addFormTab(tr("&Rights"),
               {u"globalUserSettings.rights.checkSenders"_s, u"globalUserSettings.rights.emergencyMode"_s,
                u"globalUserSettings.rights.faxPermission"_s, u"globalUserSettings.rights.smsPermission"_s,
                u"globalUserSettings.rights.voicePermission"_s, u"globalUserSettings.rights.priority"_s,
                u"globalUserSettings.rights.maxFaxPages"_s, u"globalUserSettings.rights.maxFaxPerDay"_s,
                u"globalUserSettings.rights.maxSmsPerDay"_s, u"globalUserSettings.rights.maxVoicePerDay"_s,
                u"globalUserSettings.rights.inboundFaxFormat"_s, u"globalUserSettings.rights.senderNumber"_s,
                u"globalUserSettings.rights.faxHeadline"_s,
                u"globalUserSettings.rights.isdnOriginatingAddress"_s,
                u"globalUserSettings.rights.coverPage"_s, u"globalUserSettings.rights.forceCoverPage"_s,
                u"globalUserSettings.rights.billingCode"_s},
               u"rightsTab"_s);
    addFormTab(tr("&HTML Report"),
               {u"globalUserSettings.htmlReport.enabled"_s, u"globalUserSettings.htmlReport.language"_s},
               u"htmlReportTab"_s);
    addFormTab(tr("&Unknown Sender"),
               {u"globalUserSettings.unknownSender.action"_s, u"globalUserSettings.unknownSender.user"_s,
                u"globalUserSettings.unknownSender.archive"_s},
               u"unknownSenderTab"_s);
}

QString GlobalUserSettingsPage::title() const
{
    return tr("Global User Settings");
}

} // namespace umgate
