// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/client/Paths.h"
#include "tests/ProcessStop.h"

#include <QDateTime>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalSocket>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <signal.h>

namespace umgate::test {

// A real umgated on a fresh temporary data dir, for the integration tests. The dir lives under
// /tmp with a short name because a Unix socket path must stay below 108 bytes.
class UmgatedProcess
{
public:
    UmgatedProcess() : m_dir(QDir::tempPath() + QStringLiteral("/ug-XXXXXX")) {}
    ~UmgatedProcess() { stop(); }

    QString dataDir() const { return m_dir.path(); }
    // Extra environment for the next start(), e.g. a private D-Bus session with a Secret Service.
    // By default the daemon runs without one and keeps secrets in its 0600 file.
    void setExtraEnvironment(const QProcessEnvironment& env) { m_extraEnv = env; }
    Paths paths() const { return Paths(m_dir.path()); }
    qint64 pid() const { return m_process.processId(); }
    QByteArray log()
    {
        m_log += m_process.readAllStandardError();
        return m_log;
    }

    // Starts the daemon and waits (at most 10 s) until its socket and cookie exist and a local
    // connection is accepted. On failure `error` has the daemon's stderr.
    bool start(QString* error)
    {
        if (!m_dir.isValid()) {
            *error = QStringLiteral("cannot create a temporary data dir");
            return false;
        }
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        // No Secret Service in tests: the engine's file fallback keeps them self-contained.
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        env.remove(QStringLiteral("UMGATE_DATA_DIR"));
        env.insert(m_extraEnv);
        m_process.setProcessEnvironment(env);
        m_process.setProgram(QStringLiteral(UMGATED_BIN));
        if (m_basePort == 0) m_basePort = freePort(); // the same across restarts
        m_process.setArguments({QStringLiteral("--data-dir"), m_dir.path(), QStringLiteral("--base-port"),
                                QString::number(m_basePort)});
        m_process.start();
        if (!m_process.waitForStarted(5000)) {
            *error = QStringLiteral("umgated did not start: %1").arg(m_process.errorString());
            return false;
        }
        const Paths p = paths();
        const bool ready = QTest::qWaitFor(
            [&] {
                if (m_process.state() != QProcess::Running) return true;
                if (!QFileInfo::exists(p.socketFile()) || QFileInfo(p.cookieFile()).size() == 0) return false;
                QLocalSocket probe;
                probe.connectToServer(p.socketFile());
                const bool ok = probe.waitForConnected(1000);
                probe.abort();
                return ok;
            },
            10000);
        if (!ready || m_process.state() != QProcess::Running) {
            *error = QStringLiteral("umgated did not come up: %1").arg(QString::fromLocal8Bit(log()));
            return false;
        }
        return true;
    }

    QString cookie() const
    {
        QFile f(paths().cookieFile());
        if (!f.open(QIODevice::ReadOnly)) return {};
        return QString::fromUtf8(f.readAll()).trimmed();
    }

    void kill()
    {
        if (m_process.state() == QProcess::NotRunning) return;
        m_process.kill();
        m_process.waitForFinished(5000);
    }

    // Returns once the engine can no longer answer (tests/ProcessStop.h says why kill() is not enough).
    bool pause() { return test::stopProcess(pid_t(m_process.processId())); }
    void resume() { ::kill(pid_t(m_process.processId()), SIGCONT); }

    void stop()
    {
        if (m_process.state() == QProcess::NotRunning) return;
        resume();
        m_process.terminate();
        if (!m_process.waitForFinished(5000)) kill();
    }

    // A port nobody listens on right now, for the instances' SMTP listeners; parallel test runs
    // must not fight over the default 2525.
    static quint16 freePort()
    {
        QTcpServer s;
        if (!s.listen(QHostAddress::LocalHost, 0)) return 0;
        return s.serverPort();
    }

private:
    QTemporaryDir m_dir;
    QProcess m_process;
    QByteArray m_log;
    QProcessEnvironment m_extraEnv;
    quint16 m_basePort = 0;
};

// Runs the openssl tool in `dir` (bounded at 30 s); false with its output in `error` when it fails.
inline bool runOpenssl(const QString& dir, const QStringList& args, QString* error)
{
    QProcess p;
    p.setWorkingDirectory(dir);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        *error = QStringLiteral("openssl %1: %2")
                     .arg(args.join(QLatin1Char(' ')), QString::fromLocal8Bit(p.readAll()));
        return false;
    }
    return true;
}

