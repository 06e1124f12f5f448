// SPDX-License-Identifier: GPL-3.0-or-later
// The New Instance wizard leaves the instance in the state its summary describes, against a real
// umgated and a real aiosmtpd: a mail server typed on the Mail System page is where the
// instance's messages go (a test message arrives at aiosmtpd), every line of the summary is what
// the engine stored, and every setting the wizard changed from its default has a summary line.
#include "GuiTest.h"
#include "UmgatedProcess.h"
#include "models/console/EngineConnection.h"
#include "models/console/InstanceSettings.h"
#include "models/rpc/RpcClient.h"
#include "tests/FixtureEnv.h"
#include "views/NewInstanceWizard.h"
#include "views/SchemaText.h"
#include "views/SettingsBinder.h"

#include <QComboBox>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
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
using umgate::test::wait;

class TestConsoleWizardMail : public QObject
{
    Q_OBJECT

    QHash<QString, QString> m_env;

    static void retype(QLineEdit* line, const QString& text)
    {
        line->setFocus();
        line->selectAll();
        QTest::keyClick(line, Qt::Key_Delete);
        QTest::keyClicks(line, text);
    }

    // The messages aiosmtpd stored for `recipient` (X-Envelope-To header it prepends).
    int mailsFor(const QString& recipient) const
    {
        int n = 0;
        // new/ only: the fixture writes into tmp/ and renames into new/, so a listing of both
        // during the rename sees a mail twice or not at all.
        QDirIterator it(m_env.value(u"AIOSMTPD_MAILDIR"_s) + u"/new"_s, QDir::Files);
        for (int i = 0; it.hasNext() && i < 100000; ++i) {
            QFile f(it.next());
            if (f.open(QIODevice::ReadOnly) &&
                f.read(qint64{64} * 1024).contains("X-Envelope-To: " + recipient.toUtf8() + "\r\n"))
                ++n;
        }
        return n;
    }

    // Runs the wizard to its summary page: embedded directory, a free port, and on the Mail
    // System page what `mailPage` types. Returns false (with a QTest failure) when a step fails.
    template <typename F> static bool toSummary(NewInstanceWizard& wizard, const QString& name, F mailPage)
    {
        wizard.show();
        QTest::keyClicks(wizard.findChild<QLineEdit*>(u"instanceName"_s), name);
        wizard.next();
        if (!QTest::qWaitFor([&] { return wizard.currentId() == NewInstanceWizard::UserManagementPage; },
                             10000))
            return false;
        wizard.findChild<QRadioButton*>(u"type-embedded"_s)->setChecked(true);
        wizard.next();
        if (wizard.currentId() != NewInstanceWizard::BindingsPage) return false;
        wizard.findChild<QSpinBox*>(u"general.ipAddresses.port"_s)->setValue(UmgatedProcess::freePort());
        wizard.next();
        if (wizard.currentId() != NewInstanceWizard::MailSystemPage) return false;
        mailPage();
        wizard.next();
        return wizard.currentId() == NewInstanceWizard::SummaryPage &&
               QTest::qWaitFor([&] { return wizard.button(QWizard::FinishButton)->isEnabled(); }, 5000);
    }

    static bool finish(NewInstanceWizard& wizard)
    {
        QSignalSpy created(&wizard, &NewInstanceWizard::instanceCreated);
        wizard.button(QWizard::FinishButton)->click();
        return QTest::qWaitFor([&] { return created.count() == 1; }, 15000);
    }

    // The summary again, from the engine's stored values only (no pending edits).
    static QStringList storedSummary(NewInstanceWizard& wizard)
    {
        QSignalSpy loaded(wizard.settings(), &InstanceSettings::loaded);
        wizard.settings()->reload();
        if (!loaded.wait(10000)) return {u"(config.get did not answer)"_s};
        return wizard.summary();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(kOffscreen);
        m_env = test::fixtureEnv(u"aiosmtpd"_s);
        QVERIFY2(!m_env.value(u"AIOSMTPD_NOAUTH_PORT"_s).isEmpty(), "the aiosmtpd fixture did not run");
    }

