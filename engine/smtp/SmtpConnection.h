// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/smtp/SmtpTypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <functional>

class QSslSocket;
class QSslError;

namespace umgate {

// One SMTP session (RFC 5321) to one server, driven by socket signals only: connect, greeting,
// EHLO (HELO fallback), STARTTLS or implicit TLS, AUTH, then one mail transaction per send().
// The session stays open after a mail so the next send() only needs MAIL (RSET first when the
// previous transaction was left open). Every wait is bounded by SmtpServerConfig::timeoutMs.
// Session setup (TLS, EHLO, AUTH) is in SmtpConnectionSetup.cpp.
class SmtpConnection : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const SmtpResult&)>;

    explicit SmtpConnection(const SmtpServerConfig& config, QObject* parent = nullptr);
    ~SmtpConnection() override;

    // Only when isIdle(); connects on first use. `done` runs exactly once, never inside send().
    void send(const SmtpMessage& message, Done done);
    bool isIdle() const;
    bool isConnected() const;
    // True once the socket is gone (a later send() connects again); false while QUIT runs.
    bool isClosed() const;
    // QUIT politely, then close; a running send() ends as a deferral.
    void quit();
    const SmtpServerConfig& config() const { return m_config; }
    // TCP connections this object opened so far (the reuse tests read it).
    int connectionsOpened() const { return m_connectionsOpened; }

    // CRLF normalisation and dot-stuffing of a message as it goes after DATA, including the
    // final ".": public for the tests.
    static QByteArray encodeBody(const QByteArray& data);

signals:
    void closed();

private:
    enum class State
    {
        Disconnected,
        Connecting,   // TCP (and for implicit TLS the handshake) under way
        Greeting,     // waiting for 220
        Ehlo,         // EHLO sent
        Helo,         // HELO sent after EHLO was refused
        StartTls,     // STARTTLS sent
        TlsHandshake, // handshake after STARTTLS
        Auth,         // AUTH exchange
        Idle,         // session ready
        Rset,         // RSET before a new transaction
        Transaction,  // MAIL/RCPT/DATA replies pending
        Body,         // message sent, waiting for the end-of-data reply
        ResetAfter,   // RSET after a transaction that sent no data
        Quit          // QUIT sent
    };
    enum class AuthStep
    {
        PlainSent,
        LoginStart,
        LoginUserSent,
        LoginPasswordSent,
        CramStart,
        CramAnswerSent
    };
    struct Expect
    {
        SmtpStage stage;
        int recipient = -1;
    };

    void begin();
    void connectNow();
    void setupSocketTls();
    void onConnected();
    void onEncrypted();
    void onSslErrors(const QList<QSslError>& errors);
    void onSocketError();
    void onDisconnected();
    void onReadyRead();
    void onTimeout();
    void onReply(int code, const QList<QByteArray>& lines);

    void sendEhlo();
    void afterHelo();
    void startAuth();
    // True (and the setup failed as a deferral) when AUTH would go without TLS although the
    // administrator asked for TLS, or inside opportunistic TLS whose certificate failed: a password
    // goes in clear only with encryption "none", unverified only with "accept invalid certificate".
    bool refuseAuthWithoutTls();
    QString unverifiedBecause() const; // why a certificate that failed verification was accepted
    void onAuthReply(int code, const QString& text, const QList<QByteArray>& lines);
    void onEhloReply(int code, const QString& text, const QList<QByteArray>& lines);
    void onStartTlsReply(int code, const QString& text);
    void sessionReady();
    void startTransaction();
    void startMail();
    void onTransactionReply(int code, const QString& text);
    void sendNextRecipient();
    void onDataReply(int code, const QString& text); // the reply to DATA: send the body or give up
    void afterRecipients();
    void sendResetAfter();

    bool writeCommand(const QByteArray& line, const QString& shown = {});
    bool writeRaw(const QByteArray& bytes);
    void armTimer(int ms = -1);
    SmtpStage currentStage() const;
    QString stageWaitText() const;

    // Sets every recipient not decided yet.
    void decideAll(SmtpOutcome outcome, SmtpStage stage, int code, const QString& reply);
    void decide(int index, SmtpOutcome outcome, SmtpStage stage, int code, const QString& reply);
    // A setup step failed: decide all, QUIT politely (unless the server is gone), finish.
    void setupFailed(SmtpStage stage, int code, const QString& reply);
    // The socket is gone or unusable: maybe reconnect once, else decide the rest as deferred.
    void connectionLost(const QString& why, bool mayRetry);
    void dropSocket();
    void finish();

    SmtpServerConfig m_config;
    QPointer<QSslSocket> m_socket;
    QTimer m_timer;
    State m_state = State::Disconnected;
    QByteArray m_buffer;
    QList<QByteArray> m_replyLines;
    int m_connectionsOpened = 0;

    // What the server offered in its EHLO reply.
    bool m_pipelining = false;
    bool m_startTlsOffered = false;
    bool m_eightBitMime = false;
    qint64 m_sizeLimit = 0;
    QStringList m_authMechanisms;
    QString m_noTlsWhy; // why the session has no TLS although it was wanted (for the AUTH refusal)
    bool m_tlsActive = false;
    bool m_tlsUnverified = false;
    QString m_tlsInfo;
    QStringList m_sslErrors;

    AuthStep m_authStep = AuthStep::PlainSent;
    QString m_authMechanism;

    // The running send().
    bool m_busy = false;   // from send() until `done` ran
    bool m_txOpen = false; // from send() until finish()
    bool m_needRset = false;
    bool m_reused = false;   // this send started on an open session
    bool m_gotReply = false; // a reply arrived since this send's first command
    bool m_retried = false;
    SmtpMessage m_message;
    QByteArray m_body;
    Done m_done;
    SmtpResult m_result;
    QList<bool> m_decided;
    QList<int> m_accepted;
    QList<Expect> m_expect;
    int m_nextRecipient = 0;
    bool m_mailAccepted = false;
    int m_lastCode = 0;
    QString m_lastReply;
    QElapsedTimer m_elapsed;
};

} // namespace umgate
