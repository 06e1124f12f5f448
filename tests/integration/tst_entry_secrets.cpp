// SPDX-License-Identifier: GPL-3.0-or-later
// Issue 10: passwords of sender list entries follow their entry, not its position. A real
// umgated sends a test message through a real aiosmtpd that checks the password (AUTH), so the
// test sees which password the server actually received after entries were moved, deleted and
// inserted, and after secrets stored by position were migrated.
#include "UmgatedProcess.h"
#include "tests/FixtureEnv.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
namespace test = umgate::test;
using umgate::test::CtlResult;
using umgate::test::runCtl;
using umgate::test::UmgatedProcess;

namespace {
const QString kId = u"MSConnInst1"_s;
const QString kSenders = u"systemPreferences.email.senders"_s;
const QByteArray kUsers = "dn: uid=anna,ou=people,dc=example,dc=com\n"
                          "objectClass: inetOrgPerson\ncn: Anna\nsn: M\nuid: anna\n"
                          "mail: anna@example.com\notherFacsimileTelephoneNumber: +49 89 7654321\n";
const QString kWrong = u"wrong-password-of-A"_s;

QString secretPath(const QString& entryId)
{
    return u"%1/%2[%3].password"_s.arg(kId, kSenders, entryId);
}
} // namespace

class TstEntrySecrets : public QObject
{
    Q_OBJECT

    QHash<QString, QString> m_env;
    QString env(const char* key) const { return m_env.value(QString::fromLatin1(key)); }

    bool set(const UmgatedProcess& d, const QString& key, const QString& value)
    {
        const CtlResult r = runCtl(d.dataDir(), {u"config"_s, u"set"_s, kId, key, value});
        if (r.exitCode != 0) qWarning("config set %s: %s", qPrintable(key), qPrintable(r.err + r.out));
        return r.exitCode == 0;
    }

    bool setSenders(const UmgatedProcess& d, const QJsonArray& entries)
    {
        const CtlResult r = runCtl(d.dataDir(), {u"config"_s, u"set"_s, kId, kSenders, u"-"_s},
                                   QJsonDocument(entries).toJson(QJsonDocument::Compact));
        if (r.exitCode != 0) qWarning("senders: %s", qPrintable(r.err + r.out));
        return r.exitCode == 0;
    }

    // The list as a console sees it: ids, and passwords as {"secret": true, "set": bool}.
    QJsonArray senders(const UmgatedProcess& d)
    {
        const CtlResult r = runCtl(d.dataDir(), {u"--json"_s, u"config"_s, u"get"_s, kId, kSenders});
        return QJsonDocument::fromJson(r.out.toUtf8())
            .object()
            .value(u"values"_s)
            .toObject()
            .value(kSenders)
            .toArray();
    }

    // Send Test Message to anna@example.com: no entry serves example.com, so the default (first)
    // sender takes it.
    bool delivered(const UmgatedProcess& d)
    {
        const CtlResult r =
            runCtl(d.dataDir(), {u"test-message"_s, kId, u"--type"_s, u"sms"_s, u"--calling"_s,
                                 u"+49 30 1234567"_s, u"--called"_s, u"+49 89 7654321"_s});
        const bool ok = r.out.contains(u"outcome: delivered"_s);
        if (!ok) qInfo("test message not delivered: %s", qPrintable(r.out + r.err));
        return ok;
    }

    QJsonObject storedSecrets(const UmgatedProcess& d)
    {
        return QJsonDocument::fromJson(test::readAll(d.paths().secretsFile()))
            .object()
            .value(u"secrets"_s)
            .toObject();
    }

    // A sender on the aiosmtpd listener that checks AUTH; no password field unless given.
    QJsonObject senderEntry(const QString& domain, const QString& password = {})
    {
        QJsonObject o{{u"mailDomain"_s, domain},
                      {u"server"_s, u"127.0.0.1"_s},
                      {u"port"_s, env("AIOSMTPD_PORT").toInt()},
                      {u"requiresAuthentication"_s, true},
                      {u"account"_s, env("AIOSMTPD_USER")}};
        if (!password.isEmpty()) o.insert(u"password"_s, password);
        return o;
    }

