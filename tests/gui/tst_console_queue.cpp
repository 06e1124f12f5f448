// SPDX-License-Identifier: GPL-3.0-or-later
// The Queue page and Remove Instance against a real umgated whose mail server is down, so
// injected messages wait in SMTPOut: retry and delete from the page, and removing the instance
// warns about the unsent mail and keeps its queue when asked to; export and import of a config;
// the jobs waiting for the kernel.
#include "GuiTest.h"
#include "UmgatedProcess.h"
#include "models/console/ConsoleTreeModel.h"
#include "models/console/EngineConnection.h"
#include "models/console/QueueModel.h"
#include "models/rpc/RpcClient.h"
#include "tests/TestUsers.h"
#include "views/MainWindow.h"
#include "views/QueuePage.h"
#include "views/SubscriberMailboxesPage.h"

#include <QAction>
#include <QApplication>
#include <QFileInfo>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

using namespace umgate;
using namespace Qt::StringLiterals;
using umgate::test::kOffscreen;
using umgate::test::UmgatedProcess;
using umgate::test::wait;

namespace {
const QString kId = u"MSConnInst1"_s;
} // namespace

class TestConsoleQueue : public QObject
{
    Q_OBJECT

    static bool inject(EngineConnection& c, const QString& text)
    {
        const RpcResponse r =
            wait(c.client()->exec(rpc::Method::MessageInject, {{u"id"_s, kId},
                                                               {u"type"_s, u"sms"_s},
                                                               {u"calling"_s, u"+49 30 1234567"_s},
                                                               {u"called"_s, u"+49 89 7654321"_s},
                                                               {u"text"_s, text}}));
        if (!r.ok) qWarning("message.inject: %s", qPrintable(r.errorText()));
        return r.ok;
    }

    // Shows the console with `c` and selects the instance's `page` once the tree has it.
    static bool showPage(MainWindow& w, EngineConnection& c, ConsoleTreeModel::Page page)
    {
        w.addConnection(&c);
        w.show();
        return QTest::qWaitFor([&] { return w.treeModel()->indexFor(&c, kId, page).isValid(); }, 10000) &&
               w.selectPage(&c, page, kId);
    }

private slots:
    void initTestCase() { QVERIFY(kOffscreen); }

