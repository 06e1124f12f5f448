// SPDX-License-Identifier: GPL-3.0-or-later
// The kernel spool against hostile input, through a real umgated (issue 10): a fax TIFF that
// decodes to gigabytes under a memory limit, an envelope the engine dies on twice (the poison
// rule), an attachment swapped for a symbolic link while the engine reads it, FIFOs / non-UTF-8
// names / symlinked envelopes, and message.inject with wrong JSON types. Messages go to the local
// Maildir store (the default) of the default recipient postmaster@localhost.
#include "UmgatedProcess.h"
#include "engine/client/RpcProtocol.h"
#include "engine/spool/KernelEnvelope.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <atomic>
#include <fcntl.h>
#include <sys/stat.h>
#include <thread>
#include <tiffio.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using umgate::KernelEnvelope;
using umgate::Paths;

namespace {

const QString kId = u"MSConnInst1"_s;

// A umgated on its own data dir that can be restarted, killed with SIGKILL and started under
// `prlimit --as` (UmgatedProcess cannot wrap the program).
class Engine
{
public:
    Engine() : m_dir(QDir::tempPath() + u"/ugs-XXXXXX"_s) {}
    ~Engine() { stop(); }

    QString dataDir() const { return m_dir.path(); }
    QString instanceDir() const { return Paths(m_dir.path()).instanceDir(kId); }
    QString spool() const { return instanceDir() + u"/Kernel/Incoming"_s; }
    QString errorDir() const { return spool() + u"/Error"_s; }
    QString maildir() const { return instanceDir() + u"/Maildir"_s; }
    void setAddressSpaceLimit(qint64 bytes) { m_limit = bytes; }
    void setEnv(const QString& key, const QString& value) { m_env.insert(key, value); }
    bool running() const { return m_process.state() == QProcess::Running; }
    QByteArray log()
    {
        m_log += m_process.readAllStandardError();
        return m_log;
    }

    bool start(QString* error)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"DBUS_SESSION_BUS_ADDRESS"_s);
        env.remove(u"UMGATE_DATA_DIR"_s);
        env.insert(m_env);
        m_process.setProcessEnvironment(env);
        if (m_port == 0) m_port = umgate::test::UmgatedProcess::freePort();
        QStringList args{u"--data-dir"_s, m_dir.path(), u"--base-port"_s, QString::number(m_port)};
        if (m_limit > 0) {
            args.prepend(QStringLiteral(UMGATED_BIN));
            args.prepend(u"--as=%1"_s.arg(m_limit));
            m_process.setProgram(u"prlimit"_s);
        } else {
            m_process.setProgram(QStringLiteral(UMGATED_BIN));
        }
        m_process.setArguments(args);
        QFile::remove(Paths(m_dir.path()).socketFile());
        m_process.start();
        if (!m_process.waitForStarted(5000)) {
            *error = m_process.errorString();
            return false;
        }
        const Paths p(m_dir.path());
        const bool ready = QTest::qWaitFor(
            [&] {
                if (!running()) return true;
                if (!QFileInfo::exists(p.socketFile()) || QFileInfo(p.cookieFile()).size() == 0) return false;
                QLocalSocket probe;
                probe.connectToServer(p.socketFile());
                const bool ok = probe.waitForConnected(1000);
                probe.abort();
                return ok;
            },
            15000);
        if (!ready || !running()) {
            *error = u"umgated did not come up: %1"_s.arg(QString::fromLocal8Bit(log()));
            return false;
        }
        return true;
    }

    void kill9()
    {
        if (!running()) return;
        ::kill(pid_t(m_process.processId()), SIGKILL);
        m_process.waitForFinished(5000);
        log();
    }

    void stop()
    {
        if (!running()) return;
        m_process.terminate();
        if (!m_process.waitForFinished(10000)) kill9();
    }

    QString cookie() const
    {
        return QString::fromUtf8(umgate::test::readAll(Paths(m_dir.path()).cookieFile())).trimmed();
    }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    QProcessEnvironment m_env;
    QByteArray m_log;
    qint64 m_limit = 0;
    quint16 m_port = 0;
};

