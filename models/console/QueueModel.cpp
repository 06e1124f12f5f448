// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/console/QueueModel.h"

#include "engine/client/Paths.h"
#include "engine/client/RpcFields.h"
#include "models/console/EngineConnection.h"
#include "models/console/RowDiff.h"
#include "models/rpc/RpcClient.h"

#include <QJsonArray>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace umgate {

namespace field = rpc::field;

QueueModel::QueueModel(EngineConnection* connection, const QString& instanceId, Queue queue, QObject* parent)
    : QAbstractTableModel(parent), m_connection(connection), m_instanceId(instanceId), m_queue(queue)
{
    if (!connection) return;
    connect(connection, &EngineConnection::notification, this,
            [this](rpc::Notification n, const QJsonObject& params) {
                if (n == rpc::Notification::QueueChanged &&
                    params.value(field::id).toString() == m_instanceId &&
                    params.value(field::queue).toString() == folderName())
                    refresh();
            });
    connect(connection, &EngineConnection::stateChanged, this, [this](EngineConnection::State s) {
        if (s == EngineConnection::State::Connected) refresh();
    });
    if (connection->state() == EngineConnection::State::Connected) refresh();
}

QString QueueModel::queueName() const
{
    switch (m_queue) {
    case Queue::Outgoing:
        return u"outgoing"_s;
    case Queue::Badmail:
        return u"badmail"_s;
    case Queue::Error:
        return u"error"_s;
    case Queue::Kernel:
        return u"kernel"_s;
    }
    return {};
}

QString QueueModel::folderName() const
{
    switch (m_queue) {
    case Queue::Outgoing:
        return Paths::smtpOut();
    case Queue::Badmail:
        return Paths::badmail();
    case Queue::Error:
        return Paths::smtpInError();
    case Queue::Kernel:
        return Paths::kernelOutgoing();
    }
    return {};
}

QString QueueModel::idAt(int row) const
{
    return row >= 0 && row < int(m_rows.size()) ? m_rows[size_t(row)].id : QString();
}

int QueueModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int QueueModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant QueueModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Entry& e = m_rows[size_t(index.row())];
    if (role == IdRole) return e.id;
    if (role == Qt::ToolTipRole && index.column() == ReasonColumn) return e.reason;
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
    case IdColumn:
        return e.id;
    case CreatedColumn:
        return e.created;
    case FromColumn:
        return e.from;
    case RecipientsColumn:
        return e.recipients;
    case AttemptsColumn:
        return e.attempts;
    case NextAttemptColumn:
        return e.nextAttempt;
    case ReasonColumn:
        return e.reason;
    case SizeColumn:
        return QLocale().formattedDataSize(e.size);
    default:
        return {};
    }
}

QVariant QueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case IdColumn:
        return tr("Queue ID");
    case CreatedColumn:
        return tr("Created");
    case FromColumn:
        return tr("From");
    case RecipientsColumn:
        return tr("Recipients");
    case AttemptsColumn:
        return tr("Attempts");
    case NextAttemptColumn:
        return tr("Next attempt");
    case ReasonColumn:
        return m_queue == Queue::Outgoing ? tr("Last error") : tr("Reason");
    case SizeColumn:
        return tr("Size");
    default:
        return {};
    }
}

