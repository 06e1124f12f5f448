// SPDX-License-Identifier: GPL-3.0-or-later
// What the recipient of a fax, voice or SMS mail sees (issue 10): header lines within RFC 5322's
// limit whatever the templates say, the length of a voice message read from its WAV, To: with the
// directory's names, numbers as the kernel grouped them, attachment names a user can keep,
// Message-IDs in a real domain, the signature marker, and the HTML part with the fax preview.
// Every mail is parsed by Python's email package with policy.strict.
#include "engine/mail/FaxPreview.h"
#include "engine/mail/MailNaming.h"
#include "engine/mail/MailTemplates.h"
#include "engine/mail/MimeBuilder.h"
#include "engine/mail/MimeEncoding.h"
#include "engine/mail/WavInfo.h"
#include "tests/MailTestFiles.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>
#include <tiffio.h>

using namespace umgate;
using namespace Qt::StringLiterals;

namespace {

// Parses a mail strictly and reports its tree, headers and parts; PNG images are checked chunk by
// chunk (CRC, IHDR, the inflated size) without any imaging library.
constexpr char kChecker[] = R"PY(
import email, email.header, email.policy, json, struct, sys, zlib
raw = open(sys.argv[1], 'rb').read()
msg = email.message_from_bytes(raw, policy=email.policy.strict)
head = raw.split(b'\r\n\r\n', 1)[0]
out = {'maxHeaderLine': max(len(l) for l in head.split(b'\r\n')), 'tree': [], 'parts': []}
def png_check(data):
    if data[:8] != b'\x89PNG\r\n\x1a\n':
        return 'bad signature'
    pos, idat, ihdr = 8, b'', None
    while pos < len(data):
        n, = struct.unpack('>I', data[pos:pos + 4]); kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + n]; crc, = struct.unpack('>I', data[pos + 8 + n:pos + 12 + n])
        if zlib.crc32(kind + body) != crc:
            return 'bad crc in ' + kind.decode()
        if kind == b'IHDR':
            ihdr = struct.unpack('>IIBBBBB', body)
        if kind == b'IDAT':
            idat += body
        pos += 12 + n
        if kind == b'IEND':
            break
    w, h, depth, colour = ihdr[0], ihdr[1], ihdr[2], ihdr[3]
    pixels = zlib.decompress(idat)
    if depth != 8 or colour != 0 or len(pixels) != (w + 1) * h:
        return 'bad image data'
    rows = [pixels[y * (w + 1) + 1:(y + 1) * (w + 1)] for y in range(h)]
    return {'width': w, 'height': h, 'dark': sum(1 for r in rows for p in r if p < 128)}
for part in msg.walk():
    out['tree'].append({'type': part.get_content_type(), 'params': dict(part.get_params() or [])})
    if part.is_multipart():
        continue
    p = {'type': part.get_content_type(), 'filename': part.get_filename(), 'cid': part.get('Content-ID'),
         'duration': part.get('Content-Duration'), 'rawDisposition': part.get('Content-Disposition', '')}
    payload = part.get_payload(decode=True)
    if part.get_content_maintype() == 'text':
        p['text'] = part.get_content().replace('\r\n', '\n')
    if part.get_content_type() == 'image/png':
        p['png'] = png_check(payload)
    out['parts'].append(p)
for name in ('Subject', 'Message-ID', 'X-UMS-Calling', 'X-UMS-Called'):
    out[name] = str(msg.get(name))
def addr(h):
    v = msg.get(h)
    return [] if v is None else [{'name': a.display_name, 'addr': a.addr_spec} for a in v.addresses]
out['From'] = addr('From'); out['To'] = addr('To')
# RFC 2047 6.2: whitespace between adjacent encoded words is dropped; Python's address parser keeps
# it inside display names, its decode_header does not.
legacy = email.message_from_bytes(raw)
out['FromDecoded'] = str(email.header.make_header(email.header.decode_header(legacy['From'])))
print(json.dumps(out))
)PY";

