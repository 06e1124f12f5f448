// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared by tst_mailqueue and tst_mailqueue_changes: sample entries, self-checking messages and
// the records the queue's callbacks fill in.
#include "engine/queue/MailQueue.h"

#include <QCryptographicHash>
#include <QDir>
#include <QRandomGenerator>
#include <memory>

namespace umgate::test {

using namespace Qt::StringLiterals;

inline QueueEntry sample(const QString& kernelId = QString())
{
    QueueEntry e;
    e.messageId = u"<%1@umgate.test>"_s.arg(QRandomGenerator::global()->generate());
    e.kernelId = kernelId;
    e.from = u"fax@umgate.test"_s;
    e.recipients = {u"alice@example.test"_s, u"bob@example.test"_s};
    e.route = u"smtp1"_s;
    return e;
}

// A message whose first line is the SHA-256 of the rest, so a torn or mixed-up file shows.
inline QByteArray hashedMessage(int bodySize)
{
    QByteArray body(bodySize, Qt::Uninitialized);
    for (char& c : body)
        c = char('a' + QRandomGenerator::global()->bounded(26));
    return QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex() + '\n' + body;
}

inline bool hashIntact(const QByteArray& data)
{
    const qsizetype nl = data.indexOf('\n');
    return nl == 64 &&
           QCryptographicHash::hash(data.mid(nl + 1), QCryptographicHash::Sha256).toHex() == data.left(nl);
}

inline QStringList hiddenFiles(const QString& dir)
{
    return QDir(dir).entryList({u".*"_s}, QDir::Files | QDir::Hidden);
}

// What an enqueue's callback reported.
struct Result
{
    bool called = false;
    bool ok = false;
    QString error;
    QueueEntry stored;
};

inline std::shared_ptr<Result> enqueue(MailQueue& q, const QueueEntry& e, const QByteArray& data)
{
    auto r = std::make_shared<Result>();
    q.enqueue(e, data, [r](bool ok, const QString& error, const QueueEntry& stored) {
        r->called = true;
        r->ok = ok;
        r->error = error;
        r->stored = stored;
    });
    return r;
}

// What a change's acknowledgement reported: ackInto(a) is the callback that fills `a`.
struct Ack
{
    bool called = false;
    bool ok = false;
    QString error;
};

inline MailQueue::ChangeDone ackInto(const std::shared_ptr<Ack>& a)
{
    return [a](bool ok, const QString& error) {
        a->called = true;
        a->ok = ok;
        a->error = error;
    };
}

} // namespace umgate::test
