// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/NewInstanceWizard.h"

#include "engine/client/ClientValidators.h"
#include "engine/client/RpcFields.h"
#include "models/console/EngineConnection.h"
#include "models/console/InstanceSettings.h"
#include "models/rpc/RpcClient.h"
#include "views/ErrorLabel.h"
#include "views/MailSystemPage.h"
#include "views/SchemaForm.h"
#include "views/SchemaSettingsPage.h"
#include "views/SchemaText.h"
#include "views/SettingsBinder.h"

#include <QButtonGroup>
#include <QFormLayout>
#include <QHostAddress>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpressionValidator>
#include <QTcpServer>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QWizardPage>

using namespace Qt::StringLiterals;

namespace umgate {

namespace field = rpc::field;

namespace {

const QString kType = u"ldap.userManagement.type"_s;
const QString kAddress = u"general.ipAddresses.address"_s;
const QString kPort = u"general.ipAddresses.port"_s;
const QString kSender = u"mailSystem.template.sender"_s;
const QString kDomain = u"mailSystem.template.mailDomain"_s;
const QString kServer = u"mailSystem.general.server"_s;
const QString kStore = u"mailSystem.messageStore.mode"_s;

QLabel* errorLabel(QWidget* parent, const QString& name)
{
    auto* l = new ErrorLabel(parent, name);
    return l;
}

void showError(QLabel* label, const QString& text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

// Pages without Q_OBJECT: they add no signals or slots, only the QWizardPage hooks.
class NameWizardPage : public QWizardPage
{
public:
    explicit NameWizardPage(NewInstanceWizard* wizard) : m_wizard(wizard)
    {
        setObjectName(u"namePage"_s);
        setTitle(NewInstanceWizard::tr("Instance"));
        setSubTitle(
            NewInstanceWizard::tr("Each instance is a connector of its own with its own settings, "
                                  "queue and logs. The ID names its folder and cannot change later."));
        m_name = new QLineEdit(this);
        m_name->setObjectName(u"instanceName"_s);
        m_id = new QLineEdit(this);
        m_id->setObjectName(u"instanceId"_s);
        m_id->setValidator(
            new QRegularExpressionValidator(QRegularExpression(u"[A-Za-z][A-Za-z0-9_-]{0,63}"_s), m_id));
        m_error = errorLabel(this, u"nameError"_s);
        auto* form = new QFormLayout(this);
        auto* nl = new QLabel(NewInstanceWizard::tr("Instance &name:"), this);
        nl->setBuddy(m_name);
        auto* il = new QLabel(NewInstanceWizard::tr("Instance &ID:"), this);
        il->setBuddy(m_id);
        form->addRow(nl, m_name);
        form->addRow(il, m_id);
        form->addRow(m_error);
        QObject::connect(m_name, &QLineEdit::textEdited, this, [this](const QString& text) {
            if (m_idEdited) return;
            // An ID from the name: letters, digits, '-' and '_' only, starting with a letter.
            QString id;
            for (const QChar c : text)
                if ((c.isLetterOrNumber() && c.unicode() < 0x80) || c == u'-' || c == u'_')
                    id += c;
                else if (c == u' ')
                    id += u'-';
            while (!id.isEmpty() && !id.at(0).isLetter())
                id.remove(0, 1);
            m_id->setText(id.left(64));
            emit completeChanged();
        });
        QObject::connect(m_id, &QLineEdit::textEdited, this, [this] {
            m_idEdited = true;
            emit completeChanged();
        });
        QObject::connect(m_wizard, &NewInstanceWizard::failed, this, [this](const QString& message) {
            if (m_wizard->currentPage() == this) showError(m_error, message);
        });
    }

    bool isComplete() const override
    {
        return !m_wizard->isBusy() && validators::instanceId(m_id->text()).isEmpty() && !exists();
    }

    bool validatePage() override
    {
        if (!m_wizard->instanceId().isEmpty()) return true; // the draft exists already
        showError(m_error, QString());
        m_wizard->createDraft(m_id->text(),
                              m_name->text().trimmed().isEmpty() ? m_id->text() : m_name->text().trimmed());
        return false; // the wizard moves on once the engine created it
    }

    void initializePage() override { m_name->setFocus(); }

private:
    bool exists() const
    {
        if (!m_wizard->connection()) return false;
        for (const auto& v : m_wizard->connection()->instances())
            if (v.toObject().value(u"id"_s).toString().compare(m_id->text(), Qt::CaseInsensitive) == 0) {
                showError(m_error, NewInstanceWizard::tr("An instance %1 exists already.").arg(m_id->text()));
                return true;
            }
        if (m_error->text().startsWith(NewInstanceWizard::tr("An instance"))) showError(m_error, QString());
        return false;
    }

    NewInstanceWizard* m_wizard;
    QLineEdit* m_name = nullptr;
    QLineEdit* m_id = nullptr;
    QLabel* m_error = nullptr;
    bool m_idEdited = false;
};

class UserManagementWizardPage : public QWizardPage
{
public:
    explicit UserManagementWizardPage(NewInstanceWizard* wizard) : m_wizard(wizard)
    {
        setObjectName(u"userManagementPage"_s);
        setTitle(NewInstanceWizard::tr("User Management"));
        setSubTitle(
            NewInstanceWizard::tr("Where the users and their UMS numbers are kept. The choice fills in "
                                  "the LDAP attribute and search template the manual suggests."));
        auto* layout = new QVBoxLayout(this);
        m_group = new QButtonGroup(this);
        const QList<std::pair<QString, QString>> types = {
            {u"activeDirectory"_s, NewInstanceWizard::tr("Microsoft &Active Directory")},
            {u"domino"_s, NewInstanceWizard::tr("HCL &Domino")},
            {u"openLdap"_s, NewInstanceWizard::tr("&OpenLDAP")},
            {u"embedded"_s, NewInstanceWizard::tr("&Embedded directory (no LDAP server)")},
        };
        for (const auto& [value, text] : types) {
            auto* radio = new QRadioButton(text, this);
            radio->setObjectName(u"type-"_s + value);
            radio->setProperty("type", value);
            m_group->addButton(radio);
            layout->addWidget(radio);
        }
        m_suggestion = new QLabel(this);
        m_suggestion->setObjectName(u"suggestedAttribute"_s);
        m_suggestion->setWordWrap(true);
        layout->addSpacing(12);
        layout->addWidget(m_suggestion);
        layout->addStretch();
        QObject::connect(m_group, &QButtonGroup::buttonToggled, this, [this](QAbstractButton* b, bool on) {
            if (!on || !m_wizard->binder()) return;
            m_wizard->binder()->setValue(kType, b->property("type").toString());
            m_wizard->binder()->applySuggestions(kType);
            updateSuggestion();
        });
    }

    void initializePage() override
    {
        const QString type = m_wizard->binder()->value(kType).toString();
        for (QAbstractButton* b : m_group->buttons())
            if (b->property("type").toString() == type) b->setChecked(true);
        updateSuggestion();
    }

private:
    void updateSuggestion()
    {
        SettingsBinder* b = m_wizard->binder();
        m_suggestion->setText(NewInstanceWizard::tr("UMS attribute: %1\nSearch template: %2")
                                  .arg(b->value(u"ldap.search.umsAttribute"_s).toString(),
                                       b->value(u"ldap.search.template"_s).toString()));
    }

    NewInstanceWizard* m_wizard;
    QButtonGroup* m_group = nullptr;
    QLabel* m_suggestion = nullptr;
};

// A page whose form is built once the draft's settings exist.
class FormWizardPage : public QWizardPage
{
public:
    FormWizardPage(NewInstanceWizard* wizard, const QString& name, QStringList keys)
        : m_wizard(wizard), m_keys(std::move(keys))
    {
        setObjectName(name);
        m_layout = new QVBoxLayout(this);
        m_form = new QFormLayout;
        m_layout->addLayout(m_form);
    }

    void initializePage() override
    {
        if (m_built || !m_wizard->binder()) return;
        m_built = true;
        QString mnemonics;
        SchemaForm::addRows(m_form, m_wizard->binder(), m_keys, this, &mnemonics);
        build(&mnemonics);
    }

protected:
    virtual void build(QString*) {}

    NewInstanceWizard* m_wizard;
    QStringList m_keys;
    QVBoxLayout* m_layout = nullptr;
    QFormLayout* m_form = nullptr;
    bool m_built = false;
};

class LdapWizardPage : public FormWizardPage
{
public:
    explicit LdapWizardPage(NewInstanceWizard* wizard)
        : FormWizardPage(wizard, u"ldapConnectionPage"_s,
                         {u"ldap.connection.servers"_s, u"ldap.registrationData.bindDn"_s,
                          u"ldap.registrationData.password"_s, u"ldap.baseDn.entries"_s,
                          u"ldap.search.umsAttribute"_s, u"ldap.search.template"_s})
    {
        setTitle(NewInstanceWizard::tr("LDAP Connection"));
        setSubTitle(
            NewInstanceWizard::tr("The directory servers, the account the directory is searched with and "
                                  "where to search. Test checks them with the engine."));
    }

protected:
    void build(QString*) override
    {
        auto* test = new QPushButton(NewInstanceWizard::tr("&Test"), this);
        test->setObjectName(u"testLdap"_s);
        auto* output = new QPlainTextEdit(this);
        output->setObjectName(u"ldapTestResult"_s);
        output->setReadOnly(true);
        output->setMaximumHeight(120);
        m_layout->addWidget(test, 0, Qt::AlignLeft);
        m_layout->addWidget(output);
        QObject::connect(test, &QPushButton::clicked, this, [this, output] { m_wizard->testLdap(output); });
    }
};

class BindingsWizardPage : public FormWizardPage
{
public:
    explicit BindingsWizardPage(NewInstanceWizard* wizard)
        : FormWizardPage(wizard, u"bindingsPage"_s, {kAddress, kPort})
    {
        setTitle(NewInstanceWizard::tr("Connector Binding"));
        setSubTitle(
            NewInstanceWizard::tr("The IP address and port on which the mail server delivers outgoing UMS "
                                  "messages to this instance."));
    }

protected:
    void build(QString*) override
    {
        m_warning = errorLabel(this, u"bindingWarning"_s);
        m_list = new QTreeWidget(this);
        m_list->setObjectName(u"bindings"_s);
        m_list->setRootIsDecorated(false);
        m_list->setHeaderLabels({NewInstanceWizard::tr("Instance"), NewInstanceWizard::tr("Listening on"),
                                 NewInstanceWizard::tr("State")});
        auto* refresh = new QPushButton(NewInstanceWizard::tr("&Refresh"), this);
        refresh->setObjectName(u"refreshBindings"_s);
        m_layout->addWidget(m_warning);
        m_layout->addWidget(new QLabel(NewInstanceWizard::tr("Bindings in use:"), this));
        m_layout->addWidget(m_list);
        m_layout->addWidget(refresh, 0, Qt::AlignLeft);
        QObject::connect(refresh, &QPushButton::clicked, this,
                         [this] { m_wizard->refreshBindings(m_list, m_warning); });
        QObject::connect(m_wizard->binder(), &SettingsBinder::valueChanged, this, [this](const QString& key) {
            if (key == kAddress || key == kPort) m_wizard->refreshBindings(m_list, m_warning);
        });
        m_wizard->refreshBindings(m_list, m_warning);
    }

private:
    QTreeWidget* m_list = nullptr;
    QLabel* m_warning = nullptr;
};

class MailWizardPage : public FormWizardPage
{
public:
    explicit MailWizardPage(NewInstanceWizard* wizard)
        : FormWizardPage(wizard, u"mailSystemPage"_s,
                         {kServer, u"mailSystem.general.port"_s, kStore,
                          u"mailSystem.general.defaultRecipient"_s, kDomain, kSender})
    {
        setTitle(NewInstanceWizard::tr("Mail System Connection"));
        setSubTitle(NewInstanceWizard::tr("Please configure delivery of UMS messages to your mail system."));
    }

protected:
    void build(QString*) override
    {
        auto* example = new QLabel(this);
        example->setObjectName(u"templateExample"_s);
        example->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_form->addRow(NewInstanceWizard::tr("Example:"), example);
        const auto update = [this, example] {
            example->setText(MailSystemPage::exampleAddress(m_wizard->binder()->value(kSender).toString(),
                                                            m_wizard->binder()->value(kDomain).toString()));
        };
        QObject::connect(m_wizard->binder(), &SettingsBinder::valueChanged, this, update);
        update();
        QObject::connect(m_wizard->binder(), &SettingsBinder::edited, this,
                         [this](const QString& key) { followServer(key); });
    }

private:
    // A new instance keeps its messages in the local maildir. Typing a mail server here means
    // "deliver to it", so the message store follows the server field (and back to the maildir
    // when it is cleared) until the administrator picks a message store by hand.
    void followServer(const QString& key)
    {
        if (m_following) return;
        if (key == kStore) {
            m_storeChosen = true;
            return;
        }
        if (key != kServer || m_storeChosen) return;
        SettingsBinder* b = m_wizard->binder();
        const QString store = b->value(kStore).toString();
        const QString wanted =
            b->value(kServer).toString().trimmed().isEmpty() ? u"localMaildir"_s : u"mailServer"_s;
        if (store == wanted || store == u"delete"_s) return;
        m_following = true;
        b->setValue(kStore, wanted);
        m_following = false;
    }

    bool m_following = false;
    bool m_storeChosen = false;
};

class SummaryWizardPage : public QWizardPage
{
public:
    explicit SummaryWizardPage(NewInstanceWizard* wizard) : m_wizard(wizard)
    {
        setObjectName(u"summaryPage"_s);
        setTitle(NewInstanceWizard::tr("Summary"));
        setSubTitle(NewInstanceWizard::tr("Finish stores these settings and starts the instance."));
        m_text = new QPlainTextEdit(this);
        m_text->setObjectName(u"summary"_s);
        m_text->setReadOnly(true);
        m_error = errorLabel(this, u"summaryError"_s);
        auto* layout = new QVBoxLayout(this);
        layout->addWidget(m_text);
        layout->addWidget(m_error);
        QObject::connect(m_wizard, &NewInstanceWizard::failed, this, [this](const QString& message) {
            if (m_wizard->currentPage() == this) showError(m_error, message);
        });
    }

    void initializePage() override
    {
        m_text->setPlainText(m_wizard->summary().join(u'\n'));
        showError(m_error, QString());
    }

    bool isComplete() const override { return !m_wizard->isBusy(); }

    bool validatePage() override
    {
        // QWizard::accept() asks again once the creation is done.
        if (m_wizard->isCreated()) return true;
        m_wizard->finishCreation();
        return false; // the wizard closes once the engine took the settings
    }

private:
    NewInstanceWizard* m_wizard;
    QPlainTextEdit* m_text = nullptr;
    QLabel* m_error = nullptr;
};

} // namespace

NewInstanceWizard::NewInstanceWizard(EngineConnection* connection, QWidget* parent)
    : QWizard(parent), m_connection(connection)
{
    setObjectName(u"newInstanceWizard"_s);
    setWindowTitle(tr("New Instance"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setPage(NamePage, new NameWizardPage(this));
    setPage(UserManagementPage, new UserManagementWizardPage(this));
    setPage(LdapConnectionPage, new LdapWizardPage(this));
    setPage(BindingsPage, new BindingsWizardPage(this));
    setPage(MailSystemPage, new MailWizardPage(this));
    setPage(SummaryPage, new SummaryWizardPage(this));
    setStartId(NamePage);
}

NewInstanceWizard::~NewInstanceWizard() = default;

namespace {

// The LDAP page's settings. With the embedded directory the engine does not use them, so they
// appear only when set (the LDAP page was visited before the type changed), and say so.
QStringList ldapSummary(const SettingsBinder* b)
{
    const bool embedded = b->value(kType).toString() == u"embedded"_s;
    QStringList servers;
    for (const auto& s : b->value(u"ldap.connection.servers"_s).toArray())
        servers << u"%1:%2 (%3)"_s.arg(s.toObject().value(u"host"_s).toString())
                       .arg(s.toObject().value(u"port"_s).toInt())
                       .arg(SchemaText::choice(s.toObject().value(u"security"_s).toString(u"none"_s)));
    QStringList bases;
    for (const auto& v : b->value(u"ldap.baseDn.entries"_s).toArray())
        bases << v.toString();
    const QString bindDn = b->value(u"ldap.registrationData.bindDn"_s).toString();
    // A secret reads as {"set": bool} until a new one is typed (InstanceSettings).
    const QJsonValue pw = b->value(u"ldap.registrationData.password"_s);
    const bool password = pw.isString() ? !pw.toString().isEmpty() : pw.toObject().value(u"set"_s).toBool();
    QStringList lines;
    if (embedded && servers.isEmpty() && bases.isEmpty() && bindDn.isEmpty() && !password) return lines;
    const QString unused =
        embedded ? NewInstanceWizard::tr(" (not used by the embedded directory)") : QString();
    lines << NewInstanceWizard::tr("LDAP servers: %1%2")
                 .arg(servers.isEmpty() ? NewInstanceWizard::tr("(none)") : servers.join(u", "_s), unused);
    lines << NewInstanceWizard::tr("LDAP account: %1, %2%3")
                 .arg(bindDn.isEmpty() ? NewInstanceWizard::tr("(anonymous)") : bindDn,
                      password ? NewInstanceWizard::tr("password set") : NewInstanceWizard::tr("no password"),
                      unused);
    lines << NewInstanceWizard::tr("Base DNs: %1%2")
                 .arg(bases.isEmpty() ? NewInstanceWizard::tr("(none)") : bases.join(u"; "_s), unused);
    return lines;
}

QStringList mailSummary(const SettingsBinder* b)
{
    QStringList lines;
    const QString store = b->value(kStore).toString();
    lines << NewInstanceWizard::tr("Message store: %1").arg(SchemaText::choice(store));
    if (store == u"localMaildir"_s)
        lines << NewInstanceWizard::tr("Maildir: %1")
                     .arg(b->value(u"mailSystem.messageStore.maildirPath"_s).toString());
    const QString server = b->value(kServer).toString();
    const QString unused =
        store == u"mailServer"_s ? QString() : NewInstanceWizard::tr(" (not used by this message store)");
    const int port = b->value(u"mailSystem.general.port"_s).toInt();
    lines << NewInstanceWizard::tr("Mail server: %1%2")
                 .arg(server.isEmpty() ? NewInstanceWizard::tr("(none), port %1").arg(port)
                                       : u"%1:%2"_s.arg(server).arg(port),
                      server.isEmpty() ? QString() : unused);
    lines << NewInstanceWizard::tr("Default recipient: %1")
                 .arg(b->value(u"mailSystem.general.defaultRecipient"_s).toString());
    lines << NewInstanceWizard::tr("Mail domain: %1").arg(b->value(kDomain).toString());
    lines << NewInstanceWizard::tr("Sender address template: %1 (example: %2)")
                 .arg(b->value(kSender).toString(),
                      MailSystemPage::exampleAddress(b->value(kSender).toString(),
                                                     b->value(kDomain).toString()));
    return lines;
}

} // namespace

QStringList NewInstanceWizard::summary() const
{
    QStringList lines;
    if (!m_binder) return lines;
    const SettingsBinder* b = m_binder;
    lines << tr("Instance: %1 (%2)").arg(m_instanceId, m_instanceName);
    lines << tr("User management: %1").arg(SchemaText::choice(b->value(kType).toString()));
    lines << ldapSummary(b);
    const QString tmpl = b->value(u"ldap.search.template"_s).toString();
    lines << tr("UMS attribute: %1").arg(b->value(u"ldap.search.umsAttribute"_s).toString());
    lines << tr("Search template: %1")
                 .arg(tmpl.isEmpty() ? tr("(the default of the user management type)") : tmpl);
    lines << tr("Listening on: %1:%2").arg(b->value(kAddress).toString()).arg(b->value(kPort).toInt());
    lines << mailSummary(b);
    return lines;
}

int NewInstanceWizard::nextId() const
{
    // The embedded directory needs no LDAP connection.
    if (currentId() == UserManagementPage && m_binder && m_binder->value(kType).toString() == u"embedded"_s)
        return BindingsPage;
    return QWizard::nextId();
}

void NewInstanceWizard::setBusy(bool busy)
{
    if (m_busy == busy) return;
    m_busy = busy;
    if (currentPage()) emit currentPage()->completeChanged();
    emit busyChanged(busy);
}

void NewInstanceWizard::createDraft(const QString& id, const QString& name)
{
    if (!m_connection || !m_connection->client() || m_busy) return;
    setBusy(true);
    QPointer<NewInstanceWizard> self = this;
    QPointer<EngineConnection> connection = m_connection;
    m_connection->client()->exec(
        rpc::Method::InstanceCreate, QJsonObject{{u"id"_s, id}, {u"name"_s, name}, {u"enabled"_s, false}},
        [self, connection, id, name](const RpcResponse& r) {
            if (!self) {
                // Cancelled while the draft was being made: it must not stay behind, disabled.
                if (r.ok && connection && connection->client())
                    connection->client()->exec(rpc::Method::InstanceDelete,
                                               QJsonObject{{u"id"_s, id}, {u"force"_s, true}},
                                               [](const RpcResponse&) {});
                return;
            }
            self->setBusy(false);
            if (!r.ok) {
                emit self->failed(tr("The instance was not created: %1").arg(r.errorText()));
                return;
            }
            self->m_instanceId = id;
            self->m_instanceName = name;
            self->m_settings = new InstanceSettings(self->m_connection, id, self);
            self->m_binder = new SettingsBinder(self->m_settings, self);
            // The pages show the engine's values (e.g. the port it chose)
            // once they are read.
            QObject::connect(self->m_settings, &InstanceSettings::loaded, self, [self] {
                if (self->currentId() == NamePage) self->next();
            });
            if (self->m_settings->isLoaded()) self->next();
        });
}

void NewInstanceWizard::finishCreation()
{
    if (!m_settings || m_busy || m_finished) return;
    setBusy(true);
    QPointer<NewInstanceWizard> self = this;
    m_settings->apply([self](bool ok) {
        if (!self) return;
        if (!ok || !self->m_connection || !self->m_connection->client()) {
            self->setBusy(false);
            emit self->failed(
                ok ? tr("The connection to the engine is gone.")
                   : tr("The settings were not stored; the fields with errors are marked on the "
                        "earlier pages."));
            return;
        }
        self->m_connection->client()->exec(
            rpc::Method::InstanceEnable, QJsonObject{{u"id"_s, self->m_instanceId}},
            [self](const RpcResponse& r) {
                if (!self) return;
                self->setBusy(false);
                if (!r.ok) {
                    emit self->failed(tr("The settings were stored, but the instance "
                                         "did not start: %1")
                                          .arg(r.errorText()));
                    return;
                }
                self->m_finished = true;
                emit self->instanceCreated(self->m_instanceId);
                self->accept();
            });
    });
}

void NewInstanceWizard::done(int result)
{
    if (result != QDialog::Accepted && !m_finished && !m_instanceId.isEmpty() && m_connection &&
        m_connection->client()) {
        // The draft goes again; its queue is empty, it never ran.
        m_connection->client()->exec(rpc::Method::InstanceDelete,
                                     QJsonObject{{u"id"_s, m_instanceId}, {u"force"_s, true}},
                                     [](const RpcResponse&) {});
        m_instanceId.clear();
    }
    QWizard::done(result);
}

// directory.test's answer, one line per server and step.
QString NewInstanceWizard::ldapTestText(const QJsonObject& result)
{
    QStringList lines;
    for (const auto& sv : result.value(field::servers).toArray()) {
        const QJsonObject s = sv.toObject();
        lines << tr("%1: %2").arg(s.value(field::server).toString(),
                                  s.value(field::ok).toBool() ? tr("OK") : tr("FAILED"));
        for (const auto& st : s.value(field::steps).toArray()) {
            const QJsonObject step = st.toObject();
            lines << u"  [%1] %2: %3"_s.arg(step.value(field::ok).toBool() ? tr("OK") : tr("FAILED"),
                                            step.value(field::step).toString(),
                                            step.value(field::detail).toString());
        }
    }
    return lines.isEmpty() ? tr("No LDAP server is configured.") : lines.join(u'\n');
}

void NewInstanceWizard::testLdap(QPlainTextEdit* output)
{
    if (!m_settings || m_busy) return;
    setBusy(true);
    output->setPlainText(tr("Storing the LDAP settings and testing..."));
    QPointer<NewInstanceWizard> self = this;
    QPointer<QPlainTextEdit> out = output;
    // The test reads the instance's stored settings, so what is typed is stored first.
    m_settings->apply([self, out](bool ok) {
        if (!self) return;
        if (!ok || !self->m_connection || !self->m_connection->client()) {
            self->setBusy(false);
            if (out)
                out->setPlainText(ok ? tr("The connection to the engine is gone.")
                                     : tr("The LDAP settings have errors; see the marked fields."));
            return;
        }
        self->m_connection->client()->exec(
            rpc::Method::DirectoryTest, QJsonObject{{field::id, self->m_instanceId}},
            [self, out](const RpcResponse& r) {
                if (!self) return;
                self->setBusy(false);
                if (!out) return;
                out->setPlainText(r.ok ? ldapTestText(r.resultObject())
                                       : tr("The test failed: %1").arg(r.errorText()));
            });
    });
}

void NewInstanceWizard::refreshBindings(QTreeWidget* list, QLabel* warning)
{
    if (!m_connection || !m_connection->client() || !m_binder) return;
    QPointer<NewInstanceWizard> self = this;
    QPointer<QTreeWidget> l = list;
    QPointer<QLabel> w = warning;
    m_connection->client()->exec(rpc::Method::InstanceList, {}, [self, l, w](const RpcResponse& r) {
        if (!self || !l || !w || !r.ok) return;
        const QString address = self->m_binder->value(kAddress).toString();
        const int port = self->m_binder->value(kPort).toInt();
        l->clear();
        QString taken;
        for (const auto& v : r.resultObject().value(field::instances).toArray()) {
            const QJsonObject o = v.toObject();
            const QString id = o.value(field::id).toString();
            if (id == self->m_instanceId) continue;
            const QString listen = o.value(field::listen).toString();
            auto* item = new QTreeWidgetItem(l, {id, listen, o.value(field::state).toString()});
            const qsizetype colon = listen.lastIndexOf(u':');
            const QString otherAddress = listen.left(colon);
            const int otherPort = listen.mid(colon + 1).toInt();
            const bool anyAddress = otherAddress == u"0.0.0.0"_s || otherAddress == u"::"_s ||
                                    address == u"0.0.0.0"_s || address == u"::"_s;
            if (otherPort == port && (otherAddress == address || anyAddress)) {
                item->setForeground(1, Qt::red);
                taken = tr("%1:%2 is already used by the instance %3.").arg(address).arg(port).arg(id);
            }
        }
        // Another program may hold the port; that can be seen only on the engine's own machine.
        if (taken.isEmpty() && !self->m_connection->client()->peerName().startsWith(u"umgate:"_s)) {
            QTcpServer probe;
            QHostAddress host;
            if (host.setAddress(address) && !probe.listen(host, quint16(port)) &&
                probe.serverError() == QAbstractSocket::AddressInUseError)
                taken = tr("%1:%2 is in use by another program on this machine.").arg(address).arg(port);
        }
        showError(w, taken);
    });
}

} // namespace umgate
