// SPDX-License-Identifier: GPL-3.0-or-later
// The console's settings pages, main window and New Instance wizard, offscreen against a real
// umgated: an applied edit reaches the engine, the engine's validation error appears next to its
// field, the wizard creates an instance, and every page is found by its objectName.
#include "GuiTest.h"
#include "UmgatedProcess.h"
#include "models/console/ConsoleTreeModel.h"
#include "models/console/EngineConnection.h"
#include "models/rpc/RpcClient.h"
#include "views/MailSystemPage.h"
#include "views/MainWindow.h"
#include "views/NewInstanceWizard.h"
#include "views/ObjectListEditor.h"
#include "views/SettingsBinder.h"
#include "views/SettingsPage.h"
#include "views/StringListEditor.h"
#include "views/TestMessageDialog.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTimer>
#include <QTreeView>

using namespace umgate;
using namespace Qt::StringLiterals;
using umgate::test::kOffscreen;
using umgate::test::UmgatedProcess;
using umgate::test::wait;

namespace {
const QString kId = u"MSConnInst1"_s;

} // namespace

class TestConsoleSettings : public QObject
{
    Q_OBJECT

    UmgatedProcess* m_daemon = nullptr;
    EngineConnection* m_connection = nullptr;
    RpcClient* m_checker = nullptr; // a second client, so the checks do not trust the console's view

    QJsonValue engineValue(const QString& id, const QString& key)
    {
        const RpcResponse r = wait(m_checker->exec(rpc::Method::ConfigGet, {{u"id"_s, id}, {u"key"_s, key}}));
        return r.ok ? r.resultObject().value(u"values"_s).toObject().value(key) : QJsonValue();
    }

    // Types into a line edit the way a user does (textEdited, not setText).
    static void retype(QLineEdit* line, const QString& text)
    {
        line->setFocus();
        line->selectAll();
        QTest::keyClick(line, Qt::Key_Delete);
        QTest::keyClicks(line, text);
    }

    template <typename T> static T* child(QObject* parent, const QString& name)
    {
        return parent->findChild<T*>(name);
    }

    // Opens a page in a fresh main window and waits until its fields hold the engine's values.
    // Shows the main window on the test's engine and waits until its instance's pages are in the tree.
    bool showWithInstance(MainWindow& w)
    {
        w.addConnection(m_connection);
        w.show();
        return QTest::qWaitFor(
            [&] {
                return w.treeModel()->indexFor(m_connection, kId, ConsoleTreeModel::Page::General).isValid();
            },
            10000);
    }

    SettingsPage* openPage(MainWindow& w, ConsoleTreeModel::Page kind, const QString& objectName)
    {
        if (!w.selectPage(m_connection, kind, kId)) return nullptr;
        SettingsPage* page = w.currentPage();
        if (!page || page->objectName() != objectName) return nullptr;
        if (auto* tabs = page->findChild<QTabWidget*>(u"tabs"_s))
            if (!QTest::qWaitFor([tabs] { return tabs->isEnabled(); }, 10000)) return nullptr;
        return page;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(kOffscreen);
        QStandardPaths::setTestModeEnabled(true); // QSettings in a test location, not ~/.config
        QCoreApplication::setOrganizationName(u"umgate-test"_s);
        QCoreApplication::setApplicationName(u"tst_console_settings"_s);
        m_daemon = new UmgatedProcess;
        QString error;
        QVERIFY2(m_daemon->start(&error), qPrintable(error));
        m_connection = new EngineConnection(this);
        m_connection->connectLocal(m_daemon->dataDir());
        QTRY_COMPARE_WITH_TIMEOUT(m_connection->state(), EngineConnection::State::Connected, 15000);
        m_checker = new RpcClient(this);
        QSignalSpy ready(m_checker, &RpcClient::connected);
        m_checker->connectToLocal(m_daemon->paths().socketFile(), m_daemon->cookie());
        QVERIFY(ready.wait(10000));
    }

    void cleanupTestCase()
    {
        delete m_checker;
        m_checker = nullptr;
        delete m_connection;
        m_connection = nullptr;
        delete m_daemon;
        m_daemon = nullptr;
    }