void le16(QByteArray& b, quint16 v)
{
    char c[2];
    qToLittleEndian(v, c);
    b.append(c, 2);
}

void le32(QByteArray& b, quint32 v)
{
    char c[4];
    qToLittleEndian(v, c);
    b.append(c, 4);
}

// A PCM WAV as a telephony kernel writes it: 8 kHz, 16 bit, mono, optionally with a LIST chunk
// of odd size before the data (padding) and the sizes as given.
QByteArray makeWav(qint64 samples, bool listChunk = false, quint32 sampleRate = 8000)
{
    QByteArray fmt;
    le16(fmt, 1);
    le16(fmt, 1);
    le32(fmt, sampleRate);
    le32(fmt, sampleRate * 2);
    le16(fmt, 2);
    le16(fmt, 16);
    QByteArray body = "WAVE";
    body += "fmt ";
    le32(body, quint32(fmt.size()));
    body += fmt;
    if (listChunk) {
        body += "LIST";
        le32(body, 5);
        body += QByteArray("INFOx", 5) + '\0'; // odd size, one pad byte
    }
    body += "data";
    le32(body, quint32(samples * 2));
    body += QByteArray(samples * 2, '\x10');
    QByteArray wav = "RIFF";
    le32(wav, quint32(body.size()));
    return wav + body;
}

} // namespace

class TestMailPresentation : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void headerLinesStayShort();
    void wavDuration();
    void hostileWavs();
    void voiceWithoutDurationUsesTheWav();
    void toShowsDirectoryNames();
    void numbersAsTheKernelGroupedThem();
    void attachmentNames();
    void messageIdDomain();
    void smsFooterIsASignatureMarker();
    void htmlParts();
    void faxPreview();

private:
    QJsonObject parse(const QByteArray& mail);
    MimeOptions options(const QString& language = u"en"_s) const;
    InboundMessage message(InboundMessage::Type type) const;
    static InboundMessage::File fileOf(const QString& path)
    {
        QFile f(path);
        return {path, f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray()};
    }

    QTemporaryDir m_dir;
    QString m_checker;
    QString m_tiff;
};

void TestMailPresentation::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_checker = m_dir.filePath(u"check.py"_s);
    QFile c(m_checker);
    QVERIFY(c.open(QIODevice::WriteOnly));
    c.write(kChecker);
    c.close();
    m_tiff = m_dir.filePath(u"fax.tif"_s);
    QVERIFY(umgate::test::writeFaxTiff(m_tiff));
}

QJsonObject TestMailPresentation::parse(const QByteArray& mail)
{
    static int counter = 0;
    return umgate::test::runMailChecker(m_checker, m_dir.filePath(u"mail-%1.eml"_s.arg(++counter)), mail);
}

MimeOptions TestMailPresentation::options(const QString& language) const
{
    MimeOptions o;
    o.language = language;
    o.mailDomain = u"domain.net"_s;
    o.messageIdDomain = u"gw1.domain.net"_s;
    o.now = QDateTime(QDate(2026, 12, 4), QTime(15, 6, 0), QTimeZone::utc());
    o.timeZone = QTimeZone("Europe/Berlin");
    return o;
}

InboundMessage TestMailPresentation::message(InboundMessage::Type type) const
{
    InboundMessage m;
    m.type = type;
    m.kernelId = u"k-77"_s;
    m.calling = u"+49 30 5550101"_s;
    m.called = u"+49 89 1234 100"_s;
    m.received = QDateTime(QDate(2026, 12, 4), QTime(15, 5, 30), QTimeZone::utc());
    m.text = u"hello"_s;
    return m;
}

