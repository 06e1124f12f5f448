// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/console/ConsoleTreeModel.h"

#include "engine/client/RpcFields.h"
#include "models/console/EngineConnection.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace umgate {

namespace field = rpc::field;

namespace {
constexpr int kEnginePages = 2; // Misc Setup, System Preferences: Email: after the instances
}

int ConsoleTreeModel::Node::row() const
{
    if (!parent) return -1;
    for (size_t i = 0; i < parent->children.size(); ++i)
        if (parent->children[i].get() == this) return int(i);
    return -1;
}

ConsoleTreeModel::ConsoleTreeModel(QObject* parent) : QAbstractItemModel(parent) {}

ConsoleTreeModel::~ConsoleTreeModel() = default;

QList<ConsoleTreeModel::Page> ConsoleTreeModel::instancePages()
{
    return {
        Page::General,     Page::MailSystem, Page::Ldap,        Page::GlobalUserSettings,  Page::CoverPage,
        Page::PrintUnread, Page::Log,        Page::Information, Page::SubscriberMailboxes, Page::Queue};
}

QString ConsoleTreeModel::pageTitle(Page page)
{
    switch (page) {
    case Page::Engine:
        return tr("Engine");
    case Page::Instance:
        return tr("Instance");
    case Page::General:
        return tr("General");
    case Page::MailSystem:
        return tr("Mail System");
    case Page::Ldap:
        return tr("LDAP");
    case Page::GlobalUserSettings:
        return tr("Global User Settings");
    case Page::CoverPage:
        return tr("Cover Page");
    case Page::PrintUnread:
        return tr("Print Unread");
    case Page::Log:
        return tr("Log");
    case Page::Information:
        return tr("Information");
    case Page::SubscriberMailboxes:
        return tr("Subscriber Mailboxes");
    case Page::Queue:
        return tr("Queue");
    case Page::MiscSetup:
        return tr("Misc Setup");
    case Page::SystemPreferencesEmail:
        return tr("System Preferences: Email");
    }
    return {};
}

void ConsoleTreeModel::addConnection(EngineConnection* connection)
{
    if (!connection || engineNode(connection)) return;
    auto node = std::make_unique<Node>();
    node->page = Page::Engine;
    node->connection = connection;
    for (Page p : {Page::MiscSetup, Page::SystemPreferencesEmail}) {
        auto child = std::make_unique<Node>();
        child->page = p;
        child->parent = node.get();
        child->connection = connection;
        node->children.push_back(std::move(child));
    }
    const int row = int(m_engines.size());
    beginInsertRows({}, row, row);
    m_engines.push_back(std::move(node));
    endInsertRows();
    connect(connection, &EngineConnection::instancesChanged, this,
            [this, connection] { syncInstances(connection); });
    connect(connection, &EngineConnection::stateChanged, this, [this, connection] {
        // The engine node shows the state; every page below greys out or comes back.
        if (Node* e = engineNode(connection)) {
            nodeChanged(e);
            for (const auto& c : e->children) {
                nodeChanged(c.get());
                if (!c->children.empty())
                    emit dataChanged(indexOf(c->children.front().get()), indexOf(c->children.back().get()));
            }
        }
    });
    connect(connection, &EngineConnection::queueDepthChanged, this,
            [this, connection](const QString& id, int) {
                Node* e = engineNode(connection);
                if (!e) return;
                for (const auto& c : e->children) {
                    if (c->page != Page::Instance || c->instanceId != id) continue;
                    nodeChanged(c.get());
                    for (const auto& p : c->children)
                        if (p->page == Page::Queue) nodeChanged(p.get());
                }
            });
    connect(connection, &QObject::destroyed, this, [this, connection] { removeConnection(connection); });
    syncInstances(connection);
}

void ConsoleTreeModel::removeConnection(EngineConnection* connection)
{
    Node* e = engineNode(connection);
    if (!e) return;
    const int row = e->row() < 0 ? int(std::find_if(m_engines.begin(), m_engines.end(),
                                                    [e](const auto& n) { return n.get() == e; }) -
                                       m_engines.begin())
                                 : e->row();
    beginRemoveRows({}, row, row);
    m_engines.erase(m_engines.begin() + row);
    endRemoveRows();
    disconnect(connection, nullptr, this, nullptr);
}

