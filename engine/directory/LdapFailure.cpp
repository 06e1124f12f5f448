// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/directory/LdapFailure.h"

namespace umgate {

bool LdapFailure::isFailoverCode(int rc)
{
    return rc == LDAP_SERVER_DOWN || rc == LDAP_CONNECT_ERROR || rc == LDAP_TIMEOUT ||
           rc == LDAP_UNAVAILABLE || rc == LDAP_BUSY;
}

DirectoryError LdapFailure::connectionError(int rc)
{
    return rc == LDAP_TIMEOUT ? DirectoryError::Timeout : DirectoryError::Connect;
}

QString LdapFailure::message(LDAP* ld, int rc, const char* serverText)
{
    QString text = QString::fromUtf8(ldap_err2string(rc));
    QString extra;
    if (serverText) {
        extra = QString::fromUtf8(serverText);
    } else if (ld) {
        char* diag = nullptr;
        if (ldap_get_option(ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &diag) == LDAP_OPT_SUCCESS && diag) {
            extra = QString::fromUtf8(diag);
            ldap_memfree(diag);
        }
    }
    extra = extra.trimmed();
    // GnuTLS failures reach libldap as this non-message; the caller explains TLS failures itself.
    if (extra == QLatin1String("(unknown error code)")) extra.clear();
    if (rc == LDAP_TIMEOUT && ld) {
        timeval* tv = nullptr; // a copy the caller frees
        if (ldap_get_option(ld, LDAP_OPT_TIMEOUT, &tv) == LDAP_OPT_SUCCESS && tv) {
            extra =
                QStringLiteral("no answer within %1 ms").arg(qint64(tv->tv_sec) * 1000 + tv->tv_usec / 1000);
            ldap_memfree(tv);
        }
    }
    if (!extra.isEmpty() && extra != text) text += QStringLiteral(" (%1)").arg(extra);
    return text;
}

int LdapFailure::resultCode(LDAP* ld)
{
    int rc = LDAP_OTHER;
    if (ld) ldap_get_option(ld, LDAP_OPT_RESULT_CODE, &rc);
    return rc;
}

} // namespace umgate
