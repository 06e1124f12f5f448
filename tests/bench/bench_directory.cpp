// SPDX-License-Identifier: GPL-3.0-or-later
// Directory benchmark (issue 3): a real slapd with --users bulk users (default 100,000) and an
// equality index on the fax attributes, started with the tests' slapd fixture script.
//
// Measured in the same run, on one connection each, with the search filter the engine sends (the
// OpenLDAP template of the manual) and the attributes it asks for:
//   - a plain libldap loop, ldap_search_ext_s one after another: the peer figure;
//   - umgate's DirectoryService, uncached, one lookup at a time and with 64 lookups in flight (as
//     when many faxes arrive together), including the LDAP search log; in rounds that take turns
//     with the peer's, each figure being the median of the rounds' ratios;
//   - cached lookups, and the memory 100,000 cached users take.
// Figures are printed as ratios against the libldap loop. Not a test: no verdicts.
#include "engine/directory/DirectoryService.h"
#include "engine/directory/LdapClient.h"
#include "engine/directory/PhoneNumber.h"
#include "engine/directory/SearchTemplate.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>
#include <functional>
#include <ldap.h>
#include <random>
#include <vector>

using namespace umgate;
using namespace Qt::StringLiterals;

namespace {

QString numberOf(int i)
{
    return u"+49 89 %1"_s.arg(1000000 + i);
}

bool writeBulkLdif(const QString& path, int users)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) return false;
    QByteArray out = "dn: ou=bench,dc=example,dc=com\nobjectClass: organizationalUnit\nou: bench\n\n";
    for (int i = 0; i < users; ++i) {
        const QByteArray id = QByteArray::number(i);
        const QByteArray number = numberOf(i).toLatin1();
        out += "dn: uid=u" + id +
               ",ou=bench,dc=example,dc=com\nobjectClass: inetOrgPerson\nobjectClass: umsUser\n";
        out += "uid: u" + id + "\ncn: Bench User " + id + "\nsn: User" + id + "\nmail: u" + id +
               "@bench.example.com\ntelephoneNumber: " + number +
               "0\notherFacsimileTelephoneNumber: " + number + "\nproxyAddresses: SMTP:u" + id +
               "@bench.example.com\nproxyAddresses: IXI:" + QByteArray(number).replace(" ", "") + "\n\n";
        if (out.size() > (1 << 20)) {
            f.write(out);
            out.clear();
        }
    }
    f.write(out);
    return f.flush();
}

long rssKb()
{
    QFile f(u"/proc/self/status"_s);
    if (!f.open(QIODevice::ReadOnly)) return -1;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (line.startsWith("VmRSS:")) return line.mid(6).trimmed().split(' ').first().toLong();
    return -1;
}

struct Latencies
{
    std::vector<qint64> us;
    qint64 percentile(double p)
    {
        if (us.empty()) return 0;
        std::sort(us.begin(), us.end());
        return us[std::min(us.size() - 1, size_t(p * double(us.size())))];
    }
};

struct Run
{
    double perSecond = 0;
    qint64 p50 = 0, p99 = 0;
    int found = 0, errors = 0;
};

// The peer: synchronous searches on one libldap connection.
Run plainLibldap(const QHash<QString, QString>& env, const QStringList& filters, const QStringList& attrs)
{
    Run run;
    LDAP* ld = nullptr;
    const QByteArray uri = "ldap://127.0.0.1:" + env.value(u"LDAP1_PORT"_s).toLatin1();
    if (ldap_initialize(&ld, uri.constData()) != LDAP_SUCCESS) return run;
    int version = LDAP_VERSION3;
    ldap_set_option(ld, LDAP_OPT_PROTOCOL_VERSION, &version);
    const QByteArray dn = env.value(u"LDAP_READER_DN"_s).toUtf8(),
                     pw = env.value(u"LDAP_READER_PW"_s).toUtf8();
    berval cred{ber_len_t(pw.size()), const_cast<char*>(pw.constData())};
    if (ldap_sasl_bind_s(ld, dn.constData(), LDAP_SASL_SIMPLE, &cred, nullptr, nullptr, nullptr) !=
        LDAP_SUCCESS) {
        ldap_unbind_ext_s(ld, nullptr, nullptr);
        return run;
    }
    std::vector<QByteArray> attrBytes;
    std::vector<char*> attrPtrs;
    for (const QString& a : attrs)
        attrBytes.push_back(a.toUtf8());
    attrPtrs.reserve(attrBytes.size() + 1);
    for (QByteArray& a : attrBytes)
        attrPtrs.push_back(a.data());
    attrPtrs.push_back(nullptr);
    Latencies lat;
    QElapsedTimer total;
    total.start();
    for (const QString& filter : filters) {
        QElapsedTimer one;
        one.start();
        LDAPMessage* res = nullptr;
        const QByteArray f = filter.toUtf8();
        const int rc = ldap_search_ext_s(ld, "dc=example,dc=com", LDAP_SCOPE_SUBTREE, f.constData(),
                                         attrPtrs.data(), 0, nullptr, nullptr, nullptr, 0, &res);
        if (rc == LDAP_SUCCESS)
            run.found += ldap_count_entries(ld, res);
        else
            ++run.errors;
        ldap_msgfree(res);
        lat.us.push_back(one.nsecsElapsed() / 1000);
    }
    run.perSecond = double(filters.size()) * 1e9 / double(total.nsecsElapsed());
    run.p50 = lat.percentile(0.5);
    run.p99 = lat.percentile(0.99);
    ldap_unbind_ext_s(ld, nullptr, nullptr);
    return run;
}

