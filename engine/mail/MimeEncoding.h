// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace umgate {

// Wire encodings for Internet mail. Everything returned is 7-bit ASCII with CRLF line ends, so a
// message built from these pieces needs neither 8BITMIME nor SMTPUTF8.
class MimeEncoding
{
public:
    static constexpr int kMaxHeaderLine = 78;  // RFC 5322 2.1.1 "SHOULD"
    static constexpr int kMaxEncodedWord = 75; // RFC 2047 2
    static constexpr int kBase64Line = 76;     // RFC 2045 6.8
    static constexpr int kMaxLine = 998;       // RFC 5322 2.1.1 "MUST", without CRLF
    // Longest word written as is in a header; longer ones become encoded words (which can be
    // split) so that folding at whitespace always keeps lines short.
    static constexpr int kMaxPlainWord = kMaxHeaderLine - 12;

    // The length of the longest header line of `message` (the part before the first empty
    // line), without CRLF: a built mail is refused when this exceeds kMaxLine.
    static qsizetype longestHeaderLine(const QByteArray& message);

    // Replaces CR, LF and other control characters by a space: header values come from the kernel
    // (numbers, SMS text) and must never start a new header line.
    static QString sanitizeHeaderText(const QString& text);

    // A complete header field "Name: value\r\n" for unstructured text (Subject, display texts):
    // plain ASCII when that is possible, otherwise RFC 2047 encoded words (UTF-8, Q or B, each at
    // most 75 characters, never splitting a character). Folded at whitespace to 78 columns.
    static QByteArray unstructuredHeader(const QByteArray& name, const QString& value);

    // A complete header field whose value is already 7-bit wire text (addresses, tokens): folded at
    // the whitespace after commas/spaces so lines stay within 78 columns where possible.
    static QByteArray structuredHeader(const QByteArray& name, const QByteArray& value);

    // RFC 2047 encoded words for `text`, separated by "\r\n " so that no line exceeds 78 columns
    // when the first word starts at `column`. `phrase` restricts Q encoding to the characters
    // RFC 2047 5(3) allows inside a display name.
    static QByteArray encodedWords(const QString& text, int column, bool phrase);

    // "Display Name <local@domain>": the name as atoms, a quoted-string (RFC 5322 3.2.4) or encoded
    // words, whatever is needed; just the address when `displayName` is empty. `column` is where
    // the name starts on its line (after "From: ": 6), so the first encoded word fits.
    static QByteArray formatAddress(const QString& displayName, const QString& addrSpec, int column = 6);

    // RFC 5322 3.4.1 addr-spec in dot-atom form, ASCII only (what our templates can produce).
    static bool isValidAddrSpec(const QString& address);

    // A Content-Type/Content-Disposition parameter: `; name="value"`, or the RFC 2231 form
    // `; name*=utf-8''...` (split into name*0*, name*1* ... when long) for non-ASCII values.
    static QByteArray mimeParameter(const QByteArray& name, const QString& value);

    // Base64 body, 76 characters per line, every line CRLF-terminated.
    static QByteArray base64Body(const QByteArray& data);

    // Quoted-printable (RFC 2045 6.7) of UTF-8 text; any line break in the input becomes CRLF, lines
    // are soft-broken at 76 characters, trailing whitespace before a break is encoded.
    static QByteArray quotedPrintable(const QString& text);

    // RFC 5322 3.3 date-time, e.g. "Thu, 26 Nov 2026 21:00:00 +0000" (English names, never the
    // locale's).
    static QByteArray rfc5322Date(const QDateTime& time);
};

} // namespace umgate
