// SPDX-License-Identifier: GPL-3.0-or-later
// Object-list entries carry stable ids and their secrets are keyed by them (issue 10): the ids
// the engine assigns and stores, what config.set writes and removes in the secret store when
// entries move, appear and go, and how secrets stored by position map to ids.
#include "engine/client/ExportFormat.h"
#include "engine/config/ConfigEdit.h"
#include "engine/config/ConfigStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace umgate;
using namespace Qt::StringLiterals;

namespace {
const QString kSenders = u"systemPreferences.email.senders"_s;

QJsonObject senderEntry(const QString& domain, const QString& id = {})
{
    QJsonObject o{{u"mailDomain"_s, domain}, {u"server"_s, u"smtp."_s + domain}};
    if (!id.isEmpty()) o.insert(u"id"_s, id);
    return o;
}

QString path(const QString& id)
{
    return InstanceConfig::entrySecretPath(kSenders, id, u"password"_s);
}

QJsonObject marker()
{
    return QJsonObject{{u"secret"_s, true}, {u"set"_s, true}};
}

// path -> value (empty = removed)
QHash<QString, QString> changesOf(const QList<ConfigEdit::SecretChange>& changes)
{
    QHash<QString, QString> out;
    for (const auto& c : changes)
        out.insert(c.path, c.value.value_or(QString()));
    return out;
}
} // namespace

class TstEntryIds : public QObject
{
    Q_OBJECT
private slots:
    void newIdsAreUniqueAndNeverDigitsOnly()
    {
        QSet<QString> seen;
        for (int i = 0; i < 1000; ++i) {
            const QString id = InstanceConfig::newEntryId();
            QVERIFY(!seen.contains(id));
            seen.insert(id);
            bool digits = true;
            for (QChar c : id)
                digits &= c.isDigit();
            QVERIFY(!digits);
        }
    }

    void schemaChecksIds()
    {
        const SettingsSchema& schema = SettingsSchema::instance();
        const SettingDef* def = schema.find(kSenders);
        QVERIFY(schema.validateValue(*def, QJsonArray{senderEntry(u"a.com"_s, u"ab12"_s)}).isEmpty());
        QVERIFY(
            schema.validateValue(*def, QJsonArray{senderEntry(u"a.com"_s)}).isEmpty()); // the engine fills it
        const ValidationErrors twice = schema.validateValue(
            *def, QJsonArray{senderEntry(u"a.com"_s, u"x1"_s), senderEntry(u"b.com"_s, u"x1"_s)});
        QVERIFY(!twice.isEmpty());
        QCOMPARE(twice.first().key, kSenders + u"[1].id"_s);
        QVERIFY(!schema.validateValue(*def, QJsonArray{senderEntry(u"a.com"_s, u"12"_s)}).isEmpty());
        QVERIFY(!schema.validateValue(*def, QJsonArray{senderEntry(u"a.com"_s, u"a]b"_s)}).isEmpty());
        QJsonObject numeric = senderEntry(u"a.com"_s);
        numeric.insert(u"id"_s, 7);
        QVERIFY(!schema.validateValue(*def, QJsonArray{numeric}).isEmpty());
    }

    // Deleting the first of two entries removes its secret and leaves the second's alone; a
    // marker keeps a secret only for an id that has one; a new entry's password is written
    // under its own id.
    void secretsFollowTheEntryId()
    {
        InstanceConfig base = InstanceConfig::withDefaults(u"I1"_s, u"I1"_s);
        base.settings.insert(
            kSenders, QJsonArray{senderEntry(u"a.com"_s, u"ida"_s), senderEntry(u"b.com"_s, u"idb"_s)});
        base.secretsSet = {path(u"ida"_s), path(u"idb"_s)};

        QJsonObject b = senderEntry(u"b.com"_s, u"idb"_s);
        b.insert(u"password"_s, marker());
        InstanceConfig next;
        QList<ConfigEdit::SecretChange> changes;
        QVERIFY(ConfigEdit::buildNext(base, {{kSenders, QJsonArray{b}}}, &next, &changes).isEmpty());
        QCOMPARE(changesOf(changes), (QHash<QString, QString>{{path(u"ida"_s), QString()}}));
        QVERIFY(!next.settings.value(kSenders).toArray().at(0).toObject().contains(u"password"_s));

        // Moved: nothing to write or remove.
        QJsonObject a = senderEntry(u"a.com"_s, u"ida"_s);
        a.insert(u"password"_s, marker());
        changes.clear();
        QVERIFY(ConfigEdit::buildNext(base, {{kSenders, QJsonArray{b, a}}}, &next, &changes).isEmpty());
        QVERIFY(changes.isEmpty());

        // Inserted without id: withEntryIds gives it one, its password goes under that id.
        QJsonObject c = senderEntry(u"c.com"_s);
        c.insert(u"password"_s, u"pw-c"_s);
        const QJsonObject values = ConfigEdit::withEntryIds({{kSenders, QJsonArray{c, a, b}}});
        const QString idC = values.value(kSenders).toArray().at(0).toObject().value(u"id"_s).toString();
        QVERIFY(!idC.isEmpty());
        changes.clear();
        QVERIFY(ConfigEdit::buildNext(base, values, &next, &changes).isEmpty());
        QCOMPARE(changesOf(changes), (QHash<QString, QString>{{path(idC), u"pw-c"_s}}));

        // Markers show each entry's own state.
        next.secretsSet = {path(u"idb"_s)};
        const QJsonArray shown = ConfigEdit::valuesWithSecretMarkers(next).value(kSenders).toArray();
        QCOMPARE(shown.at(0).toObject().value(u"password"_s).toObject().value(u"set"_s).toBool(), false);
        QCOMPARE(shown.at(1).toObject().value(u"password"_s).toObject().value(u"set"_s).toBool(), false);
        QCOMPARE(shown.at(2).toObject().value(u"password"_s).toObject().value(u"set"_s).toBool(), true);
    }

