// SPDX-License-Identifier: GPL-3.0-or-later
// MimeBuilder: every message type in every report language, parsed by Python's email package (an
// independent RFC 5322/MIME implementation), plus wire-format rules and hostile input.
#include "engine/client/AddressTemplate.h"
#include "engine/config/SettingValidators.h"
#include "engine/mail/MailTemplates.h"
#include "engine/mail/MimeBuilder.h"
#include "engine/mail/MimeEncoding.h"
#include "tests/MailTestFiles.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <tiffio.h>

using namespace umgate;
using namespace Qt::StringLiterals;

namespace {

// Parses the message given as file argument and prints what the test checks as JSON.
constexpr char kChecker[] = R"PY(
import email, email.policy, hashlib, json, sys
raw = open(sys.argv[1], 'rb').read()
msg = email.message_from_bytes(raw, policy=email.policy.default)
out = {'defects': [], 'parts': [], 'headers': [k for k in msg.keys()]}
for part in msg.walk():
    out['defects'] += [type(d).__name__ + ': ' + str(d) for d in part.defects]
    for _, value in part.items():
        out['defects'] += [type(d).__name__ + ': ' + str(d) for d in getattr(value, 'defects', ())]
for name in ('Subject', 'Message-Context', 'Message-ID', 'Date', 'X-UMS-Calling', 'X-UMS-Called',
             'X-UMS-Kernel-Id', 'Bcc'):
    v = msg.get(name)
    out[name] = None if v is None else str(v)
def addr(h):
    v = msg.get(h)
    if v is None:
        return None
    out['defects'] += [type(d).__name__ for d in v.defects]
    return [{'name': a.display_name, 'addr': a.addr_spec} for a in v.addresses]
out['From'] = addr('From'); out['To'] = addr('To'); out['Reply-To'] = addr('Reply-To')
out['contentType'] = msg.get_content_type()
for part in msg.walk():
    if part.is_multipart():
        continue
    p = {'type': part.get_content_type(), 'filename': part.get_filename(),
         'duration': part.get('Content-Duration')}
    payload = part.get_payload(decode=True)
    p['sha256'] = hashlib.sha256(payload).hexdigest()
    if part.get_content_maintype() == 'text':
        # the payload keeps the wire's CRLF line ends
        p['text'] = part.get_content().replace('\r\n', '\n')
    out['parts'].append(p)
print(json.dumps(out))
)PY";

QByteArray sha256Hex(const QByteArray& data)
{
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

} // namespace

class TestMimeBuilder : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void addressTemplates();
    void oneTemplateExpander();
    void faxAllLanguages_data();
    void faxAllLanguages();
    void faxFormats();
    void unconvertibleFaxStillDelivered();
    void voiceAllLanguages_data();
    void voiceAllLanguages();
    void smsAllLanguages_data();
    void smsAllLanguages();
    void reportAllLanguages_data();
    void reportAllLanguages();
    void displayNames();
    void hostileInput();
    void messageIdsAreUnique();
    void encodingPrimitives();

private:
    QJsonObject parse(const QByteArray& mail);
    void checkWire(const QByteArray& mail);
    MimeOptions options(const QString& language = u"en"_s) const;
    InboundMessage message(InboundMessage::Type type) const;
    // An attachment as the intake hands it over: name and bytes (the name here is the path).
    static InboundMessage::File fileOf(const QString& path)
    {
        QFile f(path);
        return {path, f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray()};
    }

    QTemporaryDir m_dir;
    QString m_checker;
    QString m_tiff;
    QString m_wav;
    QByteArray m_wavBytes;
};

void TestMimeBuilder::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // UMGATE_TEST_KEEP=1 keeps the built .eml files for inspection.
    m_dir.setAutoRemove(qEnvironmentVariableIsEmpty("UMGATE_TEST_KEEP"));
    m_checker = m_dir.filePath(u"check.py"_s);
    QFile c(m_checker);
    QVERIFY(c.open(QIODevice::WriteOnly));
    c.write(kChecker);
    c.close();
    m_tiff = m_dir.filePath(u"in.tif"_s);
    QVERIFY(umgate::test::writeFaxTiff(m_tiff, 2));
    m_wav = m_dir.filePath(u"in.wav"_s);
    m_wavBytes = QByteArray("RIFF\x24\0\0\0WAVEfmt ", 16);
    for (int i = 0; i < 5000; ++i)
        m_wavBytes.append(char(i * 7));
    QFile w(m_wav);
    QVERIFY(w.open(QIODevice::WriteOnly));
    w.write(m_wavBytes);
}

