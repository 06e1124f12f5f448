// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace umgate {

// Reads a file the CLI sends to the engine, never more than `limit` bytes: a named file must be a
// regular file (a FIFO or device could block or never end) whose size is checked before reading;
// "-" reads standard input, stopping at limit + 1 bytes. Too big, unreadable or not a regular
// file: nullopt and `error` says why.
std::optional<QByteArray> readBoundedInput(const QString& file, qint64 limit, QString* error);

// Reads a value given as "-" from stdin: from a terminal without echo after a "WHAT: " prompt,
// else all of it with one trailing newline dropped. nullopt when nothing could be read.
std::optional<QString> readStdinValue(const QString& what);

} // namespace umgate
