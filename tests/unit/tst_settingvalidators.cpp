// SPDX-License-Identifier: GPL-3.0-or-later
// The validators shared by the settings table, Misc Setup, import and the console
// (engine/config/SettingValidators): what each accepts and the reason for what it refuses.
#include "engine/config/SettingValidators.h"
#include "engine/directory/SearchTemplate.h"

#include <QTest>
#include <ldap.h>

using namespace umgate;
using namespace Qt::StringLiterals;

namespace {

// Templates the validator accepts; libldap must accept them too (see acceptedFiltersParseInLibldap).
QList<std::pair<const char*, QString>> goodFilterTemplates()
{
    return {
        {"active directory", SearchTemplate::defaultTemplate(UserManagementType::ActiveDirectory)},
        {"domino", SearchTemplate::defaultTemplate(UserManagementType::Domino)},
        {"openldap", SearchTemplate::defaultTemplate(UserManagementType::OpenLdap)},
        {"simple", u"(facsimileTelephoneNumber=${UMS})"_s},
        {"and not", u"(&(objectClass=person)(!(mail=x))(fax=${UMS}))"_s},
        {"approx ge le", u"(&(cn~=a)(uid>=${UMS})(uid<=b))"_s},
        {"present", u"(&(mail=*)(fax=${UMS}))"_s},
        {"substring", u"(|(fax=*${UMS}_wHTSPC)(fax=${UMS}*)(fax=a*${UMS}*b))"_s},
        {"escaped", u"(cn=\\28x\\29\\2a\\5c ${UMS})"_s},
        {"option", u"(description;lang-de=${UMS})"_s},
        {"numeric oid", u"(2.5.4.23=${UMS})"_s},
        {"extensible", u"(fax:caseExactMatch:=${UMS})"_s},
        {"extensible dn", u"(ou:dn:=${UMS})"_s},
        {"extensible no attr", u"(:dn:2.5.13.5:=${UMS})"_s},
        {"non-ascii value", u"(cn=Jürgen ${UMS})"_s},
        {"empty value", u"(&(cn=)(fax=${UMS}))"_s},
    };
}

// libldap has no public parse-only call, but ldap_search_ext() encodes (parses) the filter before
// it connects. The ldapi socket below does not exist, so a valid filter fails with a connect
// error and never touches the network; only a bad filter gives LDAP_FILTER_ERROR.
int libldapSearchResult(const QString& filter)
{
    LDAP* ld = nullptr;
    if (ldap_initialize(&ld, "ldapi://%2Fnonexistent%2Fumgate-tst-settingsschema.sock") != LDAP_SUCCESS)
        return -1000;
    int version = LDAP_VERSION3;
    ldap_set_option(ld, LDAP_OPT_PROTOCOL_VERSION, &version);
    int msgid = 0;
    const QByteArray f = filter.toUtf8();
    const int rc = ldap_search_ext(ld, "dc=example,dc=com", LDAP_SCOPE_SUBTREE, f.constData(), nullptr, 0,
                                   nullptr, nullptr, nullptr, 0, &msgid);
    ldap_unbind_ext_s(ld, nullptr, nullptr);
    return rc;
}

QString substituteSample(QString filter)
{
    return filter.replace(u"${UMS}_wHTSPC"_s, u"4981424799123"_s).replace(u"${UMS}"_s, u"+49 30"_s);
}

} // namespace

class TestSettingValidators : public QObject
{
    Q_OBJECT

private slots:
    void port();
    void ipAddress_data();
    void ipAddress();
    void ipAddressOrNetwork_data();
    void ipAddressOrNetwork();
    void relayClient_data();
    void relayClient();
    void host_data();
    void host();
    void email_data();
    void email();
    void senderTemplate_data();
    void senderTemplate();
    void ldapFilter_data();
    void ldapFilter();
    void ldapFilterPosition();
    void acceptedFiltersParseInLibldap();
    void distinguishedName_data();
    void distinguishedName();
    void attributeName_data();
    void attributeName();
    void instanceId_data();
    void instanceId();
    void phonePattern_data();
    void phonePattern();
};

void TestSettingValidators::port()
{
    QVERIFY(validators::port(1).isEmpty());
    QVERIFY(validators::port(25).isEmpty());
    QVERIFY(validators::port(65535).isEmpty());
    QVERIFY(!validators::port(0).isEmpty());
    QVERIFY(!validators::port(-1).isEmpty());
    QVERIFY(validators::port(65536).contains(u"65536"_s));
}