QJsonObject TestMimeBuilder::parse(const QByteArray& mail)
{
    static int counter = 0;
    return umgate::test::runMailChecker(m_checker, m_dir.filePath(u"mail-%1.eml"_s.arg(++counter)), mail);
}

// CRLF only, 7-bit, header lines <= 78 and every line <= 998 characters.
void TestMimeBuilder::checkWire(const QByteArray& mail)
{
    QVERIFY(!mail.isEmpty());
    for (qsizetype i = 0; i < mail.size(); ++i) {
        const auto c = uchar(mail.at(i));
        QVERIFY2(c < 0x80 && c != 0, "non-ASCII or NUL byte on the wire");
        if (c == '\n') QVERIFY2(i > 0 && mail.at(i - 1) == '\r', "bare LF");
        if (c == '\r') QVERIFY2(i + 1 < mail.size() && mail.at(i + 1) == '\n', "bare CR");
    }
    QVERIFY(mail.endsWith("\r\n"));
    const QList<QByteArray> lines = mail.split('\n');
    bool inHeader = true;
    for (const QByteArray& l : lines) {
        const QByteArray line = l.endsWith('\r') ? l.chopped(1) : l;
        if (inHeader && line.isEmpty()) inHeader = false;
        QVERIFY2(line.size() <= 998, "line longer than 998");
        if (inHeader) QVERIFY2(line.size() <= 78, line.constData());
    }
}

MimeOptions TestMimeBuilder::options(const QString& language) const
{
    MimeOptions o;
    o.language = language;
    o.senderTemplate = u"$(number)@$(addrtype).$(maildomain)"_s;
    o.mailDomain = u"domain.net"_s;
    o.messageIdDomain = u"gw1.domain.net"_s;
    o.now = QDateTime(QDate(2026, 11, 26), QTime(21, 0, 5), QTimeZone::utc());
    o.timeZone = QTimeZone::utc();
    return o;
}

InboundMessage TestMimeBuilder::message(InboundMessage::Type type) const
{
    InboundMessage m;
    m.type = type;
    m.kernelId = u"k-0001"_s;
    m.calling = u"+49 814 247990"_s;
    m.called = u"+49 30 1234 100"_s;
    m.received = QDateTime(QDate(2026, 11, 26), QTime(20, 59, 1), QTimeZone::utc());
    return m;
}

void TestMimeBuilder::addressTemplates()
{
    QString error;
    QCOMPARE(MimeBuilder::expandAddressTemplate(u"$(number)@$(addrtype).$(maildomain)"_s, u"0814247990"_s,
                                                u"fax"_s, u"domain.net"_s, &error),
             u"0814247990@fax.domain.net"_s);
    QCOMPARE(MimeBuilder::expandAddressTemplate(u"$(number)@$(addrtype).$(maildomain)"_s, u"+49 814 247990"_s,
                                                u"voice"_s, u"domain.net"_s),
             u"+49814247990@voice.domain.net"_s);
    QCOMPARE(MimeBuilder::expandAddressTemplate(u"$(number)@$(addrtype).example.org"_s, QString(), u"sms"_s,
                                                QString()),
             u"unknown@sms.example.org"_s);
    // The manual's spelling only, as the validator has always demanded (AddressTemplate).
    QVERIFY(MimeBuilder::expandAddressTemplate(u"$(NUMBER)@$(addrtype).example.org"_s, u"1"_s, u"sms"_s,
                                               QString(), &error)
                .isEmpty());
    QVERIFY2(error.contains(u"$(NUMBER)"_s), qPrintable(error));
    QVERIFY(MimeBuilder::expandAddressTemplate(u"$(number)@$(addrtype).$(maildomain)"_s, u"1"_s, u"fax"_s,
                                               QString(), &error)
                .isEmpty());
    QVERIFY2(error.contains(u"$(maildomain)"_s), qPrintable(error));
    QVERIFY(MimeBuilder::expandAddressTemplate(u"$(number)@$(type).x.net"_s, u"1"_s, u"fax"_s, u"d"_s, &error)
                .isEmpty());
    QVERIFY2(error.contains(u"$(type)"_s), qPrintable(error));
    QVERIFY(MimeBuilder::expandAddressTemplate(u"$(number)@@x.net"_s, u"1"_s, u"fax"_s, u"d"_s, &error)
                .isEmpty());
    QVERIFY2(error.contains(u"not a valid e-mail address"_s), qPrintable(error));
    QVERIFY(MimeBuilder::expandAddressTemplate(u""_s, u"1"_s, u"fax"_s, u"d"_s, &error).isEmpty());
    // A number can never smuggle characters into the address.
    QCOMPARE(MimeBuilder::expandAddressTemplate(u"$(number)@fax.d.net"_s, u"12 <a@b>\r\nBcc: x"_s, u"fax"_s,
                                                QString()),
             u"12@fax.d.net"_s);
    QCOMPARE(MimeBuilder::addressType(InboundMessage::Type::Report), u"fax"_s);
    QCOMPARE(MimeBuilder::addressType(InboundMessage::Type::Sms), u"sms"_s);

    // A broken template fails the build with the reason.
    MimeOptions o = options();
    o.senderTemplate = u"$(number)@$(addrtype).$(maildomain)"_s;
    o.mailDomain.clear();
    const BuiltMail m = MimeBuilder::build(message(InboundMessage::Type::Sms), {u"u@d.net"_s}, o);
    QVERIFY(!m.ok());
    QVERIFY(m.error.contains(u"sender address"_s));
    o = options();
    o.replyToTemplate = u"$(bogus)@x.net"_s;
    QVERIFY(!MimeBuilder::build(message(InboundMessage::Type::Sms), {u"u@d.net"_s}, o).ok());
}