// A throw-away CA and a server certificate for 127.0.0.1/localhost, made with the openssl tool:
// DIR/ca.pem, DIR/server.pem (valid for `days`), DIR/server.key, DIR/server.csr.
inline bool makeTestCertificates(const QString& dir, QString* error, int days = 365)
{
    auto run = [&](const QStringList& args) { return runOpenssl(dir, args, error); };
    QFile ext(dir + QStringLiteral("/server.ext"));
    if (!ext.open(QIODevice::WriteOnly) ||
        ext.write("subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
                  "keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n") < 0) {
        *error = QStringLiteral("cannot write %1").arg(ext.fileName());
        return false;
    }
    ext.close();
    return run({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"),
                QStringLiteral("ca.key"), QStringLiteral("-out"), QStringLiteral("ca.pem"),
                QStringLiteral("-days"), QString::number(days), QStringLiteral("-subj"),
                QStringLiteral("/CN=umgate test CA"), QStringLiteral("-addext"),
                QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
                QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")}) &&
           run({QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
                QStringLiteral("-nodes"), QStringLiteral("-keyout"), QStringLiteral("server.key"),
                QStringLiteral("-out"), QStringLiteral("server.csr"), QStringLiteral("-subj"),
                QStringLiteral("/CN=localhost")}) &&
           run({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                QStringLiteral("server.csr"), QStringLiteral("-CA"), QStringLiteral("ca.pem"),
                QStringLiteral("-CAkey"), QStringLiteral("ca.key"), QStringLiteral("-CAcreateserial"),
                QStringLiteral("-out"), QStringLiteral("server.pem"), QStringLiteral("-days"),
                QString::number(days), QStringLiteral("-extfile"), QStringLiteral("server.ext")});
}

// After makeTestCertificates in `dir`: DIR/<out>, the same key's certificate signed by the test CA
// and valid from `start` to `end` (UTC), also in the past, which `openssl x509 -days` cannot do.
inline bool signWithTestCa(const QString& dir, const QString& out, const QDateTime& start,
                           const QDateTime& end, QString* error)
{
    QFile config(dir + QStringLiteral("/ca.cnf"));
    QFile index(dir + QStringLiteral("/index.txt"));
    QFile serial(dir + QStringLiteral("/serial"));
    if (!config.open(QIODevice::WriteOnly) || !index.open(QIODevice::WriteOnly) ||
        !serial.open(QIODevice::WriteOnly) ||
        config.write("[ca]\ndefault_ca = d\n[d]\ndatabase = index.txt\nnew_certs_dir = .\nserial = serial\n"
                     "default_md = sha256\npolicy = p\nunique_subject = no\n[p]\ncommonName = supplied\n") <
            0 ||
        serial.write("1000\n") < 0) {
        *error = QStringLiteral("cannot write the openssl ca files in %1").arg(dir);
        return false;
    }
    config.close();
    index.close();
    serial.close();
    const QString format = QStringLiteral("yyyyMMddHHmmss'Z'");
    return runOpenssl(dir,
                      {QStringLiteral("ca"), QStringLiteral("-batch"), QStringLiteral("-config"),
                       QStringLiteral("ca.cnf"), QStringLiteral("-cert"), QStringLiteral("ca.pem"),
                       QStringLiteral("-keyfile"), QStringLiteral("ca.key"), QStringLiteral("-in"),
                       QStringLiteral("server.csr"), QStringLiteral("-out"), out, QStringLiteral("-notext"),
                       QStringLiteral("-extfile"), QStringLiteral("server.ext"), QStringLiteral("-startdate"),
                       start.toUTC().toString(format), QStringLiteral("-enddate"),
                       end.toUTC().toString(format)},
                      error);
}

// makeTestCertificates in an instance's Certificates folder (made if missing): the folder, or
// empty with the reason in `error`.
inline QString makeInstanceCertificates(const UmgatedProcess& d, const QString& instance, QString* error)
{
    const QString dir = d.paths().instanceDir(instance) + QStringLiteral("/Certificates");
    if (!QDir().mkpath(dir)) {
        *error = QStringLiteral("cannot create %1").arg(dir);
        return {};
    }
    return makeTestCertificates(dir, error) ? dir : QString();
}

// Writes a whole file; false when it cannot.
inline bool writeFile(const QString& path, const QByteArray& data)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

// A whole file, or empty when it cannot be read.
inline QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

struct CtlResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

// Runs umgatectl against a data dir (empty = none given), bounded at 30 s. The caller's
// UMGATE_* variables are dropped so only what a test passes counts.
inline CtlResult runCtl(const QString& dataDir, const QStringList& args, const QByteArray& input = {},
                        const QHash<QString, QString>& extraEnv = {})
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"UMGATE_DATA_DIR", "UMGATE_TOKEN", "UMGATE_CA_FILE"})
        env.remove(QString::fromLatin1(name));
    for (auto it = extraEnv.begin(); it != extraEnv.end(); ++it)
        env.insert(it.key(), it.value());
    p.setProcessEnvironment(env);
    QStringList all;
    if (!dataDir.isEmpty()) all << QStringLiteral("--data-dir") << dataDir;
    all << args;
    p.start(QStringLiteral(UMGATECTL_BIN), all);
    if (!p.waitForStarted(5000)) return {};
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished(5000);
        return {};
    }
    CtlResult r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

