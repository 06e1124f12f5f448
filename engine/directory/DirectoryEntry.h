// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace umgate {

// One directory object as the engine sees it, from LDAP or the embedded directory.
// Attribute names are kept as the server spelled them; look-ups ignore case (LDAP does).
struct DirectoryEntry
{
    QString dn;
    QMap<QString, QStringList> attributes;

    QStringList values(const QString& attribute) const
    {
        for (auto it = attributes.constBegin(); it != attributes.constEnd(); ++it)
            if (it.key().compare(attribute, Qt::CaseInsensitive) == 0) return it.value();
        return {};
    }
    QString value(const QString& attribute) const
    {
        const QStringList v = values(attribute);
        return v.isEmpty() ? QString() : v.first();
    }
    bool operator==(const DirectoryEntry&) const = default;
};

} // namespace umgate
