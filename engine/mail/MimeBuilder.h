// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/config/SettingEnums.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QTimeZone>

namespace umgate {

struct InboundMessage // one message from the telephony kernel
{
    enum class Type
    {
        Fax,
        Voice,
        Sms,
        Report
    };
    Type type = Type::Fax;
    QString kernelId;        // the kernel's id of the message
    QString calling;         // canonical number (E.164 with or without spaces), empty when withheld
    QString called;          // canonical number of the called party
    QDateTime received;      // UTC
    int pages = 0;           // fax
    int durationSeconds = 0; // voice
    QString text;            // SMS text; for reports the kernel's text
    // The attachments as the intake read them, once, from the spool (SpoolFile): nothing reopens a
    // file by name. The name's suffix gives the MIME type: fax .tif (multi-page), voice .wav.
    struct File
    {
        QString name;
        QByteArray data;
    };
    QList<File> attachments;
    // Type::Report: status ("ok"/"failed"), jobId, recipient, pages, reason, subject, and
    // optionally addrType ("fax"/"voice"/"sms", the kind of the reported message; default fax).
    QJsonObject report;
};

struct MimeOptions
{
    QString language = QStringLiteral("en"); // user's HTML report language or the global default
    using FaxFormat = umgate::FaxFormat; // globalUserSettings.rights.inboundFaxFormat, a user's inboundFaxAs
    FaxFormat faxFormat = FaxFormat::Pdf;
    QString senderTemplate;                 // mailSystem.template.sender; empty = the default template
    QString replyToTemplate;                // empty = no Reply-To
    QString displayNameTemplate;            // mailSystem.template.displayName (empty = the number)
    QString reportDisplayNameTemplate;      // for reports (empty = displayNameTemplate)
    QString mailDomain;                     // $(maildomain)
    QString messageIdDomain;                // the host's FQDN, for Message-IDs when mailDomain is empty
    QHash<QString, QString> recipientNames; // lower-case address -> display name for To: (directory)
    bool htmlReport = false;                // reports as HTML (globalUserSettings.htmlReport.enabled)
    QDateTime now;                          // for Date:, injectable for tests; invalid = current time
    QTimeZone timeZone = systemTimeZone();  // for Date:, ${date}/${time}, file names

    // The system's zone, looked up at most once a minute per thread: each lookup reads
    // /etc/localtime, /etc/TZ and /etc/timezone, which cost more than building an SMS mail.
    static QTimeZone systemTimeZone();
};

struct BuiltMail
{
    QByteArray data;      // the whole message, CRLF, 7-bit, ready for SMTP DATA (before dot-stuffing)
    QString messageId;    // with angle brackets
    QString from;         // the envelope/header sender address
    QString subject;      // decoded
    QString error;        // why no message could be built (e.g. an attachment is missing)
    QStringList warnings; // built, but something the administrator should know (e.g. no PDF)
    bool ok() const { return error.isEmpty(); }
};

// Turns one kernel message into an Internet mail (RFC 5322, MIME, RFC 3458 Message-Context,
// RFC 3803 Content-Duration) using the per-language texts of MailTemplates.
//
// Address templates use $(number), $(addrtype) and $(maildomain) (ixi-UMS 4.2.2.3, expanded by
// AddressTemplate, the validator's and the console's expander too); display-name templates may
// use the same variables ($(number) there as the kernel grouped it, "+49 30 5550101"). Everything on the wire
// is 7-bit: headers in RFC 2047 where needed and no header line over 998 octets (a mail that would have one
// is refused), text bodies quoted-printable UTF-8, attachments base64.
//
// Structure: fax, voice and SMS mails (and reports with htmlReport) are multipart/alternative with
// a plain-text and an HTML part; a fax delivered as PDF shows its first page in the HTML part
// (multipart/related with a PNG, FaxPreview). Attachments make it multipart/mixed. Attachment
// names read "Fax from 030 5550101, 2026-12-04 16.05.pdf" in the recipient's language and the
// instance's time zone (MailNaming). A voice message without a duration from the kernel takes it
// from the WAV (WavInfo).
class MimeBuilder
{
public:
    static constexpr qint64 kMaxAttachmentBytes = qint64{100} * 1024 * 1024;

    // The address type of a message for $(addrtype): "fax", "voice", "sms" (report: "fax").
    static QString addressType(InboundMessage::Type type);
    // $(number), $(addrtype), $(maildomain) expanded; a withheld number becomes "unknown"; the
    // result is a valid addr-spec or empty with *error set.
    static QString expandAddressTemplate(const QString& tmpl, const QString& number, const QString& addrType,
                                         const QString& mailDomain, QString* error = nullptr);
    static BuiltMail build(const InboundMessage& msg, const QStringList& recipients,
                           const MimeOptions& options);

    // The value of the RFC 3458 Message-Context header for a message type.
    static QByteArray messageContext(InboundMessage::Type type);
};

} // namespace umgate
