// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractItemModel>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <memory>
#include <vector>

namespace umgate {

class EngineConnection;

// The main window's tree, as in the MMC snap-in of the ixi-UMS manual: engine connections, their
// instances, each instance's pages, and the engine-wide pages. Rows follow the engine's instance
// list incrementally (an instance added or removed elsewhere appears or goes without collapsing
// the tree), and the state and queue depth come from the connection's notifications.
class ConsoleTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum class Page
    {
        Engine,
        Instance,
        General,
        MailSystem,
        Ldap,
        GlobalUserSettings,
        CoverPage,
        PrintUnread,
        Log,
        Information,
        SubscriberMailboxes,
        Queue,
        MiscSetup,              // per engine
        SystemPreferencesEmail, // per engine
    };
    Q_ENUM(Page)
    enum Role
    {
        PageRole = Qt::UserRole + 1, // Page, as int
        InstanceIdRole,              // QString; empty on engine-level nodes
        ConnectionRole,              // EngineConnection* (QObject*)
        StateRole,                   // instance state ("running", ...) or EngineConnection::State as int
        QueueDepthRole,              // int, on instance and Queue nodes
        ConnectedRole,               // bool: the engine is connected (pages grey out otherwise)
    };

    explicit ConsoleTreeModel(QObject* parent = nullptr);
    ~ConsoleTreeModel() override;

    // The model does not own the connections; a destroyed one leaves the tree.
    void addConnection(EngineConnection* connection);
    void removeConnection(EngineConnection* connection);
    QList<EngineConnection*> connections() const;

    // The node of a page, e.g. to select it after the wizard created an instance.
    QModelIndex indexFor(EngineConnection* connection, const QString& instanceId = {},
                         Page page = Page::Instance) const;
    static QString pageTitle(Page page);
    static QList<Page> instancePages();

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    struct Node
    {
        Page page = Page::Engine;
        QString instanceId;
        Node* parent = nullptr;
        std::vector<std::unique_ptr<Node>> children;
        EngineConnection* connection = nullptr;
        int row() const;
    };
    Node* nodeOf(const QModelIndex& index) const;
    QModelIndex indexOf(const Node* node) const;
    Node* engineNode(EngineConnection* connection) const;
    std::unique_ptr<Node> makeInstanceNode(Node* engine, const QString& id) const;
    void syncInstances(EngineConnection* connection);
    void nodeChanged(const Node* node);
    QJsonObject instanceJson(const Node* node) const;
    QString displayText(const Node* node, int depth) const;
    QString toolTip(const Node* node, int depth) const;

    std::vector<std::unique_ptr<Node>> m_engines;
};

} // namespace umgate
