// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/config/SettingValidators.h"
#include "engine/config/SettingsSchema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace umgate;
using namespace Qt::StringLiterals;

namespace {

const SettingsSchema& schema()
{
    return SettingsSchema::instance();
}

QJsonValue def(const QString& key)
{
    const SettingDef* d = schema().find(key);
    return d ? d->defaultValue : QJsonValue(QJsonValue::Undefined);
}

bool hasError(const ValidationErrors& errors, const QString& key, const QString& reasonPart = {})
{
    for (const ValidationError& e : errors)
        if (e.key == key && e.reason.contains(reasonPart, Qt::CaseInsensitive)) return true;
    return false;
}

QString dump(const ValidationErrors& errors)
{
    QStringList lines;
    for (const ValidationError& e : errors)
        lines << e.key + u": "_s + e.reason;
    return lines.join(u'\n');
}

ValidationErrors validateOne(const QString& key, const QJsonValue& value)
{
    const SettingDef* d = schema().find(key);
    if (!d) return {{key, u"test: no such setting"_s}};
    return schema().validateValue(*d, value);
}

QJsonObject senderEntry(const QString& domain, const QString& server)
{
    return {{u"mailDomain"_s, domain}, {u"server"_s, server}};
}

} // namespace

class TestSettingsSchema : public QObject
{
    Q_OBJECT

private slots:
    void requiredKeysAndDefaults_data();
    void requiredKeysAndDefaults();
    void keysUniqueAndWellFormed();
    void everyEntryDocumented();
    void defaultsValidateClean();
    void defaultsExcludeSecrets();
    void withDefaultsFillsAndFilters();
    void toJsonShape();

    void suggestionsAreValidChoices();

    void wrongJsonTypes_data();
    void wrongJsonTypes();
    void enumAndListLimits();
    void stringsRejectControlCharacters();
    void objectListPaths();
    void objectListWholeListChecks();
    void secretsOptionalButStrings();
    void unknownKey();
    void crossFieldRules();
};

void TestSettingsSchema::requiredKeysAndDefaults_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("expected");
    const auto row = [](const char* key, const QJsonValue& v) {
        QTest::newRow(key) << QString::fromLatin1(key) << v;
    };
    row("general.ipAddresses.address", u"127.0.0.1"_s);
    row("general.ipAddresses.port", 2525);
    row("general.ipAddresses.allowedClients", QJsonArray());
    row("general.authentication.user", u""_s);
    row("general.authentication.password", u""_s);
    row("general.authentication.forceTls", false);
    row("general.encryption.enabled", false);
    row("general.encryption.certificate", u"server.crt"_s);
    row("general.encryption.key", u"server.key"_s);
    row("mailSystem.general.server", u""_s);
    row("mailSystem.general.port", 25);
    row("mailSystem.general.defaultRecipient", u"postmaster@localhost"_s);
    row("mailSystem.messageStore.mode", u"localMaildir"_s);
    row("mailSystem.messageStore.maildirPath", u"Maildir"_s);
    row("mailSystem.template.sender", u"$(number)@$(addrtype).$(maildomain)"_s);
    row("mailSystem.template.replyTo", u""_s);
    row("mailSystem.template.displayName", u""_s);
    row("mailSystem.template.reportDisplayName", u""_s);
    row("mailSystem.template.mailDomain", u"localhost"_s);
    row("mailSystem.polling.retries", 5);
    row("mailSystem.polling.intervals", QJsonArray{60, 600, 3600, 86400, 172800});
    row("mailSystem.authentication.user", u""_s);
    row("mailSystem.authentication.password", u""_s);
    row("mailSystem.encryption.mode", u"startTlsOpportunistic"_s); // never a password in clear by default
    row("mailSystem.encryption.acceptInvalidCertificate", false);
    row("mailSystem.encryption.caCertificate", u""_s);
    row("ldap.connection.servers", QJsonArray());
    row("ldap.connection.caCertificate", u""_s);
    row("ldap.connection.acceptInvalidCertificate", false);
    row("ldap.connection.writePort", 0);
    row("ldap.registrationData.bindDn", u""_s);
    row("ldap.registrationData.password", u""_s);
    row("ldap.baseDn.entries", QJsonArray());
    row("ldap.search.umsAttribute", u"extensionAttribute1"_s);
    row("ldap.search.template", u""_s);
    row("ldap.userManagement.type", u"embedded"_s);
    row("globalUserSettings.rights.faxPermission", u"international"_s);
    row("globalUserSettings.rights.smsPermission", u"international"_s);
    row("globalUserSettings.rights.voicePermission", u"international"_s);
    row("globalUserSettings.rights.inboundFaxFormat", u"pdf"_s);
    row("globalUserSettings.rights.senderNumber", u""_s);
    row("globalUserSettings.htmlReport.enabled", false);
    row("globalUserSettings.htmlReport.language", u"en"_s);
    row("globalUserSettings.unknownSender.action", u"deleteAndNotify"_s);
    row("globalUserSettings.unknownSender.user", u""_s);
    row("globalUserSettings.unknownSender.archive", false);
    row("coverPage.callNumbers.businessPhone", u"telephoneNumber"_s);
    row("coverPage.callNumbers.businessFax", u"facsimileTelephoneNumber"_s);
    row("coverPage.advanced.department", u"department"_s);
    row("coverPage.advanced.office", u"physicalDeliveryOfficeName"_s);
    row("coverPage.advanced.custom1", u""_s);
    row("coverPage.advanced.custom2", u""_s);
    row("coverPage.advanced.custom3", u""_s);
    row("coverPage.address.company", u"company"_s);
    row("coverPage.address.street", u"streetAddress"_s);
    row("coverPage.address.postalCode", u"postalCode"_s);
    row("coverPage.address.city", u"l"_s);
    row("printUnread.settings.enabled", false);
    row("printUnread.settings.rules", QJsonArray());
    for (const char* log : {"log.ldapSearch", "log.smtpConnection", "log.messageId", "log.printUnread"}) {
        const QByteArray base(log);
        QTest::newRow((base + ".enabled").constData())
            << QString::fromLatin1(base + ".enabled") << QJsonValue(true);
        QTest::newRow((base + ".sizeMb").constData())
            << QString::fromLatin1(base + ".sizeMb") << QJsonValue(10);
        QTest::newRow((base + ".count").constData()) << QString::fromLatin1(base + ".count") << QJsonValue(5);
    }
    row("systemPreferences.email.senders", QJsonArray());
}

