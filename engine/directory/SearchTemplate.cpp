// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/directory/SearchTemplate.h"

#include "engine/directory/LdapFilter.h"

#include <vector>

using namespace Qt::StringLiterals;

namespace umgate {

namespace {

// A template cut at its placeholders: literal text, then what follows it. Cut once per template
// and thread (every look-up expands the instance's one template).
struct CutTemplate
{
    enum class Number
    {
        None,         // the end
        Canonical,    // ${UMS}
        WithoutSpaces // ${UMS}_wHTSPC
    };
    struct Piece
    {
        qsizetype from = 0, size = 0; // the literal, in `text`
        Number then = Number::None;
    };
    QString text;
    std::vector<Piece> pieces;
};

const CutTemplate& cut(const QString& tmpl)
{
    thread_local CutTemplate last;
    if (last.text == tmpl && !last.pieces.empty()) return last;
    constexpr QStringView placeholder = u"${UMS}";
    constexpr QStringView withoutSpaces = u"_wHTSPC";
    last = CutTemplate{tmpl, {}};
    const QStringView t(tmpl);
    qsizetype from = 0;
    for (qsizetype at = t.indexOf(placeholder); at >= 0; at = t.indexOf(placeholder, from)) {
        CutTemplate::Piece piece{from, at - from, CutTemplate::Number::Canonical};
        from = at + placeholder.size();
        if (t.mid(from).startsWith(withoutSpaces)) {
            piece.then = CutTemplate::Number::WithoutSpaces;
            from += withoutSpaces.size();
        }
        last.pieces.push_back(piece);
    }
    last.pieces.push_back({from, t.size() - from, CutTemplate::Number::None});
    return last;
}

} // namespace

QString SearchTemplate::expand(const QString& tmpl, const PhoneNumber& number)
{
    // ${UMS}_wHTSPC is the number without spaces, ${UMS} the canonical one; each escaped once,
    // when first needed.
    const CutTemplate& t = cut(tmpl);
    QString canonical, e164;
    QString out;
    out.reserve(tmpl.size() + 64);
    for (const CutTemplate::Piece& piece : t.pieces) {
        out += QStringView(t.text).mid(piece.from, piece.size);
        switch (piece.then) {
        case CutTemplate::Number::None:
            break;
        case CutTemplate::Number::Canonical:
            if (canonical.isNull()) canonical = LdapFilter::escapeValue(number.canonical());
            out += canonical;
            break;
        case CutTemplate::Number::WithoutSpaces:
            if (e164.isNull()) e164 = LdapFilter::escapeValue(number.e164());
            out += e164;
            break;
        }
    }
    return out;
}

QString SearchTemplate::forSender(const QString& address)
{
    const QString a = LdapFilter::escapeValue(address);
    return u"(|(mail=%1)(proxyAddresses=smtp:%1))"_s.arg(a);
}

QString SearchTemplate::defaultTemplate(UserManagementType type)
{
    switch (type) {
    case UserManagementType::ActiveDirectory:
    case UserManagementType::Embedded:
        return u"(|(proxyAddresses=IXI:${UMS}_wHTSPC)(proxyAddresses=IXI:${UMS})"
               u"(otherFacsimileTelephoneNumber=${UMS})(otherFacsimileTelephoneNumber=${UMS}_wHTSPC)"
               u"(facsimileTelephoneNumber=${UMS})(facsimileTelephoneNumber=${UMS}_wHTSPC))"_s;
    case UserManagementType::Domino:
        return u"(|(facsimileTelephoneNumber=${UMS})(facsimileTelephoneNumber=${UMS}_wHTSPC)"
               u"(OfficeFAXPhoneNumber=${UMS})(OfficeFAXPhoneNumber=${UMS}_wHTSPC))"_s;
    case UserManagementType::OpenLdap:
        return u"(|(otherFacsimileTelephoneNumber=${UMS})(otherFacsimileTelephoneNumber=${UMS}_wHTSPC)"
               u"(proxyAddresses=IXI:${UMS}_wHTSPC)(proxyAddresses=IXI:${UMS}))"_s;
    }
    return {};
}

namespace {

struct NumberTerm
{
    QString attribute;
    QString prefix;     // the assertion value before ${UMS}, e.g. "IXI:"
    bool withoutSpaces; // ${UMS}_wHTSPC
};

// Depth-first over the parsed template; `depth` bounds a hostile nesting (the parser has its own
// limit, this keeps the walk obviously finite). Returns false when the filter has anything but
// number terms under ORs, i.e. when a term matching is not enough for the template to match.
bool collectTerms(const LdapFilter& f, QList<NumberTerm>* terms, int depth = 0)
{
    if (depth > 64) return false;
    if (f.type() == LdapFilter::Type::Equality) {
        const QString value = f.value();
        const qsizetype at = value.indexOf(u"${UMS}"_s);
        if (at < 0) return false;
        const QString rest = value.mid(at);
        if (rest != u"${UMS}"_s && rest != u"${UMS}_wHTSPC"_s) return false;
        terms->append({f.attribute(), value.left(at), rest != u"${UMS}"_s});
        return true;
    }
    bool onlyTerms = f.type() == LdapFilter::Type::Or;
    for (const LdapFilter& child : f.children())
        onlyTerms = collectTerms(child, terms, depth + 1) && onlyTerms;
    return onlyTerms;
}

// A template parsed once: the user table asks for every row of a listing with the same one.
struct ParsedTemplate
{
    QString text;
    QList<NumberTerm> terms;
    bool onlyTerms = false; // (|(term)(term)...): the template matches when one term does
};

const ParsedTemplate& parsed(const QString& tmpl)
{
    thread_local ParsedTemplate last;
    if (last.text == tmpl && !tmpl.isEmpty()) return last;
    last = ParsedTemplate{tmpl, {}, false};
    if (const std::optional<LdapFilter> f = LdapFilter::parse(tmpl))
        last.onlyTerms = collectTerms(*f, &last.terms);
    return last;
}

bool termMatches(const NumberTerm& t, const PhoneNumber& n, const DirectoryEntry& entry)
{
    const QString value = t.prefix + (t.withoutSpaces ? n.e164() : n.canonical());
    const std::optional<LdapFilter> f =
        LdapFilter::parse(u"(%1=%2)"_s.arg(t.attribute, LdapFilter::escapeValue(value)));
    return f && f->matches(entry);
}

// Whether a look-up of `n`, read from `value` of the term `from`, finds `entry` with the template.
// For a template of number terms only, one term matching is enough. The common case costs no
// parsing: the value spelled exactly as a term of its attribute asks (either form, case aside)
// matches under every matching rule. Else each term is matched alone as a short filter.
bool reaches(const QString& tmpl, const ParsedTemplate& p, const NumberTerm& from, const QString& value,
             const PhoneNumber& n, const DirectoryEntry& entry)
{
    if (!p.onlyTerms) {
        const std::optional<LdapFilter> f = LdapFilter::parse(SearchTemplate::expand(tmpl, n));
        return f && f->matches(entry);
    }
    for (const NumberTerm& t : p.terms)
        if (t.attribute.compare(from.attribute, Qt::CaseInsensitive) == 0 &&
            t.prefix.compare(from.prefix, Qt::CaseInsensitive) == 0 &&
            value.compare(t.prefix + (t.withoutSpaces ? n.e164() : n.canonical()), Qt::CaseInsensitive) == 0)
            return true;
    for (const NumberTerm& t : p.terms)
        if (termMatches(t, n, entry)) return true;
    return false;
}

} // namespace

QStringList SearchTemplate::numberAttributes(const QString& tmpl)
{
    QStringList out;
    for (const NumberTerm& t : parsed(tmpl).terms)
        if (!out.contains(t.attribute, Qt::CaseInsensitive)) out << t.attribute;
    return out;
}

QStringList SearchTemplate::routingNumbers(const QString& tmpl, const DirectoryEntry& entry)
{
    const ParsedTemplate p = parsed(tmpl); // a copy: cheap (implicitly shared), and stays valid
    QStringList out;
    QStringList seen; // digits of the numbers in `out`
    for (const NumberTerm& t : p.terms) {
        // Both forms of one attribute and prefix read the same values: the first term reads them.
        bool again = false;
        for (const NumberTerm& earlier : p.terms) {
            if (&earlier == &t) break;
            again = again || (earlier.attribute.compare(t.attribute, Qt::CaseInsensitive) == 0 &&
                              earlier.prefix.compare(t.prefix, Qt::CaseInsensitive) == 0);
        }
        if (again) continue;
        for (const QString& value : entry.values(t.attribute)) {
            if (!value.startsWith(t.prefix, Qt::CaseInsensitive)) continue;
            const QString shown = value.mid(t.prefix.size()).trimmed();
            const std::optional<PhoneNumber> n = PhoneNumber::parse(shown);
            if (!n || seen.contains(n->digits())) continue;
            // Only what a look-up of this number would really find: the template's other terms
            // and the matching rules decide, not the attribute's name.
            if (!reaches(tmpl, p, t, value, *n, entry)) continue;
            seen << n->digits();
            out << shown;
        }
    }
    return out;
}

} // namespace umgate
