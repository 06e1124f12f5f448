// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/directory/DirectoryEntry.h"

#include <QSet>
#include <ldap.h>

namespace umgate {

// Turns search result entries into DirectoryEntry. One per thread: it keeps one shared copy of
// each attribute name, since the names repeat in every entry and cached entries stay small.
class LdapEntryReader
{
public:
    DirectoryEntry read(LDAP* ld, LDAPMessage* msg);

private:
    QString attributeName(const berval& bv);

    QSet<QString> m_attributeNames;
};

} // namespace umgate
