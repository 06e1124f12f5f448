// SPDX-License-Identifier: GPL-3.0-or-later
#include "views/InformationPage.h"

#include "engine/client/RpcFields.h"
#include "models/console/EngineConnection.h"
#include "models/rpc/RpcClient.h"
#include "views/ErrorLabel.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace umgate {

namespace field = rpc::field;

InformationPage::InformationPage(EngineConnection* connection, QWidget* parent)
    : SettingsPage(parent), m_connection(connection)
{
    setObjectName(u"informationPage"_s);
    const auto value = [this](const QString& name) {
        auto* l = new QLabel(this);
        l->setObjectName(name);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        return l;
    };
    m_version = value(u"engineVersion"_s);
    m_protocol = value(u"protocolVersion"_s);
    m_consoleVersion = value(u"consoleVersion"_s);
    m_consoleVersion->setText(QStringLiteral(UMGATE_VERSION));
    m_pid = value(u"enginePid"_s);
    m_uptime = value(u"engineUptime"_s);
    m_dataDir = value(u"dataDir"_s);
    m_socket = value(u"socket"_s);
    m_secretStore = value(u"secretStore"_s);
    m_error = value(u"informationError"_s);
    ErrorLabel::markAsError(m_error);
    m_error->hide();

    auto* versions = new QGroupBox(tr("Versions"), this);
    auto* vf = new QFormLayout(versions);
    vf->addRow(tr("Engine:"), m_version);
    vf->addRow(tr("Console:"), m_consoleVersion);
    vf->addRow(tr("RPC protocol:"), m_protocol);
    vf->addRow(tr("Process ID:"), m_pid);
    vf->addRow(tr("Running for:"), m_uptime);
    auto* paths = new QGroupBox(tr("Paths"), this);
    auto* pf = new QFormLayout(paths);
    pf->addRow(tr("Data directory:"), m_dataDir);
    pf->addRow(tr("RPC socket:"), m_socket);
    pf->addRow(tr("Secret store:"), m_secretStore);

    m_instances = new QTreeWidget(this);
    m_instances->setObjectName(u"instances"_s);
    m_instances->setRootIsDecorated(false);
    m_instances->setHeaderLabels(
        {tr("ID"), tr("Name"), tr("State"), tr("Listening on"), tr("Queued"), tr("Folder"), tr("Problems")});
    auto* instancesBox = new QGroupBox(tr("Instances"), this);
    auto* il = new QVBoxLayout(instancesBox);
    il->addWidget(m_instances);

    auto* refresh = new QPushButton(tr("&Refresh"), this);
    refresh->setObjectName(u"refresh"_s);
    connect(refresh, &QPushButton::clicked, this, &InformationPage::load);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_error);
    layout->addWidget(versions);
    layout->addWidget(paths);
    layout->addWidget(instancesBox, 1);
    layout->addWidget(refresh, 0, Qt::AlignRight);

    if (m_connection)
        connect(m_connection, &EngineConnection::instancesChanged, this, &InformationPage::load);
    load();
}

QString InformationPage::title() const
{
    return tr("Information");
}

void InformationPage::apply()
{
    emit applyFinished(true, QString());
}

void InformationPage::load()
{
    if (!m_connection || !m_connection->client()) return;
    m_protocol->setText(QString::number(m_connection->client()->serverInfo().value(u"protocol"_s).toInt()));
    QPointer<InformationPage> self = this;
    m_connection->client()->exec(rpc::Method::EngineStatus, {}, [self](const RpcResponse& r) {
        if (!self) return;
        if (!r.ok) {
            self->m_error->setText(tr("The engine status could not be read: %1").arg(r.errorText()));
            self->m_error->show();
            return;
        }
        self->m_error->hide();
        const QJsonObject s = r.resultObject();
        self->m_version->setText(s.value(field::version).toString());
        self->m_pid->setText(QString::number(s.value(field::pid).toInteger()));
        const qint64 up = s.value(field::uptimeSeconds).toInteger();
        self->m_uptime->setText(tr("%1 h %2 min %3 s").arg(up / 3600).arg((up / 60) % 60).arg(up % 60));
        self->m_dataDir->setText(s.value(field::dataDir).toString());
        self->m_socket->setText(s.value(field::socket).toString());
        self->m_secretStore->setText(s.value(field::secretStore).toString());
        self->m_instances->clear();
        for (const auto& v : s.value(field::instances).toArray()) {
            const QJsonObject i = v.toObject();
            // Why it does not listen, or what keeps it from taking mail, in the engine's words.
            QStringList problems;
            if (i.contains(field::error)) problems << i.value(field::error).toString();
            for (const auto& w : i.value(field::warnings).toArray())
                problems << w.toString();
            new QTreeWidgetItem(self->m_instances,
                                {i.value(field::id).toString(), i.value(field::name).toString(),
                                 i.value(field::state).toString(), i.value(field::listen).toString(),
                                 QString::number(i.value(field::queued).toInt()),
                                 i.value(field::directory).toString(), problems.join(u"; "_s)});
        }
        for (const auto& v : s.value(field::brokenInstances).toArray()) {
            const QJsonObject i = v.toObject();
            new QTreeWidgetItem(self->m_instances,
                                {i.value(field::id).toString(), QString(), tr("broken"), QString(), QString(),
                                 QString(), i.value(field::reason).toString()});
        }
        self->m_instances->header()->resizeSections(QHeaderView::ResizeToContents);
    });
}

} // namespace umgate
