// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 10: the console's list editors (System Preferences: Email senders, LDAP servers) keep
// each entry's id through edit, move and delete, so the engine keeps each password with its
// entry. Offscreen pages against a real umgated; a second client checks what the engine holds.
#include "GuiTest.h"
#include "UmgatedProcess.h"
#include "models/console/EngineConnection.h"
#include "models/console/InstanceSettings.h"
#include "models/console/SenderListModel.h"
#include "models/rpc/RpcClient.h"
#include "views/LdapPage.h"
#include "views/ObjectEntryDialog.h"
#include "views/ObjectListEditor.h"
#include "views/SettingsPage.h"
#include "views/SystemPreferencesEmailPage.h"

#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QTimer>

using namespace umgate;
using namespace Qt::StringLiterals;
using umgate::test::kOffscreen;
using umgate::test::UmgatedProcess;
using umgate::test::wait;

namespace {
const QString kId = u"MSConnInst1"_s;
const QString kSenders = u"systemPreferences.email.senders"_s;
const QString kServers = u"ldap.connection.servers"_s;

QStringList idsOf(const QJsonArray& entries)
{
    QStringList ids;
    for (const auto& e : entries)
        ids << e.toObject().value(u"id"_s).toString();
    return ids;
}
} // namespace

class TestConsoleListIds : public QObject
{
    Q_OBJECT

    UmgatedProcess* m_daemon = nullptr;
    EngineConnection* m_connection = nullptr;
    RpcClient* m_checker = nullptr;

    QJsonArray engineList(const QString& key)
    {
        const RpcResponse r =
            wait(m_checker->exec(rpc::Method::ConfigGet, {{u"id"_s, kId}, {u"key"_s, key}}));
        return r.ok ? r.resultObject().value(u"values"_s).toObject().value(key).toArray() : QJsonArray();
    }

    bool engineSet(const QString& key, const QJsonArray& value)
    {
        const RpcResponse r = wait(m_checker->exec(
            rpc::Method::ConfigSet, {{u"id"_s, kId}, {u"values"_s, QJsonObject{{key, value}}}}));
        if (!r.ok) qWarning("config.set: %s", qPrintable(r.errorText()));
        return r.ok;
    }

    QJsonObject storedSecrets()
    {
        QFile f(m_daemon->paths().secretsFile());
        if (!f.open(QIODevice::ReadOnly)) return {};
        return QJsonDocument::fromJson(f.readAll()).object().value(u"secrets"_s).toObject();
    }

    static bool waitLoaded(SettingsPage& page)
    {
        auto* tabs = page.findChild<QTabWidget*>(u"tabs"_s);
        return !tabs || QTest::qWaitFor([tabs] { return tabs->isEnabled(); }, 10000);
    }

    static bool applyAndWait(SettingsPage& page)
    {
        QSignalSpy finished(&page, &SettingsPage::applyFinished);
        page.apply();
        if (finished.isEmpty() && !finished.wait(15000)) return false;
        return finished.first().first().toBool();
    }

    static void selectAndClick(ObjectListEditor* editor, int row, const QString& button)
    {
        editor->table()->setCurrentCell(row, 0);
        editor->findChild<QPushButton*>(button)->click();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(kOffscreen);
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"umgate-test"_s);
        QCoreApplication::setApplicationName(u"tst_console_list_ids"_s);
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

    void senderEditorKeepsIdsThroughMoveEditAndDelete()
    {
        const auto entry = [](const QString& domain, const QString& password) {
            return QJsonObject{{u"mailDomain"_s, domain},
                               {u"server"_s, u"smtp."_s + domain},
                               {u"requiresAuthentication"_s, true},
                               {u"account"_s, u"vm"_s},
                               {u"password"_s, password}};
        };
        QVERIFY(engineSet(kSenders, {entry(u"a.example"_s, u"pw-a"_s), entry(u"b.example"_s, u"pw-b"_s)}));
        const QStringList ids = idsOf(engineList(kSenders));
        QCOMPARE(ids.size(), 2);
        QVERIFY(!ids.at(0).isEmpty() && !ids.at(1).isEmpty());
        const QString& idA = ids.at(0);
        const QString& idB = ids.at(1);
        const auto secretOf = [this](const QString& id) {
            return storedSecrets().value(u"%1/%2[%3].password"_s.arg(kId, kSenders, id)).toString();
        };
        QCOMPARE(secretOf(idA), u"pw-a"_s);

        SystemPreferencesEmailPage page(m_connection, kId);
        page.show();
        QVERIFY(waitLoaded(page));
        auto* editor = page.findChild<ObjectListEditor*>(kSenders);
        QVERIFY(editor);
        QTRY_COMPARE_WITH_TIMEOUT(editor->values().size(), 2, 10000);

        // Move A down: the engine gets [B, A] with their ids, and each keeps its own password.
        selectAndClick(editor, 0, u"down"_s);
        QVERIFY(applyAndWait(page));
        QCOMPARE(idsOf(engineList(kSenders)), (QStringList{idB, idA}));
        QCOMPARE(secretOf(idB), u"pw-b"_s);
        QCOMPARE(secretOf(idA), u"pw-a"_s);

        // Edit B in the entry dialog (a new server, the password left as it is).
        QTRY_COMPARE_WITH_TIMEOUT(idsOf(editor->values()), (QStringList{idB, idA}), 10000);
        QTimer::singleShot(0, this, [] {
            QTRY_VERIFY_WITH_TIMEOUT(qobject_cast<ObjectEntryDialog*>(QApplication::activeModalWidget()),
                                     5000);
            auto* dialog = qobject_cast<ObjectEntryDialog*>(QApplication::activeModalWidget());
            dialog->findChild<QLineEdit*>(u"server"_s)->setText(u"relay.b.example"_s);
            dialog->accept();
        });
        selectAndClick(editor, 0, u"edit"_s);
        QVERIFY(applyAndWait(page));
        const QJsonArray edited = engineList(kSenders);
        QCOMPARE(idsOf(edited), (QStringList{idB, idA}));
        QCOMPARE(edited.at(0).toObject().value(u"server"_s).toString(), u"relay.b.example"_s);
        QCOMPARE(secretOf(idB), u"pw-b"_s);

        // Delete B: A stays with its password, B's password is gone from the store.
        QTRY_COMPARE_WITH_TIMEOUT(idsOf(editor->values()), (QStringList{idB, idA}), 10000);
        selectAndClick(editor, 0, u"remove"_s);
        QVERIFY(applyAndWait(page));
        QCOMPARE(idsOf(engineList(kSenders)), QStringList{idA});
        QCOMPARE(secretOf(idA), u"pw-a"_s);
        QVERIFY(secretOf(idB).isEmpty());
    }

