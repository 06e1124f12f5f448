// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QPointer>
#include <QWizard>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTreeWidget;

namespace umgate {

class EngineConnection;
class InstanceSettings;
class SettingsBinder;

// The New Instance wizard, after the installation wizard of the ixi-UMS manual (chapter 3):
// name and id; user management type, which fills the suggested attribute and search template;
// the LDAP connection with a Test button; the connector binding, flagged when its IP and port
// are taken; the mail system with the template preview (a mail server typed in sets the message
// store to "send to the mail server", as a new instance would otherwise keep its messages in the
// local maildir); a summary of every value the pages store (summary()).
//
// Leaving the first page creates the instance, disabled (instance.create), so the later pages
// edit its real settings through the same binder the settings pages use and the LDAP test runs
// against them. Finish applies the settings (config.set) and enables the instance; Cancel
// removes the draft again.
class NewInstanceWizard : public QWizard
{
    Q_OBJECT
public:
    enum PageId
    {
        NamePage,
        UserManagementPage,
        LdapConnectionPage,
        BindingsPage,
        MailSystemPage,
        SummaryPage,
    };

    explicit NewInstanceWizard(EngineConnection* connection, QWidget* parent = nullptr);
    ~NewInstanceWizard() override;

    EngineConnection* connection() const { return m_connection; }
    // Null until the draft instance exists (after the first page).
    InstanceSettings* settings() const { return m_settings; }
    SettingsBinder* binder() const { return m_binder; }
    QString instanceId() const { return m_instanceId; }
    bool isBusy() const { return m_busy; }
    bool isCreated() const { return m_finished; } // settings stored and instance enabled

    // What Finish stores, one line per setting the pages edited, as the summary page shows it:
    // every line is the stored value, and every value the pages store has a line.
    QStringList summary() const;

    int nextId() const override;
    void done(int result) override;

    // Steps the pages call; each ends asynchronously and then moves the wizard on.
    void createDraft(const QString& id, const QString& name);
    void finishCreation();
    void testLdap(QPlainTextEdit* output);
    static QString ldapTestText(const QJsonObject& result);
    void refreshBindings(QTreeWidget* list, QLabel* warning);

signals:
    void instanceCreated(const QString& id);
    void busyChanged(bool busy);
    void failed(const QString& message);

private:
    void setBusy(bool busy);

    QPointer<EngineConnection> m_connection;
    InstanceSettings* m_settings = nullptr;
    SettingsBinder* m_binder = nullptr;
    QString m_instanceId;
    QString m_instanceName;
    bool m_busy = false;
    bool m_finished = false;
};

} // namespace umgate