// One authenticated RPC connection; every call bounded.
class Rpc
{
public:
    bool open(Engine& e)
    {
        m_socket.connectToServer(Paths(e.dataDir()).socketFile());
        if (!m_socket.waitForConnected(5000)) return false;
        return call(u"rpc.version"_s, {{u"token"_s, e.cookie()}}).contains(u"result"_s);
    }
    QJsonObject call(const QString& method, const QJsonObject& params, int timeoutMs = 15000)
    {
        m_socket.write(umgate::rpc::requestLine(++m_id, method, params) + '\n');
        QDeadlineTimer deadline(timeoutMs);
        while (!m_socket.canReadLine() && !deadline.hasExpired() &&
               m_socket.state() == QLocalSocket::ConnectedState)
            m_socket.waitForReadyRead(50);
        return QJsonDocument::fromJson(m_socket.readLine()).object();
    }

private:
    QLocalSocket m_socket;
    qint64 m_id = 0;
};

// Every file below `dir` (mails in a Maildir tree).
QList<QByteArray> filesUnder(const QString& dir)
{
    QList<QByteArray> out;
    // Delivered mails only: a Maildir writes into tmp/ and renames into new/, and a listing that
    // walked new/ before the rename and tmp/ after it would see none.
    const QDir root(dir);
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    for (int i = 0; it.hasNext() && i < 10000; ++i) {
        const QString path = it.next();
        if (root.relativeFilePath(path).split(u'/').contains(u"tmp"_s)) continue;
        out << umgate::test::readAll(path);
    }
    return out;
}

bool writeFile(const QString& path, const QByteArray& data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
}

KernelEnvelope envelope(const QString& id, KernelEnvelope::Type type, const QStringList& attachments)
{
    KernelEnvelope e;
    e.id = id;
    e.type = type;
    e.calling = u"+49 30 1234567"_s;
    e.called = u"+49 89 1000"_s;
    e.time = QDateTime::currentDateTimeUtc();
    e.text = type == KernelEnvelope::Type::Sms ? u"hello %1"_s.arg(id) : QString();
    e.durationSeconds = 1;
    e.attachments = attachments;
    return e;
}

// `pages` white G4 pages of width x height pixels: a few hundred bytes per page on disk,
// width*height/8 bytes each once decoded.
bool writeHugeFax(const QString& path, int pages, uint32_t width, uint32_t height)
{
    TIFF* tiff = TIFFOpen(QFile::encodeName(path).constData(), "w");
    if (!tiff) return false;
    QByteArray line(qsizetype((width + 7) / 8), '\0');
    for (int page = 0; page < pages; ++page) {
        TIFFSetField(tiff, TIFFTAG_IMAGEWIDTH, width);
        TIFFSetField(tiff, TIFFTAG_IMAGELENGTH, height);
        TIFFSetField(tiff, TIFFTAG_BITSPERSAMPLE, uint16_t(1));
        TIFFSetField(tiff, TIFFTAG_SAMPLESPERPIXEL, uint16_t(1));
        TIFFSetField(tiff, TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX4);
        TIFFSetField(tiff, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE);
        TIFFSetField(tiff, TIFFTAG_ROWSPERSTRIP, height);
        TIFFSetField(tiff, TIFFTAG_XRESOLUTION, 600.0f);
        TIFFSetField(tiff, TIFFTAG_YRESOLUTION, 600.0f);
        TIFFSetField(tiff, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
        TIFFSetField(tiff, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE);
        for (uint32_t row = 0; row < height; ++row)
            if (TIFFWriteScanline(tiff, line.data(), row, 0) < 0) {
                TIFFClose(tiff);
                return false;
            }
        if (!TIFFWriteDirectory(tiff)) {
            TIFFClose(tiff);
            return false;
        }
    }
    TIFFClose(tiff);
    return true;
}

} // namespace

