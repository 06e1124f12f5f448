// SPDX-License-Identifier: GPL-3.0-or-later
#include "MimeBuilder.h"

#include "FaxConverter.h"
#include "FaxPreview.h"
#include "MailNaming.h"
#include "MailTemplates.h"
#include "MimeEncoding.h"
#include "WavInfo.h"
#include "engine/client/AddressTemplate.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRandomGenerator>
#include <QtEndian>

using namespace Qt::StringLiterals;

namespace umgate {

QTimeZone MimeOptions::systemTimeZone()
{
    struct Cached
    {
        QTimeZone zone;
        qint64 lookedUpMs = -1;
    };
    thread_local Cached cached;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (cached.lookedUpMs < 0 || now - cached.lookedUpMs > 60000 || now < cached.lookedUpMs) {
        cached.zone = QTimeZone::systemTimeZone();
        cached.lookedUpMs = now;
    }
    return cached.zone;
}

namespace {

const QString kDefaultSenderTemplate = u"$(number)@$(addrtype).$(maildomain)"_s;

// Only the characters of a dialable number: a number from the kernel can never carry anything
// else into an address, a header or a file name.
QString numberChars(const QString& number)
{
    QString out;
    for (const QChar c : number)
        if (c.unicode() < 0x20) // a line break ends the number; what follows is not part of it
            break;
        else if ((c.isDigit() && c.unicode() < 0x80) || (c == u'+' && out.isEmpty()) || c == u'*' ||
                 c == u'#')
            out.append(c);
    return out.left(64);
}

QString tokenChars(const QString& text)
{
    QString out;
    for (const QChar c : text)
        if (c.unicode() < 0x80 && (c.isLetterOrNumber() || c == u'.' || c == u'_' || c == u'-'))
            out.append(c);
    return out.left(128);
}

QByteArray randomHex(int bytes)
{
    QByteArray raw(bytes, '\0');
    for (char& b : raw)
        b = char(QRandomGenerator::system()->bounded(256));
    return raw.toHex();
}

QString mimeTypeFor(const QString& fileName)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    if (suffix == u"tif"_s || suffix == u"tiff"_s) return u"image/tiff"_s;
    if (suffix == u"pdf"_s) return u"application/pdf"_s;
    if (suffix == u"wav"_s) return u"audio/wav"_s;
    if (suffix == u"mp3"_s) return u"audio/mpeg"_s;
    return u"application/octet-stream"_s;
}

struct Attachment
{
    QString fileName;
    QString mimeType;
    QByteArray data;
    int durationSeconds = -1; // >= 0: RFC 3803 Content-Duration
};

QByteArray textPart(const QString& subtype, const QString& text)
{
    return "Content-Type: text/" + subtype.toLatin1() +
           "; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" +
           MimeEncoding::quotedPrintable(text);
}

QByteArray attachmentPart(const Attachment& a)
{
    QByteArray out = MimeEncoding::structuredHeader(
        "Content-Type", a.mimeType.toLatin1() + MimeEncoding::mimeParameter("name", a.fileName));
    out += MimeEncoding::structuredHeader("Content-Disposition",
                                          "attachment" + MimeEncoding::mimeParameter("filename", a.fileName));
    out += "Content-Transfer-Encoding: base64\r\n";
    if (a.durationSeconds >= 0) out += "Content-Duration: " + QByteArray::number(a.durationSeconds) + "\r\n";
    out += "\r\n" + MimeEncoding::base64Body(a.data);
    return out;
}

QByteArray multipart(const QByteArray& subtype, const QList<QByteArray>& parts)
{
    // "=_" cannot occur in base64 or quoted-printable text, so the boundary never collides.
    const QByteArray boundary = "=_umgate_" + randomHex(12);
    QByteArray out = "Content-Type: multipart/" + subtype + ";\r\n boundary=\"" + boundary + "\"\r\n\r\n";
    out += "This is a MIME message.\r\n";
    for (const QByteArray& part : parts)
        out += "\r\n--" + boundary + "\r\n" + part;
    out += "\r\n--" + boundary + "--\r\n";
    return out;
}

// The HTML alternative; with a fax preview it becomes multipart/related (RFC 2387) so that clients
// show the image inside the text instead of as one more attachment.
QByteArray htmlPart(const QString& html, const std::optional<QByteArray>& png, const QByteArray& cid)
{
    QByteArray part = textPart(u"html"_s, html); // not const: returned by move when there is no preview
    if (!png) return part;
    const QByteArray image = "Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\nContent-ID: <" +
                             cid + ">\r\nContent-Disposition: inline" +
                             MimeEncoding::mimeParameter("filename", u"preview.png"_s) + "\r\n\r\n" +
                             MimeEncoding::base64Body(*png);
    return multipart("related; type=\"text/html\"", {part, image});
}

// Text for HTML: escaped, line breaks as <br> (Outlook ignores white-space: pre-wrap).
QString htmlText(const QString& text)
{
    QString t = text;
    t.replace(u"\r\n"_s, u"\n"_s).replace(u'\r', u'\n');
    return t.toHtmlEscaped().replace(u"\n"_s, u"<br>\n"_s);
}

// <img> for the preview, sized by the PNG's own width (IHDR, bytes 16..19).
QString previewImage(const QByteArray& png, const QByteArray& cid, const QString& alt)
{
    const quint32 width = png.size() >= 24 ? qFromBigEndian<quint32>(png.constData() + 16) : 0;
    return u"<img src=\"cid:%1\" width=\"%2\" alt=\"%3\" style=\"display: block; border: 1px solid #999999;\">"_s
        .arg(QString::fromLatin1(cid), QString::number(width), alt.toHtmlEscaped());
}

std::optional<QByteArray> readAttachment(const InboundMessage::File& file, QString* error)
{
    // The bytes were read by the intake (bounded there too); this bound holds for every caller.
    if (file.data.size() > MimeBuilder::kMaxAttachmentBytes) {
        *error = u"attachment %1 is larger than %2 MiB"_s.arg(file.name).arg(
            MimeBuilder::kMaxAttachmentBytes >> 20);
        return std::nullopt;
    }
    return file.data;
}

QString typeName(InboundMessage::Type type)
{
    switch (type) {
    case InboundMessage::Type::Fax:
        return u"fax"_s;
    case InboundMessage::Type::Voice:
        return u"voice"_s;
    case InboundMessage::Type::Sms:
        return u"sms"_s;
    case InboundMessage::Type::Report:
        return u"report"_s;
    }
    return u"fax"_s;
}

// Display-name templates may use the address variables; the result is plain text (a variable that
// is none stays as written).
QString expandDisplayName(const QString& tmpl, const QString& number, const QString& addrType,
                          const QString& mailDomain)
{
    const QString out = AddressTemplate::expand(tmpl, {number, addrType, mailDomain}).text;
    return MimeEncoding::sanitizeHeaderText(out).simplified();
}

} // namespace

