// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <optional>

namespace umgate {

// Reads a file of the kernel spool once, from one descriptor: openat(spool, name, O_NOFOLLOW |
// O_NONBLOCK), fstat on that descriptor (a regular file, at most `maxBytes`), read from it. A name
// that is (or is swapped for) a symbolic link, a FIFO or a device is refused; nothing checks a
// name and then opens it again, so a writer racing the engine cannot make it mail a file from
// outside the spool. A FIFO never blocks: O_NONBLOCK on open, and fstat refuses it before any read.
class SpoolFile
{
public:
    // `name` must be a plain file name (no '/'). The bytes, or nothing with *error saying why.
    // *missing is set when the name does not exist (taken away meanwhile: not an error of the file).
    static std::optional<QByteArray> read(int dirFd, const QString& name, qint64 maxBytes, QString* error,
                                          bool* missing = nullptr);
    // The same with the spool folder given by path (the folder itself is configuration, trusted).
    static std::optional<QByteArray> read(const QString& dir, const QString& name, qint64 maxBytes,
                                          QString* error, bool* missing = nullptr);
};

} // namespace umgate