void TestMailPresentation::headerLinesStayShort()
{
    // Display names of 2,000 characters: one word, many words, non-ASCII, quoted specials.
    const QStringList names{QString(2000, u'A'), (u"Fax "_s).repeated(500), QString(2000, u'ü'),
                            u"\"Zentrale\", "_s + QString(1990, u'x'),
                            (u"Müller "_s + QString(300, u'y')).repeated(6)};
    for (const QString& name : names) {
        MimeOptions o = options();
        o.displayNameTemplate = name;
        o.replyToTemplate = u"$(number)@reply.domain.net"_s;
        o.recipientNames.insert(u"anna@example.com"_s, name);
        const BuiltMail mail =
            MimeBuilder::build(message(InboundMessage::Type::Sms), {u"anna@example.com"_s}, o);
        QVERIFY2(mail.ok(), qPrintable(mail.error));
        QVERIFY2(MimeEncoding::longestHeaderLine(mail.data) <= 78,
                 qPrintable(QString::number(MimeEncoding::longestHeaderLine(mail.data))));
        for (const QByteArray& word : mail.data.left(mail.data.indexOf("\r\n\r\n")).split(' '))
            if (word.startsWith("=?")) QVERIFY2(word.trimmed().size() <= 75, word.constData());
        const QJsonObject r = parse(mail.data);
        QVERIFY(!r.isEmpty());
        // Python's address parser puts a space between adjacent encoded words (see the checker):
        // compare without spaces there, and exactly through RFC 2047 decoding for the one-word name.
        const auto squeeze = [](QString t) { return t.remove(u' '); };
        QCOMPARE(squeeze(r.value(u"From"_s).toArray().at(0).toObject().value(u"name"_s).toString()),
                 squeeze(name));
        QCOMPARE(squeeze(r.value(u"To"_s).toArray().at(0).toObject().value(u"name"_s).toString()),
                 squeeze(name));
        if (!name.contains(u' ') && !name.contains(u'"'))
            QCOMPARE(r.value(u"FromDecoded"_s).toString(), name + u" <+49305550101@sms.domain.net>"_s);
    }
    // A long file name parameter is split (RFC 2231), never one long line.
    const QByteArray param = MimeEncoding::structuredHeader(
        "Content-Disposition", "attachment" + MimeEncoding::mimeParameter("filename", QString(1500, u'é')));
    QVERIFY(MimeEncoding::longestHeaderLine(param + "\r\n") <= 78);
}

void TestMailPresentation::wavDuration()
{
    QCOMPARE(WavInfo::durationSeconds(makeWav(8000 * 83 + 3000)), 83);
    QCOMPARE(WavInfo::durationSeconds(makeWav(8000 * 83 + 5000, true)), 84); // LIST chunk with padding
    QCOMPARE(WavInfo::durationMs(makeWav(4000)), 500);
    QCOMPARE(WavInfo::durationSeconds(makeWav(100)), 1); // not empty: never "0:00"
    QCOMPARE(WavInfo::durationSeconds(makeWav(0)), 0);
    QCOMPARE(WavInfo::durationSeconds(makeWav(qint64{44100} * 7, false, 44100)), 7);
    // Cut off in the middle of the data: the bytes present count.
    QByteArray cut = makeWav(qint64{8000} * 10);
    cut.truncate(cut.size() - qsizetype{8000} * 2 * 4);
    QCOMPARE(WavInfo::durationSeconds(cut), 6);
}

