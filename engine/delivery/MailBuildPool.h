// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/mail/MimeBuilder.h"

#include <QList>
#include <QObject>
#include <functional>
#include <memory>

namespace umgate {

class CallQueue;

// The mails built from one kernel message (one per group of recipients), or why none could be.
struct BuiltMails
{
    QList<BuiltMail> mails;
    QString error; // the message itself is unusable (e.g. an attachment is a symbolic link)
};

// Builds mails off the event loop. Reading a message's attachments and converting a fax to PDF
// can take seconds and hundreds of MiB (FaxConverter's budget); on the event loop that would
// stall every RPC and every other instance. Jobs run on one small dedicated thread pool shared by
// all instances (one thread: at most one fax budget in memory at a time), and the result is
// handed back on the thread of this object, never after it is gone.
class MailBuildPool : public QObject
{
    Q_OBJECT
public:
    static constexpr int kThreads = 1;

    explicit MailBuildPool(QObject* parent = nullptr);
    ~MailBuildPool() override;

    // `job` runs on a worker and must not touch objects of the event loop; `done` runs here.
    void run(std::function<BuiltMails()> job, std::function<void(const BuiltMails&)> done);

private:
    CallQueue* m_done; // a child: results come back through it
};

} // namespace umgate
