// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/inbound/DailyCounts.h"

#include <QDir>
#include <QFile>

using namespace Qt::StringLiterals;

namespace umgate {

QString DailyCounts::file() const
{
    return m_dir + u'/' + m_day.toString(Qt::ISODate) + u".log"_s;
}

void DailyCounts::use(const QDate& day)
{
    if (day == m_day) return;
    m_day = day;
    m_counts.clear();
    if (m_dir.isEmpty()) return;
    QDir dir(m_dir);
    for (const QString& name : dir.entryList({u"20[0-9][0-9]-[01][0-9]-[0-3][0-9].log"_s}, QDir::Files))
        if (name != QFileInfo(file()).fileName()) dir.remove(name);
    QFile f(file());
    if (!f.open(QIODevice::ReadOnly)) return;
    constexpr qint64 kMaxBytes = qint64(64) * 1024 * 1024; // a day of a very busy gateway
    const QByteArray all = f.read(kMaxBytes);
    for (const QByteArray& line : all.split('\n')) {
        const QList<QByteArray> parts = line.split('\t');
        if (parts.size() != 3) continue; // a torn last line after a crash
        bool ok = false;
        const int n = parts.at(1).toInt(&ok);
        if (!ok || n < 0) continue;
        m_counts[key(QString::fromUtf8(parts.at(2)), QString::fromLatin1(parts.at(0)))] += n;
    }
}

int DailyCounts::used(const QString& user, const QString& type) const
{
    return m_counts.value(key(user, type));
}

QByteArray DailyCounts::reserve(const QString& user, const QString& type, int n)
{
    m_counts[key(user, type)] += n;
    QByteArray name = user.toLower().toUtf8();
    name.replace('\t', ' ').replace('\n', ' ');
    return type.toLatin1() + '\t' + QByteArray::number(n) + '\t' + name + '\n';
}

void DailyCounts::release(const QString& user, const QString& type, int n)
{
    int& c = m_counts[key(user, type)];
    c = qMax(0, c - n);
}

QHash<QString, int> DailyCounts::of(const QString& user) const
{
    QHash<QString, int> out;
    for (const char* type : {"fax", "sms", "voice"})
        out.insert(QString::fromLatin1(type), used(user, QString::fromLatin1(type)));
    return out;
}

} // namespace umgate
