// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/directory/LdapHandle.h"

#include <cstdint>
#include <lber.h>
#include <sys/socket.h>

namespace umgate {

namespace {

// Between the TLS layer (level 20) and the socket's own layers (10): writes go straight to the
// socket with MSG_NOSIGNAL; reads pass down, and so do controls but for the two below.
constexpr int kSocketLayerLevel = (LBER_SBIOD_LEVEL_PROVIDER + LBER_SBIOD_LEVEL_TRANSPORT) / 2;
// Our own control: arg != nullptr means "the socket is readable", nullptr "nothing known".
constexpr int kOptSocketReadable = LBER_SB_OPT_OPT_MAX + 1;

struct SocketLayer
{
    int fd = -1;
    bool readable = false; // the event loop saw the socket readable, and nothing read since
};

int socketLayerSetup(Sockbuf_IO_Desc* sbiod, void* arg)
{
    sbiod->sbiod_pvt = new SocketLayer{int(reinterpret_cast<std::intptr_t>(arg))};
    return 0;
}

int socketLayerRemove(Sockbuf_IO_Desc* sbiod)
{
    delete static_cast<SocketLayer*>(sbiod->sbiod_pvt);
    sbiod->sbiod_pvt = nullptr;
    return 0;
}

int socketLayerCtrl(Sockbuf_IO_Desc* sbiod, int opt, void* arg)
{
    auto* layer = static_cast<SocketLayer*>(sbiod->sbiod_pvt);
    if (opt == kOptSocketReadable) {
        layer->readable = arg != nullptr;
        return 1;
    }
    // libldap polls the socket before it reads unless a layer says data is there.
    if (opt == LBER_SB_OPT_DATA_READY && layer->readable) return 1;
    return LBER_SBIOD_CTRL_NEXT(sbiod, opt, arg);
}

ber_slen_t socketLayerRead(Sockbuf_IO_Desc* sbiod, void* buf, ber_len_t len)
{
    static_cast<SocketLayer*>(sbiod->sbiod_pvt)->readable = false;
    return LBER_SBIOD_READ_NEXT(sbiod, buf, len);
}

ber_slen_t socketLayerWrite(Sockbuf_IO_Desc* sbiod, void* buf, ber_len_t len)
{
    return ::send(static_cast<SocketLayer*>(sbiod->sbiod_pvt)->fd, buf, len, MSG_NOSIGNAL);
}

Sockbuf_IO socketLayerIo = {socketLayerSetup, socketLayerRemove, socketLayerCtrl,
                            socketLayerRead,  socketLayerWrite,  nullptr};

Sockbuf* sockbufOf(LDAP* ld)
{
    Sockbuf* sb = nullptr;
    if (!ld || ldap_get_option(ld, LDAP_OPT_SOCKBUF, &sb) != LDAP_OPT_SUCCESS) return nullptr;
    return sb;
}

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
    Sockbuf* sb = sockbufOf(ld);
    const int fd = descriptor();
    if (fd < 0 || !sb) return false;
    // liblber hands this argument to the layer's setup as a void*; the layer only needs the fd.
    void* const arg = reinterpret_cast<void*>(std::intptr_t(fd)); // NOLINT(performance-no-int-to-ptr)
    noSigPipe = ber_sockbuf_add_io(sb, &socketLayerIo, kSocketLayerLevel, arg) == 0;
    return noSigPipe;
}

void LdapHandle::setSocketReadable(bool readable)
{
    if (Sockbuf* sb = noSigPipe ? sockbufOf(ld) : nullptr)
        ber_sockbuf_ctrl(sb, kOptSocketReadable, readable ? sb : nullptr);
}

bool LdapHandle::makeNonBlocking(int sendBufferBytes)
{
    Sockbuf* sb = sockbufOf(ld);
    const int fd = descriptor();
    if (fd < 0 || !sb) return false;
    // Best effort: the caller limits what it keeps outstanding to what fits anyway.
    ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sendBufferBytes, sizeof sendBufferBytes);
    return ber_sockbuf_ctrl(sb, LBER_SB_OPT_SET_NONBLOCK, reinterpret_cast<void*>(1)) == 1;
}

bool LdapHandle::readAhead()
{
    Sockbuf* sb = sockbufOf(ld);
    if (!sb) return false;
    // Right above the socket, under the SIGPIPE layer and TLS: TLS records are read whole too.
    return ber_sockbuf_add_io(sb, &ber_sockbuf_io_readahead, LBER_SBIOD_LEVEL_PROVIDER, nullptr) == 0;
}

} // namespace umgate
