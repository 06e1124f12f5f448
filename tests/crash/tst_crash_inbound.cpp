// SPDX-License-Identifier: GPL-3.0-or-later
// SIGKILL the engine again and again while ten SMTP clients hand it mail for the kernel (issue 12):
// after each restart, every mail that got a 250 is a job in Kernel/Outgoing exactly once, every
// envelope there names a complete mail file, and nothing half-written is left for the kernel.
#include "../integration/UmgatedProcess.h"

#include <QDirIterator>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using umgate::test::runCtl;
using umgate::test::UmgatedProcess;

namespace {

const QString kId = u"MSConnInst1"_s;

// Ten sessions, mail after mail on each, until the server goes away; prints "ACK <tag>" for every
// 250 at the end of the data (flushed at once, so a line printed is a 250 received).
const char* kClients = R"(
import socket, sys, threading
port, run, seconds = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
lock = threading.Lock()
def reply(f):
    while True:
        line = f.readline()
        if not line: raise EOFError
        if line[3:4] != b'-': return line
def client(n):
    try:
        s = socket.create_connection(('127.0.0.1', port), timeout=10)
        f = s.makefile('rb')
        reply(f)
        s.sendall(b'EHLO crash.example\r\n'); reply(f)
        i = 0
        while True:
            tag = '%s-%d-%d' % (run, n, i)
            body = ('Subject: %s\r\nMessage-ID: <%s@crash.example>\r\n\r\n' % (tag, tag)) + ('x' * 70 + '\r\n') * 100
            s.sendall(b'MAIL FROM:<c@crash.example>\r\nRCPT TO:<+4930123456@fax.localhost>\r\nDATA\r\n')
            for _ in range(3):
                if not reply(f).startswith((b'250', b'354')): return
            s.sendall(body.encode() + b'.\r\n')
            if reply(f).startswith(b'250'):
                with lock:
                    print('ACK', tag, flush=True)
            i += 1
    except (OSError, EOFError):
        return
threads = [threading.Thread(target=client, args=(n,)) for n in range(10)]
for t in threads: t.start()
for t in threads: t.join(seconds)
)";

} // namespace

class TstCrashInbound : public QObject
{
    Q_OBJECT

private slots:
    void sigkillLosesNoAcceptedMail()
    {
        UmgatedProcess d;
        QString error;
        QVERIFY2(d.start(&error), qPrintable(error));
        QVERIFY(umgate::test::withoutSenderCheck(d.dataDir()));
        const QString outgoing = d.paths().instanceDir(kId) + u"/Kernel/Outgoing"_s;
        const QString run = u"r%1"_s.arg(QRandomGenerator::global()->generate(), 0, 16);
        QSet<QString> acked;
        for (int round = 0; round < 6; ++round) {
            const quint16 port = umgate::test::listenPortOf(d.dataDir(), kId);
            QVERIFY(port > 0);
            QProcess clients;
            clients.start(u"python3"_s, {u"-c"_s, QString::fromLatin1(kClients), QString::number(port),
                                         run + u"-"_s + QString::number(round), u"30"_s});
            QVERIFY(clients.waitForStarted(5000));
            // Kill at a different moment each round, once mails are flowing.
            int seen = 0;
            QVERIFY(QTest::qWaitFor(
                [&] {
                    clients.waitForReadyRead(20);
                    while (clients.canReadLine()) {
                        const QByteArray line = clients.readLine().trimmed();
                        if (line.startsWith("ACK ")) acked.insert(QString::fromLatin1(line.mid(4)));
                        ++seen;
                    }
                    return seen >= 20 + 37 * round;
                },
                30000));
            d.kill();
            QVERIFY(clients.waitForFinished(30000));
            for (const QByteArray& line : clients.readAllStandardOutput().split('\n'))
                if (line.startsWith("ACK ")) acked.insert(QString::fromLatin1(line.mid(4).trimmed()));
            QVERIFY2(d.start(&error), qPrintable(error));
            QVERIFY(umgate::test::withoutSenderCheck(d.dataDir()));
            // The listener's start cleared what the crash left: no temp envelope, no mail file
            // without an envelope; every envelope names a complete mail.
            QMultiHash<QString, QString> jobs; // tag -> job id
            QDirIterator it(outgoing, QDir::Files | QDir::Hidden);
            QStringList mails;
            for (int i = 0; it.hasNext() && i < 1000000; ++i) {
                const QString name = QFileInfo(it.next()).fileName();
                QVERIFY2(!name.startsWith(u'.'), qPrintable(name));
                if (name.endsWith(u".eml"_s)) mails.append(name.chopped(4));
                if (!name.endsWith(u".json"_s)) continue;
                const QJsonObject e =
                    QJsonDocument::fromJson(umgate::test::readAll(outgoing + u'/' + name)).object();
                QCOMPARE(e.value(u"version"_s).toInt(), 1);
                const QByteArray mail =
                    umgate::test::readAll(outgoing + u'/' + e.value(u"message"_s).toString());
                QCOMPARE(qint64(mail.size()), e.value(u"messageBytes"_s).toInteger());
                QVERIFY(mail.endsWith(QByteArray(70, 'x') + "\r\n"));
                static const QRegularExpression re(u"Message-ID: <([^@]+)@crash.example>"_s);
                jobs.insert(re.match(QString::fromLatin1(mail)).captured(1), e.value(u"id"_s).toString());
            }
            QCOMPARE(mails.size(), jobs.size());
            for (const QString& tag : std::as_const(acked))
                QVERIFY2(jobs.count(tag) == 1, qPrintable(u"%1: %2 jobs"_s.arg(tag).arg(jobs.count(tag))));
            for (const QString& tag : jobs.uniqueKeys())
                QVERIFY2(jobs.count(tag) == 1, qPrintable(u"%1 is %2 jobs"_s.arg(tag).arg(jobs.count(tag))));
            qInfo("round %d: %lld mails acknowledged so far, %lld jobs", round, qlonglong(acked.size()),
                  qlonglong(jobs.size()));
        }
        QVERIFY(acked.size() >= 100);
    }
};

QTEST_GUILESS_MAIN(TstCrashInbound)
#include "tst_crash_inbound.moc"
