// SPDX-License-Identifier: GPL-3.0-or-later
// SIGKILL the engine again and again while it takes 2,000 kernel messages and delivers them to a
// real aiosmtpd; after the last restart every message has arrived. A second copy is only allowed
// for a mail whose final 250 was on its way when the engine died (RFC 1047), and it must be the
// same mail (one Message-ID per kernel message): the kernel message was queued once, never twice,
// so a mailbox that suppresses duplicates by Message-ID shows every message once.
#include "../integration/UmgatedProcess.h"
#include "engine/spool/KernelEnvelope.h"
#include "tests/FixtureEnv.h"

#include <QDirIterator>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using umgate::KernelEnvelope;
using umgate::test::runCtl;
using umgate::test::UmgatedProcess;

namespace {
constexpr int kMessages = 2000;
const QString kId = u"MSConnInst1"_s;
} // namespace

class TstCrashDelivery : public QObject
{
    Q_OBJECT

    QHash<QString, QString> m_env;

    // marker -> how many copies arrived; m_messageIds: marker -> the Message-IDs they carried
    QHash<QString, QSet<QString>> m_messageIds;
    QHash<QString, int> arrived(const QString& runTag)
    {
        QHash<QString, int> seen;
        m_messageIds.clear();
        static const QRegularExpression idRe(u"(?m)^Message-ID: *(<[^>\r\n]+>)"_s,
                                             QRegularExpression::CaseInsensitiveOption);
        static const QRegularExpression re(u"crash-[0-9a-f]+-(\\d+)-end"_s);
        // new/ only: the fixture writes into tmp/ and renames into new/, so a listing of both
        // during the rename sees a mail twice or not at all.
        QDirIterator it(m_env.value(u"AIOSMTPD_MAILDIR"_s) + u"/new"_s, QDir::Files);
        for (int i = 0; it.hasNext() && i < 1000000; ++i) {
            QFile f(it.next());
            if (!f.open(QIODevice::ReadOnly)) continue;
            const QString text = QString::fromUtf8(f.readAll());
            if (!text.contains(runTag)) continue;
            const auto m = re.match(text);
            if (m.hasMatch()) {
                ++seen[m.captured(1)];
                m_messageIds[m.captured(1)].insert(idRe.match(text).captured(1));
            }
        }
        return seen;
    }

private slots:
    void initTestCase()
    {
        m_env = umgate::test::fixtureEnv(u"aiosmtpd"_s);
        QVERIFY2(!m_env.isEmpty(), "the aiosmtpd fixture did not run");
    }

    void sigkillLosesNothing()
    {
        UmgatedProcess d;
        QString error;
        QVERIFY2(d.start(&error), qPrintable(error));
        for (const auto& [key, value] :
             {std::pair{u"mailSystem.general.server"_s, u"127.0.0.1"_s},
              std::pair{u"mailSystem.general.port"_s, m_env.value(u"AIOSMTPD_NOAUTH_PORT"_s)},
              std::pair{u"mailSystem.messageStore.mode"_s, u"mailServer"_s},
              std::pair{u"mailSystem.general.defaultRecipient"_s, u"crash@example.com"_s}})
            QCOMPARE(runCtl(d.dataDir(), {u"config"_s, u"set"_s, kId, key, value}).exitCode, 0);

        // The kernel's side: every message written the documented way, while the engine runs.
        const QString runTag = u"crash-%1"_s.arg(QRandomGenerator::global()->generate(), 0, 16);
        const QString spool = d.paths().instanceDir(kId) + u"/Kernel/Incoming"_s;
        for (int i = 0; i < kMessages; ++i) {
            KernelEnvelope e;
            e.id = u"c%1"_s.arg(i, 5, 10, QLatin1Char('0'));
            e.type = KernelEnvelope::Type::Sms;
            e.calling = u"+49 30 1234567"_s;
            e.called = u"+1 555 0100"_s;
            e.time = QDateTime::currentDateTimeUtc();
            e.text = u"%1-%2-end"_s.arg(runTag).arg(i);
            QVERIFY2(KernelEnvelope::write(spool, e, {}, &error), qPrintable(error));
        }

        // Kill it at random moments while it takes and delivers, then let it finish.
        int kills = 0;
        for (int round = 0; round < 6; ++round) {
            QTest::qWait(150 + int(QRandomGenerator::global()->bounded(700)));
            d.kill();
            ++kills;
            QVERIFY2(d.start(&error), qPrintable(error));
        }
        QHash<QString, int> seen;
        QTRY_VERIFY_WITH_TIMEOUT((seen = arrived(runTag)).size() == kMessages, 120000);
        QTest::qWait(1500); // anything still on its way
        seen = arrived(runTag);
        QStringList twice;
        for (auto it = seen.begin(); it != seen.end(); ++it)
            if (it.value() > 1) twice << it.key();
        // A mail can only arrive twice when the kill fell between the server's final 250 and the
        // engine reading it (RFC 1047: no SMTP client can close that window). So at most the
        // mails in transfer at each kill: one per connection.
        const int maxInDoubt = kills * 10;
        QVERIFY2(twice.size() <= maxInDoubt,
                 qPrintable(u"%1 delivered more than once: %2"_s.arg(twice.size()).arg(twice.join(u", "_s))));
        QCOMPARE(seen.size(), kMessages);
        // Queued once per kernel message: a second copy is a resend of the same mail.
        for (auto it = m_messageIds.cbegin(); it != m_messageIds.cend(); ++it)
            QVERIFY2(it.value().size() == 1 && !it.value().begin()->isEmpty(),
                     qPrintable(u"message %1 arrived as different mails: %2"_s.arg(
                         it.key(), QStringList(it.value().begin(), it.value().end()).join(u", "_s))));
        QVERIFY(QDir(spool).entryList({u"*.json"_s}, QDir::Files).isEmpty());
        qInfo("%d messages, %d SIGKILLs: every one arrived as one mail (one Message-ID); %d resent after a "
              "kill with the same Message-ID (250 in flight: %s)",
              kMessages, kills, int(twice.size()), qPrintable(twice.join(u", "_s)));
    }
};

QTEST_GUILESS_MAIN(TstCrashDelivery)
#include "tst_crash_delivery.moc"