    void pagesAreFoundByObjectName()
    {
        MainWindow w;
        QVERIFY(showWithInstance(w));
        const QList<std::pair<ConsoleTreeModel::Page, QString>> pages = {
            {ConsoleTreeModel::Page::General, u"generalPage"_s},
            {ConsoleTreeModel::Page::MailSystem, u"mailSystemPage"_s},
            {ConsoleTreeModel::Page::Ldap, u"ldapPage"_s},
            {ConsoleTreeModel::Page::GlobalUserSettings, u"globalUserSettingsPage"_s},
            {ConsoleTreeModel::Page::CoverPage, u"coverPage"_s},
            {ConsoleTreeModel::Page::PrintUnread, u"printUnreadPage"_s},
            {ConsoleTreeModel::Page::Log, u"logPage"_s},
            {ConsoleTreeModel::Page::Information, u"informationPage"_s},
            {ConsoleTreeModel::Page::Queue, u"queuePage"_s},
        };
        for (const auto& [kind, name] : pages) {
            SettingsPage* page = openPage(w, kind, name);
            QVERIFY2(page, qPrintable(name));
            QVERIFY(w.findChild<QStackedWidget*>(u"pages"_s)->currentWidget() == page);
            QVERIFY(!page->isDirty());
        }
        // Engine-level nodes: Misc Setup lists the engine's options, System Preferences: Email
        // shows the sender list of a chosen instance.
        QVERIFY(w.selectPage(m_connection, ConsoleTreeModel::Page::MiscSetup));
        QCOMPARE(w.currentPage()->objectName(), u"miscSetupPage"_s);
        auto* misc = child<QAbstractItemView>(w.currentPage(), u"miscSetupTable"_s);
        QTRY_VERIFY_WITH_TIMEOUT(misc->model()->rowCount() > 0, 10000);
        QVERIFY(w.selectPage(m_connection, ConsoleTreeModel::Page::SystemPreferencesEmail));
        QCOMPARE(w.currentPage()->objectName(), u"instanceChooserPage"_s);
        QTRY_VERIFY_WITH_TIMEOUT(w.currentPage()->findChild<SettingsPage*>(u"systemPreferencesEmailPage"_s),
                                 10000);

        // Fields carry their schema key as objectName, labels come from the schema.
        SettingsPage* general = openPage(w, ConsoleTreeModel::Page::General, u"generalPage"_s);
        QVERIFY(child<QSpinBox>(general, u"general.ipAddresses.port"_s));
        QCOMPARE(child<QLabel>(general, u"general.ipAddresses.port-label"_s)->buddy(),
                 child<QSpinBox>(general, u"general.ipAddresses.port"_s));
        QVERIFY(child<QCheckBox>(general, u"general.encryption.enabled"_s));
        QVERIFY(child<QComboBox>(general, u"general.encryption.certificateMismatch"_s));
        // The Information page shows the engine's data dir.
        SettingsPage* info = openPage(w, ConsoleTreeModel::Page::Information, u"informationPage"_s);
        QTRY_COMPARE_WITH_TIMEOUT(child<QLabel>(info, u"dataDir"_s)->text(), m_daemon->dataDir(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            w.findChild<QLabel*>(u"statusConnection"_s)->text().contains(m_daemon->dataDir()), 5000);
    }

    // Every page renders; with UMGATE_SCREENSHOT_DIR set, as PNG files there (for the README).
    void pagesRender()
    {
        MainWindow w;
        w.addConnection(m_connection);
        w.resize(1100, 720);
        w.show();
        QTRY_VERIFY_WITH_TIMEOUT(
            w.treeModel()->indexFor(m_connection, kId, ConsoleTreeModel::Page::General).isValid(), 10000);
        const QString dir = qEnvironmentVariable("UMGATE_SCREENSHOT_DIR");
        const auto shoot = [&](QWidget* widget, const QString& name) {
            const QImage image = widget->grab().toImage();
            QVERIFY(!image.isNull());
            if (!dir.isEmpty()) QVERIFY(image.save(u"%1/%2.png"_s.arg(dir, name)));
        };
        QList<std::pair<ConsoleTreeModel::Page, QString>> pages;
        for (ConsoleTreeModel::Page page : ConsoleTreeModel::instancePages())
            pages.append({page, kId});
        // The engine's own pages: Misc Setup and System Preferences: Email.
        pages.append({ConsoleTreeModel::Page::MiscSetup, QString()});
        pages.append({ConsoleTreeModel::Page::SystemPreferencesEmail, QString()});
        for (const auto& [page, instance] : pages) {
            QVERIFY(w.selectPage(m_connection, page, instance));
            if (auto* t = w.currentPage()->findChild<QTabWidget*>(u"tabs"_s))
                QVERIFY(QTest::qWaitFor([t] { return t->isEnabled(); }, 5000));
            QTest::qWait(100);
            shoot(&w, w.currentPage()->objectName());
        }
        // The dialogs a README reader wants to see.
        TestMessageDialog test(m_connection, kId, &w);
        test.show();
        QTest::qWait(100);
        shoot(&test, u"testMessageDialog"_s);
        NewInstanceWizard wizard(m_connection, &w);
        wizard.show();
        QTest::qWait(100);
        shoot(&wizard, u"newInstanceWizard"_s);
    }

    // Every setting of the engine's schema has a field on a console page (objectName = key); the
    // field's help names its manual section; a setting the engine does not act on yet says so in
    // its help and with a "not yet in effect" note next to it (a log's size and count share the
    // note of the log's switch). A setting added to the table but to no page fails here.
    void everySettingIsOnAPage()
    {
        MainWindow w;
        QVERIFY(showWithInstance(w));
        QHash<QString, QJsonObject> schema;
        for (const auto& v : m_connection->schema())
            schema.insert(v.toObject().value(u"key"_s).toString(), v.toObject());
        QVERIFY(schema.size() > 50);

        QHash<QString, QWidget*> fields;
        QSet<QString> notes;
        const auto collect = [&](QWidget* page) {
            for (QWidget* widget : page->findChildren<QWidget*>()) {
                const QString name = widget->objectName();
                if (schema.contains(name)) fields.insert(name, widget);
                if (name.endsWith(u"-notYetUsed"_s)) notes.insert(name.chopped(11));
            }
        };
        for (ConsoleTreeModel::Page page : ConsoleTreeModel::instancePages()) {
            QVERIFY(w.selectPage(m_connection, page, kId));
            if (auto* t = w.currentPage()->findChild<QTabWidget*>(u"tabs"_s))
                QVERIFY(QTest::qWaitFor([t] { return t->isEnabled(); }, 5000));
            collect(w.currentPage());
        }
        QVERIFY(w.selectPage(m_connection, ConsoleTreeModel::Page::SystemPreferencesEmail));
        SettingsPage* senders = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT(
            (senders = w.currentPage()->findChild<SettingsPage*>(u"systemPreferencesEmailPage"_s)), 10000);
        collect(senders);

        QStringList missing;
        for (auto it = schema.begin(); it != schema.end(); ++it) {
            const QString& key = it.key();
            QWidget* field = fields.value(key);
            if (!field) {
                missing << key;
                continue;
            }
            const QString section = it.value().value(u"section"_s).toString();
            QVERIFY2(!section.isEmpty(), qPrintable(key));
            QVERIFY2(field->toolTip().contains(section), qPrintable(key + u": "_s + field->toolTip()));
            const bool notYetUsed = it.value().value(u"notYetUsed"_s).toBool();
            QCOMPARE(field->toolTip().contains(u"Not yet in effect"_s), notYetUsed);
            if (!notYetUsed) {
                QVERIFY2(!notes.contains(key), qPrintable(key));
                continue;
            }
            static const QRegularExpression logPart(u"^(log\\.\\w+\\.)(sizeMb|count)$"_s);
            const QRegularExpressionMatch m = logPart.match(key);
            const QString noteKey = m.hasMatch() ? m.captured(1) + u"enabled"_s : key;
            QVERIFY2(notes.contains(noteKey), qPrintable(key + u" has no \"not yet in effect\" note"_s));
        }
        QVERIFY2(missing.isEmpty(), qPrintable(u"on no console page: "_s + missing.join(u", "_s)));
    }

    // Log page: "Empty File" empties the current log file on the engine after a confirmation.
    void logPageEmptiesTheFile()
    {
        const QString path = m_daemon->paths().instanceDir(kId) + u"/Logs/LdapSearch.log"_s;
        QDir().mkpath(QFileInfo(path).path());
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Append));
        f.write("2026-11-27T00:00:00.000Z old line\n");
        f.close();
        MainWindow w;
        QVERIFY(showWithInstance(w));
        QVERIFY(w.selectPage(m_connection, ConsoleTreeModel::Page::Log, kId));
        auto* button = w.currentPage()->findChild<QPushButton*>(u"clearFile"_s);
        QVERIFY(button);
        QTRY_VERIFY_WITH_TIMEOUT(button->isEnabled() && button->window()->isEnabled(), 10000);
        QTimer yes;
        yes.setInterval(50);
        connect(&yes, &QTimer::timeout, this, [] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget()))
                box->button(QMessageBox::Yes)->click();
        });
        yes.start();
        button->click();
        QTRY_COMPARE_WITH_TIMEOUT(QFileInfo(path).size(), 0, 10000);
    }

    // Keyboard: the label's mnemonic reaches its field, Tab goes down the form in order.
    void keyboardReachesFieldsInOrder()
    {
        MainWindow w;
        w.addConnection(m_connection);
        w.show();
        QApplication::setActiveWindow(&w);
        QVERIFY(QTest::qWaitForWindowActive(&w));
        QTRY_VERIFY_WITH_TIMEOUT(
            w.treeModel()->indexFor(m_connection, kId, ConsoleTreeModel::Page::MailSystem).isValid(), 10000);
        SettingsPage* page = openPage(w, ConsoleTreeModel::Page::MailSystem, u"mailSystemPage"_s);
        QVERIFY(page);
        auto* server = child<QLineEdit>(page, u"mailSystem.general.server"_s);
        auto* port = child<QSpinBox>(page, u"mailSystem.general.port"_s);
        QVERIFY(server && port);
        QTRY_VERIFY_WITH_TIMEOUT(server->isEnabled(), 5000);
        port->setFocus();
        QTest::keyClick(&w, Qt::Key_S, Qt::AltModifier); // "&Server"
        QTRY_COMPARE_WITH_TIMEOUT(QApplication::focusWidget(), server, 2000);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), port);
    }

    // Window size and the tree/page split come back at the next start.
    void windowStateIsKept()
    {
        {
            MainWindow w;
            w.addConnection(m_connection);
            w.show();
            w.resize(913, 577);
            auto* splitter = w.findChild<QSplitter*>();
            QVERIFY(splitter);
            splitter->setSizes({321, 592});
            QTRY_COMPARE_WITH_TIMEOUT(w.size(), QSize(913, 577), 2000);
            w.close();
        }
        MainWindow again;
        again.addConnection(m_connection);
        again.show();
        QTRY_COMPARE_WITH_TIMEOUT(again.size(), QSize(913, 577), 2000);
        QCOMPARE(again.findChild<QSplitter*>()->sizes().value(0), 321);
    }

    void appliedEditReachesEngine()
    {
        MainWindow w;
        QVERIFY(showWithInstance(w));
        SettingsPage* page = openPage(w, ConsoleTreeModel::Page::MailSystem, u"mailSystemPage"_s);
        QVERIFY(page);
        auto* apply = w.findChild<QDialogButtonBox*>(u"pageButtons"_s)->button(QDialogButtonBox::Apply);
        QVERIFY(!apply->isEnabled());

        auto* recipient = child<QLineEdit>(page, u"mailSystem.general.defaultRecipient"_s);
        QVERIFY(recipient);
        retype(recipient, u"faxadmin@example.org"_s);
        auto* retries = child<QSpinBox>(page, u"mailSystem.polling.retries"_s);
        QVERIFY(retries);
        retries->setValue(3);
        QVERIFY(page->isDirty());
        QVERIFY(apply->isEnabled());
        QSignalSpy finished(page, &SettingsPage::applyFinished);
        QTest::mouseClick(apply, Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QCOMPARE(engineValue(kId, u"mailSystem.general.defaultRecipient"_s).toString(),
                 u"faxadmin@example.org"_s);
        QCOMPARE(engineValue(kId, u"mailSystem.polling.retries"_s).toInt(), 3);
        QVERIFY(!page->isDirty());
        QVERIFY(!apply->isEnabled());
    }

    // Closing the window with a dirty page and answering Apply: the window waits for the engine,
    // then closes; the change is stored, not lost with the quitting console.
    void closingWithApplyStoresFirst()
    {
        MainWindow w;
        QVERIFY(showWithInstance(w));
        SettingsPage* page = openPage(w, ConsoleTreeModel::Page::MailSystem, u"mailSystemPage"_s);
        QVERIFY(page);
        auto* recipient = child<QLineEdit>(page, u"mailSystem.general.defaultRecipient"_s);
        QVERIFY(recipient);
        retype(recipient, u"closing@example.org"_s);
        QVERIFY(page->isDirty());
        QTimer clicker;
        clicker.setInterval(50);
        connect(&clicker, &QTimer::timeout, this, [] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget()))
                box->button(QMessageBox::Apply)->click();
        });
        clicker.start();
        w.close();
        QTRY_VERIFY_WITH_TIMEOUT(!w.isVisible(), 10000);
        QCOMPARE(engineValue(kId, u"mailSystem.general.defaultRecipient"_s).toString(),
                 u"closing@example.org"_s);
    }

    void invalidValueShowsEngineError()
    {
        MainWindow w;
        QVERIFY(showWithInstance(w));
        SettingsPage* page = openPage(w, ConsoleTreeModel::Page::MailSystem, u"mailSystemPage"_s);
        QVERIFY(page);
        const QString before = engineValue(kId, u"mailSystem.template.sender"_s).toString();

        auto* sender = child<QLineEdit>(page, u"mailSystem.template.sender"_s);
        auto* error = child<QLabel>(page, u"mailSystem.template.sender-error"_s);
        QVERIFY(sender && error);
        QVERIFY(error->isHidden());
        retype(sender, u"$(addrtype)@domain.net"_s);
        // config.validate runs shortly after typing stops; its reason appears under the field.
        QTRY_VERIFY_WITH_TIMEOUT(!error->isHidden() && error->text().contains(u"$(number)"_s), 10000);
        QCOMPARE(sender->toolTip(), error->text());

        // Apply is refused by the engine; its config is unchanged and the error stays.
        QSignalSpy finished(page, &SettingsPage::applyFinished);
        QTest::mouseClick(w.findChild<QDialogButtonBox*>(u"pageButtons"_s)->button(QDialogButtonBox::Apply),
                          Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QVERIFY(!finished.first().at(0).toBool());
        QCOMPARE(engineValue(kId, u"mailSystem.template.sender"_s).toString(), before);
        QVERIFY(error->text().contains(u"$(number)"_s));

        // A valid template clears the error, and the example follows the typing.
        retype(sender, u"$(number)@$(addrtype).domain.net"_s);
        QCOMPARE(child<QLabel>(page, u"templateExample"_s)->text(), u"0814247990@fax.domain.net"_s);
        QTRY_VERIFY_WITH_TIMEOUT(error->isHidden(), 10000);

        // Cancel drops the edit.
        QTest::mouseClick(w.findChild<QDialogButtonBox*>(u"pageButtons"_s)->button(QDialogButtonBox::Cancel),
                          Qt::LeftButton);
        QVERIFY(!page->isDirty());
        QCOMPARE(sender->text(), before);
    }

    void invalidAddressShowsEngineError()
    {
        MainWindow w;
        QVERIFY(showWithInstance(w));
        SettingsPage* page = openPage(w, ConsoleTreeModel::Page::General, u"generalPage"_s);
        QVERIFY(page);
        // An address that is no IP address: the engine's reason shows up next to the field.
        auto* address = child<QLineEdit>(page, u"general.ipAddresses.address"_s);
        QVERIFY(address);
        retype(address, u"300.1.2.3"_s);
        auto* error = child<QLabel>(page, u"general.ipAddresses.address-error"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!error->isHidden() && error->text().contains(u"300.1.2.3"_s), 10000);
        page->revert();
        QTRY_VERIFY_WITH_TIMEOUT(error->isHidden(), 5000);
    }

    // Port 70000 in an LDAP server entry: the engine's reason names the entry and its field.
    void listEntryErrorShowsNextToTheList()
    {
        MainWindow w;
        QVERIFY(showWithInstance(w));
        SettingsPage* page = openPage(w, ConsoleTreeModel::Page::Ldap, u"ldapPage"_s);
        QVERIFY(page);
        auto* servers = child<ObjectListEditor>(page, u"ldap.connection.servers"_s);
        QVERIFY(servers);
        servers->setValues(QJsonArray{QJsonObject{{u"host"_s, u"ldap.example.com"_s}, {u"port"_s, 70000}}});
        emit servers->edited();
        auto* error = child<QLabel>(page, u"ldap.connection.servers-error"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!error->isHidden() && error->text().contains(u"70000"_s), 10000);
        QVERIFY(error->text().contains(u"Entry 1"_s));
        QVERIFY(!servers->table()->item(0, 1)->toolTip().isEmpty());
        page->revert();
        QTRY_VERIFY_WITH_TIMEOUT(error->isHidden(), 5000);
        QCOMPARE(servers->values().size(), 0);
    }

    // The Relay tab, as an administrator sets up Cisco Unity's smart host: a relay network that
    // takes in the Internet is refused next to the list in the engine's words; a proper setup
    // reaches the engine.
    void relaySetUpOnTheGeneralPage()
    {
        MainWindow w;
        QVERIFY(showWithInstance(w));
        SettingsPage* page = openPage(w, ConsoleTreeModel::Page::General, u"generalPage"_s);
        QVERIFY(page);
        auto* tabs = page->findChild<QTabWidget*>();
        QVERIFY(tabs);
        tabs->setCurrentWidget(child<QWidget>(page, u"relayTab-scroll"_s));
        auto* clients = child<StringListEditor>(page, u"general.relay.clients"_s);
        QVERIFY(clients && clients->isVisible());
        const auto addClient = [&](const QString& text) {
            QTest::mouseClick(child<QPushButton>(clients, u"add"_s), Qt::LeftButton);
            QTRY_VERIFY(qobject_cast<QLineEdit*>(QApplication::focusWidget()));
            QTest::keyClicks(QApplication::focusWidget(), text);
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Return);
        };
        addClient(u"0.0.0.0/0"_s);
        auto* error = child<QLabel>(page, u"general.relay.clients-error"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!error->isHidden() && error->text().contains(u"open relay"_s), 10000);
        page->revert();
        QTRY_VERIFY_WITH_TIMEOUT(error->isHidden(), 5000);

        retype(child<QLineEdit>(page, u"general.relay.smartHost"_s), u"relay.example.net"_s);
        auto* action = child<QComboBox>(page, u"general.relay.unknownRecipients"_s);
        QCOMPARE(action->currentData().toString(), u"refuse"_s);
        action->setFocus();
        QTest::keyClick(action, Qt::Key_Down);
        QCOMPARE(action->currentData().toString(), u"smartHost"_s);
        addClient(u"192.168.0.0/16"_s);
        QSignalSpy finished(page, &SettingsPage::applyFinished);
        QTest::mouseClick(w.findChild<QDialogButtonBox*>(u"pageButtons"_s)->button(QDialogButtonBox::Apply),
                          Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
        QCOMPARE(engineValue(kId, u"general.relay.unknownRecipients"_s).toString(), u"smartHost"_s);
        QCOMPARE(engineValue(kId, u"general.relay.smartHost"_s).toString(), u"relay.example.net"_s);
        QCOMPARE(engineValue(kId, u"general.relay.clients"_s).toArray(), QJsonArray{u"192.168.0.0/16"_s});
    }

    // Leaving a dirty page asks; Discard drops the edit and the new page opens.
    void dirtyPageAsksBeforeLeaving()
    {
        MainWindow w;
        QVERIFY(showWithInstance(w));
        SettingsPage* page = openPage(w, ConsoleTreeModel::Page::CoverPage, u"coverPage"_s);
        QVERIFY(page);
        retype(child<QLineEdit>(page, u"coverPage.address.company"_s), u"o"_s);
        QVERIFY(page->isDirty());
        // First answer Cancel: the page stays; then Discard: the edit goes.
        int asked = 0;
        QMessageBox::StandardButton answer = QMessageBox::Cancel;
        QTimer clicker;
        clicker.setInterval(50);
        connect(&clicker, &QTimer::timeout, this, [&] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (!box) return;
            ++asked;
            box->button(answer)->click();
        });
        clicker.start();
        QVERIFY(!w.selectPage(m_connection, ConsoleTreeModel::Page::General, kId));
        QCOMPARE(asked, 1);
        const QModelIndex cover =
            w.treeModel()->indexFor(m_connection, kId, ConsoleTreeModel::Page::CoverPage);
        QTRY_COMPARE_WITH_TIMEOUT(w.tree()->currentIndex(), cover, 5000);
        QCOMPARE(w.currentPage(), page);
        QVERIFY(page->isDirty());
        answer = QMessageBox::Discard;
        QVERIFY(w.selectPage(m_connection, ConsoleTreeModel::Page::General, kId));
        QCOMPARE(asked, 2);
        clicker.stop();
        QCOMPARE(w.currentPage()->objectName(), u"generalPage"_s);
        QVERIFY(!page->isDirty());
    }

    void wizardCreatesInstance()
    {
        NewInstanceWizard wizard(m_connection);
        QSignalSpy created(&wizard, &NewInstanceWizard::instanceCreated);
        wizard.show();
        auto* name = child<QLineEdit>(&wizard, u"instanceName"_s);
        QVERIFY(name);
        QTest::keyClicks(name, u"Branch Office"_s);
        QCOMPARE(child<QLineEdit>(&wizard, u"instanceId"_s)->text(), u"Branch-Office"_s);
        wizard.next();
        QTRY_COMPARE_WITH_TIMEOUT(wizard.currentId(), int(NewInstanceWizard::UserManagementPage), 10000);
        QCOMPARE(wizard.instanceId(), u"Branch-Office"_s);

        // The user management type fills in the suggested attribute.
        child<QRadioButton>(&wizard, u"type-openLdap"_s)->setChecked(true);
        QCOMPARE(wizard.binder()->value(u"ldap.search.umsAttribute"_s).toString(), u"umsUserData"_s);
        child<QRadioButton>(&wizard, u"type-embedded"_s)->setChecked(true);
        QCOMPARE(wizard.binder()->value(u"ldap.search.umsAttribute"_s).toString(), u"extensionAttribute1"_s);
        wizard.next();
        QCOMPARE(wizard.currentId(), int(NewInstanceWizard::BindingsPage)); // embedded: no LDAP page

        // The port of the existing instance is flagged as taken.
        auto* port = child<QSpinBox>(&wizard, u"general.ipAddresses.port"_s);
        QVERIFY(port);
        const int taken = engineValue(kId, u"general.ipAddresses.port"_s).toInt();
        port->setValue(taken);
        auto* warning = child<QLabel>(&wizard, u"bindingWarning"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!warning->isHidden() && warning->text().contains(kId), 10000);
        port->setValue(UmgatedProcess::freePort());
        QTRY_VERIFY_WITH_TIMEOUT(warning->isHidden(), 10000);
        wizard.next();
        QCOMPARE(wizard.currentId(), int(NewInstanceWizard::MailSystemPage));

        auto* domain = child<QLineEdit>(&wizard, u"mailSystem.template.mailDomain"_s);
        QVERIFY(domain);
        retype(domain, u"branch.example.net"_s);
        QCOMPARE(child<QLabel>(&wizard, u"templateExample"_s)->text(),
                 u"0814247990@fax.branch.example.net"_s);
        wizard.next();
        QCOMPARE(wizard.currentId(), int(NewInstanceWizard::SummaryPage));
        QTRY_VERIFY_WITH_TIMEOUT(wizard.button(QWizard::FinishButton)->isEnabled(), 5000);
        wizard.button(QWizard::FinishButton)->click();
        QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 15000);
        QCOMPARE(wizard.result(), int(QDialog::Accepted));

        const RpcResponse list = wait(m_checker->exec(rpc::Method::InstanceList));
        QVERIFY(list.ok);
        bool found = false;
        for (const auto& v : list.resultObject().value(u"instances"_s).toArray()) {
            const QJsonObject o = v.toObject();
            if (o.value(u"id"_s).toString() != u"Branch-Office"_s) continue;
            found = true;
            QCOMPARE(o.value(u"name"_s).toString(), u"Branch Office"_s);
            QVERIFY(o.value(u"enabled"_s).toBool());
        }
        QVERIFY(found);
        QCOMPARE(engineValue(u"Branch-Office"_s, u"mailSystem.template.mailDomain"_s).toString(),
                 u"branch.example.net"_s);
        QCOMPARE(engineValue(u"Branch-Office"_s, u"general.ipAddresses.port"_s).toInt(), port->value());
    }

    void cancelledWizardRemovesDraft()
    {
        auto* wizard = new NewInstanceWizard(m_connection);
        wizard->show();
        QTest::keyClicks(child<QLineEdit>(wizard, u"instanceName"_s), u"Draft"_s);
        wizard->next();
        QTRY_COMPARE_WITH_TIMEOUT(wizard->currentId(), int(NewInstanceWizard::UserManagementPage), 10000);
        wizard->reject();
        delete wizard;
        QTRY_VERIFY_WITH_TIMEOUT(
            wait(m_checker->exec(rpc::Method::ConfigGet, {{u"id"_s, u"Draft"_s}})).error.code ==
                rpc::ErrorCode::NotFound,
            10000);
    }
};

QTEST_MAIN(TestConsoleSettings)
#include "tst_console_settings.moc"