// The engine, the validator and the console's example read a template alike: the same variables,
// spelt the same way, each expanded once, left to right.
void TestMimeBuilder::oneTemplateExpander()
{
    const AddressTemplate::Values example = AddressTemplate::example();
    QCOMPARE(AddressTemplate::expand(u"$(number)@$(addrtype).$(maildomain)"_s, example).text,
             u"0814247990@fax.domain.net"_s);
    QCOMPARE(AddressTemplate::example(u"example.com"_s).mailDomain, u"example.com"_s);
    // A value that contains a variable is not expanded again.
    const AddressTemplate::Result once =
        AddressTemplate::expand(u"$(maildomain)-$(number)"_s, {u"$(maildomain)"_s, u"fax"_s, u"d.net"_s});
    QVERIFY(once.ok());
    QCOMPARE(once.text, u"d.net-$(maildomain)"_s);
    // Another spelling is no variable: left as written and named, for all three users alike.
    for (const QString& tmpl : {u"$(Number)@$(addrtype).d.net"_s, u"$(number)@$(ADDRTYPE).d.net"_s}) {
        const AddressTemplate::Result r = AddressTemplate::expand(tmpl, example);
        QVERIFY(!r.ok());
        QVERIFY2(r.text.contains(r.unknownVariable) && tmpl.contains(r.unknownVariable), qPrintable(r.text));
        QVERIFY2(validators::senderTemplate(tmpl, false).contains(r.unknownVariable), qPrintable(tmpl));
        QString error;
        QVERIFY(MimeBuilder::expandAddressTemplate(tmpl, u"1"_s, u"fax"_s, u"d.net"_s, &error).isEmpty());
        QVERIFY2(error.contains(r.unknownVariable), qPrintable(error));
    }
    const AddressTemplate::Result unclosed = AddressTemplate::expand(u"$(number@fax.d.net"_s, example);
    QVERIFY(unclosed.unclosed && !unclosed.ok());
    QCOMPARE(unclosed.text, u"$(number@fax.d.net"_s);
    QVERIFY(!validators::senderTemplate(u"$(number@fax.d.net"_s, false).isEmpty());
    QVERIFY(AddressTemplate::uses(u"a.$(maildomain)"_s, u"maildomain"_s));
    QVERIFY(!AddressTemplate::uses(u"a.$(MailDomain)"_s, u"maildomain"_s));
}

void TestMimeBuilder::faxAllLanguages_data()
{
    QTest::addColumn<QString>("language");
    for (const QString& l : MailTemplates::languages())
        QTest::newRow(qPrintable(l)) << l;
}

