// SPDX-License-Identifier: GPL-3.0-or-later
// MailQueue: crash recovery in open(), and reading one mail's state back from disk after a change
// failed. Kept apart from MailQueue.cpp, which holds the index and the changes.
#include "engine/core/AtomicFile.h"
#include "engine/core/Log.h"
#include "engine/queue/MailQueue.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace umgate {

namespace {

constexpr int kFileMode = 0640;

QString errnoText(const QString& what, const QString& path, int err)
{
    return QStringLiteral("%1 %2: %3").arg(what, path, QString::fromLocal8Bit(std::strerror(err)));
}

void setError(QString* error, const QString& text)
{
    if (error) *error = text;
}

QByteArray native(const QString& path)
{
    return QFile::encodeName(path);
}

// Missing files count as removed.
bool unlinkFile(const QString& path, QString* error)
{
    if (::unlink(native(path).constData()) == 0 || errno == ENOENT) return true;
    setError(error, errnoText(QStringLiteral("cannot delete"), path, errno));
    return false;
}

bool renameFile(const QString& from, const QString& to, QString* error)
{
    if (::rename(native(from).constData(), native(to).constData()) == 0) return true;
    setError(error, errnoText(QStringLiteral("cannot move %1 to").arg(from), to, errno));
    return false;
}

qint64 fileSize(const QString& path)
{
    struct stat st = {};
    if (::stat(native(path).constData(), &st) != 0) return -1;
    return qint64(st.st_size);
}

bool isTempName(const QString& name)
{
    // Ours are ".<id>.eml.tmp" / ".<id>.json.tmp"; AtomicFile's are ".<name>.tmp-<hex>".
    return name.startsWith(QLatin1Char('.'));
}

} // namespace

bool MailQueue::open(QString* error)
{
    if (m_open) {
        setError(error, QStringLiteral("mail queue %1 is already open").arg(m_dir));
        return false;
    }
    if (!QDir().mkpath(m_badmailDir)) {
        setError(error, QStringLiteral("cannot create the mail queue directory %1").arg(m_badmailDir));
        return false;
    }
    if (!recover(error) || !recoverBadmail(error)) {
        m_entries.clear();
        m_badmail.clear();
        m_kernelIds.clear();
        m_diskBytes = 0;
        return false;
    }
    m_open = true;
    m_writer.start();
    return true;
}

bool MailQueue::recover(QString* error)
{
    const QStringList names = QDir(m_dir).entryList(QDir::Files | QDir::Hidden, QDir::Name);
    QSet<QString> emls, jsons;
    bool touched = false;
    for (const QString& name : names) {
        if (isTempName(name)) {
            // Never part of a committed mail, so a failure here costs disk space, not correctness.
            QString why;
            if (!unlinkFile(m_dir + QLatin1Char('/') + name, &why))
                Log::warning(m_instanceId, QStringLiteral("Mail queue %1: %2").arg(m_dir, why));
            touched = true;
        } else if (name.endsWith(QLatin1String(".eml"))) {
            emls.insert(name.chopped(4));
        } else if (name.endsWith(QLatin1String(".json"))) {
            jsons.insert(name.chopped(5));
        }
    }
    QStringList stems = QStringList(emls.begin(), emls.end()) + QStringList(jsons.begin(), jsons.end());
    stems.sort();
    stems.removeDuplicates();
    for (const QString& stem : std::as_const(stems))
        if (!recoverMail(stem, emls.contains(stem), jsons.contains(stem), &touched, error)) return false;
    if (touched && !AtomicFile::syncDirectory(m_dir, error)) return false;
    return true;
}

// One mail of the queue folder: indexed when its .json and .eml agree; otherwise deleted (never
// committed), finished (an interrupted move to Badmail) or quarantined, and *touched set.
bool MailQueue::recoverMail(const QString& stem, bool haveEml, bool haveJson, bool* touched, QString* error)
{
    if (!haveJson) {
        // Never committed, so never acknowledged: the kernel still has the spool file.
        if (!unlinkFile(queuePath(stem, "eml"), error)) return false;
        *touched = true;
        return true;
    }
    QString why;
    std::optional<QueueEntry> parsed = readEntry(queuePath(stem, "json"), &why);
    if (parsed && parsed->id != stem) {
        why = QStringLiteral("its id \"%1\" does not match the file name").arg(parsed->id);
        parsed.reset();
    }
    if (!parsed) {
        *touched = true;
        return quarantine(stem, QStringLiteral("metadata file %1.json is damaged (%2)").arg(stem, why),
                          parsed, error);
    }
    if (!haveEml) {
        *touched = true;
        return recoverWithoutMessage(stem, *parsed, error);
    }
    const qint64 actual = fileSize(queuePath(stem, "eml"));
    if (actual != parsed->size) {
        *touched = true;
        return quarantine(stem,
                          QStringLiteral("message file %1.eml has %2 bytes, its metadata says %3")
                              .arg(stem)
                              .arg(actual)
                              .arg(parsed->size),
                          parsed, error);
    }
    indexAdd(m_entries, *parsed);
    return true;
}

// A queue .json without its message: an interrupted moveToBadmail (or a requeue that had not moved
// the message yet) is finished, with a Badmail .json that is already there winning; anything else
// is quarantined.
bool MailQueue::recoverWithoutMessage(const QString& stem, const QueueEntry& parsed, QString* error)
{
    if (!QFile::exists(badmailPath(stem, "eml")))
        return quarantine(stem, QStringLiteral("message file %1.eml is missing").arg(stem), parsed, error);
    QString ignored;
    const bool haveBadmailJson = readEntry(badmailPath(stem, "json"), &ignored).has_value();
    if (!haveBadmailJson) {
        QueueEntry e = parsed;
        if (e.badmailReason.isEmpty())
            e.badmailReason = QStringLiteral("moving the mail to Badmail was interrupted");
        e.size = fileSize(badmailPath(stem, "eml"));
        if (!AtomicFile::write(badmailPath(stem, "json"), e.toFileData(), error, kFileMode)) return false;
    }
    return unlinkFile(queuePath(stem, "json"), error);
}

