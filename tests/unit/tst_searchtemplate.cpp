// SPDX-License-Identifier: GPL-3.0-or-later
// The default search templates agree with the directories they are for, and the numbers the
// console shows for a user (SearchTemplate::routingNumbers) are exactly those a look-up finds the
// user by.
#include "engine/directory/EmbeddedDirectory.h"
#include "engine/directory/LdapFilter.h"
#include "engine/directory/PhoneNumber.h"
#include "engine/directory/SearchTemplate.h"

#include <QTemporaryDir>
#include <QTest>
#include <optional>

using namespace Qt::StringLiterals;
using namespace umgate;

namespace {

DirectoryEntry user(const QString& uid, const QMap<QString, QStringList>& numbers)
{
    DirectoryEntry e{u"uid=%1,dc=example,dc=com"_s.arg(uid),
                     {{u"objectClass"_s, {u"inetOrgPerson"_s}}, {u"uid"_s, {uid}}, {u"cn"_s, {uid}}}};
    for (auto it = numbers.begin(); it != numbers.end(); ++it)
        e.attributes.insert(it.key(), it.value());
    return e;
}

// Every way the manual assigns a UMS number (ixi-UMS 5.1.5), one user each, plus values that
// are no numbers and a user without any.
const QList<DirectoryEntry> kUsers = {
    user(u"fax"_s, {{u"facsimileTelephoneNumber"_s, {u"+49 30 1000001"_s}}}),
    user(u"other"_s, {{u"otherFacsimileTelephoneNumber"_s, {u"+49301000002"_s, u"+49 30 1000003"_s}}}),
    user(u"ixi"_s, {{u"proxyAddresses"_s, {u"SMTP:ixi@example.com"_s, u"IXI:+49301000004"_s}}}),
    user(u"ixispaced"_s, {{u"proxyAddresses"_s, {u"ixi:+49 30 1000005"_s}}}),
    user(u"office"_s, {{u"OfficeFAXPhoneNumber"_s, {u"+49 30 1000006"_s}}}),
    user(u"junk"_s, {{u"facsimileTelephoneNumber"_s, {u"call reception"_s}},
                     {u"proxyAddresses"_s, {u"X400:c=DE;a= ;p=Example"_s}}}),
    user(u"nobody"_s, {}),
};

// The users a look-up of `number` finds with `tmpl`, matched the way the embedded directory does.
QStringList lookup(const QString& tmpl, const QString& number)
{
    const std::optional<PhoneNumber> n = PhoneNumber::parse(number);
    if (!n) return {u"(not a number: %1)"_s.arg(number)};
    const std::optional<LdapFilter> f = LdapFilter::parse(SearchTemplate::expand(tmpl, *n));
    if (!f) return {u"(template does not parse)"_s};
    QStringList found;
    for (const DirectoryEntry& e : kUsers)
        if (f->matches(e)) found << e.attributes.value(u"uid"_s).value(0);
    return found;
}

} // namespace

