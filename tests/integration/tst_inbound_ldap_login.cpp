// SPDX-License-Identifier: GPL-3.0-or-later
// ixi-UMS 4.2.1.1 with logins checked against the directory: a real umgated whose instance uses
// the slapd fixture, a real SMTP client (Python's smtplib) logging in to its listener. The user's
// entry is found by the login filter and bound with the password; the job records who logged in.
// The attacks: a wrong password, an empty one (an unauthenticated bind would "succeed"), filter
// metacharacters in the name, a name that matches several entries, CRAM-MD5 (a bind needs the
// password itself), and a directory that cannot answer (454, not 535).
#include "tests/FixtureEnv.h"
#include "tests/integration/UmgatedProcess.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace umgate;
using umgate::test::CtlResult;
using umgate::test::runCtl;
using umgate::test::UmgatedProcess;

namespace {

const QString kId = u"MSConnInst1"_s;

// Logs in with smtplib after STARTTLS and, when that worked, sends one mail to a fax number
// from argv[5] (default: Anna). Prints "login <code>" or "login <code> <text>", then "sent" when
// the mail went or "refused <code> <text>" when it did not.
const char* kLogin = R"(
import base64, smtplib, ssl, sys
port, user, password, mechanism = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
sender = sys.argv[5] if len(sys.argv) > 5 else 'anna.schmidt@example.com'
with smtplib.SMTP('127.0.0.1', port, timeout=30) as s:
    s.starttls(context=ssl._create_unverified_context())
    s.ehlo('mx.example.com')
    if mechanism == 'features':
        print('auth', s.esmtp_features.get('auth', '').strip())
        sys.exit(0)
    if mechanism == 'raw-plain':  # no smtplib checks: the exact PLAIN response given
        code, text = s.docmd('AUTH', 'PLAIN ' + base64.b64encode(('\0' + user + '\0' + password).encode()).decode())
    else:
        s.user, s.password = user, password
        try:
            code, text = s.auth(mechanism, getattr(s, 'auth_' + mechanism.lower()))
        except smtplib.SMTPAuthenticationError as e:
            code, text = e.smtp_code, e.smtp_error
    print('login', code, text.decode())
    if code == 235:
        try:
            s.sendmail(sender, ['+4930123456@fax.localhost'], 'Subject: by anna\r\n\r\nx\r\n')
            print('sent')
        except smtplib.SMTPDataError as e:
            print('refused', e.smtp_code, e.smtp_error.decode())
)";

} // namespace

class TestInboundLdapLogin : public QObject
{
    Q_OBJECT

    QHash<QString, QString> m_env;
    UmgatedProcess m_daemon;

    QString env(const char* key) const { return m_env.value(QString::fromLatin1(key)); }

    QString set(const QString& key, const QString& value)
    {
        const CtlResult r = runCtl(m_daemon.dataDir(), {u"config"_s, u"set"_s, kId, key, value});
        return r.exitCode == 0 ? QString() : r.err + r.out;
    }

    QString login(const QString& user, const QString& password, const QString& mechanism = u"PLAIN"_s,
                  const QString& sender = u"anna.schmidt@example.com"_s)
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(u"python3"_s, {u"-c"_s, QString::fromLatin1(kLogin),
                               QString::number(umgate::test::listenPortOf(m_daemon.dataDir(), kId)), user,
                               password, mechanism, sender});
        if (!p.waitForFinished(60000)) p.kill();
        p.waitForFinished(5000);
        return QString::fromUtf8(p.readAll()).trimmed();
    }

    QStringList warnings()
    {
        const CtlResult r = runCtl(m_daemon.dataDir(), {u"--json"_s, u"status"_s});
        for (const auto& v : QJsonDocument::fromJson(r.out.toUtf8()).object().value(u"instances"_s).toArray())
            if (v.toObject().value(u"id"_s).toString() == kId) {
                QStringList out;
                for (const auto& w : v.toObject().value(u"warnings"_s).toArray())
                    out << w.toString();
                return out;
            }
        return {u"no instance in the status"_s};
    }

    QString outgoing() const { return m_daemon.paths().instanceDir(kId) + u"/Kernel/Outgoing"_s; }

