// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/client/EngineTarget.h"

#include "engine/client/Paths.h"

#include <QFile>
#include <QSslCertificate>

using namespace Qt::StringLiterals;

namespace umgate {

namespace {
constexpr qint64 kMaxTokenBytes = 4096; // tokens are 64 hex digits; never read a huge file whole
}

bool EngineTarget::fromOptions(const Options& options, EngineTarget* target, QString* error)
{
    *target = EngineTarget();
    target->m_tokenFile = options.tokenFile;
    if (options.connectUrl.isEmpty()) {
        target->m_dataDir = options.dataDir.isEmpty() ? Paths::defaultDataDir() : options.dataDir;
        return true;
    }
    const QUrl url(options.connectUrl, QUrl::StrictMode);
    if (!isEngineUrl(url)) {
        *error = u"--connect expects umgate://HOST:PORT, got %1"_s.arg(options.connectUrl);
        return false;
    }
    target->m_url = url;
    if (!options.tokenFile.isEmpty()) {
        target->m_token = readToken(options.tokenFile, error);
        if (!error->isEmpty()) return false;
    } else {
        target->m_token = qEnvironmentVariable("UMGATE_TOKEN").trimmed();
    }
    if (target->m_token.isEmpty()) {
        *error = u"--connect needs an admin token: --token-file FILE or UMGATE_TOKEN"_s;
        return false;
    }
    const QString caFile =
        !options.caFile.isEmpty() ? options.caFile : qEnvironmentVariable("UMGATE_CA_FILE");
    const std::optional<QSslConfiguration> tls = tlsForCaFile(caFile);
    if (!tls) {
        *error = u"no PEM certificate in %1"_s.arg(caFile);
        return false;
    }
    target->m_tls = *tls;
    return true;
}

QString EngineTarget::socketFile() const
{
    return Paths(m_dataDir).socketFile();
}

QString EngineTarget::cookieFile() const
{
    return Paths(m_dataDir).cookieFile();
}

QString EngineTarget::localToken(QString* error) const
{
    return readToken(m_tokenFile.isEmpty() ? cookieFile() : m_tokenFile, error);
}

QString EngineTarget::displayName() const
{
    return isRemote() ? m_url.toString() : socketFile();
}

bool EngineTarget::isEngineUrl(const QUrl& url)
{
    return url.isValid() && url.scheme() == "umgate"_L1 && !url.host().isEmpty() && url.port() > 0;
}

QString EngineTarget::readToken(const QString& path, QString* error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1: %2"_s.arg(path, f.errorString());
        return {};
    }
    return QString::fromUtf8(f.read(kMaxTokenBytes)).trimmed();
}

std::optional<QSslConfiguration> EngineTarget::tlsForCaFile(const QString& file)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (file.trimmed().isEmpty()) return tls;
    const QList<QSslCertificate> certs = QSslCertificate::fromPath(file.trimmed(), QSsl::Pem);
    if (certs.isEmpty()) return std::nullopt;
    tls.setCaCertificates(certs);
    return tls;
}

} // namespace umgate
