// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/rpc/AdminTokens.h"

#include "engine/core/AtomicFile.h"
#include "engine/core/VersionedJson.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <openssl/crypto.h>
#include <openssl/rand.h>

namespace umgate {

namespace {
const QString kFormat = QStringLiteral("umgate-admin-tokens");
QByteArray hashHex(const QByteArray& token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex();
}
} // namespace

bool constantTimeEquals(const QByteArray& a, const QByteArray& b)
{
    if (a.size() != b.size()) return false;
    return CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

AdminTokens::AdminTokens(const QString& path) : m_path(path) {}

bool AdminTokens::load(QString* error)
{
    m_tokens.clear();
    const auto root = VersionedJson::read(m_path, kFormat, 1, error);
    if (!root) return false;
    for (const auto& v : root->value(QStringLiteral("tokens")).toArray()) {
        const QJsonObject o = v.toObject();
        m_tokens.append(
            Token{o.value(QStringLiteral("name")).toString(),
                  o.value(QStringLiteral("sha256")).toString().toLatin1(),
                  QDateTime::fromString(o.value(QStringLiteral("created")).toString(), Qt::ISODate)});
    }
    return true;
}

bool AdminTokens::save(QString* error) const
{
    QJsonArray list;
    for (const Token& t : m_tokens)
        list.append(QJsonObject{{QStringLiteral("name"), t.name},
                                {QStringLiteral("sha256"), QString::fromLatin1(t.sha256)},
                                {QStringLiteral("created"), t.created.toString(Qt::ISODate)}});
    const QJsonObject root{{QStringLiteral("format"), kFormat},
                           {QStringLiteral("version"), 1},
                           {QStringLiteral("tokens"), list}};
    return AtomicFile::write(m_path, QJsonDocument(root).toJson(), error, 0600);
}

std::optional<QString> AdminTokens::add(const QString& name, Failure* failure)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$"));
    if (!valid.match(name).hasMatch()) {
        *failure = {Failure::Kind::Invalid,
                    QStringLiteral("token names are 1-64 letters, digits, '.', '_', '@' or '-'")};
        return std::nullopt;
    }
    for (const Token& t : m_tokens)
        if (t.name == name) {
            *failure = {Failure::Kind::Exists,
                        QStringLiteral("a token named %1 exists; remove it first").arg(name)};
            return std::nullopt;
        }
    QByteArray raw(32, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), int(raw.size())) != 1) {
        *failure = {Failure::Kind::Io, QStringLiteral("no randomness available")};
        return std::nullopt;
    }
    const QByteArray token =
        "ugt_" + raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    m_tokens.append(Token{name, hashHex(token), QDateTime::currentDateTimeUtc()});
    if (QString error; !save(&error)) {
        m_tokens.removeLast();
        *failure = {Failure::Kind::Io, error};
        return std::nullopt;
    }
    return QString::fromLatin1(token);
}

bool AdminTokens::remove(const QString& name, Failure* failure)
{
    for (qsizetype i = 0; i < m_tokens.size(); ++i) {
        if (m_tokens.at(i).name != name) continue;
        const Token removed = m_tokens.takeAt(i);
        if (QString error; !save(&error)) {
            m_tokens.insert(i, removed);
            *failure = {Failure::Kind::Io, error};
            return false;
        }
        return true;
    }
    *failure = {Failure::Kind::NotFound, QStringLiteral("no token named %1").arg(name)};
    return false;
}

std::optional<QString> AdminTokens::verify(const QByteArray& token) const
{
    const QByteArray h = hashHex(token);
    std::optional<QString> match;
    for (const Token& t : m_tokens)
        if (constantTimeEquals(h, t.sha256)) match = t.name; // no early exit: same time for every token
    return match;
}

} // namespace umgate