void TestMimeBuilder::faxAllLanguages()
{
    QFETCH(QString, language);
    InboundMessage msg = message(InboundMessage::Type::Fax);
    msg.pages = 2;
    msg.attachments = {fileOf(m_tiff)};
    const BuiltMail mail =
        MimeBuilder::build(msg, {u"anna@example.com"_s, u"bob@example.com"_s}, options(language));
    QVERIFY2(mail.ok(), qPrintable(mail.error));
    QVERIFY(mail.warnings.isEmpty());
    checkWire(mail.data);
    const QJsonObject r = parse(mail.data);
    QCOMPARE(r.value(u"defects"_s).toArray(), QJsonArray());
    QCOMPARE(r.value(u"Message-Context"_s).toString(), u"fax-message"_s);
    QCOMPARE(r.value(u"contentType"_s).toString(), u"multipart/mixed"_s);
    QCOMPARE(r.value(u"Subject"_s).toString(), mail.subject);
    QVERIFY(mail.subject.contains(u"+49 814 247990"_s));
    QVERIFY(mail.subject.contains(u'2'));
    const QJsonObject from = r.value(u"From"_s).toArray().at(0).toObject();
    QCOMPARE(from.value(u"addr"_s).toString(), u"+49814247990@fax.domain.net"_s);
    QCOMPARE(from.value(u"name"_s).toString(), u"+49 814 247990"_s);
    QCOMPARE(r.value(u"To"_s).toArray().size(), 2);
    QCOMPARE(r.value(u"X-UMS-Kernel-Id"_s).toString(), u"k-0001"_s);
    QCOMPARE(r.value(u"Message-ID"_s).toString(), mail.messageId);
    QVERIFY(mail.messageId.endsWith(u"@domain.net>"_s)); // the mail domain before the host name
    QCOMPARE(r.value(u"Date"_s).toString(), u"Thu, 26 Nov 2026 21:00:05 +0000"_s);
    const QJsonArray parts = r.value(u"parts"_s).toArray();
    QCOMPARE(parts.size(), 4); // plain, HTML, its preview image, the PDF
    QCOMPARE(parts.at(0).toObject().value(u"type"_s).toString(), u"text/plain"_s);
    QCOMPARE(parts.at(1).toObject().value(u"type"_s).toString(), u"text/html"_s);
    QCOMPARE(parts.at(2).toObject().value(u"type"_s).toString(), u"image/png"_s);
    QCOMPARE(parts.at(3).toObject().value(u"type"_s).toString(), u"application/pdf"_s);
    const QString fileName = parts.at(3).toObject().value(u"filename"_s).toString();
    QVERIFY2(fileName.contains(u"0814 247990, 2026-11-26 20.59.pdf"_s), qPrintable(fileName));
    if (language == u"en"_s) QCOMPARE(fileName, u"Fax from 0814 247990, 2026-11-26 20.59.pdf"_s);
    const QString text = parts.at(0).toObject().value(u"text"_s).toString();
    QVERIFY2(text.contains(u"+49 30 1234 100"_s), qPrintable(text));
    QVERIFY(text.contains(u"26"_s) && text.contains(u"20:59:01"_s));
    QVERIFY2(!text.contains(u"${"_s), qPrintable(text));
    if (language == u"de"_s) QCOMPARE(mail.subject, u"Fax von +49 814 247990, Seiten: 2"_s);
}

void TestMimeBuilder::faxFormats()
{
    InboundMessage msg = message(InboundMessage::Type::Fax);
    msg.attachments = {fileOf(m_tiff)};
    QFile tf(m_tiff);
    QVERIFY(tf.open(QIODevice::ReadOnly));
    const QByteArray tiffHash = sha256Hex(tf.readAll());

    MimeOptions o = options();
    o.faxFormat = MimeOptions::FaxFormat::Both;
    BuiltMail mail = MimeBuilder::build(msg, {u"a@b.net"_s}, o);
    QVERIFY2(mail.ok(), qPrintable(mail.error));
    QJsonObject r = parse(mail.data);
    QCOMPARE(r.value(u"defects"_s).toArray(), QJsonArray());
    QJsonArray parts = r.value(u"parts"_s).toArray();
    QCOMPARE(parts.size(), 5);
    QCOMPARE(parts.at(3).toObject().value(u"type"_s).toString(), u"application/pdf"_s);
    QCOMPARE(parts.at(4).toObject().value(u"type"_s).toString(), u"image/tiff"_s);
    QCOMPARE(parts.at(4).toObject().value(u"sha256"_s).toString().toLatin1(), tiffHash);
    // pages were not given by the kernel: taken from the conversion
    QVERIFY2(mail.subject.contains(u", pages: 2"_s), qPrintable(mail.subject));

    o.faxFormat = MimeOptions::FaxFormat::Tif;
    mail = MimeBuilder::build(msg, {u"a@b.net"_s}, o);
    r = parse(mail.data);
    parts = r.value(u"parts"_s).toArray();
    QCOMPARE(parts.size(), 3); // no preview without a PDF
    QCOMPARE(parts.at(2).toObject().value(u"filename"_s).toString(),
             u"Fax from 0814 247990, 2026-11-26 20.59.tif"_s);
    QCOMPARE(parts.at(2).toObject().value(u"sha256"_s).toString().toLatin1(), tiffHash);
    QVERIFY2(mail.subject.contains(u", pages: 2"_s), qPrintable(mail.subject));
}