    bool startConfigured(UmgatedProcess& d)
    {
        QString error;
        if (!d.start(&error)) {
            qWarning("%s", qPrintable(error));
            return false;
        }
        QFile users(d.paths().instanceDirectoryFile(kId));
        if (!users.open(QIODevice::WriteOnly)) return false;
        users.write(kUsers);
        users.close();
        // The Mail System server is required but unused: a non-empty sender list routes.
        return set(d, u"mailSystem.general.server"_s, u"127.0.0.1"_s) &&
               set(d, u"mailSystem.general.port"_s, env("AIOSMTPD_NOAUTH_PORT")) &&
               set(d, u"mailSystem.general.defaultRecipient"_s, u"postmaster@example.com"_s) &&
               set(d, u"mailSystem.template.mailDomain"_s, u"example.com"_s) &&
               set(d, u"mailSystem.messageStore.mode"_s, u"mailServer"_s) &&
               // The AUTH listener offers no STARTTLS; the default (opportunistic) would rightly keep
               // every password back, and this test is about which password goes where.
               set(d, u"mailSystem.encryption.mode"_s, u"none"_s);
    }

private slots:
    void initTestCase()
    {
        m_env = test::fixtureEnv(u"aiosmtpd"_s);
        QVERIFY(!env("AIOSMTPD_PORT").isEmpty());
        QVERIFY(!env("AIOSMTPD_PASSWORD").isEmpty());
    }

    void passwordsFollowTheirEntryThroughMoveDeleteAndInsert()
    {
        UmgatedProcess d;
        QVERIFY(startConfigured(d));
        const QString right = env("AIOSMTPD_PASSWORD");
        QVERIFY(setSenders(d, {senderEntry(u"other.net"_s, kWrong), senderEntry(u"partner.org"_s, right)}));
        QVERIFY2(!delivered(d), "the server must refuse A's wrong password");

        QJsonArray list = senders(d);
        QCOMPARE(list.size(), 2);
        const QString idA = list.at(0).toObject().value(u"id"_s).toString();
        const QString idB = list.at(1).toObject().value(u"id"_s).toString();
        QVERIFY(!idA.isEmpty() && !idB.isEmpty() && idA != idB);
        QCOMPARE(storedSecrets(d).value(secretPath(idA)).toString(), kWrong);
        QCOMPARE(storedSecrets(d).value(secretPath(idB)).toString(), right);

        // Move B up (a console sends the entries back with their ids and secret markers).
        QVERIFY(setSenders(d, {list.at(1), list.at(0)}));
        QVERIFY2(delivered(d), "B is the default now and must send B's password");
        // And back: A's wrong password is A's again.
        QVERIFY(setSenders(d, {list.at(0), list.at(1)}));
        QVERIFY(!delivered(d));

        // Delete A: B becomes the first entry and keeps its own password, never A's.
        QVERIFY(setSenders(d, {list.at(1)}));
        QVERIFY2(delivered(d), "after deleting A, B must send B's password");
        QVERIFY(!storedSecrets(d).contains(secretPath(idA)));
        QCOMPARE(senders(d).at(0).toObject().value(u"id"_s).toString(), idB);

        // Insert C before B without a password: C gets none (not B's), B keeps its own.
        list = senders(d);
        QVERIFY(setSenders(d, {senderEntry(u"third.net"_s), list.at(0)}));
        QVERIFY2(!delivered(d), "C has no password and must not get B's");
        list = senders(d);
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(1).toObject().value(u"id"_s).toString(), idB);
        QCOMPARE(list.at(0).toObject().value(u"password"_s).toObject().value(u"set"_s).toBool(), false);
        QCOMPARE(list.at(1).toObject().value(u"password"_s).toObject().value(u"set"_s).toBool(), true);
        const QString idC = list.at(0).toObject().value(u"id"_s).toString();
        QVERIFY(!storedSecrets(d).contains(secretPath(idC)));

