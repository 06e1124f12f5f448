// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/inbound/KernelJobWriter.h"

#include "engine/inbound/KernelJob.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/uio.h>
#include <unistd.h>

namespace umgate {

namespace {

constexpr int kFileMode = 0640;

QString errnoText(const QString& what, int error)
{
    return QStringLiteral("%1: %2").arg(what, QString::fromLocal8Bit(std::strerror(error)));
}

// A job's files: "<id>.eml", "<id>.<n>" and "<id>.<n>.<ext>" (the ids umgate makes have no dot).
const QRegularExpression& jobFilePattern()
{
    static const QRegularExpression re(QStringLiteral("^([^.]+)\\.(eml|[0-9]+(\\.[a-z0-9]{1,8})?)$"));
    return re;
}

QByteArray tmpName(const QString& id)
{
    return QFile::encodeName(QStringLiteral(".%1.json.tmp").arg(id));
}

// Writes `first` then `second` to fd, all of it (writev, continued after a short write).
bool writeBoth(int fd, const QByteArray& first, const QByteArray& second)
{
    iovec parts[2] = {{const_cast<char*>(first.constData()), size_t(first.size())},
                      {const_cast<char*>(second.constData()), size_t(second.size())}};
    iovec* v = parts;
    int count = 2;
    while (count > 0) {
        const ssize_t n = ::writev(fd, v, count);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        size_t done = size_t(n);
        while (count > 0 && done >= v->iov_len) {
            done -= v->iov_len;
            ++v;
            --count;
        }
        if (count > 0) {
            v->iov_base = static_cast<char*>(v->iov_base) + done;
            v->iov_len -= done;
        }
    }
    return true;
}

bool writeFile(int dirFd, const QByteArray& name, const QByteArray& first, const QByteArray& second,
               QString* error)
{
    const int fd =
        ::openat(dirFd, name.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, kFileMode);
    if (fd < 0) {
        *error = errnoText(QStringLiteral("cannot create %1").arg(QFile::decodeName(name)), errno);
        return false;
    }
    const bool ok = writeBoth(fd, first, second);
    const int writeErrno = errno;
    // No sync_file_range here (QueueWriter has one): the batch's syncfs starts the writeback of
    // every file at once, and doing it per file cost the writer thread a fifth of its time.
    ::close(fd);
    if (!ok) *error = errnoText(QStringLiteral("cannot write %1").arg(QFile::decodeName(name)), writeErrno);
    return ok;
}

} // namespace

KernelJobWriter::KernelJobWriter(const QString& dir, QObject* parent)
    : QObject(parent), m_dir(dir), m_results(new CallQueue(this)), m_target(m_results->target())
{
    m_thread = std::thread([this] { loop(); });
}

KernelJobWriter::~KernelJobWriter()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
}

quint64 KernelJobWriter::batches() const
{
    const std::lock_guard lock(m_mutex);
    return m_batches;
}

void KernelJobWriter::submit(Write write)
{
    {
        const std::lock_guard lock(m_mutex);
        Item item;
        item.write = std::move(write);
        m_pending.push_back(std::move(item));
    }
    m_wake.notify_one();
}

void KernelJobWriter::loop()
{
    for (;;) {
        std::vector<Item> batch;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_pending.empty(); });
            if (m_pending.empty()) return; // stopping, and everything written
            batch.swap(m_pending);
        }
        writeBatch(batch);
        {
            const std::lock_guard lock(m_mutex);
            ++m_batches;
        }
        for (Item& item : batch) {
            // The callbacks run on the owner's thread; if the owner is gone, nobody waits for them.
            auto done = std::move(item.write.done);
            if (done) m_target.post([done, ok = item.ok, error = item.error] { done(ok, error); });
        }
    }
}

namespace {

// ".1.pdf": the attachment's number and the extension of its name (letters and digits, at most 8).
QString attachmentSuffix(qsizetype n, const QString& fileName)
{
    QString ext = fileName.section(u'.', -1).toLower();
    const bool usable = fileName.contains(u'.') && !ext.isEmpty() && ext.size() <= 8 &&
                        std::all_of(ext.begin(), ext.end(), [](QChar c) {
                            return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9');
                        });
    return QStringLiteral(".%1").arg(n) + (usable ? u'.' + ext : QString());
}

} // namespace