void TestMimeBuilder::unconvertibleFaxStillDelivered()
{
    const QString bad = m_dir.filePath(u"bad.tif"_s);
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    const QByteArray junk = QByteArray("II*\0\x08\0\0\0", 8) + QByteArray(300, '\x7f');
    f.write(junk);
    f.close();
    InboundMessage msg = message(InboundMessage::Type::Fax);
    msg.attachments = {fileOf(bad)};
    const BuiltMail mail = MimeBuilder::build(msg, {u"a@b.net"_s}, options(u"de"_s));
    QVERIFY2(mail.ok(), qPrintable(mail.error));
    QCOMPARE(mail.warnings.size(), 1);
    QVERIFY(mail.warnings.first().contains(bad));
    const QJsonObject r = parse(mail.data);
    QCOMPARE(r.value(u"defects"_s).toArray(), QJsonArray());
    const QJsonArray parts = r.value(u"parts"_s).toArray();
    QCOMPARE(parts.size(), 3);
    QCOMPARE(parts.at(2).toObject().value(u"type"_s).toString(), u"image/tiff"_s);
    QCOMPARE(parts.at(2).toObject().value(u"sha256"_s).toString().toLatin1(), sha256Hex(junk));
    QVERIFY(parts.at(0).toObject().value(u"text"_s).toString().contains(u"TIFF-Datei"_s));
}

void TestMimeBuilder::voiceAllLanguages_data()
{
    faxAllLanguages_data();
}

void TestMimeBuilder::voiceAllLanguages()
{
    QFETCH(QString, language);
    InboundMessage msg = message(InboundMessage::Type::Voice);
    msg.durationSeconds = 83;
    msg.attachments = {fileOf(m_wav)};
    const BuiltMail mail = MimeBuilder::build(msg, {u"anna@example.com"_s}, options(language));
    QVERIFY2(mail.ok(), qPrintable(mail.error));
    checkWire(mail.data);
    const QJsonObject r = parse(mail.data);
    QCOMPARE(r.value(u"defects"_s).toArray(), QJsonArray());
    QCOMPARE(r.value(u"Message-Context"_s).toString(), u"voice-message"_s);
    QCOMPARE(r.value(u"Subject"_s).toString(), mail.subject);
    QVERIFY2(mail.subject.contains(u"1:23"_s), qPrintable(mail.subject));
    QCOMPARE(r.value(u"From"_s).toArray().at(0).toObject().value(u"addr"_s).toString(),
             u"+49814247990@voice.domain.net"_s);
    const QJsonArray parts = r.value(u"parts"_s).toArray();
    QCOMPARE(parts.size(), 3);
    QCOMPARE(parts.at(1).toObject().value(u"type"_s).toString(), u"text/html"_s);
    const QJsonObject audio = parts.at(2).toObject();
    QCOMPARE(audio.value(u"type"_s).toString(), u"audio/wav"_s);
    QCOMPARE(audio.value(u"duration"_s).toString(), u"83"_s);
    QCOMPARE(audio.value(u"sha256"_s).toString().toLatin1(), sha256Hex(m_wavBytes));
    if (language == u"en"_s)
        QCOMPARE(audio.value(u"filename"_s).toString(),
                 u"Voice message from 0814 247990, 2026-11-26 20.59.wav"_s);
}

void TestMimeBuilder::smsAllLanguages_data()
{
    faxAllLanguages_data();
}

