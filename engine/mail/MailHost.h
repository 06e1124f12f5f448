// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace umgate {

// The machine's fully qualified domain name, for Message-IDs when no mail domain is set.
// QSysInfo::machineHostName() is often the bare name ("gw1"); the FQDN comes from
// getaddrinfo(AI_CANONNAME), which may ask DNS and block, so it runs once on the thread pool and
// never on the event loop.
class MailHost
{
public:
    // The FQDN when known: the host name itself if it already has a dot, else the result of the
    // background look-up (started by the first call). Empty while unknown or when the look-up gave
    // no name with a dot: callers then use their own fallback.
    static QString fqdn();
};

} // namespace umgate
