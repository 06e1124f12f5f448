// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/MainWindow.h"

#include "engine/client/ExportFormat.h"
#include "engine/client/RpcFields.h"
#include "models/console/EngineConnection.h"
#include "models/console/RemoteEngineStore.h"
#include "models/rpc/RpcClient.h"
#include "views/NewInstanceWizard.h"
#include "views/PageFactory.h"
#include "views/RemoteEngineDialog.h"
#include "views/SettingsPage.h"
#include "views/TestMessageDialog.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace umgate {

namespace field = rpc::field;

namespace {
constexpr qint64 kMaxImportBytes = qint64{4} * 1024 * 1024;

QString nodeKey(const QModelIndex& index)
{
    const auto* connection = index.data(ConsoleTreeModel::ConnectionRole).value<QObject*>();
    return u"%1/%2/%3"_s.arg(quintptr(connection))
        .arg(index.data(ConsoleTreeModel::PageRole).toInt())
        .arg(index.data(ConsoleTreeModel::InstanceIdRole).toString());
}
} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("umgate Console"));
    m_model = new ConsoleTreeModel(this);
    m_remotes = new RemoteEngineStore(this);

    m_tree = new QTreeView(this);
    m_tree->setObjectName(u"navigation"_s);
    m_tree->setModel(m_model);
    m_tree->setHeaderHidden(true);
    m_tree->setUniformRowHeights(true);

    auto* right = new QWidget(this);
    right->setObjectName(u"pageArea"_s);
    m_pageTitle = new QLabel(right);
    m_pageTitle->setObjectName(u"pageTitle"_s);
    QFont f = m_pageTitle->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.2);
    m_pageTitle->setFont(f);
    m_stack = new QStackedWidget(right);
    m_stack->setObjectName(u"pages"_s);
    m_buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, right);
    m_buttons->setObjectName(u"pageButtons"_s);
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(u"ok"_s);
    m_buttons->button(QDialogButtonBox::Apply)->setObjectName(u"apply"_s);
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(u"cancel"_s);
    auto* rl = new QVBoxLayout(right);
    rl->addWidget(m_pageTitle);
    rl->addWidget(m_stack, 1);
    rl->addWidget(m_buttons);

    m_splitter = new QSplitter(this);
    m_splitter->setObjectName(u"splitter"_s);
    m_splitter->addWidget(m_tree);
    m_splitter->addWidget(right);
    m_splitter->setStretchFactor(1, 1);
    setCentralWidget(m_splitter);

    connect(m_buttons->button(QDialogButtonBox::Ok), &QPushButton::clicked, this, [this] { applyCurrent(); });
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this,
            [this] { applyCurrent(); });
    connect(m_buttons->button(QDialogButtonBox::Cancel), &QPushButton::clicked, this, [this] {
        if (SettingsPage* p = currentPage()) p->revert();
        updateButtons();
    });
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::onCurrentChanged);

    m_statusConnection = new QLabel(this);
    m_statusConnection->setObjectName(u"statusConnection"_s);
    m_statusInstance = new QLabel(this);
    m_statusInstance->setObjectName(u"statusInstance"_s);
    m_statusQueue = new QLabel(this);
    m_statusQueue->setObjectName(u"statusQueue"_s);
    statusBar()->setObjectName(u"statusBar"_s);
    statusBar()->addPermanentWidget(m_statusConnection);
    statusBar()->addPermanentWidget(m_statusInstance);
    statusBar()->addPermanentWidget(m_statusQueue);

    createActions();
    // Instances arrive after connecting; show their pages without a click.
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex& node) {
        if (node.isValid() &&
            node.data(ConsoleTreeModel::PageRole).toInt() == int(ConsoleTreeModel::Page::Engine))
            m_tree->expand(node);
    });

    QSettings settings;
    restoreGeometry(settings.value(u"mainWindow/geometry"_s).toByteArray());
    restoreState(settings.value(u"mainWindow/state"_s).toByteArray());
    m_splitter->restoreState(settings.value(u"mainWindow/splitter"_s).toByteArray());
    m_tree->header()->restoreState(settings.value(u"mainWindow/treeHeader"_s).toByteArray());
    if (!settings.contains(u"mainWindow/geometry"_s)) resize(1000, 680);
    updateButtons();
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(u"fileMenu"_s);
    auto* importAction =
        file->addAction(tr("&Import Instance Configuration..."), this, &MainWindow::importConfig);
    importAction->setObjectName(u"actionImport"_s);
    auto* exportAction =
        file->addAction(tr("&Export Instance Configuration..."), this, &MainWindow::exportConfig);
    exportAction->setObjectName(u"actionExport"_s);
    file->addSeparator();
    auto* remote = file->addAction(tr("&Connect to Remote Engine..."), this, &MainWindow::connectRemote);
    remote->setObjectName(u"actionConnectRemote"_s);
    file->addSeparator();
    auto* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(u"actionQuit"_s);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* instance = menuBar()->addMenu(tr("&Instance"));
    instance->setObjectName(u"instanceMenu"_s);
    auto* create = instance->addAction(tr("&New Instance..."), this, &MainWindow::newInstance);
    create->setObjectName(u"actionNewInstance"_s);
    create->setShortcut(QKeySequence::New);
    auto* remove = instance->addAction(tr("&Remove Instance..."), this, &MainWindow::removeInstance);
    remove->setObjectName(u"actionRemoveInstance"_s);
    instance->addSeparator();
    auto* test = instance->addAction(tr("Send &Test Message..."), this, &MainWindow::testMessage);
    test->setObjectName(u"actionTestMessage"_s);
}

