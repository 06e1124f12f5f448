// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QChar>
#include <QString>
#include <QStringView>

// Character classes the validators and parsers share. ASCII only on purpose: LDAP keys, numbers
// and template variables are ASCII whatever the locale says a digit or letter is.
namespace umgate::text {

inline bool isAsciiDigit(QChar c)
{
    return c >= u'0' && c <= u'9';
}
inline bool isAsciiAlpha(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z');
}
// RFC 4512 keychar: ALPHA / DIGIT / HYPHEN
inline bool isKeyChar(QChar c)
{
    return isAsciiAlpha(c) || isAsciiDigit(c) || c == u'-';
}
inline bool hasControl(const QString& value)
{
    for (const QChar c : value)
        if (c.unicode() < 0x20 || c.unicode() == 0x7f) return true;
    return false;
}
// Empty counts as "all digits"; callers that need at least one check the size.
inline bool allAsciiDigits(QStringView s)
{
    for (const QChar c : s)
        if (!isAsciiDigit(c)) return false;
    return true;
}

} // namespace umgate::text
