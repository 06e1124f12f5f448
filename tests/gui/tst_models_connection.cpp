// SPDX-License-Identifier: GPL-3.0-or-later
// EngineConnection and InstanceSettings against a real umgated: connecting, reconnecting after the
// daemon died, and the edit / validate / apply cycle of a settings page.
#include "GuiTest.h"
#include "UmgatedProcess.h"
#include "models/console/EngineConnection.h"
#include "models/console/InstanceSettings.h"
#include "models/rpc/RpcClient.h"

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
}

class TestModelsConnection : public QObject
{
    Q_OBJECT

private slots:
    void connectsAndReconnects()
    {
        UmgatedProcess d;
        QString error;
        QVERIFY2(d.start(&error), qPrintable(error));
        EngineConnection c;
        QSignalSpy states(&c, &EngineConnection::stateChanged);
        c.connectLocal(d.dataDir());
        QCOMPARE(c.state(), EngineConnection::State::Connecting);
        QTRY_COMPARE_WITH_TIMEOUT(c.state(), EngineConnection::State::Connected, 10000);
        QVERIFY(!c.schema().isEmpty());
        QCOMPARE(c.schemaEntry(u"mailSystem.general.port"_s).value(u"type"_s).toString(), u"int"_s);
        QVERIFY(!c.schemaEntry(u"systemPreferences.email.senders"_s).value(u"fields"_s).toArray().isEmpty());
        QCOMPARE(c.instances().size(), 1);
        QCOMPARE(c.instances().at(0).toObject().value(u"id"_s).toString(), kId);
        QVERIFY(c.displayName().contains(d.dataDir()));

        // A new instance reaches the list through config.changed.
        QSignalSpy instances(&c, &EngineConnection::instancesChanged);
        const RpcResponse created = wait(
            c.client()->exec(rpc::Method::InstanceCreate, {{u"id"_s, u"Second"_s}, {u"enabled"_s, false}}));
        QVERIFY2(created.ok, qPrintable(created.errorText()));
        QTRY_COMPARE_WITH_TIMEOUT(c.instances().size(), 2, 10000);
        QVERIFY(instances.count() > 0);

        // The daemon dies: Connecting until it is back, then Connected again on its own.
        states.clear();
        d.kill();
        QTRY_COMPARE_WITH_TIMEOUT(c.state(), EngineConnection::State::Connecting, 10000);
        QTest::qWait(1500); // at least one failed attempt against the dead socket
        QCOMPARE(c.state(), EngineConnection::State::Connecting);
        QVERIFY(!c.lastError().isEmpty());
        QVERIFY2(d.start(&error), qPrintable(error));
        QTRY_COMPARE_WITH_TIMEOUT(c.state(), EngineConnection::State::Connected, 40000);
        QCOMPARE(c.instances().size(), 2);
        const RpcResponse status = wait(c.client()->exec(rpc::Method::EngineStatus));
        QVERIFY2(status.ok, qPrintable(status.errorText()));

        c.disconnectFromEngine();
        QCOMPARE(c.state(), EngineConnection::State::Disconnected);
        QTest::qWait(1200);
        QCOMPARE(c.state(), EngineConnection::State::Disconnected);
    }