void MainWindow::addConnection(EngineConnection* connection)
{
    m_model->addConnection(connection);
    m_tree->expand(m_model->indexFor(connection, {}, ConsoleTreeModel::Page::Engine));
    connect(connection, &EngineConnection::stateChanged, this, &MainWindow::updateStatus);
    connect(connection, &EngineConnection::instancesChanged, this, &MainWindow::updateStatus);
    connect(connection, &EngineConnection::queueDepthChanged, this, &MainWindow::updateStatus);
    if (!m_current.isValid()) m_tree->setCurrentIndex(m_model->index(0, 0));
}

SettingsPage* MainWindow::currentPage() const
{
    return qobject_cast<SettingsPage*>(m_stack->currentWidget());
}

EngineConnection* MainWindow::connectionOf(const QModelIndex& index)
{
    return qobject_cast<EngineConnection*>(index.data(ConsoleTreeModel::ConnectionRole).value<QObject*>());
}

bool MainWindow::selectPage(EngineConnection* connection, ConsoleTreeModel::Page page,
                            const QString& instanceId)
{
    const QModelIndex index = m_model->indexFor(connection, instanceId, page);
    if (!index.isValid()) return false;
    m_tree->setCurrentIndex(index);
    return m_current == index;
}

bool MainWindow::confirmLeave(SettingsPage* page)
{
    if (!page || !page->isDirty()) return true;
    const auto answer = QMessageBox::question(
        this, tr("Unsaved Changes"),
        tr("The page \"%1\" has changes that are not applied yet. Apply them now?").arg(page->title()),
        QMessageBox::Apply | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Apply);
    if (answer == QMessageBox::Cancel) return false;
    if (answer == QMessageBox::Apply)
        page->apply(); // its errors stay on the page for when the administrator comes back
    else
        page->revert();
    return true;
}