class TstSpoolHardening : public QObject
{
    Q_OBJECT

private slots:
    // 600 pages of 6000x6000 pixels: 2.7 GB of decoded bitmaps from a file of ~600 KiB. The old
    // converter kept every page until the PDF was written, on the event loop: bad_alloc under the
    // limit (and again at every restart). Now the fax budget stops the conversion, the TIFF is
    // delivered as received with a note, and RPC is answered throughout.
    void hugeFaxUnderMemoryLimit()
    {
        QTemporaryDir work;
        const QString tif = work.filePath(u"huge.tif"_s);
        QVERIFY(writeHugeFax(tif, 600, 6000, 6000));
        const QByteArray tiff = umgate::test::readAll(tif);
        QVERIFY2(tiff.size() < qsizetype{2} * 1024 * 1024, qPrintable(QString::number(tiff.size())));

        Engine e;
        e.setAddressSpaceLimit(2LL * 1024 * 1024 * 1024);
        QString error;
        QVERIFY2(e.start(&error), qPrintable(error));
        Rpc rpc;
        QVERIFY(rpc.open(e));
        QVERIFY2(KernelEnvelope::write(e.spool(),
                                       envelope(u"huge1"_s, KernelEnvelope::Type::Fax, {u"huge1.tif"_s}),
                                       {{u"huge1.tif"_s, tiff}}, &error),
                 qPrintable(error));
        // Answers within 2 s all the time until the mail is stored.
        QElapsedTimer total;
        total.start();
        qint64 slowest = 0;
        int calls = 0;
        while (total.elapsed() < 120000 && QFileInfo::exists(e.spool() + u"/huge1.json"_s) && e.running()) {
            QElapsedTimer t;
            t.start();
            const QJsonObject r = rpc.call(u"instance.list"_s, {}, 5000);
            slowest = qMax(slowest, t.elapsed());
            QVERIFY2(r.contains(u"result"_s), "the engine did not answer during the conversion");
            QVERIFY2(t.elapsed() < 2000, qPrintable(u"an RPC took %1 ms"_s.arg(t.elapsed())));
            ++calls;
            QTest::qWait(100);
        }
        QVERIFY2(e.running(), e.log().right(2000).constData());
        QVERIFY(calls > 0);
        qInfo("%d RPC calls during intake, slowest %lld ms, intake took %lld ms", calls, slowest,
              total.elapsed());
        QTRY_VERIFY_WITH_TIMEOUT(!filesUnder(e.maildir()).isEmpty(), 10000);
        const QByteArray mail = filesUnder(e.maildir()).first();
        QVERIFY(mail.contains("image/tiff"));
        QVERIFY(!mail.contains("application/pdf"));
        // The log line comes through the daemon's stderr, which may trail the mail file.
        QTRY_VERIFY2_WITH_TIMEOUT(e.log().contains("huge1") && e.log().contains("too large to convert"),
                                  e.log().constData(), 10000);
        QVERIFY(rpc.call(u"instance.list"_s, {}).contains(u"result"_s));
    }

