// SPDX-License-Identifier: GPL-3.0-or-later
// RecipientResolver: who gets a message from the telephony side. Report -> the job's sender;
// otherwise subscriber mailbox, then the directory, then the default recipient; a failing
// directory keeps the message or sends it to the default recipient, as configured; one copy per
// (fax format, report language).
#include "engine/delivery/RecipientResolver.h"
#include "engine/directory/DirectoryService.h"
#include "engine/directory/EmbeddedDirectory.h"
#include "engine/directory/LdapClientConfig.h"
#include "engine/directory/SearchTemplate.h"
#include "engine/directory/UmsUserSettings.h"

#include <QFile>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <optional>

using namespace Qt::StringLiterals;
using namespace umgate;

namespace {

const QString kFallback = u"postmaster@example.com"_s;

DirectoryEntry person(const QString& cn, const QString& mail, const QString& fax, const QString& ums = {},
                      const QString& displayName = {})
{
    DirectoryEntry e{u"cn=%1,dc=example,dc=com"_s.arg(cn),
                     {{u"objectClass"_s, {u"inetOrgPerson"_s, u"umsUser"_s}},
                      {u"cn"_s, {cn}},
                      {u"otherFacsimileTelephoneNumber"_s, {fax}}}};
    if (!mail.isEmpty()) e.attributes.insert(u"mail"_s, {mail});
    if (!ums.isEmpty()) e.attributes.insert(u"umsUserData"_s, {ums});
    if (!displayName.isEmpty()) e.attributes.insert(u"displayName"_s, {displayName});
    return e;
}

QString umsData(const QString& faxAs, const QString& language)
{
    UmsUserSettings u;
    u.inboundFaxAs = faxAs;
    u.htmlReportLanguage = language;
    return u.encode();
}

KernelEnvelope fax(const QString& called)
{
    KernelEnvelope e;
    e.id = u"k1"_s;
    e.type = KernelEnvelope::Type::Fax;
    e.calling = u"+49 89 1"_s;
    e.called = called;
    return e;
}

} // namespace

class TstRecipientResolver : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<DirectoryService> m_directory;
    std::unique_ptr<RecipientResolver> m_resolver;

    QString mailboxes() const { return m_dir.filePath(u"mailboxes.json"_s); }

    void useEmbedded(const QList<DirectoryEntry>& people)
    {
        const QString file = m_dir.filePath(u"users.ldif"_s);
        QFile::remove(file);
        {
            EmbeddedDirectory d(file);
            for (const DirectoryEntry& e : people) {
                QString error;
                QVERIFY2(d.upsert(e, &error), qPrintable(error));
            }
        }
        DirectoryService::Settings s;
        s.instanceId = u"t"_s;
        s.userManagementType = UserManagementType::Embedded;
        s.embeddedFile = file;
        s.searchTemplate = SearchTemplate::defaultTemplate(UserManagementType::OpenLdap);
        s.umsAttribute = u"umsUserData"_s;
        s.logEnabled = false;
        m_directory->configure(s, nullptr);
    }

    // A directory server that refuses every connection: a port that was free a moment ago.
    void useDeadLdap()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const int port = probe.serverPort();
        probe.close();
        DirectoryService::Settings s;
        s.instanceId = u"t"_s;
        s.userManagementType = UserManagementType::OpenLdap;
        s.searchTemplate = SearchTemplate::defaultTemplate(UserManagementType::OpenLdap);
        s.umsAttribute = u"umsUserData"_s;
        s.logEnabled = false;
        LdapClientConfig l;
        l.servers << LdapServerConfig{u"127.0.0.1"_s, port, LdapServerConfig::Security::None};
        l.baseDns = {u"dc=example,dc=com"_s};
        l.timeoutMs = 2000;
        m_directory->configure(s, &l);
    }

    void configure(bool ldapErrorToDefault = false)
    {
        m_resolver->configure({u"t"_s, mailboxes(),
                               SettingValues(QJsonObject{{keys::defaultRecipient.name(), kFallback}}),
                               ldapErrorToDefault});
    }

    RecipientResolver::Recipients resolveNow(const KernelEnvelope& e)
    {
        std::optional<RecipientResolver::Recipients> out;
        int calls = 0;
        m_resolver->resolve(e, [&](const RecipientResolver::Recipients& r) {
            ++calls;
            out = r;
        });
        if (!QTest::qWaitFor([&] { return out.has_value(); }, 10000)) qWarning("no answer within 10 s");
        QTest::qWait(20); // a second call would come now
        if (calls > 1) qWarning("done ran %d times", calls);
        if (calls == 1) return *out;
        RecipientResolver::Recipients none;
        none.how = u"no single answer"_s;
        return none;
    }

    void writeMailboxes(const QByteArray& json)
    {
        QFile f(mailboxes());
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(json);
    }

