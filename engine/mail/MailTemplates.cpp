// SPDX-License-Identifier: GPL-3.0-or-later
#include "MailTemplates.h"

#include "engine/config/SettingEnums.h"

#include <QDate>
#include <QFile>

using namespace Qt::StringLiterals;

namespace umgate {

namespace {

constexpr qint64 kMaxTemplateBytes = qint64{256} * 1024; // templates are small; a huge file is a mistake

std::optional<QString> readResource(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) *error = u"mail template %1 is missing: %2"_s.arg(path, file.errorString());
        return std::nullopt;
    }
    const QByteArray data = file.read(kMaxTemplateBytes + 1);
    if (data.size() > kMaxTemplateBytes) {
        if (error) *error = u"mail template %1 is larger than %2 bytes"_s.arg(path).arg(kMaxTemplateBytes);
        return std::nullopt;
    }
    return QString::fromUtf8(data);
}

// Finds the template in the language, else in English.
std::optional<QString> readLocalized(const QString& type, const QString& language, const QString& suffix,
                                     QString* error)
{
    static const QStringList kTypes{u"fax"_s, u"voice"_s, u"sms"_s, u"report"_s};
    if (!kTypes.contains(type)) {
        if (error) *error = u"unknown mail template type \"%1\""_s.arg(type);
        return std::nullopt;
    }
    const QString lang = MailTemplates::normalizeLanguage(language);
    const QString path = u":/umgate/mail/%1/%2.%3"_s.arg(lang, type, suffix);
    if (lang != u"en"_s && QFile::exists(path)) return readResource(path, error);
    return readResource(u":/umgate/mail/en/%1.%2"_s.arg(type, suffix), error);
}

} // namespace

QStringList MailTemplates::languages()
{
    // The report languages of the settings (globalUserSettings.htmlReport.language), one list.
    static const QStringList names = enumChoices<ReportLanguage>();
    return names;
}

QString MailTemplates::normalizeLanguage(const QString& language)
{
    const QString lang = language.trimmed().left(2).toLower();
    return languages().contains(lang) ? lang : u"en"_s;
}

std::optional<MailTemplates::Text> MailTemplates::text(const QString& type, const QString& language,
                                                       QString* error)
{
    const std::optional<QString> content = readLocalized(type, language, u"txt"_s, error);
    if (!content) return std::nullopt;
    QString all = *content;
    all.replace(u"\r\n"_s, u"\n"_s);
    const qsizetype firstBreak = all.indexOf(u'\n');
    const QString first = all.left(firstBreak);
    if (!first.startsWith(u"Subject:"_s) || firstBreak < 0 || all.mid(firstBreak + 1, 1) != u"\n"_s) {
        if (error)
            *error =
                u"mail template %1/%2.txt must start with a \"Subject: ...\" line and an empty line"_s.arg(
                    normalizeLanguage(language), type);
        return std::nullopt;
    }
    Text t;
    t.subject = first.mid(8).trimmed();
    t.body = all.mid(firstBreak + 2);
    return t;
}

std::optional<QString> MailTemplates::html(const QString& type, const QString& language, QString* error)
{
    return readLocalized(type, language, u"html"_s, error);
}

QString MailTemplates::expand(const QString& tmpl, const QHash<QString, QString>& values, bool htmlEscape,
                              const QSet<QString>& rawKeys)
{
    QString out;
    out.reserve(tmpl.size());
    qsizetype pos = 0;
    // Bounded: every iteration consumes at least one character of the template.
    while (pos < tmpl.size()) {
        const qsizetype start = tmpl.indexOf(u"${"_s, pos);
        if (start < 0) {
            out.append(QStringView(tmpl).mid(pos));
            break;
        }
        const qsizetype end = tmpl.indexOf(u'}', start + 2);
        if (end < 0) {
            out.append(QStringView(tmpl).mid(pos));
            break;
        }
        out.append(QStringView(tmpl).mid(pos, start - pos));
        const QString name = tmpl.mid(start + 2, end - start - 2);
        const auto it = values.constFind(name);
        if (it == values.constEnd())
            out.append(QStringView(tmpl).mid(start, end - start + 1));
        else
            out.append(htmlEscape && !rawKeys.contains(name) ? it->toHtmlEscaped() : *it);
        pos = end + 1;
    }
    return out;
}