    // An instance.json from before the ids: the store gives the entries ids, writes them at once,
    // and the positional secrets map to them.
    void loadStoresNewIdsOnceAndMapsPositionalSecrets()
    {
        QTemporaryDir dir;
        const Paths paths(dir.path());
        {
            ConfigStore store{paths};
            store.load();
            QVERIFY(store.ensureDefaultInstance(nullptr));
        }
        const QString file = paths.instanceConfigFile(u"MSConnInst1"_s);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
        f.close();
        QJsonObject settings = root.value(u"settings"_s).toObject();
        settings.insert(kSenders, QJsonArray{senderEntry(u"a.com"_s), senderEntry(u"b.com"_s)});
        root.insert(u"settings"_s, settings);
        root.insert(u"secretsSet"_s, QJsonArray{kSenders + u"[0].password"_s, kSenders + u"[1].password"_s,
                                                kSenders + u"[7].password"_s, path(u"gone"_s)});
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QJsonDocument(root).toJson());
        f.close();

        ConfigStore store{paths};
        store.load();
        const InstanceConfig* c = store.find(u"MSConnInst1"_s);
        QVERIFY(c);
        const QJsonArray entries = c->settings.value(kSenders).toArray();
        const QString id0 = entries.at(0).toObject().value(u"id"_s).toString();
        const QString id1 = entries.at(1).toObject().value(u"id"_s).toString();
        QVERIFY(!id0.isEmpty() && !id1.isEmpty() && id0 != id1);
        const auto moves = c->positionalSecrets();
        QCOMPARE(moves.size(), 3);
        QCOMPARE(moves.at(0).from, kSenders + u"[0].password"_s);
        QCOMPARE(moves.at(0).to, path(id0));
        QCOMPARE(moves.at(1).to, path(id1));
        QVERIFY(moves.at(2).to.isEmpty()); // no entry 7: dropped
        QCOMPARE(c->orphanedEntrySecrets(), QStringList{path(u"gone"_s)});

        // Stored at once: a second store reads the same ids.
        ConfigStore again{paths};
        again.load();
        QCOMPARE(again.find(u"MSConnInst1"_s)->settings.value(kSenders), c->settings.value(kSenders));
    }

    // A hand edit adds an entry without id: it gets one, written back at once, so the id (and
    // any password set for it later) stays the same across reloads and restarts.
    void handEditedEntriesGetIdsThatStay()
    {
        QTemporaryDir dir;
        const Paths paths(dir.path());
        ConfigStore store{paths};
        store.load();
        QVERIFY(store.ensureDefaultInstance(nullptr));
        const QString file = paths.instanceConfigFile(u"MSConnInst1"_s);
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
        f.close();
        QJsonObject settings = root.value(u"settings"_s).toObject();
        settings.insert(kSenders, QJsonArray{senderEntry(u"a.com"_s, u"kept"_s), senderEntry(u"b.com"_s)});
        root.insert(u"settings"_s, settings);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QJsonDocument(root).toJson());
        f.close();
        store.reloadFromDisk(u"MSConnInst1"_s);
        const QJsonArray entries = store.find(u"MSConnInst1"_s)->settings.value(kSenders).toArray();
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.at(0).toObject().value(u"id"_s).toString(), u"kept"_s);
        const QString given = entries.at(1).toObject().value(u"id"_s).toString();
        QVERIFY(!given.isEmpty());
        ConfigStore again{paths};
        again.load();
        QCOMPARE(
            again.find(u"MSConnInst1"_s)->settings.value(kSenders).toArray().at(1).toObject().value(u"id"_s),
            QJsonValue(given));
    }

    void importKeepsIdsAndGivesMissingOnes()
    {
        InstanceConfig c = InstanceConfig::withDefaults(u"X"_s, u"X"_s);
        c.settings.insert(kSenders,
                          QJsonArray{senderEntry(u"a.com"_s, u"keep-me"_s), senderEntry(u"b.com"_s)});
        const ImportResult r = parseImportDocument(ExportFormat::text(c.exportDocument()));
        QVERIFY(r.errors.isEmpty());
        const QJsonArray entries = r.config->settings.value(kSenders).toArray();
        QCOMPARE(entries.at(0).toObject().value(u"id"_s).toString(), u"keep-me"_s);
        QVERIFY(!entries.at(1).toObject().value(u"id"_s).toString().isEmpty());
        // Export, import, export is identical once every entry has its id.
        const QByteArray first = ExportFormat::text(r.config->exportDocument());
        QCOMPARE(ExportFormat::text(parseImportDocument(first).config->exportDocument()), first);
    }
};

QTEST_GUILESS_MAIN(TstEntryIds)
#include "tst_entryids.moc"