void TestSettingsSchema::requiredKeysAndDefaults()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, expected);
    QVERIFY2(schema().find(key), qPrintable(key));
    QCOMPARE(def(key), expected);
}

void TestSettingsSchema::keysUniqueAndWellFormed()
{
    static const QRegularExpression re(
        QRegularExpression::anchoredPattern(u"[a-z][A-Za-z0-9]*\\.[a-z][A-Za-z0-9]*\\.[a-z][A-Za-z0-9]*"_s));
    QSet<QString> seen;
    QVERIFY(schema().settings().size() > 80);
    for (const SettingDef& d : schema().settings()) {
        QVERIFY2(re.match(d.key).hasMatch(), qPrintable(d.key));
        QVERIFY2(!seen.contains(d.key), qPrintable(u"duplicate "_s + d.key));
        seen.insert(d.key);
        QCOMPARE(d.page() + u'.' + d.tab(), d.key.section(u'.', 0, 1));
        QSet<QString> fieldNames;
        for (const FieldDef& f : d.fields) {
            QVERIFY(!fieldNames.contains(f.name));
            fieldNames.insert(f.name);
        }
    }
}

void TestSettingsSchema::everyEntryDocumented()
{
    for (const SettingDef& d : schema().settings()) {
        QVERIFY2(d.label && *d.label, qPrintable(d.key));
        QVERIFY2(d.section && *d.section, qPrintable(d.key));
        QVERIFY2(d.description && QByteArray(d.description).endsWith('.'), qPrintable(d.key));
        if (d.type == SettingType::Enum) {
            QVERIFY2(!d.choices.isEmpty(), qPrintable(d.key));
            QVERIFY2(d.choices.contains(d.defaultValue.toString()), qPrintable(d.key));
        }
        if (d.type == SettingType::ObjectList) QVERIFY2(!d.fields.isEmpty(), qPrintable(d.key));
        for (const FieldDef& f : d.fields)
            QVERIFY2(f.label && *f.label, qPrintable(d.key + u'.' + f.name));
    }
    QCOMPARE(QString::fromUtf8(schema().find(u"mailSystem.polling.retries"_s)->section),
             u"ixi-UMS 4.2.2.4"_s);
    QCOMPARE(QString::fromUtf8(schema().find(u"ldap.search.umsAttribute"_s)->label), u"UMS Attribute"_s);
}