void MainWindow::onCurrentChanged(const QModelIndex& current, const QModelIndex& previous)
{
    if (m_reverting) return;
    if (previous.isValid() && previous == m_current && !confirmLeave(currentPage())) {
        // Back to the dirty page once this selection change has finished.
        const QPersistentModelIndex back = previous;
        QMetaObject::invokeMethod(
            this,
            [this, back] {
                m_reverting = true;
                m_tree->setCurrentIndex(back);
                m_reverting = false;
            },
            Qt::QueuedConnection);
        return;
    }
    m_current = current;
    if (!current.isValid()) return;
    const QString key = nodeKey(current);
    SettingsPage* page = m_pages.value(key);
    if (!page) {
        page = PageFactory::create(ConsoleTreeModel::Page(current.data(ConsoleTreeModel::PageRole).toInt()),
                                   connectionOf(current),
                                   current.data(ConsoleTreeModel::InstanceIdRole).toString(), m_stack);
        m_pages.insert(key, page);
        m_stack->addWidget(page);
        connect(page, &SettingsPage::dirtyChanged, this, &MainWindow::updateButtons);
        connect(page, &SettingsPage::applyFinished, this, [this](bool ok, const QString& message) {
            if (!ok && !message.isEmpty()) statusBar()->showMessage(message, 15000);
            if (ok) statusBar()->showMessage(tr("Settings applied."), 5000);
            updateButtons();
        });
    }
    m_stack->setCurrentWidget(page);
    const QString instance = current.data(ConsoleTreeModel::InstanceIdRole).toString();
    m_pageTitle->setText(instance.isEmpty() ? page->title() : tr("%1 - %2").arg(page->title(), instance));
    updateButtons();
    updateStatus();
}

void MainWindow::applyCurrent()
{
    SettingsPage* page = currentPage();
    if (!page || !page->isDirty()) return;
    m_buttons->setEnabled(false);
    auto* guard = new QObject(this);
    connect(page, &SettingsPage::applyFinished, guard, [this, guard] {
        guard->deleteLater();
        m_buttons->setEnabled(true);
        updateButtons();
    });
    page->apply();
}

void MainWindow::updateButtons()
{
    const SettingsPage* page = currentPage();
    const bool dirty = page && page->isDirty();
    // A trailing asterisk marks unapplied edits, as in most editors.
    QString title = m_pageTitle->text();
    if (title.endsWith(u" *"_s)) title.chop(2);
    m_pageTitle->setText(dirty ? title + u" *"_s : title);
    m_buttons->button(QDialogButtonBox::Apply)->setEnabled(dirty);
    m_buttons->button(QDialogButtonBox::Cancel)->setEnabled(dirty);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(page != nullptr);
}

EngineConnection* MainWindow::currentConnection() const
{
    if (EngineConnection* c = connectionOf(m_current)) return c;
    const auto all = m_model->connections();
    return all.isEmpty() ? nullptr : all.first();
}

QString MainWindow::currentInstance() const
{
    return m_current.isValid() ? m_current.data(ConsoleTreeModel::InstanceIdRole).toString() : QString();
}

void MainWindow::updateStatus()
{
    EngineConnection* c = currentConnection();
    if (!c) {
        m_statusConnection->setText(tr("Not connected"));
        m_statusInstance->clear();
        m_statusQueue->clear();
        return;
    }
    switch (c->state()) {
    case EngineConnection::State::Connected:
        m_statusConnection->setText(tr("Connected to %1").arg(c->displayName()));
        break;
    case EngineConnection::State::Connecting:
        m_statusConnection->setText(tr("Connecting to %1...").arg(c->displayName()));
        break;
    case EngineConnection::State::Disconnected:
        m_statusConnection->setText(
            c->lastError().isEmpty() ? tr("Disconnected from %1").arg(c->displayName())
                                     : tr("Disconnected from %1: %2").arg(c->displayName(), c->lastError()));
        break;
    }
    const QString id = currentInstance();
    if (id.isEmpty()) {
        m_statusInstance->clear();
        m_statusQueue->clear();
        return;
    }
    for (const auto& v : c->instances()) {
        const QJsonObject o = v.toObject();
        if (o.value(field::id).toString() != id) continue;
        m_statusInstance->setText(tr("Instance %1: %2").arg(id, o.value(field::state).toString()));
        m_statusInstance->setToolTip(o.value(field::error).toString());
    }
    m_statusQueue->setText(tr("Queue: %n message(s)", nullptr, c->queueDepth(id)));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    for (const auto& page : std::as_const(m_pages)) {
        if (page && page->isDirty()) {
            m_stack->setCurrentWidget(page);
            if (!confirmLeave(page)) {
                event->ignore();
                return;
            }
            if (page->isDirty()) {
                // Applying: the engine has not answered yet. Close once it took the changes;
                // on an error the window stays open with the error next to the field.
                connect(
                    page, &SettingsPage::applyFinished, this,
                    [this](bool ok) {
                        if (ok) close();
                    },
                    Qt::SingleShotConnection);
                event->ignore();
                return;
            }
        }
    }
    QSettings settings;
    settings.setValue(u"mainWindow/geometry"_s, saveGeometry());
    settings.setValue(u"mainWindow/state"_s, saveState());
    settings.setValue(u"mainWindow/splitter"_s, m_splitter->saveState());
    settings.setValue(u"mainWindow/treeHeader"_s, m_tree->header()->saveState());
    event->accept();
}

