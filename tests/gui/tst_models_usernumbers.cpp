// SPDX-License-Identifier: GPL-3.0-or-later
// The Subscriber Mailboxes table (UserTableModel) against a real umgated: the numbers it shows for
// a user are the numbers that reach that user. For every user shown, a directory look-up of every
// number shown finds that user, and every user that a number reaches shows it: in the embedded
// directory and in a real OpenLDAP (slapd fixture), whose matching rules decide there.
#include "GuiTest.h"
#include "UmgatedProcess.h"
#include "models/console/EngineConnection.h"
#include "models/console/UserTableModel.h"
#include "models/rpc/RpcClient.h"
#include "tests/FixtureEnv.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace umgate;
using namespace Qt::StringLiterals;
using umgate::test::kOffscreen;
using umgate::test::UmgatedProcess;
using umgate::test::wait;

namespace {
const QString kId = u"MSConnInst1"_s;
} // namespace

class TestModelsUserNumbers : public QObject
{
    Q_OBJECT

    RpcResponse call(EngineConnection& c, rpc::Method method, const QJsonObject& params)
    {
        return wait(c.client()->exec(method, params));
    }

    bool addUser(EngineConnection& c, const QString& uid, const QJsonObject& numbers)
    {
        QJsonObject attributes{{u"objectClass"_s, QJsonArray{u"inetOrgPerson"_s}},
                               {u"cn"_s, uid},
                               {u"uid"_s, uid},
                               {u"mail"_s, uid + u"@example.com"_s}};
        for (auto it = numbers.begin(); it != numbers.end(); ++it)
            attributes.insert(it.key(), it.value());
        const RpcResponse r = call(c, rpc::Method::UserSet,
                                   {{u"id"_s, kId},
                                    {u"dn"_s, u"uid=%1,dc=example,dc=com"_s.arg(uid)},
                                    {u"attributes"_s, attributes}});
        if (!r.ok) qWarning("user.set %s: %s", qPrintable(uid), qPrintable(r.errorText()));
        return r.ok;
    }

    // The DNs a look-up of `number` finds ("(error)" when the look-up fails).
    QStringList lookup(EngineConnection& c, const QString& number)
    {
        const RpcResponse r = call(c, rpc::Method::DirectoryLookup, {{u"id"_s, kId}, {u"number"_s, number}});
        if (!r.ok) return {u"(error: %1)"_s.arg(r.errorText())};
        QStringList dns;
        for (const auto& e : r.resultObject().value(u"entries"_s).toArray())
            dns << e.toObject().value(u"dn"_s).toString();
        return dns;
    }

private slots:
    void initTestCase() { QVERIFY(kOffscreen); }

