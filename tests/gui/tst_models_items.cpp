// SPDX-License-Identifier: GPL-3.0-or-later
// The console's item models against a real umgated, each under QAbstractItemModelTester while it
// loads and while the engine's notifications change it.
#include "GuiTest.h"
#include "UmgatedProcess.h"
#include "models/console/ConsoleTreeModel.h"
#include "models/console/EngineConnection.h"
#include "models/console/InstanceSettings.h"
#include "models/console/LogFilterProxy.h"
#include "models/console/LogTailModel.h"
#include "models/console/MiscSetupModel.h"
#include "models/console/QueueModel.h"
#include "models/console/SenderListModel.h"
#include "models/console/UserTableModel.h"
#include "models/rpc/RpcClient.h"
#include "tests/TestUsers.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace umgate;
using namespace Qt::StringLiterals;
using umgate::test::kOffscreen;
using umgate::test::UmgatedProcess;
using umgate::test::wait;
using Tester = QAbstractItemModelTester;

namespace {
const QString kId = u"MSConnInst1"_s;
constexpr auto kMode = QAbstractItemModelTester::FailureReportingMode::QtTest;
} // namespace

class TestModelsItems : public QObject
{
    Q_OBJECT

    std::unique_ptr<UmgatedProcess> m_daemon;
    std::unique_ptr<EngineConnection> m_connection;

    RpcResponse call(rpc::Method method, const QJsonObject& params = {})
    {
        return wait(m_connection->client()->exec(method, params));
    }
    bool setConfig(const QJsonObject& values)
    {
        const RpcResponse r = call(rpc::Method::ConfigSet, {{u"id"_s, kId}, {u"values"_s, values}});
        if (!r.ok) qWarning("config.set: %s", qPrintable(r.errorText()));
        return r.ok;
    }
    // Mail goes to a port nobody listens on, so it stays in SMTPOut.
    bool configureUnreachableServer(int retries = 5,
                                    const QJsonArray& intervals = {60, 600, 3600, 86400, 172800})
    {
        return setConfig({{u"mailSystem.general.server"_s, u"127.0.0.1"_s},
                          {u"mailSystem.general.port"_s, UmgatedProcess::freePort()},
                          {u"mailSystem.general.defaultRecipient"_s, u"postmaster@example.com"_s},
                          {u"mailSystem.template.mailDomain"_s, u"example.com"_s},
                          {u"mailSystem.messageStore.mode"_s, u"mailServer"_s},
                          {u"mailSystem.polling.retries"_s, retries},
                          {u"mailSystem.polling.intervals"_s, intervals}});
    }
    bool inject(const QString& text)
    {
        const RpcResponse r = call(rpc::Method::MessageInject, {{u"id"_s, kId},
                                                                {u"type"_s, u"sms"_s},
                                                                {u"calling"_s, u"+49 30 1234567"_s},
                                                                {u"called"_s, u"+1 555 0100"_s},
                                                                {u"text"_s, text}});
        if (!r.ok) qWarning("message.inject: %s", qPrintable(r.errorText()));
        return r.ok;
    }

private slots:
    void init()
    {
        m_daemon = std::make_unique<UmgatedProcess>();
        QString error;
        QVERIFY2(m_daemon->start(&error), qPrintable(error));
        m_connection = std::make_unique<EngineConnection>();
        m_connection->connectLocal(m_daemon->dataDir());
        QTRY_COMPARE_WITH_TIMEOUT(m_connection->state(), EngineConnection::State::Connected, 10000);
    }
    void cleanup()
    {
        m_connection.reset();
        m_daemon.reset();
    }

