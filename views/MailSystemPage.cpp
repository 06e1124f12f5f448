// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/MailSystemPage.h"

#include "engine/client/AddressTemplate.h"
#include "views/SettingsBinder.h"

#include <QFormLayout>
#include <QLabel>
#include <QTabWidget>

using namespace Qt::StringLiterals;

namespace umgate {

namespace {
const QString kSender = u"mailSystem.template.sender"_s;
const QString kDomain = u"mailSystem.template.mailDomain"_s;
} // namespace

MailSystemPage::MailSystemPage(EngineConnection* connection, const QString& instanceId, QWidget* parent)
    : SchemaSettingsPage(connection, instanceId, parent)
{
    setObjectName(u"mailSystemPage"_s);
    addFormTab(tr("&General"),
               {u"mailSystem.general.server"_s, u"mailSystem.general.port"_s,
                u"mailSystem.general.defaultRecipient"_s},
               u"generalTab"_s);
    addFormTab(tr("&Message Store"),
               {u"mailSystem.messageStore.mode"_s, u"mailSystem.messageStore.maildirPath"_s},
               u"messageStoreTab"_s);
    QFormLayout* form =
        addFormTab(tr("&Template"),
                   {kDomain, kSender, u"mailSystem.template.replyTo"_s, u"mailSystem.template.displayName"_s,
                    u"mailSystem.template.reportDisplayName"_s},
                   u"templateTab"_s);
    m_example = new QLabel(form->parentWidget());
    m_example->setObjectName(u"templateExample"_s);
    m_example->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* exampleLabel = new QLabel(tr("Example:"), form->parentWidget());
    form->insertRow(2, exampleLabel, m_example);
    addFormTab(tr("&Polling"), {u"mailSystem.polling.retries"_s, u"mailSystem.polling.intervals"_s},
               u"pollingTab"_s);
    addFormTab(tr("&Authentication"),
               {u"mailSystem.authentication.user"_s, u"mailSystem.authentication.password"_s},
               u"authenticationTab"_s);
    addFormTab(tr("&Encryption"),
               {u"mailSystem.encryption.mode"_s, u"mailSystem.encryption.caCertificate"_s,
                u"mailSystem.encryption.acceptInvalidCertificate"_s},
               u"encryptionTab"_s);

    connect(binder(), &SettingsBinder::valueChanged, this, [this](const QString& key) {
        if (key == kSender || key == kDomain) updateExample();
    });
    connect(binder(), &SettingsBinder::edited, this, [this](const QString& key) {
        if (key == kSender || key == kDomain) updateExample();
    });
    updateExample();
}

QString MailSystemPage::title() const
{
    return tr("Mail System");
}

QString MailSystemPage::exampleAddress(const QString& senderTemplate, const QString& mailDomain)
{
    // The engine's own expander: the example reads as the engine would write the address.
    return AddressTemplate::expand(senderTemplate, AddressTemplate::example(mailDomain)).text;
}

void MailSystemPage::updateExample()
{
    m_example->setText(
        exampleAddress(binder()->value(kSender).toString(), binder()->value(kDomain).toString()));
}

} // namespace umgate
