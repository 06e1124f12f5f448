// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QSslConfiguration>
#include <QString>
#include <optional>

namespace umgate::TlsFiles {

// A server's TLS configuration from a PEM certificate (chain) file and a PEM key file (RSA or EC,
// not encrypted): TLS 1.2 or later, no client certificates asked for. Nothing, and the reason in
// `error`, when either file cannot be read or holds no certificate or key. Used by the remote RPC
// listener and the instances' SMTP listeners.
std::optional<QSslConfiguration> serverConfiguration(const QString& certificatePath, const QString& keyPath,
                                                     QString* error);

} // namespace umgate::TlsFiles