void MainWindow::importConfig()
{
    EngineConnection* c = currentConnection();
    if (!c || !c->client()) return;
    const QString file = QFileDialog::getOpenFileName(this, tr("Import Instance Configuration"), QString(),
                                                      tr("Instance configurations (*.json);;All files (*)"));
    if (!file.isEmpty()) importFile(file);
}

void MainWindow::importFile(const QString& file)
{
    EngineConnection* c = currentConnection();
    if (!c || !c->client()) return;
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        QMessageBox::warning(this, tr("Import"), tr("%1 could not be read: %2").arg(file, f.errorString()));
        return;
    }
    // Read with a bound, not by the reported size: a FIFO or a /proc file reports 0 bytes.
    const QByteArray bytes = f.read(kMaxImportBytes + 1);
    if (bytes.size() > kMaxImportBytes) {
        QMessageBox::warning(this, tr("Import"),
                             tr("%1 is larger than 4 MB; it is not an instance configuration.").arg(file));
        return;
    }
    const QString text = QString::fromUtf8(bytes);
    importDocument(c, text, file, QString());
}

void MainWindow::importDocument(EngineConnection* c, const QString& text, const QString& file,
                                const QString& asId)
{
    // The engine checks and stores the whole document in one call; Cancel stops waiting for it
    // (the engine still finishes or refuses the import on its own).
    auto* progress = new QProgressDialog(tr("Importing %1...").arg(file), tr("Cancel"), 0, 0, this);
    progress->setObjectName(u"importProgress"_s);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    progress->setMinimumDuration(500);
    QPointer<QProgressDialog> dialog = progress;
    QPointer<MainWindow> self = this;
    QPointer<EngineConnection> conn = c;
    QJsonObject params{{u"text"_s, text}}; // as written, so the engine's errors name its lines
    if (!asId.isEmpty()) params.insert(u"as"_s, asId);
    c->client()->exec(
        rpc::Method::ConfigImport, params, [self, conn, file, text, dialog](const RpcResponse& r) {
            if (!dialog) return;
            const bool cancelled = dialog->wasCanceled();
            dialog->close(); // also when cancelled: WA_DeleteOnClose frees it only on close
            if (!self || cancelled) return;
            if (r.ok) {
                const QJsonValue inst = r.resultObject().value(u"instance"_s);
                const QString id =
                    inst.isObject() ? inst.toObject().value(u"id"_s).toString() : inst.toString();
                self->statusBar()->showMessage(tr("Imported instance %1.").arg(id), 10000);
                return;
            }
            const QJsonArray errors = r.error.data.toObject().value(u"errors"_s).toArray();
            const bool idTaken = r.error.code == rpc::ErrorCode::ImportFailed && errors.size() == 1 &&
                                 errors.first().toObject().value(u"key"_s).toString() == u"id"_s;
            if (!conn || !idTaken) {
                self->showError(tr("Import"), tr("%1 was not imported: %2").arg(file, r.errorText()));
                return;
            }
            // The instance exists already: offer another id (non-blocking, we are in a callback).
            auto* ask = new QInputDialog(self);
            ask->setObjectName(u"importAsDialog"_s);
            ask->setAttribute(Qt::WA_DeleteOnClose);
            ask->setWindowTitle(tr("Import"));
            ask->setLabelText(tr("%1\n\nImport it under this instance ID:").arg(r.errorText()));
            QObject::connect(ask, &QInputDialog::textValueSelected, self,
                             [self, conn, text, file](const QString& id) {
                                 if (self && conn && !id.trimmed().isEmpty())
                                     self->importDocument(conn, text, file, id.trimmed());
                             });
            ask->open();
        });
}

