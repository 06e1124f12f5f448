// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>
#include <QJsonObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <vector>

namespace umgate {

class EngineConnection;

// One mail folder of one instance (SMTPOut, Badmail or SMTPIn/Error) for the Queue view. It
// lists the folder with queue.list and follows queue.changed by diffing the ids, so a busy queue
// does not reset the view (and the administrator's selection) every quarter second. The actions
// work on many mails one RPC at a time, report progress and can be cancelled between mails.
class QueueModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Queue
    {
        Outgoing, // SMTPOut
        Badmail,  // SMTPOut/Badmail
        Error,    // SMTPIn/Error: kernel messages that could not be converted
        Kernel,   // Kernel/Outgoing: e-mail to telephony jobs the kernel has not taken yet
    };
    Q_ENUM(Queue)
    enum Column
    {
        IdColumn,
        CreatedColumn,
        FromColumn,
        RecipientsColumn,
        AttemptsColumn,
        NextAttemptColumn,
        ReasonColumn, // last error (outgoing) or why it was given up (badmail, error)
        SizeColumn,
        ColumnCount
    };
    enum Role
    {
        IdRole = Qt::UserRole + 1, // the queue id, for the actions
    };

    QueueModel(EngineConnection* connection, const QString& instanceId, Queue queue,
               QObject* parent = nullptr);

    Queue queue() const { return m_queue; }
    QString instanceId() const { return m_instanceId; }
    QString queueName() const;  // "outgoing", "badmail", "error", "kernel" as queue.list knows them
    QString folderName() const; // "SMTPOut", ... as queue.changed names them
    QString lastError() const { return m_lastError; }
    QString idAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void refresh();
    // Outgoing: due now. Badmail: back into the queue to the server configured now. Any: deleted.
    void retry(const QStringList& ids);
    void requeue(const QStringList& ids);
    void remove(const QStringList& ids);
    void cancel(); // stops a running action after the mail under way
    bool isBusy() const { return m_actionTotal > 0; }

signals:
    void loaded();
    void errorOccurred(const QString& message);
    void progress(int done, int total);
    // An action ended (completed or cancelled); `failures` lists what the engine refused.
    void actionFinished(int done, int total, const QStringList& failures);

private:
    template <typename> friend struct RowOps;
    void noteRetryOutcome(const QJsonObject& answer);
    struct Entry
    {
        QString id;
        QString created;
        QString from;
        QString recipients;
        int attempts = 0;
        QString nextAttempt;
        QString reason;
        qint64 size = 0;
        bool operator==(const Entry&) const = default;
    };
    void runAction(int method, const QStringList& ids, const QString& what);
    void nextAction();

    QPointer<EngineConnection> m_connection;
    QString m_instanceId;
    Queue m_queue;
    std::vector<Entry> m_rows;
    QString m_lastError;
    bool m_inFlight = false;
    bool m_again = false;
    // The action under way: one at a time.
    int m_actionMethod = 0;
    QString m_actionName;
    QStringList m_actionIds;
    int m_actionDone = 0;
    int m_actionTotal = 0;
    bool m_cancelled = false;
    QStringList m_failures;
};

} // namespace umgate
