// SPDX-License-Identifier: GPL-3.0-or-later
// The directory through the engine's RPC channel, on the embedded directory a fresh install uses:
// number -> every user with it, sender -> user, injection, the LDAP search log, UMS settings.
#include "UmgatedProcess.h"
#include "engine/client/RpcProtocol.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace umgate;
using umgate::test::UmgatedProcess;

namespace {
const QByteArray kUsers =
    "dn: uid=alice,ou=people,dc=example,dc=com\n"
    "objectClass: inetOrgPerson\ncn: Alice\nsn: A\nuid: alice\nmail: alice@example.com\n"
    "otherFacsimileTelephoneNumber: +49 30 1234568\n\n"
    "dn: uid=bob,ou=people,dc=example,dc=com\n"
    "objectClass: inetOrgPerson\ncn: Bob\nsn: B\nuid: bob\n"
    "proxyAddresses: SMTP:bob@example.com\nproxyAddresses: smtp:robert@example.com\n"
    "otherFacsimileTelephoneNumber: +49301234568\n"
    "extensionAttribute1: UMS2;fp=national;new=x\n";

class Rpc
{
public:
    bool open(const UmgatedProcess& d)
    {
        m_socket.connectToServer(d.paths().socketFile());
        if (!m_socket.waitForConnected(5000)) return false;
        return call(QStringLiteral("rpc.version"), {{QStringLiteral("token"), d.cookie()}})
            .contains(QStringLiteral("result"));
    }
    QJsonObject call(const QString& method, const QJsonObject& params)
    {
        m_socket.write(rpc::requestLine(++m_id, method, params) + '\n');
        QDeadlineTimer deadline(15000);
        while (!m_socket.canReadLine() && !deadline.hasExpired())
            m_socket.waitForReadyRead(100);
        return QJsonDocument::fromJson(m_socket.readLine()).object();
    }
    QJsonObject result(const QString& method, const QJsonObject& params)
    {
        return call(method, params).value(QStringLiteral("result")).toObject();
    }

private:
    QLocalSocket m_socket;
    qint64 m_id = 0;
};
} // namespace