QList<EngineConnection*> ConsoleTreeModel::connections() const
{
    QList<EngineConnection*> list;
    for (const auto& e : m_engines)
        list << e->connection;
    return list;
}

ConsoleTreeModel::Node* ConsoleTreeModel::engineNode(EngineConnection* connection) const
{
    for (const auto& e : m_engines)
        if (e->connection == connection) return e.get();
    return nullptr;
}

std::unique_ptr<ConsoleTreeModel::Node> ConsoleTreeModel::makeInstanceNode(Node* engine,
                                                                           const QString& id) const
{
    auto node = std::make_unique<Node>();
    node->page = Page::Instance;
    node->instanceId = id;
    node->parent = engine;
    node->connection = engine->connection;
    for (Page p : instancePages()) {
        auto child = std::make_unique<Node>();
        child->page = p;
        child->instanceId = id;
        child->parent = node.get();
        child->connection = engine->connection;
        node->children.push_back(std::move(child));
    }
    return node;
}

void ConsoleTreeModel::syncInstances(EngineConnection* connection)
{
    Node* e = engineNode(connection);
    if (!e) return;
    QStringList wanted;
    for (const auto& v : connection->instances())
        wanted << v.toObject().value(field::id).toString();
    const QSet<QString> wantedSet(wanted.begin(), wanted.end());
    const QModelIndex parent = indexOf(e);
    auto instanceCount = [e] { return int(e->children.size()) - kEnginePages; };
    // Gone first, from the end.
    for (int i = instanceCount() - 1; i >= 0; --i) {
        if (wantedSet.contains(e->children[size_t(i)]->instanceId)) continue;
        beginRemoveRows(parent, i, i);
        e->children.erase(e->children.begin() + i);
        endRemoveRows();
    }
    // Then in the engine's order: the rows before position i already match.
    for (int i = 0; i < int(wanted.size()); ++i) {
        const QString& id = wanted.at(i);
        if (i < instanceCount() && e->children[size_t(i)]->instanceId == id) {
            nodeChanged(e->children[size_t(i)].get());
            continue;
        }
        int at = -1;
        for (int k = i + 1; k < instanceCount(); ++k)
            if (e->children[size_t(k)]->instanceId == id) at = k;
        if (at >= 0) {
            beginMoveRows(parent, at, at, parent, i);
            auto moved = std::move(e->children[size_t(at)]);
            e->children.erase(e->children.begin() + at);
            e->children.insert(e->children.begin() + i, std::move(moved));
            endMoveRows();
            nodeChanged(e->children[size_t(i)].get());
            continue;
        }
        beginInsertRows(parent, i, i);
        e->children.insert(e->children.begin() + i, makeInstanceNode(e, id));
        endInsertRows();
    }
}

void ConsoleTreeModel::nodeChanged(const Node* node)
{
    const QModelIndex i = indexOf(node);
    if (i.isValid()) emit dataChanged(i, i);
}

ConsoleTreeModel::Node* ConsoleTreeModel::nodeOf(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<Node*>(index.internalPointer()) : nullptr;
}

QModelIndex ConsoleTreeModel::indexOf(const Node* node) const
{
    if (!node) return {};
    if (!node->parent) {
        for (size_t i = 0; i < m_engines.size(); ++i)
            if (m_engines[i].get() == node) return createIndex(int(i), 0, const_cast<Node*>(node));
        return {};
    }
    return createIndex(node->row(), 0, const_cast<Node*>(node));
}

QModelIndex ConsoleTreeModel::indexFor(EngineConnection* connection, const QString& instanceId,
                                       Page page) const
{
    Node* e = engineNode(connection);
    if (!e) return {};
    if (page == Page::Engine) return indexOf(e);
    for (const auto& c : e->children) {
        if (c->page == page && instanceId.isEmpty()) return indexOf(c.get());
        if (c->page != Page::Instance || c->instanceId != instanceId) continue;
        if (page == Page::Instance) return indexOf(c.get());
        for (const auto& p : c->children)
            if (p->page == page) return indexOf(p.get());
    }
    return {};
}

QModelIndex ConsoleTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent)) return {};
    if (!parent.isValid()) return createIndex(row, column, m_engines[size_t(row)].get());
    Node* p = nodeOf(parent);
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex ConsoleTreeModel::parent(const QModelIndex& child) const
{
    const Node* n = nodeOf(child);
    return n && n->parent ? indexOf(n->parent) : QModelIndex();
}