private slots:
    void initTestCase()
    {
        m_env = umgate::test::fixtureEnv(u"slapd"_s);
        QVERIFY2(!m_env.isEmpty(), "the slapd fixture did not run: run this test through ctest");
        for (const char* key : {"LDAP1_PORT", "LDAP_CA", "LDAP_BASE"})
            QVERIFY2(!env(key).isEmpty(), key);
        QString error;
        QVERIFY2(m_daemon.start(&error), qPrintable(error));
        const QString certificates = umgate::test::makeInstanceCertificates(m_daemon, kId, &error);
        QVERIFY2(!certificates.isEmpty(), qPrintable(error));
        QVERIFY(QFile::copy(env("LDAP_CA"), certificates + u"/ldap-ca.pem"_s));
        QCOMPARE(set(u"general.authentication.directory"_s, u"true"_s), QString());
        // The embedded directory has no passwords: the status says no login can work.
        QTRY_VERIFY_WITH_TIMEOUT(
            warnings().join(u'\n').contains(u"the embedded directory holds no passwords"_s), 10000);
        for (const auto& [key, value] :
             {std::pair{u"ldap.baseDn.entries"_s, uR"(["%1"])"_s.arg(env("LDAP_BASE"))},
              std::pair{u"ldap.connection.caCertificate"_s, u"ldap-ca.pem"_s},
              std::pair{
                  u"ldap.connection.servers"_s,
                  uR"([{"host":"127.0.0.1","port":%1,"security":"startTls"}])"_s.arg(env("LDAP1_PORT"))},
              std::pair{u"ldap.userManagement.type"_s, u"openLdap"_s},
              std::pair{u"general.authentication.cramMd5"_s, u"true"_s}})
            QCOMPARE(set(key, value), QString());
        // PLAIN and LOGIN only inside TLS: without encryption nobody could log in, and it says so.
        QTRY_VERIFY_WITH_TIMEOUT(warnings().join(u'\n').contains(u"only offered with encryption"_s), 10000);
        for (const auto& [key, value] : {std::pair{u"general.encryption.certificate"_s, u"server.pem"_s},
                                         std::pair{u"general.encryption.key"_s, u"server.key"_s},
                                         std::pair{u"general.encryption.enabled"_s, u"true"_s}})
            QCOMPARE(set(key, value), QString());
        QTRY_COMPARE_WITH_TIMEOUT(warnings(), QStringList(), 10000);
    }

    void loginByUidOrMailBindsAsTheUser()
    {
        QString out = login(u"anna.schmidt"_s, u"anna-secret"_s);
        QVERIFY2(out.startsWith(u"login 235"_s) && out.endsWith(u"sent"_s), qPrintable(out));
        out = login(u"anna.schmidt@example.com"_s, u"anna-secret"_s, u"LOGIN"_s);
        QVERIFY2(out.startsWith(u"login 235"_s) && out.endsWith(u"sent"_s), qPrintable(out));
        // The job says who logged in: the name given.
        bool found = false;
        for (const QString& name : QDir(outgoing()).entryList({u"*.json"_s}, QDir::Files)) {
            const QJsonObject job =
                QJsonDocument::fromJson(umgate::test::readAll(outgoing() + u'/' + name)).object();
            found = found || job.value(u"authenticatedUser"_s).toString() == u"anna.schmidt@example.com"_s;
        }
        QVERIFY(found);
        const QByteArray log = umgate::test::readAll(
            Paths::instanceLogFileIn(m_daemon.paths().instanceDir(kId), Paths::InstanceLog::SmtpConnection));
        QVERIFY2(
            log.contains("authenticated as anna.schmidt (PLAIN, directory entry uid=anna.schmidt,ou=sales"),
            log.right(2000).constData());
        QVERIFY(!log.contains("anna-secret"));
    }

    // Cisco Unity: a client that logged in as a directory user sends as that user (any of the
    // entry's addresses, proxy aliases included), or the mail is refused with 550 5.7.1.
    void senderMustBeTheLoggedInUser()
    {
        QString out = login(u"anna.schmidt"_s, u"anna-secret"_s, u"PLAIN"_s, u"anna@example.com"_s);
        QVERIFY2(out.endsWith(u"sent"_s), qPrintable(out));
        out = login(u"anna.schmidt"_s, u"anna-secret"_s, u"PLAIN"_s, u"juergen.mueller@example.com"_s);
        QVERIFY2(
            out.endsWith(u"refused 550 5.7.1 <juergen.mueller@example.com> is not an address of the user who "
                         u"logged in"_s),
            qPrintable(out));
        out = login(u"anna.schmidt"_s, u"anna-secret"_s, u"PLAIN"_s, u"stranger@example.net"_s);
        QVERIFY2(out.endsWith(u"refused 550 5.7.1 <stranger@example.net> is not an address of the user who "
                              u"logged in"_s),
                 qPrintable(out));
        // Configurable per instance: then Jürgen's own rights apply, and strangers are unknown.
        QCOMPARE(set(u"general.authentication.senderMustMatch"_s, u"false"_s), QString());
        out = login(u"anna.schmidt"_s, u"anna-secret"_s, u"PLAIN"_s, u"juergen.mueller@example.com"_s);
        QVERIFY2(out.endsWith(u"sent"_s), qPrintable(out));
        out = login(u"anna.schmidt"_s, u"anna-secret"_s, u"PLAIN"_s, u"stranger@example.net"_s);
        QVERIFY2(out.contains(u"refused 550 5.7.1 <stranger@example.net> is not known to the fax gateway"_s),
                 qPrintable(out));
        QCOMPARE(set(u"general.authentication.senderMustMatch"_s, u"true"_s), QString());
    }

    void wrongEmptyAndHostileLoginsAreRefused()
    {
        QString out = login(u"anna.schmidt"_s, u"wrong"_s);
        QVERIFY2(out.startsWith(u"login 535"_s), qPrintable(out));
        // An empty password would be an unauthenticated bind, which LDAP servers accept.
        out = login(u"anna.schmidt"_s, QString(), u"raw-plain"_s);
        QVERIFY2(out.startsWith(u"login 535"_s) || out.startsWith(u"login 501"_s), qPrintable(out));
        // Filter metacharacters are escaped: "*" is a name, not a wildcard.
        out = login(u"*"_s, u"anna-secret"_s);
        QVERIFY2(out.startsWith(u"login 535"_s), qPrintable(out));
        out = login(u"anna.schmidt)(uid=*"_s, u"anna-secret"_s);
        QVERIFY2(out.startsWith(u"login 535"_s), qPrintable(out));
        // CRAM-MD5 is not offered although allowed: a bind needs the password itself.
        out = login(QString(), QString(), u"features"_s);
        QVERIFY2(out.contains(u"PLAIN"_s) && !out.contains(u"CRAM-MD5"_s), qPrintable(out));
        // A filter that matches several entries refuses rather than guesses.
        QCOMPARE(set(u"general.authentication.directoryFilter"_s,
                     u"(|(uid=${USER})(objectClass=inetOrgPerson))"_s),
                 QString());
        out = login(u"anna.schmidt"_s, u"anna-secret"_s);
        QVERIFY2(out.startsWith(u"login 535"_s), qPrintable(out));
        QVERIFY(QTest::qWaitFor(
            [&] { return m_daemon.log().contains("the login is refused rather than guessed"); }, 5000));
        QCOMPARE(set(u"general.authentication.directoryFilter"_s, u"(a=b)"_s).contains(u"${USER}"_s), true);
        QCOMPARE(
            set(u"general.authentication.directoryFilter"_s, u"(uid=${USER}"_s).contains(u"not a valid"_s),
            true);
        QCOMPARE(set(u"general.authentication.directoryFilter"_s, u"(uid=${USER})"_s), QString());
        QVERIFY(!m_daemon.log().contains("anna-secret"));
    }

    // No server answers: the mail server is told to try again later (454), not that the password
    // is wrong (535), so it neither bounces mail nor locks the account.
    void directoryDownIsATemporaryFailure()
    {
        QCOMPARE(
            set(u"ldap.connection.servers"_s,
                uR"([{"host":"127.0.0.1","port":%1,"security":"none"}])"_s.arg(UmgatedProcess::freePort())),
            QString());
        QString out;
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         out = login(u"anna.schmidt"_s, u"anna-secret"_s);
                         return out.startsWith(u"login 454 4.7.0"_s);
                     },
                     20000),
                 qPrintable(out));
        QVERIFY(QTest::qWaitFor(
            [&] { return m_daemon.log().contains("not checked, the directory cannot answer"); }, 5000));
    }
};

QTEST_GUILESS_MAIN(TestInboundLdapLogin)
#include "tst_inbound_ldap_login.moc"