class TstSearchTemplate : public QObject
{
    Q_OBJECT
private slots:
    // The embedded directory compares facsimileTelephoneNumber like a telephone number (it is not
    // OpenLDAP, whose stock schema gives it no equality rule), so its default template must ask
    // for it: the console's user editor and the manual (5.1.5, "Standard Fax Attribute") put the
    // number there.
    void embeddedDefaultFindsTheStandardFaxAttribute()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        EmbeddedDirectory d(dir.filePath(u"users.ldif"_s));
        for (const DirectoryEntry& e : kUsers)
            QVERIFY(d.upsert(e));
        const QString tmpl = SearchTemplate::defaultTemplate(UserManagementType::Embedded);
        for (const QString& number : {u"+49 30 1000001"_s, u"+49301000001"_s}) {
            std::optional<DirectorySearchResult> result;
            d.search(SearchTemplate::expand(tmpl, *PhoneNumber::parse(number)), {},
                     [&result](const DirectorySearchResult& r) { result = r; });
            QVERIFY(QTest::qWaitFor([&result] { return result.has_value(); }, 5000));
            QVERIFY(result->ok());
            QCOMPARE(result->entries.size(), 1);
            QCOMPARE(result->entries.first().dn, u"uid=fax,dc=example,dc=com"_s);
        }
    }

    void numberAttributes()
    {
        QCOMPARE(
            SearchTemplate::numberAttributes(SearchTemplate::defaultTemplate(UserManagementType::Embedded)),
            (QStringList{u"proxyAddresses"_s, u"otherFacsimileTelephoneNumber"_s,
                         u"facsimileTelephoneNumber"_s}));
        QCOMPARE(
            SearchTemplate::numberAttributes(SearchTemplate::defaultTemplate(UserManagementType::OpenLdap)),
            (QStringList{u"otherFacsimileTelephoneNumber"_s, u"proxyAddresses"_s}));
        // Terms that do not compare with the number are not number attributes.
        QCOMPARE(SearchTemplate::numberAttributes(u"(&(objectClass=person)(|(pager=${UMS})(mail=x)))"_s),
                 QStringList{u"pager"_s});
        QVERIFY(SearchTemplate::numberAttributes(u"(broken"_s).isEmpty());
    }

    void routingNumbers_data()
    {
        QTest::addColumn<QString>("tmpl");
        for (const EnumName<UserManagementType>& type : enumNames(UserManagementType{}))
            QTest::newRow(type.name) << SearchTemplate::defaultTemplate(type.value);
        QTest::newRow("custom, conditions besides the number")
            << u"(&(objectClass=inetOrgPerson)(|(facsimileTelephoneNumber=${UMS})(proxyAddresses=IXI:${UMS}_wHTSPC)))"_s;
    }

    // Every number shown for a user finds that user and nobody else; every number a look-up finds a
    // user by is shown for that user.
    void routingNumbers()
    {
        QFETCH(QString, tmpl);
        QStringList everyNumber;
        for (const DirectoryEntry& e : kUsers)
            for (auto it = e.attributes.begin(); it != e.attributes.end(); ++it)
                for (const QString& v : it.value())
                    everyNumber << v.section(u':', -1);
        for (const DirectoryEntry& e : kUsers) {
            const QString uid = e.attributes.value(u"uid"_s).value(0);
            const QStringList shown = SearchTemplate::routingNumbers(tmpl, e);
            for (const QString& number : shown)
                QVERIFY2(lookup(tmpl, number) == QStringList{uid},
                         qPrintable(u"%1 shown for %2 finds %3"_s.arg(number, uid,
                                                                      lookup(tmpl, number).join(u','))));
            for (const QString& number : everyNumber) {
                if (!PhoneNumber::parse(number) || !lookup(tmpl, number).contains(uid)) continue;
                bool listed = false;
                for (const QString& s : shown)
                    listed = listed || *PhoneNumber::parse(s) == *PhoneNumber::parse(number);
                QVERIFY2(listed, qPrintable(u"%1 finds %2 but is not shown"_s.arg(number, uid)));
            }
        }
    }

    void routingNumbersPerType()
    {
        const auto shown = [](UserManagementType type, const QString& uid) {
            for (const DirectoryEntry& e : kUsers)
                if (e.attributes.value(u"uid"_s).value(0) == uid)
                    return SearchTemplate::routingNumbers(SearchTemplate::defaultTemplate(type), e);
            return QStringList{};
        };
        // As the directory spells them, prefix removed, each number once.
        QCOMPARE(shown(UserManagementType::Embedded, u"fax"_s), QStringList{u"+49 30 1000001"_s});
        QCOMPARE(shown(UserManagementType::Embedded, u"other"_s),
                 (QStringList{u"+49301000002"_s, u"+49 30 1000003"_s}));
        QCOMPARE(shown(UserManagementType::Embedded, u"ixi"_s), QStringList{u"+49301000004"_s});
        QCOMPARE(shown(UserManagementType::Embedded, u"ixispaced"_s), QStringList{u"+49 30 1000005"_s});
        QVERIFY(shown(UserManagementType::Embedded, u"office"_s).isEmpty());
        QVERIFY(shown(UserManagementType::Embedded, u"junk"_s).isEmpty());
        QVERIFY(shown(UserManagementType::Embedded, u"nobody"_s).isEmpty());
        // OpenLDAP cannot match facsimileTelephoneNumber, so its template does not ask, and the
        // console does not show it as a number of the user.
        QVERIFY(shown(UserManagementType::OpenLdap, u"fax"_s).isEmpty());
        QCOMPARE(shown(UserManagementType::OpenLdap, u"ixi"_s), QStringList{u"+49301000004"_s});
        QCOMPARE(shown(UserManagementType::Domino, u"office"_s), QStringList{u"+49 30 1000006"_s});
        QVERIFY(shown(UserManagementType::Domino, u"ixi"_s).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstSearchTemplate)
#include "tst_searchtemplate.moc"
