// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <optional>

namespace umgate {

// Metadata of one mail in the SMTPOut queue, stored as `<id>.json` next to `<id>.eml`.
// The file is {"format": "umgate.queue-entry", "version": 1, ...}; times are ISO 8601 UTC with ms.
struct QueueEntry
{
    QString id;             // queue id = file stem, unique, sorts by creation (time + counter + random)
    QString messageId;      // RFC 5322 Message-ID of the mail
    QString kernelId;       // the kernel spool message it came from: dedupe key after a crash
    QString from;           // envelope sender
    QStringList recipients; // still to deliver
    QStringList delivered;  // already accepted by a server
    QString route;          // free text set by the delivery side (which server / sender-list entry)
    bool relay = false;     // received by the listener for the smart host: goes there, as it came
    int attempts = 0;
    QDateTime created, nextAttempt; // UTC
    QString lastError;              // last deferral / failure text
    QString badmailReason;          // set when moved to Badmail
    qint64 size = 0;                // bytes of the message file

    static QString formatName() { return QStringLiteral("umgate.queue-entry"); }
    static constexpr int formatVersion = 1;

    QJsonObject toJson() const;
    static std::optional<QueueEntry> fromJson(const QJsonObject& json, QString* error);
    // The bytes of a `.json` file and back (format and version checked).
    QByteArray toFileData() const;
    static std::optional<QueueEntry> fromFileData(const QByteArray& data, QString* error);
    // A new unique id: UTC time to the millisecond, a per-process counter and 32 random bits, so ids
    // sort by creation and never collide between processes. Only [0-9A-Za-z-], safe as a file name.
    static QString newId();
    static bool isValidId(const QString& id);
};

} // namespace umgate
