// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/core/Failure.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace umgate {

// Bearer tokens for remote administrators. Only SHA-256 hashes are stored (DATA/rpc-tokens.json,
// 0600), so the file is useless to a reader; the token itself is shown once when created.
class AdminTokens
{
public:
    struct Token
    {
        QString name;
        QByteArray sha256; // hex
        QDateTime created;
    };

    explicit AdminTokens(const QString& path);

    bool load(QString* error);
    // Returns the new token, or nullopt with why: Invalid (the name), Exists (the name is taken),
    // Io (the file was not written).
    std::optional<QString> add(const QString& name, Failure* failure);
    // NotFound (no such token) or Io.
    bool remove(const QString& name, Failure* failure);
    QList<Token> tokens() const { return m_tokens; }
    // The admin's name when the token matches one (constant-time compare), else nullopt.
    std::optional<QString> verify(const QByteArray& token) const;

private:
    bool save(QString* error) const;

    QString m_path;
    QList<Token> m_tokens;
};

// Constant-time comparison for secrets of equal length.
bool constantTimeEquals(const QByteArray& a, const QByteArray& b);

} // namespace umgate