void TestSettingsSchema::defaultsValidateClean()
{
    const ValidationErrors errors = schema().validate(schema().defaults());
    QVERIFY2(errors.isEmpty(), qPrintable(dump(errors)));
    QVERIFY2(schema().validate({}).isEmpty(), "an empty object means all defaults");
    // Each default also passes on its own, secrets included.
    for (const SettingDef& d : schema().settings()) {
        const ValidationErrors e = schema().validateValue(d, d.defaultValue);
        QVERIFY2(e.isEmpty(), qPrintable(dump(e)));
    }
}

void TestSettingsSchema::defaultsExcludeSecrets()
{
    const QJsonObject d = schema().defaults();
    QVERIFY(!d.contains(u"general.authentication.password"_s));
    QVERIFY(!d.contains(u"mailSystem.authentication.password"_s));
    QVERIFY(!d.contains(u"ldap.registrationData.password"_s));
    int secrets = 0;
    for (const SettingDef& s : schema().settings()) {
        if (s.secret) {
            ++secrets;
            QVERIFY(!d.contains(s.key));
        } else {
            QVERIFY2(d.contains(s.key), qPrintable(s.key));
        }
    }
    QCOMPARE(secrets, 3);
    QVERIFY(schema().find(u"general.authentication.password"_s)->secret);
}

void TestSettingsSchema::withDefaultsFillsAndFilters()
{
    const QJsonObject in{{u"mailSystem.general.port"_s, 587},
                         {u"no.such.key"_s, 1},
                         {u"ldap.registrationData.password"_s, u"s3cret"_s}};
    const QJsonObject out = schema().withDefaults(in);
    QCOMPARE(out.value(u"mailSystem.general.port"_s), QJsonValue(587));
    QCOMPARE(out.value(u"general.ipAddresses.port"_s), QJsonValue(2525));
    QVERIFY(!out.contains(u"no.such.key"_s));
    QVERIFY(!out.contains(u"ldap.registrationData.password"_s));
    QCOMPARE(out.size(), schema().defaults().size());
}

void TestSettingsSchema::toJsonShape()
{
    const QJsonArray a = schema().toJson();
    QCOMPARE(a.size(), schema().settings().size());
    QJsonObject port, servers, password, mode, senders;
    for (const auto& v : a) {
        const QJsonObject o = v.toObject();
        for (const char* k : {"key", "type", "default", "label", "section", "description"})
            QVERIFY2(o.contains(QString::fromLatin1(k)), k);
        const QString key = o.value(u"key"_s).toString();
        if (key == u"general.ipAddresses.port"_s) port = o;
        if (key == u"ldap.connection.servers"_s) servers = o;
        if (key == u"ldap.registrationData.password"_s) password = o;
        if (key == u"mailSystem.messageStore.mode"_s) mode = o;
        if (key == u"systemPreferences.email.senders"_s) senders = o;
    }
    QCOMPARE(port.value(u"type"_s).toString(), u"int"_s);
    QCOMPARE(port.value(u"default"_s).toInt(), 2525);
    QCOMPARE(port.value(u"minimum"_s).toInt(), 1);
    QCOMPARE(port.value(u"maximum"_s).toInt(), 65535);
    QCOMPARE(mode.value(u"choices"_s).toArray(),
             (QJsonArray{u"mailServer"_s, u"delete"_s, u"localMaildir"_s}));
    QCOMPARE(password.value(u"secret"_s), QJsonValue(true));
    QCOMPARE(servers.value(u"type"_s).toString(), u"objectList"_s);
    QCOMPARE(servers.value(u"maxEntries"_s).toInt(), 3);
    const QJsonArray fields = servers.value(u"fields"_s).toArray();
    QCOMPARE(fields.size(), 3);
    QCOMPARE(fields.at(0).toObject().value(u"name"_s).toString(), u"host"_s);
    QCOMPARE(fields.at(0).toObject().value(u"required"_s), QJsonValue(true));
    QCOMPARE(fields.at(1).toObject().value(u"default"_s).toInt(), 389);
    bool passwordSecret = false;
    for (const auto& f : senders.value(u"fields"_s).toArray())
        if (f.toObject().value(u"name"_s) == u"password"_s)
            passwordSecret = f.toObject().value(u"secret"_s).toBool();
    QVERIFY(passwordSecret);
    QVERIFY(!QJsonDocument(a).toJson().isEmpty());
    QCOMPARE(SettingsSchema::typeName(SettingType::StringList), u"stringList"_s);
    QCOMPARE(SettingsSchema::typeName(SettingType::Enum), u"enum"_s);
}