QString MimeBuilder::addressType(InboundMessage::Type type)
{
    switch (type) {
    case InboundMessage::Type::Voice:
        return u"voice"_s;
    case InboundMessage::Type::Sms:
        return u"sms"_s;
    case InboundMessage::Type::Fax:
    case InboundMessage::Type::Report:
        break;
    }
    return u"fax"_s;
}

QByteArray MimeBuilder::messageContext(InboundMessage::Type type)
{
    // RFC 3458 6.2: an SMS is a "text-message"; a kernel report is a notice about a job, not a fax,
    // voice or text message itself, so it has no specific context ("none", the default).
    switch (type) {
    case InboundMessage::Type::Fax:
        return "fax-message";
    case InboundMessage::Type::Voice:
        return "voice-message";
    case InboundMessage::Type::Sms:
        return "text-message";
    case InboundMessage::Type::Report:
        break;
    }
    return "none";
}

QString MimeBuilder::expandAddressTemplate(const QString& tmpl, const QString& number,
                                           const QString& addrType, const QString& mailDomain, QString* error)
{
    const auto fail = [&](const QString& text) {
        if (error) *error = text;
        return QString();
    };
    if (tmpl.trimmed().isEmpty()) return fail(u"the address template is empty"_s);
    QString digits = numberChars(number);
    if (digits.isEmpty()) digits = u"unknown"_s;
    if (AddressTemplate::uses(tmpl, u"maildomain"_s) && mailDomain.trimmed().isEmpty())
        return fail(u"the address template \"%1\" uses $(maildomain) but no mail domain is set"_s.arg(tmpl));
    const AddressTemplate::Result expanded = AddressTemplate::expand(
        tmpl.trimmed(), {digits, tokenChars(addrType).toLower(), mailDomain.trimmed()});
    if (!expanded.unknownVariable.isEmpty())
        return fail(u"the address template \"%1\" contains an unknown variable \"%2\" (known: $(number), "
                    "$(addrtype), $(maildomain))"_s.arg(tmpl, expanded.unknownVariable));
    if (expanded.unclosed)
        return fail(u"the address template \"%1\" has a \"$(\" without a closing \")\""_s.arg(tmpl));
    const QString& out = expanded.text;
    if (!MimeEncoding::isValidAddrSpec(out))
        return fail(u"the address template \"%1\" gives \"%2\", which is not a valid e-mail address"_s.arg(
            tmpl, MimeEncoding::sanitizeHeaderText(out)));
    if (error) error->clear();
    return out;
}