class TstDirectoryRpc : public QObject
{
    Q_OBJECT
private slots:
    void embeddedDirectoryResolvesNumbersAndSenders()
    {
        UmgatedProcess d;
        QString error;
        QVERIFY2(d.start(&error), qPrintable(error));
        QFile f(d.paths().instanceDirectoryFile(QStringLiteral("MSConnInst1")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kUsers);
        f.close();
        Rpc c;
        QVERIFY(c.open(d));
        const QString id = QStringLiteral("MSConnInst1");

        // Two users share the number (ixi-UMS 5.1.5 allows it): both receive the message.
        QJsonObject r = c.result(
            QStringLiteral("directory.lookup"),
            {{QStringLiteral("id"), id}, {QStringLiteral("number"), QStringLiteral("+49 30 1234568")}});
        QStringList addresses;
        for (const auto& v : r.value(QStringLiteral("addresses")).toArray())
            addresses << v.toString();
        addresses.sort();
        QCOMPARE(addresses,
                 (QStringList{QStringLiteral("alice@example.com"), QStringLiteral("bob@example.com")}));
        QCOMPARE(r.value(QStringLiteral("server")).toString(), QStringLiteral("embedded"));
        QVERIFY(r.value(QStringLiteral("filter")).toString().contains(QStringLiteral("+49301234568")));
        // The same number without spaces is the same number; the second answer comes from the cache.
        r = c.result(
            QStringLiteral("directory.lookup"),
            {{QStringLiteral("id"), id}, {QStringLiteral("number"), QStringLiteral("+49 30 1234568")}});
        QVERIFY(r.value(QStringLiteral("fromCache")).toBool());
        // The cache knows the number, not its spelling.
        r = c.result(
            QStringLiteral("directory.lookup"),
            {{QStringLiteral("id"), id}, {QStringLiteral("number"), QStringLiteral("+49 (30) 123-4568")}});
        QVERIFY(r.value(QStringLiteral("fromCache")).toBool());
        QCOMPARE(r.value(QStringLiteral("addresses")).toArray().size(), 2);

        // Injection: not a number, so no search happens at all.
        r = c.result(QStringLiteral("directory.lookup"),
                     {{QStringLiteral("id"), id}, {QStringLiteral("number"), QStringLiteral("*)(mail=*")}});
        QVERIFY(!r.value(QStringLiteral("error")).toString().isEmpty());
        QCOMPARE(r.value(QStringLiteral("entries")).toArray().size(), 0);
        r = c.result(QStringLiteral("directory.lookup"),
                     {{QStringLiteral("id"), id}, {QStringLiteral("sender"), QStringLiteral("*)(mail=*")}});
        QCOMPARE(r.value(QStringLiteral("entries")).toArray().size(), 0);

        // Sender by an smtp: alias, case-insensitive.
        r = c.result(
            QStringLiteral("directory.lookup"),
            {{QStringLiteral("id"), id}, {QStringLiteral("sender"), QStringLiteral("ROBERT@example.com")}});
        QCOMPARE(r.value(QStringLiteral("addresses")).toArray().first().toString(),
                 QStringLiteral("bob@example.com"));

        // UMS settings in the configured attribute, written and read back.
        const QString alice = QStringLiteral("uid=alice,ou=people,dc=example,dc=com");
        r = c.result(QStringLiteral("user.set"),
                     {{QStringLiteral("id"), id},
                      {QStringLiteral("dn"), alice},
                      {QStringLiteral("settings"),
                       QJsonObject{{QStringLiteral("faxPermission"), QStringLiteral("national")}}}});
        QVERIFY2(!r.isEmpty(), "user.set failed");
        r = c.result(QStringLiteral("user.get"), {{QStringLiteral("id"), id}, {QStringLiteral("dn"), alice}});
        QCOMPARE(
            r.value(QStringLiteral("settings")).toObject().value(QStringLiteral("faxPermission")).toString(),
            QStringLiteral("national"));
        QFile ldif(d.paths().instanceDirectoryFile(id));
        QVERIFY(ldif.open(QIODevice::ReadOnly));
        QVERIFY(ldif.readAll().contains("UMS1"));

        // The LDAP search log says what was searched and that two users share the number.
        // The log is written from the engine's event loop within 100 ms of the lookup.
        const QString logFile = d.paths().instanceDir(id) + QStringLiteral("/Logs/LdapSearch.log");
        QTRY_VERIFY_WITH_TIMEOUT(umgate::test::readAll(logFile).contains("share this number"), 5000);
        const QByteArray text = umgate::test::readAll(logFile);
        QVERIFY(text.contains("filter="));

        // Bob's settings were written by a newer version: they are not overwritten (nothing lost).
        const QJsonObject refused =
            c.call(QStringLiteral("user.set"),
                   {{QStringLiteral("id"), id},
                    {QStringLiteral("dn"), QStringLiteral("uid=bob,ou=people,dc=example,dc=com")},
                    {QStringLiteral("settings"), QJsonObject{{QStringLiteral("vip"), true}}}});
        QCOMPARE(refused.value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toInt(),
                 int(rpc::ErrorCode::Conflict));

        // The same through umgatectl, as an administrator runs it.
        const umgate::test::CtlResult ctl =
            umgate::test::runCtl(d.dataDir(), {QStringLiteral("directory"), QStringLiteral("lookup"), id,
                                               QStringLiteral("--number"), QStringLiteral("+49301234568")});
        QCOMPARE(ctl.exitCode, 0);
        QVERIFY2(ctl.out.contains(QStringLiteral("server:  embedded")) &&
                     ctl.out.contains(QStringLiteral("address: bob@example.com")),
                 qPrintable(ctl.out));
        const umgate::test::CtlResult bad =
            umgate::test::runCtl(d.dataDir(), {QStringLiteral("user"), QStringLiteral("set"), id, alice,
                                               QStringLiteral("faxPermission"), QStringLiteral("galactic")});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY(bad.err.contains(QStringLiteral("galactic")));

        const QJsonObject t = c.result(QStringLiteral("directory.test"), {{QStringLiteral("id"), id}});
        QVERIFY(t.value(QStringLiteral("servers"))
                    .toArray()
                    .first()
                    .toObject()
                    .value(QStringLiteral("ok"))
                    .toBool());
    }
};

QTEST_GUILESS_MAIN(TstDirectoryRpc)
#include "tst_directory_rpc.moc"