void TestMailPresentation::hostileWavs()
{
    const QByteArray good = makeWav(qint64{8000} * 3);
    QVERIFY(!WavInfo::durationSeconds(QByteArray()));
    QVERIFY(!WavInfo::durationSeconds(QByteArray("RIFF")));
    QVERIFY(!WavInfo::durationSeconds(good.left(30))); // fmt chunk cut
    QVERIFY(!WavInfo::durationSeconds(QByteArray(good).replace("WAVE", "AVI ")));
    QVERIFY(!WavInfo::durationSeconds(QByteArray(good).replace("data", "junk"))); // no data chunk
    QByteArray noRate = good;
    qToLittleEndian<quint32>(0, noRate.data() + 24); // sample rate 0
    QVERIFY(!WavInfo::durationSeconds(noRate));
    QByteArray noChannels = good;
    qToLittleEndian<quint16>(0, noChannels.data() + 22);
    QVERIFY(!WavInfo::durationSeconds(noChannels));
    // Chunk sizes of 0xFFFFFFFF (streaming writers, or an attack): nothing past the end is read.
    QByteArray huge = good;
    qToLittleEndian<quint32>(0xFFFFFFFFu, huge.data() + 16); // fmt size
    QVERIFY(!WavInfo::durationSeconds(huge));
    QByteArray hugeData = good;
    qToLittleEndian<quint32>(0xFFFFFFFFu, hugeData.data() + 40); // data size
    QCOMPARE(WavInfo::durationSeconds(hugeData), 3);
    // Thousands of empty chunks before the data: bounded, and no answer rather than a hang.
    QByteArray many = good.left(36);
    for (int i = 0; i < 10000; ++i)
        many += QByteArray("junk\0\0\0\0", 8);
    many += good.mid(36);
    QVERIFY(!WavInfo::durationSeconds(many));
    // Random damage: never a crash, never a negative length.
    QRandomGenerator rng(1234);
    for (int i = 0; i < 3000; ++i) {
        QByteArray bad = good.left(64);
        for (int j = 0; j < 4; ++j)
            bad[rng.bounded(int(bad.size()))] = char(rng.bounded(256));
        if (const auto s = WavInfo::durationSeconds(bad)) QVERIFY(*s >= 0);
    }
}

void TestMailPresentation::voiceWithoutDurationUsesTheWav()
{
    InboundMessage msg = message(InboundMessage::Type::Voice);
    msg.durationSeconds = 0; // the kernel did not say
    msg.attachments = {{u"voice.wav"_s, makeWav(8000 * 83 + 1000)}};
    const BuiltMail mail = MimeBuilder::build(msg, {u"anna@example.com"_s}, options());
    QVERIFY2(mail.ok(), qPrintable(mail.error));
    QVERIFY2(mail.subject.contains(u"(1:23)"_s), qPrintable(mail.subject));
    const QJsonObject r = parse(mail.data);
    const QJsonArray parts = r.value(u"parts"_s).toArray();
    QCOMPARE(parts.last().toObject().value(u"duration"_s).toString(), u"83"_s);
    QVERIFY(parts.at(0).toObject().value(u"text"_s).toString().contains(u"1:23 (83 seconds)"_s));
}

void TestMailPresentation::toShowsDirectoryNames()
{
    MimeOptions o = options();
    o.recipientNames.insert(u"anna@example.com"_s, u"Anna Muster"_s);
    o.recipientNames.insert(u"juergen@example.com"_s, u"Müller, Jürgen"_s);
    const BuiltMail mail =
        MimeBuilder::build(message(InboundMessage::Type::Sms),
                           {u"Anna@Example.com"_s, u"juergen@example.com"_s, u"x@example.com"_s}, o);
    QVERIFY2(mail.ok(), qPrintable(mail.error));
    QVERIFY2(mail.data.contains("To: Anna Muster <Anna@Example.com>"), mail.data.left(600).constData());
    const QJsonArray to = parse(mail.data).value(u"To"_s).toArray();
    QCOMPARE(to.size(), 3);
    QCOMPARE(to.at(0).toObject().value(u"name"_s).toString(), u"Anna Muster"_s);
    QCOMPARE(to.at(1).toObject().value(u"name"_s).toString(), u"Müller, Jürgen"_s);
    QCOMPARE(to.at(1).toObject().value(u"addr"_s).toString(), u"juergen@example.com"_s);
    QCOMPARE(to.at(2).toObject().value(u"name"_s).toString(), QString());
}

