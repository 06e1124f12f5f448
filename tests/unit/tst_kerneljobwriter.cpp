// SPDX-License-Identifier: GPL-3.0-or-later
// KernelJobWriter and the kernel job envelope (KernelJob): files before envelopes, shared mail
// files by hard link, group commit, failures that leave nothing of their own and never touch
// another job's files, and the clean-up of what a crash left.
#include "engine/inbound/KernelJob.h"
#include "engine/inbound/KernelJobWriter.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace umgate;

namespace {

struct Result
{
    bool finished = false;
    bool ok = false;
    QString error;
};

KernelJobWriter::Write write(const QStringList& ids, const QByteArray& data, Result* result)
{
    KernelJobWriter::Write w;
    w.prefix = "Received: test\r\n";
    w.data = data;
    w.ids = ids;
    w.envelope = [ids](qsizetype i, const MimeReader::Content& content, const QStringList& files) {
        return QJsonDocument(QJsonObject{{u"id"_s, ids.at(i)},
                                         {u"files"_s, QJsonArray::fromStringList(files)},
                                         {u"subject"_s, content.subject}})
            .toJson(QJsonDocument::Compact);
    };
    w.done = [result](bool ok, const QString& error) {
        result->finished = true;
        result->ok = ok;
        result->error = error;
    };
    return w;
}

QByteArray read(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

nlink_t links(const QString& path)
{
    struct stat st
    {
    };
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_nlink : 0;
}

} // namespace

class TestKernelJobWriter : public QObject
{
    Q_OBJECT

private slots:
    void writesJobsWithGroupCommit()
    {
        QTemporaryDir dir;
        KernelJobWriter writer(dir.path());
        QList<Result> results(60);
        for (int i = 0; i < 60; ++i) {
            QStringList ids;
            for (int r = 0; r <= i % 3; ++r)
                ids.append(QStringLiteral("job%1-%2").arg(i).arg(r));
            writer.submit(write(ids, "mail " + QByteArray::number(i) + "\r\n", &results[i]));
        }
        QTRY_VERIFY_WITH_TIMEOUT(
            std::all_of(results.begin(), results.end(), [](const Result& r) { return r.finished; }), 20000);
        for (int i = 0; i < 60; ++i) {
            QVERIFY2(results[i].ok, qPrintable(results[i].error));
            for (int r = 0; r <= i % 3; ++r) {
                const QString id = QStringLiteral("job%1-%2").arg(i).arg(r);
                QCOMPARE(read(dir.filePath(id + u".eml"_s)),
                         "Received: test\r\nmail " + QByteArray::number(i) + "\r\n");
                QCOMPARE(QJsonDocument::fromJson(read(dir.filePath(id + u".json"_s)))
                             .object()
                             .value(u"id"_s)
                             .toString(),
                         id);
                QCOMPARE(links(dir.filePath(id + u".eml"_s)), nlink_t(i % 3 + 1)); // one file per mail
            }
        }
        QVERIFY(QDir(dir.path()).entryList({QStringLiteral(".*")}, QDir::Files | QDir::Hidden).isEmpty());
        // Group commit: the mails submitted while a batch was on its way share the next one.
        QVERIFY2(writer.batches() < 30, qPrintable(QString::number(writer.batches())));
    }

    // An id whose mail file or envelope exists already fails that mail alone; the other job's
    // files stay as they were, and the failed mail leaves nothing behind.
    void collisionsFailAloneAndTouchNothing()
    {
        QTemporaryDir dir;
        QFile taken(dir.filePath(u"taken.eml"_s));
        QVERIFY(taken.open(QIODevice::WriteOnly));
        taken.write("someone else's");
        taken.close();
        QFile envelope(dir.filePath(u"b2.json"_s));
        QVERIFY(envelope.open(QIODevice::WriteOnly));
        envelope.write("{\"someone\": \"else\"}");
        envelope.close();

        KernelJobWriter writer(dir.path());
        Result a, b, c;
        writer.submit(write({QStringLiteral("taken")}, "a\r\n", &a));
        writer.submit(write({QStringLiteral("b1"), QStringLiteral("b2")}, "b\r\n", &b));
        writer.submit(write({QStringLiteral("c")}, "c\r\n", &c));
        QTRY_VERIFY_WITH_TIMEOUT(a.finished && b.finished && c.finished, 20000);
        QVERIFY(!a.ok);
        QVERIFY2(a.error.contains(u"cannot create taken.eml"_s), qPrintable(a.error));
        QVERIFY(!b.ok);
        QVERIFY2(b.error.contains(u"cannot rename the envelope of b2"_s), qPrintable(b.error));
        QVERIFY2(c.ok, qPrintable(c.error));
        QCOMPARE(read(dir.filePath(u"taken.eml"_s)), QByteArray("someone else's"));
        QCOMPARE(read(dir.filePath(u"b2.json"_s)), QByteArray("{\"someone\": \"else\"}"));
        QStringList left = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden);
        left.sort();
        QCOMPARE(left, (QStringList{u"b2.json"_s, u"c.eml"_s, u"c.json"_s, u"taken.eml"_s}));
    }

