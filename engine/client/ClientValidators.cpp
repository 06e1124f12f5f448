// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/client/ClientValidators.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace umgate::validators {

QString quoted(const QString& value)
{
    constexpr int kMax = 60;
    QString out;
    for (const QChar c : value.left(kMax)) {
        if (c == u'\r')
            out += u"\\r"_s;
        else if (c == u'\n')
            out += u"\\n"_s;
        else if (c == u'\t')
            out += u"\\t"_s;
        else if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            out += u"\\x%1"_s.arg(c.unicode(), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    if (value.size() > kMax) out += u"…"_s;
    return u"\""_s + out + u"\""_s;
}

QString instanceId(const QString& value)
{
    static const QRegularExpression re(QRegularExpression::anchoredPattern(u"[A-Za-z][A-Za-z0-9_-]{0,63}"_s));
    if (!re.match(value).hasMatch())
        return u"instance ID %1 must start with a letter and contain only letters, digits, '_' and '-' (at most 64)"_s
            .arg(quoted(value));
    return {};
}

} // namespace umgate::validators