        // An entry sent with an id nobody had before gets no secret from a marker either.
        QJsonObject stranger = senderEntry(u"fresh.net"_s);
        stranger.insert(u"id"_s, u"fresh-id"_s);
        stranger.insert(u"password"_s, QJsonObject{{u"secret"_s, true}, {u"set"_s, true}});
        QVERIFY(setSenders(d, {stranger, list.at(1)}));
        QCOMPARE(senders(d).at(0).toObject().value(u"password"_s).toObject().value(u"set"_s).toBool(), false);
        QVERIFY(!storedSecrets(d).contains(secretPath(idC))); // C was removed with its entry
    }

    // A data dir from before the ids: secrets stored as senders[0] / senders[1]. The engine
    // gives the entries ids, moves each secret to its entry's id once, and deleting an entry
    // afterwards does not shift passwords.
    void positionalSecretsAreMigratedOnce()
    {
        UmgatedProcess d;
        QVERIFY(startConfigured(d));
        d.stop();
        const QString right = env("AIOSMTPD_PASSWORD");
        const QString file = d.paths().instanceConfigFile(kId);
        QJsonObject root = QJsonDocument::fromJson(test::readAll(file)).object();
        QJsonObject settings = root.value(u"settings"_s).toObject();
        settings.insert(kSenders, QJsonArray{senderEntry(u"other.net"_s), senderEntry(u"partner.org"_s)});
        root.insert(u"settings"_s, settings);
        root.insert(u"secretsSet"_s, QJsonArray{kSenders + u"[0].password"_s, kSenders + u"[1].password"_s});
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QJsonDocument(root).toJson());
        f.close();
        const QJsonObject secrets{
            {u"format"_s, u"umgate-secrets"_s},
            {u"version"_s, 1},
            {u"secrets"_s, QJsonObject{{u"%1/%2[0].password"_s.arg(kId, kSenders), kWrong},
                                       {u"%1/%2[1].password"_s.arg(kId, kSenders), right}}}};
        QFile s(d.paths().secretsFile());
        QVERIFY(s.open(QIODevice::WriteOnly | QIODevice::Truncate));
        QVERIFY(s.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
        s.write(QJsonDocument(secrets).toJson());
        s.close();

        QString error;
        QVERIFY2(d.start(&error), qPrintable(error));
        const QJsonArray list = senders(d);
        QCOMPARE(list.size(), 2);
        const QString idA = list.at(0).toObject().value(u"id"_s).toString();
        const QString idB = list.at(1).toObject().value(u"id"_s).toString();
        QVERIFY(!idA.isEmpty() && !idB.isEmpty());
        QJsonObject stored = storedSecrets(d);
        QCOMPARE(stored.value(secretPath(idA)).toString(), kWrong);
        QCOMPARE(stored.value(secretPath(idB)).toString(), right);
        QVERIFY(!stored.contains(u"%1/%2[0].password"_s.arg(kId, kSenders)));
        QVERIFY(!stored.contains(u"%1/%2[1].password"_s.arg(kId, kSenders)));
        const QByteArray config = test::readAll(file);
        QVERIFY2(!config.contains("[0].password"), config.constData());
        QVERIFY(config.contains(idA.toUtf8()));

        // Once: a restart finds nothing to move and keeps the ids.
        d.stop();
        QVERIFY2(d.start(&error), qPrintable(error));
        QCOMPARE(senders(d), list);
        QCOMPARE(storedSecrets(d), stored);

        // The first entry's deletion leaves B with its own password.
        QVERIFY(setSenders(d, {list.at(1)}));
        QVERIFY2(delivered(d), "after the migration B must still send B's password");
    }
};

QTEST_GUILESS_MAIN(TstEntrySecrets)
#include "tst_entry_secrets.moc"
