// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace umgate {

// The kernel spool protocol: how the telephony side hands a message to an instance.
//
// The kernel writes the attachment files into INSTANCE/Kernel/Incoming first, then the envelope
// `<name>.json` LAST, by rename (write `.<name>.json.tmp`, fsync, rename). umgate only looks at
// `*.json` names that do not start with a dot, so it never sees a half-written envelope. umgate
// removes the envelope and its attachments once the mail is durably queued (or stored, or
// deliberately deleted by the "delete" message store); a malformed envelope moves to
// Kernel/Incoming/Error with `<name>.reason.txt` beside it.
//
// Envelope, version 1 (UTF-8 JSON object; unknown keys are ignored, so the kernel may add some):
//   version      1 (required)
//   id           the kernel's unique message id: [A-Za-z0-9._-]{1,128} (required); dedupe key
//   type         "fax" | "voice" | "sms" | "report" (required)
//   calling      calling party number, canonical (E.164, spaces allowed), "" when withheld
//   called       called party number, canonical (required except for reports)
//   time         ISO 8601 with zone, e.g. "2026-11-26T21:00:00Z" (required)
//   pages        fax: number of pages (>= 0)
//   duration     voice: seconds (>= 0)
//   text         sms: the text; report: the kernel's text
//   attachments  file names in Kernel/Incoming (no paths): fax a TIFF, voice a WAV (optional)
//   report       report only: {"status": "ok"|"failed", "jobId": ..., "sender": "a@b" (who
//                receives the report), "recipient": number, "pages": n, "reason": text}
struct KernelEnvelope
{
    enum class Type
    {
        Fax,
        Voice,
        Sms,
        Report
    };
    static constexpr int kVersion = 1;

    QString fileName; // the envelope's name in the spool, set by parse()
    QString id;
    Type type = Type::Fax;
    QString calling;
    QString called;
    QDateTime time;
    int pages = 0;
    int durationSeconds = 0;
    QString text;
    QStringList attachments; // names relative to the spool folder
    QJsonObject report;

    // Parses and checks an envelope; `spoolDir` is where attachments must exist (empty: the files
    // are not looked for, e.g. before they are written). On failure
    // returns nothing and says why in one sentence that names the field.
    static std::optional<KernelEnvelope> parse(const QByteArray& json, const QString& spoolDir,
                                               QString* error);
    QJsonObject toJson() const;

    static QString typeName(Type type);
    static std::optional<Type> typeFromName(const QString& name);
    static bool isValidId(const QString& id);
    static bool isValidAttachmentName(const QString& name);

    // Drops a message into a spool folder the way the kernel does: attachments first, envelope last,
    // each written durably. Used by `umgatectl inject` and Send Test Message. `files` maps an
    // attachment name to its bytes.
    static bool write(const QString& spoolDir, const KernelEnvelope& envelope,
                      const QList<std::pair<QString, QByteArray>>& files, QString* error);
};

} // namespace umgate
