// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/directory/LdapEntryReader.h"

namespace umgate {

namespace {

QString fromUtf8(const berval& bv)
{
    return QString::fromUtf8(bv.bv_val, qsizetype(bv.bv_len));
}

} // namespace

QString LdapEntryReader::attributeName(const berval& bv)
{
    QString name = fromUtf8(bv);
    const auto it = m_attributeNames.constFind(name);
    if (it != m_attributeNames.constEnd()) return *it;
    if (m_attributeNames.size() < 1000) m_attributeNames.insert(name);
    return name;
}

DirectoryEntry LdapEntryReader::read(LDAP* ld, LDAPMessage* msg)
{
    DirectoryEntry entry;
    BerElement* ber = nullptr;
    berval bv{0, nullptr};
    if (ldap_get_dn_ber(ld, msg, &ber, &bv) != LDAP_SUCCESS) {
        if (ber) ber_free(ber, 0);
        return entry;
    }
    entry.dn = fromUtf8(bv);
    berval* values = nullptr;
    for (int rc = ldap_get_attribute_ber(ld, msg, ber, &bv, &values); rc == LDAP_SUCCESS;
         rc = ldap_get_attribute_ber(ld, msg, ber, &bv, &values)) {
        if (!bv.bv_val) break;
        QStringList list;
        for (berval* v = values; v && v->bv_val; ++v)
            list.append(fromUtf8(*v));
        if (values) ber_memfree(values);
        values = nullptr;
        entry.attributes.insert(attributeName(bv), list);
    }
    if (ber) ber_free(ber, 0);
    return entry;
}

} // namespace umgate
