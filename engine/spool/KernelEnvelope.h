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
// Kernel/Incoming/Error with `<name>.reason.txt` beside it, together with the attachments it names
// (valid attachment names only; links are moved as links, never followed).
//
// What umgate refuses (moved to Error with the reason and a log line, never retried):
//   - a `*.json` entry that is not a regular file (symbolic link, FIFO, folder) or whose name is
//     not valid UTF-8 (moved under its percent-encoded name); nothing of it is opened;
//   - an envelope or attachment that is a symbolic link, FIFO or device when umgate opens it:
//     every spool file is opened once, openat(spool, name, O_NOFOLLOW|O_NONBLOCK), checked with
//     fstat (a regular file; envelope <= 1 MiB, attachment <= 100 MiB) and read from that
//     descriptor; nothing is opened again by name later;
//   - an envelope the engine died on twice (the poison rule): before processing starts umgate
//     writes `Kernel/Incoming/.processing/<name>` (the number of engine deaths so far) and removes
//     it when processing ends. A record found at start counts one death and makes the envelope a
//     suspect, processed again only when nothing else is waiting, and then alone; at the second
//     death the envelope and its attachments go to Error ("the engine stopped 2 times while
//     processing this message"). Test hook: UMGATE_TEST_STALL_KERNEL_ID=<id> makes processing of
//     that id hang.
//
// A fax TIFF is converted within a budget (FaxConverter.h: 1,000 million pixels and 256 MiB of
// image data per fax) on a worker thread; a fax over it is delivered as the TIFF received, with
// a note in the mail, instead of a PDF.
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
    // The attachment names an envelope lists, as far as it can be read at all: only valid
    // attachment names (so a malformed envelope's files can follow it to the error folder).
    static QStringList attachmentNamesOf(const QByteArray& json);

    // Drops a message into a spool folder the way the kernel does: attachments first, envelope last,
    // each written durably. Used by `umgatectl inject` and Send Test Message. `files` maps an
    // attachment name to its bytes.
    static bool write(const QString& spoolDir, const KernelEnvelope& envelope,
                      const QList<std::pair<QString, QByteArray>>& files, QString* error);
};

} // namespace umgate