void TestMailPresentation::numbersAsTheKernelGroupedThem()
{
    InboundMessage msg = message(InboundMessage::Type::Sms);
    const BuiltMail mail = MimeBuilder::build(msg, {u"anna@example.com"_s}, options());
    QVERIFY2(mail.ok(), qPrintable(mail.error));
    const QJsonObject r = parse(mail.data);
    QCOMPARE(mail.subject, u"SMS from +49 30 5550101: hello"_s);
    const QJsonObject from = r.value(u"From"_s).toArray().at(0).toObject();
    QCOMPARE(from.value(u"name"_s).toString(), u"+49 30 5550101"_s);
    QCOMPARE(from.value(u"addr"_s).toString(), u"+49305550101@sms.domain.net"_s); // canonical
    QCOMPARE(r.value(u"X-UMS-Calling"_s).toString(), u"+49305550101"_s);
    QCOMPARE(r.value(u"X-UMS-Called"_s).toString(), u"+49891234100"_s);
    const QString text = r.value(u"parts"_s).toArray().at(0).toObject().value(u"text"_s).toString();
    QVERIFY2(text.contains(u"+49 30 5550101 to +49 89 1234 100"_s), qPrintable(text));
    QCOMPARE(MailNaming::displayNumber(u"  +49  30\t5550101\r\nBcc: x"_s), u"+49 30 5550101"_s);
    QCOMPARE(MailNaming::nationalNumber(u"+49 30 5550101"_s, u"+49 89 1"_s), u"030 5550101"_s);
    QCOMPARE(MailNaming::nationalNumber(u"+33 1 2345678"_s, u"+49 89 1"_s), u"+33 1 2345678"_s);
    QCOMPARE(MailNaming::nationalNumber(u"+39 06 123456"_s, u"+39 02 1"_s), u"+39 06 123456"_s); // no trunk 0
    QCOMPARE(MailNaming::nationalNumber(u"+49305550101"_s, u"+49 89 1"_s), u"+49305550101"_s); // not guessed
}

void TestMailPresentation::attachmentNames()
{
    InboundMessage msg = message(InboundMessage::Type::Fax);
    msg.attachments = {fileOf(m_tiff)};
    BuiltMail mail = MimeBuilder::build(msg, {u"a@example.com"_s}, options());
    QVERIFY2(mail.ok(), qPrintable(mail.error));
    QJsonArray parts = parse(mail.data).value(u"parts"_s).toArray();
    // 15:05 UTC is 16:05 in Berlin; no '+', no colon.
    QCOMPARE(parts.last().toObject().value(u"filename"_s).toString(),
             u"Fax from 030 5550101, 2026-12-04 16.05.pdf"_s);
    // Non-ASCII names travel as RFC 2231 and decode to the same text.
    mail = MimeBuilder::build(msg, {u"a@example.com"_s}, options(u"fr"_s));
    parts = parse(mail.data).value(u"parts"_s).toArray();
    QCOMPARE(parts.last().toObject().value(u"filename"_s).toString(),
             u"Télécopie de 030 5550101, 2026-12-04 16.05.pdf"_s);
    QVERIFY(parts.last().toObject().value(u"rawDisposition"_s).toString().contains(u"filename*"_s) ||
            mail.data.contains("filename*"));
    // Withheld number, other country.
    msg.calling.clear();
    mail = MimeBuilder::build(msg, {u"a@example.com"_s}, options(u"de"_s));
    parts = parse(mail.data).value(u"parts"_s).toArray();
    QCOMPARE(parts.last().toObject().value(u"filename"_s).toString(),
             u"Fax von unbekannt, 2026-12-04 16.05.pdf"_s);
    QCOMPARE(MailNaming::safeFileName(u"a/b\\c:d*e?f\"g<h>i|j\u0001.pdf"_s), u"a-b-c.d-e-f-g-h-i-j-.pdf"_s);
    QCOMPARE(MailNaming::safeFileName(u"Fax. . .pdf"_s), u"Fax.pdf"_s);
    QCOMPARE(MailNaming::safeFileName(u"con.pdf"_s), u"message con.pdf"_s);
    QCOMPARE(MailNaming::safeFileName(QString(300, u'x') + u".pdf"_s).size(), 120);
}

