// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/client/Paths.h"
#include "engine/instance/InstanceListener.h"

#include <QHash>
#include <QObject>
#include <memory>

namespace umgate {

class DailyCounts;

class DirectoryService;
class InstanceMail;
class MiscSetup;
class RotatingLog;
class SecretStore;
struct InstanceConfig;

// One connector instance as it runs (ixi-UMS 3.8): its SMTP listener, its directory
// (DirectoryService: LDAP or the embedded directory, with its cache) and its telephony -> e-mail
// pipeline (InstanceMail: spool intake, queue, delivery). apply() configures all three from one
// config snapshot, so they never run different configurations, and the pipeline resolves
// recipients through this instance's own directory: no part reaches into another manager.
class Instance : public QObject
{
    Q_OBJECT
public:
    Instance(const QString& id, const Paths& paths, QObject* parent = nullptr);
    ~Instance() override;

    QString id() const { return m_id; }

    // Applies a configuration snapshot. The listener follows at once (a disabled instance stops
    // listening at once, so an enabled one can take its port); the directory and the mail
    // pipeline follow when every password they need has been read, in one pass, and a newer
    // apply() wins over a slower read. A disabled instance keeps its directory (the console lists
    // its users) but runs no mail pipeline. `secrets` may be nullptr (store unavailable: logged).
    void apply(const InstanceConfig& config, const MiscSetup& misc, SecretStore* secrets);
    // Stops listening and the mail pipeline, e.g. before the instance's folder is deleted. The
    // next apply() starts them again.
    void stop();

    const InstanceListener& listener() const { return *m_listener; }
    DirectoryService* directory() const { return m_directory; }
    std::shared_ptr<DailyCounts> dailyCounts() const { return m_counts; }
    // nullptr while disabled, before the first apply() has finished, or when the queue could not
    // be opened (logged).
    InstanceMail* mail() const { return m_mail; }

signals:
    void stateChanged(const QString& id);

private:
    struct Snapshot;
    void applyParts(const Snapshot& snapshot);
    InboundSettings inboundSettings(const InstanceConfig& config);
    void stopMail();

    QString m_id;
    Paths m_paths;
    // The SMTP connection log (ixi-UMS 4.2.8): both directions write it, so the instance owns it.
    std::unique_ptr<RotatingLog> m_smtpLog;
    InstanceListener* m_listener = nullptr;
    DirectoryService* m_directory = nullptr;
    // Today's sends per user (daily limits); the listener's connections share it.
    std::shared_ptr<DailyCounts> m_counts;
    InstanceMail* m_mail = nullptr;
    quint64 m_generation = 0; // the newest apply(); an older one's password reads are dropped
};

// The engine's running instances by id: the one map every RPC area reads.
using Instances = QHash<QString, Instance*>;

} // namespace umgate