// The listener tests that are not about senders send from addresses no directory knows: they
// switch the sender check off (globalUserSettings.rights.checkSenders), as a site whose mail
// server decides who may send would. False when umgatectl refused.
inline bool withoutSenderCheck(const QString& dataDir,
                               const QString& instance = QStringLiteral("MSConnInst1"))
{
    return runCtl(dataDir,
                  {QStringLiteral("config"), QStringLiteral("set"), instance,
                   QStringLiteral("globalUserSettings.rights.checkSenders"), QStringLiteral("false")})
               .exitCode == 0;
}

// The port an instance's SMTP listener is on, from `umgatectl --json status`; 0 if unknown.
inline quint16 listenPortOf(const QString& dataDir, const QString& instance)
{
    const CtlResult r = runCtl(dataDir, {QStringLiteral("--json"), QStringLiteral("status")});
    const QJsonArray instances =
        QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("instances")).toArray();
    for (const auto& v : instances)
        if (v.toObject().value(QStringLiteral("id")).toString() == instance)
            return quint16(v.toObject()
                               .value(QStringLiteral("listen"))
                               .toString()
                               .section(QLatin1Char(':'), 1)
                               .toUInt());
    return 0;
}

// True once something accepts TCP connections on 127.0.0.1:port (bounded by `ms`).
inline bool waitForTcpListener(quint16 port, int ms)
{
    return QTest::qWaitFor(
        [port] {
            QTcpSocket probe;
            probe.connectToHost(QHostAddress::LocalHost, port);
            const bool ok = probe.waitForConnected(500);
            probe.abort();
            return ok;
        },
        ms);
}

// Talks raw SMTP: sends `input` after the greeting and returns everything the server said until
// it closed the connection (or 10 s passed).
inline QByteArray rawSmtp(quint16 port, const QByteArray& input, bool* closed = nullptr)
{
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, port);
    if (!s.waitForConnected(5000)) return "no connection";
    QByteArray out;
    QDeadlineTimer greeting(5000);
    while (!out.contains('\n') && !greeting.hasExpired() && s.waitForReadyRead(100))
        out += s.readAll();
    s.write(input);
    QDeadlineTimer deadline(10000);
    while (s.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
        s.waitForReadyRead(100);
        out += s.readAll();
    }
    out += s.readAll();
    if (closed) *closed = s.state() != QAbstractSocket::ConnectedState;
    return out;
}

} // namespace umgate::test
