// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/inbound/MimeReader.h"
#include "engine/inbound/SmtpServerSession.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace umgate {

// The kernel job protocol: how an instance hands a fax, SMS or voice job to the telephony side.
// The mirror of the kernel spool protocol for incoming messages (spool/KernelEnvelope.h).
//
// umgate writes each job into INSTANCE/Kernel/Outgoing: first the mail as received
// `<id>.eml`, then the envelope `<id>.json` LAST, by rename from `.<id>.json.tmp`, after the mail
// and the envelope's bytes are on disk (KernelJobWriter: one sync for every job written at that
// moment, then the renames, then one sync of the folder). The kernel looks only at `*.json` names
// that do not start with a dot, so it never sees a half-written job; a job is on disk before the
// mail server hears 250. The jobs of one mail with several recipients share the mail file by hard
// link (`<id>.eml` of each job): the kernel treats it as read-only. The kernel takes a job by
// renaming its envelope to `<id>.json.taken` (rename(2) is atomic: if it fails with ENOENT, the job
// was cancelled), then reads the envelope and the files and removes the files, the envelope last.
// An administrator cancels a job the same way from the other side: umgate renames the envelope to
// `.<id>.json.cancelled`, so exactly one of the two gets it. At start umgate removes what a crash
// left of a write or a cancel (`.<id>.json.tmp`, `.<id>.json.cancelled`, job files without an
// envelope); a taken envelope keeps its files.
//
// Envelope, version 1 (UTF-8 JSON object; the kernel ignores keys it does not know):
//   version            1
//   id                 the job id: [A-Za-z0-9._-]{1,128}, unique in the instance
//   type               "fax" | "sms" | "voice"
//   number             the number to dial, E.164 ("+4930123456")
//   recipient          the RCPT TO address the number came from
//   sender             the envelope sender (MAIL FROM), "" for the null sender
//   authenticatedUser  who logged in with AUTH, "" when nobody did
//   client             {"address": the mail server's IP, "helo": its EHLO/HELO name}
//   received           ISO 8601 UTC time of the 250
//   messageId          the mail's Message-ID header (with <>), "" when it has none
//   dsn                {"ret": "FULL"|"HDRS"|"", "envId": decoded ENVID, "notify": "SUCCESS,FAILURE"
//                       or "NEVER" or "" (not given), "orcpt": ORCPT as sent} (RFC 3461) for the report
//   message            the mail file's name in Kernel/Outgoing ("<id>.eml"), as received with
//                      umgate's Received: line on top
//   messageBytes       its size
//   subject            the Subject, decoded (RFC 2047)
//   priority           "high" | "normal" | "low" (X-Priority, Importance, Priority), lowered to the
//                      sender's priorityCap (ixi-UMS 5.1.2)
//   priorityRequested  what the mail asked for, only when it was lowered
//   reach              how far the number is from the site: "internal" | "local" | "national" |
//                      "international" (the send permission it needed); with senderData only
//   senderData         who sent the job and with what settings (ixi-UMS 4.2.4, 5.1), only when the
//                      instance checks senders (globalUserSettings.rights.checkSenders):
//                      {"user": the address whose settings apply (the sender, or the unknown-sender
//                       user), "dn": its directory entry, "faxSenderNumber", "isdnOriginatingAddress",
//                       "faxHeadline", "billingCode", "coverPage", "forceCoverPage", "priorityCap",
//                       "maxFaxPages", "vip", "htmlReportLanguage", "deleteAllReports",
//                       "coverPageFields": {"businessPhone", "businessFax", "department", "office",
//                       "custom1".."custom3", "company", "street", "postalCode", "city"} (4.2.5)}
//   text               the body text in UTF-8 (the first text/plain part, else the first text/html
//                      without tags; at most 256 Ki characters, the mail file has all of it)
//   attachments        [{"file": "<id>.<n>.<ext>" in Kernel/Outgoing, decoded, "name": the file
//                       name the sender gave (RFC 2231 / 2047 decoded), "type": "application/pdf",
//                       "bytes": n, "unsupported": why the kernel cannot use it (TNEF), if so}]
//   problems           what could not be read ("invalid base64", "nested deeper than 20 levels")
struct KernelJob
{
    static constexpr int kVersion = 1;

    // What the connection knows beyond the SMTP envelope.
    struct Context
    {
        QString id;
        QString clientAddress;
        QString authenticatedUser;
        QDateTime received;
        qint64 messageBytes = 0;
        QJsonObject sender; // SenderCheck::Result::sender; empty when senders are not checked
        QString reach;      // how far the number is: internal, local, national or international
    };

    // A new job id: UTC time and 64 random bits ("20261207T021530Z-3f9c0a1b2c3d4e5f").
    static QString newId();
    static bool isValidId(const QString& id);
    static QString messageFileName(const QString& id) { return id + QStringLiteral(".eml"); }
    static QString envelopeFileName(const QString& id) { return id + QStringLiteral(".json"); }

    // The envelope of one recipient's job; `content` is what MimeReader read from the mail and
    // `files` the names of this job's attachment files, in the order of content.attachments.
    static QJsonObject envelope(const ReceivedMail& message, const ReceivedRecipient& recipient,
                                const Context& context, const MimeReader::Content& content = {},
                                const QStringList& files = {});
};

} // namespace umgate
