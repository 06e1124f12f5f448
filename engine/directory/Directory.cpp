// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/directory/Directory.h"

namespace umgate {

QString directoryErrorName(DirectoryError error)
{
    switch (error) {
    case DirectoryError::None:
        return QStringLiteral("none");
    case DirectoryError::Connect:
        return QStringLiteral("connect");
    case DirectoryError::Tls:
        return QStringLiteral("tls");
    case DirectoryError::Bind:
        return QStringLiteral("bind");
    case DirectoryError::BaseDn:
        return QStringLiteral("baseDn");
    case DirectoryError::Filter:
        return QStringLiteral("filter");
    case DirectoryError::Timeout:
        return QStringLiteral("timeout");
    case DirectoryError::Write:
        return QStringLiteral("write");
    case DirectoryError::Other:
        return QStringLiteral("other");
    }
    return {};
}

} // namespace umgate