void TestSettingsSchema::suggestionsAreValidChoices()
{
    int withSuggestions = 0;
    for (const SettingDef& d : schema().settings()) {
        if (d.suggestions.isEmpty()) continue;
        ++withSuggestions;
        const SettingDef* by = schema().find(d.suggestedBy);
        QVERIFY2(by, qPrintable(d.key));
        for (auto it = d.suggestions.begin(); it != d.suggestions.end(); ++it) {
            QVERIFY2(by->choices.contains(it.key()), qPrintable(d.key + u" "_s + it.key()));
            QVERIFY2(schema().validateValue(d, it.value()).isEmpty(), qPrintable(d.key + u" "_s + it.key()));
        }
        QCOMPARE(d.suggestions.size(), by->choices.size()); // one per choice
    }
    QCOMPARE(withSuggestions, 2); // the UMS attribute and the search template (ixi-UMS 3.7)
    const QJsonArray json = schema().toJson();
    const auto tmpl = std::find_if(json.begin(), json.end(), [](const QJsonValue& v) {
        return v.toObject().value(u"key"_s).toString() == u"ldap.search.template"_s;
    });
    QCOMPARE(tmpl->toObject().value(u"suggestions"_s).toObject().value(u"by"_s).toString(),
             u"ldap.userManagement.type"_s);
}

// --------------------------------------------------------------------------- value checks

void TestSettingsSchema::wrongJsonTypes_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QJsonValue>("value");
    QTest::newRow("string for int") << u"general.ipAddresses.port"_s << QJsonValue(u"25"_s);
    QTest::newRow("fraction for int") << u"general.ipAddresses.port"_s << QJsonValue(1.5);
    QTest::newRow("bool for int") << u"mailSystem.general.port"_s << QJsonValue(true);
    QTest::newRow("null for int") << u"mailSystem.general.port"_s << QJsonValue(QJsonValue::Null);
    QTest::newRow("int out of range") << u"mailSystem.general.port"_s << QJsonValue(70000);
    QTest::newRow("huge int") << u"log.ldapSearch.count"_s << QJsonValue(1e300);
    QTest::newRow("negative") << u"log.ldapSearch.sizeMb"_s << QJsonValue(-1);
    QTest::newRow("int for bool") << u"general.encryption.enabled"_s << QJsonValue(1);
    QTest::newRow("string for bool") << u"general.encryption.enabled"_s << QJsonValue(u"true"_s);
    QTest::newRow("int for string") << u"mailSystem.general.server"_s << QJsonValue(42);
    QTest::newRow("array for string")
        << u"mailSystem.template.displayName"_s << QJsonValue(QJsonArray{u"x"_s});
    QTest::newRow("string for list") << u"ldap.baseDn.entries"_s << QJsonValue(u"dc=example,dc=com"_s);
    QTest::newRow("int in string list")
        << u"general.ipAddresses.allowedClients"_s << QJsonValue(QJsonArray{1});
    QTest::newRow("string in int list")
        << u"mailSystem.polling.intervals"_s << QJsonValue(QJsonArray{u"60"_s});
    QTest::newRow("fraction in int list")
        << u"mailSystem.polling.intervals"_s << QJsonValue(QJsonArray{60.5});
    QTest::newRow("zero interval") << u"mailSystem.polling.intervals"_s << QJsonValue(QJsonArray{0});
    QTest::newRow("int for enum") << u"mailSystem.messageStore.mode"_s << QJsonValue(1);
    QTest::newRow("object for object list") << u"ldap.connection.servers"_s << QJsonValue(QJsonObject());
    QTest::newRow("string entry in object list")
        << u"ldap.connection.servers"_s << QJsonValue(QJsonArray{u"ldap"_s});
}