// `count` lookups through the service with `inFlight` outstanding; runs the event loop until done.
Run serviceLookups(DirectoryService& service, const QStringList& numbers, int count, int inFlight)
{
    Run run;
    Latencies lat;
    lat.us.reserve(size_t(count));
    int started = 0, finished = 0;
    QElapsedTimer total;
    total.start();
    std::function<void()> startOne = [&] {
        const QString& number = numbers.at(started % numbers.size());
        ++started;
        QElapsedTimer one;
        one.start();
        service.lookupNumber(number, [&, one](const DirectoryService::Resolution& r) {
            lat.us.push_back(one.nsecsElapsed() / 1000);
            if (!r.error.isEmpty())
                ++run.errors;
            else
                run.found += int(r.addresses.size());
            ++finished;
            if (started < count) startOne();
            if (finished == count) QCoreApplication::exit(0);
        });
    };
    for (int i = 0; i < std::min(inFlight, count); ++i)
        startOne();
    QCoreApplication::exec();
    run.perSecond = double(count) * 1e9 / double(total.nsecsElapsed());
    run.p50 = lat.percentile(0.5);
    run.p99 = lat.percentile(0.99);
    return run;
}

void print(const char* what, const Run& r, double peer)
{
    std::printf("%-44s %9.0f/s  %5.2fx  p50 %5lld us  p99 %6lld us  found %d  errors %d\n", what, r.perSecond,
                peer > 0 ? r.perSecond / peer : 0.0, static_cast<long long>(r.p50),
                static_cast<long long>(r.p99), r.found, r.errors);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({u"users"_s, u"Bulk users in slapd."_s, u"n"_s, u"100000"_s});
    parser.addOption({u"searches"_s, u"Uncached searches per run."_s, u"n"_s, u"20000"_s});
    parser.addOption({u"cached"_s, u"Cached lookups."_s, u"n"_s, u"1000000"_s});
    parser.process(app);
    const int users = parser.value(u"users"_s).toInt();
    const int searches = parser.value(u"searches"_s).toInt();
    const int cachedLookups = parser.value(u"cached"_s).toInt();

    QTemporaryDir dir(QDir::tempPath() + u"/umgate-bench-ldap-XXXXXX"_s);
    const QString ldif = dir.path() + u"/bulk.ldif"_s;
    const QString fixture = dir.path() + u"/slapd"_s;
    const QString script = QStringLiteral(UMGATE_SOURCE_DIR) + u"/tests/fixtures/slapd.sh"_s;
    QElapsedTimer setup;
    setup.start();
    if (!writeBulkLdif(ldif, users)) {
        std::fprintf(stderr, "cannot write %s\n", qPrintable(ldif));
        return 1;
    }
    QProcess slapd;
    QProcessEnvironment penv = QProcessEnvironment::systemEnvironment();
    penv.insert(u"SLAPD_BULK_LDIF"_s, ldif);
    slapd.setProcessEnvironment(penv);
    slapd.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    slapd.start(script, {u"start"_s, fixture});
    if (!slapd.waitForFinished(600000) || slapd.exitCode() != 0) {
        std::fprintf(stderr, "slapd fixture did not start\n");
        return 1;
    }
    auto stopSlapd = qScopeGuard([&] { QProcess::execute(script, {u"stop"_s, fixture}); });
    QHash<QString, QString> env;
    QFile envFile(fixture + u"/slapd.env"_s);
    if (!envFile.open(QIODevice::ReadOnly)) return 1;
    for (const QByteArray& line : envFile.readAll().split('\n'))
        if (const qsizetype eq = line.indexOf('='); eq > 0)
            env.insert(QString::fromUtf8(line.left(eq)), QString::fromUtf8(line.mid(eq + 1)));
    std::printf("slapd with %d bulk users ready in %.1f s (slapd %s)\n", users,
                double(setup.elapsed()) / 1000, qPrintable(env.value(u"SLAPD1_PID"_s)));

    // The same numbers for every contender, in a random order, written the way the kernel sends them.
    std::mt19937 rng(4711);
    std::uniform_int_distribution<int> pick(0, users - 1);
    QStringList numbers;
    for (int i = 0; i < searches; ++i)
        numbers << numberOf(pick(rng));

    DirectoryService service;
    DirectoryService::Settings s;
    s.instanceId = u"bench"_s;
    s.userManagementType = UserManagementType::OpenLdap;
    s.searchTemplate = SearchTemplate::defaultTemplate(s.userManagementType);
    s.umsAttribute = u"umsUserData"_s;
    s.logFile = dir.path() + u"/LdapSearch.log"_s;
    s.logSizeMb = 10;
    s.logCount = 5;
    s.cacheTtlSeconds = 0;
    s.negativeCacheTtlSeconds = 0;
    LdapClientConfig l;
    l.servers << LdapServerConfig{u"127.0.0.1"_s, env.value(u"LDAP1_PORT"_s).toInt(),
                                  LdapServerConfig::Security::None};
    l.bindDn = env.value(u"LDAP_READER_DN"_s);
    l.password = env.value(u"LDAP_READER_PW"_s);
    l.baseDns = {u"dc=example,dc=com"_s};
    service.configure(s, &l);

    QStringList filters;
    for (const QString& n : numbers)
        filters << SearchTemplate::expand(s.searchTemplate, *PhoneNumber::parse(n));
    // What DirectoryService asks for, so both sides transfer the same.
    const QStringList attrs = {
        u"mail"_s,        u"proxyAddresses"_s,           u"cn"_s,
        u"displayName"_s, u"facsimileTelephoneNumber"_s, u"otherFacsimileTelephoneNumber"_s,
        u"umsUserData"_s};

    // Warm slapd's caches the same way for everybody. Then the contenders run in rounds, each
    // round the same slice of numbers for all three, taking turns at going first: a machine that
    // speeds up or slows down during the run (a neighbour's load, the CPU clock) hits every side
    // alike, and each figure is the median of the rounds' ratios to the peer.
    plainLibldap(env, filters.mid(0, 2000), attrs);
    constexpr int kRounds = 6;
    const int slice = std::max(1, searches / kRounds);
    struct Side
    {
        Run all;
        double seconds = 0;
        std::vector<double> ratios;
        void add(const Run& r, int n, double peerPerSecond)
        {
            seconds += double(n) / std::max(r.perSecond, 1e-9);
            all.found += r.found;
            all.errors += r.errors;
            all.p50 = std::max(all.p50, r.p50); // the worst round's
            all.p99 = std::max(all.p99, r.p99);
            ratios.push_back(peerPerSecond > 0 ? r.perSecond / peerPerSecond : 0);
        }
        double median()
        {
            std::sort(ratios.begin(), ratios.end());
            const size_t n = ratios.size();
            return n == 0 ? 0 : (ratios[(n - 1) / 2] + ratios[n / 2]) / 2;
        }
    };
    Side peerSide, seqSide, parSide;
    for (int round = 0; round < kRounds; ++round) {
        const QStringList roundFilters = filters.mid(qsizetype{round} * slice, slice);
        const QStringList roundNumbers = numbers.mid(qsizetype{round} * slice, slice);
        const int n = int(roundNumbers.size());
        Run peerRound, seqRound, parRound;
        const std::function<void()> steps[] = {
            [&] { peerRound = plainLibldap(env, roundFilters, attrs); },
            [&] { seqRound = serviceLookups(service, roundNumbers, n, 1); },
            [&] { parRound = serviceLookups(service, roundNumbers, n, 64); }};
        for (int i = 0; i < 3; ++i)
            steps[(round + i) % 3]();
        peerSide.add(peerRound, n, peerRound.perSecond);
        seqSide.add(seqRound, n, peerRound.perSecond);
        parSide.add(parRound, n, peerRound.perSecond);
    }
    const double total = double(slice) * kRounds;
    for (Side* side : {&peerSide, &seqSide, &parSide})
        side->all.perSecond = total / std::max(side->seconds, 1e-9);
    const double peer = peerSide.all.perSecond;
    std::printf(
        "\nuncached, one connection, %d searches of %d users, %d rounds (ratio: median of the rounds)\n",
        kRounds * slice, users, kRounds);
    print("plain libldap loop (peer)", peerSide.all, peer);
    for (auto [name, side] : {std::pair{"umgate lookups, 1 in flight", &seqSide},
                              std::pair{"umgate lookups, 64 in flight", &parSide}}) {
        print(name, side->all, peer);
        const double median = side->median();
        std::printf("  median ratio %.2fx (rounds %.2f-%.2fx)\n", median, side->ratios.front(),
                    side->ratios.back());
        std::fflush(stdout);
    }

    if (cachedLookups <= 0) return 0;
    // Cached: every user looked up once, then lookups answered from the cache.
    s.cacheTtlSeconds = 3600;
    s.negativeCacheTtlSeconds = 3600;
    service.configure(s, &l);
    QStringList everyone;
    for (int i = 0; i < users; ++i)
        everyone << numberOf(i);
    const long before = rssKb();
    const Run fill = serviceLookups(service, everyone, users, 64);
    const long after = rssKb();
    const Run cached = serviceLookups(service, numbers, cachedLookups, 64);
    std::printf("\ncached\n");
    print("filling the cache (every user once)", fill, peer);
    print("umgate lookups from the cache", cached, peer);
    std::printf("cache: %d entries, RSS +%ld KB (%.0f bytes per cached user), estimate %lld KB\n",
                service.cache().size(), after - before, double(after - before) * 1024 / std::max(1, users),
                static_cast<long long>(service.cache().approximateBytes() / 1024));
    return 0;
}
