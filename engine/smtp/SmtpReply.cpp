// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/smtp/SmtpReply.h"

using namespace Qt::StringLiterals;

namespace umgate {

std::optional<SmtpReplyLine> SmtpReplyLine::parse(const QByteArray& line)
{
    bool ok = false;
    const int code = line.left(3).toInt(&ok);
    if (!ok || line.size() < 3 || code < 100 || code > 599 ||
        (line.size() > 3 && line[3] != ' ' && line[3] != '-'))
        return std::nullopt;
    return SmtpReplyLine{code, !(line.size() > 3 && line[3] == '-')};
}

SmtpExtensions SmtpExtensions::fromEhloReply(const QList<QByteArray>& lines)
{
    SmtpExtensions x;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QString ext = QString::fromUtf8(lines[i].mid(4)).trimmed();
        const QStringList words = ext.split(u' ', Qt::SkipEmptyParts);
        if (words.isEmpty()) continue;
        const QString name = words.first().toUpper();
        if (name == u"PIPELINING"_s)
            x.pipelining = true;
        else if (name == u"STARTTLS"_s)
            x.startTls = true;
        else if (name == u"8BITMIME"_s)
            x.eightBitMime = true;
        else if (name == u"SIZE"_s && words.size() > 1)
            x.sizeLimit = words[1].toLongLong();
        else if (name == u"AUTH"_s || name.startsWith(u"AUTH="_s)) {
            const QStringList mechs =
                name == u"AUTH"_s ? words.mid(1) : QStringList{words.first().mid(5)} + words.mid(1);
            for (const QString& m : mechs)
                // "AUTH=" alone names no mechanism; an empty name would hide "offers none".
                if (!m.isEmpty() && !x.authMechanisms.contains(m.toUpper())) x.authMechanisms << m.toUpper();
        }
    }
    return x;
}

} // namespace umgate
