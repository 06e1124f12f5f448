// SPDX-License-Identifier: GPL-3.0-or-later
// Which server a recipient's mail goes to (Avaya sender list, ixi-UMS mail server) and the
// local Maildir store.
#include "engine/delivery/MailRoutes.h"
#include "engine/delivery/MaildirStore.h"
#include "engine/delivery/SubscriberMailboxes.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QTest>

using namespace umgate;
using namespace Qt::StringLiterals;

class TstMailRoutes : public QObject
{
    Q_OBJECT
private slots:
    void subscriberMailboxesParseAndMatch()
    {
        QString error;
        const auto ok = SubscriberMailboxes::parse(R"({"format":"umgate-mailboxes","version":1,"mailboxes":[
            {"number":"+49 89 7654321","name":"Sales","email":"sales@example.com"}]})",
                                                   &error);
        QVERIFY2(ok, qPrintable(error));
        QCOMPARE(ok->size(), 1);
        const auto bad = [&](const QByteArray& mailboxes, const QString& why) {
            QString e;
            const bool parsed =
                SubscriberMailboxes::parse(
                    R"({"format":"umgate-mailboxes","version":1,"mailboxes":)" + mailboxes + "}", &e)
                    .has_value();
            return !parsed && e.contains(why);
        };
        QVERIFY(bad(R"([{"number":"12","email":"a@example.com"}])", u"mailbox 1: number"_s));
        QVERIFY(bad(
            R"([{"number":"+49 89 1","email":"a@example.com"},{"number":"+49 89 2","email":"x\r\nBcc: y"}])",
            u"mailbox 2: email"_s));
        QVERIFY(bad(
            R"([{"number":"+49 89 1","email":"a@example.com"},{"number":"0049891","email":"b@example.com"}])",
            u"already belongs to mailbox 1"_s));

        QTemporaryDir dir;
        const QString path = dir.filePath(u"mailboxes.json"_s);
        SubscriberMailboxes table(path);
        table.refresh();
        QCOMPARE(table.size(), 0); // no file: an empty table
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"format":"umgate-mailboxes","version":1,"mailboxes":[
            {"number":"+49 89 7654321","name":"Sales","email":"sales@example.com"},
            {"number":"+49 89 1111111","name":"Off","email":"off@example.com","enabled":false}]})");
        f.close();
        SubscriberMailboxes fresh(path);
        fresh.refresh(&error);
        QCOMPARE(fresh.size(), 2);
        QCOMPARE(fresh.find(u"0049 (89) 765-4321"_s)->email, u"sales@example.com"_s);
        QVERIFY(!fresh.find(u"+49 89 1111111"_s)); // disabled
        QVERIFY(!fresh.find(u"+49 89 9999999"_s));
        QVERIFY(!fresh.find(u"not a number"_s));
    }

    void mailServerWithoutSenderList()
    {
        QVERIFY(MailRoutes::fromSettings(SettingValues()).isEmpty());
        const MailRoutes r =
            MailRoutes::fromSettings(SettingValues({{u"mailSystem.general.server"_s, u"mx.example.com"_s},
                                                    {u"mailSystem.general.port"_s, 587},
                                                    {u"mailSystem.authentication.user"_s, u"ums"_s}}));
        const MailRoute* m = r.forRecipient(u"anna@example.com"_s);
        QVERIFY(m);
        QCOMPARE(m->host, u"mx.example.com"_s);
        QCOMPARE(m->port, 587);
        QCOMPARE(m->user, u"ums"_s);
        QCOMPARE(m->passwordKey, u"mailSystem.authentication.password"_s);
    }

    // Cisco Unity's smart host: its own server, else the default route without its sender
    // identifier (relayed mail keeps its sender); nothing while relaying is off.
    void smartHost()
    {
        const QJsonObject base{{u"mailSystem.general.server"_s, u"mx.example.com"_s},
                               {u"mailSystem.authentication.user"_s, u"ums"_s}};
        QVERIFY(!MailRoutes::fromSettings(SettingValues(base)).smartHost());
        QJsonObject relay = base;
        relay.insert(u"general.relay.unknownRecipients"_s, u"smartHost"_s);
        const MailRoutes viaMailServer = MailRoutes::fromSettings(SettingValues(relay));
        QVERIFY(viaMailServer.smartHost());
        QCOMPARE(viaMailServer.smartHost()->host, u"mx.example.com"_s);
        QCOMPARE(viaMailServer.smartHost()->user, u"ums"_s);
        relay.insert(u"general.relay.smartHost"_s, u"relay.example.net"_s);
        relay.insert(u"general.relay.port"_s, 587);
        const MailRoutes own = MailRoutes::fromSettings(SettingValues(relay));
        QCOMPARE(own.smartHost()->host, u"relay.example.net"_s);
        QCOMPARE(own.smartHost()->port, 587);
        QVERIFY(own.smartHost()->user.isEmpty());
        QCOMPARE(own.forRecipient(u"a@example.com"_s)->host, u"mx.example.com"_s); // the others unchanged
        const QJsonArray senders{QJsonObject{{u"mailDomain"_s, u"example.com"_s},
                                             {u"server"_s, u"relay.example.com"_s},
                                             {u"senderIdentifier"_s, u"vm@example.com"_s}}};
        const MailRoutes list =
            MailRoutes::fromSettings(SettingValues({{u"systemPreferences.email.senders"_s, senders},
                                                    {u"general.relay.unknownRecipients"_s, u"smartHost"_s}}));
        QCOMPARE(list.smartHost()->host, u"relay.example.com"_s);
        QVERIFY(list.smartHost()->senderIdentifier.isEmpty());
        QVERIFY(
            !MailRoutes::fromSettings(SettingValues({{u"general.relay.unknownRecipients"_s, u"smartHost"_s}}))
                 .smartHost());
    }

    void senderListRoutesByDomain()
    {
        const QJsonArray senders{
            QJsonObject{{u"mailDomain"_s, u"example.com"_s}, {u"server"_s, u"relay.example.com"_s}},
            QJsonObject{{u"mailDomain"_s, u"partner.org"_s},
                        {u"id"_s, u"e1partner"_s},
                        {u"server"_s, u"smtp.partner.org"_s},
                        {u"port"_s, 2525},
                        {u"senderIdentifier"_s, u"vm@example.com"_s},
                        {u"requiresAuthentication"_s, true},
                        {u"account"_s, u"vm"_s},
                        {u"cramMd5"_s, true}},
            QJsonObject{{u"mailDomain"_s, u"eu.partner.org"_s}, {u"server"_s, u"eu.partner.org"_s}}};
        const MailRoutes r =
            MailRoutes::fromSettings(SettingValues({{u"systemPreferences.email.senders"_s, senders},
                                                    {u"mailSystem.general.server"_s, u"ignored"_s}}));
        QCOMPARE(r.forRecipient(u"anna@example.com"_s)->host, u"relay.example.com"_s);
        QCOMPARE(r.forRecipient(u"x@elsewhere.net"_s)->host, u"relay.example.com"_s); // the default
        const MailRoute* p = r.forRecipient(u"Bob@Sales.Partner.ORG"_s);
        QCOMPARE(p->host, u"smtp.partner.org"_s);
        QCOMPARE(p->port, 2525);
        QVERIFY(p->cramMd5);
        QCOMPARE(p->senderIdentifier, u"vm@example.com"_s);
        QCOMPARE(p->passwordKey, u"systemPreferences.email.senders[e1partner].password"_s);
        // The most specific domain wins.
        QCOMPARE(r.forRecipient(u"c@eu.partner.org"_s)->host, u"eu.partner.org"_s);
        // A look-alike domain is not a subdomain.
        QCOMPARE(r.forRecipient(u"d@notpartner.org"_s)->host, u"relay.example.com"_s);
    }

    // The spool file is removed after the store: a crash in between delivers the same kernel
    // message again, which must find the first copy instead of storing a second.
    void maildirDeliverOnceIsIdempotent()
    {
        QTemporaryDir root;
        const MaildirStore store(root.path());
        const QDateTime t = QDateTime::fromSecsSinceEpoch(1790000000, Qt::UTC);
        QString error;
        const QString first =
            store.deliverOnce(u"anna@example.com"_s, "Subject: x\r\n\r\nbody\r\n", u"k1/0"_s, t, &error);
        QVERIFY2(!first.isEmpty(), qPrintable(error));
        QVERIFY(first.contains(u"/new/1790000000.K"_s));
        QCOMPARE(store.deliverOnce(u"anna@example.com"_s, "Subject: x\r\n\r\nbody\r\n", u"k1/0"_s, t, &error),
                 first);
        const QString box = store.maildirOf(u"anna@example.com"_s);
        QCOMPARE(QDir(box + u"/new"_s).entryList(QDir::Files).size(), 1);
        // A mail client read it meanwhile: still found.
        const QString read = box + u"/cur/"_s + QFileInfo(first).fileName() + u":2,S"_s;
        QVERIFY(QFile::rename(first, read));
        QCOMPARE(store.deliverOnce(u"anna@example.com"_s, "x", u"k1/0"_s, t, &error), read);
        QCOMPARE(QDir(box + u"/new"_s).entryList(QDir::Files).size(), 0);
        // Another key is another message.
        QVERIFY(!store.deliverOnce(u"anna@example.com"_s, "y", u"k2"_s, t, &error).isEmpty());
        QCOMPARE(QDir(box + u"/new"_s).entryList(QDir::Files).size(), 1);
        QVERIFY(QDir(box + u"/tmp"_s).entryList(QDir::Files).isEmpty());
    }

    void maildirDeliversDurablyIntoNew()
    {
        QTemporaryDir dir;
        MaildirStore store(dir.filePath(u"Maildir"_s));
        QString error;
        const QByteArray mail = "Subject: x\r\n\r\nbody\r\n";
        const QString path = store.deliver(u"Anna@Example.com"_s, mail, &error);
        QVERIFY2(!path.isEmpty(), qPrintable(error));
        QVERIFY(path.contains(u"/anna@example.com/new/"_s));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), mail);
        QVERIFY(QDir(store.maildirOf(u"anna@example.com"_s) + u"/tmp"_s).isEmpty());
        QVERIFY(QDir(store.maildirOf(u"anna@example.com"_s) + u"/cur"_s).exists());
        const QString second = store.deliver(u"anna@example.com"_s, mail, &error);
        QVERIFY(!second.isEmpty() && second != path);
        for (const QString& bad :
             {u"../../etc@x"_s, u"a/b@c"_s, u"no-at-sign"_s, u".hidden@x"_s, u"a b@c"_s}) {
            QVERIFY2(store.deliver(bad, mail, &error).isEmpty(), qPrintable(bad));
            QVERIFY(!error.isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(TstMailRoutes)
#include "tst_mailroutes.moc"