QString MailTemplates::phrase(const QString& key, const QString& language)
{
    // clang-format off
    static const QHash<QString, QHash<QString, QString>> kPhrases{
        {u"unknown"_s, {{u"de"_s, u"unbekannt"_s}, {u"en"_s, u"unknown"_s}, {u"fr"_s, u"inconnu"_s},
                        {u"it"_s, u"sconosciuto"_s}, {u"nl"_s, u"onbekend"_s}, {u"pt"_s, u"desconhecido"_s},
                        {u"es"_s, u"desconocido"_s}}},
        {u"delivered"_s, {{u"de"_s, u"zugestellt"_s}, {u"en"_s, u"delivered"_s}, {u"fr"_s, u"remis"_s},
                          {u"it"_s, u"consegnato"_s}, {u"nl"_s, u"afgeleverd"_s}, {u"pt"_s, u"entregue"_s},
                          {u"es"_s, u"entregado"_s}}},
        {u"notDelivered"_s, {{u"de"_s, u"nicht zugestellt"_s}, {u"en"_s, u"not delivered"_s},
                             {u"fr"_s, u"non remis"_s}, {u"it"_s, u"non consegnato"_s},
                             {u"nl"_s, u"niet afgeleverd"_s}, {u"pt"_s, u"não entregue"_s},
                             {u"es"_s, u"no entregado"_s}}},
        {u"tiffOnly"_s, {
            {u"de"_s, u"Hinweis: Das Fax konnte nicht in PDF umgewandelt werden (%1). Es liegt als TIFF-Datei bei."_s},
            {u"en"_s, u"Note: the fax could not be converted to PDF (%1). It is attached as a TIFF file."_s},
            {u"fr"_s, u"Remarque : la télécopie n’a pas pu être convertie en PDF (%1). Elle est jointe au format TIFF."_s},
            {u"it"_s, u"Nota: non è stato possibile convertire il fax in PDF (%1). È allegato come file TIFF."_s},
            {u"nl"_s, u"Let op: de fax kon niet naar PDF worden omgezet (%1). Hij is als TIFF-bestand bijgevoegd."_s},
            {u"pt"_s, u"Nota: não foi possível converter o fax em PDF (%1). Segue em anexo como ficheiro TIFF."_s},
            {u"es"_s, u"Nota: no se ha podido convertir el fax a PDF (%1). Se adjunta como archivo TIFF."_s}}},
        // Attachment file names (%1 number, %2 "2026-12-04 16.05"), see MailNaming.
        {u"fileFax"_s, {{u"de"_s, u"Fax von %1, %2"_s}, {u"en"_s, u"Fax from %1, %2"_s},
                        {u"fr"_s, u"Télécopie de %1, %2"_s}, {u"it"_s, u"Fax da %1, %2"_s},
                        {u"nl"_s, u"Fax van %1, %2"_s}, {u"pt"_s, u"Fax de %1, %2"_s}, {u"es"_s, u"Fax de %1, %2"_s}}},
        {u"fileVoice"_s, {{u"de"_s, u"Sprachnachricht von %1, %2"_s}, {u"en"_s, u"Voice message from %1, %2"_s},
                          {u"fr"_s, u"Message vocal de %1, %2"_s}, {u"it"_s, u"Messaggio vocale da %1, %2"_s},
                          {u"nl"_s, u"Spraakbericht van %1, %2"_s}, {u"pt"_s, u"Mensagem de voz de %1, %2"_s},
                          {u"es"_s, u"Mensaje de voz de %1, %2"_s}}},
        {u"fileSms"_s, {{u"de"_s, u"SMS von %1, %2"_s}, {u"en"_s, u"SMS from %1, %2"_s},
                        {u"fr"_s, u"SMS de %1, %2"_s}, {u"it"_s, u"SMS da %1, %2"_s},
                        {u"nl"_s, u"SMS van %1, %2"_s}, {u"pt"_s, u"SMS de %1, %2"_s}, {u"es"_s, u"SMS de %1, %2"_s}}},
        {u"fileReport"_s, {{u"de"_s, u"Bericht für %1, %2"_s}, {u"en"_s, u"Report for %1, %2"_s},
                           {u"fr"_s, u"Rapport pour %1, %2"_s}, {u"it"_s, u"Rapporto per %1, %2"_s},
                           {u"nl"_s, u"Rapport voor %1, %2"_s}, {u"pt"_s, u"Relatório para %1, %2"_s},
                           {u"es"_s, u"Informe para %1, %2"_s}}},
        {u"previewAlt"_s, {{u"de"_s, u"Erste Seite des Faxes"_s}, {u"en"_s, u"First page of the fax"_s},
                           {u"fr"_s, u"Première page de la télécopie"_s}, {u"it"_s, u"Prima pagina del fax"_s},
                           {u"nl"_s, u"Eerste pagina van de fax"_s}, {u"pt"_s, u"Primeira página do fax"_s},
                           {u"es"_s, u"Primera página del fax"_s}}},
    };
    // clang-format on
    const auto it = kPhrases.constFind(key);
    if (it == kPhrases.constEnd()) return key;
    return it->value(normalizeLanguage(language), it->value(u"en"_s));
}

QString MailTemplates::formatDate(const QDate& date, const QString& language)
{
    const QString lang = normalizeLanguage(language);
    if (lang == u"de"_s) return date.toString(u"dd.MM.yyyy"_s);
    if (lang == u"nl"_s) return date.toString(u"dd-MM-yyyy"_s);
    if (lang == u"en"_s) return date.toString(Qt::ISODate);
    return date.toString(u"dd/MM/yyyy"_s);
}

} // namespace umgate
