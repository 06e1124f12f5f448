// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/directory/DirectoryEntry.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>
#include <vector>

namespace umgate {

// An RFC 4515 search filter, parsed strictly. It is the one filter parser of umgate: the
// settings validator uses it to refuse a broken search template when it is saved (ixi-UMS
// 4.2.3.4: a broken template stops all traffic), and the embedded directory evaluates it.
class LdapFilter
{
public:
    enum class Type
    {
        And,
        Or,
        Not,
        Equality,       // (attr=value)
        Substring,      // (attr=in*any*fin)
        GreaterOrEqual, // (attr>=value)
        LessOrEqual,    // (attr<=value)
        Approx,         // (attr~=value)
        Present,        // (attr=*)
        Extensible,     // (attr:dn:rule:=value); parsed, but Undefined in memory
    };

    // On failure `error` reads "invalid at position N: <reason>" (N counts from 1).
    static std::optional<LdapFilter> parse(const QString& text, QString* error = nullptr);
    // Checks an RFC 4512 attribute description ("cn", "description;lang-de", "2.5.4.3").
    // Returns an empty string when it is fine, else "invalid at position N: <reason>".
    static QString attributeDescriptionError(const QString& text);
    // RFC 4515 section 3: '*' '(' ')' '\' and NUL become \2a \28 \29 \5c \00; everything else,
    // non-ASCII included, stays as it is (UTF-8 on the wire).
    static QString escapeValue(const QString& value);

    QString toString() const; // normalized: no redundant text, values escaped minimally
    // Evaluates the filter on an entry the way a directory server would (three-valued logic,
    // RFC 4511 4.5.1.7): attribute names and values ignore case (caseIgnoreMatch, spaces
    // collapsed); attributes whose name contains "telephoneNumber" or "facsimile" compare with
    // telephoneNumberMatch (spaces and hyphens ignored). Extensible matches are Undefined.
    bool matches(const DirectoryEntry& entry) const;

    Type type() const { return m_type; }
    QString attribute() const { return m_attribute; }
    // The assertion value, unescaped (Equality, Approx, >=, <=, Extensible).
    QString value() const { return QString::fromUtf8(m_value); }
    const std::vector<LdapFilter>& children() const { return m_children; }
    QString matchingRule() const { return m_matchingRule; } // Extensible only
    bool dnAttributes() const { return m_dnAttributes; }    // Extensible only

private:
    friend class LdapFilterParser;
    enum class Tri
    {
        False,
        True,
        Undefined
    };
    Tri evaluate(const DirectoryEntry& entry) const;
    // And (`all`) or Or over the children.
    Tri evaluateChildren(const DirectoryEntry& entry, bool all) const;
    // Equality, Approx, >=, <= and Substring: one of the attribute's values matches.
    Tri evaluateValues(const DirectoryEntry& entry) const;

    Type m_type = Type::Present;
    QString m_attribute;
    QByteArray m_value;          // octets after unescaping
    QByteArray m_initial;        // Substring; empty = none
    QList<QByteArray> m_any;     // Substring
    QByteArray m_final;          // Substring; empty = none
    QString m_matchingRule;      // Extensible
    bool m_dnAttributes = false; // Extensible
    std::vector<LdapFilter> m_children;
};

} // namespace umgate
