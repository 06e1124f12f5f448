// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "models/console/ConsoleTreeModel.h"

#include <QHash>
#include <QMainWindow>
#include <QPersistentModelIndex>
#include <QPointer>
#include <QSslConfiguration>
#include <QUrl>

class QDialogButtonBox;
class QLabel;
class QStackedWidget;
class QSplitter;
class QTreeView;

namespace umgate {

class EngineConnection;
class RemoteEngineStore;
class SettingsPage;

// The console's main window, after the MMC snap-in of the ixi-UMS manual: the tree of engines,
// instances and pages on the left, the selected page on the right with OK / Apply / Cancel below
// it. It only wires things together; the pages, dialogs and the wizard are their own classes.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void addConnection(EngineConnection* connection);
    // Connects to the remote engines remembered from earlier runs (tokens from the keychain).
    void restoreRemoteEngines();
    ConsoleTreeModel* treeModel() const { return m_model; }
    QTreeView* tree() const { return m_tree; }
    // Selects a node; the page is created on first selection. False when the node does not
    // exist (yet) or the administrator kept a dirty page.
    bool selectPage(EngineConnection* connection, ConsoleTreeModel::Page page,
                    const QString& instanceId = {});
    SettingsPage* currentPage() const;
    // File > Import / Export after their file dialogs: the selected engine and instance.
    void importFile(const QString& file);
    void exportTo(const QString& file);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void onCurrentChanged(const QModelIndex& current, const QModelIndex& previous);
    // Asks what to do with a dirty page; false = stay.
    bool confirmLeave(SettingsPage* page);
    void updateButtons();
    void updateStatus();
    void applyCurrent();
    EngineConnection* currentConnection() const;
    QString currentInstance() const;
    static EngineConnection* connectionOf(const QModelIndex& index);

    void importConfig();
    void importDocument(EngineConnection* connection, const QString& text, const QString& file,
                        const QString& asId);
    void exportConfig();
    void connectRemote();
    void openRemote(const QUrl& url, const QString& token, const QSslConfiguration& tls);
    void newInstance();
    void removeInstance();
    void removeInstanceCall(EngineConnection* connection, const QString& id, const QJsonObject& extra);
    void testMessage();
    void showError(const QString& title, const QString& text);

    ConsoleTreeModel* m_model = nullptr;
    QSplitter* m_splitter = nullptr;
    QTreeView* m_tree = nullptr;
    QStackedWidget* m_stack = nullptr;
    QLabel* m_pageTitle = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QLabel* m_statusConnection = nullptr;
    QLabel* m_statusInstance = nullptr;
    QLabel* m_statusQueue = nullptr;
    RemoteEngineStore* m_remotes = nullptr;
    QHash<QString, QPointer<SettingsPage>> m_pages; // node key -> page
    QPersistentModelIndex m_current;
    bool m_reverting = false;
};

} // namespace umgate