void QueueModel::refresh()
{
    if (!m_connection) return;
    // queue.changed comes up to four times a second per folder; one list in flight is enough.
    if (m_inFlight) {
        m_again = true;
        return;
    }
    m_inFlight = true;
    m_connection->client()->exec(
        rpc::Method::QueueList, {{field::id, m_instanceId}, {field::queue, queueName()}},
        guarded(this, [this](const RpcResponse& r) {
            m_inFlight = false;
            if (!r.ok) {
                m_lastError =
                    tr("Listing %1 of %2 failed: %3").arg(folderName(), m_instanceId, r.errorText());
                emit errorOccurred(m_lastError);
            } else {
                m_lastError.clear();
                const QJsonArray list = r.resultObject().value(field::entries).toArray();
                std::vector<Entry> next;
                next.reserve(size_t(list.size()));
                for (const auto& v : list) {
                    const QJsonObject o = v.toObject();
                    Entry e;
                    e.id = o.value(field::id).toString();
                    e.created = o.value(field::created).toString();
                    e.from = o.value(field::from).toString(o.value(field::sender).toString());
                    QStringList to;
                    const QString type = o.value(field::type).toString(); // kernel jobs: fax, sms, voice
                    for (const auto& t : o.value(field::recipients).toArray())
                        to << (type.isEmpty() ? t.toString() : type + u' ' + t.toString());
                    e.recipients = to.join(u", "_s);
                    e.attempts = o.value(field::attempts).toInt();
                    e.nextAttempt = o.value(field::nextAttempt).toString();
                    e.reason = o.value(field::badmailReason).toString();
                    if (e.reason.isEmpty()) e.reason = o.value(field::lastError).toString();
                    e.size = qint64(o.value(field::size).toDouble());
                    next.push_back(std::move(e));
                }
                applyRowDiff(
                    m_rows, std::move(next), [](const Entry& e) { return e.id; }, ColumnCount - 1,
                    RowOps<QueueModel>{this});
                emit loaded();
            }
            if (std::exchange(m_again, false)) refresh();
        }));
}

void QueueModel::retry(const QStringList& ids)
{
    runAction(int(rpc::Method::QueueRetry), ids, tr("retry"));
}

void QueueModel::requeue(const QStringList& ids)
{
    runAction(int(rpc::Method::QueueRequeue), ids, tr("requeue"));
}

void QueueModel::remove(const QStringList& ids)
{
    runAction(int(rpc::Method::QueueDelete), ids, tr("delete"));
}

void QueueModel::cancel()
{
    if (m_actionTotal > 0) m_cancelled = true;
}

void QueueModel::runAction(int method, const QStringList& ids, const QString& what)
{
    if (m_actionTotal > 0) {
        emit errorOccurred(tr("Another action on %1 is still running").arg(folderName()));
        return;
    }
    if (ids.isEmpty() || !m_connection) return;
    m_actionMethod = method;
    m_actionName = what;
    m_actionIds = ids;
    m_actionDone = 0;
    m_actionTotal = int(ids.size());
    m_cancelled = false;
    m_failures.clear();
    emit progress(0, m_actionTotal);
    nextAction();
}

void QueueModel::nextAction()
{
    if (m_cancelled || m_actionDone >= m_actionTotal || !m_connection) {
        const int done = m_actionDone, total = m_actionTotal;
        m_actionTotal = 0;
        m_actionIds.clear();
        emit actionFinished(done, total, m_failures);
        return;
    }
    // One mail per call: the engine stays responsive and the administrator can stop midway.
    const QString id = m_actionIds.at(m_actionDone);
    QJsonObject params{{field::id, m_instanceId}, {field::queueId, id}};
    if (m_actionMethod == int(rpc::Method::QueueDelete)) params.insert(field::queue, queueName());
    m_connection->client()->exec(rpc::Method(m_actionMethod), params,
                                 guarded(this, [this, id](const RpcResponse& r) {
                                     if (!r.ok)
                                         m_failures << tr("%1 %2: %3").arg(m_actionName, id, r.errorText());
                                     else if (m_actionMethod == int(rpc::Method::QueueRetry))
                                         noteRetryOutcome(r.resultObject());
                                     // Without a connection the rest would fail one by one: stop here.
                                     if (r.failure == RpcResponse::Failure::Connection) m_cancelled = true;
                                     ++m_actionDone;
                                     emit progress(m_actionDone, m_actionTotal);
                                     nextAction();
                                 }));
}

// A retry the engine accepted may still not have delivered: it answers each mail's outcome, and
// the administrator who just fixed the server must see "deferred" with the reason, not "done".
void QueueModel::noteRetryOutcome(const QJsonObject& answer)
{
    for (const auto& v : answer.value(field::results).toArray()) {
        const QJsonObject o = v.toObject();
        const QString status = o.value(field::status).toString();
        if (status != u"deferred"_s && status != u"failed"_s && status != u"not tried"_s) continue;
        m_failures << tr("retry %1: %2 (%3)")
                          .arg(o.value(field::queueId).toString(), status, o.value(field::reason).toString());
    }
}

} // namespace umgate
