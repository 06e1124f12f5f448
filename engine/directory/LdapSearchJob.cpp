// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/directory/LdapSearchJob.h"

namespace umgate {

LdapSearchScope::LdapSearchScope(const QStringList& bases) : baseDns(bases)
{
    utf8.reserve(size_t(bases.size()));
    for (const QString& b : bases)
        utf8.push_back(b.toUtf8());
}

LdapAttributeList::LdapAttributeList(const QStringList& attributeNames) : names(attributeNames)
{
    if (names.isEmpty()) return;
    utf8.reserve(size_t(names.size()));
    for (const QString& a : names)
        utf8.push_back(a.toUtf8());
    for (QByteArray& a : utf8)
        pointers.push_back(a.data());
    pointers.push_back(nullptr);
}

qsizetype LdapSearchJob::requestBytes() const
{
    qsizetype perRequest = 64 + filterUtf8.size(); // envelope, controls, TLS record overhead
    if (attributes)
        for (const QByteArray& a : attributes->utf8)
            perRequest += a.size() + 2;
    qsizetype bytes = 0;
    if (scope)
        for (const QByteArray& b : scope->utf8)
            bytes += perRequest + b.size();
    return bytes;
}

void LdapSearchJob::reset()
{
    perBase.clear();
    remaining = 0;
    unanswered = 0;
    done = false;
}

} // namespace umgate
