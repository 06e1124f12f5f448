// SPDX-License-Identifier: GPL-3.0-or-later
#include "MailNaming.h"

#include "MailTemplates.h"
#include "MimeEncoding.h"

#include <QSet>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace umgate {

namespace {

// Countries whose national numbers start with the trunk prefix 0 after the country code is
// dropped (ITU-T E.164 national numbering plans). Elsewhere (Italy keeps its 0 inside the number,
// Spain and Portugal have none, NANP uses 1) the international form is shown.
bool trunkPrefixZero(const QString& countryCode)
{
    static const QSet<QString> kZero{u"49"_s,  u"43"_s,  u"41"_s,  u"33"_s, u"31"_s,  u"32"_s,  u"44"_s,
                                     u"46"_s,  u"358"_s, u"353"_s, u"48"_s, u"36"_s,  u"420"_s, u"421"_s,
                                     u"386"_s, u"385"_s, u"381"_s, u"90"_s, u"61"_s,  u"64"_s,  u"81"_s,
                                     u"82"_s,  u"86"_s,  u"91"_s,  u"27"_s, u"972"_s, u"380"_s, u"7"_s};
    return kZero.contains(countryCode);
}

} // namespace

QString MailNaming::displayNumber(const QString& number)
{
    QString out;
    for (const QChar c : number) {
        if (c == u'\r' || c == u'\n') break; // a line break ends the number
        const bool digit = c.isDigit() && c.unicode() < 0x80;
        if (digit || c == u'*' || c == u'#' || (c == u'+' && out.isEmpty()))
            out.append(c);
        else if ((c == u' ' || c == u'\t') && !out.isEmpty() && !out.endsWith(u' ') && out != u"+"_s)
            out.append(u' ');
    }
    return out.trimmed().left(64).trimmed();
}

QString MailNaming::nationalNumber(const QString& number, const QString& own)
{
    QString shown = displayNumber(number);
    const QStringList groups = shown.split(u' ');
    const QStringList ownGroups = displayNumber(own).split(u' ');
    if (groups.size() < 2 || ownGroups.size() < 2 || !groups.first().startsWith(u'+') ||
        groups.first() != ownGroups.first())
        return shown;
    if (!trunkPrefixZero(groups.first().mid(1))) return shown;
    return u"0"_s + groups.mid(1).join(u' ');
}

QString MailNaming::safeFileName(const QString& name)
{
    QString out;
    for (const QChar c : name) {
        const char16_t u = c.unicode();
        if (u < 0x20 || u == 0x7f || (u >= 0x80 && u < 0xa0) || QStringView(u"\\/:*?\"<>|").contains(c))
            out.append(u == u':' ? u'.' : u'-');
        else
            out.append(c);
    }
    out = out.simplified();
    qsizetype dot = out.lastIndexOf(u'.');
    if (dot <= 0 || out.size() - dot > 6) dot = out.size();
    QString stem = out.left(dot);
    const QString extension = out.mid(dot);
    if (stem.size() + extension.size() > 120) stem = stem.left(120 - extension.size());
    if (!stem.isEmpty() && stem.back().isHighSurrogate()) stem.chop(1);
    while (stem.endsWith(u'.') || stem.endsWith(u' '))
        stem.chop(1);
    static const QSet<QString> kDevices{u"CON"_s,  u"PRN"_s,  u"AUX"_s,  u"NUL"_s,  u"COM1"_s, u"COM2"_s,
                                        u"COM3"_s, u"COM4"_s, u"LPT1"_s, u"LPT2"_s, u"LPT3"_s};
    if (stem.isEmpty() || kDevices.contains(stem.toUpper())) stem.prepend(u"message "_s);
    return stem + extension;
}

QString MailNaming::attachmentBaseName(const QString& type, const QString& number, const QDateTime& local,
                                       const QString& language)
{
    const QString who = number.isEmpty() ? MailTemplates::phrase(u"unknown"_s, language) : number;
    const QString key = type == u"voice"_s    ? u"fileVoice"_s
                        : type == u"sms"_s    ? u"fileSms"_s
                        : type == u"report"_s ? u"fileReport"_s
                                              : u"fileFax"_s;
    // Dots in the time: a colon is not allowed in Windows file names.
    return safeFileName(MailTemplates::phrase(key, language).arg(who, local.toString(u"yyyy-MM-dd HH.mm"_s)));
}

QString MailNaming::messageIdDomain(const QString& mailDomain, const QString& hostName)
{
    for (const QString& candidate : {mailDomain.trimmed(), hostName.trimmed()}) {
        QString domain = candidate.toLower();
        while (domain.endsWith(u'.'))
            domain.chop(1);
        if (domain.contains(u'.') && MimeEncoding::isValidAddrSpec(u"x@"_s + domain)) return domain;
    }
    return u"umgate.invalid"_s;
}

} // namespace umgate
