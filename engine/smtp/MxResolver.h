// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDateTime>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>
#include <functional>
#include <memory>

namespace umgate {

class CallQueue;

// Where mail for a domain goes without a relay (Panasonic "Direct SMTP Transfer", RFC 5321
// section 5.1): its MX hosts by preference, each with its addresses; a domain without MX records
// is its own mail host (the A/AAAA fallback); a null MX (RFC 7505) or a domain that does not exist
// is a permanent answer, a DNS server that fails or does not answer a temporary one.
//
// The lookups are blocking libresolv calls (res_nquery), so they run on the thread pool; the
// answer comes back on the application thread, where this object must live. Answers are kept for
// their DNS TTL (at most an hour); failures are not kept.
struct MxHost
{
    QString name;
    int preference = 0;
    QList<QHostAddress> addresses;
};

struct MxAnswer
{
    enum class Status
    {
        Ok,
        NoSuchDomain,     // NXDOMAIN, or no mail host has an address: permanent
        NullMx,           // "MX 0 ." - the domain accepts no mail: permanent
        TemporaryFailure, // SERVFAIL, timeout, no DNS server: try again later
    };
    Status status = Status::TemporaryFailure;
    QList<MxHost> hosts; // Ok only; by preference, hosts without addresses left out
    bool implicitMx = false;
    QString detail;     // what was asked and answered, for the SMTP log and reports
    int ttlSeconds = 0; // how long the answer may be kept

    bool isPermanent() const { return status == Status::NoSuchDomain || status == Status::NullMx; }
};

class MxResolver : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const MxAnswer&)>;

    explicit MxResolver(QObject* parent = nullptr);
    ~MxResolver() override;

    // "ip" or "ip:port" of the DNS server to ask (IPv4); empty = the system's (/etc/resolv.conf).
    // Returns false (and keeps the old one) when the text is not such an address.
    bool setNameserver(const QString& server, QString* error = nullptr);
    // Empty when `server` is a valid value for setNameserver(), else why not (Misc Setup uses it).
    static QString checkNameserver(const QString& server);
    QString nameserver() const { return m_nameserver; }

    // `done` runs exactly once, on the application thread, never inside resolve().
    void resolve(const QString& domain, Done done);

    // The blocking lookup itself, for the thread pool (and tests).
    static MxAnswer lookup(const QString& domain, const QString& nameserver);

private:
    struct Cached
    {
        MxAnswer answer;
        QDateTime expires;
    };
    QString m_nameserver;
    QHash<QString, Cached> m_cache;
    QHash<QString, QList<Done>> m_waiting; // one lookup per domain at a time
    CallQueue* m_answers;                  // a child: lookups on the thread pool answer through it
};

} // namespace umgate
