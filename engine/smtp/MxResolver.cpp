// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/smtp/MxResolver.h"

#include "engine/core/CallQueue.h"

#include <QThreadPool>
#include <QtEndian>
#include <algorithm>
#include <arpa/inet.h>
#include <arpa/nameser.h>
#include <netdb.h>
#include <netinet/in.h>
#include <optional>
#include <random>
#include <resolv.h>

using namespace Qt::StringLiterals;

namespace umgate {

namespace {

constexpr int kMaxCacheSeconds = 3600;
constexpr int kMaxHosts = 10; // RFC 5321 5.1 asks for a limit; a hostile zone could list hundreds

// "ip" or "ip:port" (IPv4) as a socket address; nullopt when it is not one.
std::optional<sockaddr_in> nameserverAddress(const QString& server)
{
    const QString host = server.section(u':', 0, 0);
    bool portOk = true;
    const int port = server.contains(u':') ? server.section(u':', 1).toInt(&portOk) : 53;
    sockaddr_in a{};
    a.sin_family = AF_INET;
    if (server.count(u':') > 1 || !portOk || port < 1 || port > 65535 ||
        ::inet_pton(AF_INET, host.toLatin1().constData(), &a.sin_addr) != 1)
        return std::nullopt;
    a.sin_port = htons(quint16(port));
    return a;
}

// One resolver state per lookup: res_n* calls are thread safe only on a state of their own.
class Resolver
{
public:
    explicit Resolver(const QString& nameserver)
    {
        m_ok = ::res_ninit(&m_state) == 0;
        if (!m_ok) return;
        // Bounded: two tries of two seconds per server, so a dead DNS server costs seconds, not minutes.
        m_state.retrans = 2;
        m_state.retry = 2;
        if (const auto a = nameserverAddress(nameserver)) { // checked by setNameserver
            m_state.nscount = 1;
            m_state.nsaddr_list[0] = *a;
        }
    }
    ~Resolver()
    {
        if (m_ok) ::res_nclose(&m_state);
    }
    Resolver(const Resolver&) = delete;
    Resolver& operator=(const Resolver&) = delete;

    struct Reply
    {
        int herrno = 0; // 0 = answered with records of the type
        QList<QByteArray> rdata;
        QList<int> preferences; // MX only
        QStringList names;      // MX exchanges
        int ttl = kMaxCacheSeconds;
    };