void TestSettingValidators::ipAddress_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("ok");
    QTest::newRow("v4") << u"10.10.10.101"_s << true;
    QTest::newRow("v4 any") << u"0.0.0.0"_s << true;
    QTest::newRow("v6 loopback") << u"::1"_s << true;
    QTest::newRow("v6 full") << u"2001:db8:0:0:0:0:0:1"_s << true;
    QTest::newRow("v6 mapped") << u"::ffff:192.0.2.1"_s << true;
    QTest::newRow("octet 256") << u"10.0.0.256"_s << false;
    QTest::newRow("three octets") << u"10.0.1"_s << false;
    QTest::newRow("leading zero") << u"010.0.0.1"_s << false;
    QTest::newRow("trailing dot") << u"10.0.0.1."_s << false;
    QTest::newRow("host name") << u"localhost"_s << false;
    QTest::newRow("v6 bad") << u"2001:db8::g"_s << false;
    QTest::newRow("v6 two ::") << u"1::2::3"_s << false;
    QTest::newRow("v6 brackets") << u"[::1]"_s << false;
    QTest::newRow("crlf") << u"127.0.0.1\r\n"_s << false;
    QTest::newRow("space") << u" 127.0.0.1"_s << false;
    QTest::newRow("injection") << u"127.0.0.1;rm -rf /"_s << false;
    QTest::newRow("non-ascii digits") << u"١٢٧.0.0.1"_s << false;
    QTest::newRow("empty") << QString() << false;
}

void TestSettingValidators::ipAddress()
{
    QFETCH(QString, value);
    QFETCH(bool, ok);
    const QString r = validators::ipAddress(value, false);
    QVERIFY2(r.isEmpty() == ok, qPrintable(value + u" -> "_s + r));
    QVERIFY(validators::ipAddress(QString(), true).isEmpty());
    QVERIFY(!r.contains(u'\n') && !r.contains(u'\r'));
}

void TestSettingValidators::ipAddressOrNetwork_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("ok");
    QTest::newRow("address") << u"10.1.2.3"_s << true;
    QTest::newRow("v4 network") << u"10.0.0.0/8"_s << true;
    QTest::newRow("v4 /32") << u"192.0.2.1/32"_s << true;
    QTest::newRow("v6 network") << u"2001:db8::/32"_s << true;
    QTest::newRow("v6 everything") << u"::/0"_s << true;
    QTest::newRow("v4 /33") << u"10.0.0.0/33"_s << false;
    QTest::newRow("v6 /129") << u"2001:db8::/129"_s << false;
    QTest::newRow("no length") << u"10.0.0.0/"_s << false;
    QTest::newRow("plus") << u"10.0.0.0/+8"_s << false;
    QTest::newRow("space") << u"10.0.0.0/ 8"_s << false;
    QTest::newRow("no address") << u"/8"_s << false;
    QTest::newRow("bad address") << u"10.0.0/8"_s << false;
    QTest::newRow("two slashes") << u"10.0.0.0/8/8"_s << false;
}

void TestSettingValidators::ipAddressOrNetwork()
{
    QFETCH(QString, value);
    QFETCH(bool, ok);
    const QString r = validators::ipAddressOrNetwork(value, false);
    QVERIFY2(r.isEmpty() == ok, qPrintable(value + u" -> "_s + r));
}

