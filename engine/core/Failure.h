// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace umgate {

// Why an operation failed: a kind the caller acts on, and the sentence for the administrator.
// The code that fails names the kind; the RPC layer picks its error code from it
// (rpc/RpcFailure.h) and never from the sentence.
struct Failure
{
    enum class Kind
    {
        Invalid,     // the request itself is wrong (a bad name, a missing parameter)
        NotFound,    // what it names does not exist
        Exists,      // what it would create exists already
        Io,          // the disk or the system failed
        Unavailable, // a service it needs does not answer (the secret store)
    };
    Kind kind = Kind::Io;
    QString message;
};

} // namespace umgate