void TestSettingsSchema::wrongJsonTypes()
{
    QFETCH(QString, key);
    QFETCH(QJsonValue, value);
    const ValidationErrors e = validateOne(key, value);
    QVERIFY2(!e.isEmpty(), qPrintable(key));
    QVERIFY2(e.first().key.startsWith(key), qPrintable(dump(e)));
    // The same value through validate() reports the same path.
    QVERIFY(!schema().validate({{key, value}}).isEmpty());
}

void TestSettingsSchema::enumAndListLimits()
{
    const QString mode = u"mailSystem.messageStore.mode"_s;
    QVERIFY(validateOne(mode, u"delete"_s).isEmpty());
    const ValidationErrors bad = validateOne(mode, u"Delete"_s);
    QVERIFY(hasError(bad, mode, u"mailServer, delete, localMaildir"_s));
    QVERIFY2(bad.first().reason.contains(u"\"Delete\""_s), qPrintable(dump(bad)));

    QVERIFY(validateOne(u"globalUserSettings.htmlReport.language"_s, u"pt"_s).isEmpty());
    QVERIFY(!validateOne(u"globalUserSettings.htmlReport.language"_s, u"pl"_s).isEmpty());
    QVERIFY(validateOne(u"general.encryption.certificateMismatch"_s, u"reject"_s).isEmpty());
    QVERIFY(validateOne(u"mailSystem.encryption.mode"_s, u"implicitTls"_s).isEmpty());
    QVERIFY(validateOne(u"ldap.userManagement.type"_s, u"activeDirectory"_s).isEmpty());

    QJsonArray eleven;
    for (int i = 1; i <= 11; ++i)
        eleven.append(i * 60);
    QVERIFY(hasError(validateOne(u"mailSystem.polling.intervals"_s, eleven),
                     u"mailSystem.polling.intervals"_s, u"at most 10"_s));
    QVERIFY(hasError(validateOne(u"mailSystem.polling.retries"_s, 11), u"mailSystem.polling.retries"_s));
    QVERIFY(validateOne(u"mailSystem.polling.retries"_s, 0).isEmpty());

    // Element errors carry the index.
    const ValidationErrors e = validateOne(u"general.ipAddresses.allowedClients"_s,
                                           QJsonArray{u"192.0.2.1"_s, u"::1"_s, u"not-an-ip"_s});
    QCOMPARE(e.size(), 1);
    QCOMPARE(e.first().key, u"general.ipAddresses.allowedClients[2]"_s);
    QVERIFY(hasError(validateOne(u"ldap.baseDn.entries"_s, QJsonArray{u"dc=example,dc=com"_s, u"garbage"_s}),
                     u"ldap.baseDn.entries[1]"_s));

    // Specific string checks are wired to their settings.
    QVERIFY(!validateOne(u"mailSystem.general.defaultRecipient"_s, u"nobody"_s).isEmpty());
    QVERIFY(!validateOne(u"mailSystem.template.sender"_s, u"$(number)@fax.net"_s).isEmpty());
    QVERIFY(validateOne(u"mailSystem.template.replyTo"_s, u""_s).isEmpty());
    QVERIFY(!validateOne(u"ldap.search.template"_s, u"(|(mail=${UMS})"_s).isEmpty());
    QVERIFY(!validateOne(u"ldap.registrationData.bindDn"_s, u"admin"_s).isEmpty());
    QVERIFY(!validateOne(u"coverPage.address.city"_s, u"city name"_s).isEmpty());
    QVERIFY(!validateOne(u"general.encryption.certificate"_s, u"../../etc/ssl/key.pem"_s).isEmpty());
    QVERIFY(!validateOne(u"mailSystem.messageStore.maildirPath"_s, u"../other/Maildir"_s).isEmpty());
    QVERIFY(!validateOne(u"globalUserSettings.rights.senderNumber"_s, u"08142-47990"_s).isEmpty());
    QVERIFY(validateOne(u"globalUserSettings.rights.isdnOriginatingAddress"_s, u"+4981424799"_s).isEmpty());
    QVERIFY(validateOne(u"ldap.connection.writePort"_s, 0).isEmpty());
    QVERIFY(validateOne(u"ldap.connection.writePort"_s, 389).isEmpty());
    QVERIFY(!validateOne(u"ldap.connection.writePort"_s, 65536).isEmpty());
}