void MainWindow::showError(const QString& title, const QString& text)
{
    // Not QMessageBox::warning(): callers are RPC callbacks, which must not spin a nested loop.
    auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Close, this);
    box->setObjectName(u"errorBox"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::exportConfig()
{
    EngineConnection* c = currentConnection();
    const QString id = currentInstance();
    if (!c || !c->client()) return;
    if (id.isEmpty()) {
        QMessageBox::information(this, tr("Export"), tr("Select an instance in the tree first."));
        return;
    }
    const QString file =
        QFileDialog::getSaveFileName(this, tr("Export Instance Configuration"), id + u".json"_s,
                                     tr("Instance configurations (*.json);;All files (*)"));
    if (!file.isEmpty()) exportTo(file);
}

void MainWindow::exportTo(const QString& file)
{
    EngineConnection* c = currentConnection();
    const QString id = currentInstance();
    if (!c || !c->client() || id.isEmpty()) return;
    QPointer<MainWindow> self = this;
    c->client()->exec(
        rpc::Method::ConfigExport, QJsonObject{{field::id, id}}, [self, file, id](const RpcResponse& r) {
            if (!self) return;
            if (!r.ok) {
                self->showError(tr("Export"), tr("%1 was not exported: %2").arg(id, r.errorText()));
                return;
            }
            const QJsonValue doc = r.resultObject().value(field::document);
            const QByteArray bytes =
                doc.isObject() ? ExportFormat::text(doc.toObject()) : doc.toString().toUtf8();
            // Written aside and renamed over the target: a failed export leaves the old file whole.
            QSaveFile f(file);
            if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
                self->showError(tr("Export"), tr("%1 could not be written: %2").arg(file, f.errorString()));
                return;
            }
            self->statusBar()->showMessage(tr("Exported %1 to %2.").arg(id, file), 10000);
        });
}

void MainWindow::connectRemote()
{
    RemoteEngineDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted) return;
    QString error;
    const QSslConfiguration tls = dialog.tlsConfiguration(&error);
    if (dialog.remember()) {
        QPointer<MainWindow> self = this;
        m_remotes->remember({dialog.url(), dialog.caFile()}, dialog.token(), [self](const QString& why) {
            if (self && !why.isEmpty())
                self->statusBar()->showMessage(
                    tr("The token could not be stored in the system keychain: %1").arg(why), 15000);
        });
    }
    openRemote(dialog.url(), dialog.token(), tls);
}

void MainWindow::openRemote(const QUrl& url, const QString& token, const QSslConfiguration& tls)
{
    auto* connection = new EngineConnection(this);
    addConnection(connection);
    connection->connectRemote(url, token, tls);
}

void MainWindow::restoreRemoteEngines()
{
    for (const RemoteEngineStore::Entry& e : m_remotes->entries()) {
        QPointer<MainWindow> self = this;
        m_remotes->readToken(e.url, [self, e](const QString& token, const QString& error) {
            if (!self) return;
            if (token.isEmpty()) {
                self->statusBar()->showMessage(
                    tr("No token for %1 in the system keychain (%2); connect again under File.")
                        .arg(e.url.toString(), error),
                    15000);
                return;
            }
            QString caError;
            const QSslConfiguration tls = RemoteEngineDialog::tlsForCaFile(e.caFile, &caError);
            if (!caError.isEmpty()) {
                self->statusBar()->showMessage(tr("%1 not connected: %2").arg(e.url.toString(), caError),
                                               15000);
                return;
            }
            self->openRemote(e.url, token, tls);
        });
    }
}

