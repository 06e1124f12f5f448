// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/config/MiscSetup.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using umgate::MiscSetup;
using umgate::RetrievalProtocol;
namespace miscKeys = umgate::miscKeys;

class TstMiscSetup : public QObject
{
    Q_OBJECT
private slots:
    void defaultsApplyWhenIgnored()
    {
        MiscSetup m;
        QCOMPARE(m.get(miscKeys::retrievalProtocol), RetrievalProtocol::Imap4);
        QVERIFY(m.entry(QStringLiteral("mailbox.retrievalProtocol")).ignore);
        QVERIFY(m.set(QStringLiteral("mailbox.retrievalProtocol"), QJsonValue(QStringLiteral("pop3")),
                      std::nullopt)
                    .isEmpty());
        QCOMPARE(m.get(miscKeys::retrievalProtocol), RetrievalProtocol::Pop3);
        // Ignore = 1: the value is kept but the default applies (NEC Misc Setup).
        QVERIFY(m.set(QStringLiteral("mailbox.retrievalProtocol"), std::nullopt, true).isEmpty());
        QCOMPARE(m.get(miscKeys::retrievalProtocol), RetrievalProtocol::Imap4);
        QCOMPARE(m.entry(QStringLiteral("mailbox.retrievalProtocol")).value.toString(),
                 QStringLiteral("pop3"));
    }

    void necAliasFindsTheOption()
    {
        const auto* def = MiscSetup::find(QStringLiteral("g_szEmailDllPath"));
        QVERIFY(def);
        QCOMPARE(def->key, QStringLiteral("mailbox.retrievalProtocol"));
    }

    void rejectsInvalidValues()
    {
        MiscSetup m;
        QVERIFY(!m.set(QStringLiteral("mailbox.retrievalProtocol"), QJsonValue(QStringLiteral("smtp")),
                       std::nullopt)
                     .isEmpty());
        QVERIFY(!m.set(QStringLiteral("rpc.tcp.port"), QJsonValue(70000), std::nullopt).isEmpty());
        QVERIFY(!m.set(QStringLiteral("rpc.tcp.port"), QJsonValue(1.5), std::nullopt).isEmpty());
        QVERIFY(!m.set(QStringLiteral("rpc.tcp.enabled"), QJsonValue(QStringLiteral("yes")), std::nullopt)
                     .isEmpty());
        QVERIFY(
            !m.set(QStringLiteral("rpc.tcp.address"), QJsonValue(QStringLiteral("not an ip")), std::nullopt)
                 .isEmpty());
        QVERIFY(!m.set(QStringLiteral("no.such.option"), QJsonValue(1), std::nullopt).isEmpty());
        QCOMPARE(m.get(miscKeys::rpcTcpPort), 4650);
    }

    void roundTripsThroughTheFile()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("misc.json"));
        MiscSetup m;
        QVERIFY(m.set(QStringLiteral("directory.cacheTtlSeconds"), QJsonValue(42), std::nullopt).isEmpty());
        QString error;
        QVERIFY(m.save(path, &error));
        MiscSetup n;
        QVERIFY2(n.load(path, &error), qPrintable(error));
        QCOMPARE(n.get(miscKeys::directoryCacheTtlSeconds), 42);
        QCOMPARE(n.serialize(), m.serialize());
        n.reset(QStringLiteral("directory.cacheTtlSeconds"));
        QCOMPARE(n.get(miscKeys::directoryCacheTtlSeconds), 300);
    }

    void brokenFileIsAnError()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("misc.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{ not json");
        f.close();
        MiscSetup m;
        QString error;
        QVERIFY(!m.load(path, &error));
        QVERIFY(error.contains(QStringLiteral("misc.json")));
    }
};

QTEST_GUILESS_MAIN(TstMiscSetup)
#include "tst_miscsetup.moc"
