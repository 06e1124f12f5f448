// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "views/SchemaSettingsPage.h"

class QLabel;

namespace umgate {

// The Mail System dialog (ixi-UMS 4.2.2): how incoming UMS messages reach the mail server. The
// Template tab shows the sender address the template gives, as the wizard does, while typing.
class MailSystemPage : public SchemaSettingsPage
{
    Q_OBJECT
public:
    MailSystemPage(EngineConnection* connection, const QString& instanceId, QWidget* parent = nullptr);
    QString title() const override;

    // The manual's example: number 0814247990, a fax, and the mail domain (domain.net if empty).
    static QString exampleAddress(const QString& senderTemplate, const QString& mailDomain);

private:
    void updateExample();
    QLabel* m_example = nullptr;
};

} // namespace umgate
