// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <ldap.h>
#include <utility>

namespace umgate {

// One libldap connection and the configured server (and port) it goes to. Closing it unbinds.
struct LdapHandle
{
    LDAP* ld = nullptr;
    int server = -1;
    int port = 0;
    bool noSigPipe = false; // writeWithoutSigPipe() succeeded

    LdapHandle() = default;
    LdapHandle(const LdapHandle&) = delete;
    LdapHandle& operator=(const LdapHandle&) = delete;
    LdapHandle(LdapHandle&& other) noexcept { *this = std::move(other); }
    LdapHandle& operator=(LdapHandle&& other) noexcept
    {
        if (this != &other) {
            close();
            ld = std::exchange(other.ld, nullptr);
            server = std::exchange(other.server, -1);
            port = std::exchange(other.port, 0);
            noSigPipe = std::exchange(other.noSigPipe, false);
        }
        return *this;
    }
    ~LdapHandle() { close(); }

    void close();
    // The socket, or -1.
    int descriptor() const;
    // libldap writes with plain write(): to a server that has closed the connection that raises
    // SIGPIPE, which kills a process that does not ignore it (umgated does; the tests and the
    // benchmarks do not). This puts a layer under TLS that writes with MSG_NOSIGNAL, so such a
    // write just fails with EPIPE, on whichever thread. Call it once the socket is connected.
    bool writeWithoutSigPipe();
    // Tells libldap (through that layer) that the socket has data, as a socket notifier just
    // said: its next read goes to the socket without polling it first. Cleared by that read.
    void setSocketReadable(bool readable);
    // From now on no libldap call on this handle waits for the server: reads and writes return
    // at once when the socket has nothing (libldap keeps a partial message and goes on later).
    // The send buffer is made large enough for every request a connection keeps outstanding.
    bool makeNonBlocking(int sendBufferBytes);
    // Reads take whatever the socket holds (up to 16 KB) at once: an entry and the result after it
    // cost one read(), not four (libldap reads each message's header and body separately), and
    // libldap sees that an answer is already here without polling the socket (DATA_READY).
    bool readAhead();
};

} // namespace umgate
