// SPDX-License-Identifier: GPL-3.0-or-later
// The engine's RPC table (every method has exactly one row), error codes chosen by the failure's
// kind, and the pieces engine.status is served from without Qt's JSON writer on each call: the
// pre-serialised reply line, the JSON template and the folder count.
#include "engine/Engine.h"
#include "engine/core/FolderCount.h"
#include "engine/core/JsonTemplate.h"
#include "engine/rpc/RpcFailure.h"
#include "engine/rpc/RpcHandlerTable.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace umgate;

class TstRpcHandlers : public QObject
{
    Q_OBJECT
private slots:
    void everyMethodHasExactlyOneRow()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const Engine engine(dir.path());
        const RpcHandlerTable& table = engine.rpcHandlers();
        QVERIFY2(table.duplicates().isEmpty(), "a method is registered by two areas");
        for (const auto& m : rpc::methods())
            QVERIFY2(table.find(m.method), m.name);
        // What may be called freely (the fuzzer does) changes nothing.
        using A = RpcHandlerTable::Access;
        QCOMPARE(table.find(rpc::Method::EngineStatus)->access, A::Read);
        QCOMPARE(table.find(rpc::Method::ConfigValidate)->access, A::Read);
        for (const auto method : {rpc::Method::ConfigSet, rpc::Method::InstanceDelete,
                                  rpc::Method::QueueDelete, rpc::Method::MessageInject, rpc::Method::UserSet,
                                  rpc::Method::LogClear, rpc::Method::MiscSet, rpc::Method::AdminTokenAdd})
            QCOMPARE(table.find(method)->access, A::Change);
    }

    void dispatchAnswersUnknownAndHostOnly()
    {
        RpcHandlerTable table;
        int called = 0;
        table.addHostOnly(rpc::Method::AdminTokenList, RpcHandlerTable::Access::Read,
                          QStringLiteral("host only"), [&called](const RpcCall&, const RpcReply& reply) {
                              ++called;
                              reply(QJsonObject{}, std::nullopt);
                          });
        std::optional<rpc::Error> error;
        const auto capture = [&error](const QJsonValue&, const std::optional<rpc::Error>& e) { error = e; };
        table.dispatch(RpcCall{rpc::Method::AdminTokenList, {}, false, QStringLiteral("remote")}, capture);
        QCOMPARE(called, 0);
        QVERIFY(error);
        QCOMPARE(error->code, rpc::ErrorCode::Unauthenticated);
        QCOMPARE(error->message, QStringLiteral("host only"));
        table.dispatch(RpcCall{rpc::Method::AdminTokenList, {}, true, QStringLiteral("local")}, capture);
        QCOMPARE(called, 1);
        QVERIFY(!error);
        table.dispatch(RpcCall{rpc::Method::EngineStatus, {}, true, QStringLiteral("local")}, capture);
        QVERIFY(error);
        QCOMPARE(error->code, rpc::ErrorCode::MethodNotFound);
    }

    void errorCodeComesFromTheKindNotTheText()
    {
        // The same sentence under every kind: only the kind decides.
        const QString text = QStringLiteral("no such thing exists already");
        QCOMPARE(rpc::failureError({Failure::Kind::Invalid, text}).code, rpc::ErrorCode::InvalidParams);
        QCOMPARE(rpc::failureError({Failure::Kind::NotFound, text}).code, rpc::ErrorCode::NotFound);
        QCOMPARE(rpc::failureError({Failure::Kind::Exists, text}).code, rpc::ErrorCode::Conflict);
        QCOMPARE(rpc::failureError({Failure::Kind::Unavailable, text}).code,
                 rpc::ErrorCode::SecretStoreUnavailable);
        QCOMPARE(rpc::failureError({Failure::Kind::Io, text}).code, rpc::ErrorCode::InternalError);
        QCOMPARE(rpc::failureError({Failure::Kind::Exists, text}).message, text);
    }

    void adminTokenFailuresHaveKinds()
    {
        QTemporaryDir dir;
        AdminTokens tokens(dir.filePath(QStringLiteral("tokens.json")));
        Failure failure;
        QVERIFY(!tokens.add(QStringLiteral("no spaces allowed"), &failure));
        QCOMPARE(failure.kind, Failure::Kind::Invalid);
        QVERIFY(tokens.add(QStringLiteral("alice"), &failure));
        QVERIFY(!tokens.add(QStringLiteral("alice"), &failure));
        QCOMPARE(failure.kind, Failure::Kind::Exists);
        QVERIFY(!tokens.remove(QStringLiteral("bob"), &failure));
        QCOMPARE(failure.kind, Failure::Kind::NotFound);
    }

    void serializedResultLineIsQtsLine_data()
    {
        QTest::addColumn<QJsonValue>("id");
        QTest::newRow("int") << QJsonValue(7);
        QTest::newRow("big") << QJsonValue(qint64(1) << 40);
        QTest::newRow("negative") << QJsonValue(-3);
        QTest::newRow("fraction") << QJsonValue(1.5);
        QTest::newRow("string") << QJsonValue(QStringLiteral("a\"b\\c"));
        QTest::newRow("null") << QJsonValue(QJsonValue::Null);
    }
    void serializedResultLineIsQtsLine()
    {
        QFETCH(QJsonValue, id);
        const QJsonObject result{{QStringLiteral("b"), 1}, {QStringLiteral("a"), QStringLiteral("x")}};
        const QByteArray text = QJsonDocument(result).toJson(QJsonDocument::Compact);
        QCOMPARE(rpc::resultLineSerialized(id, text), rpc::resultLine(id, result));
    }

    void jsonTemplateFillsItsHoles()
    {
        const QJsonObject object{{QStringLiteral("uptime"), JsonTemplate::placeholder(1)},
                                 {QStringLiteral("name"), QStringLiteral("x")},
                                 {QStringLiteral("list"), QJsonArray{JsonTemplate::placeholder(0), 5}}};
        JsonTemplate t;
        QVERIFY(t.build(object, 2));
        const qint64 values[] = {42, 123456789012};
        const QJsonObject expected{{QStringLiteral("uptime"), qint64(123456789012)},
                                   {QStringLiteral("name"), QStringLiteral("x")},
                                   {QStringLiteral("list"), QJsonArray{42, 5}}};
        QCOMPARE(t.fill(values), QJsonDocument(expected).toJson(QJsonDocument::Compact));
    }

    void folderCountFollowsTheFolder()
    {
        QTemporaryDir dir;
        const QString folder = dir.filePath(QStringLiteral("q"));
        FolderCount count;
        QCOMPARE(count.count(folder, ".json"), 0); // no folder yet
        QVERIFY(QDir().mkpath(folder));
        const auto touch = [&folder](const QString& name) {
            QFile f(folder + QLatin1Char('/') + name);
            QVERIFY(f.open(QIODevice::WriteOnly));
        };
        touch(QStringLiteral("a.json"));
        touch(QStringLiteral("a.eml"));
        touch(QStringLiteral(".b.json")); // a write in progress
        QCOMPARE(count.count(folder, ".json"), 1);
        touch(QStringLiteral("c.json")); // within the mtime's tick: read again anyway
        QCOMPARE(count.count(folder, ".json"), 2);
        // Removed and made again: the new folder is counted, not the open old one.
        QVERIFY(QDir(folder).removeRecursively());
        QCOMPARE(count.count(folder, ".json"), 0);
        QVERIFY(QDir().mkpath(folder));
        touch(QStringLiteral("d.json"));
        QCOMPARE(count.count(folder, ".json"), 1);
        // Renamed away and replaced: forget() lets go of the old one.
        QVERIFY(QDir().rename(folder, folder + QStringLiteral(".kept")));
        QVERIFY(QDir().mkpath(folder));
        count.forget(folder);
        QCOMPARE(count.count(folder, ".json"), 0);
    }
};

QTEST_GUILESS_MAIN(TstRpcHandlers)
#include "tst_rpchandlers.moc"
