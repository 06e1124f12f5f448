// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/smtp/SmtpTypes.h"

#include <QHostAddress>
#include <QObject>
#include <functional>
#include <memory>

namespace umgate {

class MxResolver;

// Direct SMTP (Panasonic "Direct SMTP Transfer", RFC 5321 section 5.1): a mail goes to the mail
// hosts of its recipients' domain instead of a relay. The MX answer (MxResolver) lists the hosts by
// preference; a host that cannot be reached or greets with an error is skipped for the next one,
// and any later answer, even a refusal, is the domain's answer. The transport is the caller's (the
// pool for queued mail, a connection of its own for Send Test Message), so retries, pauses and
// logs stay where they are.
class DirectSmtp : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const SmtpResult&)>;
    using SendFn = std::function<void(const SmtpServerConfig&, const SmtpMessage&, Done)>;

    explicit DirectSmtp(QObject* parent = nullptr);
    ~DirectSmtp() override;

    // Misc Setup dns.nameserver; false (the old one kept) with *error when it is not an address.
    bool setNameserver(const QString& server, QString* error);
    // From now on an aborted send ends the mail's attempt instead of moving on to the next host.
    void stop() { m_stopping = true; }

    // Sends `message` to the MX hosts of its first recipient's domain in turn, each with `base`
    // (port, TLS, credentials, timeouts) and the host's name for the TLS peer check. `done` runs
    // once with the result; its transcript starts with the DNS answer and the hosts skipped.
    void send(const SmtpServerConfig& base, const SmtpMessage& message, SendFn send, Done done);

private:
    struct Attempt
    {
        SmtpServerConfig base;
        SmtpMessage message;
        SendFn send;
        Done done;
        QList<std::pair<QString, QHostAddress>> targets; // host name, address
        QStringList notes;                               // DNS answer and hosts skipped, for the log
        bool tried = false;                              // some host was asked (not all paused)
    };
    void tryHost(const std::shared_ptr<Attempt>& attempt, qsizetype index);

    MxResolver* m_mx = nullptr;
    bool m_stopping = false;
};

} // namespace umgate
