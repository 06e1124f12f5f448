// SPDX-License-Identifier: GPL-3.0-or-later
// The console's dialogs against a real umgated and a real aiosmtpd: Send Test Message reports
// every step and the delivery, and the main window's instance actions reach the engine; Import
// Certificate installs a .pfx.
#include "GuiTest.h"
#include "UmgatedProcess.h"
#include "models/console/EngineConnection.h"
#include "models/rpc/RpcClient.h"
#include "tests/FixtureEnv.h"
#include "views/CertificateImportDialog.h"
#include "views/GeneralPage.h"
#include "views/TestMessageDialog.h"

#include <QComboBox>
#include <QDirIterator>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <sys/stat.h>

using namespace umgate;
using namespace Qt::StringLiterals;
using umgate::test::kOffscreen;
using umgate::test::UmgatedProcess;
using umgate::test::wait;

namespace {
const QString kId = u"MSConnInst1"_s;
} // namespace

class TestConsoleDialogs : public QObject
{
    Q_OBJECT

    QHash<QString, QString> m_env;

    int storedMails() const
    {
        int n = 0;
        // new/ only: the fixture writes into tmp/ and renames into new/, so a listing of both
        // during the rename sees a mail twice or not at all.
        QDirIterator it(m_env.value(u"AIOSMTPD_MAILDIR"_s) + u"/new"_s, QDir::Files);
        for (int i = 0; it.hasNext() && i < 100000; ++i) {
            it.next();
            ++n;
        }
        return n;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(kOffscreen);
        m_env = test::fixtureEnv(u"aiosmtpd"_s);
        QVERIFY2(!m_env.value(u"AIOSMTPD_NOAUTH_PORT"_s).isEmpty(), "the aiosmtpd fixture did not run");
    }

    void testMessageReportsDelivery()
    {
        UmgatedProcess d;
        EngineConnection c;
        QString error;
        QVERIFY2(umgate::test::startConnected(d, c, &error), qPrintable(error));
        const RpcResponse set = wait(c.client()->exec(
            rpc::Method::ConfigSet,
            {{u"id"_s, kId},
             {u"values"_s,
              QJsonObject{{u"mailSystem.general.server"_s, u"127.0.0.1"_s},
                          {u"mailSystem.general.port"_s, m_env.value(u"AIOSMTPD_NOAUTH_PORT"_s).toInt()},
                          {u"mailSystem.general.defaultRecipient"_s, u"postmaster@example.com"_s},
                          {u"mailSystem.template.mailDomain"_s, u"example.com"_s},
                          {u"mailSystem.messageStore.mode"_s, u"mailServer"_s}}}}));
        QVERIFY2(set.ok, qPrintable(set.errorText()));
        const int before = storedMails();

        TestMessageDialog dialog(&c, kId);
        dialog.show();
        auto* calling = dialog.findChild<QLineEdit*>(u"callingNumber"_s);
        auto* called = dialog.findChild<QLineEdit*>(u"calledNumber"_s);
        auto* type = dialog.findChild<QComboBox*>(u"addressType"_s);
        QVERIFY(calling && called && type);
        QTest::keyClicks(calling, u"+49 30 1234567"_s);
        QTest::keyClicks(called, u"+49 30 46578645"_s);
        type->setCurrentIndex(type->findData(u"sms"_s));
        QSignalSpy ready(&dialog, &TestMessageDialog::reportReady);
        QTest::mouseClick(dialog.findChild<QPushButton*>(u"send"_s), Qt::LeftButton);
        QVERIFY(ready.wait(60000));
        QVERIFY2(ready.first().at(0).toBool(), qPrintable(dialog.reportText()));
        // Each step of the engine's report is a line; the result names the outcome.
        QVERIFY2(dialog.reportText().contains(u"Result: delivered"_s), qPrintable(dialog.reportText()));
        QVERIFY2(dialog.reportText().count(u"[OK]"_s) >= 2, qPrintable(dialog.reportText()));
        QTRY_VERIFY_WITH_TIMEOUT(storedMails() > before, 20000);
        // The report is read-only text that can be selected and copied.
        QVERIFY(dialog.findChild<QPlainTextEdit*>(u"report"_s)->isReadOnly());
    }

