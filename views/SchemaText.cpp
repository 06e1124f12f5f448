// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/SchemaText.h"

#include "engine/client/RpcFields.h"

#include <QHash>

using namespace Qt::StringLiterals;

namespace umgate {

namespace field = rpc::field;

namespace {
QString translatedSchemaString(const QString& english)
{
    if (english.isEmpty()) return english;
    const QByteArray utf8 = english.toUtf8();
    return QCoreApplication::translate("umgate::SettingsSchema", utf8.constData());
}
} // namespace

QString SchemaText::label(const QJsonObject& entry)
{
    const QString l = entry.value(field::label).toString();
    return l.isEmpty() ? entry.value(field::key).toString() : translatedSchemaString(l);
}

QString SchemaText::description(const QJsonObject& entry)
{
    return translatedSchemaString(entry.value(field::description).toString());
}

QString SchemaText::fieldLabel(const QJsonObject& field)
{
    const QString l = field.value(field::label).toString();
    return l.isEmpty() ? field.value(field::name).toString() : translatedSchemaString(l);
}

QString SchemaText::choice(const QString& value)
{
    // Built per call: tr() must follow a translator installed after start.
    const QHash<QString, QString> names = {
        {u"reject"_s, tr("Reject")},
        {u"accept"_s, tr("Accept")},
        {u"acceptAndLog"_s, tr("Accept and log")},
        {u"refuse"_s, tr("Refuse it (the sender gets a non-delivery report)")},
        {u"smartHost"_s, tr("Relay it to the smart host")},
        {u"mailServer"_s, tr("Send to the mail server")},
        {u"delete"_s, tr("Delete")},
        {u"localMaildir"_s, tr("Keep in the local maildir")},
        {u"none"_s, tr("None")},
        {u"startTlsOpportunistic"_s, tr("STARTTLS when offered")},
        {u"startTlsRequired"_s, tr("STARTTLS required")},
        {u"implicitTls"_s, tr("SSL/TLS (implicit)")},
        {u"startTls"_s, tr("StartTLS")},
        {u"ldaps"_s, tr("LDAPS")},
        {u"embedded"_s, tr("Embedded directory")},
        {u"activeDirectory"_s, tr("Microsoft Active Directory")},
        {u"domino"_s, tr("HCL Domino")},
        {u"openLdap"_s, tr("OpenLDAP")},
        {u"internal"_s, tr("Internal")},
        {u"local"_s, tr("Local")},
        {u"national"_s, tr("National")},
        {u"international"_s, tr("International")},
        {u"low"_s, tr("Low")},
        {u"normal"_s, tr("Normal")},
        {u"high"_s, tr("High")},
        {u"tif"_s, tr("TIF")},
        {u"pdf"_s, tr("PDF")},
        {u"both"_s, tr("TIF and PDF")},
        {u"de"_s, tr("German")},
        {u"en"_s, tr("English")},
        {u"fr"_s, tr("French")},
        {u"it"_s, tr("Italian")},
        {u"nl"_s, tr("Dutch")},
        {u"pt"_s, tr("Portuguese")},
        {u"es"_s, tr("Spanish")},
        {u"deleteAndNotify"_s, tr("deleted and the sender notified")},
        {u"sendAsUser"_s, tr("sent with this user's UMS settings")},
    };
    return names.value(value, value);
}

QString SchemaText::withMnemonic(const QString& text, QString* used)
{
    QString escaped = text;
    escaped.replace(u'&', u"&&"_s);
    for (qsizetype i = 0; i < escaped.size(); ++i) {
        const QChar c = escaped.at(i).toLower();
        if (escaped.at(i) == u'&') {
            ++i; // skip the escaped pair
            continue;
        }
        if (!c.isLetterOrNumber() || used->contains(c)) continue;
        used->append(c);
        return escaped.left(i) + u'&' + escaped.mid(i);
    }
    return escaped;
}

} // namespace umgate
