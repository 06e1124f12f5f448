// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/smtp/DirectSmtp.h"

#include "engine/smtp/MxResolver.h"

#include <QPointer>

using namespace Qt::StringLiterals;

namespace umgate {

DirectSmtp::DirectSmtp(QObject* parent) : QObject(parent), m_mx(new MxResolver(this)) {}

DirectSmtp::~DirectSmtp() = default;

bool DirectSmtp::setNameserver(const QString& server, QString* error)
{
    return m_mx->setNameserver(server, error);
}

void DirectSmtp::send(const SmtpServerConfig& base, const SmtpMessage& message, SendFn send, Done done)
{
    const QString domain = message.recipients.value(0).section(u'@', -1).toLower();
    QPointer<DirectSmtp> self(this);
    m_mx->resolve(domain, [self, base, message, send = std::move(send), done = std::move(done),
                           domain](const MxAnswer& answer) {
        if (!self) return;
        if (answer.status != MxAnswer::Status::Ok) {
            SmtpResult r = SmtpResult::forAll(
                message.recipients, answer.isPermanent() ? SmtpOutcome::Failure : SmtpOutcome::Deferral,
                u"MX of %1"_s.arg(domain), answer.detail);
            r.transcript << u"DNS: "_s + answer.detail;
            done(r);
            return;
        }
        auto attempt =
            std::make_shared<Attempt>(Attempt{base, message, send, done, {}, {u"DNS: "_s + answer.detail}});
        for (const MxHost& h : answer.hosts)
            for (const QHostAddress& a : h.addresses)
                attempt->targets.append({h.name, a});
        self->tryHost(attempt, 0);
    });
}

void DirectSmtp::tryHost(const std::shared_ptr<Attempt>& attempt, qsizetype index)
{
    const auto& [name, address] = attempt->targets.at(index);
    SmtpServerConfig c = attempt->base;
    c.host = address.toString();
    c.tlsPeerName = name;
    QPointer<DirectSmtp> self(this);
    attempt->send(c, attempt->message, [self, attempt, index](const SmtpResult& result) {
        const auto& [host, ip] = attempt->targets.at(index);
        const QString where = u"%1 [%2]:%3"_s.arg(host, ip.toString()).arg(attempt->base.port);
        // RFC 5321 5.1: a host that cannot be reached or greets with an error is skipped for the
        // next one; any later answer (even a refusal) is the domain's answer.
        const bool unreachable = result.outcome == SmtpOutcome::Deferral &&
                                 (result.stage == SmtpStage::Connect || result.stage == SmtpStage::Greeting);
        attempt->tried |= result.tried;
        if (unreachable && index + 1 < attempt->targets.size() && self && !self->m_stopping) {
            attempt->notes << u"MX %1: %2; trying the next"_s.arg(
                where, result.reply.isEmpty() ? u"no reply"_s : result.reply);
            self->tryHost(attempt, index + 1);
            return;
        }
        SmtpResult r = result;
        r.server = where;
        r.tried = attempt->tried; // one host asked is an attempt, even if the last was paused
        r.transcript = attempt->notes + r.transcript;
        attempt->done(r);
    });
}

} // namespace umgate