// Relay clients: any list of them leaves the Internet out (no open relay by configuration).
void TestSettingValidators::relayClient_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("ok");
    QTest::newRow("one public address") << u"198.51.100.7"_s << true;
    QTest::newRow("public /24") << u"198.51.100.0/24"_s << true;
    QTest::newRow("private /8") << u"10.0.0.0/8"_s << true;
    QTest::newRow("private /12") << u"172.16.0.0/12"_s << true;
    QTest::newRow("private /16") << u"192.168.0.0/16"_s << true;
    QTest::newRow("loopback") << u"127.0.0.0/8"_s << true;
    QTest::newRow("v6 ULA") << u"fd00::/8"_s << true;
    QTest::newRow("v6 /56") << u"2001:db8:1:100::/56"_s << true;
    QTest::newRow("v6 one address") << u"2001:db8::25"_s << true;
    QTest::newRow("everything v4") << u"0.0.0.0/0"_s << false;
    QTest::newRow("everything v6") << u"::/0"_s << false;
    QTest::newRow("half the Internet") << u"0.0.0.0/1"_s << false;
    QTest::newRow("other half") << u"128.0.0.0/1"_s << false;
    QTest::newRow("private /8 widened") << u"10.0.0.0/7"_s << false;
    QTest::newRow("public /16") << u"198.51.0.0/16"_s << false;
    QTest::newRow("v6 /48") << u"2001:db8::/48"_s << false;
    QTest::newRow("v4-mapped everything") << u"::ffff:0:0/96"_s << false;
    QTest::newRow("NAT64 everything") << u"64:ff9b::/96"_s << false;
    QTest::newRow("NAT64 /120") << u"64:ff9b::c633:6400/120"_s << true;
    QTest::newRow("not a network") << u"10.0.0.0/33"_s << false;
    QTest::newRow("empty") << QString() << false;
}

void TestSettingValidators::relayClient()
{
    QFETCH(QString, value);
    QFETCH(bool, ok);
    const QString r = validators::relayClient(value);
    QVERIFY2(r.isEmpty() == ok, qPrintable(value + u" -> "_s + r));
    if (!ok && value.contains(u'/') && !value.endsWith(u"/33"_s))
        QVERIFY2(r.contains(u"open relay"_s), qPrintable(r));
}

void TestSettingValidators::host_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("ok");
    QTest::newRow("simple") << u"mail"_s << true;
    QTest::newRow("fqdn") << u"mail.example.com"_s << true;
    QTest::newRow("fqdn root dot") << u"mail.example.com."_s << true;
    QTest::newRow("digits in label") << u"mx1.1und1.de"_s << true;
    QTest::newRow("ipv4") << u"192.0.2.10"_s << true;
    QTest::newRow("ipv6") << u"fe80::1"_s << true;
    QTest::newRow("punycode") << u"xn--mller-kva.de"_s << true;
    QTest::newRow("umlaut") << u"müller.de"_s << false;
    QTest::newRow("underscore") << u"mail_server"_s << false;
    QTest::newRow("double dot") << u"a..b"_s << false;
    QTest::newRow("leading hyphen") << u"-a.example"_s << false;
    QTest::newRow("trailing hyphen") << u"a-.example"_s << false;
    QTest::newRow("long label") << QString(64, u'a') + u".com"_s << false;
    QTest::newRow("too long") << (QString(60, u'a') + u'.').repeated(5) + u"com"_s << false;
    QTest::newRow("bad ipv4") << u"999.1.1.1"_s << false;
    QTest::newRow("url") << u"smtp://mail"_s << false;
    QTest::newRow("with port") << u"mail:25"_s << false;
    QTest::newRow("crlf") << u"mail\r\nRCPT TO:<x@y>"_s << false;
    QTest::newRow("space") << u"mail server"_s << false;
    QTest::newRow("shell") << u"$(reboot)"_s << false;
}

void TestSettingValidators::host()
{
    QFETCH(QString, value);
    QFETCH(bool, ok);
    const QString r = validators::host(value, false);
    QVERIFY2(r.isEmpty() == ok, qPrintable(value + u" -> "_s + r));
    QVERIFY(!validators::host(QString(), false).isEmpty());
    QVERIFY(validators::host(QString(), true).isEmpty());
    if (value == u"müller.de"_s) QVERIFY2(r.contains(u"xn--mller-kva.de"_s), qPrintable(r));
}

