// SPDX-License-Identifier: GPL-3.0-or-later
// The typed keys (engine/config/SettingKeys.h, MiscKeys.h): the tables are built from them, typed
// reads give the table's default for a missing or mistyped value, and every key is read by the
// engine or marked "not yet used" in its table. "Read by the engine" is a use of keys::NAME (or
// miscKeys::NAME) in an engine source outside the key headers and the tables, found by scanning
// the sources, so it cannot drift from the code; the scan is itself checked by removing each read.
#include "engine/config/InstanceConfig.h"
#include "engine/config/MiscSetup.h"
#include "engine/config/SettingKeys.h"
#include "engine/config/SettingValues.h"
#include "engine/config/SettingsSchema.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace umgate;
using namespace Qt::StringLiterals;

namespace {

const QString kSourceDir = QStringLiteral(UMGATE_SOURCE_DIR);

// The key headers and the tables name every key; they are not reads. Nor are the table's rules
// across settings (CrossFieldRules.cpp): they validate a value, they do not act on it.
const QStringList kNotReads = {u"engine/config/SettingKeys.h"_s, u"engine/config/MiscKeys.h"_s,
                               u"engine/config/SettingsSchema.cpp"_s, u"engine/config/CrossFieldRules.cpp"_s,
                               u"engine/config/MiscSetup.cpp"_s};

// Settings marked "not yet used" may still be read where the engine only shows or passes them on:
// the user's effective settings (user.get) and the cover page attributes fetched with each look-up
// for the cover pages to come. Anywhere else, a read means the setting is in effect now and its
// mark must go.
const QList<std::pair<QString, QString>> kDisplayOnlyReads = {
    {u"globalUserSettings.rights."_s, u"engine/directory/UmsUserSettings.cpp"_s},
    {u"coverPage."_s, u"engine/instance/InstanceParts.cpp"_s},
};

QString readSource(const QString& relative)
{
    QFile f(kSourceDir + u'/' + relative);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// Comments name keys without reading them.
QString withoutComments(QString text)
{
    static const QRegularExpression block(u"/\\*.*?\\*/"_s, QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression line(u"//[^\\n]*"_s);
    return text.remove(block).remove(line);
}

// Engine sources by path relative to the source dir, comments removed.
QHash<QString, QString> engineSources()
{
    QHash<QString, QString> out;
    QDirIterator it(kSourceDir + u"/engine"_s, {u"*.cpp"_s, u"*.h"_s}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString relative = it.next().mid(kSourceDir.size() + 1);
        if (!kNotReads.contains(relative)) out.insert(relative, withoutComments(readSource(relative)));
    }
    return out;
}

// C++ name -> setting key, as declared in a key header ("Key<...> name{"key"}").
QHash<QString, QString> declaredKeys(const QString& header, const QString& keyTemplate)
{
    QHash<QString, QString> out;
    const QRegularExpression re(u"inline constexpr %1<.+> (\\w+)\\{\"([^\"]+)\"\\};"_s.arg(keyTemplate));
    for (auto m = re.globalMatch(readSource(header)); m.hasNext();) {
        const auto match = m.next();
        out.insert(match.captured(1), match.captured(2));
    }
    return out;
}

struct Table
{
    QString ns;                    // "keys" or "miscKeys"
    QHash<QString, QString> names; // C++ name -> setting key
    QSet<QString> notYetUsed;      // setting keys
};

Table instanceTable()
{
    Table t{u"keys"_s, declaredKeys(u"engine/config/SettingKeys.h"_s, u"Key"_s), {}};
    for (const SettingDef& d : SettingsSchema::instance().settings())
        if (d.notYetUsed) t.notYetUsed.insert(d.key);
    return t;
}

Table miscTable()
{
    Table t{u"miscKeys"_s, declaredKeys(u"engine/config/MiscKeys.h"_s, u"MiscKey"_s), {}};
    for (const MiscOptionDef& d : MiscSetup::definitions())
        if (d.notYetUsed) t.notYetUsed.insert(d.key);
    return t;
}

// Setting key -> the files that read it.
QHash<QString, QStringList> readers(const Table& table, const QHash<QString, QString>& sources)
{
    QHash<QString, QStringList> out;
    const QRegularExpression use(u"\\b%1::(\\w+)\\b"_s.arg(table.ns));
    for (auto file = sources.begin(); file != sources.end(); ++file)
        for (auto m = use.globalMatch(file.value()); m.hasNext();)
            if (const QString key = table.names.value(m.next().captured(1)); !key.isEmpty())
                if (!out[key].contains(file.key())) out[key] << file.key();
    return out;
}

bool displayOnly(const QString& key, const QString& file)
{
    return std::any_of(kDisplayOnlyReads.begin(), kDisplayOnlyReads.end(), [&](const auto& allowed) {
        return key.startsWith(allowed.first) && file == allowed.second;
    });
}

// Every way a key's table and its readers disagree, one line each.
QStringList problems(const Table& table, const QHash<QString, QString>& sources)
{
    QStringList out;
    const QHash<QString, QStringList> read = readers(table, sources);
    for (const QString& key : table.names) {
        const QStringList files = read.value(key);
        if (!table.notYetUsed.contains(key)) {
            if (files.isEmpty())
                out << u"%1 is neither read by the engine nor marked \"not yet used\" in its table"_s.arg(
                    key);
            continue;
        }
        for (const QString& file : files)
            if (!displayOnly(key, file))
                out << u"%1 is marked \"not yet used\" but %2 reads it; remove the mark"_s.arg(key, file);
    }
    // A using-directive would hide reads from the scan.
    static const QRegularExpression hidden(u"using namespace (umgate::)?(keys|miscKeys)\\b"_s);
    for (auto file = sources.begin(); file != sources.end(); ++file)
        if (hidden.match(file.value()).hasMatch())
            out << u"%1 uses a using-directive for the keys; write keys::NAME"_s.arg(file.key());
    out.sort();
    return out;
}

QJsonObject defaultsWith(const QString& key, const QJsonValue& value)
{
    QJsonObject o = SettingsSchema::instance().defaults();
    o.insert(key, value);
    return o;
}

} // namespace

class TestSettingKeys : public QObject
{
    Q_OBJECT

private slots:
    void tableIsBuiltFromTheKeys()
    {
        const SettingsSchema& schema = SettingsSchema::instance();
        const QHash<QString, QString> declared = instanceTable().names;
        QVERIFY(declared.size() > 50);
        QSet<QString> inTable;
        for (const SettingDef& d : schema.settings()) {
            QVERIFY2(d.keyObject, qPrintable(d.key));
            QCOMPARE(d.keyObject->toString(), d.key);
            QCOMPARE(&schema.definition(*d.keyObject), &d);
            inTable.insert(d.key);
        }
        const QList<QString> declaredNames = declared.values();
        QCOMPARE(QSet<QString>(declaredNames.begin(), declaredNames.end()), inTable);
        QCOMPARE(schema.definition(keys::pollingIntervals).key, u"mailSystem.polling.intervals"_s);
        QCOMPARE(schema.definition(keys::pollingIntervals).type, SettingType::IntList);
        QCOMPARE(schema.definition(keys::ldapServers).type, SettingType::ObjectList);

        const QHash<QString, QString> misc = miscTable().names;
        QCOMPARE(misc.size(), MiscSetup::definitions().size());
        for (const MiscOptionDef& d : MiscSetup::definitions()) {
            QVERIFY2(d.keyObject, qPrintable(d.key));
            QVERIFY2(misc.values().contains(d.key), qPrintable(d.key));
        }
    }

    // An enum's choices are its table's names, and every default is one of them.
    void enumChoicesComeFromTheEnums()
    {
        const SettingDef& mode = SettingsSchema::instance().definition(keys::messageStoreMode);
        QCOMPARE(mode.choices, (QStringList{u"mailServer"_s, u"delete"_s, u"localMaildir"_s}));
        QCOMPARE(mode.defaultValue.toString(), u"localMaildir"_s);
        QCOMPARE(enumFromName<MessageStoreMode>(u"mailServer"), MessageStoreMode::MailServer);
        QVERIFY(!enumFromName<MessageStoreMode>(u"MailServer"));
        QCOMPARE(enumName(UnknownSenderAction::DeleteAndNotify), u"deleteAndNotify"_s);
        for (const SettingDef& d : SettingsSchema::instance().settings()) {
            if (d.type != SettingType::Enum) continue;
            QVERIFY2(!d.choices.isEmpty(), qPrintable(d.key));
            QVERIFY2(d.choices.contains(d.defaultValue.toString()), qPrintable(d.key));
        }
        const SettingDef& servers = SettingsSchema::instance().definition(keys::ldapServers);
        const auto security = std::find_if(servers.fields.begin(), servers.fields.end(),
                                           [](const FieldDef& f) { return f.name == u"security"_s; });
        QVERIFY(security != servers.fields.end());
        QCOMPARE(security->choices, (QStringList{u"none"_s, u"startTls"_s, u"ldaps"_s}));
        // Misc Setup keeps its own order where the console showed one.
        const MiscOptionDef* mail5xx = MiscSetup::find(u"smtp.mail5xx"_s);
        QVERIFY(mail5xx);
        QCOMPARE(mail5xx->choices, (QStringList{u"failure"_s, u"deferral"_s}));
    }

    void typedReadsFallBackToTheTable()
    {
        const SettingValues empty;
        QCOMPARE(empty.get(keys::pollingIntervals), (QList<int>{60, 600, 3600, 86400, 172800}));
        QCOMPARE(empty.get(keys::pollingRetries), 5);
        QCOMPARE(empty.get(keys::messageStoreMode), MessageStoreMode::LocalMaildir);
        QCOMPARE(empty.get(keys::ldapSearchLog), true);
        QCOMPARE(empty.get(keys::ldapSearchLogSizeMb), 10);
        QCOMPARE(empty.get(keys::defaultRecipient), u"postmaster@localhost"_s);
        QVERIFY(empty.get(keys::ldapServers).isEmpty());

        // Present and of the right type: the value.
        const QJsonObject given{{u"mailSystem.polling.intervals"_s, QJsonArray{5, 10}},
                                {u"mailSystem.messageStore.mode"_s, u"mailServer"_s},
                                {u"ldap.baseDn.entries"_s, QJsonArray{u"dc=example,dc=com"_s}},
                                {u"mailSystem.general.port"_s, 587}};
        const SettingValues values(given);
        QCOMPARE(values.get(keys::pollingIntervals), (QList<int>{5, 10}));
        QCOMPARE(values.get(keys::messageStoreMode), MessageStoreMode::MailServer);
        QCOMPARE(values.get(keys::ldapBaseDns), QStringList{u"dc=example,dc=com"_s});
        QCOMPARE(values.get(keys::mailServerPort), 587);

        // Of the wrong type (a hand edit the engine did not refuse): the table's default.
        const SettingValues wrong({{u"mailSystem.polling.intervals"_s, QJsonArray{60, u"x"_s}},
                                   {u"mailSystem.polling.retries"_s, 2.5},
                                   {u"mailSystem.messageStore.mode"_s, u"tape"_s},
                                   {u"mailSystem.general.port"_s, u"25"_s},
                                   {u"log.ldapSearch.enabled"_s, 1},
                                   {u"ldap.connection.servers"_s, u"ldap.example.com"_s}});
        QCOMPARE(wrong.get(keys::pollingIntervals), (QList<int>{60, 600, 3600, 86400, 172800}));
        QCOMPARE(wrong.get(keys::pollingRetries), 5);
        QCOMPARE(wrong.get(keys::messageStoreMode), MessageStoreMode::LocalMaildir);
        QCOMPARE(wrong.get(keys::mailServerPort), 25);
        QCOMPARE(wrong.get(keys::ldapSearchLog), true);
        QVERIFY(wrong.get(keys::ldapServers).isEmpty());

        // InstanceConfig::get is the same read.
        InstanceConfig c = InstanceConfig::withDefaults(u"I1"_s, u"I1"_s);
        c.settings = defaultsWith(u"mailSystem.polling.retries"_s, 3);
        QCOMPARE(c.get(keys::pollingRetries), 3);
        c.settings.remove(u"mailSystem.polling.retries"_s);
        QCOMPARE(c.get(keys::pollingRetries), 5);
    }

    void objectListFieldsFallBackToTheTable()
    {
        const SettingValues values(
            {{u"ldap.connection.servers"_s,
              QJsonArray{
                  QJsonObject{{u"id"_s, u"a1"_s}, {u"host"_s, u"ldap1"_s}},
                  QJsonObject{{u"host"_s, u"ldap2"_s}, {u"port"_s, 636}, {u"security"_s, u"ldaps"_s}},
                  QJsonObject{{u"host"_s, u"ldap3"_s}, {u"port"_s, u"389"_s}, {u"security"_s, u"tls"_s}}}}});
        const SettingEntries servers = values.get(keys::ldapServers);
        QCOMPARE(servers.size(), 3);
        QCOMPARE(servers.at(0).id(), u"a1"_s);
        QCOMPARE(servers.at(0).get(keys::ldapServer::host), u"ldap1"_s);
        QCOMPARE(servers.at(0).get(keys::ldapServer::port), 389); // the field's default
        QCOMPARE(servers.at(0).get(keys::ldapServer::security), LdapSecurity::None);
        QCOMPARE(servers.at(1).get(keys::ldapServer::port), 636);
        QCOMPARE(servers.at(1).get(keys::ldapServer::security), LdapSecurity::Ldaps);
        QCOMPARE(servers.at(2).get(keys::ldapServer::port), 389);                    // wrong type
        QCOMPARE(servers.at(2).get(keys::ldapServer::security), LdapSecurity::None); // no such name

        const SettingValues senders({{u"systemPreferences.email.senders"_s,
                                      QJsonArray{QJsonObject{{u"mailDomain"_s, u"example.com"_s}}}}});
        const SettingEntry first = senders.get(keys::senders).value(0);
        QCOMPARE(first.get(keys::sender::port), 25);
        QCOMPARE(first.get(keys::sender::requiresAuthentication), false);
        QCOMPARE(first.get(keys::sender::mailDomain), u"example.com"_s);
    }

    void miscReadsAreTyped()
    {
        MiscSetup m;
        QCOMPARE(m.get(miscKeys::smtpMail5xx), SmtpErrorResult::Failure);
        QCOMPARE(m.get(miscKeys::smtpConnection5xx), SmtpErrorResult::Deferral);
        QCOMPARE(m.get(miscKeys::logLevel), Log::Level::Info);
        QCOMPARE(m.get(miscKeys::rpcTcpPort), 4650);
        QVERIFY(m.set(u"log.level"_s, QJsonValue(u"debug"_s), std::nullopt).isEmpty());
        QCOMPARE(m.get(miscKeys::logLevel), Log::Level::Debug);
        QVERIFY(m.set(u"log.level"_s, std::nullopt, true).isEmpty()); // ignored: the default applies
        QCOMPARE(m.get(miscKeys::logLevel), Log::Level::Info);
        QVERIFY(!m.set(u"log.level"_s, QJsonValue(u"loud"_s), std::nullopt).isEmpty());
    }

    // Lists: a minimum per entry and a maximum number of entries, apart from Int's range.
    void listLimitsAreSplit()
    {
        const SettingsSchema& schema = SettingsSchema::instance();
        const SettingDef& intervals = schema.definition(keys::pollingIntervals);
        QCOMPARE(intervals.entryMinimum, 1);
        QCOMPARE(intervals.maxEntries, 10);
        QCOMPARE(intervals.minimum, 0);
        QCOMPARE(intervals.maximum, 0);
        QVERIFY(schema.validateValue(intervals, QJsonArray{1, 86400 * 30}).isEmpty());
        const ValidationErrors zero = schema.validateValue(intervals, QJsonArray{60, 0});
        QCOMPARE(zero.size(), 1);
        QCOMPARE(zero.first().key, u"mailSystem.polling.intervals[1]"_s);
        QVERIFY2(zero.first().reason.contains(u"at least 1"_s), qPrintable(zero.first().reason));
        QJsonArray eleven;
        for (int i = 0; i < 11; ++i)
            eleven.append(60);
        const ValidationErrors many = schema.validateValue(intervals, eleven);
        QCOMPARE(many.size(), 1);
        QCOMPARE(many.first().key, u"mailSystem.polling.intervals"_s);
        QVERIFY2(many.first().reason.contains(u"at most 10"_s), qPrintable(many.first().reason));

        const SettingDef& servers = schema.definition(keys::ldapServers);
        QCOMPARE(servers.maxEntries, 3);
        const SettingDef& retries = schema.definition(keys::pollingRetries);
        QCOMPARE(retries.minimum, 0);
        QCOMPARE(retries.maximum, 10);
        QCOMPARE(retries.maxEntries, 0);

        // config.schema names them apart.
        for (const auto& v : schema.toJson()) {
            const QJsonObject o = v.toObject();
            if (o.value(u"key"_s) == u"mailSystem.polling.intervals"_s) {
                QCOMPARE(o.value(u"entryMinimum"_s).toInt(), 1);
                QCOMPARE(o.value(u"maxEntries"_s).toInt(), 10);
                QVERIFY(!o.contains(u"minimum"_s) && !o.contains(u"maximum"_s));
            }
            if (o.value(u"key"_s) == u"ldap.connection.servers"_s)
                QCOMPARE(o.value(u"maxEntries"_s).toInt(), 3);
            if (o.value(u"key"_s) == u"mailSystem.polling.retries"_s) {
                QCOMPARE(o.value(u"maximum"_s).toInt(), 10);
                QVERIFY(!o.contains(u"maxEntries"_s));
            }
        }
    }

    void notYetUsedIsInTheSchemaAnswer()
    {
        QSet<QString> flagged;
        for (const auto& v : SettingsSchema::instance().toJson())
            if (v.toObject().value(u"notYetUsed"_s).toBool())
                flagged.insert(v.toObject().value(u"key"_s).toString());
        QCOMPARE(flagged, instanceTable().notYetUsed);
        QVERIFY(flagged.contains(u"general.encryption.certificateMismatch"_s));
        QVERIFY(!flagged.contains(u"general.authentication.user"_s)); // used since issue 12
        QVERIFY(flagged.contains(u"printUnread.settings.enabled"_s));
        QVERIFY(!flagged.contains(u"mailSystem.polling.intervals"_s));
        QVERIFY(MiscSetup().toJson(u"mailbox.retrievalProtocol"_s).value(u"notYetUsed"_s).toBool());
        QVERIFY(!MiscSetup().toJson(u"rpc.tcp.port"_s).contains(u"notYetUsed"_s));
    }

    // The rule of the issue: every key is read by the engine or marked "not yet used".
    void everyKeyIsReadOrMarkedNotYetUsed()
    {
        const QHash<QString, QString> sources = engineSources();
        QVERIFY(sources.size() > 50);
        QVERIFY(sources.contains(u"engine/delivery/InstanceMail.cpp"_s));
        for (const Table& table : {instanceTable(), miscTable()}) {
            const QStringList found = problems(table, sources);
            QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
        }
        // The scan sees the reads it should: the worked example of ARCHITECTURE.md.
        const QHash<QString, QStringList> read = readers(instanceTable(), sources);
        QVERIFY2(!read.value(u"mailSystem.polling.intervals"_s).isEmpty(),
                 "no read of the polling intervals");
    }

    // The check above fails when a read goes: for every key read (and not marked), the sources
    // with all its reads removed make it report exactly that key.
    void removingAReadIsCaught()
    {
        const QHash<QString, QString> sources = engineSources();
        for (const Table& table : {instanceTable(), miscTable()}) {
            const QHash<QString, QStringList> read = readers(table, sources);
            int checked = 0;
            for (auto name = table.names.begin(); name != table.names.end(); ++name) {
                if (table.notYetUsed.contains(name.value()) || !read.contains(name.value())) continue;
                const QRegularExpression use(u"\\b%1::%2\\b"_s.arg(table.ns, name.key()));
                QHash<QString, QString> without = sources;
                for (auto file = without.begin(); file != without.end(); ++file)
                    file.value().replace(use, u"%1::removedRead"_s.arg(table.ns));
                const QStringList found = problems(table, without);
                QCOMPARE(found.size(), 1);
                QVERIFY2(found.first().startsWith(name.value() + u" is neither read"_s),
                         qPrintable(found.first()));
                ++checked;
            }
            QVERIFY(checked > 10);
        }
        // A read of a key marked "not yet used" outside the display-only places is reported.
        QHash<QString, QString> implemented = sources;
        implemented[u"engine/delivery/InstanceMail.cpp"_s] +=
            u"\nbool x = m_config.settings.get(keys::printUnread);\n"_s;
        const QStringList found = problems(instanceTable(), implemented);
        QCOMPARE(found.size(), 1);
        QVERIFY2(found.first().contains(u"printUnread.settings.enabled is marked"_s),
                 qPrintable(found.first()));
        // So is a using-directive that would hide reads.
        QHash<QString, QString> hidden = sources;
        hidden[u"engine/delivery/MailRoutes.cpp"_s] += u"\nusing namespace umgate::keys;\n"_s;
        QVERIFY(problems(instanceTable(), hidden).join(u'\n').contains(u"using-directive"_s));
    }
};

QTEST_GUILESS_MAIN(TestSettingKeys)
#include "tst_settingkeys.moc"