void TestMailPresentation::messageIdDomain()
{
    QCOMPARE(MailNaming::messageIdDomain(u"domain.net"_s, u"gw1.example.org"_s), u"domain.net"_s);
    QCOMPARE(MailNaming::messageIdDomain(QString(), u"gw1.example.org."_s), u"gw1.example.org"_s);
    QCOMPARE(MailNaming::messageIdDomain(QString(), u"gw1"_s), u"umgate.invalid"_s);
    QCOMPARE(MailNaming::messageIdDomain(u"localhost"_s, u"gw1"_s), u"umgate.invalid"_s);
    MimeOptions o = options();
    o.senderTemplate = u"$(number)@fax.example.org"_s;
    o.mailDomain.clear();
    o.messageIdDomain = u"gw1"_s; // QSysInfo::machineHostName() is often the bare name
    BuiltMail mail = MimeBuilder::build(message(InboundMessage::Type::Sms), {u"a@example.com"_s}, o);
    QVERIFY2(mail.ok(), qPrintable(mail.error));
    QVERIFY2(mail.messageId.endsWith(u"@umgate.invalid>"_s), qPrintable(mail.messageId));
    mail = MimeBuilder::build(message(InboundMessage::Type::Sms), {u"a@example.com"_s}, options());
    QVERIFY2(mail.messageId.endsWith(u"@domain.net>"_s), qPrintable(mail.messageId));
    QCOMPARE(parse(mail.data).value(u"Message-ID"_s).toString(), mail.messageId);
}

void TestMailPresentation::smsFooterIsASignatureMarker()
{
    for (const QString& language : MailTemplates::languages()) {
        const BuiltMail mail =
            MimeBuilder::build(message(InboundMessage::Type::Sms), {u"a@example.com"_s}, options(language));
        QVERIFY2(mail.ok(), qPrintable(mail.error));
        const QString text =
            parse(mail.data).value(u"parts"_s).toArray().at(0).toObject().value(u"text"_s).toString();
        QVERIFY2(text.contains(u"\n-- \n"_s), qPrintable(language + u": "_s + text));
    }
}

void TestMailPresentation::htmlParts()
{
    for (const QString& language : MailTemplates::languages()) {
        InboundMessage msg = message(InboundMessage::Type::Sms);
        msg.text = u"<script>alert(1)</script> & \"x\"\nline 2"_s;
        msg.calling = u"+49 30 <b>5550101"_s;
        const BuiltMail mail = MimeBuilder::build(msg, {u"a@example.com"_s}, options(language));
        QVERIFY2(mail.ok(), qPrintable(mail.error));
        const QJsonObject r = parse(mail.data);
        const QJsonArray tree = r.value(u"tree"_s).toArray();
        QCOMPARE(tree.at(0).toObject().value(u"type"_s).toString(), u"multipart/alternative"_s);
        const QJsonArray parts = r.value(u"parts"_s).toArray();
        QCOMPARE(parts.size(), 2);
        QCOMPARE(parts.at(0).toObject().value(u"type"_s).toString(), u"text/plain"_s);
        QCOMPARE(parts.at(1).toObject().value(u"type"_s).toString(), u"text/html"_s);
        const QString h = parts.at(1).toObject().value(u"text"_s).toString();
        QVERIFY2(!h.contains(u"<script>"_s) && !h.contains(u"<b>"_s), qPrintable(h));
        QVERIFY2(h.contains(u"&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;<br>\nline 2"_s),
                 qPrintable(h));
        QVERIFY(h.contains(u"lang=\"%1\""_s.arg(language)));
        QVERIFY2(!h.contains(u"${"_s), qPrintable(h));
    }
    for (const auto type : {InboundMessage::Type::Fax, InboundMessage::Type::Voice}) {
        const BuiltMail mail = MimeBuilder::build(message(type), {u"a@example.com"_s}, options(u"de"_s));
        QVERIFY2(mail.ok(), qPrintable(mail.error));
        const QJsonArray parts = parse(mail.data).value(u"parts"_s).toArray();
        QCOMPARE(parts.at(1).toObject().value(u"type"_s).toString(), u"text/html"_s);
        const QString h = parts.at(1).toObject().value(u"text"_s).toString();
        QVERIFY2(h.contains(u"+49 30 5550101"_s) && !h.contains(u"${"_s) && !h.contains(u"<img"_s),
                 qPrintable(h));
    }
}