    // The summary says "Mail server: 127.0.0.1:port"; so the instance sends its messages there.
    void mailServerReceivesTheMessages()
    {
        UmgatedProcess d;
        EngineConnection c;
        QString error;
        QVERIFY2(umgate::test::startConnected(d, c, &error), qPrintable(error));
        const QString port = m_env.value(u"AIOSMTPD_NOAUTH_PORT"_s);
        const QString recipient = u"wizard-%1@example.com"_s.arg(QDateTime::currentMSecsSinceEpoch());

        NewInstanceWizard wizard(&c);
        QVERIFY(toSummary(wizard, u"MailSite"_s, [&] {
            retype(wizard.findChild<QLineEdit*>(u"mailSystem.general.server"_s), u"127.0.0.1"_s);
            wizard.findChild<QSpinBox*>(u"mailSystem.general.port"_s)->setValue(port.toInt());
            retype(wizard.findChild<QLineEdit*>(u"mailSystem.general.defaultRecipient"_s), recipient);
            retype(wizard.findChild<QLineEdit*>(u"mailSystem.template.mailDomain"_s), u"example.com"_s);
        }));
        const QStringList shown = wizard.findChild<QPlainTextEdit*>(u"summary"_s)->toPlainText().split(u'\n');
        QVERIFY2(shown.contains(u"Mail server: 127.0.0.1:%1"_s.arg(port)), qPrintable(shown.join(u'\n')));
        QVERIFY2(shown.contains(u"Message store: %1"_s.arg(SchemaText::choice(u"mailServer"_s))),
                 qPrintable(shown.join(u'\n')));
        QVERIFY(finish(wizard));
        QCOMPARE(storedSummary(wizard), shown);

        // The instance's real path: routing (no user has the number: the default recipient),
        // the message store, SMTP to the server the summary named.
        const RpcResponse r =
            wait(c.client()->exec(rpc::Method::TestMessage, {{u"id"_s, u"MailSite"_s},
                                                             {u"type"_s, u"sms"_s},
                                                             {u"calling"_s, u"+49 30 1234567"_s},
                                                             {u"called"_s, u"+49 30 7654321"_s}}),
                 60000);
        QVERIFY2(r.ok, qPrintable(r.errorText()));
        QVERIFY2(r.resultObject().value(u"ok"_s).toBool(),
                 qPrintable(QString::fromUtf8(QJsonDocument(r.resultObject()).toJson())));
        QTRY_COMPARE_WITH_TIMEOUT(mailsFor(recipient), 1, 20000);
    }

    // Every setting the wizard stored that differs from the schema default has a summary line
    // showing its value, and the summary is what the engine stored.
    void summaryHidesNothing()
    {
        UmgatedProcess d;
        EngineConnection c;
        QString error;
        QVERIFY2(umgate::test::startConnected(d, c, &error), qPrintable(error));
        NewInstanceWizard wizard(&c);
        QVERIFY(toSummary(wizard, u"Quiet Site"_s, [&] {
            retype(wizard.findChild<QLineEdit*>(u"mailSystem.general.server"_s), u"mail.example.com"_s);
            // Chosen by hand after the server: the wizard must not override it.
            auto* store = wizard.findChild<QComboBox*>(u"mailSystem.messageStore.mode"_s);
            QVERIFY(store);
            store->setCurrentIndex(store->findData(u"delete"_s));
            emit store->activated(store->currentIndex()); // as a click in the list does
            retype(wizard.findChild<QLineEdit*>(u"mailSystem.general.defaultRecipient"_s),
                   u"ops@example.com"_s);
        }));
        const QString shown = wizard.findChild<QPlainTextEdit*>(u"summary"_s)->toPlainText();
        QVERIFY(finish(wizard));
        QCOMPARE(storedSummary(wizard).join(u'\n'), shown);

        const RpcResponse schema = wait(c.client()->exec(rpc::Method::ConfigSchema));
        const RpcResponse got = wait(c.client()->exec(rpc::Method::ConfigGet, {{u"id"_s, u"Quiet-Site"_s}}));
        QVERIFY2(schema.ok && got.ok, qPrintable(schema.errorText() + got.errorText()));
        const QJsonObject values = got.resultObject().value(u"values"_s).toObject();
        QCOMPARE(values.value(u"mailSystem.messageStore.mode"_s).toString(), u"delete"_s);
        int changed = 0;
        for (const auto& v : schema.resultObject().value(u"settings"_s).toArray()) {
            const QJsonObject def = v.toObject();
            const QString key = def.value(u"key"_s).toString();
            const QJsonValue value = values.value(key);
            if (def.value(u"secret"_s).toBool() || value == def.value(u"default"_s)) continue;
            ++changed;
            const QString text = value.isString() && def.contains(u"choices"_s)
                                     ? SchemaText::choice(value.toString())
                                 : value.isDouble() ? QString::number(value.toInt())
                                                    : value.toString();
            QVERIFY2(!text.isEmpty() && shown.contains(text),
                     qPrintable(u"%1 = %2 is stored but not in the summary:\n%3"_s.arg(
                         key, QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson()), shown)));
        }
        QVERIFY(changed >= 4); // port, server, message store, recipient at least
    }
};

QTEST_MAIN(TestConsoleWizardMail)
#include "tst_console_wizard_mail.moc"