    // The sender list's table model (the Avaya page's model) moves and edits whole entries, ids
    // included, so the engine keeps each password with its entry.
    void senderListModelKeepsIds()
    {
        const QJsonObject a{{u"mailDomain"_s, u"m1.example"_s},
                            {u"server"_s, u"smtp.m1.example"_s},
                            {u"requiresAuthentication"_s, true},
                            {u"account"_s, u"vm"_s},
                            {u"password"_s, u"pw-m1"_s}};
        const QJsonObject b{{u"mailDomain"_s, u"m2.example"_s}, {u"server"_s, u"smtp.m2.example"_s}};
        QVERIFY(engineSet(kSenders, {a, b}));
        const QStringList ids = idsOf(engineList(kSenders));
        QCOMPARE(ids.size(), 2);

        InstanceSettings settings(m_connection, kId);
        QTRY_VERIFY_WITH_TIMEOUT(settings.isLoaded(), 10000);
        SenderListModel model(&settings);
        QCOMPARE(model.rowCount(), 2);
        model.moveEntry(1, 0);
        int serverColumn = -1;
        for (int c = 0; c < model.columnCount(); ++c)
            if (model.index(0, c).data(SenderListModel::FieldRole).toString() == u"server"_s)
                serverColumn = c;
        QVERIFY(serverColumn >= 0);
        QVERIFY(model.setData(model.index(1, serverColumn), u"relay.m1.example"_s));
        bool ok = false, done = false;
        settings.apply([&](bool result) {
            ok = result;
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QVERIFY(ok);
        const QJsonArray stored = engineList(kSenders);
        QCOMPARE(idsOf(stored), (QStringList{ids.at(1), ids.at(0)}));
        QCOMPARE(stored.at(1).toObject().value(u"server"_s).toString(), u"relay.m1.example"_s);
        QCOMPARE(storedSecrets().value(u"%1/%2[%3].password"_s.arg(kId, kSenders, ids.at(0))).toString(),
                 u"pw-m1"_s);
        QVERIFY(!storedSecrets().contains(u"%1/%2[%3].password"_s.arg(kId, kSenders, ids.at(1))));
    }

    void ldapServerEditorKeepsIds()
    {
        QVERIFY(engineSet(u"ldap.baseDn.entries"_s, {u"dc=example,dc=com"_s}));
        QVERIFY(engineSet(kServers, {QJsonObject{{u"host"_s, u"ldap1.example.com"_s}},
                                     QJsonObject{{u"host"_s, u"ldap2.example.com"_s}}}));
        const QStringList ids = idsOf(engineList(kServers));
        QCOMPARE(ids.size(), 2);
        QVERIFY(!ids.at(0).isEmpty() && !ids.at(1).isEmpty());

        LdapPage page(m_connection, kId);
        page.show();
        QVERIFY(waitLoaded(page));
        auto* editor = page.findChild<ObjectListEditor*>(kServers);
        QVERIFY(editor);
        QTRY_COMPARE_WITH_TIMEOUT(idsOf(editor->values()), ids, 10000);
        selectAndClick(editor, 1, u"up"_s);
        QVERIFY(applyAndWait(page));
        QCOMPARE(idsOf(engineList(kServers)), (QStringList{ids.at(1), ids.at(0)}));
        QTRY_COMPARE_WITH_TIMEOUT(idsOf(editor->values()), (QStringList{ids.at(1), ids.at(0)}), 10000);
        selectAndClick(editor, 0, u"remove"_s);
        QVERIFY(applyAndWait(page));
        QCOMPARE(idsOf(engineList(kServers)), QStringList{ids.at(0)});
    }
};

QTEST_MAIN(TestConsoleListIds)
#include "tst_console_list_ids.moc"