void TestMimeBuilder::smsAllLanguages()
{
    QFETCH(QString, language);
    InboundMessage msg = message(InboundMessage::Type::Sms);
    msg.text = u"Grüße aus Köln! 你好，世界。 Über den Fluss und über die Brücke, dann links zum Bahnhof "
               "– Treffpunkt 18 Uhr, Gleis 4 ½."_s;
    const BuiltMail mail = MimeBuilder::build(msg, {u"anna@example.com"_s}, options(language));
    QVERIFY2(mail.ok(), qPrintable(mail.error));
    checkWire(mail.data);
    QVERIFY(mail.data.contains("Subject: =?UTF-8?"));
    const QJsonObject r = parse(mail.data);
    QCOMPARE(r.value(u"defects"_s).toArray(), QJsonArray());
    QCOMPARE(r.value(u"Message-Context"_s).toString(), u"text-message"_s);
    QCOMPARE(r.value(u"Subject"_s).toString(), mail.subject);
    QVERIFY2(mail.subject.contains(u"Grüße aus Köln! 你好，世界。"_s), qPrintable(mail.subject));
    QCOMPARE(r.value(u"contentType"_s).toString(), u"multipart/alternative"_s);
    const QString body = r.value(u"parts"_s).toArray().at(0).toObject().value(u"text"_s).toString();
    QVERIFY2(body.startsWith(msg.text + u'\n'), qPrintable(body));
}

void TestMimeBuilder::reportAllLanguages_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<bool>("html");
    for (const QString& l : MailTemplates::languages()) {
        QTest::newRow(qPrintable(l + u"-text"_s)) << l << false;
        QTest::newRow(qPrintable(l + u"-html"_s)) << l << true;
    }
}

void TestMimeBuilder::reportAllLanguages()
{
    QFETCH(QString, language);
    QFETCH(bool, html);
    InboundMessage msg = message(InboundMessage::Type::Report);
    msg.calling.clear();
    msg.text = u"Line busy <script>alert(1)</script> & \"retry\""_s;
    msg.report =
        QJsonObject{{u"status"_s, u"failed"_s},           {u"jobId"_s, u"J-77"_s},
                    {u"recipient"_s, u"+33 1 2345678"_s}, {u"pages"_s, 3},
                    {u"reason"_s, u"busy <b>"_s},         {u"subject"_s, u"Angebot Nr. 5 – Änderung"_s}};
    MimeOptions o = options(language);
    o.htmlReport = html;
    o.reportDisplayNameTemplate = u"UMS Bericht"_s;
    const BuiltMail mail = MimeBuilder::build(msg, {u"sender@example.com"_s}, o);
    QVERIFY2(mail.ok(), qPrintable(mail.error));
    checkWire(mail.data);
    const QJsonObject r = parse(mail.data);
    QCOMPARE(r.value(u"defects"_s).toArray(), QJsonArray());
    QCOMPARE(r.value(u"Message-Context"_s).toString(), u"none"_s);
    QCOMPARE(r.value(u"Subject"_s).toString(), mail.subject);
    QVERIFY(mail.subject.contains(u"+33 1 2345678"_s));
    QVERIFY(mail.subject.contains(MailTemplates::phrase(u"notDelivered"_s, language)));
    const QJsonObject from = r.value(u"From"_s).toArray().at(0).toObject();
    QCOMPARE(from.value(u"name"_s).toString(), u"UMS Bericht"_s);
    QCOMPARE(from.value(u"addr"_s).toString(), u"+3312345678@fax.domain.net"_s);
    const QJsonArray parts = r.value(u"parts"_s).toArray();
    QCOMPARE(r.value(u"contentType"_s).toString(), html ? u"multipart/alternative"_s : u"text/plain"_s);
    QCOMPARE(parts.size(), html ? 2 : 1);
    const QString text = parts.at(0).toObject().value(u"text"_s).toString();
    QVERIFY(text.contains(u"Angebot Nr. 5 – Änderung"_s));
    QVERIFY(text.contains(msg.text));
    if (html) {
        QCOMPARE(parts.at(1).toObject().value(u"type"_s).toString(), u"text/html"_s);
        const QString h = parts.at(1).toObject().value(u"text"_s).toString();
        QVERIFY2(!h.contains(u"<script>"_s) && !h.contains(u"<b>"_s), qPrintable(h));
        QVERIFY(h.contains(u"&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;retry&quot;"_s));
        QVERIFY(h.contains(u"lang=\"%1\""_s.arg(language)));
        QVERIFY(h.contains(u"Angebot Nr. 5 – Änderung"_s));
    }
}