    void consoleTree()
    {
        ConsoleTreeModel model;
        Tester tester(&model, kMode);
        model.addConnection(m_connection.get());
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex engine = model.index(0, 0);
        QCOMPARE(engine.data(ConsoleTreeModel::PageRole).toInt(), int(ConsoleTreeModel::Page::Engine));
        QCOMPARE(model.rowCount(engine), 3); // the instance, Misc Setup, System Preferences: Email
        const QModelIndex instance = model.indexFor(m_connection.get(), kId);
        QVERIFY(instance.isValid());
        QCOMPARE(instance.data(ConsoleTreeModel::InstanceIdRole).toString(), kId);
        QCOMPARE(model.rowCount(instance), ConsoleTreeModel::instancePages().size());
        const QModelIndex queue = model.indexFor(m_connection.get(), kId, ConsoleTreeModel::Page::Queue);
        QCOMPARE(queue.parent(), instance);
        QCOMPARE(queue.data(ConsoleTreeModel::InstanceIdRole).toString(), kId);
        QVERIFY(model.indexFor(m_connection.get(), {}, ConsoleTreeModel::Page::MiscSetup).isValid());
        QVERIFY(instance.data(Qt::ToolTipRole).toString().contains(u"State"_s));

        // Instances created and deleted elsewhere come and go as single rows.
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QVERIFY(call(rpc::Method::InstanceCreate, {{u"id"_s, u"Zed"_s}, {u"enabled"_s, false}}).ok);
        QTRY_VERIFY_WITH_TIMEOUT(model.indexFor(m_connection.get(), u"Zed"_s).isValid(), 10000);
        QCOMPARE(model.rowCount(engine), 4);
        QVERIFY(call(rpc::Method::InstanceDelete, {{u"id"_s, u"Zed"_s}}).ok);
        QTRY_VERIFY_WITH_TIMEOUT(!model.indexFor(m_connection.get(), u"Zed"_s).isValid(), 10000);
        QCOMPARE(model.rowCount(engine), 3);
        QVERIFY(inserted.count() >= 1);
        QVERIFY(removed.count() >= 1);
        QCOMPARE(reset.count(), 0);

        // The queue depth reaches the Queue node.
        QVERIFY(configureUnreachableServer());
        QVERIFY(inject(u"tree"_s));
        // The engine counts SMTPOut's files, which is more than the mails; it only has to move.
        const auto depth = [&] {
            return model.indexFor(m_connection.get(), kId, ConsoleTreeModel::Page::Queue)
                .data(ConsoleTreeModel::QueueDepthRole)
                .toInt();
        };
        QTRY_VERIFY_WITH_TIMEOUT(depth() > 0, 20000);
        QVERIFY(model.indexFor(m_connection.get(), kId, ConsoleTreeModel::Page::Queue)
                    .data()
                    .toString()
                    .contains(QString::number(depth())));

        // A lost engine greys the tree, and it comes back.
        m_daemon->kill();
        QTRY_VERIFY_WITH_TIMEOUT(!engine.data(ConsoleTreeModel::ConnectedRole).toBool(), 10000);
        QString error;
        QVERIFY2(m_daemon->start(&error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(model.index(0, 0).data(ConsoleTreeModel::ConnectedRole).toBool(), 40000);
        QVERIFY(model.indexFor(m_connection.get(), kId).isValid());
    }

    void miscSetup()
    {
        MiscSetupModel model(m_connection.get());
        Tester tester(&model, kMode);
        QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() > 10, 10000);
        const int row = model.rowOf(u"smtp.timeoutSeconds"_s);
        QVERIFY(row >= 0);
        const QModelIndex value = model.index(row, MiscSetupModel::ValueColumn);
        QCOMPARE(value.data().toString(), u"120"_s);
        QVERIFY(model.flags(value) & Qt::ItemIsEditable);

        QVERIFY(model.setData(value, u"45"_s));
        QTRY_COMPARE_WITH_TIMEOUT(value.data().toString(), u"45"_s, 10000);
        const RpcResponse list = call(rpc::Method::MiscList);
        bool found = false;
        for (const auto& v : list.resultObject().value(u"options"_s).toArray())
            if (v.toObject().value(u"key"_s).toString() == u"smtp.timeoutSeconds"_s) {
                QCOMPARE(v.toObject().value(u"value"_s).toInt(), 45);
                found = true;
            }
        QVERIFY(found);

        // Ignore, through the check box.
        const QModelIndex ignore = model.index(row, MiscSetupModel::IgnoreColumn);
        QVERIFY(model.setData(ignore, Qt::Checked, Qt::CheckStateRole));
        QTRY_COMPARE_WITH_TIMEOUT(ignore.data(Qt::CheckStateRole).toInt(), int(Qt::Checked), 10000);

        // Refused by the engine: the message comes out, the value stays.
        QSignalSpy errors(&model, &MiscSetupModel::errorOccurred);
        QVERIFY(model.setData(value, u"1"_s)); // below the minimum of 5
        QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, 10000);
        QVERIFY2(errors.at(0).at(0).toString().contains(u"smtp.timeoutSeconds"_s),
                 qPrintable(errors.at(0).at(0).toString()));
        QCOMPARE(value.data().toString(), u"45"_s);

        // A change by another client arrives through misc.changed.
        QVERIFY(call(rpc::Method::MiscReset, {{u"key"_s, u"smtp.timeoutSeconds"_s}}).ok);
        QTRY_COMPARE_WITH_TIMEOUT(value.data().toString(), u"120"_s, 10000);
        QVERIFY(model.setData(ignore, Qt::Unchecked, Qt::CheckStateRole));
        QTRY_COMPARE_WITH_TIMEOUT(ignore.data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked), 10000);
    }

    void queueFollowsTheEngine()
    {
        QVERIFY(configureUnreachableServer());
        QueueModel model(m_connection.get(), kId, QueueModel::Queue::Outgoing);
        Tester tester(&model, kMode);
        QSignalSpy loaded(&model, &QueueModel::loaded);
        QTRY_VERIFY_WITH_TIMEOUT(loaded.count() > 0, 10000);
        QCOMPARE(model.rowCount(), 0);

        QVERIFY(inject(u"first"_s));
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, 20000);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QVERIFY(inject(u"second"_s));
        QVERIFY(inject(u"third"_s));
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 3, 20000);
        QVERIFY(inserted.count() >= 1);
        QCOMPARE(reset.count(), 0);
        QVERIFY(model.index(0, QueueModel::RecipientsColumn).data().toString().contains(u"postmaster"_s));

        // Retry then delete two of them, with progress.
        QSignalSpy progress(&model, &QueueModel::progress);
        QSignalSpy finished(&model, &QueueModel::actionFinished);
        model.retry({model.idAt(0)});
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        // Nobody listens on the server's port: the engine tried, and the model says so per mail.
        const QStringList notDelivered = finished.at(0).at(2).toStringList();
        QVERIFY2(notDelivered.size() == 1 && notDelivered.first().startsWith(u"retry "_s),
                 qPrintable(notDelivered.join(u"; "_s)));
        const QStringList two = {model.idAt(0), model.idAt(2)};
        const QString kept = model.idAt(1);
        progress.clear();
        model.remove(two);
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 10000);
        QCOMPARE(finished.at(1).at(0).toInt(), 2);
        QVERIFY2(finished.at(1).at(2).toStringList().isEmpty(),
                 qPrintable(finished.at(1).at(2).toStringList().join(u"; "_s)));
        QCOMPARE(progress.last().at(0).toInt(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, 10000);
        QCOMPARE(model.idAt(0), kept);

        // An unknown id fails with the engine's reason; cancel stops before the rest.
        model.remove({u"no-such-mail"_s, kept});
        model.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, 10000);
        QCOMPARE(finished.at(2).at(0).toInt(), 1);
        QCOMPARE(finished.at(2).at(2).toStringList().size(), 1);
        QCOMPARE(model.rowCount(), 1);
    }

    void badmailAndRequeue()
    {
        QVERIFY(configureUnreachableServer(1, {1}));
        QueueModel badmail(m_connection.get(), kId, QueueModel::Queue::Badmail);
        Tester tester(&badmail, kMode);
        QVERIFY(inject(u"doomed"_s));
        QTRY_COMPARE_WITH_TIMEOUT(badmail.rowCount(), 1, 60000);
        QVERIFY(!badmail.index(0, QueueModel::ReasonColumn).data().toString().isEmpty());
        QueueModel outgoing(m_connection.get(), kId, QueueModel::Queue::Outgoing);
        Tester tester2(&outgoing, kMode);
        QSignalSpy finished(&badmail, &QueueModel::actionFinished);
        badmail.requeue({badmail.idAt(0)});
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 10000);
        QVERIFY2(finished.at(0).at(2).toStringList().isEmpty(),
                 qPrintable(finished.at(0).at(2).toStringList().join(u"; "_s)));
        QTRY_COMPARE_WITH_TIMEOUT(badmail.rowCount(), 0, 10000);
    }

    // A model deleted while its request is out (a page closed, another log chosen): the late
    // answer is dropped, nothing crashes or asserts.
    void modelsDeletedWithARequestOut()
    {
        for (int round = 0; round < 5; ++round) {
            auto* log = new LogTailModel(m_connection.get(), kId, u"smtpConnection"_s);
            log->setActive(true);
            auto* users = new UserTableModel(m_connection.get(), kId);
            users->reload();
            auto* queue = new QueueModel(m_connection.get(), kId, QueueModel::Queue::Outgoing);
            queue->refresh();
            auto* misc = new MiscSetupModel(m_connection.get());
            misc->refresh();
            delete log;
            delete users;
            delete queue;
            delete misc;
        }
        QTest::qWait(1500); // the answers arrive meanwhile
        QCOMPARE(m_connection->state(), EngineConnection::State::Connected);
    }

    void logTail()
    {
        // A failed delivery writes the SMTP connection log.
        QVERIFY(configureUnreachableServer());
        QVERIFY(inject(u"log"_s));
        LogTailModel model(m_connection.get(), kId, u"smtpConnection"_s);
        Tester tester(&model, kMode);
        LogFilterProxy proxy;
        proxy.setSourceModel(&model);
        Tester proxyTester(&proxy, kMode);
        model.setPollInterval(200);
        model.setMaxRows(3);
        model.setActive(true);
        QTRY_VERIFY_WITH_TIMEOUT(model.rowCount() > 0, 20000);
        const QString line = model.index(0, LogTailModel::TextColumn).data().toString();
        QVERIFY2(line.contains(u"outcome="_s), qPrintable(line));
        QVERIFY(!model.index(0, LogTailModel::TimeColumn).data().toString().isEmpty());
        QCOMPARE(LogTailModel::Level(model.index(0, 0).data(LogTailModel::LevelRole).toInt()),
                 LogTailModel::Level::Warning);

        // New lines follow; the oldest go beyond the bound.
        for (int i = 0; i < 4; ++i)
            QVERIFY(inject(u"more %1"_s.arg(i)));
        QVERIFY(call(rpc::Method::QueueRetry, {{u"id"_s, kId}}).ok);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QTRY_VERIFY_WITH_TIMEOUT(removed.count() > 0, 30000);
        QVERIFY(model.rowCount() <= 3);

        model.setActive(false); // a steady source for the filter checks
        int withOutcome = 0, errors = 0, belowWarning = 0;
        for (int r = 0; r < model.rowCount(); ++r) {
            const QModelIndex i = model.index(r, 0);
            withOutcome += i.data(LogTailModel::LineRole).toString().contains(u"outcome="_s);
            const auto level = LogTailModel::Level(i.data(LogTailModel::LevelRole).toInt());
            errors += level == LogTailModel::Level::Error || level == LogTailModel::Level::Unknown;
            belowWarning += level == LogTailModel::Level::Debug || level == LogTailModel::Level::Info;
        }
        QVERIFY(withOutcome > 0);
        proxy.setText(u"OUTCOME="_s);
        QCOMPARE(proxy.rowCount(), withOutcome);
        proxy.setText(u"no line says this"_s);
        QCOMPARE(proxy.rowCount(), 0);
        proxy.setText({});
        proxy.setMinimumLevel(LogTailModel::Level::Error);
        QCOMPARE(proxy.rowCount(), errors);
        proxy.setMinimumLevel(LogTailModel::Level::Warning);
        QCOMPARE(proxy.rowCount(), model.rowCount() - belowWarning);
        model.setActive(false);

        QCOMPARE(LogTailModel::parseLevel(u"[ERROR] bind failed"_s), LogTailModel::Level::Error);
        QCOMPARE(LogTailModel::parseLevel(u"level=info search done"_s), LogTailModel::Level::Info);
        QCOMPARE(LogTailModel::parseLevel(u"queue=1 outcome=success"_s), LogTailModel::Level::Info);
        QCOMPARE(LogTailModel::parseLevel(u"search (cn=errorless)"_s), LogTailModel::Level::Unknown);
    }

    void senderList()
    {
        InstanceSettings settings(m_connection.get(), kId);
        QTRY_VERIFY_WITH_TIMEOUT(settings.isLoaded(), 10000);
        SenderListModel model(&settings);
        Tester tester(&model, kMode);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(model.columnCount() >= 5);
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), u"Mail Domain"_s);

        QJsonObject e = model.defaultEntry();
        e.insert(u"mailDomain"_s, u"example.com"_s);
        e.insert(u"server"_s, u"127.0.0.1"_s);
        model.addEntry(e);
        QCOMPARE(model.rowCount(), 1);
        QVERIFY(settings.isDirty());
        QJsonObject second = e;
        second.insert(u"mailDomain"_s, u"partner.org"_s);
        second.insert(u"requiresAuthentication"_s, true); // without an account: invalid
        model.addEntry(second);
        int accountColumn = -1;
        for (int c = 0; c < model.columnCount(); ++c)
            if (model.index(0, c).data(SenderListModel::FieldRole).toString() == u"account"_s)
                accountColumn = c;
        QVERIFY(accountColumn >= 0);
        QTRY_VERIFY_WITH_TIMEOUT(
            !model.index(1, accountColumn).data(SenderListModel::ErrorRole).toString().isEmpty(), 10000);
        QVERIFY(model.setData(model.index(1, accountColumn), u"fax"_s));
        QTRY_VERIFY_WITH_TIMEOUT(
            model.index(1, accountColumn).data(SenderListModel::ErrorRole).toString().isEmpty(), 10000);
        model.moveEntry(1, 0);
        QCOMPARE(model.entry(0).value(u"mailDomain"_s).toString(), u"partner.org"_s);

        bool ok = false, done = false;
        settings.apply([&](bool result) {
            ok = result;
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QVERIFY2(ok, qPrintable(settings.errors().values().join(u"; "_s)));
        const RpcResponse got =
            call(rpc::Method::ConfigGet, {{u"id"_s, kId}, {u"key"_s, SenderListModel::Key}});
        const QJsonArray stored =
            got.resultObject().value(u"values"_s).toObject().value(SenderListModel::Key).toArray();
        QCOMPARE(stored.size(), 2);
        QCOMPARE(stored.at(0).toObject().value(u"account"_s).toString(), u"fax"_s);

        // Removal is an edit like any other, and another console's change shows.
        model.removeEntry(0);
        QCOMPARE(model.rowCount(), 1);
        settings.revert();
        QCOMPARE(model.rowCount(), 2);
        QVERIFY(setConfig({{SenderListModel::Key, QJsonArray{e}}}));
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, 10000);
    }

    void userTable()
    {
        constexpr int kUsers = 2500;
        const QByteArray ldif = test::usersLdif(kUsers);
        QFile users(m_daemon->paths().instanceDirectoryFile(kId));
        QVERIFY(users.open(QIODevice::WriteOnly));
        users.write(ldif);
        users.close();

        UserTableModel model(m_connection.get(), kId);
        Tester tester(&model, kMode);
        model.setPageSize(1000);
        model.reload();
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1000, 20000);
        QCOMPARE(model.total(), kUsers);
        QVERIFY(model.canFetchMore({}));
        model.fetchMore({});
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2000, 20000);

        // A local filter while the rest arrives.
        model.setFilterText(u"user0004"_s); // user00040 .. user00049
        QCOMPARE(model.rowCount(), 10);
        QSignalSpy finished(&model, &UserTableModel::loadFinished);
        model.loadAll();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QCOMPARE(model.loadedCount(), kUsers);
        QVERIFY(!model.canFetchMore({}));
        QCOMPARE(model.rowCount(), 10);
        model.setFilterText(u"89 1002"_s); // fax numbers +49 89 1002000 .. 1002499
        QCOMPARE(model.rowCount(), 500);
        model.setFilterText({});
        QCOMPARE(model.rowCount(), kUsers);
        QVERIFY(model.dnAt(0).startsWith(u"uid=user"_s));

        // Server-side search starts again.
        model.setSearch(u"user0012"_s);
        QTRY_COMPARE_WITH_TIMEOUT(model.total(), 10, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 10, 20000);
    }
};

QTEST_GUILESS_MAIN(TestModelsItems)
#include "tst_models_items.moc"
