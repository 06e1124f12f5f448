// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/directory/PhoneNumber.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace umgate {

namespace {

bool isSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == QChar(0x00a0);
}
bool isIgnored(QChar c)
{
    return c == u'(' || c == u')' || c == u'/' || c == u'-';
}

bool setError(QString* error, const QString& reason)
{
    if (error) *error = reason;
    return false;
}

QString shown(const QString& text)
{
    constexpr int kMax = 40;
    QString out;
    for (const QChar c : text.left(kMax))
        out += (c.unicode() < 0x20 || c.unicode() == 0x7f) ? u'?' : c;
    if (text.size() > kMax) out += u"…"_s;
    return u"\""_s + out + u"\""_s;
}

} // namespace

std::optional<PhoneNumber> PhoneNumber::parse(const QString& text, QString* error)
{
    const QString t = text.trimmed();
    if (t.isEmpty()) {
        setError(error, u"the number is empty"_s);
        return std::nullopt;
    }
    QStringView rest;
    if (t.startsWith(u'+'))
        rest = QStringView(t).mid(1);
    else if (t.startsWith(u"00"_s))
        rest = QStringView(t).mid(2);
    else {
        setError(
            error,
            u"%1 lacks the country code: an E.164 number starts with + or 00, e.g. +49 8142 4799123"_s.arg(
                shown(text)));
        return std::nullopt;
    }

    // Both spellings are made here, once: every look-up asks for them (cache key, filter). Written
    // into buffers of the largest size a valid number reaches ('+', 15 digits, 14 spaces between
    // groups), cut to length afterwards; digits past the 15th are only counted, for the error, so
    // a hostile megabyte of digits costs no copy of itself.
    PhoneNumber n;
    const qsizetype room = std::min(rest.size(), qsizetype{2} * kMaxDigits) + 1;
    n.m_canonical.resize(room);
    n.m_e164.resize(room);
    QChar* canonical = n.m_canonical.data();
    QChar* e164 = n.m_e164.data();
    *canonical++ = u'+';
    *e164++ = u'+';
    int count = 0;
    bool gap = false; // spaces since the last digit: the next digit starts a new group
    for (const QChar c : rest) {
        if (c >= u'0' && c <= u'9') {
            if (count < kMaxDigits) {
                if (gap && count > 0) *canonical++ = u' ';
                *canonical++ = c;
                *e164++ = c;
            }
            gap = false;
            ++count;
        } else if (isSpace(c)) {
            gap = true;
        } else if (!isIgnored(c)) {
            setError(error,
                     u"%1 is not a phone number: the character '%2' is not allowed (only digits, "
                     u"spaces and ( ) / -)"_s.arg(shown(text), c.unicode() < 0x20 ? u"?"_s : QString(c)));
            return std::nullopt;
        }
    }
    n.m_canonical.truncate(canonical - n.m_canonical.constData());
    n.m_e164.truncate(e164 - n.m_e164.constData());

    if (count == 0) {
        setError(error, u"%1 contains no digits"_s.arg(shown(text)));
        return std::nullopt;
    }
    if (count > kMaxDigits) {
        setError(error, u"%1 has %2 digits; an E.164 number has at most %3"_s.arg(shown(text))
                            .arg(count)
                            .arg(kMaxDigits));
        return std::nullopt;
    }
    if (count < 3) {
        setError(error, u"%1 is too short for a number with country code"_s.arg(shown(text)));
        return std::nullopt;
    }
    if (n.m_e164.at(1) == u'0') { // the country code
        setError(error, u"%1 has a country code starting with 0; write +49 30 ... rather than +049 30 ... or "
                        u"000..."_s.arg(shown(text)));
        return std::nullopt;
    }
    return n;
}

bool PhoneNumber::matchesAttributeValue(const QString& stored) const
{
    QString value = stored.trimmed();
    // A typed address ("IXI:", "FAX:", "IFAX:"): letters, digits and '-' up to the first colon.
    const qsizetype colon = value.indexOf(u':');
    if (colon > 0) {
        bool typed = true;
        for (qsizetype i = 0; i < colon && typed; ++i) {
            const QChar c = value.at(i);
            typed = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') ||
                    (i > 0 && c >= u'0' && c <= u'9') || c == u'-';
        }
        if (!typed) return false;
        value = value.mid(colon + 1).trimmed();
    }
    const std::optional<PhoneNumber> other = parse(value);
    return other && *other == *this;
}

} // namespace umgate
