// SPDX-License-Identifier: GPL-3.0-or-later
// Instance: one config snapshot configures the listener, the directory and the mail pipeline; the
// pipeline waits for its passwords, read in one pass under the instance's own secret keys, and a
// newer apply() or a stop() wins over a read still under way.
#include "engine/client/Paths.h"
#include "engine/config/InstanceConfig.h"
#include "engine/config/MiscSetup.h"
#include "engine/config/SettingKeys.h"
#include "engine/instance/Instance.h"
#include "engine/secrets/SecretStore.h"

#include <QDir>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <functional>

using namespace umgate;
using namespace Qt::StringLiterals;

namespace {

const QString kId = u"Inst1"_s;

// The secret store's interface, with the answers held until the test releases them: the only way
// to have a password read still under way while the configuration changes again. Values are kept
// in memory; the backends themselves are tested in tst_secretstore_file / _keychain.
class HeldSecretStore : public SecretStore
{
public:
    Backend backend() const override { return Backend::File; }
    QString description() const override { return u"held in memory"_s; }
    void read(const QString& key, ReadCallback done) override
    {
        asked << key;
        m_held.append([this, key, done] {
            done(values.contains(key) ? std::optional(values.value(key)) : std::nullopt, {});
        });
    }
    void write(const QString& key, const QString& value, DoneCallback done) override
    {
        values.insert(key, value);
        done({});
    }
    void remove(const QString& key, DoneCallback done) override
    {
        values.remove(key);
        done({});
    }
    qsizetype held() const { return m_held.size(); }
    // Answers every read asked so far, oldest first, as a slow keychain would at last.
    void release()
    {
        const QList<std::function<void()>> answers = std::exchange(m_held, {});
        for (const auto& answer : answers)
            answer();
    }

    QStringList asked;
    QHash<QString, QString> values;

private:
    QList<std::function<void()>> m_held;
};

int freePort()
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost) ? probe.serverPort() : 0;
}

} // namespace

class TestInstance : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    MiscSetup m_misc;

    Paths paths() const { return Paths(m_dir.path()); }

    InstanceConfig config(bool enabled, bool withPassword) const
    {
        InstanceConfig c = InstanceConfig::withDefaults(kId, u"Instance 1"_s);
        c.enabled = enabled;
        c.settings.insert(keys::listenAddress.toString(), u"127.0.0.1"_s);
        c.settings.insert(keys::listenPort.toString(), freePort());
        c.settings.insert(keys::mailServer.toString(), u"127.0.0.1"_s);
        if (withPassword) c.secretsSet << keys::mailPassword.toString();
        return c;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        for (const QString& sub : Paths::instanceSubdirs())
            QVERIFY(QDir().mkpath(paths().instanceDir(kId) + u'/' + sub));
    }

    // The pipeline starts only when its password is there, asked for under "ID/PATH".
    void thePipelineWaitsForItsPasswords()
    {
        HeldSecretStore secrets;
        const QString key = InstanceConfig::secretStoreKey(kId, keys::mailPassword.toString());
        QCOMPARE(key, kId + u"/mailSystem.authentication.password"_s);
        secrets.values.insert(key, u"s3cret"_s);
        Instance instance(kId, paths());
        instance.apply(config(true, true), m_misc, &secrets);
        QCOMPARE(secrets.asked, QStringList{key});
        QVERIFY2(!instance.mail(), "the pipeline ran before its password was read");
        QCOMPARE(instance.listener().state(), InstanceListener::State::Running); // the listener does not wait
        secrets.release();
        QVERIFY(instance.mail());
        QVERIFY(instance.directory());
    }

    // Disabled: the listener stops, the pipeline goes, the directory stays (the console lists its
    // users), and no password is read for a pipeline that will not run.
    void aDisabledInstanceKeepsOnlyItsDirectory()
    {
        HeldSecretStore secrets;
        Instance instance(kId, paths());
        instance.apply(config(true, false), m_misc, &secrets);
        QVERIFY(instance.mail());
        instance.apply(config(false, true), m_misc, &secrets);
        QVERIFY(!instance.mail());
        QVERIFY(instance.directory());
        QCOMPARE(instance.listener().state(), InstanceListener::State::Stopped);
        QVERIFY2(secrets.asked.isEmpty(), qPrintable(secrets.asked.join(u", "_s)));
    }

    // Enabled with a password read still under way, then disabled: when the slow answer comes, it
    // must not start the pipeline of the configuration that was replaced.
    void aNewerApplyWinsOverASlowerRead()
    {
        HeldSecretStore secrets;
        Instance instance(kId, paths());
        instance.apply(config(true, true), m_misc, &secrets);
        QCOMPARE(secrets.held(), 1);
        instance.apply(config(false, false), m_misc, &secrets);
        secrets.release();
        QVERIFY2(!instance.mail(), "an older apply()'s password read started the pipeline");

        // Two enabled snapshots in a row: only the newer one's answers configure the parts.
        instance.apply(config(true, true), m_misc, &secrets);
        instance.apply(config(true, true), m_misc, &secrets);
        QCOMPARE(secrets.held(), 2);
        secrets.release();
        QVERIFY(instance.mail());
    }

    // stop() (before the instance's folder is deleted) also outranks a read under way.
    void stopOutranksAReadUnderWay()
    {
        HeldSecretStore secrets;
        Instance instance(kId, paths());
        instance.apply(config(true, true), m_misc, &secrets);
        instance.stop();
        secrets.release();
        QVERIFY(!instance.mail());
        QCOMPARE(instance.listener().state(), InstanceListener::State::Stopped);
    }

    // No secret store (it failed to open): the pipeline runs without the password (logged) rather
    // than not at all, so mail for servers that need none still flows.
    void withoutASecretStoreThePipelineStillRuns()
    {
        Instance instance(kId, paths());
        instance.apply(config(true, true), m_misc, nullptr);
        QVERIFY(instance.mail());
    }
};

QTEST_GUILESS_MAIN(TestInstance)
#include "tst_instance.moc"