void MainWindow::newInstance()
{
    EngineConnection* c = currentConnection();
    if (!c) return;
    auto* wizard = new NewInstanceWizard(c, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    connect(wizard, &NewInstanceWizard::instanceCreated, this, [this, c](const QString& id) {
        // The tree learns of the instance from the engine's notification; select it then.
        auto* once = new QObject(this);
        const auto trySelect = [this, c, id, once] {
            if (selectPage(c, ConsoleTreeModel::Page::General, id)) once->deleteLater();
        };
        connect(c, &EngineConnection::instancesChanged, once, trySelect);
        trySelect();
    });
    wizard->open();
}

void MainWindow::removeInstance()
{
    EngineConnection* c = currentConnection();
    const QString id = currentInstance();
    if (!c || id.isEmpty()) {
        QMessageBox::information(this, tr("Remove Instance"), tr("Select an instance in the tree first."));
        return;
    }
    if (QMessageBox::warning(
            this, tr("Remove Instance"),
            tr("Remove the instance %1 with its settings, logs and embedded directory?").arg(id),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No) != QMessageBox::Yes)
        return;
    removeInstanceCall(c, id, {});
}

void MainWindow::removeInstanceCall(EngineConnection* c, const QString& id, const QJsonObject& extra)
{
    QJsonObject params = extra;
    params.insert(u"id"_s, id);
    QPointer<MainWindow> self = this;
    QPointer<EngineConnection> conn = c;
    c->client()->exec(rpc::Method::InstanceDelete, params, [self, conn, id](const RpcResponse& r) {
        if (!self || !conn) return;
        if (r.ok) {
            const QString kept = r.resultObject().value(u"keptQueue"_s).toString();
            self->statusBar()->showMessage(
                kept.isEmpty() ? tr("Instance %1 removed.").arg(id)
                               : tr("Instance %1 removed; its queue is kept in %2.").arg(id, kept),
                15000);
            return;
        }
        if (r.error.code != rpc::ErrorCode::QueueNotEmpty) {
            self->showError(tr("Remove Instance"), tr("%1 was not removed: %2").arg(id, r.errorText()));
            return;
        }
        const int queued = r.error.data.toObject().value(u"queued"_s).toInt();
        // Not exec(): this runs inside an RPC callback, which must not spin a nested loop.
        auto* box =
            new QMessageBox(QMessageBox::Warning, tr("Remove Instance"),
                            tr("%1 still has %n unsent message(s) in its queue.", nullptr, queued).arg(id),
                            QMessageBox::Cancel, self);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->setObjectName(u"queueNotEmptyBox"_s);
        box->setInformativeText(
            tr("Keep the queue to move it aside for later delivery, or delete the messages."));
        QPushButton* keep = box->addButton(tr("&Keep Queue"), QMessageBox::AcceptRole);
        keep->setObjectName(u"keepQueue"_s);
        QPushButton* drop = box->addButton(tr("&Delete Messages"), QMessageBox::DestructiveRole);
        drop->setObjectName(u"deleteMessages"_s);
        box->setDefaultButton(keep);
        QObject::connect(box, &QMessageBox::finished, self, [self, conn, id, box, keep, drop] {
            if (!self || !conn) return;
            if (box->clickedButton() == keep)
                self->removeInstanceCall(conn, id, QJsonObject{{u"keepQueue"_s, true}});
            else if (box->clickedButton() == drop)
                self->removeInstanceCall(conn, id, QJsonObject{{u"force"_s, true}});
        });
        box->open();
    });
}

void MainWindow::testMessage()
{
    EngineConnection* c = currentConnection();
    QString id = currentInstance();
    if (c && id.isEmpty() && !c->instances().isEmpty())
        id = c->instances().first().toObject().value(u"id"_s).toString();
    if (!c || id.isEmpty()) {
        QMessageBox::information(this, tr("Send Test Message"), tr("Select an instance in the tree first."));
        return;
    }
    auto* dialog = new TestMessageDialog(c, id, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

} // namespace umgate
