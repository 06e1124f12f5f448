// SPDX-License-Identifier: GPL-3.0-or-later
// The mail of a kernel message (engine/mail/MimeBuilder), from the kernel's envelope through the
// production path: KernelEnvelope::parse -> InstanceMail::toInbound (attachments read through
// SpoolFile) -> MimeBuilder::build.
// Input: one JSON object {"envelope": {...kernel envelope...}, "options": {language, faxFormat,
// senderTemplate, replyToTemplate, displayNameTemplate, reportDisplayNameTemplate, mailDomain,
// messageIdDomain, htmlReport}, "recipients": [...]}. The envelope's attachments may name the
// files LLVMFuzzerInitialize puts into a spool folder: voice.wav, fax.tif (not a TIFF: the
// conversion fails, the mail keeps the file) and note.txt.
#include "engine/delivery/InstanceMail.h"
#include "engine/mail/MimeBuilder.h"
#include "engine/spool/KernelEnvelope.h"
#include "tests/fuzz/FuzzSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

using namespace umgate;

namespace {

QTemporaryDir* g_spool = nullptr;

void writeFile(const QString& name, const QByteArray& bytes)
{
    QFile f(g_spool->filePath(name));
    fuzz::check(f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size(), "spool file written");
}

MimeOptions optionsFrom(const QJsonObject& o)
{
    MimeOptions m;
    m.language = o.value(QStringLiteral("language")).toString(m.language);
    const QString format = o.value(QStringLiteral("faxFormat")).toString();
    m.faxFormat = format == QLatin1String("tif")    ? MimeOptions::FaxFormat::Tif
                  : format == QLatin1String("both") ? MimeOptions::FaxFormat::Both
                                                    : MimeOptions::FaxFormat::Pdf;
    m.senderTemplate = o.value(QStringLiteral("senderTemplate")).toString();
    m.replyToTemplate = o.value(QStringLiteral("replyToTemplate")).toString();
    m.displayNameTemplate = o.value(QStringLiteral("displayNameTemplate")).toString();
    m.reportDisplayNameTemplate = o.value(QStringLiteral("reportDisplayNameTemplate")).toString();
    m.mailDomain = o.value(QStringLiteral("mailDomain")).toString();
    m.messageIdDomain = o.value(QStringLiteral("messageIdDomain")).toString();
    m.htmlReport = o.value(QStringLiteral("htmlReport")).toBool();
    // Fixed clock and zone: the same input always builds the same mail.
    m.now = QDateTime(QDate(2026, 11, 26), QTime(21, 0), Qt::UTC);
    m.timeZone = QTimeZone("Europe/Berlin");
    return m;
}

void checkWireFormat(const QByteArray& data)
{
    for (qsizetype i = 0; i < data.size(); ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        fuzz::check(c != 0 && c < 0x80, "the mail is 7-bit without NUL", QString::number(i));
        if (c == '\n') fuzz::check(i > 0 && data[i - 1] == '\r', "no bare LF", QString::number(i));
        if (c == '\r')
            fuzz::check(i + 1 < data.size() && data[i + 1] == '\n', "no bare CR", QString::number(i));
    }
    fuzz::check(data.contains("\r\n\r\n"), "headers end with an empty line");
    // RFC 5322 2.1.1: no line over 998 characters, headers and body alike.
    qsizetype lineStart = 0;
    for (qsizetype i = data.indexOf("\r\n"); i >= 0; i = data.indexOf("\r\n", lineStart)) {
        fuzz::check(i - lineStart <= 998, "no line over 998 characters", QString::number(lineStart));
        lineStart = i + 2;
    }
    fuzz::check(data.size() - lineStart <= 998, "no line over 998 characters", QString::number(lineStart));
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    g_spool = new QTemporaryDir(QDir::tempPath() + QStringLiteral("/umgate-fuzz-mime-XXXXXX"));
    fuzz::check(g_spool->isValid(), "temporary spool folder");
    static const char wav[] = "RIFF\x24\0\0\0WAVEfmt ";
    static const char tif[] = "II*\0 not really a TIFF";
    static const char txt[] = "\xc3\xa4 line one\nline two\r\n\0x";
    writeFile(QStringLiteral("voice.wav"), QByteArray(wav, sizeof wav - 1) + QByteArray(64, 'v'));
    writeFile(QStringLiteral("fax.tif"), QByteArray(tif, sizeof tif - 1));
    writeFile(QStringLiteral("note.txt"), QByteArray(txt, sizeof txt - 1));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (!g_spool) LLVMFuzzerInitialize(nullptr, nullptr);
    const QJsonObject input = QJsonDocument::fromJson(fuzz::bytes(data, size)).object();
    const QByteArray envelopeJson =
        QJsonDocument(input.value(QStringLiteral("envelope")).toObject()).toJson(QJsonDocument::Compact);
    const auto envelope = KernelEnvelope::parse(envelopeJson, g_spool->path(), nullptr);
    if (!envelope) return 0;
    QStringList recipients;
    for (const auto& r : input.value(QStringLiteral("recipients")).toArray())
        recipients << r.toString();
    QString readError;
    const std::optional<InboundMessage> message =
        InstanceMail::toInbound(*envelope, g_spool->path(), &readError);
    if (!message) return 0;
    const BuiltMail mail = MimeBuilder::build(*message, recipients,
                                              optionsFrom(input.value(QStringLiteral("options")).toObject()));
    if (!mail.ok()) {
        fuzz::check(mail.data.isEmpty(), "a failed build gives no mail");
        return 0;
    }
    checkWireFormat(mail.data);
    fuzz::check(mail.messageId.startsWith(u'<') && mail.messageId.endsWith(u'>'),
                "Message-ID in angle brackets", mail.messageId);
    fuzz::check(MimeBuilder::expandAddressTemplate(mail.from, {}, {}, {}) == mail.from, "From: is an address",
                mail.from);
    return 0;
}