namespace {

// Who the mail is from: the caller, or for a report the remote party of the reported job, so that
// "reply" reaches that party again. The addresses come from the sender and Reply-To templates.
struct Sender
{
    QString number;   // whose number the addresses carry (as the kernel sent it)
    QString addrType; // $(addrtype)
    QString from;
    QString replyTo; // empty: no Reply-To header
    QString displayName;
    QString error;
};

Sender senderFor(const InboundMessage& msg, const MimeOptions& options, const QString& unknown)
{
    Sender s;
    const bool isReport = msg.type == InboundMessage::Type::Report;
    s.addrType = MimeBuilder::addressType(msg.type);
    s.number = msg.calling;
    if (isReport) {
        const QString reported = msg.report.value(u"addrType"_s).toString().toLower();
        if (reported == u"voice"_s || reported == u"sms"_s || reported == u"fax"_s) s.addrType = reported;
        s.number = msg.report.value(u"recipient"_s).toString();
        if (numberChars(s.number).isEmpty()) s.number = msg.called;
    }

    QString templateError;
    const QString senderTemplate =
        options.senderTemplate.isEmpty() ? kDefaultSenderTemplate : options.senderTemplate;
    s.from = MimeBuilder::expandAddressTemplate(senderTemplate, s.number, s.addrType, options.mailDomain,
                                                &templateError);
    if (s.from.isEmpty()) {
        s.error = u"sender address: "_s + templateError;
        return s;
    }
    if (!options.replyToTemplate.trimmed().isEmpty()) {
        s.replyTo = MimeBuilder::expandAddressTemplate(options.replyToTemplate, s.number, s.addrType,
                                                       options.mailDomain, &templateError);
        if (s.replyTo.isEmpty()) {
            s.error = u"Reply-To address: "_s + templateError;
            return s;
        }
    }
    const QString displayTemplate = isReport && !options.reportDisplayNameTemplate.trimmed().isEmpty()
                                        ? options.reportDisplayNameTemplate
                                        : options.displayNameTemplate;
    // For people the number as the kernel grouped it; the canonical digits stay in the addresses.
    const QString shownNumber = MailNaming::displayNumber(s.number);
    s.displayName = expandDisplayName(displayTemplate, shownNumber.isEmpty() ? unknown : shownNumber,
                                      s.addrType, options.mailDomain);
    if (s.displayName.isEmpty()) s.displayName = shownNumber.isEmpty() ? unknown : shownNumber;
    return s;
}

// The placeholder values that come from the message itself (see MailTemplates.h); the attachment
// values (pages from a conversion, duration, names, note) are added by build().
QHash<QString, QString> messageValues(const InboundMessage& msg, const MimeOptions& options,
                                      const QDateTime& received, const QString& lang, const QString& unknown)
{
    QHash<QString, QString> values;
    const QString shownCalling = MailNaming::displayNumber(msg.calling);
    const QString shownCalled = MailNaming::displayNumber(msg.called);
    values[u"calling"_s] = shownCalling.isEmpty() ? unknown : shownCalling;
    values[u"called"_s] = shownCalled.isEmpty() ? unknown : shownCalled;
    values[u"pages"_s] = QString::number(msg.pages);
    values[u"date"_s] = MailTemplates::formatDate(received.date(), lang);
    values[u"time"_s] = received.time().toString(u"HH:mm:ss"_s);
    values[u"timezone"_s] = options.timeZone.abbreviation(received);
    values[u"text"_s] = msg.text;
    // Only the start can reach the subject: a 10 KB SMS is not cleaned whole for 60 characters.
    qsizetype head = qMin<qsizetype>(msg.text.size(), 1024);
    if (head < msg.text.size() && head > 0 && msg.text.at(head - 1).isHighSurrogate()) --head;
    QString oneLine = MimeEncoding::sanitizeHeaderText(msg.text.left(head)).simplified();
    if (oneLine.size() > 60) oneLine = oneLine.left(57) + u"..."_s;
    values[u"subjectText"_s] = oneLine;
    values[u"kernelId"_s] = tokenChars(msg.kernelId);
    values[u"note"_s] = QString();
    if (msg.type == InboundMessage::Type::Report) {
        const bool ok = msg.report.value(u"status"_s).toString() == u"ok"_s;
        values[u"status"_s] = MailTemplates::phrase(ok ? u"delivered"_s : u"notDelivered"_s, lang);
        values[u"jobId"_s] = msg.report.value(u"jobId"_s).toVariant().toString();
        const QString recipient = MailNaming::displayNumber(msg.report.value(u"recipient"_s).toString());
        values[u"recipient"_s] = recipient.isEmpty() ? unknown : recipient;
        values[u"reason"_s] = msg.report.value(u"reason"_s).toString();
        values[u"reportSubject"_s] = msg.report.value(u"subject"_s).toString();
        values[u"reportPages"_s] = QString::number(msg.report.value(u"pages"_s).toInt());
    }
    return values;
}

// The attachments of one message and what they tell the texts beyond their bytes.
struct AttachmentSet
{
    QList<Attachment> files;
    int convertedPages = 0;
    int seconds = 0;                   // ${duration}: the kernel's, or the WAV's own
    std::optional<QByteArray> preview; // the fax's first page, shown in the HTML part
    QString note;                      // ${note}: why a fax stayed a TIFF
};

// A fax TIFF becomes a PDF as configured, and stays a TIFF when it cannot be converted so that
// nothing is lost.
void addFax(AttachmentSet& set, const QByteArray& data, const QString& path, const QString& name,
            const InboundMessage& msg, const MimeOptions& options, const QString& lang, QStringList* warnings)
{
    bool wantTiff = options.faxFormat != MimeOptions::FaxFormat::Pdf;
    if (options.faxFormat != MimeOptions::FaxFormat::Tif) {
        QString convertError;
        int pages = 0;
        const std::optional<QByteArray> pdf = FaxConverter::tiffToPdf(data, path, &convertError, &pages);
        if (pdf) {
            set.files.append({name + u".pdf"_s, u"application/pdf"_s, *pdf});
            set.convertedPages += pages;
            if (!set.preview) set.preview = FaxPreview::firstPagePng(data);
        } else {
            wantTiff = true;
            warnings->append(u"fax %1 was delivered as TIFF: "_s.arg(tokenChars(msg.kernelId)) +
                             convertError);
            const QString note =
                MailTemplates::phrase(u"tiffOnly"_s, lang).arg(convertError.section(u": "_s, -1).left(200));
            set.note = set.note.isEmpty() ? note : set.note + u'\n' + note;
        }
    }
    if (wantTiff) set.files.append({name + u".tif"_s, u"image/tiff"_s, data});
    if (options.faxFormat == MimeOptions::FaxFormat::Tif)
        set.convertedPages += std::max(0, FaxConverter::tiffPageCount(data, path, nullptr));
}

std::optional<AttachmentSet> collectAttachments(const InboundMessage& msg, const MimeOptions& options,
                                                const QString& baseName, const QString& lang,
                                                QStringList* warnings, QString* error)
{
    AttachmentSet set;
    set.seconds = std::max(0, msg.durationSeconds);
    for (qsizetype i = 0; i < msg.attachments.size(); ++i) {
        const QString& path = msg.attachments.at(i).name;
        const std::optional<QByteArray> data = readAttachment(msg.attachments.at(i), error);
        if (!data) return std::nullopt;
        const QString suffix = QFileInfo(path).suffix().toLower();
        const QString name = i == 0 ? baseName : u"%1 (%2)"_s.arg(baseName).arg(i + 1);
        const bool tiff = suffix == u"tif"_s || suffix == u"tiff"_s;
        if (msg.type == InboundMessage::Type::Fax && tiff) {
            addFax(set, *data, path, name, msg, options, lang, warnings);
            continue;
        }
        Attachment a{name + u'.' + (suffix.isEmpty() ? u"bin"_s : tokenChars(suffix)), mimeTypeFor(path),
                     *data};
        if (msg.type == InboundMessage::Type::Voice && a.mimeType.startsWith(u"audio/"_s)) {
            // The kernel may not know the length: the recording does.
            if (set.seconds == 0 && a.mimeType == u"audio/wav"_s)
                set.seconds = WavInfo::durationSeconds(*data).value_or(0);
            a.durationSeconds = set.seconds;
        }
        set.files.append(a);
    }
    return set;
}

// The header block; the caller checks its line lengths.
QByteArray headerBlock(const InboundMessage& msg, const BuiltMail& mail, const Sender& sender,
                       const QDateTime& now, const QByteArray& to, const QString& jobId)
{
    QByteArray headers;
    headers += "Date: " + MimeEncoding::rfc5322Date(now) + "\r\n";
    headers +=
        MimeEncoding::structuredHeader("From", MimeEncoding::formatAddress(sender.displayName, mail.from));
    if (!sender.replyTo.isEmpty())
        headers += MimeEncoding::structuredHeader(
            "Reply-To", MimeEncoding::formatAddress(sender.displayName, sender.replyTo, 10));
    headers += MimeEncoding::structuredHeader("To", to);
    headers += MimeEncoding::unstructuredHeader("Subject", mail.subject);
    headers += "Message-ID: " + mail.messageId.toLatin1() + "\r\n";
    headers += "MIME-Version: 1.0\r\n";
    headers += "Message-Context: " + MimeBuilder::messageContext(msg.type) + "\r\n";
    headers += "X-UMS-Type: " + typeName(msg.type).toLatin1() + "\r\n";
    if (const QString calling = numberChars(msg.calling); !calling.isEmpty())
        headers += "X-UMS-Calling: " + calling.toLatin1() + "\r\n";
    if (const QString called = numberChars(msg.called); !called.isEmpty())
        headers += "X-UMS-Called: " + called.toLatin1() + "\r\n";
    if (const QString id = tokenChars(msg.kernelId); !id.isEmpty())
        headers += "X-UMS-Kernel-Id: " + id.toLatin1() + "\r\n";
    if (msg.type == InboundMessage::Type::Report && !jobId.isEmpty())
        headers += "X-UMS-Job-Id: " + tokenChars(jobId).toLatin1() + "\r\n";
    return headers;
}

} // namespace

