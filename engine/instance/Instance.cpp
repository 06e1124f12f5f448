// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/instance/Instance.h"

#include "engine/config/InstanceConfig.h"
#include "engine/core/Log.h"
#include "engine/core/RotatingLog.h"
#include "engine/delivery/InstanceMail.h"
#include "engine/directory/DirectoryService.h"
#include "engine/inbound/DailyCounts.h"
#include "engine/instance/InstanceParts.h"
#include "engine/secrets/SecretStore.h"

#include <QDir>
#include <QPointer>
#include <memory>

using namespace Qt::StringLiterals;

namespace umgate {

// Everything one apply() configures, taken from the same config snapshot.
struct Instance::Snapshot
{
    quint64 generation = 0;
    DirectoryService::Settings directory;
    std::optional<LdapClientConfig> ldap;
    std::optional<QString> ldapPasswordPath;
    std::optional<QString> listenerPasswordPath;
    std::optional<InstanceMail::Config> mail; // nothing when the instance is disabled
    QHash<QString, QString> passwords;        // secret path -> value, as read
};

Instance::Instance(const QString& id, const Paths& paths, QObject* parent)
    : QObject(parent), m_id(id), m_paths(paths),
      m_smtpLog(std::make_unique<RotatingLog>(
          Paths::instanceLogFileIn(paths.instanceDir(id), Paths::InstanceLog::SmtpConnection))),
      m_listener(new InstanceListener(id, this)), m_directory(new DirectoryService(this)),
      m_counts(std::make_shared<DailyCounts>(paths.instanceDir(id) + u"/"_s + Paths::dailyCounts()))
{
    connect(m_listener, &InstanceListener::stateChanged, this, &Instance::stateChanged);
}

Instance::~Instance()
{
    // The pipeline resolves through the directory: it goes first.
    stopMail();
    m_listener->stop();
    delete m_listener; // its connections write to m_smtpLog
}

// The listener's settings, with the hooks into this instance's mail pipeline: relayed mail and
// reports to senders go through its SMTPOut queue, whichever pipeline runs then.
InboundSettings Instance::inboundSettings(const InstanceConfig& config)
{
    InboundSettings inbound = InstanceParts::inbound(config, m_paths);
    inbound.directory = m_directory;
    inbound.policy.counts = m_counts;
    // Instances made before the daily counts had no folder for them.
    if (!QDir().mkpath(m_counts->dir()))
        Log::error(m_id, u"cannot create %1: daily limits cannot be counted"_s.arg(m_counts->dir()));
    inbound.relay = [self = QPointer<Instance>(this)](RelayRequest request,
                                                      std::function<void(bool, const QString&)> done) {
        if (!self || !self->m_mail) {
            done(false, u"the instance's mail queue is not running"_s);
            return;
        }
        self->m_mail->relay(request.mailId, request.sender, request.recipients, std::move(request.data),
                            std::move(done));
    };
    // Reports to senders go the way relayed mail goes (MailRoutes::smartHost); without any
    // server for it, the listener refuses such mails whole instead (SenderCheck).
    if (!config.get(keys::mailServer).isEmpty() || !config.get(keys::relaySmartHost).isEmpty() ||
        !config.get(keys::senders).isEmpty())
        inbound.reportRefused = [self = QPointer<Instance>(this)](const QString& mailId,
                                                                  DeliveryReport report, PartDone done) {
            if (!self || !self->m_mail) return done(false, u"the instance's mail queue is not running"_s);
            self->m_mail->reportRefused(mailId, std::move(report), std::move(done));
        };
    inbound.unknownSender = [self = QPointer<Instance>(this)](const QString& mailId, const QString& sender,
                                                              const QStringList& recipients,
                                                              const QString& reason) {
        if (self && self->m_mail) self->m_mail->noticeUnknownSender(mailId, sender, recipients, reason);
    };
    return inbound;
}

void Instance::apply(const InstanceConfig& config, const MiscSetup& misc, SecretStore* secrets)
{
    auto snapshot = std::make_shared<Snapshot>();
    snapshot->generation = ++m_generation;
    snapshot->directory = InstanceParts::directory(config, m_paths, misc);
    snapshot->ldap = InstanceParts::ldap(config, m_paths);
    snapshot->ldapPasswordPath = InstanceParts::ldapPasswordPath(config);
    snapshot->listenerPasswordPath = InstanceParts::listenerPasswordPath(config);
    QStringList wanted = InstanceParts::mailPasswordPaths(config);
    if (config.enabled) {
        snapshot->mail = InstanceParts::mail(config, m_paths, misc);
    } else {
        wanted.clear();
        stopMail();
    }
    m_smtpLog->setLimits(config.get(keys::smtpConnectionLog), config.get(keys::smtpConnectionLogSizeMb),
                         config.get(keys::smtpConnectionLogCount));
    m_listener->apply(config, inboundSettings(config), m_smtpLog.get());

    if (snapshot->ldapPasswordPath) wanted.prepend(*snapshot->ldapPasswordPath);
    if (snapshot->listenerPasswordPath && config.enabled) wanted.append(*snapshot->listenerPasswordPath);
    if (wanted.isEmpty() || !secrets) {
        if (snapshot->ldapPasswordPath && !secrets)
            Log::error(m_id, u"the LDAP bind password cannot be read: the secret store is unavailable"_s);
        if (wanted.size() > (snapshot->ldapPasswordPath ? 1 : 0) && !secrets)
            Log::error(m_id, u"the mail server and listener passwords cannot be read: the secret store is "
                             u"unavailable"_s);
        applyParts(*snapshot);
        return;
    }
    // All passwords asked for at once; the last answer configures the parts, unless a newer
    // apply() has come since.
    auto remaining = std::make_shared<qsizetype>(wanted.size());
    QPointer<Instance> self(this);
    for (const QString& path : wanted) {
        secrets->read(
            InstanceConfig::secretStoreKey(m_id, path),
            [self, snapshot, remaining, path](const std::optional<QString>& value, const QString& error) {
                if (!self) return;
                if (!error.isEmpty()) {
                    Log::error(self->m_id, path == snapshot->ldapPasswordPath
                                               ? u"the LDAP bind password cannot be read: %1"_s.arg(error)
                                               : u"password %1 cannot be read: %2"_s.arg(path, error));
                }
                snapshot->passwords.insert(path, value.value_or(QString()));
                if (--*remaining == 0 && snapshot->generation == self->m_generation)
                    self->applyParts(*snapshot);
            });
    }
}

void Instance::applyParts(const Snapshot& snapshot)
{
    // The directory first: the pipeline looks recipients up through it.
    if (snapshot.ldap) {
        LdapClientConfig ldap = *snapshot.ldap;
        if (snapshot.ldapPasswordPath) ldap.password = snapshot.passwords.value(*snapshot.ldapPasswordPath);
        m_directory->configure(snapshot.directory, &ldap);
    } else {
        m_directory->configure(snapshot.directory, nullptr);
    }
    m_listener->setAuthPassword(
        snapshot.listenerPasswordPath ? snapshot.passwords.value(*snapshot.listenerPasswordPath) : QString());
    if (!snapshot.mail) {
        stopMail();
        return;
    }
    InstanceMail::Config mail = *snapshot.mail;
    for (auto it = snapshot.passwords.begin(); it != snapshot.passwords.end(); ++it)
        if (it.key() != snapshot.ldapPasswordPath && it.key() != snapshot.listenerPasswordPath)
            mail.passwords.insert(it.key(), it.value());
    if (!m_mail) m_mail = new InstanceMail(*m_directory, m_smtpLog.get(), this);
    QString error;
    if (!m_mail->configure(mail, &error)) {
        Log::error(m_id, u"the mail queue cannot be opened: %1"_s.arg(error));
        stopMail();
    }
}

void Instance::stop()
{
    ++m_generation; // a password read still under way must not start the pipeline again
    stopMail();
    m_listener->stop();
}

void Instance::stopMail()
{
    delete m_mail;
    m_mail = nullptr;
}

} // namespace umgate
