// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/client/RpcProtocol.h"

#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace umgate;

class TstRpcProtocol : public QObject
{
    Q_OBJECT
private slots:
    void methodTableIsConsistent()
    {
        QSet<QString> names;
        for (const auto& m : rpc::methods()) {
            const QString name = QString::fromLatin1(m.name);
            QVERIFY2(!names.contains(name), qPrintable(name));
            names.insert(name);
            QCOMPARE(rpc::methodFromName(name), std::optional<rpc::Method>(m.method));
            QCOMPARE(rpc::methodName(m.method), name);
            QVERIFY(QByteArray(m.summary).size() > 5);
        }
        QVERIFY(!rpc::methodFromName(QStringLiteral("no.such")).has_value());
        // Only the handshake works before authentication.
        for (const auto& m : rpc::methods())
            QCOMPARE(m.needsAuth, m.method != rpc::Method::RpcVersion);
    }

    void linesAreJsonRpc20()
    {
        const QJsonObject req =
            QJsonDocument::fromJson(rpc::requestLine(7, QStringLiteral("engine.status"), {})).object();
        QCOMPARE(req.value(QStringLiteral("jsonrpc")).toString(), QStringLiteral("2.0"));
        QCOMPARE(req.value(QStringLiteral("id")).toInt(), 7);
        const QByteArray err = rpc::errorLine(7, {rpc::ErrorCode::NotFound, QStringLiteral("x"), {}});
        QVERIFY(!err.contains('\n'));
        const auto e = rpc::Error::fromJson(
            QJsonDocument::fromJson(err).object().value(QStringLiteral("error")).toObject());
        QCOMPARE(e.code, rpc::ErrorCode::NotFound);
        const QJsonObject n =
            QJsonDocument::fromJson(rpc::notificationLine(rpc::Notification::LogLine, {})).object();
        QVERIFY(!n.contains(QStringLiteral("id")));
        QCOMPARE(n.value(QStringLiteral("method")).toString(), QStringLiteral("log.line"));
        QCOMPARE(rpc::notificationFromName(QStringLiteral("instance.state")),
                 std::optional(rpc::Notification::InstanceState));
    }
};

QTEST_GUILESS_MAIN(TstRpcProtocol)
#include "tst_rpcprotocol.moc"
