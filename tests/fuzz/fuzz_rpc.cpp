// SPDX-License-Identifier: GPL-3.0-or-later
// The RPC channel as a client sees it: RpcConnection's line framing and JSON-RPC checks, then
// Engine::handle's dispatch and parameter checks, on a real Engine over a temporary data dir.
// Each input is what one client sends after a successful rpc.version handshake; the replies are
// read and checked to be one JSON-RPC object per line.
//
// Only methods that leave the engine as it was (Access::Read in the engine's RPC table) are passed
// to the Engine: a fuzzer that may create instances, inject messages or change settings would make
// every later input run against a different engine (and fill the disk). The others get the reply a
// read-only admin would get.
#include "engine/Engine.h"
#include "engine/rpc/RpcConnection.h"
#include "engine/rpc/RpcServer.h"
#include "tests/fuzz/FuzzSupport.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QPointer>
#include <QTemporaryDir>
#include <QThread>
#include <unistd.h>

using namespace umgate;

namespace {

// A client in memory: RpcConnection reads `input` and writes its replies to `output`.
class FuzzPipe : public QIODevice
{
public:
    explicit FuzzPipe(const QByteArray& input) : m_input(input)
    {
        open(QIODevice::ReadWrite | QIODevice::Unbuffered);
    }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return m_input.size() - m_read + QIODevice::bytesAvailable(); }
    bool drained() const { return m_read >= m_input.size(); }
    QByteArray output;

protected:
    qint64 readData(char* data, qint64 max) override
    {
        const qint64 n = qMin(max, qint64(m_input.size() - m_read));
        if (n > 0) memcpy(data, m_input.constData() + m_read, size_t(n));
        m_read += n;
        return n;
    }
    qint64 writeData(const char* data, qint64 size) override
    {
        output.append(data, size);
        return size;
    }

private:
    QByteArray m_input;
    qsizetype m_read = 0;
};

QTemporaryDir* g_dataDir = nullptr;
Engine* g_engine = nullptr;
RpcServer* g_server = nullptr;
int g_pending = 0; // Engine::handle calls not answered yet

const QByteArray kHandshake = R"({"jsonrpc":"2.0","id":0,"method":"rpc.version","params":{"token":"fuzz"}})"
                              "\n";

} // namespace

extern "C" int LLVMFuzzerInitialize(int* argc, char*** argv)
{
    // No Secret Service here: the engine keeps its secrets in a file in the data dir.
    qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    static int fakeArgc = 1;
    static char name[] = "fuzz_rpc";
    static char* fakeArgv[] = {name, nullptr};
    new QCoreApplication(argc ? *argc : fakeArgc, argv ? *argv : fakeArgv);
    g_dataDir = new QTemporaryDir(QDir::tempPath() + QStringLiteral("/umgate-fuzz-rpc-XXXXXX"));
    fuzz::check(g_dataDir->isValid(), "temporary data dir");
    g_engine = new Engine(g_dataDir->path());
    g_engine->setBasePort(30000 + int(getpid() % 20000)); // beside other engines on this machine
    QString startError = QStringLiteral("no answer");
    bool started = false;
    const QMetaObject::Connection once =
        QObject::connect(g_engine, &Engine::started, [&](const QString& error) {
            startError = error;
            started = true;
        });
    g_engine->start();
    const QDeadlineTimer deadline(30000);
    while (!started && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        if (!started) QThread::msleep(5);
    }
    QObject::disconnect(once);
    fuzz::check(started && startError.isEmpty(), "the engine starts", startError);
    g_server = new RpcServer(
        [](const RpcCall& call, const RpcReply& reply) {
            const RpcHandlerTable::Row* row = g_engine->rpcHandlers().find(call.method);
            if (!row || row->access != RpcHandlerTable::Access::Read) {
                reply({}, rpc::Error{rpc::ErrorCode::InvalidParams, QStringLiteral("not fuzzed"), {}});
                return;
            }
            ++g_pending;
            g_engine->handle(call, [reply](const QJsonValue& result, const std::optional<rpc::Error>& error) {
                --g_pending;
                reply(result, error);
            });
        },
        [](const QByteArray& token, bool) -> std::optional<QString> {
            return token == "fuzz" ? std::optional<QString>(QStringLiteral("local")) : std::nullopt;
        });
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (!g_engine) LLVMFuzzerInitialize(nullptr, nullptr);
    auto* pipe = new FuzzPipe(kHandshake + fuzz::bytes(data, size));
    QPointer<RpcConnection> connection = new RpcConnection(g_server, pipe, true, QDeadlineTimer(10000));
    QPointer<FuzzPipe> alive = pipe;
    // Bounded: RpcConnection handles 16 lines per pass and posts the next pass; the engine answers
    // from the event loop, some methods after work on another thread. Done when everything is read,
    // answered, and a few passes brought no more output.
    int quiet = 0;
    for (int pass = 0; pass < 2000 && alive && connection && quiet < 3; ++pass) {
        const qsizetype before = pipe->output.size();
        QCoreApplication::processEvents(QEventLoop::AllEvents);
        if (g_pending > 0) QThread::usleep(200);
        quiet = pipe->drained() && g_pending == 0 && pipe->output.size() == before ? quiet + 1 : 0;
    }
    if (alive) {
        // Every reply is one JSON object on its own line.
        const QList<QByteArray> lines = pipe->output.split('\n');
        fuzz::check(lines.last().isEmpty(), "replies end with a line feed");
        for (qsizetype i = 0; i + 1 < lines.size(); ++i) {
            QJsonParseError pe;
            const QJsonDocument doc = QJsonDocument::fromJson(lines[i], &pe);
            fuzz::check(pe.error == QJsonParseError::NoError && doc.isObject(), "a reply is a JSON object",
                        QString::fromUtf8(lines[i].left(200)));
            fuzz::check(doc.object().value(QStringLiteral("jsonrpc")) == QStringLiteral("2.0"),
                        "a reply says jsonrpc 2.0");
        }
    }
    delete connection.data();
    return 0;
}
