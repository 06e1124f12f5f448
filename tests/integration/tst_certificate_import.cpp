// SPDX-License-Identifier: GPL-3.0-or-later
// ixi-UMS 4.2.1.2: the listener's certificate comes as a PKCS#12 file (.pfx/.p12) exported from
// a CA or from Windows. `umgatectl certificate import` installs it as the PEM files named on the
// Encryption tab, and a real TLS client then sees that certificate and can verify its chain.
// A wrong password or another kind of file is a clear error that leaves the old files alone; the
// key file is 0600 and the password appears in no log.
#include "tests/integration/UmgatedProcess.h"

#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QTest>
#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace umgate;
using umgate::test::CtlResult;
using umgate::test::runCtl;
using umgate::test::UmgatedProcess;

namespace {

const QString kInstance = u"MSConnInst1"_s;
const QByteArray kPassword = "Tr0ub4dor&3 pfx";

// The subject CN a TLS client verifying against ca.pem sees after STARTTLS, or the error.
QString startTlsSubject(quint16 port, const QString& caFile)
{
    const char* script = R"(
import smtplib, ssl, sys
ctx = ssl.create_default_context(cafile=sys.argv[2])
ctx.check_hostname = False
with smtplib.SMTP('127.0.0.1', int(sys.argv[1]), timeout=30) as s:
    s.starttls(context=ctx)
    subject = dict(x[0] for x in s.sock.getpeercert()['subject'])
    print(subject['commonName'])
)";
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(u"python3"_s, {u"-c"_s, QString::fromLatin1(script), QString::number(port), caFile});
    if (!p.waitForFinished(40000)) p.kill();
    p.waitForFinished(5000);
    return QString::fromLocal8Bit(p.readAll()).trimmed();
}

QByteArray allLogs(const QString& dataDir)
{
    QByteArray all;
    QDirIterator it(dataDir, {u"*.log"_s, u"*.log.*"_s}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        all += umgate::test::readAll(it.next());
    return all;
}

} // namespace

class TestCertificateImport : public QObject
{
    Q_OBJECT

private slots:
    void importPkcs12ForStartTls()
    {
        QTemporaryDir work;
        QString error;
        QVERIFY2(umgate::test::makeTestCertificates(work.path(), &error), qPrintable(error));
        const QString pass = u"pass:"_s + QString::fromLatin1(kPassword);
        // As a CA or `certmgr` exports it: key, certificate and the CA in one file.
        QVERIFY2(umgate::test::runOpenssl(work.path(),
                                          {u"pkcs12"_s, u"-export"_s, u"-in"_s, u"server.pem"_s, u"-inkey"_s,
                                           u"server.key"_s, u"-certfile"_s, u"ca.pem"_s, u"-name"_s,
                                           u"umgate"_s, u"-passout"_s, pass, u"-out"_s, u"server.p12"_s},
                                          &error),
                 qPrintable(error));
        UmgatedProcess d;
        QVERIFY2(d.start(&error), qPrintable(error));
        const QString p12 = work.path() + u"/server.p12"_s;
        const QString certificates = d.paths().instanceDir(kInstance) + u"/Certificates"_s;

        // A wrong password, a PEM file, standard input as FILE: clear errors, nothing written.
        CtlResult r = runCtl(d.dataDir(), {u"certificate"_s, u"import"_s, kInstance, p12}, "wrong\n");
        QVERIFY2(r.exitCode != 0 && r.err.contains(u"the password is wrong"_s), qPrintable(r.err));
        r = runCtl(d.dataDir(), {u"certificate"_s, u"import"_s, kInstance, work.path() + u"/server.pem"_s},
                   kPassword + '\n');
        QVERIFY2(r.exitCode != 0 && r.err.contains(u"the file is not PKCS#12"_s), qPrintable(r.err));
        r = runCtl(d.dataDir(), {u"certificate"_s, u"import"_s, kInstance, u"-"_s}, kPassword + '\n');
        QVERIFY2(r.exitCode != 0 && r.err.contains(u"standard input gives the password"_s),
                 qPrintable(r.err));
        QVERIFY(!QFile::exists(certificates + u"/server.crt"_s));
        QVERIFY(!QFile::exists(certificates + u"/server.key"_s));

        r = runCtl(d.dataDir(), {u"certificate"_s, u"import"_s, kInstance, p12}, kPassword + '\n');
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(u"imported localhost into server.crt and server.key"_s) &&
                     r.out.contains(u"issuer:  umgate test CA"_s) && r.out.contains(u"chain:   1 CA"_s) &&
                     r.out.contains(u"warning: encryption is off"_s),
                 qPrintable(r.out));
        struct stat st
        {
        };
        QCOMPARE(::stat(QFile::encodeName(certificates + u"/server.key"_s).constData(), &st), 0);
        QCOMPARE(st.st_mode & 0777, 0600u);
        QVERIFY(umgate::test::readAll(certificates + u"/server.key"_s).contains("PRIVATE KEY-----"));
        QCOMPARE(umgate::test::readAll(certificates + u"/server.crt"_s).count("BEGIN CERTIFICATE"), 2);

