// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/delivery/SubscriberMailboxes.h"

#include "engine/config/SettingValidators.h"
#include "engine/core/VersionedJson.h"
#include "engine/directory/PhoneNumber.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace umgate {

namespace {
constexpr int kFormatVersion = 1;
constexpr qsizetype kMaxMailboxes = 1000000;
} // namespace

std::optional<QList<SubscriberMailboxes::Mailbox>> SubscriberMailboxes::parse(const QByteArray& data,
                                                                              QString* error)
{
    const auto root = VersionedJson::parse(data, u"umgate-mailboxes"_s, kFormatVersion, error);
    if (!root) return std::nullopt;
    const QJsonArray list = root->value(u"mailboxes"_s).toArray();
    if (list.size() > kMaxMailboxes) {
        *error = u"more than %1 mailboxes"_s.arg(kMaxMailboxes);
        return std::nullopt;
    }
    QList<Mailbox> out;
    QHash<QString, qsizetype> seen;
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject o = list.at(i).toObject();
        Mailbox m;
        m.number = o.value(u"number"_s).toString();
        m.name = o.value(u"name"_s).toString();
        m.email = o.value(u"email"_s).toString();
        m.enabled = o.value(u"enabled"_s).toBool(true);
        QString why;
        const auto number = PhoneNumber::parse(m.number, &why);
        if (!number) {
            *error = u"mailbox %1: number: %2"_s.arg(i + 1).arg(why);
            return std::nullopt;
        }
        if (const QString bad = validators::emailAddress(m.email, false); !bad.isEmpty()) {
            *error = u"mailbox %1: email: %2"_s.arg(i + 1).arg(bad);
            return std::nullopt;
        }
        if (const auto it = seen.constFind(number->digits()); it != seen.constEnd()) {
            *error =
                u"mailbox %1: the number %2 already belongs to mailbox %3"_s.arg(i + 1).arg(m.number).arg(
                    *it + 1);
            return std::nullopt;
        }
        seen.insert(number->digits(), i);
        out << m;
    }
    return out;
}

void SubscriberMailboxes::refresh(QString* error)
{
    if (m_path.isEmpty()) return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_checkedAtMs && now - m_checkedAtMs < 1000) return;
    m_checkedAtMs = now;
    const QFileInfo fi(m_path);
    if (!fi.exists()) {
        m_byDigits.clear();
        m_loadedMtime = {};
        m_loadedSize = -1;
        return;
    }
    const QDateTime mtime = fi.lastModified(); // compared only, never shown
    if (mtime == m_loadedMtime && fi.size() == m_loadedSize) return;
    m_loadedMtime = mtime;
    m_loadedSize = fi.size();
    QFile f(m_path);
    QString why;
    std::optional<QList<Mailbox>> list;
    if (!f.open(QIODevice::ReadOnly))
        why = f.errorString();
    else
        list = parse(f.read(qint64{64} * 1024 * 1024), &why);
    if (!list) {
        if (error) *error = u"%1: %2; the previous subscriber mailboxes stay in use"_s.arg(m_path, why);
        return;
    }
    m_byDigits.clear();
    for (const Mailbox& m : *list)
        if (const auto n = PhoneNumber::parse(m.number)) m_byDigits.insert(n->digits(), m);
}

std::optional<SubscriberMailboxes::Mailbox> SubscriberMailboxes::find(const QString& calledNumber) const
{
    if (m_byDigits.isEmpty()) return std::nullopt;
    const auto n = PhoneNumber::parse(calledNumber);
    if (!n) return std::nullopt;
    const auto it = m_byDigits.constFind(n->digits());
    if (it == m_byDigits.constEnd() || !it->enabled) return std::nullopt;
    return *it;
}

} // namespace umgate