void TestSettingValidators::email_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("ok");
    QTest::newRow("plain") << u"admin@domain.net"_s << true;
    QTest::newRow("localhost") << u"postmaster@localhost"_s << true;
    QTest::newRow("plus dots") << u"first.last+fax@sub.domain.net"_s << true;
    QTest::newRow("atext") << u"o'brien!#$%&*=?^_`{|}~-@example.org"_s << true;
    QTest::newRow("literal v4") << u"user@[192.0.2.1]"_s << true;
    QTest::newRow("literal v6") << u"user@[IPv6:2001:db8::1]"_s << true;
    QTest::newRow("local 64") << QString(64, u'a') + u"@example.com"_s << true;
    QTest::newRow("total 254") << QString(64, u'a') + u'@' + QString(63, u'b') + u'.' + QString(63, u'c') +
                                      u'.' + QString(58, u'd') + u".de"_s
                               << true;
    QTest::newRow("local 65") << QString(65, u'a') + u"@example.com"_s << false;
    QTest::newRow("total 255") << QString(64, u'a') + u'@' + QString(63, u'b') + u'.' + QString(63, u'c') +
                                      u'.' + QString(59, u'd') + u".de"_s
                               << false;
    QTest::newRow("no at") << u"admin.domain.net"_s << false;
    QTest::newRow("two at") << u"a@b@domain.net"_s << false;
    QTest::newRow("empty local") << u"@domain.net"_s << false;
    QTest::newRow("empty domain") << u"admin@"_s << false;
    QTest::newRow("space") << u"ad min@domain.net"_s << false;
    QTest::newRow("crlf header injection") << u"a@b.net\r\nBcc: victim@evil.net"_s << false;
    QTest::newRow("lf") << u"a@b.net\n"_s << false;
    QTest::newRow("nul") << u"a\u0000b@c.net"_s << false;
    QTest::newRow("angle") << u"<a@b.net>"_s << false;
    QTest::newRow("display name") << u"Admin <a@b.net>"_s << false;
    QTest::newRow("comma list") << u"a@b.net,c@d.net"_s << false;
    QTest::newRow("leading dot") << u".a@b.net"_s << false;
    QTest::newRow("double dot") << u"a..b@c.net"_s << false;
    QTest::newRow("quoted") << u"\"a b\"@c.net"_s << false;
    QTest::newRow("non-ascii local") << u"jürgen@example.com"_s << false;
    QTest::newRow("non-ascii domain") << u"j@müller.de"_s << false;
    QTest::newRow("bare ip") << u"user@192.0.2.1"_s << false;
    QTest::newRow("bad literal") << u"user@[300.1.1.1]"_s << false;
    QTest::newRow("bad domain") << u"user@-x.net"_s << false;
}

void TestSettingValidators::email()
{
    QFETCH(QString, value);
    QFETCH(bool, ok);
    const QString r = validators::emailAddress(value, false);
    QVERIFY2(r.isEmpty() == ok, qPrintable(value + u" -> "_s + r));
    QVERIFY(!r.contains(u'\n') && !r.contains(u'\r'));
    QVERIFY(validators::emailAddress(QString(), true).isEmpty());
    QVERIFY(!validators::emailAddress(QString(), false).isEmpty());
}

void TestSettingValidators::senderTemplate_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("ok");
    QTest::newRow("manual default") << u"$(number)@$(addrtype).$(maildomain)"_s << true;
    QTest::newRow("fixed domain") << u"$(number)@$(addrtype).domain.net"_s << true;
    QTest::newRow("prefix") << u"ums-$(addrtype)-$(number)@domain.net"_s << true;
    QTest::newRow("no number") << u"fax@$(addrtype).domain.net"_s << false;
    QTest::newRow("no addrtype") << u"$(number)@fax.domain.net"_s << false;
    QTest::newRow("unknown var") << u"$(number)@$(addrtype).$(domain)"_s << false;
    QTest::newRow("unclosed") << u"$(number)@$(addrtype).$(maildomain"_s << false;
    QTest::newRow("no at") << u"$(number).$(addrtype).domain.net"_s << false;
    QTest::newRow("crlf") << u"$(number)@$(addrtype).domain.net\r\nBcc: x@y"_s << false;
    QTest::newRow("space") << u"$(number) @$(addrtype).domain.net"_s << false;
}

void TestSettingValidators::senderTemplate()
{
    QFETCH(QString, value);
    QFETCH(bool, ok);
    const QString r = validators::senderTemplate(value, false);
    QVERIFY2(r.isEmpty() == ok, qPrintable(value + u" -> "_s + r));
    QVERIFY(validators::senderTemplate(QString(), true).isEmpty());
    QVERIFY(!validators::senderTemplate(QString(), false).isEmpty());
}