    void testMessageWithoutServerReportsFailure()
    {
        UmgatedProcess d;
        EngineConnection c;
        QString error;
        QVERIFY2(umgate::test::startConnected(d, c, &error), qPrintable(error));
        const RpcResponse set = wait(c.client()->exec(
            rpc::Method::ConfigSet,
            {{u"id"_s, kId},
             {u"values"_s, QJsonObject{{u"mailSystem.general.server"_s, u"127.0.0.1"_s},
                                       {u"mailSystem.general.port"_s, int(UmgatedProcess::freePort())},
                                       {u"mailSystem.messageStore.mode"_s, u"mailServer"_s}}}}));
        QVERIFY2(set.ok, qPrintable(set.errorText()));
        TestMessageDialog dialog(&c, kId);
        dialog.show();
        QTest::keyClicks(dialog.findChild<QLineEdit*>(u"callingNumber"_s), u"+49 30 1234567"_s);
        QTest::keyClicks(dialog.findChild<QLineEdit*>(u"calledNumber"_s), u"+49 89 7654321"_s);
        QSignalSpy ready(&dialog, &TestMessageDialog::reportReady);
        dialog.send();
        QVERIFY(ready.wait(60000));
        QVERIFY(!ready.first().at(0).toBool());
        // The engine's own report, not a failed call: the SMTP step is marked as failed.
        QVERIFY2(dialog.reportText().contains(u"[FAILED]"_s), qPrintable(dialog.reportText()));
        QVERIFY2(dialog.reportText().contains(u"not delivered"_s), qPrintable(dialog.reportText()));
    }

    // ixi-UMS 4.2.1.2 through the console: General, Encryption tab, Import from PKCS#12 File; a
    // wrong password is shown at the password, a missing file at the file, and the installed
    // certificate is described and really written by the engine.
    void importCertificateFromGeneralPage()
    {
        QTemporaryDir work;
        QString error;
        QVERIFY2(umgate::test::makeTestCertificates(work.path(), &error), qPrintable(error));
        QVERIFY2(umgate::test::runOpenssl(work.path(),
                                          {u"pkcs12"_s, u"-export"_s, u"-in"_s, u"server.pem"_s, u"-inkey"_s,
                                           u"server.key"_s, u"-certfile"_s, u"ca.pem"_s, u"-passout"_s,
                                           u"pass:right one"_s, u"-out"_s, u"server.pfx"_s},
                                          &error),
                 qPrintable(error));

        UmgatedProcess d;
        EngineConnection c;
        QVERIFY2(umgate::test::startConnected(d, c, &error), qPrintable(error));
        GeneralPage page(&c, kId);
        page.show();
        page.load();
        auto* button = page.findChild<QPushButton*>(u"importPkcs12"_s);
        QVERIFY(button);
        page.tabs()->setCurrentWidget(page.findChild<QWidget*>(u"encryptionTab-scroll"_s));
        QTRY_VERIFY_WITH_TIMEOUT(button->isEnabled() && button->isVisibleTo(&page), 10000);
        QTest::mouseClick(button, Qt::LeftButton);
        CertificateImportDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = page.findChild<CertificateImportDialog*>()) && dialog->isVisible());
        auto* file = dialog->findChild<QLineEdit*>(u"pfxFile"_s);
        auto* password = dialog->findChild<QLineEdit*>(u"pfxPassword"_s);
        auto* fileError = dialog->findChild<QLabel*>(u"pfxFileError"_s);
        auto* passwordError = dialog->findChild<QLabel*>(u"pfxPasswordError"_s);
        auto* result = dialog->findChild<QLabel*>(u"importResult"_s);
        auto* import = dialog->findChild<QPushButton*>(u"importButton"_s);
        QVERIFY(file && password && fileError && passwordError && result && import);
        QCOMPARE(password->echoMode(), QLineEdit::Password);
        QSignalSpy finished(dialog, &CertificateImportDialog::finished);

        QTest::mouseClick(import, Qt::LeftButton); // no file chosen
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY(fileError->isVisible() && !passwordError->isVisible());

        QTest::keyClicks(file, work.path() + u"/server.pfx"_s);
        QTest::keyClicks(password, u"wrong"_s);
        QTest::mouseClick(import, Qt::LeftButton);
        QVERIFY(finished.wait(20000));
        QVERIFY(!finished.last().at(0).toBool());
        QVERIFY2(passwordError->isVisible() && passwordError->text().contains(u"password is wrong"_s),
                 qPrintable(passwordError->text()));
        QVERIFY(!fileError->isVisible());
        const QString certificates = d.paths().instanceDir(kId) + u"/Certificates"_s;
        QVERIFY(!QFile::exists(certificates + u"/server.key"_s));

        password->clear();
        QTest::keyClicks(password, u"right one"_s);
        QTest::mouseClick(import, Qt::LeftButton);
        QVERIFY(finished.wait(20000));
        QVERIFY(finished.last().at(0).toBool());
        QVERIFY(!passwordError->isVisible() && !fileError->isVisible());
        QVERIFY2(result->text().contains(u"localhost"_s) && result->text().contains(u"umgate test CA"_s) &&
                     result->text().contains(u"1 CA certificate"_s) &&
                     result->text().contains(u"server.crt"_s),
                 qPrintable(result->text()));
        QVERIFY2(result->text().contains(u"encryption is off"_s), qPrintable(result->text()));
        struct stat st
        {
        };
        QCOMPARE(::stat(QFile::encodeName(certificates + u"/server.key"_s).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
        QCOMPARE(umgate::test::readAll(certificates + u"/server.crt"_s).count("BEGIN CERTIFICATE"), 2);
    }
};

QTEST_MAIN(TestConsoleDialogs)
#include "tst_console_dialogs.moc"