    Reply query(const QString& name, int type)
    {
        Reply r;
        if (!m_ok) {
            r.herrno = TRY_AGAIN;
            return r;
        }
        unsigned char buf[8192];
        const int len = ::res_nquery(&m_state, name.toLatin1().constData(), ns_c_in, type, buf, sizeof buf);
        if (len < 0) {
            r.herrno = m_state.res_h_errno ? m_state.res_h_errno : TRY_AGAIN;
            return r;
        }
        ns_msg msg;
        if (::ns_initparse(buf, len, &msg) != 0) {
            r.herrno = NO_RECOVERY;
            return r;
        }
        const int count = ns_msg_count(msg, ns_s_an);
        for (int i = 0; i < count; ++i) {
            ns_rr rr;
            if (::ns_parserr(&msg, ns_s_an, i, &rr) != 0) break;
            r.ttl = qMin(r.ttl, int(ns_rr_ttl(rr)));
            if (ns_rr_type(rr) != type) continue; // CNAME steps on the way
            const unsigned char* rd = ns_rr_rdata(rr);
            if (type == ns_t_mx) {
                if (ns_rr_rdlen(rr) < 3) continue;
                char exchange[NS_MAXDNAME];
                if (::dn_expand(ns_msg_base(msg), ns_msg_end(msg), rd + 2, exchange, sizeof exchange) < 0)
                    continue;
                r.preferences << int(ns_get16(rd));
                r.names << QString::fromLatin1(exchange);
            } else {
                r.rdata << QByteArray(reinterpret_cast<const char*>(rd), ns_rr_rdlen(rr));
            }
        }
        if (r.names.isEmpty() && r.rdata.isEmpty()) r.herrno = NO_DATA;
        return r;
    }

private:
    struct __res_state m_state
    {
    };
    bool m_ok = false;
};

QString herrnoText(int herrno)
{
    switch (herrno) {
    case HOST_NOT_FOUND:
        return u"no such domain (NXDOMAIN)"_s;
    case NO_DATA:
        return u"no records of that type"_s;
    case TRY_AGAIN:
        return u"the DNS server failed or did not answer"_s;
    case NO_RECOVERY:
        return u"the DNS server refused or could not parse the question"_s;
    }
    return u"DNS error %1"_s.arg(herrno);
}

bool isDefinitive(int herrno)
{
    return herrno == 0 || herrno == HOST_NOT_FOUND || herrno == NO_DATA;
}

} // namespace

MxResolver::MxResolver(QObject* parent) : QObject(parent), m_answers(new CallQueue(this)) {}

MxResolver::~MxResolver() = default;

QString MxResolver::checkNameserver(const QString& server)
{
    if (server.isEmpty() || nameserverAddress(server)) return {};
    return u"%1 is not a DNS server address (an IPv4 address, optionally with :port)"_s.arg(server);
}

bool MxResolver::setNameserver(const QString& server, QString* error)
{
    if (const QString why = checkNameserver(server); !why.isEmpty()) {
        if (error) *error = why;
        return false;
    }
    if (server != m_nameserver) m_cache.clear();
    m_nameserver = server;
    return true;
}

void MxResolver::resolve(const QString& domainIn, Done done)
{
    const QString domain = domainIn.toLower();
    if (const auto it = m_cache.constFind(domain);
        it != m_cache.constEnd() && it->expires > QDateTime::currentDateTimeUtc()) {
        const MxAnswer answer = it->answer;
        QMetaObject::invokeMethod(
            this, [done, answer] { done(answer); }, Qt::QueuedConnection);
        return;
    }
    auto& waiting = m_waiting[domain];
    waiting << std::move(done);
    if (waiting.size() > 1) return; // already asked
    const QString nameserver = m_nameserver;
    MxResolver* self = this;
    QThreadPool::globalInstance()->start([domain, nameserver, self, target = m_answers->target()] {
        const MxAnswer answer = lookup(domain, nameserver);
        // Back on this object's thread; dropped if it is gone by then (CallQueue::Target).
        target.post([domain, nameserver, self, answer] {
            if (answer.status != MxAnswer::Status::TemporaryFailure && nameserver == self->m_nameserver &&
                answer.ttlSeconds > 0)
                self->m_cache.insert(domain,
                                     {answer, QDateTime::currentDateTimeUtc().addSecs(answer.ttlSeconds)});
            const QList<Done> callbacks = self->m_waiting.take(domain);
            for (const Done& d : callbacks)
                d(answer);
        });
    });
}

MxAnswer MxResolver::lookup(const QString& domain, const QString& nameserver)
{
    MxAnswer answer;
    Resolver resolver(nameserver);
    const QString server = nameserver.isEmpty() ? u"the system's DNS servers"_s : nameserver;
    const Resolver::Reply mx = resolver.query(domain, ns_t_mx);
    answer.ttlSeconds = mx.ttl;
    QList<MxHost> hosts;
    if (mx.herrno == HOST_NOT_FOUND) {
        answer.status = MxAnswer::Status::NoSuchDomain;
        answer.detail = u"MX %1 asked of %2: %3"_s.arg(domain, server, herrnoText(mx.herrno));
        return answer;
    }
    if (mx.herrno == NO_DATA) {
        // RFC 5321 5.1: no MX records, so the domain itself is the mail host (the "implicit MX").
        answer.implicitMx = true;
        hosts << MxHost{domain, 0, {}};
    } else if (mx.herrno != 0) {
        answer.status = MxAnswer::Status::TemporaryFailure;
        answer.detail = u"MX %1 asked of %2: %3"_s.arg(domain, server, herrnoText(mx.herrno));
        return answer;
    } else {
        for (qsizetype i = 0; i < mx.names.size(); ++i)
            hosts << MxHost{mx.names.at(i), mx.preferences.at(i), {}};
        // RFC 7505: a single "MX 0 ." says the domain takes no mail at all.
        if (hosts.size() == 1 && hosts.first().name.isEmpty()) {
            answer.status = MxAnswer::Status::NullMx;
            answer.detail =
                u"MX %1 asked of %2: null MX (RFC 7505), the domain accepts no mail"_s.arg(domain, server);
            return answer;
        }
        hosts.removeIf([](const MxHost& h) { return h.name.isEmpty(); });
        // Equal preferences are shuffled (RFC 5321 5.1) so equal hosts share the load.
        std::shuffle(hosts.begin(), hosts.end(), std::default_random_engine(std::random_device{}()));
        std::stable_sort(hosts.begin(), hosts.end(),
                         [](const MxHost& a, const MxHost& b) { return a.preference < b.preference; });
        if (hosts.size() > kMaxHosts) hosts.resize(kMaxHosts);
    }
    QStringList notes;
    bool temporary = false;
    for (MxHost& h : hosts) {
        for (const int type : {int(ns_t_aaaa), int(ns_t_a)}) {
            const Resolver::Reply a = resolver.query(h.name, type);
            answer.ttlSeconds = qMin(answer.ttlSeconds, a.ttl);
            if (!isDefinitive(a.herrno)) temporary = true;
            for (const QByteArray& rd : a.rdata) {
                if (type == ns_t_a && rd.size() == 4)
                    h.addresses << QHostAddress(qFromBigEndian<quint32>(rd.constData()));
                else if (type == ns_t_aaaa && rd.size() == 16)
                    h.addresses << QHostAddress(reinterpret_cast<const quint8*>(rd.constData()));
            }
        }
        QStringList addresses;
        for (const QHostAddress& a : h.addresses)
            addresses << a.toString();
        notes << u"%1 (%2) %3"_s.arg(h.name)
                     .arg(h.preference)
                     .arg(addresses.isEmpty() ? u"no address"_s : addresses.join(u", "_s));
    }
    hosts.removeIf([](const MxHost& h) { return h.addresses.isEmpty(); });
    const QString asked = answer.implicitMx
                              ? u"no MX for %1 at %2, so its own address: "_s.arg(domain, server)
                              : u"MX %1 at %2: "_s.arg(domain, server);
    answer.detail = asked + notes.join(u"; "_s);
    if (!hosts.isEmpty()) {
        answer.status = MxAnswer::Status::Ok;
        answer.hosts = hosts;
    } else {
        answer.status = temporary ? MxAnswer::Status::TemporaryFailure : MxAnswer::Status::NoSuchDomain;
        answer.detail += temporary ? u" (an address lookup failed; trying again later)"_s
                                   : u" (no mail host has an address)"_s;
    }
    answer.ttlSeconds = qBound(0, answer.ttlSeconds, kMaxCacheSeconds);
    return answer;
}

} // namespace umgate
