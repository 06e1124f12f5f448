// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/directory/EmbeddedDirectory.h"
#include "engine/directory/LdapFilter.h"
#include "engine/directory/Ldif.h"
#include "engine/directory/PhoneNumber.h"
#include "engine/directory/SearchTemplate.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <optional>

using namespace Qt::StringLiterals;
using namespace umgate;

namespace {

DirectoryEntry person(const QString& dn, const QString& mail, const QStringList& faxes,
                      const QStringList& proxies = {})
{
    DirectoryEntry e{dn,
                     {{u"objectClass"_s, {u"inetOrgPerson"_s, u"umsUser"_s}},
                      {u"cn"_s, {dn.section(u',', 0, 0).mid(3)}},
                      {u"mail"_s, {mail}}}};
    if (!faxes.isEmpty()) e.attributes.insert(u"otherFacsimileTelephoneNumber"_s, faxes);
    if (!proxies.isEmpty()) e.attributes.insert(u"proxyAddresses"_s, proxies);
    return e;
}

const QList<DirectoryEntry> kPeople = {
    person(u"cn=Spaced,ou=sales,dc=example,dc=com"_s, u"spaced@example.com"_s, {u"+49 30 1234568"_s}),
    person(u"cn=Compact,ou=support,dc=example,dc=com"_s, u"compact@example.com"_s, {u"+49301234568"_s}),
    person(u"cn=Other,ou=sales,dc=example,dc=com"_s, u"other@example.com"_s, {u"+49 30 1234569"_s},
           {u"SMTP:Proxy.User@Example.com"_s, u"smtp:alias@example.net"_s, u"IXI:+4940555"_s}),
    person(u"cn=Jürgen Müller,ou=it,dc=example,dc=com"_s, u"juergen@example.com"_s, {u"+49 89 777"_s}),
    person(u"cn=Outside,dc=elsewhere,dc=org"_s, u"outside@elsewhere.org"_s, {u"+49 30 1234568"_s}),
};

DirectorySearchResult searchNow(EmbeddedDirectory& d, const QString& filter, const QStringList& attrs = {})
{
    std::optional<DirectorySearchResult> result;
    d.search(filter, attrs, [&result](const DirectorySearchResult& r) { result = r; });
    if (result) qFatal("the callback ran inside search()");
    if (!QTest::qWaitFor([&result]() { return result.has_value(); }, 5000)) qWarning("no answer within 5 s");
    return result.value_or(DirectorySearchResult{DirectoryError::Other, u"no answer"_s, {}, {}, 0});
}

QStringList dns(const DirectorySearchResult& r)
{
    QStringList out;
    for (const DirectoryEntry& e : r.entries)
        out.append(e.dn.section(u',', 0, 0));
    return out;
}

QString faxFilter(const QString& number)
{
    const auto n = PhoneNumber::parse(number);
    if (!n) return {};
    return SearchTemplate::expand(SearchTemplate::defaultTemplate(UserManagementType::OpenLdap), *n);
}

} // namespace

class TstEmbeddedDirectory : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }

    void fill(EmbeddedDirectory& d)
    {
        for (const DirectoryEntry& e : kPeople) {
            QString error;
            QVERIFY2(d.upsert(e, &error), qPrintable(error));
        }
    }