    void settingsApplyAndValidate()
    {
        UmgatedProcess d;
        QString error;
        QVERIFY2(d.start(&error), qPrintable(error));
        EngineConnection c;
        c.connectLocal(d.dataDir());
        QTRY_COMPARE_WITH_TIMEOUT(c.state(), EngineConnection::State::Connected, 10000);

        InstanceSettings s(&c, kId);
        QTRY_VERIFY_WITH_TIMEOUT(s.isLoaded(), 10000);
        QCOMPARE(s.value(u"mailSystem.general.port"_s).toInt(), 25);
        QCOMPARE(s.value(u"name"_s).toString().isEmpty(), false);

        // A valid edit, applied, is in the engine's config.
        QSignalSpy dirty(&s, &InstanceSettings::dirtyChanged);
        s.setValue(u"mailSystem.general.server"_s, u"127.0.0.1"_s);
        s.setValue(u"mailSystem.general.port"_s, 2526);
        QVERIFY(s.isDirty());
        QCOMPARE(dirty.count(), 1);
        QCOMPARE(s.value(u"mailSystem.general.port"_s).toInt(), 2526);
        QCOMPARE(s.engineValue(u"mailSystem.general.port"_s).toInt(), 25);
        int doneCalls = 0;
        bool doneOk = false;
        s.apply([&](bool ok) {
            ++doneCalls;
            doneOk = ok;
        });
        QTRY_COMPARE_WITH_TIMEOUT(doneCalls, 1, 10000);
        QVERIFY2(doneOk, qPrintable(s.errors().values().join(u"; "_s)));
        QVERIFY(!s.isDirty());
        QCOMPARE(s.engineValue(u"mailSystem.general.port"_s).toInt(), 2526);
        const RpcResponse got = wait(c.client()->exec(rpc::Method::ConfigGet, {{u"id"_s, kId}}));
        QVERIFY(got.ok);
        const QJsonObject values = got.resultObject().value(u"values"_s).toObject();
        QCOMPARE(values.value(u"mailSystem.general.port"_s).toInt(), 2526);
        QCOMPARE(values.value(u"mailSystem.general.server"_s).toString(), u"127.0.0.1"_s);

        // Setting the engine's value again is no edit.
        s.setValue(u"mailSystem.general.port"_s, 2527);
        s.setValue(u"mailSystem.general.port"_s, 2526);
        QVERIFY(!s.isDirty());

        // An invalid value: the engine's reason appears after validation, and apply fails.
        QSignalSpy errors(&s, &InstanceSettings::errorsChanged);
        s.setValue(u"mailSystem.general.port"_s, 70000);
        QTRY_VERIFY_WITH_TIMEOUT(!s.errorFor(u"mailSystem.general.port"_s).isEmpty(), 10000);
        const QString reason = s.errorFor(u"mailSystem.general.port"_s);
        QVERIFY2(reason.contains(u"65535"_s), qPrintable(reason));
        QSignalSpy applied(&s, &InstanceSettings::applied);
        s.apply();
        QTRY_COMPARE_WITH_TIMEOUT(applied.count(), 1, 10000);
        QCOMPARE(applied.at(0).at(0).toBool(), false);
        QVERIFY(applied.at(0).at(1).toString().contains(u"mailSystem.general.port"_s));
        QVERIFY(!s.errorFor(u"mailSystem.general.port"_s).isEmpty());
        QVERIFY(s.isDirty());
        const RpcResponse still = wait(c.client()->exec(rpc::Method::ConfigGet, {{u"id"_s, kId}}));
        QCOMPARE(
            still.resultObject().value(u"values"_s).toObject().value(u"mailSystem.general.port"_s).toInt(),
            2526);

        // Typing a correct value clears the error; revert drops the edit.
        s.setValue(u"mailSystem.general.port"_s, 2600);
        QTRY_VERIFY_WITH_TIMEOUT(s.errorFor(u"mailSystem.general.port"_s).isEmpty(), 10000);
        s.revert();
        QVERIFY(!s.isDirty());
        QCOMPARE(s.value(u"mailSystem.general.port"_s).toInt(), 2526);

        // Another console's change reaches untouched keys; pending edits stay.
        s.setValue(u"mailSystem.general.defaultRecipient"_s, u"pending@example.com"_s);
        QSignalSpy changed(&s, &InstanceSettings::valueChanged);
        const RpcResponse other = wait(c.client()->exec(
            rpc::Method::ConfigSet,
            {{u"id"_s, kId}, {u"values"_s, QJsonObject{{u"mailSystem.general.port"_s, 2700}}}}));
        QVERIFY2(other.ok, qPrintable(other.errorText()));
        QTRY_COMPARE_WITH_TIMEOUT(s.value(u"mailSystem.general.port"_s).toInt(), 2700, 10000);
        QCOMPARE(s.value(u"mailSystem.general.defaultRecipient"_s).toString(), u"pending@example.com"_s);
        QVERIFY(s.isDirty());
        bool sawPort = false;
        for (const auto& args : changed)
            sawPort |= args.at(0).toString() == u"mailSystem.general.port"_s;
        QVERIFY(sawPort);
    }

    void staleValidationIsDropped()
    {
        UmgatedProcess d;
        QString error;
        QVERIFY2(d.start(&error), qPrintable(error));
        EngineConnection c;
        c.connectLocal(d.dataDir());
        QTRY_COMPARE_WITH_TIMEOUT(c.state(), EngineConnection::State::Connected, 10000);
        InstanceSettings s(&c, kId);
        QTRY_VERIFY_WITH_TIMEOUT(s.isLoaded(), 10000);
        // Invalid, then valid before the first answer can matter: the end state has no error.
        s.setValue(u"mailSystem.general.port"_s, 70000);
        QTest::qWait(350); // the first validation is sent
        s.setValue(u"mailSystem.general.port"_s, 2525);
        QTest::qWait(1500);
        QVERIFY2(s.errorFor(u"mailSystem.general.port"_s).isEmpty(),
                 qPrintable(s.errorFor(u"mailSystem.general.port"_s)));
    }
};

QTEST_GUILESS_MAIN(TestModelsConnection)
#include "tst_models_connection.moc"