void KernelJobWriter::writeItem(int dirFd, Item& item)
{
    const Write& w = item.write;
    if (w.ids.isEmpty() || !w.envelope) return item.fail(QStringLiteral("a job without recipients"));
    // One file, linked under the name it has in every other job of the mail.
    const auto writeShared = [&](const QString& suffix, const QByteArray& first, const QByteArray& second) {
        const QByteArray name = QFile::encodeName(w.ids.first() + suffix);
        QString why;
        if (!writeFile(dirFd, name, first, second, &why)) return item.fail(why);
        item.created.append(name);
        for (qsizetype i = 1; i < w.ids.size() && item.ok; ++i) {
            const QByteArray link = QFile::encodeName(w.ids.at(i) + suffix);
            if (::linkat(dirFd, name.constData(), dirFd, link.constData(), 0) != 0)
                item.fail(errnoText(QStringLiteral("cannot link %1").arg(QFile::decodeName(link)), errno));
            else
                item.created.append(link);
        }
    };
    writeShared(QStringLiteral(".eml"), w.prefix, w.data);
    if (!item.ok) return;
    const MimeReader::Content content = MimeReader::read(w.data);
    QStringList suffixes;
    for (qsizetype n = 0; n < content.attachments.size() && item.ok; ++n) {
        suffixes.append(attachmentSuffix(n + 1, content.attachments.at(n).fileName));
        writeShared(suffixes.last(), content.attachments.at(n).data, {});
    }
    for (qsizetype i = 0; i < w.ids.size() && item.ok; ++i) {
        QStringList files;
        for (const QString& suffix : std::as_const(suffixes))
            files.append(w.ids.at(i) + suffix);
        QString why;
        if (!writeFile(dirFd, tmpName(w.ids.at(i)), w.envelope(i, content, files), {}, &why))
            item.fail(why);
        else
            item.created.append(tmpName(w.ids.at(i)));
    }
}