private slots:
    void init()
    {
        QFile::remove(mailboxes());
        m_directory = std::make_unique<DirectoryService>();
        m_resolver = std::make_unique<RecipientResolver>(*m_directory);
        configure();
    }

    void cleanup()
    {
        m_resolver.reset();
        m_directory.reset();
    }

    void directoryUsersWithNamesAndOnceEach()
    {
        useEmbedded({person(u"Anna"_s, u"anna@example.com"_s, u"+49 30 111"_s, {}, u"Anna Muster"_s),
                     person(u"Bert"_s, u"bert@example.com"_s, u"+49 30 111"_s),
                     // The same mailbox twice (an alias entry): one copy.
                     person(u"Anna Alias"_s, u"ANNA@example.com"_s, u"+49 30 111"_s),
                     person(u"Other"_s, u"other@example.com"_s, u"+49 30 999"_s)});
        const auto r = resolveNow(fax(u"+49 30 111"_s));
        QCOMPARE(r.how, u"directory"_s);
        QVERIFY(r.error.isEmpty());
        QVERIFY(!r.retryLater);
        QStringList sorted = r.addresses;
        sorted.sort(Qt::CaseInsensitive);
        QCOMPARE(sorted.size(), 2);
        QCOMPARE(sorted.at(0).toLower(), u"anna@example.com"_s);
        QCOMPARE(sorted.at(1), u"bert@example.com"_s);
        QCOMPARE(r.names.size(), 2);
        QCOMPARE(r.effective.size(), 2);
        // displayName wins over cn.
        const qsizetype bert = r.addresses.indexOf(u"bert@example.com"_s);
        QCOMPARE(r.names.at(bert), u"Bert"_s);
        QVERIFY(r.names.contains(u"Anna Muster"_s) || r.names.contains(u"Anna Alias"_s));
        QVERIFY(!r.filter.isEmpty());
        QCOMPARE(r.server, u"embedded"_s);
    }

    void subscriberMailboxWinsOverDirectory()
    {
        useEmbedded({person(u"Anna"_s, u"anna@example.com"_s, u"+49 30 111"_s)});
        writeMailboxes(R"({"format": "umgate-mailboxes", "version": 1, "mailboxes": [
            {"number": "+49 30 111", "name": "Sales", "email": "sales@example.com"}]})");
        configure();
        const auto r = resolveNow(fax(u"+4930111"_s));
        QCOMPARE(r.addresses, QStringList{u"sales@example.com"_s});
        QCOMPARE(r.names, QStringList{u"Sales"_s});
        QVERIFY(r.how.startsWith(u"subscriber mailbox"_s));
        QVERIFY(r.filter.isEmpty()); // the directory was not asked
    }

    void disabledMailboxFallsThroughToDirectory()
    {
        useEmbedded({person(u"Anna"_s, u"anna@example.com"_s, u"+49 30 111"_s)});
        writeMailboxes(R"({"format": "umgate-mailboxes", "version": 1, "mailboxes": [
            {"number": "+49 30 111", "name": "Sales", "email": "sales@example.com", "enabled": false}]})");
        configure();
        const auto r = resolveNow(fax(u"+49 30 111"_s));
        QCOMPARE(r.addresses, QStringList{u"anna@example.com"_s});
        QCOMPARE(r.how, u"directory"_s);
    }

    void nobodyGoesToDefaultRecipient()
    {
        useEmbedded({person(u"Anna"_s, u"anna@example.com"_s, u"+49 30 111"_s)});
        const auto r = resolveNow(fax(u"+49 30 222"_s));
        QCOMPARE(r.addresses, QStringList{kFallback});
        QCOMPARE(r.how, u"default recipient (nobody has this number)"_s);
        QCOMPARE(r.effective.size(), 1);
    }

    void usersWithoutAddressGoToDefaultRecipient()
    {
        useEmbedded({person(u"NoMail"_s, {}, u"+49 30 333"_s)});
        const auto r = resolveNow(fax(u"+49 30 333"_s));
        QCOMPARE(r.addresses, QStringList{kFallback});
        QCOMPARE(r.how, u"default recipient (the users found have no e-mail address)"_s);
    }

    void directoryErrorKeepsTheMessageByDefault()
    {
        useDeadLdap();
        const auto r = resolveNow(fax(u"+49 30 111"_s));
        QVERIFY(r.retryLater);
        QVERIFY2(r.error.startsWith(u"directory lookup failed: "_s), qPrintable(r.error));
        QVERIFY(r.addresses.isEmpty());
    }

    void directoryErrorToDefaultRecipientWhenConfigured()
    {
        useDeadLdap();
        configure(true);
        const auto r = resolveNow(fax(u"+49 30 111"_s));
        QVERIFY(!r.retryLater);
        QCOMPARE(r.addresses, QStringList{kFallback});
        QVERIFY2(r.how.startsWith(u"default recipient (directory error: "_s), qPrintable(r.how));
    }

    void reportGoesToTheSenderWithTheirLanguage()
    {
        useEmbedded(
            {person(u"Sender"_s, u"sender@example.com"_s, u"+49 30 444"_s, umsData(u"tif"_s, u"de"_s))});
        KernelEnvelope e = fax(u"+49 30 111"_s);
        e.type = KernelEnvelope::Type::Report;
        e.report = QJsonObject{{u"sender"_s, u"sender@example.com"_s}};
        const auto r = resolveNow(e);
        QCOMPARE(r.addresses, QStringList{u"sender@example.com"_s});
        QCOMPARE(r.how, u"report sender"_s);
        QCOMPARE(r.effective.size(), 1);
        QCOMPARE(r.effective.first().value(u"htmlReportLanguage"_s).toString(), u"de"_s);
    }

    void oneCopyPerFormatAndLanguage()
    {
        useEmbedded({person(u"Pdf"_s, u"pdf@example.com"_s, u"+49 30 555"_s, umsData(u"pdf"_s, u"en"_s)),
                     person(u"Tif"_s, u"tif@example.com"_s, u"+49 30 555"_s, umsData(u"tif"_s, u"en"_s)),
                     person(u"Tif De"_s, u"tifde@example.com"_s, u"+49 30 555"_s, umsData(u"tif"_s, u"de"_s)),
                     person(u"Default"_s, u"default@example.com"_s, u"+49 30 555"_s, {}, u"Dee Fault"_s)});
        const auto r = resolveNow(fax(u"+49 30 555"_s));
        QCOMPARE(r.addresses.size(), 4);
        MimeOptions base;
        base.faxFormat = FaxFormat::Pdf;
        base.language = u"en"_s;
        const QList<RecipientResolver::Group> groups = RecipientResolver::groupsFor(r, base);
        // pdf/en (Pdf and Default share it), tif/en, tif/de.
        QCOMPARE(groups.size(), 3);
        QSet<QString> seen;
        for (const RecipientResolver::Group& g : groups) {
            const QString key = u"%1/%2"_s.arg(enumName(g.options.faxFormat), g.options.language);
            QVERIFY2(!seen.contains(key), qPrintable(key));
            seen.insert(key);
            QStringList rec = g.recipients;
            rec.sort();
            if (g.options.faxFormat == FaxFormat::Pdf) {
                QCOMPARE(rec, (QStringList{u"default@example.com"_s, u"pdf@example.com"_s}));
                QCOMPARE(g.options.recipientNames.value(u"default@example.com"_s), u"Dee Fault"_s);
            } else if (g.options.language == u"de"_s) {
                QCOMPARE(rec, QStringList{u"tifde@example.com"_s});
            } else {
                QCOMPARE(rec, QStringList{u"tif@example.com"_s});
            }
        }
    }

    void noAnswerAfterTheResolverIsGone_data()
    {
        QTest::addColumn<bool>("report");
        QTest::newRow("number") << false;
        QTest::newRow("report sender") << true;
    }

    void noAnswerAfterTheResolverIsGone()
    {
        QFETCH(bool, report);
        useDeadLdap();
        KernelEnvelope e = fax(u"+49 30 111"_s);
        if (report) {
            e.type = KernelEnvelope::Type::Report;
            e.report = QJsonObject{{u"sender"_s, u"sender@example.com"_s}};
        }
        int calls = 0;
        m_resolver->resolve(e, [&calls](const RecipientResolver::Recipients&) { ++calls; });
        m_resolver.reset();
        QTest::qWait(2500); // past the directory's answer (refused at once, or its 2 s timeout)
        QCOMPARE(calls, 0);
    }
};

QTEST_GUILESS_MAIN(TstRecipientResolver)
#include "tst_recipientresolver.moc"
