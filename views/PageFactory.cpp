// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/PageFactory.h"

#include "views/CoverPage.h"
#include "views/GeneralPage.h"
#include "views/GlobalUserSettingsPage.h"
#include "views/InformationPage.h"
#include "views/InstanceChooserPage.h"
#include "views/LdapPage.h"
#include "views/LogPage.h"
#include "views/MailSystemPage.h"
#include "views/MiscSetupPage.h"
#include "views/PlaceholderPage.h"
#include "views/PrintUnreadPage.h"
#include "views/QueuePage.h"
#include "views/SubscriberMailboxesPage.h"
#include "views/SystemPreferencesEmailPage.h"

namespace umgate {

SettingsPage* PageFactory::create(ConsoleTreeModel::Page kind, EngineConnection* connection,
                                  const QString& instanceId, QWidget* parent)
{
    switch (kind) {
    case ConsoleTreeModel::Page::General:
        return new GeneralPage(connection, instanceId, parent);
    case ConsoleTreeModel::Page::MailSystem:
        return new MailSystemPage(connection, instanceId, parent);
    case ConsoleTreeModel::Page::Ldap:
        return new LdapPage(connection, instanceId, parent);
    case ConsoleTreeModel::Page::GlobalUserSettings:
        return new GlobalUserSettingsPage(connection, instanceId, parent);
    case ConsoleTreeModel::Page::CoverPage:
        return new CoverPage(connection, instanceId, parent);
    case ConsoleTreeModel::Page::PrintUnread:
        return new PrintUnreadPage(connection, instanceId, parent);
    case ConsoleTreeModel::Page::Log:
        return new LogPage(connection, instanceId, parent);
    case ConsoleTreeModel::Page::Information:
        return new InformationPage(connection, parent);
    case ConsoleTreeModel::Page::SystemPreferencesEmail:
        if (!instanceId.isEmpty()) return new SystemPreferencesEmailPage(connection, instanceId, parent);
        // The tree shows it per engine; the sender list itself belongs to an instance.
        return new InstanceChooserPage(
            connection, ConsoleTreeModel::pageTitle(kind),
            [connection](const QString& id, QWidget* p) {
                return new SystemPreferencesEmailPage(connection, id, p);
            },
            parent);
    case ConsoleTreeModel::Page::Queue:
        return new QueuePage(connection, instanceId, parent);
    case ConsoleTreeModel::Page::MiscSetup:
        return new MiscSetupPage(connection, parent);
    case ConsoleTreeModel::Page::Engine:
        return new PlaceholderPage(ConsoleTreeModel::pageTitle(kind),
                                   tr("An engine: select one of its instances, or Misc Setup for the "
                                      "settings all instances share."),
                                   parent);
    case ConsoleTreeModel::Page::Instance:
        return new PlaceholderPage(ConsoleTreeModel::pageTitle(kind),
                                   tr("An instance of the gateway: its settings are on the pages below it. "
                                      "Use the Instance menu to send a test message or remove it."),
                                   parent);
    case ConsoleTreeModel::Page::SubscriberMailboxes:
        return new SubscriberMailboxesPage(connection, instanceId, parent);
    }
    return new PlaceholderPage(ConsoleTreeModel::pageTitle(kind), tr("This page is not available yet."),
                               parent);
}

} // namespace umgate