    void ldapNumbersShownReachTheUser()
    {
        const QHash<QString, QString> env = test::fixtureEnv(u"slapd"_s);
        QVERIFY2(!env.value(u"LDAP1_PORT"_s).isEmpty(), "the slapd fixture did not run");
        UmgatedProcess d;
        EngineConnection c;
        QString error;
        QVERIFY2(umgate::test::startConnected(d, c, &error), qPrintable(error));
        const RpcResponse set =
            call(c, rpc::Method::ConfigSet,
                 {{u"id"_s, kId},
                  {u"values"_s,
                   QJsonObject{{u"ldap.userManagement.type"_s, u"openLdap"_s},
                               {u"ldap.search.umsAttribute"_s, u"umsUserData"_s},
                               {u"ldap.connection.servers"_s,
                                QJsonArray{QJsonObject{{u"host"_s, u"127.0.0.1"_s},
                                                       {u"port"_s, env.value(u"LDAP1_PORT"_s).toInt()},
                                                       {u"security"_s, u"none"_s}}}},
                               {u"ldap.baseDn.entries"_s, QJsonArray{env.value(u"LDAP_BASE"_s)}},
                               {u"ldap.registrationData.bindDn"_s, env.value(u"LDAP_READER_DN"_s)},
                               {u"ldap.registrationData.password"_s, env.value(u"LDAP_READER_PW"_s)}}}});
        QVERIFY2(set.ok, qPrintable(set.errorText()));

        UserTableModel model(&c, kId);
        QSignalSpy finished(&model, &UserTableModel::loadFinished);
        model.loadAll();
        QVERIFY(finished.wait(20000));
        QVERIFY2(finished.first().at(0).toBool(), qPrintable(model.lastError()));
        int numbers = 0;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString dn = model.dnAt(row);
            const QString cell = model.index(row, UserTableModel::NumbersColumn).data().toString();
            // Several users may share a number (ixi-UMS 5.1.5: no check for duplicates); each
            // of them receives it, so the look-up must find this one among them.
            for (const QString& number : cell.isEmpty() ? QStringList() : cell.split(u", "_s)) {
                ++numbers;
                const QStringList found = lookup(c, number);
                QVERIFY2(found.contains(dn, Qt::CaseInsensitive),
                         qPrintable(u"%1 shown for %2 finds %3"_s.arg(number, dn, found.join(u"; "_s))));
            }
        }
        QVERIFY2(numbers >= 7, qPrintable(QString::number(numbers))); // the seed's users have numbers
        // The server-side search by a number: its facsimileTelephoneNumber term has no substring
        // rule in OpenLDAP (Undefined), which must not spoil the other terms of the OR.
        model.setSearch(u"1234568"_s);
        QTRY_COMPARE_WITH_TIMEOUT(model.total(), 1, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, 20000);
        QVERIFY(model.dnAt(0).startsWith(u"uid=anna.schmidt,"_s));
    }

    void numbersShownReachTheUser()
    {
        UmgatedProcess d;
        EngineConnection c;
        QString error;
        QVERIFY2(umgate::test::startConnected(d, c, &error), qPrintable(error));
        // Every way the manual assigns a number (ixi-UMS 5.1.5) in the embedded directory, the
        // default user management of a new instance.
        QVERIFY(addUser(c, u"standardfax"_s, {{u"facsimileTelephoneNumber"_s, u"+49 30 2000001"_s}}));
        QVERIFY(addUser(
            c, u"otherfax"_s,
            {{u"otherFacsimileTelephoneNumber"_s, QJsonArray{u"+49302000002"_s, u"+49 30 2000003"_s}}}));
        QVERIFY(
            addUser(c, u"ixi"_s,
                    {{u"proxyAddresses"_s, QJsonArray{u"SMTP:ixi@example.com"_s, u"IXI:+49302000004"_s}}}));
        QVERIFY(addUser(c, u"both"_s,
                        {{u"facsimileTelephoneNumber"_s, u"+49 30 2000005"_s},
                         {u"otherFacsimileTelephoneNumber"_s, u"+49 30 2000006"_s}}));
        QVERIFY(addUser(c, u"nonumber"_s, {{u"facsimileTelephoneNumber"_s, u"ask reception"_s}}));

        UserTableModel model(&c, kId);
        QSignalSpy finished(&model, &UserTableModel::loadFinished);
        model.loadAll();
        QVERIFY(finished.wait(20000));
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.headerData(UserTableModel::NumbersColumn, Qt::Horizontal).toString(),
                 u"UMS numbers"_s);

        QHash<QString, QStringList> shownFor; // dn -> numbers shown
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString dn = model.dnAt(row);
            const QString cell = model.index(row, UserTableModel::NumbersColumn).data().toString();
            shownFor[dn] = cell.isEmpty() ? QStringList() : cell.split(u", "_s);
            for (const QString& number : shownFor[dn])
                QCOMPARE(lookup(c, number), QStringList{dn});
        }
        // Every number that reaches a user is shown for that user.
        const QHash<QString, QStringList> expected = {
            {u"uid=standardfax,dc=example,dc=com"_s, {u"+49 30 2000001"_s}},
            {u"uid=otherfax,dc=example,dc=com"_s, {u"+49302000002"_s, u"+49 30 2000003"_s}},
            {u"uid=ixi,dc=example,dc=com"_s, {u"+49302000004"_s}},
            {u"uid=both,dc=example,dc=com"_s, {u"+49 30 2000006"_s, u"+49 30 2000005"_s}},
            {u"uid=nonumber,dc=example,dc=com"_s, {}},
        };
        for (auto it = expected.begin(); it != expected.end(); ++it) {
            QStringList shown = shownFor.value(it.key());
            QStringList want = it.value();
            shown.sort();
            want.sort();
            QCOMPARE(shown, want);
            for (const QString& number : it.value())
                QCOMPARE(lookup(c, number), QStringList{it.key()});
        }
        // The local filter and the server-side search know the numbers shown.
        model.setFilterText(u"2000001"_s);
        QCOMPARE(model.rowCount(), 1);
        model.setFilterText({});
        model.setSearch(u"2000005"_s);
        QTRY_COMPARE_WITH_TIMEOUT(model.total(), 1, 20000);
    }
};

QTEST_GUILESS_MAIN(TestModelsUserNumbers)
#include "tst_models_usernumbers.moc"