    void missingFolderFailsEveryMail()
    {
        KernelJobWriter writer(QStringLiteral("/nonexistent/umgate-spool"));
        Result a;
        writer.submit(write({QStringLiteral("a")}, "a\r\n", &a));
        QTRY_VERIFY_WITH_TIMEOUT(a.finished, 20000);
        QVERIFY(!a.ok);
        QVERIFY2(a.error.startsWith(u"cannot open /nonexistent/umgate-spool"_s), qPrintable(a.error));
    }

    // Deleting the writer writes what was submitted before it returns.
    void destructorWritesPending()
    {
        QTemporaryDir dir;
        Result a;
        {
            KernelJobWriter writer(dir.path());
            writer.submit(write({QStringLiteral("late")}, "late\r\n", &a));
        }
        QVERIFY(QFile::exists(dir.filePath(u"late.json"_s)));
        QVERIFY(QFile::exists(dir.filePath(u"late.eml"_s)));
    }

    // The attachments are decoded on the writer thread into files of each job, shared by links.
    void attachmentsBecomeFiles()
    {
        QTemporaryDir dir;
        KernelJobWriter writer(dir.path());
        Result a;
        writer.submit(
            write({u"m1"_s, u"m2"_s},
                  "Subject: plans\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\ntext\r\n"
                  "--b\r\nContent-Type: application/pdf; name=\"Plan.PDF\"\r\n"
                  "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQ=\r\n"
                  "--b\r\nContent-Type: application/octet-stream; name=noext\r\n\r\nraw\r\n--b--\r\n",
                  &a));
        QTRY_VERIFY_WITH_TIMEOUT(a.finished, 20000);
        QVERIFY2(a.ok, qPrintable(a.error));
        for (const QString& id : {u"m1"_s, u"m2"_s}) {
            const QJsonObject e = QJsonDocument::fromJson(read(dir.filePath(id + u".json"_s))).object();
            QCOMPARE(e.value(u"subject"_s).toString(), u"plans"_s);
            QCOMPARE(e.value(u"files"_s).toArray().toVariantList(),
                     (QVariantList{id + u".1.pdf"_s, id + u".2"_s}));
            QCOMPARE(read(dir.filePath(id + u".1.pdf"_s)), QByteArray("%PDF-1.4"));
            QCOMPARE(read(dir.filePath(id + u".2"_s)), QByteArray("raw"));
            QCOMPARE(links(dir.filePath(id + u".1.pdf"_s)), nlink_t(2));
        }
    }

