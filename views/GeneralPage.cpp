// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/GeneralPage.h"

#include "views/CertificateImportDialog.h"

#include <QFormLayout>
#include <QPushButton>
#include <QTabWidget>

using namespace Qt::StringLiterals;

namespace umgate {

GeneralPage::GeneralPage(EngineConnection* connection, const QString& instanceId, QWidget* parent)
    : SchemaSettingsPage(connection, instanceId, parent)
{
    setObjectName(u"generalPage"_s);
    addFormTab(tr("&IP Addresses"),
               {u"general.ipAddresses.address"_s, u"general.ipAddresses.port"_s,
                u"general.ipAddresses.allowedClients"_s},
               u"ipAddressesTab"_s);
    addFormTab(tr("&Authentication"),
               {u"general.authentication.user"_s, u"general.authentication.password"_s,
                u"general.authentication.forceTls"_s, u"general.authentication.cramMd5"_s,
                u"general.authentication.directory"_s, u"general.authentication.directoryFilter"_s,
                u"general.authentication.senderMustMatch"_s},
               u"authenticationTab"_s);
    QFormLayout* encryption =
        addFormTab(tr("&Encryption"),
                   {u"general.encryption.enabled"_s, u"general.encryption.implicitTls"_s,
                    u"general.encryption.certificate"_s, u"general.encryption.key"_s,
                    u"general.encryption.certificateMismatch"_s},
                   u"encryptionTab"_s);
    // ixi-UMS 4.2.1.2 explains how to turn a .pfx into these PEM files; the engine does it.
    auto* import = new QPushButton(tr("Import from PKCS#12 &File..."), this);
    import->setObjectName(u"importPkcs12"_s);
    import->setToolTip(tr("Install a certificate with its private key from a .pfx or .p12 file as "
                          "the two files above."));
    encryption->addRow(QString(), import);
    connect(import, &QPushButton::clicked, this, [this, connection, instanceId] {
        auto* dialog = new CertificateImportDialog(connection, instanceId, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    addFormTab(tr("&Limits"),
               {u"general.limits.maxMessageMb"_s, u"general.limits.maxRecipients"_s,
                u"general.limits.maxConnections"_s, u"general.limits.maxConnectionsPerClient"_s,
                u"general.limits.commandTimeoutSeconds"_s, u"general.limits.dataTimeoutSeconds"_s,
                u"general.limits.mailTimeoutSeconds"_s},
               u"limitsTab"_s);
    addFormTab(tr("&Site"),
               {u"general.site.countryCode"_s, u"general.site.areaCode"_s,
                u"general.site.internationalPrefix"_s, u"general.site.nationalPrefix"_s,
                u"general.site.outsideLinePrefix"_s, u"general.site.baseNumber"_s,
                u"general.site.extensionLength"_s},
               u"siteTab"_s);
    addFormTab(tr("&Relay"),
               {u"general.relay.unknownRecipients"_s, u"general.relay.smartHost"_s, u"general.relay.port"_s,
                u"general.relay.clients"_s},
               u"relayTab"_s);
}

QString GeneralPage::title() const
{
    return tr("General");
}

} // namespace umgate