void TestMimeBuilder::displayNames()
{
    InboundMessage msg = message(InboundMessage::Type::Sms);
    msg.text = u"hi"_s;
    const QList<QPair<QString, QString>> cases{
        {u"Müller Fax-Eingang $(number)"_s, u"Müller Fax-Eingang +49 814 247990"_s},
        {u"Fax, Zentrale \"Nord\" \\ Süd"_s, u"Fax, Zentrale \"Nord\" \\ Süd"_s},
        {u"Fax: Zentrale \"Nord\" (Empfang) Süd $(number)"_s,
         u"Fax: Zentrale \"Nord\" (Empfang) Süd +49 814 247990"_s},
        {u"Zentrale (Empfang); <Fax>"_s, u"Zentrale (Empfang); <Fax>"_s},
        {u"传真 $(addrtype)"_s, u"传真 sms"_s},
        {u"UMS"_s, u"UMS"_s},
        {u"Zentraler Faxeingang der Müller & Söhne GmbH, Abteilung Einkauf und Logistik, $(number)"_s,
         u"Zentraler Faxeingang der Müller & Söhne GmbH, Abteilung Einkauf und Logistik, +49 814 247990"_s},
        {u"Central fax inbox of Miller and Sons Ltd, purchasing and logistics department $(number)"_s,
         u"Central fax inbox of Miller and Sons Ltd, purchasing and logistics department +49 814 247990"_s},
    };
    for (const auto& [tmpl, expected] : cases) {
        MimeOptions o = options();
        o.displayNameTemplate = tmpl;
        o.replyToTemplate = u"$(number)@$(addrtype).reply.net"_s;
        const BuiltMail mail = MimeBuilder::build(msg, {u"anna@example.com"_s}, o);
        QVERIFY2(mail.ok(), qPrintable(mail.error));
        checkWire(mail.data);
        const QJsonObject r = parse(mail.data);
        QCOMPARE(r.value(u"defects"_s).toArray(), QJsonArray());
        QCOMPARE(r.value(u"From"_s).toArray().at(0).toObject().value(u"name"_s).toString(), expected);
        const QJsonObject reply = r.value(u"Reply-To"_s).toArray().at(0).toObject();
        QCOMPARE(reply.value(u"addr"_s).toString(), u"+49814247990@sms.reply.net"_s);
        QCOMPARE(reply.value(u"name"_s).toString(), expected);
    }
    // Withheld number: "unknown" address, localized display name.
    msg.calling.clear();
    const BuiltMail mail = MimeBuilder::build(msg, {u"anna@example.com"_s}, options(u"de"_s));
    const QJsonObject from = parse(mail.data).value(u"From"_s).toArray().at(0).toObject();
    QCOMPARE(from.value(u"addr"_s).toString(), u"unknown@sms.domain.net"_s);
    QCOMPARE(from.value(u"name"_s).toString(), u"unbekannt"_s);
}

void TestMimeBuilder::hostileInput()
{
    InboundMessage msg = message(InboundMessage::Type::Sms);
    msg.calling = u"123\r\nBcc: evil@attacker.example\r\n"_s;
    msg.called = u"456\nX-Evil: 1"_s;
    msg.kernelId = u"id\r\nBcc: evil@attacker.example"_s;
    msg.text = u"hello\r\nBcc: evil@attacker.example\r\n\r\n${calling} ${text} $(number)\r.\r\n"_s;
    MimeOptions o = options();
    o.displayNameTemplate = u"Fax\r\nBcc: evil@attacker.example"_s;
    const BuiltMail mail = MimeBuilder::build(msg, {u"anna@example.com"_s}, o);
    QVERIFY2(mail.ok(), qPrintable(mail.error));
    checkWire(mail.data);
    const QJsonObject r = parse(mail.data);
    QCOMPARE(r.value(u"defects"_s).toArray(), QJsonArray());
    QVERIFY(r.value(u"Bcc"_s).isNull());
    QVERIFY(!r.value(u"headers"_s).toArray().contains(u"X-Evil"_s));
    QCOMPARE(r.value(u"X-UMS-Calling"_s).toString(), u"123"_s);
    QCOMPARE(r.value(u"X-UMS-Called"_s).toString(), u"456"_s);
    QCOMPARE(r.value(u"From"_s).toArray().size(), 1);
    QCOMPARE(r.value(u"To"_s).toArray().size(), 1);
    QVERIFY(!mail.subject.contains(u'\n') && !mail.subject.contains(u'\r'));
    const QString body = r.value(u"parts"_s).toArray().at(0).toObject().value(u"text"_s).toString();
    // The text arrives as written (line ends normalized), placeholders in it are not expanded.
    QVERIFY2(body.contains(u"${calling} ${text} $(number)"_s), qPrintable(body));

    // An invalid recipient is refused, not written into To:.
    QVERIFY(!MimeBuilder::build(msg, {u"a@b.net\r\nBcc: x@y.z"_s}, o).ok());
    QVERIFY(!MimeBuilder::build(msg, {}, o).ok());

    // Placeholders are expanded once: a value containing "${x}" stays literal.
    QCOMPARE(MailTemplates::expand(u"a ${x} b ${y} ${missing} ${"_s,
                                   {{u"x"_s, u"${y}"_s}, {u"y"_s, u"<Y>"_s}}, true),
             u"a ${y} b &lt;Y&gt; ${missing} ${"_s);
}