    // The directory's users on the Subscriber Mailboxes page: Load all with progress, a local
    // filter, a directory search.
    void usersPageLoadsFiltersAndSearches()
    {
        UmgatedProcess d;
        QString error;
        QVERIFY2(d.start(&error), qPrintable(error));
        QVERIFY(umgate::test::withoutSenderCheck(d.dataDir()));
        const QByteArray ldif = test::usersLdif(3000);
        QFile users(d.paths().instanceDirectoryFile(kId));
        QVERIFY(users.open(QIODevice::WriteOnly));
        users.write(ldif);
        users.close();
        EngineConnection c;
        c.connectLocal(d.dataDir());
        QTRY_COMPARE_WITH_TIMEOUT(c.state(), EngineConnection::State::Connected, 15000);
        MainWindow w;
        QVERIFY(showPage(w, c, ConsoleTreeModel::Page::SubscriberMailboxes));
        auto* page = qobject_cast<SubscriberMailboxesPage*>(w.currentPage());
        QVERIFY(page);
        auto* count = page->findChild<QLabel*>(u"userCount"_s);
        QTRY_VERIFY_WITH_TIMEOUT(count->text().contains(u"of 3000 users loaded"_s), 15000);
        QTest::mouseClick(page->findChild<QPushButton*>(u"loadAll"_s), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(count->text() == u"3000 of 3000 users loaded"_s, 20000);
        QVERIFY(!page->findChild<QPushButton*>(u"loadAll"_s)->isEnabled());
        QTest::keyClicks(page->findChild<QLineEdit*>(u"localFilter"_s), u"user0299"_s);
        QTRY_COMPARE_WITH_TIMEOUT(page->findChild<QTableView*>(u"users"_s)->model()->rowCount(), 10, 5000);
        QVERIFY2(count->text().startsWith(u"10 shown"_s), qPrintable(count->text()));
        page->findChild<QLineEdit*>(u"localFilter"_s)->clear();
        auto* search = page->findChild<QLineEdit*>(u"directorySearch"_s);
        QTest::keyClicks(search, u"user01234"_s);
        QTest::keyClick(search, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(count->text() == u"1 of 1 users loaded"_s, 15000);
    }

    // E-mail to telephony through the console: mails for fax numbers handed to the listener show
    // on the To Kernel tab as type and number; the administrator cancels one there, the kernel
    // takes the other (its claim, the rename, comes first: a cancel then says so).
    void kernelTabCancelsJobsTheKernelHasNotTaken()
    {
        UmgatedProcess d;
        EngineConnection c;
        QString error;
        QVERIFY2(umgate::test::startConnected(d, c, &error), qPrintable(error));
        QVERIFY(umgate::test::withoutSenderCheck(d.dataDir(), kId));
        MainWindow w;
        QVERIFY(showPage(w, c, ConsoleTreeModel::Page::Queue));
        auto* page = qobject_cast<QueuePage*>(w.currentPage());
        QVERIFY(page);
        auto* kernel = page->findChild<QTableView*>(u"kernel"_s);
        QVERIFY(kernel);
        page->findChild<QTabWidget*>(u"tabs"_s)->setCurrentWidget(kernel);
        QCOMPARE(kernel->model()->rowCount(), 0);

        QTcpSocket smtp;
        smtp.connectToHost(QHostAddress::LocalHost, umgate::test::listenPortOf(d.dataDir(), kId));
        QVERIFY(smtp.waitForConnected(5000));
        smtp.write("EHLO mx.example.com\r\nMAIL FROM:<anna@example.com>\r\n"
                   "RCPT TO:<+4930123456@fax.localhost>\r\nRCPT TO:<+4930654321@fax.localhost>\r\nDATA\r\n");
        QByteArray said;
        QTRY_VERIFY_WITH_TIMEOUT((said += smtp.readAll()).contains("354 "), 10000);
        smtp.write("Subject: order\r\n\r\nPlease fax this.\r\n.\r\nQUIT\r\n");
        QTRY_VERIFY_WITH_TIMEOUT((said += smtp.readAll()).contains("221 "), 10000);
        QVERIFY2(said.contains("250 2.0.0 Ok: queued as"), said.constData());

        QTRY_COMPARE_WITH_TIMEOUT(kernel->model()->rowCount(), 2, 10000);
        const QAbstractItemModel* m = kernel->model();
        QCOMPARE(m->index(0, QueueModel::FromColumn).data().toString(), u"anna@example.com"_s);
        int row = m->index(0, QueueModel::RecipientsColumn).data().toString() == u"fax +4930123456"_s ? 0 : 1;
        const QString cancelled = m->index(row, QueueModel::IdColumn).data().toString();
        const QString taken = m->index(1 - row, QueueModel::IdColumn).data().toString();
        kernel->selectRow(row);
        auto* cancel = page->findChild<QPushButton*>(u"delete"_s);
        QVERIFY(cancel->isEnabled());
        QVERIFY(!page->findChild<QPushButton*>(u"retry"_s)->isEnabled());
        QString asked;
        QTimer clicker;
        clicker.setInterval(50);
        connect(&clicker, &QTimer::timeout, this, [&] {
            if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
                asked = box->text();
                box->button(QMessageBox::Yes)->click();
            }
        });
        clicker.start();
        cancel->click();
        clicker.stop();
        QVERIFY2(asked.contains(u"Cancel 1 job"_s), qPrintable(asked));
        QTRY_COMPARE_WITH_TIMEOUT(kernel->model()->rowCount(), 1, 10000);
        QCOMPARE(m->index(0, QueueModel::IdColumn).data().toString(), taken);
        const QString outgoing = d.paths().instanceDir(kId) + u"/Kernel/Outgoing/"_s;
        QVERIFY(!QFileInfo::exists(outgoing + cancelled + u".json"_s));
        QVERIFY(!QFileInfo::exists(outgoing + cancelled + u".eml"_s));
        QVERIFY(QFileInfo::exists(outgoing + taken + u".eml"_s)); // the other job's link to the mail
        QTRY_VERIFY_WITH_TIMEOUT(d.log().contains("kernel job " + cancelled.toLatin1() +
                                                  " (fax +4930123456 from "
                                                  "<anna@example.com>) cancelled by"),
                                 5000);

        // The kernel takes the other job by renaming its envelope: it leaves the tab, and a cancel
        // that comes too late says so.
        QVERIFY(QFile::rename(outgoing + taken + u".json"_s, outgoing + taken + u".json.taken"_s));
        QTRY_COMPARE_WITH_TIMEOUT(kernel->model()->rowCount(), 0, 10000);
        const test::CtlResult late = test::runCtl(d.dataDir(), {u"queue"_s, u"cancel"_s, kId, taken});
        QVERIFY2(late.exitCode != 0 && late.err.contains(u"it took the job already"_s), qPrintable(late.err));
        QVERIFY(QFileInfo::exists(outgoing + taken + u".eml"_s));
        const test::CtlResult hostile =
            test::runCtl(d.dataDir(), {u"queue"_s, u"cancel"_s, kId, u"../SMTPOut"_s});
        QVERIFY2(hostile.exitCode != 0 && hostile.err.contains(u"is not a kernel job id"_s),
                 qPrintable(hostile.err));
    }

    void queuePageRetriesDeletesAndRemoveKeepsQueue()
    {
        UmgatedProcess d;
        EngineConnection c;
        QString error;
        QVERIFY2(umgate::test::startConnected(d, c, &error), qPrintable(error));
        // A server nobody listens on: mails wait in SMTPOut for the next retry (60 s away).
        const RpcResponse set = wait(c.client()->exec(
            rpc::Method::ConfigSet,
            {{u"id"_s, kId},
             {u"values"_s, QJsonObject{{u"mailSystem.general.server"_s, u"127.0.0.1"_s},
                                       {u"mailSystem.general.port"_s, int(UmgatedProcess::freePort())},
                                       {u"mailSystem.template.mailDomain"_s, u"example.com"_s},
                                       {u"mailSystem.messageStore.mode"_s, u"mailServer"_s}}}}));
        QVERIFY2(set.ok, qPrintable(set.errorText()));
        QVERIFY(inject(c, u"first"_s));
        QVERIFY(inject(c, u"second"_s));

        MainWindow w;
        QVERIFY(showPage(w, c, ConsoleTreeModel::Page::Queue));
        auto* page = qobject_cast<QueuePage*>(w.currentPage());
        QVERIFY(page);
        auto* outgoing = page->findChild<QTableView*>(u"outgoing"_s);
        QVERIFY(outgoing);
        QTRY_COMPARE_WITH_TIMEOUT(outgoing->model()->rowCount(), 2, 20000);
        // The depth itself comes from queue.changed (see EngineConnection); here only that it is shown.
        QTRY_VERIFY_WITH_TIMEOUT(!w.findChild<QLabel*>(u"statusQueue"_s)->text().isEmpty(), 10000);

        // Retry both: the server is still down, so they stay, and the page says what happened.
        outgoing->selectAll();
        auto* retry = page->findChild<QPushButton*>(u"retry"_s);
        QVERIFY(retry->isEnabled());
        QSignalSpy finished(page->model(0), &QueueModel::actionFinished);
        retry->click();
        QVERIFY(finished.wait(15000));
        QCOMPARE(finished.first().at(0).toInt(), 2);
        // The engine tried and could not deliver: the page says so per mail, not just "done".
        const QString said = page->findChild<QLabel*>(u"queueMessage"_s)->text();
        QVERIFY2(said.contains(u": deferred ("_s) && said.count(u"retry "_s) == 2, qPrintable(said));

        // Delete one after confirming.
        QTimer clicker;
        clicker.setInterval(50);
        QMessageBox::StandardButton answer = QMessageBox::Yes;
        QString buttonName;
        int asked = 0;
        connect(&clicker, &QTimer::timeout, this, [&] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (!box) return;
            ++asked;
            if (!buttonName.isEmpty())
                box->findChild<QPushButton*>(buttonName)->click();
            else
                box->button(answer)->click();
        });
        clicker.start();
        QTRY_COMPARE_WITH_TIMEOUT(outgoing->model()->rowCount(), 2, 20000); // back after the retry
        outgoing->clearSelection();
        outgoing->selectRow(0);
        finished.clear();
        page->findChild<QPushButton*>(u"delete"_s)->click();
        QCOMPARE(asked, 1);
        QVERIFY(finished.wait(15000));
        QTRY_COMPARE_WITH_TIMEOUT(outgoing->model()->rowCount(), 1, 15000);

        // Remove the instance: confirmed, then the engine says mail is queued and the console
        // offers to keep the queue.
        answer = QMessageBox::Yes;
        w.findChild<QAction*>(u"actionRemoveInstance"_s)->trigger();
        QCOMPARE(asked, 2);
        buttonName = u"keepQueue"_s;
        QTRY_COMPARE_WITH_TIMEOUT(asked, 3, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(c.instances().isEmpty(), 15000);
        QVERIFY2(w.statusBar()->currentMessage().contains(kId), qPrintable(w.statusBar()->currentMessage()));
        clicker.stop();
    }

    // File > Export writes the instance's document; importing it again clashes with the existing
    // id, so the console asks for another one and the copy appears in the tree.
    void exportThenImportUnderAnotherId()
    {
        UmgatedProcess d;
        EngineConnection c;
        QString error;
        QVERIFY2(umgate::test::startConnected(d, c, &error), qPrintable(error));
        MainWindow w;
        QVERIFY(showPage(w, c, ConsoleTreeModel::Page::General));
        const QString file = d.dataDir() + u"/export.json"_s;
        w.exportTo(file);
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(file).size() > 0, 10000);
        QVERIFY(test::readAll(file).contains(kId.toUtf8()));
        // The same bytes as umgatectl's export (ExportFormat): the two files diff clean.
        const test::CtlResult cli = test::runCtl(d.dataDir(), {u"config"_s, u"export"_s, kId});
        QCOMPARE(cli.exitCode, 0);
        QCOMPARE(test::readAll(file), cli.out.toUtf8());

        // The copy needs its own port, as the engine would say otherwise; an administrator edits
        // the file the same way.
        QJsonObject doc = QJsonDocument::fromJson(test::readAll(file)).object();
        QJsonObject settings = doc.value(u"settings"_s).toObject();
        settings.insert(u"general.ipAddresses.port"_s, int(UmgatedProcess::freePort()));
        doc.insert(u"settings"_s, settings);
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly | QIODevice::Truncate));
        out.write(QJsonDocument(doc).toJson());
        out.close();

        w.importFile(file);
        QInputDialog* ask = nullptr;
        const auto shown = [&w] {
            auto* box = w.findChild<QMessageBox*>(u"errorBox"_s);
            return box ? box->text() : w.statusBar()->currentMessage();
        };
        QTRY_VERIFY2_WITH_TIMEOUT((ask = w.findChild<QInputDialog*>(u"importAsDialog"_s)) != nullptr,
                                  qPrintable(shown()), 10000);
        QVERIFY(ask->labelText().contains(kId));
        ask->setTextValue(u"Copy1"_s);
        ask->accept();
        QTRY_VERIFY2_WITH_TIMEOUT(c.instances().size() == 2, qPrintable(shown()), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(
            w.treeModel()->indexFor(&c, u"Copy1"_s, ConsoleTreeModel::Page::General).isValid(), 10000);
    }
};

QTEST_MAIN(TestConsoleQueue)
#include "tst_console_queue.moc"
