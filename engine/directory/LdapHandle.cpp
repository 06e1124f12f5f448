// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/directory/LdapHandle.h"

#include <cstdint>
#include <lber.h>
#include <sys/socket.h>

namespace umgate {

namespace {

// Between the TLS layer (level 20) and the socket's own layers (10): reads and controls pass
// down unchanged, writes go straight to the socket.
constexpr int kNoSigPipeLevel = (LBER_SBIOD_LEVEL_PROVIDER + LBER_SBIOD_LEVEL_TRANSPORT) / 2;

int noSigPipeSetup(Sockbuf_IO_Desc* sbiod, void* arg)
{
    sbiod->sbiod_pvt = arg; // the descriptor
    return 0;
}

int noSigPipeCtrl(Sockbuf_IO_Desc* sbiod, int opt, void* arg)
{
    return LBER_SBIOD_CTRL_NEXT(sbiod, opt, arg);
}

ber_slen_t noSigPipeRead(Sockbuf_IO_Desc* sbiod, void* buf, ber_len_t len)
{
    return LBER_SBIOD_READ_NEXT(sbiod, buf, len);
}

ber_slen_t noSigPipeWrite(Sockbuf_IO_Desc* sbiod, void* buf, ber_len_t len)
{
    const int fd = int(reinterpret_cast<std::intptr_t>(sbiod->sbiod_pvt));
    return ::send(fd, buf, len, MSG_NOSIGNAL);
}

Sockbuf_IO noSigPipeIo = {noSigPipeSetup, nullptr, noSigPipeCtrl, noSigPipeRead, noSigPipeWrite, nullptr};

} // namespace

void LdapHandle::close()
{
    if (ld) ldap_unbind_ext_s(ld, nullptr, nullptr);
    ld = nullptr;
    server = -1;
    port = 0;
    noSigPipe = false;
}

int LdapHandle::descriptor() const
{
    int fd = -1;
    if (!ld || ldap_get_option(ld, LDAP_OPT_DESC, &fd) != LDAP_OPT_SUCCESS) return -1;
    return fd;
}

bool LdapHandle::writeWithoutSigPipe()
{
    Sockbuf* sb = nullptr;
    const int fd = descriptor();
    if (fd < 0 || ldap_get_option(ld, LDAP_OPT_SOCKBUF, &sb) != LDAP_OPT_SUCCESS || !sb) return false;
    noSigPipe = ber_sockbuf_add_io(sb, &noSigPipeIo, kNoSigPipeLevel,
                                   reinterpret_cast<void*>(std::intptr_t(fd))) == 0;
    return noSigPipe;
}

bool LdapHandle::makeNonBlocking(int sendBufferBytes)
{
    Sockbuf* sb = nullptr;
    const int fd = descriptor();
    if (fd < 0 || ldap_get_option(ld, LDAP_OPT_SOCKBUF, &sb) != LDAP_OPT_SUCCESS || !sb) return false;
    // Best effort: the caller limits what it keeps outstanding to what fits anyway.
    ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sendBufferBytes, sizeof sendBufferBytes);
    return ber_sockbuf_ctrl(sb, LBER_SB_OPT_SET_NONBLOCK, reinterpret_cast<void*>(1)) == 1;
}

} // namespace umgate