private slots:
    void createsEmptyFile()
    {
        const QString p = path("sub/dir/users.ldif");
        EmbeddedDirectory d(p);
        QVERIFY(QFile::exists(p));
        QCOMPARE(QFile(p).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup),
                 QFileDevice::Permissions());
        QVERIFY(d.loadError().isEmpty());
        QVERIFY(d.entries().isEmpty());
        QCOMPARE(d.activeServer(), u"embedded"_s);
        const DirectorySearchResult r = searchNow(d, u"(objectClass=*)"_s);
        QVERIFY(r.ok());
        QVERIFY(r.entries.isEmpty());
        QCOMPARE(r.server, u"embedded"_s);
    }

    void searchByFaxNumber()
    {
        EmbeddedDirectory d(path("fax.ldif"));
        fill(d);
        d.setBaseDns({u"dc=example,dc=com"_s});
        for (const QString& number : {u"+49 30 1234568"_s, u"+49301234568"_s, u"0049 (30) 123-4568"_s}) {
            const DirectorySearchResult r = searchNow(d, faxFilter(number));
            QVERIFY2(r.ok(), qPrintable(r.errorText));
            QCOMPARE(dns(r), (QStringList{u"cn=Spaced"_s, u"cn=Compact"_s})); // manual 5.3.3: both get it
        }
        QCOMPARE(dns(searchNow(d, faxFilter(u"+49 40 555"_s))), QStringList{u"cn=Other"_s}); // IXI: proxy
        QVERIFY(searchNow(d, faxFilter(u"+49 30 1234567"_s)).entries.isEmpty());
        // Non-ASCII entries are found and come back intact.
        const DirectorySearchResult j = searchNow(d, faxFilter(u"+49 89 777"_s), {u"cn"_s, u"MAIL"_s});
        QCOMPARE(j.entries.size(), 1);
        QCOMPARE(j.entries.first().value(u"cn"_s), u"Jürgen Müller"_s);
        QCOMPARE(j.entries.first().attributes.size(), 2); // only what was asked for
        QCOMPARE(dns(searchNow(d, u"(cn=jürgen müller)"_s)), QStringList{u"cn=Jürgen Müller"_s});
    }

    void searchBySender()
    {
        EmbeddedDirectory d(path("sender.ldif"));
        fill(d);
        QCOMPARE(dns(searchNow(d, SearchTemplate::forSender(u"SPACED@example.com"_s))),
                 QStringList{u"cn=Spaced"_s});
        // The primary SMTP: proxy address and a secondary smtp: one, in any case.
        QCOMPARE(dns(searchNow(d, SearchTemplate::forSender(u"proxy.user@example.com"_s))),
                 QStringList{u"cn=Other"_s});
        QCOMPARE(dns(searchNow(d, SearchTemplate::forSender(u"ALIAS@example.net"_s))),
                 QStringList{u"cn=Other"_s});
        QVERIFY(searchNow(d, SearchTemplate::forSender(u"nobody@example.com"_s)).entries.isEmpty());
    }

    void injectionFindsNothing()
    {
        EmbeddedDirectory d(path("inject.ldif"));
        fill(d);
        QVERIFY(!PhoneNumber::parse(u"*)(mail=*"_s));
        const QString filter = u"(mail=%1)"_s.arg(LdapFilter::escapeValue(u"*)(mail=*"_s));
        const DirectorySearchResult r = searchNow(d, filter);
        QVERIFY2(r.ok(), qPrintable(r.errorText));
        QVERIFY(r.entries.isEmpty());
        QVERIFY(searchNow(d, SearchTemplate::forSender(u"*"_s)).entries.isEmpty());
        QCOMPARE(searchNow(d, u"(mail=*)"_s).entries.size(), kPeople.size()); // unescaped, for contrast
        const DirectorySearchResult bad = searchNow(d, u"(mail=*)(mail=*)"_s);
        QCOMPARE(bad.error, DirectoryError::Filter);
        QVERIFY2(bad.errorText.contains(u"position 9"_s), qPrintable(bad.errorText));
    }

    void threeBaseDnsInOrder()
    {
        EmbeddedDirectory d(path("bases.ldif"));
        fill(d);
        d.setBaseDns(
            {u"OU=Support, DC=Example, DC=Com"_s, u"ou=sales,dc=example,dc=com"_s, u"dc=elsewhere,dc=org"_s});
        const DirectorySearchResult r = searchNow(d, faxFilter(u"+49 30 1234568"_s));
        QCOMPARE(dns(r), (QStringList{u"cn=Compact"_s, u"cn=Spaced"_s, u"cn=Outside"_s}));
        // Overlapping base DNs give every entry once.
        d.setBaseDns({u"ou=sales,dc=example,dc=com"_s, u"dc=example,dc=com"_s, u"dc=com"_s});
        QCOMPARE(searchNow(d, u"(objectClass=*)"_s).entries.size(), 4);
        // "dc=com" must not match "dc=elsewhere,dc=org"-like suffixes inside a value.
        d.setBaseDns({u"les,dc=example,dc=com"_s});
        QVERIFY(searchNow(d, u"(objectClass=*)"_s).entries.isEmpty());

        d.setBaseDns(
            {u"ou=sales,dc=example,dc=com"_s, u"ou=nowhere,dc=example,dc=com"_s, u"dc=elsewhere,dc=org"_s});
        std::optional<QList<DirectoryServerTest>> tests;
        d.test([&tests](const QList<DirectoryServerTest>& t) { tests = t; });
        QVERIFY(!tests);
        QTRY_VERIFY_WITH_TIMEOUT(tests.has_value(), 5000);
        QCOMPARE(tests->size(), 1);
        const DirectoryServerTest& t = tests->first();
        QCOMPARE(t.server, u"embedded"_s);
        QCOMPARE(t.steps.size(), 3); // stops after the failed base DN
        QCOMPARE(t.steps.at(0).step, u"load"_s);
        QVERIFY(t.steps.at(0).ok);
        QCOMPARE(t.steps.at(1).step, u"baseDn ou=sales,dc=example,dc=com"_s);
        QVERIFY(t.steps.at(1).ok);
        QCOMPARE(t.steps.at(2).step, u"baseDn ou=nowhere,dc=example,dc=com"_s);
        QVERIFY(!t.steps.at(2).ok);
        QVERIFY(!t.ok());
    }

    void replaceAttributePersisted()
    {
        const QString p = path("replace.ldif");
        {
            EmbeddedDirectory d(p);
            fill(d);
            std::optional<std::pair<DirectoryError, QString>> done;
            d.replaceAttribute(u"CN=Spaced, ou=sales,dc=example,dc=com"_s, u"umsUserData"_s,
                               {u"UMS1;fp=national"_s}, [&done](DirectoryError e, const QString& text) {
                                   done = std::pair{e, text};
                               });
            QVERIFY(!done);
            QTRY_VERIFY_WITH_TIMEOUT(done.has_value(), 5000);
            QCOMPARE(done->first, DirectoryError::None);

            done.reset();
            d.replaceAttribute(u"cn=Nobody,dc=example,dc=com"_s, u"umsUserData"_s, {u"x"_s},
                               [&done](DirectoryError e, const QString& text) {
                                   done = std::pair{e, text};
                               });
            QTRY_VERIFY_WITH_TIMEOUT(done.has_value(), 5000);
            QCOMPARE(done->first, DirectoryError::Write);
            QVERIFY(done->second.contains(u"cn=Nobody"_s));
        }
        EmbeddedDirectory again(p);
        const DirectorySearchResult r = searchNow(again, u"(umsUserData=UMS1;fp=national)"_s);
        QCOMPARE(dns(r), QStringList{u"cn=Spaced"_s});
        QFile f(p);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("umsUserData: UMS1;fp=national\n"));
    }

    void upsertAndRemove()
    {
        const QString p = path("crud.ldif");
        EmbeddedDirectory d(p);
        fill(d);
        QString error;
        DirectoryEntry changed = kPeople.first();
        changed.attributes[u"mail"_s] = {u"new@example.com"_s};
        QVERIFY(d.upsert(changed, &error));
        QCOMPARE(d.entries().size(), kPeople.size());
        QCOMPARE(d.entries().first().value(u"mail"_s), u"new@example.com"_s); // position kept
        QVERIFY(!d.upsert({QString(), {}}, &error));
        QVERIFY(!d.upsert({u"cn=x"_s, {{u"bad name"_s, {u"x"_s}}}}, &error));
        QVERIFY(d.remove(u"cn=compact,OU=support,dc=example,dc=com"_s, &error));
        QVERIFY(!d.remove(u"cn=compact,ou=support,dc=example,dc=com"_s, &error));
        QVERIFY(error.contains(u"no entry"_s));
        EmbeddedDirectory reread(p);
        QCOMPARE(reread.entries().size(), kPeople.size() - 1);
        QCOMPARE(reread.entries(), d.entries());
    }

    void reloadsWhenEditedOnDisk()
    {
        const QString p = path("edited.ldif");
        EmbeddedDirectory d(p);
        fill(d);
        QCOMPARE(searchNow(d, u"(objectClass=*)"_s).entries.size(), kPeople.size());
        QFile f(p);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(
            Ldif::write({person(u"cn=Hand,dc=example,dc=com"_s, u"hand@example.com"_s, {u"+1 555 0100"_s})}));
        f.close();
        QCOMPARE(dns(searchNow(d, faxFilter(u"+1 555 0100"_s))), QStringList{u"cn=Hand"_s});
    }

    void corruptFileGivesClearError()
    {
        const QString p = path("corrupt.ldif");
        QFile f(p);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("version: 1\n\ndn: cn=a,dc=example,dc=com\ncn: a\nthis line is broken\n");
        f.close();
        EmbeddedDirectory d(p);
        QVERIFY2(d.loadError().contains(u"line 5"_s), qPrintable(d.loadError()));
        QVERIFY(d.loadError().contains(p));
        const DirectorySearchResult r = searchNow(d, u"(objectClass=*)"_s);
        QCOMPARE(r.error, DirectoryError::Other);
        QVERIFY2(r.errorText.contains(u"line 5"_s), qPrintable(r.errorText));
        QString error;
        QVERIFY(!d.upsert(kPeople.first(), &error)); // never overwrites what the admin is editing
        QVERIFY(error.contains(u"line 5"_s));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("this line is broken"));
        f.close();
        std::optional<QList<DirectoryServerTest>> tests;
        d.test([&tests](const QList<DirectoryServerTest>& t) { tests = t; });
        QTRY_VERIFY_WITH_TIMEOUT(tests.has_value(), 5000);
        QCOMPARE(tests->first().steps.size(), 1);
        QVERIFY(!tests->first().ok());
        QVERIFY(tests->first().steps.first().detail.contains(u"line 5"_s));
    }
};

QTEST_GUILESS_MAIN(TstEmbeddedDirectory)
#include "tst_embeddeddirectory.moc"