BuiltMail MimeBuilder::build(const InboundMessage& msg, const QStringList& recipients,
                             const MimeOptions& options)
{
    BuiltMail mail;
    const auto fail = [&](const QString& text) {
        mail.error = text;
        mail.data.clear();
        return mail;
    };
    if (recipients.isEmpty()) return fail(u"the message %1 has no recipient"_s.arg(tokenChars(msg.kernelId)));
    for (const QString& r : recipients)
        if (!MimeEncoding::isValidAddrSpec(r))
            return fail(
                u"recipient \"%1\" is not a valid e-mail address"_s.arg(MimeEncoding::sanitizeHeaderText(r)));

    const QString lang = MailTemplates::normalizeLanguage(options.language);
    const QString type = typeName(msg.type);
    const bool isReport = msg.type == InboundMessage::Type::Report;
    const QDateTime now =
        (options.now.isValid() ? options.now : QDateTime::currentDateTimeUtc()).toTimeZone(options.timeZone);
    const QDateTime received = (msg.received.isValid() ? msg.received : now).toTimeZone(options.timeZone);
    const QString unknown = MailTemplates::phrase(u"unknown"_s, lang);

    const Sender sender = senderFor(msg, options, unknown);
    if (!sender.error.isEmpty()) return fail(sender.error);
    mail.from = sender.from;

    QHash<QString, QString> values = messageValues(msg, options, received, lang, unknown);

    // A name a user can keep: who and when, in the recipient's language and the instance's zone.
    const QString baseName = MailNaming::attachmentBaseName(
        type, MailNaming::nationalNumber(isReport ? sender.number : msg.calling, msg.called), received, lang);
    QString readError;
    const std::optional<AttachmentSet> attachments =
        collectAttachments(msg, options, baseName, lang, &mail.warnings, &readError);
    if (!attachments) return fail(readError);
    values[u"note"_s] = attachments->note;
    const int seconds = attachments->seconds;
    if (msg.pages == 0 && attachments->convertedPages > 0)
        values[u"pages"_s] = QString::number(attachments->convertedPages);
    values[u"duration"_s] = u"%1:%2"_s.arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    values[u"seconds"_s] = QString::number(seconds);
    QStringList names;
    for (const Attachment& a : attachments->files)
        names.append(a.fileName);
    values[u"attachments"_s] = names.join(u", "_s);

    QString templateLoadError;
    const std::optional<MailTemplates::Text> text = MailTemplates::text(type, lang, &templateLoadError);
    if (!text) return fail(templateLoadError);
    mail.subject =
        MimeEncoding::sanitizeHeaderText(MailTemplates::expand(text->subject, values, false)).simplified();
    QString body = MailTemplates::expand(text->body, values, false);
    // An empty ${note} at the end would leave blank lines behind.
    while (body.endsWith(u'\n') || body.endsWith(u' ') || body.endsWith(u'\r'))
        body.chop(1);
    body.append(u'\n');

    const QString idDomain = MailNaming::messageIdDomain(options.mailDomain, options.messageIdDomain);
    QByteArray content;
    QByteArray mainPart = textPart(u"plain"_s, body);
    if (!isReport || options.htmlReport) {
        const std::optional<QString> html = MailTemplates::html(type, lang, &templateLoadError);
        if (!html) return fail(templateLoadError);
        const QByteArray cid = "preview." + randomHex(8) + '@' + idDomain.toLatin1();
        const std::optional<QByteArray>& preview = attachments->preview;
        values[u"textHtml"_s] = htmlText(msg.text);
        values[u"preview"_s] =
            preview ? previewImage(*preview, cid, MailTemplates::phrase(u"previewAlt"_s, lang)) : QString();
        const QString htmlBody = MailTemplates::expand(*html, values, true, {u"textHtml"_s, u"preview"_s});
        mainPart = multipart("alternative", {mainPart, htmlPart(htmlBody, preview, cid)});
    }
    if (attachments->files.isEmpty()) {
        content = mainPart;
    } else {
        QList<QByteArray> parts{mainPart};
        for (const Attachment& a : attachments->files)
            parts.append(attachmentPart(a));
        content = multipart("mixed", parts);
    }

    mail.messageId = u"<%1.%2@%3>"_s.arg(now.toUTC().toString(u"yyyyMMddHHmmsszzz"_s),
                                         QString::fromLatin1(randomHex(8)), idDomain);

    // "Anna Muster <anna@example.com>": the name the directory knows, when the caller passed it.
    QList<QByteArray> toItems;
    for (const QString& r : recipients)
        toItems.append(MimeEncoding::formatAddress(options.recipientNames.value(r.toLower()), r,
                                                   toItems.isEmpty() ? 4 : 1));
    const QByteArray headers =
        headerBlock(msg, mail, sender, now, toItems.join(", "), values.value(u"jobId"_s));
    // RFC 5322 2.1.1: folding keeps lines short; should a value ever defeat it, refuse the mail
    // rather than send one that servers may cut or reject.
    if (const qsizetype longest = MimeEncoding::longestHeaderLine(headers); longest > MimeEncoding::kMaxLine)
        return fail(u"a header line of the message %1 would be %2 characters long (at most %3 allowed)"_s
                        .arg(tokenChars(msg.kernelId))
                        .arg(longest)
                        .arg(MimeEncoding::kMaxLine));
    mail.data = headers + content;
    return mail;
}

} // namespace umgate