void TestSettingValidators::ldapFilter_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("ok");
    for (const auto& [name, value] : goodFilterTemplates())
        QTest::newRow(name) << value << true;
    QTest::newRow("manual as printed")
        << u"(((proxyAddresses=|X|:${UMS}_wHTSPC))((proxyAddresses=|X|:${UMS})))"_s << false;
    QTest::newRow("unbalanced") << u"(|(mail=${UMS})"_s << false;
    QTest::newRow("extra close") << u"(mail=${UMS}))"_s << false;
    QTest::newRow("no parens") << u"mail=${UMS}"_s << false;
    QTest::newRow("empty and") << u"(&)(mail=${UMS})"_s << false;
    QTest::newRow("no placeholder") << u"(mail=x)"_s << false;
    QTest::newRow("unknown placeholder") << u"(mail=${USER}${UMS})"_s << false;
    QTest::newRow("bad escape") << u"(mail=\\zz${UMS})"_s << false;
    QTest::newRow("short escape") << u"(mail=${UMS}\\2)"_s << false;
    QTest::newRow("raw paren in value") << u"(cn=a(b${UMS})"_s << false;
    QTest::newRow("star in ge") << u"(cn>=a*${UMS})"_s << false;
    QTest::newRow("double star") << u"(cn=a**${UMS})"_s << false;
    QTest::newRow("space in attr") << u"(c n=${UMS})"_s << false;
    QTest::newRow("leading space") << u" (cn=${UMS})"_s << false;
    QTest::newRow("attr digit start") << u"(1cn=${UMS})"_s << false;
    QTest::newRow("oid leading zero") << u"(2.05.4=${UMS})"_s << false;
    QTest::newRow("ext no rule") << u"(:=${UMS})"_s << false;
    QTest::newRow("bad op") << u"(cn!=${UMS})"_s << false;
    QTest::newRow("crlf") << u"(cn=${UMS})\r\n"_s << false;
    QTest::newRow("placeholder as attr") << u"(${UMS}=x)"_s << false;
}

void TestSettingValidators::ldapFilter()
{
    QFETCH(QString, value);
    QFETCH(bool, ok);
    const QString r = validators::ldapFilterTemplate(value);
    QVERIFY2(r.isEmpty() == ok, qPrintable(value + u" -> "_s + r));
}

void TestSettingValidators::ldapFilterPosition()
{
    // Positions refer to the template as typed, even after the placeholders were replaced.
    QString r = validators::ldapFilterTemplate(u"(|(mail=${UMS})"_s);
    QVERIFY2(r.contains(u"position 16"_s) && r.contains(u"')'"_s), qPrintable(r));
    r = validators::ldapFilterTemplate(u"(|(fax=${UMS}_wHTSPC)(c n=x))"_s);
    QVERIFY2(r.contains(u"position 24"_s), qPrintable(r));
    // Without ${UMS} the template is rejected for that reason first.
    QVERIFY(validators::ldapFilterTemplate(u"(|(mail=x)"_s).contains(u"${UMS}"_s));
    // Empty means "the manual's template for the user management type" (InstanceParts::directory).
    QVERIFY(validators::ldapFilterTemplate(QString()).isEmpty());
    QVERIFY(!validators::ldapFilterTemplate(u" "_s).isEmpty());
}

void TestSettingValidators::acceptedFiltersParseInLibldap()
{
    // The harness itself must tell a bad filter from a good one.
    QCOMPARE(libldapSearchResult(u"(|(mail=x)"_s), LDAP_FILTER_ERROR);
    QVERIFY(libldapSearchResult(u"(mail=x)"_s) != LDAP_FILTER_ERROR);
    for (const auto& [name, value] : goodFilterTemplates()) {
        QVERIFY2(validators::ldapFilterTemplate(value).isEmpty(), name);
        QVERIFY2(libldapSearchResult(substituteSample(value)) != LDAP_FILTER_ERROR, name);
    }
}

void TestSettingValidators::distinguishedName_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("ok");
    QTest::newRow("simple") << u"cn=admin,dc=example,dc=com"_s << true;
    QTest::newRow("manual AD")
        << u"cn=ldap User, OU=ServerAccounts,OU=Muenchen,DC=Deutschland,DC=Organisation,DC=loc"_s << true;
    QTest::newRow("domino") << u"cn=admin,o=domino"_s << true;
    QTest::newRow("escaped comma") << u"cn=Müller\\, Jürgen,ou=people,dc=example,dc=com"_s << true;
    QTest::newRow("multi-valued rdn") << u"cn=a+uid=b,dc=example"_s << true;
    QTest::newRow("hex value") << u"cn=#04024869,dc=example"_s << true;
    QTest::newRow("no equals") << u"admin"_s << false;
    QTest::newRow("empty value rdn") << u"cn=admin,"_s << false;
    QTest::newRow("unescaped quote") << u"cn=a\"b,dc=x"_s << false;
    QTest::newRow("filter") << u"(cn=admin)"_s << false;
    QTest::newRow("crlf") << u"cn=admin\r\n,dc=x"_s << false;
}

