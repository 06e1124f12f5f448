// SPDX-License-Identifier: GPL-3.0-or-later
// The embedded catalogue loads the way app/umgate/main.cpp loads it and turns real console
// strings German: widget texts, plural forms, enum names and every schema label and description
// the views look up at run time.

#include "engine/config/MiscSetup.h"
#include "engine/config/SettingsSchema.h"
#include "models/console/MiscSetupModel.h"
#include "views/SchemaText.h"
#include "views/StringListEditor.h"

#include <QApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QPushButton>
#include <QTest>
#include <QTranslator>

using namespace Qt::StringLiterals;

class TstTranslationsGerman : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void widgetTextsAreGerman();
    void pluralFormsAreGerman();
    void schemaChoicesAreGerman();
    void everySchemaTextHasGerman();
    void everyMiscDescriptionHasGerman();

private:
    QTranslator m_translator;
};

void TstTranslationsGerman::initTestCase()
{
    // Same lookup as main.cpp: umgate_<locale>.qm under :/i18n.
    QVERIFY2(m_translator.load(QLocale(QLocale::German, QLocale::Germany), u"umgate"_s, u"_"_s, u":/i18n"_s),
             "umgate_de.qm is not embedded under :/i18n");
    QVERIFY(QCoreApplication::installTranslator(&m_translator));
}

void TstTranslationsGerman::cleanupTestCase()
{
    QCoreApplication::removeTranslator(&m_translator);
}

void TstTranslationsGerman::widgetTextsAreGerman()
{
    umgate::StringListEditor editor(false);
    QStringList texts;
    for (const QPushButton* b : editor.findChildren<QPushButton*>())
        texts << b->text();
    QVERIFY2(texts.contains(u"&Hinzufügen"_s), qPrintable(texts.join(u", "_s)));
    QVERIFY2(texts.contains(u"&Entfernen"_s), qPrintable(texts.join(u", "_s)));

    QCOMPARE(QCoreApplication::translate("umgate::MainWindow", "&Quit"), u"&Beenden"_s);
    QCOMPARE(QCoreApplication::translate("umgate::ConsoleTreeModel", "Queue"), u"Warteschlange"_s);
    QCOMPARE(QCoreApplication::translate("umgate::ObjectListEditor", "&Edit..."), u"&Bearbeiten..."_s);
    QCOMPARE(QCoreApplication::translate("umgate::RpcClient", "connection refused"),
             u"Verbindung abgelehnt"_s);
    QCOMPARE(QCoreApplication::translate("main", "The umgate admin console."),
             u"Die Verwaltungskonsole von umgate."_s);
}

void TstTranslationsGerman::pluralFormsAreGerman()
{
    QCOMPARE(QCoreApplication::translate("umgate::QueuePage", "Delete %n mail(s) for good?", nullptr, 1),
             u"1 Mail endgültig löschen?"_s);
    QCOMPARE(QCoreApplication::translate("umgate::QueuePage", "Delete %n mail(s) for good?", nullptr, 3),
             u"3 Mails endgültig löschen?"_s);
    QCOMPARE(QCoreApplication::translate("umgate::MainWindow", "Queue: %n message(s)", nullptr, 2),
             u"Warteschlange: 2 Nachrichten"_s);
}

void TstTranslationsGerman::schemaChoicesAreGerman()
{
    QCOMPARE(umgate::SchemaText::choice(u"acceptAndLog"_s), u"Akzeptieren und protokollieren"_s);
    QCOMPARE(umgate::SchemaText::choice(u"localMaildir"_s), u"Im lokalen Maildir aufbewahren"_s);
    QCOMPARE(umgate::SchemaText::choice(u"de"_s), u"Deutsch"_s);
}

// The views translate the schema's runtime strings (SchemaText); each one needs a catalogue entry
// in the "umgate::SettingsSchema" context, or an administrator sees English in a German console.
void TstTranslationsGerman::everyMiscDescriptionHasGerman()
{
    // The Misc Setup table shows the engine's descriptions through MiscSetupModel::description().
    QStringList missing;
    for (const umgate::MiscOptionDef& d : umgate::MiscSetup::definitions())
        if (m_translator.translate("umgate::MiscSetup", d.description).isEmpty())
            missing << u"%1: \"%2\""_s.arg(d.key, QString::fromUtf8(d.description));
    QVERIFY2(missing.isEmpty(),
             qPrintable(u"Misc Setup descriptions without German:\n"_s + missing.join(u'\n')));
    QCOMPARE(umgate::MiscSetupModel::description(
                 QJsonObject{{u"description"_s, u"Port of the remote RPC listener."_s}}),
             u"Port des entfernten RPC-Listeners."_s);
}

void TstTranslationsGerman::everySchemaTextHasGerman()
{
    const QJsonArray schema = umgate::SettingsSchema::instance().toJson();
    QVERIFY(!schema.isEmpty());
    QStringList missing;
    const auto check = [this, &missing](const QString& key, const QString& english) {
        if (english.isEmpty()) return;
        const QByteArray utf8 = english.toUtf8();
        if (m_translator.translate("umgate::SettingsSchema", utf8.constData()).isEmpty())
            missing << u"%1: \"%2\""_s.arg(key, english);
    };
    for (const auto& v : schema) {
        const QJsonObject entry = v.toObject();
        const QString key = entry.value(u"key"_s).toString();
        check(key, entry.value(u"label"_s).toString());
        check(key, entry.value(u"description"_s).toString());
        for (const auto& f : entry.value(u"fields"_s).toArray())
            check(key + u'.' + f.toObject().value(u"name"_s).toString(),
                  f.toObject().value(u"label"_s).toString());
    }
    QVERIFY2(missing.isEmpty(), qPrintable(u"schema texts without German:\n"_s + missing.join(u'\n')));

    const QJsonObject recipient = [&schema] {
        for (const auto& v : schema)
            if (v.toObject().value(u"key"_s) == u"mailSystem.general.defaultRecipient"_s) return v.toObject();
        return QJsonObject();
    }();
    QCOMPARE(umgate::SchemaText::label(recipient), u"E-Mail-Adresse"_s);
    QVERIFY(umgate::SchemaText::description(recipient).startsWith(u"Erhält jede eingehende Nachricht"_s));
}

QTEST_MAIN(TstTranslationsGerman)
#include "tst_translations_german.moc"