        // Encryption on with the default file names: a client checking the chain against the CA
        // gets the imported certificate.
        r = runCtl(d.dataDir(),
                   {u"config"_s, u"set"_s, kInstance, u"general.encryption.enabled"_s, u"true"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const quint16 port = umgate::test::listenPortOf(d.dataDir(), kInstance);
        QString subject;
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         subject = startTlsSubject(port, work.path() + u"/ca.pem"_s);
                         return subject == u"localhost"_s;
                     },
                     15000),
                 qPrintable(subject));

        // A renewed certificate replaces the old one for new connections, without a restart.
        QVERIFY2(
            umgate::test::runOpenssl(work.path(),
                                     {u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s,
                                      u"-keyout"_s, u"renewed.key"_s, u"-out"_s, u"renewed.pem"_s, u"-days"_s,
                                      u"2"_s, u"-subj"_s, u"/CN=mail.example.com"_s},
                                     &error) &&
                umgate::test::runOpenssl(work.path(),
                                         {u"pkcs12"_s, u"-export"_s, u"-in"_s, u"renewed.pem"_s, u"-inkey"_s,
                                          u"renewed.key"_s, u"-passout"_s, pass, u"-out"_s, u"renewed.p12"_s},
                                         &error),
            qPrintable(error));
        r = runCtl(d.dataDir(), {u"certificate"_s, u"import"_s, kInstance, work.path() + u"/renewed.p12"_s},
                   kPassword + '\n');
        QVERIFY2(r.exitCode == 0 && r.out.contains(u"chain:   0 CA"_s) && !r.out.contains(u"warning"_s),
                 qPrintable(r.out + r.err));
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         subject = startTlsSubject(port, work.path() + u"/renewed.pem"_s);
                         return subject == u"mail.example.com"_s;
                     },
                     15000),
                 qPrintable(subject));

        // The import is logged (the engine's log), its password nowhere.
        QVERIFY(QTest::qWaitFor(
            [&] { return d.log().contains("certificate imported for the listener: mail.example.com"); },
            5000));
        QVERIFY(!(allLogs(d.dataDir()) + d.log()).contains(kPassword));
    }

    // Windows and older OpenSSL export with RC2 and 3DES (`-legacy`), which OpenSSL 3 reads only
    // through its legacy provider: such a file either imports or is refused with the reason.
    void legacyPkcs12()
    {
        QTemporaryDir work;
        QString error;
        QVERIFY2(umgate::test::makeTestCertificates(work.path(), &error), qPrintable(error));
        QVERIFY2(umgate::test::runOpenssl(work.path(),
                                          {u"pkcs12"_s, u"-export"_s, u"-legacy"_s, u"-in"_s, u"server.pem"_s,
                                           u"-inkey"_s, u"server.key"_s, u"-passout"_s,
                                           u"pass:"_s + QString::fromLatin1(kPassword), u"-out"_s,
                                           u"legacy.p12"_s},
                                          &error),
                 qPrintable(error));
        UmgatedProcess d;
        QVERIFY2(d.start(&error), qPrintable(error));
        const CtlResult r =
            runCtl(d.dataDir(), {u"certificate"_s, u"import"_s, kInstance, work.path() + u"/legacy.p12"_s},
                   kPassword + '\n');
        QVERIFY2(r.exitCode == 0 && r.out.contains(u"imported localhost"_s), qPrintable(r.out + r.err));
    }

    // Files an administrator should not be able to install, each refused with its reason while
    // the engine keeps serving: no key inside, cut short, and key derivation rounds meant to stall
    // the engine's thread.
    void hostilePkcs12()
    {
        QTemporaryDir work;
        QString error;
        QVERIFY2(umgate::test::makeTestCertificates(work.path(), &error), qPrintable(error));
        const QString pass = u"pass:"_s + QString::fromLatin1(kPassword);
        const QStringList base{u"pkcs12"_s, u"-export"_s,    u"-in"_s,      u"server.pem"_s,
                               u"-inkey"_s, u"server.key"_s, u"-passout"_s, pass};
        QVERIFY2(
            umgate::test::runOpenssl(work.path(), base + QStringList{u"-out"_s, u"good.p12"_s}, &error) &&
                umgate::test::runOpenssl(
                    work.path(), base + QStringList{u"-nokeys"_s, u"-out"_s, u"nokey.p12"_s}, &error) &&
                umgate::test::runOpenssl(
                    work.path(),
                    base + QStringList{u"-iter"_s, u"1500000"_s, u"-maciter"_s, u"-out"_s, u"slow.p12"_s},
                    &error),
            qPrintable(error));
        QByteArray good = umgate::test::readAll(work.path() + u"/good.p12"_s);
        QFile cut(work.path() + u"/cut.p12"_s);
        QVERIFY(cut.open(QIODevice::WriteOnly) && cut.write(good.left(good.size() / 2)) > 0);
        cut.close();
        UmgatedProcess d;
        QVERIFY2(d.start(&error), qPrintable(error));
        const auto import = [&](const QString& name) {
            const CtlResult r =
                runCtl(d.dataDir(), {u"certificate"_s, u"import"_s, kInstance, work.path() + u'/' + name},
                       kPassword + '\n');
            return r.exitCode == 0 ? u"ok"_s : r.err;
        };
        QString e = import(u"nokey.p12"_s);
        QVERIFY2(e.contains(u"holds no certificate with its private key"_s), qPrintable(e));
        e = import(u"cut.p12"_s);
        QVERIFY2(e.contains(u"the file is not PKCS#12"_s), qPrintable(e));
        e = import(u"slow.p12"_s);
        QVERIFY2(e.contains(u"1500000 key derivation rounds"_s), qPrintable(e));
        QVERIFY(!QFile::exists(d.paths().instanceDir(kInstance) + u"/Certificates/server.key"_s));
        QCOMPARE(import(u"good.p12"_s), u"ok"_s);
    }
};

QTEST_GUILESS_MAIN(TestCertificateImport)
#include "tst_certificate_import.moc"