void TestSettingValidators::distinguishedName()
{
    QFETCH(QString, value);
    QFETCH(bool, ok);
    const QString r = validators::distinguishedName(value, false);
    QVERIFY2(r.isEmpty() == ok, qPrintable(value + u" -> "_s + r));
    QVERIFY(validators::distinguishedName(QString(), true).isEmpty());
    QVERIFY(!validators::distinguishedName(QString(), false).isEmpty());
}

void TestSettingValidators::attributeName_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("ok");
    QTest::newRow("ad") << u"extensionAttribute1"_s << true;
    QTest::newRow("short") << u"l"_s << true;
    QTest::newRow("hyphen") << u"ixi-umsMobileUserConfiguration"_s << true;
    QTest::newRow("option") << u"description;lang-de"_s << true;
    QTest::newRow("oid") << u"2.5.4.20"_s << true;
    QTest::newRow("underscore") << u"ext_attr"_s << false;
    QTest::newRow("digit first") << u"1abc"_s << false;
    QTest::newRow("space") << u"street Address"_s << false;
    QTest::newRow("filter injection") << u"cn)(uid=*"_s << false;
    QTest::newRow("empty option") << u"cn;"_s << false;
    QTest::newRow("non-ascii") << u"straße"_s << false;
    QTest::newRow("oid single arc") << u"2"_s << false;
}

void TestSettingValidators::attributeName()
{
    QFETCH(QString, value);
    QFETCH(bool, ok);
    const QString r = validators::ldapAttributeName(value, false);
    QVERIFY2(r.isEmpty() == ok, qPrintable(value + u" -> "_s + r));
    QVERIFY(validators::ldapAttributeName(QString(), true).isEmpty());
}

void TestSettingValidators::instanceId_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("ok");
    QTest::newRow("manual") << u"MSConnInst1"_s << true;
    QTest::newRow("single") << u"a"_s << true;
    QTest::newRow("64") << u"a"_s + QString(63, u'_') << true;
    QTest::newRow("65") << u"a"_s + QString(64, u'-') << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("digit first") << u"1inst"_s << false;
    QTest::newRow("path") << u"../etc"_s << false;
    QTest::newRow("slash") << u"inst/1"_s << false;
    QTest::newRow("trailing lf") << u"inst\n"_s << false;
    QTest::newRow("umlaut") << u"Instanzä"_s << false;
    QTest::newRow("space") << u"inst 1"_s << false;
}

void TestSettingValidators::instanceId()
{
    QFETCH(QString, value);
    QFETCH(bool, ok);
    const QString r = validators::instanceId(value);
    QVERIFY2(r.isEmpty() == ok, qPrintable(value + u" -> "_s + r));
}

void TestSettingValidators::phonePattern_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("ok");
    QTest::newRow("star") << u"*"_s << true;
    QTest::newRow("number") << u"4930100"_s << true;
    QTest::newRow("range") << u"4930100-4930199"_s << true;
    QTest::newRow("range equal") << u"100-100"_s << true;
    QTest::newRow("range reversed") << u"4930199-4930100"_s << false;
    QTest::newRow("range lengths") << u"100-1000"_s << false;
    QTest::newRow("plus") << u"+4930100"_s << false;
    QTest::newRow("blank") << u"49 30 100"_s << false;
    QTest::newRow("star suffix") << u"4930*"_s << false;
    QTest::newRow("open range") << u"4930100-"_s << false;
    QTest::newRow("two dashes") << u"1-2-3"_s << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("arabic digits") << u"٤٩٣٠"_s << false;
    QTest::newRow("crlf") << u"4930\r\n"_s << false;
}

void TestSettingValidators::phonePattern()
{
    QFETCH(QString, value);
    QFETCH(bool, ok);
    const QString r = validators::phoneNumberPattern(value);
    QVERIFY2(r.isEmpty() == ok, qPrintable(value + u" -> "_s + r));
}

QTEST_GUILESS_MAIN(TestSettingValidators)
#include "tst_settingvalidators.moc"
