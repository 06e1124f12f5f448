// SPDX-License-Identifier: GPL-3.0-or-later
// The New Instance wizard against a real umgated and a real slapd: the LDAP page's Test button
// reports the engine's checks (a wrong password fails, the right one passes), and the wizard
// then creates the instance with that directory, as its summary says.
#include "GuiTest.h"
#include "UmgatedProcess.h"
#include "models/console/EngineConnection.h"
#include "models/console/InstanceSettings.h"
#include "models/rpc/RpcClient.h"
#include "tests/FixtureEnv.h"
#include "views/NewInstanceWizard.h"
#include "views/ObjectListEditor.h"
#include "views/SettingsBinder.h"
#include "views/StringListEditor.h"

#include <QAbstractButton>
#include <QJsonArray>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace umgate;
using namespace Qt::StringLiterals;
using umgate::test::kOffscreen;
using umgate::test::UmgatedProcess;

class TestConsoleWizardLdap : public QObject
{
    Q_OBJECT

    QHash<QString, QString> m_env;
    QString env(const char* key) const { return m_env.value(QString::fromLatin1(key)); }

    static void retype(QLineEdit* line, const QString& text)
    {
        line->setFocus();
        line->selectAll();
        QTest::keyClick(line, Qt::Key_Delete);
        QTest::keyClicks(line, text);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(kOffscreen);
        m_env = test::fixtureEnv(u"slapd"_s);
        QVERIFY2(!env("LDAP1_PORT").isEmpty(), "the slapd fixture did not run");
    }

    void ldapTestThenCreate()
    {
        UmgatedProcess d;
        EngineConnection c;
        QString error;
        QVERIFY2(umgate::test::startConnected(d, c, &error), qPrintable(error));

        NewInstanceWizard wizard(&c);
        QSignalSpy created(&wizard, &NewInstanceWizard::instanceCreated);
        wizard.show();
        QTest::keyClicks(wizard.findChild<QLineEdit*>(u"instanceName"_s), u"LdapSite"_s);
        wizard.next();
        QTRY_COMPARE_WITH_TIMEOUT(wizard.currentId(), int(NewInstanceWizard::UserManagementPage), 10000);
        wizard.findChild<QRadioButton*>(u"type-openLdap"_s)->setChecked(true);
        wizard.next();
        QCOMPARE(wizard.currentId(), int(NewInstanceWizard::LdapConnectionPage));

        // The suggested attribute for OpenLDAP is already filled in.
        QCOMPARE(wizard.binder()->value(u"ldap.search.umsAttribute"_s).toString(), u"umsUserData"_s);
        auto* servers = wizard.findChild<ObjectListEditor*>(u"ldap.connection.servers"_s);
        auto* bases = wizard.findChild<StringListEditor*>(u"ldap.baseDn.entries"_s);
        auto* bindDn = wizard.findChild<QLineEdit*>(u"ldap.registrationData.bindDn"_s);
        auto* password = wizard.findChild<QLineEdit*>(u"ldap.registrationData.password"_s);
        QVERIFY(servers && bases && bindDn && password);
        servers->setValues(QJsonArray{QJsonObject{{u"host"_s, u"127.0.0.1"_s},
                                                  {u"port"_s, env("LDAP1_PORT").toInt()},
                                                  {u"security"_s, u"none"_s}}});
        emit servers->edited();
        bases->setValues(QJsonArray{env("LDAP_BASE")});
        emit bases->edited();
        retype(bindDn, env("LDAP_READER_DN"));
        retype(password, u"not-the-password"_s);

        auto* test = wizard.findChild<QPushButton*>(u"testLdap"_s);
        auto* result = wizard.findChild<QPlainTextEdit*>(u"ldapTestResult"_s);
        QVERIFY(test && result);
        test->click();
        QTRY_VERIFY2_WITH_TIMEOUT(result->toPlainText().contains(u"FAILED"_s),
                                  qPrintable(result->toPlainText()), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!wizard.isBusy(), 5000);

        retype(password, env("LDAP_READER_PW"));
        result->clear();
        test->click();
        QTRY_VERIFY2_WITH_TIMEOUT(result->toPlainText().contains(u"OK"_s) &&
                                      !result->toPlainText().contains(u"FAILED"_s),
                                  qPrintable(result->toPlainText()), 20000);
        QTRY_VERIFY_WITH_TIMEOUT(!wizard.isBusy(), 5000);

        wizard.next();
        QCOMPARE(wizard.currentId(), int(NewInstanceWizard::BindingsPage));
        wizard.findChild<QSpinBox*>(u"general.ipAddresses.port"_s)->setValue(UmgatedProcess::freePort());
        wizard.next();
        wizard.next();
        QCOMPARE(wizard.currentId(), int(NewInstanceWizard::SummaryPage));
        QTRY_VERIFY_WITH_TIMEOUT(wizard.button(QWizard::FinishButton)->isEnabled(), 5000);
        const QStringList shown = wizard.summary();
        QVERIFY2(shown.contains(u"LDAP account: %1, password set"_s.arg(env("LDAP_READER_DN"))),
                 qPrintable(shown.join(u'\n')));
        QVERIFY2(shown.contains(u"Base DNs: %1"_s.arg(env("LDAP_BASE"))), qPrintable(shown.join(u'\n')));
        wizard.button(QWizard::FinishButton)->click();
        QTRY_COMPARE_WITH_TIMEOUT(created.count(), 1, 15000);
        // The summary was what Finish stored: the same lines from the engine's values alone.
        QSignalSpy loaded(wizard.settings(), &InstanceSettings::loaded);
        wizard.settings()->reload();
        QVERIFY(loaded.wait(10000));
        QCOMPARE(wizard.summary(), shown);

        QFuture<RpcResponse> f = c.client()->exec(rpc::Method::ConfigGet, {{u"id"_s, u"LdapSite"_s}});
        QVERIFY(QTest::qWaitFor([&] { return f.isFinished(); }, 10000));
        const QJsonObject values = f.result().resultObject().value(u"values"_s).toObject();
        QCOMPARE(values.value(u"ldap.userManagement.type"_s).toString(), u"openLdap"_s);
        QCOMPARE(values.value(u"ldap.registrationData.bindDn"_s).toString(), env("LDAP_READER_DN"));
        QVERIFY(values.value(u"ldap.registrationData.password"_s).toObject().value(u"set"_s).toBool());
    }
};

QTEST_MAIN(TestConsoleWizardLdap)
#include "tst_console_wizard_ldap.moc"