    void recoverRemovesWhatACrashLeft()
    {
        QTemporaryDir dir;
        // A cancel cut short (its envelope renamed away) goes; a job the kernel took keeps its files.
        for (const char* name : {".half.json.tmp", "orphan.eml", "orphan.1.pdf", "orphan.2", "kept.eml",
                                 "kept.1.tif", "kept.json", "other.txt", ".gone.json.cancelled", "gone.eml",
                                 "taken.json.taken", "taken.eml", "taken.1.pdf"}) {
            QFile f(dir.filePath(QLatin1String(name)));
            QVERIFY(f.open(QIODevice::WriteOnly));
        }
        KernelJobWriter::recover(dir.path());
        QStringList left = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden);
        left.sort();
        QCOMPARE(left, (QStringList{u"kept.1.tif"_s, u"kept.eml"_s, u"kept.json"_s, u"other.txt"_s,
                                    u"taken.1.pdf"_s, u"taken.eml"_s, u"taken.json.taken"_s}));
    }

    // An administrator's cancel: the job's envelope and files go, not another job's; a job the
    // kernel took (renamed) or an id that could name another file is refused.
    void cancelRemovesOneJob()
    {
        QTemporaryDir dir;
        for (const char* name :
             {"a.json", "a.eml", "a.1.pdf", "ab.json", "ab.eml", "b.json.taken", "b.eml"}) {
            QFile f(dir.filePath(QLatin1String(name)));
            QVERIFY(f.open(QIODevice::WriteOnly));
            if (QByteArray(name).endsWith(".json")) f.write(R"({"type":"fax","number":"+4930123"})");
        }
        QString error;
        bool notFound = true;
        const auto envelope = KernelJobWriter::cancel(dir.path(), u"a"_s, &error, &notFound);
        QVERIFY2(envelope, qPrintable(error));
        QVERIFY(!notFound);
        QCOMPARE(envelope->value(u"number"_s).toString(), u"+4930123"_s);
        QStringList left = QDir(dir.path()).entryList(QDir::Files | QDir::Hidden);
        left.sort();
        QCOMPARE(left, (QStringList{u"ab.eml"_s, u"ab.json"_s, u"b.eml"_s, u"b.json.taken"_s}));
        QVERIFY(!KernelJobWriter::cancel(dir.path(), u"b"_s, &error, &notFound));
        QVERIFY(notFound);
        QVERIFY2(error.contains(u"took the job already"_s), qPrintable(error));
        for (const QString& hostile : {u"../x"_s, u"ab.json"_s, u".ab"_s, QString(), u"a/b"_s}) {
            QVERIFY(!KernelJobWriter::cancel(dir.path(), hostile, &error, &notFound));
            QVERIFY2(notFound && error.contains(u"is not a kernel job id"_s), qPrintable(hostile + error));
        }
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 4);
    }

    void envelope()
    {
        ReceivedMail m;
        m.helo = "mx.example.com";
        m.sender = "alice@example.com";
        m.ret = "HDRS";
        m.envId = "QQ+2B1";
        m.data = "From: a\r\nmessage-id:\r\n <abc@example.com>\r\nSubject: x\r\n\r\nMessage-ID: <body@x>\r\n";
        ReceivedRecipient r{"+4930123@fax.example.com", "SUCCESS", "rfc822;x+40y",
                            QJsonObject{{u"type"_s, u"fax"_s}, {u"number"_s, u"+4930123"_s}}};
        KernelJob::Context c{QStringLiteral("j1"),
                             QStringLiteral("192.0.2.1"),
                             QString(),
                             QDateTime(QDate(2026, 12, 7), QTime(2, 30), Qt::UTC),
                             123,
                             {},
                             {}};
        const QJsonObject e = KernelJob::envelope(m, r, c, MimeReader::read(m.data));
        QCOMPARE(e.value(u"version"_s).toInt(), 1);
        QCOMPARE(e.value(u"type"_s).toString(), u"fax"_s);
        QCOMPARE(e.value(u"number"_s).toString(), u"+4930123"_s);
        QCOMPARE(e.value(u"messageId"_s).toString(), u"<abc@example.com>"_s);
        QCOMPARE(e.value(u"received"_s).toString(), u"2026-12-07T02:30:00Z"_s);
        QCOMPARE(e.value(u"message"_s).toString(), u"j1.eml"_s);
        QCOMPARE(e.value(u"messageBytes"_s).toInteger(), 123);
        QCOMPARE(e.value(u"dsn"_s).toObject().value(u"envId"_s).toString(), u"QQ+1"_s);
        QCOMPARE(e.value(u"dsn"_s).toObject().value(u"orcpt"_s).toString(), u"rfc822;x+40y"_s);
        QCOMPARE(e.value(u"client"_s).toObject().value(u"helo"_s).toString(), u"mx.example.com"_s);
        // Only the header block counts.
        QCOMPARE(MimeReader::read("Subject: x\r\n\r\nMessage-ID: <b@x>\r\n").messageId, QByteArray());
    }

    void ids()
    {
        const QString id = KernelJob::newId();
        QVERIFY2(KernelJob::isValidId(id), qPrintable(id));
        QVERIFY(KernelJob::newId() != id);
        QVERIFY(!KernelJob::isValidId(QStringLiteral("../x")));
        QVERIFY(!KernelJob::isValidId(QStringLiteral(".hidden")));
    }
};

QTEST_GUILESS_MAIN(TestKernelJobWriter)
#include "tst_kerneljobwriter.moc"
