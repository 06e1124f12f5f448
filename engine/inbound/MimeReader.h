// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <QStringList>

namespace umgate {

// Reads what a kernel job needs out of a received mail (issue 12): the subject, the Message-ID, the body text
// in UTF-8, the priority, and the attachments decoded (RFC 2045 base64 and quoted-printable, nested
// multiparts, RFC 2047 encoded words, RFC 2231 parameters). Pure and bounded for hostile input:
// one pass over the header block however many headers it has, at most `maxDepth` levels of
// multipart and `maxParts` parts (more are skipped with a note), and decoding never makes more
// bytes than it reads. What could not be read is said in `problems`, never silently dropped; the
// mail itself stays beside the job as received.
class MimeReader
{
public:
    struct Limits
    {
        int maxDepth = 20;
        int maxParts = 500;
        qsizetype maxText = qsizetype(256) * 1024; // characters of body text kept in the envelope
    };

    struct Attachment
    {
        QString fileName;       // from Content-Disposition filename or Content-Type name, decoded
        QByteArray contentType; // lower case, e.g. "application/pdf"
        QByteArray data;        // decoded
        QString unsupported;    // why the kernel cannot use it (TNEF), or empty
    };

    struct Content
    {
        QString subject;
        QByteArray messageId; // the Message-ID header as written (with <>), "" when none
        QString from;         // the first address of From (addr-spec, without <>), "" when none
        QString text;         // the first text/plain part; else the first text/html without tags
        QString priority;     // "high", "normal" or "low" (X-Priority, Importance, Priority)
        QList<Attachment> attachments;
        QStringList problems;
    };

    static Content read(const QByteArray& mail, const Limits& limits);
    static Content read(const QByteArray& mail) { return read(mail, Limits()); }

    // The header section of a mail (without the empty line behind it), at most 64 KiB of it:
    // read(headerSection(mail) + "\r\n\r\n") reads the headers without touching the body.
    static QByteArray headerSection(const QByteArray& mail);
    // The addr-spec of the first mailbox in an address list header value ("Anna <a@b>, c@d" ->
    // "a@b"), comments and quoted display names skipped; "" when there is none or it has no '@'.
    static QString firstAddress(QByteArrayView value);

    // The pieces, for the tests and the fuzz target.
    static QString decodeHeader(QByteArrayView value);                   // RFC 2047 words
    static QByteArray decodeBase64(QByteArrayView encoded, bool* clean); // whitespace ignored
    static QByteArray decodeQuotedPrintable(QByteArrayView encoded);
    // A parameter of a Content-Type or Content-Disposition value, RFC 2231 continuations and
    // charsets included; empty when absent.
    static QString parameter(QByteArrayView headerValue, QByteArrayView name);
    static QString toUnicode(const QByteArray& bytes, const QByteArray& charset, bool* known);
};

} // namespace umgate