void TestSettingsSchema::stringsRejectControlCharacters()
{
    for (const QString& v : {u"Fax\r\nBcc: victim@example.com"_s, u"a\tb"_s, u"nul\u0000"_s}) {
        const ValidationErrors e = validateOne(u"mailSystem.template.displayName"_s, v);
        QVERIFY2(hasError(e, u"mailSystem.template.displayName"_s, u"single line"_s), qPrintable(dump(e)));
    }
    QVERIFY(validateOne(u"mailSystem.template.displayName"_s, u"Fax-Eingang Müller & Söhne"_s).isEmpty());
    QVERIFY(!validateOne(u"mailSystem.template.displayName"_s, QString(5000, u'x')).isEmpty());
    // Reasons never echo a raw line break.
    const ValidationErrors e = validateOne(u"mailSystem.general.defaultRecipient"_s, u"a@b.net\r\nX: y"_s);
    QVERIFY(!e.isEmpty());
    QVERIFY(!e.first().reason.contains(u'\n'));
}

void TestSettingsSchema::objectListPaths()
{
    const QString key = u"ldap.connection.servers"_s;
    const QJsonArray good{
        QJsonObject{{u"host"_s, u"dc1.example.com"_s}},
        QJsonObject{{u"host"_s, u"192.0.2.2"_s}, {u"port"_s, 3268}, {u"security"_s, u"ldaps"_s}}};
    QVERIFY(validateOne(key, good).isEmpty());

    const QJsonArray bad{QJsonObject{{u"host"_s, u"dc1.example.com"_s}},
                         QJsonObject{{u"host"_s, u"dc2.example.com"_s}, {u"port"_s, 70000}},
                         QJsonObject{{u"port"_s, 389}, {u"security"_s, u"tls"_s}, {u"bogus"_s, true}}};
    const ValidationErrors e = validateOne(key, bad);
    QVERIFY2(hasError(e, u"ldap.connection.servers[1].port"_s, u"65535"_s), qPrintable(dump(e)));
    QVERIFY2(hasError(e, u"ldap.connection.servers[2].host"_s, u"required"_s), qPrintable(dump(e)));
    QVERIFY2(hasError(e, u"ldap.connection.servers[2].security"_s), qPrintable(dump(e)));
    QVERIFY2(hasError(e, u"ldap.connection.servers[2].bogus"_s, u"not a known field"_s), qPrintable(dump(e)));
    QVERIFY(!hasError(e, u"ldap.connection.servers[0].host"_s));

    QJsonArray four;
    for (int i = 0; i < 4; ++i)
        four.append(QJsonObject{{u"host"_s, u"dc%1"_s.arg(i)}});
    QVERIFY(hasError(validateOne(key, four), key, u"at most 3"_s));
    QVERIFY(hasError(validateOne(key, QJsonArray{QJsonObject{{u"host"_s, u"dc1\r\n"_s}}}),
                     u"ldap.connection.servers[0].host"_s));
    QVERIFY(hasError(validateOne(key, QJsonArray{QJsonObject{{u"host"_s, u"dc1"_s}, {u"port"_s, u"389"_s}}}),
                     u"ldap.connection.servers[0].port"_s, u"whole number"_s));

    // Print Unread rules: list fields inside entries get a double index.
    const QString rules = u"printUnread.settings.rules"_s;
    const QJsonArray r{QJsonObject{{u"name"_s, u"Sales"_s},
                                   {u"queueMinutes"_s, 30},
                                   {u"printer"_s, u"PDF"_s},
                                   {u"numbers"_s, QJsonArray{u"4930100-4930199"_s, u"4930555"_s}}},
                       QJsonObject{{u"name"_s, u"Rest"_s}, {u"numbers"_s, QJsonArray{u"*"_s}}}};
    QVERIFY2(validateOne(rules, r).isEmpty(), qPrintable(dump(validateOne(rules, r))));
    const QJsonArray rBad{QJsonObject{{u"name"_s, u""_s}, {u"queueMinutes"_s, 0}},
                          QJsonObject{{u"name"_s, u"X"_s}, {u"numbers"_s, QJsonArray{u"1"_s, u"49 30"_s}}}};
    const ValidationErrors re = validateOne(rules, rBad);
    QVERIFY2(hasError(re, u"printUnread.settings.rules[0].name"_s), qPrintable(dump(re)));
    QVERIFY2(hasError(re, u"printUnread.settings.rules[0].queueMinutes"_s), qPrintable(dump(re)));
    QVERIFY2(hasError(re, u"printUnread.settings.rules[1].numbers[1]"_s), qPrintable(dump(re)));
    QVERIFY(!hasError(re, u"printUnread.settings.rules[1].numbers[0]"_s));

    // Sender list (Avaya): field checks by index.
    const QString senders = u"systemPreferences.email.senders"_s;
    QJsonObject s1 = senderEntry(u"vmpro1.example.com"_s, u"127.0.0.1"_s);
    QJsonObject s2 = senderEntry(u"partner.example"_s, u"smtp.partner.example"_s);
    s2.insert(u"port"_s, 587);
    s2.insert(u"senderIdentifier"_s, u"voicemail@example.com"_s);
    s2.insert(u"requiresAuthentication"_s, true);
    s2.insert(u"account"_s, u"vm"_s);
    s2.insert(u"password"_s, u"pw"_s);
    s2.insert(u"cramMd5"_s, true);
    QVERIFY2(validateOne(senders, QJsonArray{s1, s2}).isEmpty(),
             qPrintable(dump(validateOne(senders, QJsonArray{s1, s2}))));
    QJsonObject s3 = s2;
    s3.insert(u"senderIdentifier"_s, u"not an address"_s);
    s3.insert(u"password"_s, 1234);
    const ValidationErrors se = validateOne(senders, QJsonArray{s1, s3});
    QVERIFY2(hasError(se, u"systemPreferences.email.senders[1].senderIdentifier"_s), qPrintable(dump(se)));
    QVERIFY2(hasError(se, u"systemPreferences.email.senders[1].password"_s, u"text"_s), qPrintable(dump(se)));
}

