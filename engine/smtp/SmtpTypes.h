// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace umgate {

// The steps of an SMTP session; the NEC table decides per recipient by the first digit of the
// replies at Greeting (C), Helo (H), Mail (M), Rcpt (R), Data (D) and EndOfData (E).
enum class SmtpStage
{
    Connect,
    Greeting,
    Helo,
    StartTls,
    Auth,
    Mail,
    Rcpt,
    Data,
    EndOfData
};

enum class SmtpOutcome
{
    Success,
    Deferral, // try again later
    Failure   // permanent: notify the sender
};

inline QString smtpStageName(SmtpStage stage)
{
    switch (stage) {
    case SmtpStage::Connect:
        return QStringLiteral("connect");
    case SmtpStage::Greeting:
        return QStringLiteral("greeting");
    case SmtpStage::Helo:
        return QStringLiteral("HELO");
    case SmtpStage::StartTls:
        return QStringLiteral("STARTTLS");
    case SmtpStage::Auth:
        return QStringLiteral("AUTH");
    case SmtpStage::Mail:
        return QStringLiteral("MAIL FROM");
    case SmtpStage::Rcpt:
        return QStringLiteral("RCPT TO");
    case SmtpStage::Data:
        return QStringLiteral("DATA");
    case SmtpStage::EndOfData:
        return QStringLiteral("end of data");
    }
    return QStringLiteral("unknown");
}

inline QString smtpOutcomeName(SmtpOutcome outcome)
{
    switch (outcome) {
    case SmtpOutcome::Success:
        return QStringLiteral("success");
    case SmtpOutcome::Deferral:
        return QStringLiteral("deferral");
    case SmtpOutcome::Failure:
        return QStringLiteral("failure");
    }
    return QStringLiteral("unknown");
}

// Where clients disagree in the NEC table, the engine's Misc Setup decides
// (smtp.connection5xx, smtp.helo5xx, smtp.mail5xx).
struct SmtpPolicy
{
    SmtpOutcome connection5xx = SmtpOutcome::Deferral;
    SmtpOutcome helo5xx = SmtpOutcome::Deferral;
    SmtpOutcome mail5xx = SmtpOutcome::Failure;
};

struct SmtpServerConfig
{
    QString host;
    quint16 port = 25;
    enum class Tls
    {
        None,
        StartTlsOpportunistic,
        StartTlsRequired,
        Implicit
    } tls = Tls::None;
    QString tlsPeerName;                   // name the certificate must carry; empty = host
    QString caCertificateFile;             // PEM file; empty = system CAs
    bool acceptInvalidCertificate = false; // connect anyway; noted in SmtpResult::tls and transcript
    QString user, password;                // empty user = no AUTH
    bool forceCramMd5 = false;             // Avaya: only CRAM-MD5; deferral if the server lacks it
    QString heloName;                      // empty = QSysInfo::machineHostName()
    int timeoutMs = 120000;                // connect and each reply
    SmtpPolicy policy;

    // Equal for configs that may share a connection: everything that shapes the session.
    // The password is part of it (a changed password must not reuse an authenticated
    // session) but only as a hash, so keys may be logged.
    QString key() const;
};

inline QString SmtpServerConfig::key() const
{
    const QByteArray secret =
        QCryptographicHash::hash(password.toUtf8(), QCryptographicHash::Sha256).toHex().left(16);
    return QStringList{host.toLower(),
                       QString::number(port),
                       QString::number(int(tls)),
                       tlsPeerName,
                       caCertificateFile,
                       acceptInvalidCertificate ? QStringLiteral("1") : QStringLiteral("0"),
                       user,
                       QString::fromLatin1(secret),
                       forceCramMd5 ? QStringLiteral("1") : QStringLiteral("0"),
                       heloName,
                       QString::number(timeoutMs),
                       QString::number(int(policy.connection5xx)),
                       QString::number(int(policy.helo5xx)),
                       QString::number(int(policy.mail5xx))}
        .join(QLatin1Char('|'));
}

struct SmtpMessage
{
    QString id;
    QString from;
    QStringList recipients;
    QByteArray data; // RFC 5322, CRLF, NOT dot-stuffed
    bool eightBit = false;
};

struct SmtpRecipientResult
{
    QString address;
    SmtpOutcome outcome = SmtpOutcome::Deferral;
    SmtpStage stage = SmtpStage::Connect;
    int code = 0;
    QString reply;
};

struct SmtpResult
{
    // Deferral if any recipient is deferred, else Failure if any failed, else Success; the
    // per-recipient results say who.
    SmtpOutcome outcome = SmtpOutcome::Deferral;
    SmtpStage stage = SmtpStage::Connect;
    int code = 0; // of the reply that decided; 0 = no reply (connect error, timeout, TLS error)
    QString reply;
    QList<SmtpRecipientResult> recipients;
    QString server;         // "host:port"
    QString tls;            // empty, or protocol, cipher and whether the certificate was verified
    QStringList transcript; // "C: ..." / "S: ..." lines; AUTH payloads hidden, body omitted
    qint64 elapsedMs = 0;
    // Something about the credentials the administrator must see in the engine log: AUTH went
    // in clear (encryption: none), or was not sent because TLS was missing. Empty otherwise.
    QString securityNote;
    // False when no server was asked at all (the pool skipped a server that just failed, or the
    // mail was aborted before it started): such a result must not cost the mail an attempt.
    bool tried = true;

    // One outcome for every recipient, decided before any SMTP reply (no server reached, DNS said
    // so, shutdown): code 0 at the connect stage.
    static SmtpResult forAll(const QStringList& recipients, SmtpOutcome outcome, const QString& server,
                             const QString& why)
    {
        SmtpResult r;
        r.outcome = outcome;
        r.stage = SmtpStage::Connect;
        r.reply = why;
        r.server = server;
        for (const QString& a : recipients)
            r.recipients.append({a, outcome, SmtpStage::Connect, 0, why});
        return r;
    }
};

} // namespace umgate