int ConsoleTreeModel::rowCount(const QModelIndex& parent) const
{
    if (!parent.isValid()) return int(m_engines.size());
    if (parent.column() != 0) return 0;
    return int(nodeOf(parent)->children.size());
}

int ConsoleTreeModel::columnCount(const QModelIndex&) const
{
    return 1;
}

QJsonObject ConsoleTreeModel::instanceJson(const Node* node) const
{
    if (!node->connection || node->instanceId.isEmpty()) return {};
    for (const auto& v : node->connection->instances())
        if (v.toObject().value(field::id).toString() == node->instanceId) return v.toObject();
    return {};
}

QVariant ConsoleTreeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const Node* n = nodeOf(index);
    EngineConnection* c = n->connection;
    const bool connected = c && c->state() == EngineConnection::State::Connected;
    const int depth = c && !n->instanceId.isEmpty() ? c->queueDepth(n->instanceId) : 0;
    switch (role) {
    case PageRole:
        return int(n->page);
    case InstanceIdRole:
        return n->instanceId;
    case ConnectionRole:
        return QVariant::fromValue(static_cast<QObject*>(c));
    case ConnectedRole:
        return connected;
    case QueueDepthRole:
        return n->page == Page::Instance || n->page == Page::Queue ? QVariant(depth) : QVariant();
    case StateRole:
        if (n->page == Page::Engine) return c ? int(c->state()) : int(EngineConnection::State::Disconnected);
        if (n->page == Page::Instance) return instanceJson(n).value(field::state).toString();
        return {};
    case Qt::DisplayRole:
        return displayText(n, depth);
    case Qt::ToolTipRole:
        return toolTip(n, depth);
    default:
        return {};
    }
}

// The tree's text: engines by address and connection state, instances by name and id, the queue
// with its depth.
QString ConsoleTreeModel::displayText(const Node* n, int depth) const
{
    EngineConnection* c = n->connection;
    switch (n->page) {
    case Page::Engine: {
        QString name = c ? c->displayName() : QString();
        if (c && c->state() == EngineConnection::State::Connected) return name;
        if (c && c->state() == EngineConnection::State::Connecting) return tr("%1 (connecting)").arg(name);
        return tr("%1 (disconnected)").arg(name);
    }
    case Page::Instance: {
        const QString name = instanceJson(n).value(field::name).toString();
        return name.isEmpty() || name == n->instanceId ? n->instanceId
                                                       : u"%1 (%2)"_s.arg(name, n->instanceId);
    }
    case Page::Queue:
        return depth > 0 ? tr("Queue (%1)").arg(depth) : pageTitle(n->page);
    default:
        return pageTitle(n->page);
    }
}

// An engine's last error (or its address); an instance's state, address, queue and error.
QString ConsoleTreeModel::toolTip(const Node* n, int depth) const
{
    EngineConnection* c = n->connection;
    if (n->page == Page::Engine)
        return c ? (c->lastError().isEmpty() ? c->displayName() : c->lastError()) : QString();
    if (n->page != Page::Instance && n->page != Page::Queue) return {};
    const QJsonObject o = instanceJson(n);
    const QString state = o.value(field::state).toString();
    QString tip = tr("State: %1").arg(state) + u"\n"_s;
    // "running": where it listens; "failed": the error says why it does not.
    if (state == u"running"_s)
        tip += tr("Listening on: %1").arg(o.value(field::listen).toString()) + u"\n"_s;
    else if (state != u"failed"_s)
        tip += tr("Not listening") + u"\n"_s;
    tip += tr("Mails in SMTPOut: %1").arg(depth);
    if (!o.value(field::enabled).toBool(true)) tip += u"\n"_s + tr("Disabled");
    if (o.contains(field::error)) tip += u"\n"_s + o.value(field::error).toString();
    for (const auto& w : o.value(field::warnings).toArray())
        tip += u"\n"_s + w.toString();
    return tip;
}

Qt::ItemFlags ConsoleTreeModel::flags(const QModelIndex& index) const
{
    if (!index.isValid()) return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (nodeOf(index)->children.empty()) f |= Qt::ItemNeverHasChildren;
    return f;
}

} // namespace umgate
