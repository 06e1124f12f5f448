// SPDX-License-Identifier: GPL-3.0-or-later
#include "MailHost.h"

#include <QMutex>
#include <QSysInfo>
#include <QThreadPool>
#include <mutex>
#include <netdb.h>

namespace umgate {

namespace {

QMutex g_mutex;
QString g_fqdn; // guarded by g_mutex

QString canonicalName(const QString& host)
{
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_flags = AI_CANONNAME;
    addrinfo* result = nullptr;
    if (getaddrinfo(host.toUtf8().constData(), nullptr, &hints, &result) != 0 || !result) return {};
    QString name;
    if (result->ai_canonname) name = QString::fromUtf8(result->ai_canonname);
    freeaddrinfo(result);
    return name;
}

} // namespace

QString MailHost::fqdn()
{
    QString host = QSysInfo::machineHostName();
    if (host.contains(u'.')) return host;
    static std::once_flag started;
    std::call_once(started, [host] {
        QThreadPool::globalInstance()->start([host] {
            const QString name = canonicalName(host);
            if (!name.contains(u'.')) return;
            const QMutexLocker lock(&g_mutex);
            g_fqdn = name;
        });
    });
    const QMutexLocker lock(&g_mutex);
    return g_fqdn;
}

} // namespace umgate