void TestSettingsSchema::objectListWholeListChecks()
{
    const QJsonArray dupRules{QJsonObject{{u"name"_s, u"A"_s}}, QJsonObject{{u"name"_s, u"A"_s}}};
    QVERIFY(hasError(validateOne(u"printUnread.settings.rules"_s, dupRules), u"printUnread.settings.rules"_s,
                     u"twice"_s));
    const QJsonArray dupDomains{senderEntry(u"a.example"_s, u"mx1"_s), senderEntry(u"A.example"_s, u"mx2"_s)};
    QVERIFY(hasError(validateOne(u"systemPreferences.email.senders"_s, dupDomains),
                     u"systemPreferences.email.senders"_s, u"entries 1 and 2"_s));
}

void TestSettingsSchema::secretsOptionalButStrings()
{
    // Secrets are stored elsewhere: absent is fine, a string is fine, anything else is not.
    QVERIFY(schema().validate(schema().defaults()).isEmpty());
    QVERIFY(schema().validate({{u"ldap.registrationData.password"_s, u"p\u00e4ss\r\nword"_s}}).isEmpty());
    QVERIFY(hasError(schema().validate({{u"ldap.registrationData.password"_s, 1234}}),
                     u"ldap.registrationData.password"_s));
    QJsonObject s = senderEntry(u"example.com"_s, u"mail.example.com"_s);
    s.insert(u"password"_s, QJsonValue(QJsonValue::Null));
    QVERIFY(hasError(validateOne(u"systemPreferences.email.senders"_s, QJsonArray{s}),
                     u"systemPreferences.email.senders[0].password"_s));
}

void TestSettingsSchema::unknownKey()
{
    QJsonObject v = schema().defaults();
    v.insert(u"general.ipAddresses.bogus"_s, 1);
    v.insert(u"mailsystem.general.port"_s, 25); // wrong case is a different key
    const ValidationErrors e = schema().validate(v);
    QCOMPARE(e.size(), 2);
    QVERIFY(hasError(e, u"general.ipAddresses.bogus"_s, u"unknown setting"_s));
    QVERIFY(hasError(e, u"mailsystem.general.port"_s, u"unknown setting"_s));
    QVERIFY(!schema().find(u"general.ipAddresses.bogus"_s));
}

