// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/CoverPage.h"

#include <QTabWidget>

using namespace Qt::StringLiterals;

namespace umgate {

CoverPage::CoverPage(EngineConnection* connection, const QString& instanceId, QWidget* parent)
    : SchemaSettingsPage(connection, instanceId, parent)
{
    setObjectName(u"coverPage"_s);
    addFormTab(tr("&Address"),
               {u"coverPage.address.company"_s, u"coverPage.address.street"_s,
                u"coverPage.address.postalCode"_s, u"coverPage.address.city"_s},
               u"addressTab"_s);
    addFormTab(tr("&Call Numbers"),
               {u"coverPage.callNumbers.businessPhone"_s, u"coverPage.callNumbers.businessFax"_s},
               u"callNumbersTab"_s);
    addFormTab(tr("Ad&vanced"),
               {u"coverPage.advanced.department"_s, u"coverPage.advanced.office"_s,
                u"coverPage.advanced.custom1"_s, u"coverPage.advanced.custom2"_s,
                u"coverPage.advanced.custom3"_s},
               u"advancedTab"_s);
}

QString CoverPage::title() const
{
    return tr("Cover Page");
}

} // namespace umgate
