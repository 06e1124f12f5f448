// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDate>
#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>
#include <optional>

namespace umgate {

// The texts of the mails umgate writes for incoming messages, one set per report language.
//
// Files (Qt resources, compiled from resources/mail/):
//   :/umgate/mail/<lang>/<type>.txt    type fax | voice | sms | report. First line
//                                      "Subject: <subject template>", then an empty line, then
//                                      the plain-text body template (UTF-8).
//   :/umgate/mail/<lang>/<type>.html   HTML body (the subject still comes from <type>.txt): always
//                                      sent beside the plain text for fax, voice and SMS; for
//                                      reports when globalUserSettings.htmlReport.enabled. Simple
//                                      tables and inline styles, so Outlook and Thunderbird agree.
// Languages: de en fr it nl pt es (the manual's HTML report languages); anything else, or a file
// missing in a language, falls back to en.
//
// Placeholders ${name}, expanded in ONE pass (a value that contains "${...}", e.g. SMS text, is
// never expanded again); an unknown name stays as written so a typo is visible:
//   ${calling}   calling number, or the localized "unknown" when withheld
//   ${called}    called number (the user's extension)
//   ${pages}     fax pages                ${duration}  voice length "m:ss"   ${seconds} in seconds
//   ${date}      date of reception in the language's usual form    ${time}  "HH:mm:ss"
//   ${timezone}  the zone of ${date}/${time}, e.g. "UTC" or "CET"
//   ${text}      SMS text; for reports the kernel's text
//   ${subjectText} SMS text shortened to one line of at most 60 characters (for subjects)
//   ${kernelId}  the kernel's message id
//   ${attachments} file names of the attachments, comma-separated
//   ${note}      an extra remark (e.g. the fax could not be converted to PDF), may be empty
//   HTML only (built by MimeBuilder, inserted as is): ${textHtml} the SMS / report text escaped with
//   <br> for line breaks; ${preview} the fax's first page as <img src="cid:..."> or nothing
//   reports only: ${status} localized "delivered"/"not delivered", ${jobId}, ${recipient},
//   ${reason}, ${reportSubject} (subject of the original message), ${reportPages}
// In .html templates every value is HTML-escaped; in .txt templates values are inserted as is.
class MailTemplates
{
public:
    struct Text
    {
        QString subject; // template of the subject line
        QString body;    // template of the plain-text body
    };

    static QStringList languages(); // de en fr it nl pt es
    // The language itself when supported, else "en".
    static QString normalizeLanguage(const QString& language);

    // The text template of `type` ("fax", "voice", "sms", "report") in `language` (falls back to
    // en). Nothing, with *error set, when the resource is missing or malformed.
    static std::optional<Text> text(const QString& type, const QString& language, QString* error = nullptr);
    // The HTML report template (report.html) in `language`, falling back to en.
    static std::optional<QString> html(const QString& type, const QString& language,
                                       QString* error = nullptr);

    // Replaces each ${name} by values[name] in one pass; `htmlEscape` escapes the values (not the
    // template) for HTML, except those named in `rawKeys`: fragments the builder made itself from
    // escaped text (${textHtml}, ${preview}), never anything from outside as is.
    static QString expand(const QString& tmpl, const QHash<QString, QString>& values, bool htmlEscape,
                          const QSet<QString>& rawKeys = {});

    // Short localized phrases the templates cannot hold because they depend on the message:
    // "unknown" (withheld number), "delivered", "notDelivered", "tiffOnly" (PDF conversion failed,
    // %1 = reason), "fileFax"/"fileVoice"/"fileSms"/"fileReport" (attachment names, %1 number, %2
    // time), "previewAlt" (the preview image's alt text). Unknown keys give the key itself.
    static QString phrase(const QString& key, const QString& language);

    // Date in the usual form of `language` (de 26.11.2026, en 2026-11-26, ...).
    static QString formatDate(const QDate& date, const QString& language);
};

} // namespace umgate