void TestSettingsSchema::crossFieldRules()
{
    const auto with = [](std::initializer_list<std::pair<const char*, QJsonValue>> changes) {
        QJsonObject v = SettingsSchema::instance().defaults();
        for (const auto& [k, val] : changes)
            v.insert(QString::fromLatin1(k), val);
        return SettingsSchema::instance().validate(v);
    };

    // retries vs. intervals
    ValidationErrors e = with({{"mailSystem.polling.retries", 6}});
    QVERIFY2(hasError(e, u"mailSystem.polling.retries"_s, u"retries is 6 but only 5 intervals are set"_s),
             qPrintable(dump(e)));
    QVERIFY(with({{"mailSystem.polling.retries", 6},
                  {"mailSystem.polling.intervals", QJsonArray{60, 600, 3600, 86400, 172800, 172800}}})
                .isEmpty());
    QVERIFY(with({{"mailSystem.polling.retries", 2}, {"mailSystem.polling.intervals", QJsonArray{60, 60}}})
                .isEmpty());
    // A malformed list is reported once, not again by the rule.
    e = with({{"mailSystem.polling.intervals", u"60,600"_s}});
    QCOMPARE(e.size(), 1);

    // unknown sender
    e = with({{"globalUserSettings.unknownSender.action", u"sendAsUser"_s}});
    QVERIFY2(hasError(e, u"globalUserSettings.unknownSender.user"_s, u"required"_s), qPrintable(dump(e)));
    QVERIFY(with({{"globalUserSettings.unknownSender.action", u"sendAsUser"_s},
                  {"globalUserSettings.unknownSender.user", u"fax-default@example.com"_s}})
                .isEmpty());
    QVERIFY(with({{"globalUserSettings.unknownSender.action", u"delete"_s}}).isEmpty());

    // forceTls needs encryption; encryption needs certificate and key
    QVERIFY(
        hasError(with({{"general.authentication.forceTls", true}}), u"general.authentication.forceTls"_s));
    QVERIFY(
        with({{"general.authentication.forceTls", true}, {"general.encryption.enabled", true}}).isEmpty());
    e = with({{"general.encryption.enabled", true}, {"general.encryption.key", u""_s}});
    QVERIFY2(hasError(e, u"general.encryption.key"_s, u"required"_s), qPrintable(dump(e)));

    // message store
    e = with({{"mailSystem.messageStore.mode", u"mailServer"_s}});
    QVERIFY2(hasError(e, u"mailSystem.general.server"_s), qPrintable(dump(e)));
    QVERIFY(with({{"mailSystem.messageStore.mode", u"mailServer"_s},
                  {"mailSystem.general.server", u"mx.example.com"_s}})
                .isEmpty());

    // $(maildomain) needs a mail domain
    QVERIFY(hasError(with({{"mailSystem.template.mailDomain", u""_s}}), u"mailSystem.template.mailDomain"_s));
    QVERIFY(with({{"mailSystem.template.mailDomain", u""_s},
                  {"mailSystem.template.sender", u"$(number)@$(addrtype).example.com"_s}})
                .isEmpty());

    // LDAP servers need base DNs; a non-embedded directory needs servers
    const QJsonArray servers{QJsonObject{{u"host"_s, u"127.0.0.1"_s}, {u"port"_s, 3389}}};
    QVERIFY(hasError(with({{"ldap.connection.servers", servers}}), u"ldap.baseDn.entries"_s));
    QVERIFY(with({{"ldap.connection.servers", servers},
                  {"ldap.baseDn.entries", QJsonArray{u"dc=example,dc=com"_s}}})
                .isEmpty());
    QVERIFY(hasError(with({{"ldap.userManagement.type", u"openLdap"_s}}), u"ldap.connection.servers"_s));

    // Avaya sender list: authentication needs an account; CRAM-MD5 needs authentication
    QJsonObject s = senderEntry(u"example.com"_s, u"mail.example.com"_s);
    s.insert(u"requiresAuthentication"_s, true);
    QVERIFY(hasError(with({{"systemPreferences.email.senders", QJsonArray{s}}}),
                     u"systemPreferences.email.senders[0].account"_s));
    QJsonObject c = senderEntry(u"example.com"_s, u"mail.example.com"_s);
    c.insert(u"cramMd5"_s, true);
    QVERIFY(hasError(with({{"systemPreferences.email.senders", QJsonArray{c}}}),
                     u"systemPreferences.email.senders[0].cramMd5"_s));
}

QTEST_GUILESS_MAIN(TestSettingsSchema)
#include "tst_settingsschema.moc"