void TestMailPresentation::faxPreview()
{
    InboundMessage msg = message(InboundMessage::Type::Fax);
    msg.attachments = {fileOf(m_tiff)};
    const BuiltMail mail = MimeBuilder::build(msg, {u"a@example.com"_s}, options());
    QVERIFY2(mail.ok(), qPrintable(mail.error));
    const QJsonObject r = parse(mail.data);
    QStringList tree;
    for (const auto& node : r.value(u"tree"_s).toArray())
        tree << node.toObject().value(u"type"_s).toString();
    QCOMPARE(tree,
             QStringList({u"multipart/mixed"_s, u"multipart/alternative"_s, u"text/plain"_s,
                          u"multipart/related"_s, u"text/html"_s, u"image/png"_s, u"application/pdf"_s}));
    QCOMPARE(r.value(u"tree"_s)
                 .toArray()
                 .at(3)
                 .toObject()
                 .value(u"params"_s)
                 .toObject()
                 .value(u"type"_s)
                 .toString(),
             u"text/html"_s);
    const QJsonArray parts = r.value(u"parts"_s).toArray();
    const QString html = parts.at(1).toObject().value(u"text"_s).toString();
    QString cid = parts.at(2).toObject().value(u"cid"_s).toString();
    QVERIFY(cid.startsWith(u'<') && cid.endsWith(u'>'));
    cid = cid.mid(1, cid.size() - 2);
    QVERIFY2(html.contains(u"src=\"cid:%1\""_s.arg(cid)), qPrintable(html));
    const QJsonObject png = parts.at(2).toObject().value(u"png"_s).toObject();
    QVERIFY2(!png.isEmpty(), qPrintable(parts.at(2).toObject().value(u"png"_s).toString()));
    QCOMPARE(png.value(u"width"_s).toInt(), FaxPreview::kDefaultWidth);
    // 1728 x 1143 at 204 x 98 dpi: about 600 x 825 once the fax's tall pixels are square.
    QVERIFY2(qAbs(png.value(u"height"_s).toInt() - 827) <= 3,
             qPrintable(QString::number(png.value(u"height"_s).toInt())));
    QVERIFY(png.value(u"dark"_s).toInt() > 600 * 100); // the black bars are there
    QVERIFY(html.contains(u"width=\"600\""_s));
    // Not a TIFF, or a hostile one: no preview, no crash.
    QVERIFY(!FaxPreview::firstPagePng(QByteArray("II*\0\x08\0\0\0", 8) + QByteArray(300, '\x7f')));
    QVERIFY(!FaxPreview::firstPagePng(QByteArray(5000, 'x')));
    QFile f(m_tiff);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray good = f.readAll();
    QRandomGenerator rng(99);
    for (int i = 0; i < 200; ++i) {
        QByteArray bad = good;
        for (int j = 0; j < 8; ++j)
            bad[rng.bounded(int(qMin<qsizetype>(bad.size(), 400)))] = char(rng.bounded(256));
        (void)FaxPreview::firstPagePng(bad);
    }
}

QTEST_GUILESS_MAIN(TestMailPresentation)
#include "tst_mailpresentation.moc"
