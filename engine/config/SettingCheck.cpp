// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/config/SettingCheck.h"

#include "engine/config/SettingValidators.h"
#include "engine/core/TextChecks.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace umgate {

using namespace text;
using validators::describeJson;
using validators::quoted;

namespace {

using T = SettingType;
using Check = std::function<QString(const QJsonValue&)>;

// Every object-list entry's stable id (InstanceConfig::newEntryId): the engine fills it in when a
// client leaves it out. It names the entry's secrets ("KEY[id].field"), hence no brackets, dots or
// slashes, and never digits only (that would read as a list position).
const QString kEntryId = u"id"_s;

// An entry without id is fine here (the engine gives it one); `seen` collects the list's ids.
QString entryIdReason(const QJsonObject& entry, QSet<QString>* seen)
{
    if (!entry.contains(kEntryId)) return {};
    static const QRegularExpression re(QRegularExpression::anchoredPattern(u"[A-Za-z0-9_-]{1,64}"_s));
    const QJsonValue v = entry.value(kEntryId);
    if (!v.isString()) return u"expects text, not %1"_s.arg(describeJson(v));
    const QString id = v.toString();
    if (!re.match(id).hasMatch())
        return u"%1 is not an entry id: use 1 to 64 letters, digits, '_' and '-'"_s.arg(quoted(id));
    if (allAsciiDigits(id)) return u"%1 is not an entry id: it must not be digits only"_s.arg(quoted(id));
    if (seen->contains(id)) return u"the id %1 is used by another entry of this list"_s.arg(quoted(id));
    seen->insert(id);
    return {};
}

// What a setting and an object-list field have in common for checking.
struct Shape
{
    T type;
    const QStringList& choices;
    bool secret;
    bool required;
    int minimum;      // Int
    int maximum;      // Int; 0 = none
    int entryMinimum; // IntList
    int maxEntries;   // lists; 0 = none
    const QList<FieldDef>* fields;
    const Check& check;
};

Shape shapeOf(const SettingDef& d)
{
    return {d.type,    d.choices,      d.secret,     false,     d.minimum,
            d.maximum, d.entryMinimum, d.maxEntries, &d.fields, d.check};
}
Shape shapeOf(const FieldDef& f)
{
    return {f.type, f.choices, f.secret, f.required, f.minimum, f.maximum, 0, 0, nullptr, f.check};
}

QString wholeNumberReason(const QJsonValue& v, int lo, int hi)
{
    if (!v.isDouble()) return u"expects a whole number, not %1"_s.arg(describeJson(v));
    const double d = v.toDouble();
    if (!std::isfinite(d) || std::floor(d) != d)
        return u"expects a whole number, not %1"_s.arg(describeJson(v));
    const double upper = hi > 0 ? hi : std::numeric_limits<int>::max();
    if (d < lo || d > upper) {
        if (hi > 0) return u"must be between %1 and %2, not %3"_s.arg(lo).arg(hi).arg(describeJson(v));
        return u"must be at least %1, not %2"_s.arg(lo).arg(describeJson(v));
    }
    return {};
}

QString stringReason(const QJsonValue& v, bool required)
{
    if (!v.isString()) return u"expects text, not %1"_s.arg(describeJson(v));
    const QString s = v.toString();
    if (hasControl(s)) return u"must be a single line without control characters"_s;
    if (s.size() > kMaxSettingTextLength)
        return u"is %1 characters long; at most %2 are allowed"_s.arg(s.size()).arg(kMaxSettingTextLength);
    if (required && s.isEmpty()) return u"is required and must not be empty"_s;
    return {};
}

class Checker
{
public:
    explicit Checker(ValidationErrors& out) : m_out(out) {}

    void value(const QString& path, const Shape& s, const QJsonValue& v)
    {
        if (s.secret) {
            // The value itself lives in the SecretStore; here we only make sure it can be stored.
            if (!v.isString()) add(path, u"expects text, not %1"_s.arg(describeJson(v)));
            return;
        }
        switch (s.type) {
        case T::Bool:
            if (!v.isBool()) add(path, u"expects true or false, not %1"_s.arg(describeJson(v)));
            return;
        case T::Int:
            orCheck(path, s, v, wholeNumberReason(v, s.minimum, s.maximum));
            return;
        case T::String:
            orCheck(path, s, v, stringReason(v, s.required));
            return;
        case T::Enum:
            if (!v.isString() || !s.choices.contains(v.toString()))
                add(path, u"must be one of %1, not %2"_s.arg(s.choices.join(u", "_s), describeJson(v)));
            else
                orCheck(path, s, v, {});
            return;
        case T::StringList:
        case T::IntList:
            list(path, s, v);
            return;
        case T::ObjectList:
            objectList(path, s, v);
            return;
        }
    }

private:
    void add(const QString& key, const QString& reason)
    {
        if (!reason.isEmpty()) m_out.append({key, reason});
    }
    // The type's own reason, else the entry's extra check.
    void orCheck(const QString& path, const Shape& s, const QJsonValue& v, const QString& reason)
    {
        add(path, !reason.isEmpty() ? reason : s.check ? s.check(v) : QString());
    }
    bool isList(const QString& path, const Shape& s, const QJsonValue& v)
    {
        if (!v.isArray()) {
            add(path, u"expects a list, not %1"_s.arg(describeJson(v)));
            return false;
        }
        const qsizetype n = v.toArray().size();
        if (s.maxEntries > 0 && n > s.maxEntries)
            add(path, u"has %1 entries; at most %2 are allowed"_s.arg(n).arg(s.maxEntries));
        return true;
    }

    void list(const QString& path, const Shape& s, const QJsonValue& v)
    {
        if (!isList(path, s, v)) return;
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            orCheck(u"%1[%2]"_s.arg(path).arg(i), s, a.at(i),
                    s.type == T::IntList ? wholeNumberReason(a.at(i), s.entryMinimum, 0)
                                         : stringReason(a.at(i), false));
    }

    void objectList(const QString& path, const Shape& s, const QJsonValue& v)
    {
        const qsizetype before = m_out.size();
        if (!isList(path, s, v)) return;
        const QJsonArray a = v.toArray();
        QSet<QString> ids;
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString p = u"%1[%2]"_s.arg(path).arg(i);
            if (!a.at(i).isObject()) {
                add(p, u"expects an object, not %1"_s.arg(describeJson(a.at(i))));
                continue;
            }
            entry(p, s, a.at(i).toObject(), &ids);
        }
        // Rules across entries only judge entries that are each fine.
        if (m_out.size() == before && s.check) add(path, s.check(v));
    }

    void entry(const QString& p, const Shape& s, const QJsonObject& o, QSet<QString>* ids)
    {
        for (auto it = o.begin(); it != o.end(); ++it) {
            const bool known =
                it.key() == kEntryId ||
                (s.fields && std::any_of(s.fields->begin(), s.fields->end(),
                                         [&it](const FieldDef& f) { return f.name == it.key(); }));
            if (!known) add(p + u'.' + it.key(), u"is not a known field of this entry"_s);
        }
        add(p + u'.' + kEntryId, entryIdReason(o, ids));
        if (!s.fields) return;
        for (const FieldDef& f : *s.fields) {
            const QString fp = p + u'.' + f.name;
            if (o.contains(f.name))
                value(fp, shapeOf(f), o.value(f.name));
            else if (f.required)
                add(fp, u"is required"_s);
        }
    }

    ValidationErrors& m_out;
};

} // namespace

void checkSettingValue(const SettingDef& def, const QJsonValue& value, ValidationErrors& out)
{
    Checker(out).value(def.key, shapeOf(def), value);
}

} // namespace umgate