// The daily counts of the mails written: one append per file, synced with the batch. A count that
// cannot be written fails its mail (the limit would not hold after a restart).
void KernelJobWriter::appendCounts(std::vector<Item>& batch)
{
    QHash<QString, QByteArray> lines;
    for (const Item& item : batch)
        if (item.ok && !item.write.countLine.isEmpty()) lines[item.write.countFile] += item.write.countLine;
    for (auto it = lines.constBegin(); it != lines.constEnd(); ++it) {
        const QByteArray path = QFile::encodeName(it.key());
        const int fd = ::open(path.constData(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
        bool ok = fd >= 0;
        int error = errno;
        if (ok) {
            ok = ::write(fd, it.value().constData(), size_t(it.value().size())) == it.value().size();
            error = errno;
            ::close(fd);
        }
        if (ok) continue;
        const QString why = errnoText(QStringLiteral("cannot count in %1").arg(it.key()), error);
        for (Item& item : batch)
            if (item.write.countFile == it.key() && !item.write.countLine.isEmpty()) item.fail(why);
    }
}

void KernelJobWriter::writeBatch(std::vector<Item>& batch)
{
    const QByteArray dirName = QFile::encodeName(m_dir);
    const int dirFd = ::open(dirName.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd < 0) {
        const QString why = errnoText(QStringLiteral("cannot open %1").arg(m_dir), errno);
        for (Item& item : batch)
            item.fail(why);
        return;
    }
    // 1. the files; each item remembers what it created, so a failure removes only its own
    for (Item& item : batch)
        writeItem(dirFd, item);
    appendCounts(batch);
    // 2. one sync for every file of the batch
    if (::syncfs(dirFd) != 0) {
        const QString why = errnoText(QStringLiteral("cannot sync %1").arg(m_dir), errno);
        for (Item& item : batch)
            item.fail(why);
    }
    // 3. the commit point: envelopes under their names, one sync of the folder
    for (Item& item : batch) {
        for (qsizetype i = 0; i < item.write.ids.size() && item.ok; ++i) {
            const QString& id = item.write.ids.at(i);
            const QByteArray name = QFile::encodeName(KernelJob::envelopeFileName(id));
            // renameat would replace an envelope of that name: link + unlink refuses instead.
            if (::linkat(dirFd, tmpName(id).constData(), dirFd, name.constData(), 0) != 0) {
                item.fail(errnoText(QStringLiteral("cannot rename the envelope of %1").arg(id), errno));
                break;
            }
            item.created.prepend(name); // removed first if the item fails after all
            ::unlinkat(dirFd, tmpName(id).constData(), 0);
            item.created.removeOne(tmpName(id));
        }
    }
    if (::fsync(dirFd) != 0) {
        const QString why = errnoText(QStringLiteral("cannot sync %1").arg(m_dir), errno);
        for (Item& item : batch)
            item.fail(why);
    }
    // A failed mail leaves nothing of its own: envelopes first, so the kernel never finds one
    // without its file.
    for (Item& item : batch)
        if (!item.ok)
            for (const QByteArray& name : std::as_const(item.created))
                ::unlinkat(dirFd, name.constData(), 0);
    ::close(dirFd);
}

void KernelJobWriter::recover(const QString& dirPath)
{
    const QDir dir(dirPath);
    const QStringList entries = dir.entryList(QDir::Files | QDir::Hidden | QDir::System);
    QSet<QString> envelopes; // waiting, or taken by the kernel and still being read
    for (const QString& e : entries) {
        if (e.startsWith(u'.')) continue;
        if (e.endsWith(QStringLiteral(".json"))) envelopes.insert(e.chopped(5));
        if (e.endsWith(QStringLiteral(".json.taken"))) envelopes.insert(e.chopped(11));
    }
    for (const QString& e : entries) {
        // A write cut short, or a cancel: its envelope renamed away, its files maybe not all gone.
        if (e.startsWith(u'.') &&
            (e.endsWith(QStringLiteral(".json.tmp")) || e.endsWith(QStringLiteral(".json.cancelled")))) {
            QFile::remove(dir.filePath(e));
            continue;
        }
        const QRegularExpressionMatch m = jobFilePattern().match(e);
        if (m.hasMatch() && !envelopes.contains(m.captured(1))) QFile::remove(dir.filePath(e));
    }
}

std::optional<QJsonObject> KernelJobWriter::cancel(const QString& dirPath, const QString& id, QString* error,
                                                   bool* notFound)
{
    if (notFound) *notFound = false;
    // An id is a file name stem without a dot: nothing else can name a file of a job.
    if (!KernelJob::isValidId(id) || id.contains(u'.')) {
        if (notFound) *notFound = true;
        *error = QStringLiteral("\"%1\" is not a kernel job id").arg(id.left(200));
        return std::nullopt;
    }
    const int dirFd = ::open(QFile::encodeName(dirPath).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd < 0) {
        *error = errnoText(dirPath, errno);
        return std::nullopt;
    }
    const QByteArray envelope = QFile::encodeName(KernelJob::envelopeFileName(id));
    const QByteArray cancelled = QFile::encodeName(QStringLiteral(".%1.json.cancelled").arg(id));
    // The commit point: whichever of umgate and the kernel renames the envelope first has the job.
    if (::renameat(dirFd, envelope.constData(), dirFd, cancelled.constData()) != 0) {
        const int e = errno;
        ::close(dirFd);
        if (notFound) *notFound = e == ENOENT;
        *error = e == ENOENT ? QStringLiteral("no job %1 is waiting for the kernel (it took the job already, "
                                              "or there never was one)")
                                   .arg(id)
                             : errnoText(QStringLiteral("cannot cancel job %1").arg(id), e);
        return std::nullopt;
    }
    const bool synced = ::fsync(dirFd) == 0;
    const int syncError = errno;
    QJsonObject json;
    QFile f(dirPath + QStringLiteral("/") + QFile::decodeName(cancelled));
    if (f.open(QIODevice::ReadOnly)) json = QJsonDocument::fromJson(f.read(qint64(1024) * 1024)).object();
    const QStringList entries = QDir(dirPath).entryList(QDir::Files | QDir::System);
    for (const QString& e : entries) {
        const QRegularExpressionMatch m = jobFilePattern().match(e);
        if (m.hasMatch() && m.captured(1) == id) ::unlinkat(dirFd, QFile::encodeName(e).constData(), 0);
    }
    ::unlinkat(dirFd, cancelled.constData(), 0); // recover() removes what is left after a crash
    ::close(dirFd);
    if (!synced) {
        *error = errnoText(QStringLiteral("job %1 cancelled, but the folder could not be synced").arg(id),
                           syncError);
        return std::nullopt;
    }
    return json;
}

} // namespace umgate
