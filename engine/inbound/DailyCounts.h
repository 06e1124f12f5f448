// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDate>
#include <QHash>
#include <QString>

namespace umgate {

// How many faxes, SMS and voice messages each sender has sent today (ixi-UMS 5.1.2-5.1.4
// "Max. ... Per Day"), counted durably across restarts: one line per mail,
//     <type> TAB <count> TAB <user: its DN, lower case> LF
// appended to `DIR/YYYY-MM-DD.log` (the day in the instance's time zone) by the KernelJobWriter
// in the batch of that mail's jobs, before the batch's sync: a count is on disk when the 250 is
// sent. It is never lower than what was sent; a mail whose write fails after its line was
// appended, or that the engine died on before its 250, still counts (the sender is refused one
// too early, never let through one too many). Files of earlier days are removed when a new day
// is loaded. Lives on the event loop: a check and its reservation happen in one step, so two
// sessions of one sender cannot both take the last one.
class DailyCounts
{
public:
    explicit DailyCounts(QString dir = {}) : m_dir(std::move(dir)) {}

    QString dir() const { return m_dir; }
    // Today's counts for `day` (reads its file when the day is new; malformed lines are skipped).
    void use(const QDate& day);
    QDate day() const { return m_day; }
    int used(const QString& user, const QString& type) const;
    // Counts `n` more for the user now; the line for the writer to append.
    QByteArray reserve(const QString& user, const QString& type, int n);
    // A reservation whose mail was not accepted after all (its write failed before the line
    // was appended, or the client left first).
    void release(const QString& user, const QString& type, int n);
    // The file of the current day.
    QString file() const;
    // {"fax": n, "sms": n, "voice": n} of one user today.
    QHash<QString, int> of(const QString& user) const;

private:
    static QString key(const QString& user, const QString& type) { return type + u'\t' + user.toLower(); }
    QString m_dir;
    QDate m_day;
    QHash<QString, int> m_counts; // key() -> count
};

} // namespace umgate
