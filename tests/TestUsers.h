// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace umgate::test {

// `count` directory users for the embedded directory (users.ldif): uid user<N> with N padded to
// `digits`, mail user<N>@example.com, fax +49 89 <1000000 + N>.
inline QByteArray usersLdif(int count, int digits = 5)
{
    QByteArray ldif;
    ldif.reserve(qsizetype(count) * 200);
    for (int i = 0; i < count; ++i)
        ldif += QStringLiteral("dn: uid=user%1,ou=people,dc=example,dc=com\nobjectClass: inetOrgPerson\n"
                               "cn: User %1\nsn: U\nuid: user%1\nmail: user%1@example.com\n"
                               "otherFacsimileTelephoneNumber: +49 89 %2\n\n")
                    .arg(i, digits, 10, QLatin1Char('0'))
                    .arg(1000000 + i)
                    .toUtf8();
    return ldif;
}

} // namespace umgate::test