void TestMimeBuilder::messageIdsAreUnique()
{
    const InboundMessage msg = message(InboundMessage::Type::Sms);
    QSet<QString> ids;
    for (int i = 0; i < 50; ++i)
        ids.insert(MimeBuilder::build(msg, {u"a@b.net"_s}, options()).messageId);
    QCOMPARE(ids.size(), 50);
}

void TestMimeBuilder::encodingPrimitives()
{
    // Base64: 76 characters per line.
    const QByteArray b64 = MimeEncoding::base64Body(QByteArray(1000, 'x'));
    for (const QByteArray& line : b64.split('\n'))
        QVERIFY(line.size() <= 77);
    QCOMPARE(QByteArray::fromBase64(QByteArray(b64).replace("\r\n", "")), QByteArray(1000, 'x'));
    // Quoted-printable: trailing space encoded, '=' encoded, soft breaks at 76.
    const QByteArray qp = MimeEncoding::quotedPrintable(u"a = b \n"_s + QString(200, u'ä'));
    QVERIFY(qp.startsWith("a =3D b=20\r\n"));
    for (const QByteArray& line : qp.split('\n'))
        QVERIFY(line.size() <= 77);
    // Encoded words never exceed 75 characters and never split a character.
    const QByteArray words = MimeEncoding::encodedWords(QString(100, QChar(0x4f60)), 9, false);
    for (const QByteArray& w : words.split(' ')) {
        QVERIFY(w.size() <= 75);
        QVERIFY(w.startsWith("=?UTF-8?") && w.endsWith("?="));
    }
    // Plain ASCII stays plain and is folded at spaces; an overlong word becomes encoded words.
    QString sentence;
    for (int i = 0; i < 30; ++i)
        sentence += u"word%1 "_s.arg(i);
    sentence = sentence.trimmed();
    const QByteArray folded = MimeEncoding::unstructuredHeader("Subject", sentence);
    QVERIFY(!folded.contains("=?"));
    for (const QByteArray& line : folded.split('\n'))
        QVERIFY(line.size() <= 79);
    QCOMPARE(QByteArray(folded).replace("\r\n ", " "), "Subject: " + sentence.toLatin1() + "\r\n");
    const QByteArray longWord = MimeEncoding::unstructuredHeader("Subject", QString(120, u'x'));
    QVERIFY(longWord.startsWith("Subject: =?UTF-8?"));
    for (const QByteArray& line : longWord.split('\n'))
        QVERIFY(line.size() <= 79);
    // RFC 2231 for a non-ASCII file name.
    QCOMPARE(MimeEncoding::mimeParameter("filename", u"Übersicht.pdf"_s),
             QByteArray("; filename*=utf-8''%C3%9Cbersicht.pdf"));
    QCOMPARE(MimeEncoding::mimeParameter("filename", u"fax.pdf"_s), QByteArray("; filename=\"fax.pdf\""));
    QVERIFY(MimeEncoding::isValidAddrSpec(u"+4930@fax.localhost"_s));
    QVERIFY(!MimeEncoding::isValidAddrSpec(u"a b@c.d"_s));
    QVERIFY(!MimeEncoding::isValidAddrSpec(u"a..b@c.d"_s));
    QVERIFY(!MimeEncoding::isValidAddrSpec(u"ä@c.d"_s));
    QCOMPARE(MimeEncoding::rfc5322Date(QDateTime(QDate(2026, 1, 4), QTime(8, 5, 0), QTimeZone(3600))),
             QByteArray("Sun, 4 Jan 2026 08:05:00 +0100"));
}

QTEST_GUILESS_MAIN(TestMimeBuilder)
#include "tst_mimebuilder.moc"