    // The engine dies twice while processing one envelope (a test hook stalls it; SIGKILL plays
    // the crash): the second death moves it to Error with the reason, and a third start leaves it.
    void poisonEnvelopeGoesToErrorAfterTwoDeaths()
    {
        Engine e;
        e.setEnv(u"UMGATE_TEST_STALL_KERNEL_ID"_s, u"poison1"_s);
        QString error;
        const QString record = e.spool() + u"/.processing/poison1.json"_s;
        for (int death = 1; death <= 2; ++death) {
            QVERIFY2(e.start(&error), qPrintable(error));
            if (death == 1)
                QVERIFY(KernelEnvelope::write(
                    e.spool(), envelope(u"poison1"_s, KernelEnvelope::Type::Sms, {}), {}, &error));
            // The log collects all runs: this run's line is the death-th.
            QTRY_COMPARE_WITH_TIMEOUT(int(e.log().count("poison1 stalls")), death, 10000);
            QVERIFY(QFileInfo::exists(record));
            QCOMPARE(umgate::test::readAll(record).trimmed(), QByteArray::number(death - 1));
            e.kill9();
            QVERIFY(QFileInfo::exists(e.spool() + u"/poison1.json"_s));
        }
        QVERIFY2(e.start(&error), qPrintable(error));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(e.errorDir() + u"/poison1.json"_s), 10000);
        QVERIFY(!QFileInfo::exists(e.spool() + u"/poison1.json"_s));
        QVERIFY(!QFileInfo::exists(record));
        const QByteArray reason = umgate::test::readAll(e.errorDir() + u"/poison1.reason.txt"_s);
        QVERIFY2(reason.contains("stopped 2 times"), reason.constData());
        QTRY_VERIFY_WITH_TIMEOUT(e.log().contains("poison1.json moved to"), 5000);
        // Another message still goes through.
        QVERIFY(KernelEnvelope::write(e.spool(), envelope(u"fine1"_s, KernelEnvelope::Type::Sms, {}), {},
                                      &error));
        QTRY_VERIFY_WITH_TIMEOUT(!filesUnder(e.maildir()).isEmpty(), 10000);
        e.kill9();
        // A third start: the envelope is in Error and not taken again.
        QVERIFY2(e.start(&error), qPrintable(error));
        QTest::qWait(1500);
        QCOMPARE(int(e.log().count("poison1 stalls")), 2);
        QVERIFY(!QFileInfo::exists(record));
    }

    // A writer renames a symbolic link to a secret file over the attachment names in a loop while
    // the engine reads them: no mail may ever contain the secret's bytes.
    void symlinkSwapNeverMailsOutsideFile()
    {
        QTemporaryDir outside;
        const QByteArray secret = "SECRET-root:x:0:0:root:/root:/bin/bash-this-must-never-be-mailed\n";
        const QString secretPath = outside.filePath(u"passwd"_s);
        QVERIFY(writeFile(secretPath, secret.repeated(4)));
        const QByteArray secretBase64 = secret.left(45).toBase64(); // the first body line of the part
        const QByteArray benign = "RIFF-benign-voice-data-" + QByteArray(64, 'a');

        Engine e;
        QString error;
        QVERIFY2(e.start(&error), qPrintable(error));
        constexpr int kMessages = 60;
        QStringList names;
        for (int i = 0; i < kMessages; ++i)
            names << u"v%1.wav"_s.arg(i);
        std::atomic<bool> stopSwapping{false};
        std::atomic<int> swaps{0};
        const QByteArray spool = QFile::encodeName(e.spool());
        // Joined on every way out of this function (a failed QVERIFY returns).
        struct Joiner
        {
            std::atomic<bool>& stop;
            std::thread thread;
            ~Joiner()
            {
                stop = true;
                if (thread.joinable()) thread.join();
            }
        } swapper{stopSwapping, std::thread([&] {
                      const QByteArray link = spool + "/.swap-link", regular = spool + "/.swap-regular";
                      for (int round = 0; round < 2000000 && !stopSwapping; ++round) {
                          const QByteArray target =
                              spool + '/' + QFile::encodeName(names.at(round % kMessages));
                          ::unlink(link.constData());
                          if (::symlink(secretPath.toLocal8Bit().constData(), link.constData()) == 0)
                              ::rename(link.constData(), target.constData());
                          QFile r(QFile::decodeName(regular));
                          if (r.open(QIODevice::WriteOnly)) {
                              r.write(benign);
                              r.close();
                              ::rename(regular.constData(), target.constData());
                          }
                          ++swaps;
                      }
                  })};
        for (int i = 0; i < kMessages; ++i)
            QVERIFY(KernelEnvelope::write(
                e.spool(), envelope(u"v%1"_s.arg(i), KernelEnvelope::Type::Voice, {names.at(i)}),
                {{names.at(i), benign}}, &error));
        const bool drained = QTest::qWaitFor(
            [&] { return QDir(e.spool()).entryList({u"v*.json"_s}, QDir::Files | QDir::System).isEmpty(); },
            60000);
        stopSwapping = true;
        swapper.thread.join();
        QVERIFY(drained);
        const QList<QByteArray> mails = filesUnder(e.maildir());
        const int refused =
            int(QDir(e.errorDir()).entryList({u"v*.json"_s}, QDir::Files | QDir::System).size());
        qInfo("%d swaps, %lld mails, %d refused", swaps.load(), qint64(mails.size()), refused);
        QCOMPARE(int(mails.size()) + refused, kMessages);
        for (const QByteArray& m : mails)
            QVERIFY2(!m.contains(secretBase64), "a mail contains the file outside the spool");
        // Refusals say why.
        for (const QString& r : QDir(e.errorDir()).entryList({u"v*.reason.txt"_s}, QDir::Files)) {
            const QByteArray why = umgate::test::readAll(e.errorDir() + u'/' + r);
            QVERIFY2(why.contains("symbolic link") || why.contains("does not exist"), why.constData());
        }
    }

    // Entries that cannot be envelopes end in Error with a reason and a log line, the engine stays
    // responsive; a malformed envelope takes its attachments along.
    void badEnvelopesGoToError()
    {
        QTemporaryDir outside;
        Engine e;
        QString error;
        QVERIFY2(e.start(&error), qPrintable(error));
        const QByteArray spool = QFile::encodeName(e.spool());
        QVERIFY(::mkfifo((spool + "/fifo1.json").constData(), 0640) == 0);
        const QByteArray valid =
            QJsonDocument(envelope(u"named"_s, KernelEnvelope::Type::Sms, {}).toJson()).toJson();
        {
            // Raw bytes: QFile would turn the invalid sequence into valid UTF-8.
            const int fd =
                ::open((spool + "/bad\xff\xfe.json").constData(), O_WRONLY | O_CREAT | O_EXCL, 0640);
            QVERIFY(fd >= 0);
            QCOMPARE(::write(fd, valid.constData(), size_t(valid.size())), ssize_t(valid.size()));
            ::close(fd);
        }
        QVERIFY(writeFile(outside.filePath(u"real.json"_s), valid));
        QVERIFY(::symlink(QFile::encodeName(outside.filePath(u"real.json"_s)).constData(),
                          (spool + "/link1.json").constData()) == 0);
        QVERIFY(writeFile(e.spool() + u"/broken1.tif"_s, "II*\0"));
        QVERIFY(writeFile(
            e.spool() + u"/broken1.json"_s,
            R"({"version": 1, "id": "broken1", "type": "fax", "attachments": ["broken1.tif", "../x"]})"));

        const QString err = e.errorDir();
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(err + u"/fifo1.json"_s).exists(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(err + u"/link1.json"_s).isSymLink(), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(err + u"/bad%FF%FE.json"_s), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(err + u"/broken1.json"_s), 10000);
        QVERIFY(QFileInfo::exists(err + u"/broken1.tif"_s));
        QVERIFY(!QFileInfo::exists(e.spool() + u"/broken1.tif"_s));
        struct stat st;
        QVERIFY(::lstat(QFile::encodeName(err + u"/fifo1.json"_s).constData(), &st) == 0 &&
                S_ISFIFO(st.st_mode));
        QVERIFY(umgate::test::readAll(err + u"/fifo1.reason.txt"_s).contains("FIFO"));
        QVERIFY(umgate::test::readAll(err + u"/link1.reason.txt"_s).contains("symbolic link"));
        QVERIFY(umgate::test::readAll(err + u"/bad%FF%FE.reason.txt"_s).contains("UTF-8"));
        for (const char* name : {"fifo1.json moved to", "link1.json moved to", "bad%FF%FE.json moved to",
                                 "broken1.json moved to"})
            QTRY_VERIFY2_WITH_TIMEOUT(e.log().contains(name), name, 5000); // written after the move
        // Nothing of the symlinked envelope was taken, the target is untouched.
        QVERIFY(QFileInfo::exists(outside.filePath(u"real.json"_s)));
        Rpc rpc;
        QVERIFY(rpc.open(e));
        QVERIFY(rpc.call(u"instance.list"_s, {}, 2000).contains(u"result"_s));
        QVERIFY(KernelEnvelope::write(e.spool(), envelope(u"after1"_s, KernelEnvelope::Type::Sms, {}), {},
                                      &error));
        QTRY_VERIFY_WITH_TIMEOUT(!filesUnder(e.maildir()).isEmpty(), 10000);
        QCOMPARE(filesUnder(e.maildir()).size(), 1); // the symlinked and the non-UTF-8 one were not taken
    }

    // A number where file data belongs once stored a 0-byte TIFF; wrong types are refused now.
    void injectRefusesWrongTypes_data()
    {
        QTest::addColumn<QJsonObject>("params");
        QTest::addColumn<QString>("complaint");
        const QJsonObject base{{u"id"_s, kId}, {u"type"_s, u"fax"_s}, {u"called"_s, u"+49 89 1000"_s}};
        const auto with = [&](const QString& key, const QJsonValue& v) {
            QJsonObject o = base;
            o.insert(key, v);
            return o;
        };
        QTest::newRow("data is a number")
            << with(u"files"_s, QJsonArray{QJsonObject{{u"name"_s, u"a.tif"_s}, {u"data"_s, 12345}}})
            << u"files[0]"_s;
        QTest::newRow("data missing")
            << with(u"files"_s, QJsonArray{QJsonObject{{u"name"_s, u"a.tif"_s}}}) << u"files[0]"_s;
        QTest::newRow("file is a string") << with(u"files"_s, QJsonArray{u"SUkqAA=="_s}) << u"files[0]"_s;
        QTest::newRow("name is a number")
            << with(u"files"_s, QJsonArray{QJsonObject{{u"name"_s, 7}, {u"data"_s, u"SUkqAA=="_s}}})
            << u"files[0]"_s;
        QTest::newRow("files is an object")
            << with(u"files"_s, QJsonObject{{u"data"_s, u"SUkqAA=="_s}}) << u"files must be"_s;
        QTest::newRow("calling is a number") << with(u"calling"_s, 4930123) << u"calling must be"_s;
        QTest::newRow("pages is a string") << with(u"pages"_s, u"3"_s) << u"pages must be"_s;
    }

    void injectRefusesWrongTypes()
    {
        QFETCH(QJsonObject, params);
        QFETCH(QString, complaint);
        if (!m_engine) {
            m_engine = std::make_unique<Engine>();
            QString error;
            QVERIFY2(m_engine->start(&error), qPrintable(error));
        }
        Rpc rpc;
        QVERIFY(rpc.open(*m_engine));
        const QJsonObject r = rpc.call(u"message.inject"_s, params);
        const QString message = r.value(u"error"_s).toObject().value(u"message"_s).toString();
        QVERIFY2(r.contains(u"error"_s), QJsonDocument(r).toJson().constData());
        QVERIFY2(message.contains(complaint), qPrintable(message));
        QVERIFY(QDir(m_engine->spool()).entryList(QDir::Files).isEmpty());
    }

    void cleanupTestCase() { m_engine.reset(); }

private:
    std::unique_ptr<Engine> m_engine; // shared by the rows of injectRefusesWrongTypes
};

QTEST_GUILESS_MAIN(TstSpoolHardening)
#include "tst_spool_hardening.moc"