// Moves a queued mail that recovery cannot use to Badmail, with a reason file. Order: message first,
// then the Badmail .json (durable), then the queue .json goes: a crash in between is finished by the
// "interrupted moveToBadmail" rule of the next recovery.
bool MailQueue::quarantine(const QString& stem, const QString& reason,
                           const std::optional<QueueEntry>& parsed, QString* error)
{
    Log::warning(m_instanceId,
                 QStringLiteral("Mail queue %1: moving %2 to Badmail: %3").arg(m_dir, stem, reason));
    const QString jsonPath = queuePath(stem, "json");
    if (QFile::exists(queuePath(stem, "eml")) &&
        !renameFile(queuePath(stem, "eml"), badmailPath(stem, "eml"), error))
        return false;
    QueueEntry e;
    if (parsed) {
        e = *parsed;
    } else {
        e.id = stem;
        e.created = QFileInfo(jsonPath).lastModified().toUTC();
        e.nextAttempt = e.created;
    }
    e.badmailReason = reason;
    e.size = std::max<qint64>(0, fileSize(badmailPath(stem, "eml")));
    const QString reasonText =
        QStringLiteral("%1 %2\n").arg(QDateTime::currentDateTimeUtc().toString(Qt::ISODate), reason);
    if (!AtomicFile::write(badmailPath(stem, "reason.txt"), reasonText.toUtf8(), error, kFileMode))
        return false;
    if (!parsed) {
        // Keep the damaged original for the administrator next to the synthesized metadata.
        if (!renameFile(jsonPath, badmailPath(stem, "json.corrupt"), error)) return false;
        if (!AtomicFile::write(badmailPath(stem, "json"), e.toFileData(), error, kFileMode)) return false;
    } else {
        if (!AtomicFile::write(badmailPath(stem, "json"), e.toFileData(), error, kFileMode)) return false;
        if (!unlinkFile(jsonPath, error)) return false;
    }
    return true;
}

bool MailQueue::recoverBadmail(QString* error)
{
    const QStringList names = QDir(m_badmailDir).entryList(QDir::Files | QDir::Hidden, QDir::Name);
    bool touched = false;
    for (const QString& name : names) {
        if (isTempName(name)) {
            QString why;
            if (!unlinkFile(m_badmailDir + QLatin1Char('/') + name, &why))
                Log::warning(m_instanceId, QStringLiteral("Mail queue %1: %2").arg(m_dir, why));
            touched = true;
            continue;
        }
        if (!name.endsWith(QLatin1String(".json"))) continue;
        const QString stem = name.chopped(5);
        if (m_entries.count(stem)) {
            // Leftover of an interrupted requeue: the mail is back in the queue.
            for (const char* ext : {"json", "reason.txt", "json.corrupt"})
                if (!unlinkFile(badmailPath(stem, ext), error)) return false;
            touched = true;
            continue;
        }
        QFile f(badmailPath(stem, "json"));
        QString why;
        std::optional<QueueEntry> parsed;
        if (!f.open(QIODevice::ReadOnly))
            why = f.errorString();
        else
            parsed = QueueEntry::fromFileData(f.readAll(), &why);
        if (!parsed || parsed->id != stem) {
            Log::warning(m_instanceId,
                         QStringLiteral("Mail queue %1: ignoring Badmail/%2: %3")
                             .arg(m_dir, name, parsed ? QStringLiteral("id does not match file name") : why));
            continue;
        }
        const qint64 actual = fileSize(badmailPath(stem, "eml"));
        if (actual >= 0) parsed->size = actual;
        indexAdd(m_badmail, *parsed);
    }
    if (touched && !AtomicFile::syncDirectory(m_badmailDir, error)) return false;
    return true;
}

std::optional<QueueEntry> MailQueue::readEntry(const QString& path, QString* error) const
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        setError(error, QStringLiteral("cannot read %1: %2").arg(path, f.errorString()));
        return std::nullopt;
    }
    return QueueEntry::fromFileData(f.readAll(), error);
}

// After a change failed, the index may claim what the disk does not hold. With no change for the
// mail left in flight, the files say where it is: queued (.json and .eml in SMTPOut), in Badmail
// (its Badmail .json; also a move interrupted after the message left), or gone.
void MailQueue::reload(const QString& id)
{
    const bool wasQueued = m_entries.count(id) > 0, wasBadmail = m_badmail.count(id) > 0;
    indexRemove(m_entries, id);
    indexRemove(m_badmail, id);
    QString why;
    std::optional<QueueEntry> e;
    if (fileSize(queuePath(id, "eml")) >= 0 && (e = readEntry(queuePath(id, "json"), &why)) && e->id == id) {
        e->size = fileSize(queuePath(id, "eml"));
        indexAdd(m_entries, *e);
    } else if ((e = readEntry(badmailPath(id, "json"), &why)) && e->id == id) {
        e->size = std::max<qint64>(0, fileSize(badmailPath(id, "eml")));
        indexAdd(m_badmail, *e);
    }
    const bool isQueued = m_entries.count(id) > 0, isBadmail = m_badmail.count(id) > 0;
    if (isQueued != wasQueued || isBadmail != wasBadmail) noteChanged();
}

} // namespace umgate
