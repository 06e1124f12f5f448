// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/directory/Directory.h"

#include <ldap.h>

namespace umgate {

// Why a step against an LDAP server failed, and whether another server may do better.
struct LdapFailure
{
    DirectoryError error = DirectoryError::None;
    QString text;
    bool failover = false; // another server may answer

    // Codes that say "this server does not answer", as opposed to "this server says no".
    static bool isFailoverCode(int rc);
    static DirectoryError connectionError(int rc);
    // ldap_err2string plus whatever the server or libldap added (TLS reasons end up there).
    static QString message(LDAP* ld, int rc, const char* serverText = nullptr);
    // The code of the last failed call on `ld`.
    static int resultCode(LDAP* ld);
};

} // namespace umgate
