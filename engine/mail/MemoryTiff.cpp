// SPDX-License-Identifier: GPL-3.0-or-later
#include "MemoryTiff.h"

#include <algorithm>
#include <cstring>
#include <limits>

namespace umgate {

namespace {

tmsize_t memRead(thandle_t h, void* buf, tmsize_t size)
{
    auto* m = static_cast<MemoryTiff*>(h);
    const toff_t total = toff_t(m->data->size());
    if (size <= 0 || m->pos >= total) return 0;
    const tmsize_t n = tmsize_t(std::min<toff_t>(toff_t(size), total - m->pos));
    std::memcpy(buf, m->data->constData() + m->pos, size_t(n));
    m->pos += toff_t(n);
    return n;
}

tmsize_t memWrite(thandle_t, void*, tmsize_t)
{
    return 0; // read only
}

toff_t memSeek(thandle_t h, toff_t off, int whence)
{
    auto* m = static_cast<MemoryTiff*>(h);
    const toff_t total = toff_t(m->data->size());
    toff_t base = 0;
    if (whence == SEEK_CUR) base = m->pos;
    if (whence == SEEK_END) base = total;
    // Offsets come from the file: past the end is allowed (a read there returns nothing), a
    // wrap-around is not.
    if (off > std::numeric_limits<toff_t>::max() - base) return toff_t(-1);
    m->pos = base + off;
    return m->pos;
}

int memClose(thandle_t)
{
    return 0;
}

toff_t memSize(thandle_t h)
{
    return toff_t(static_cast<MemoryTiff*>(h)->data->size());
}

int memMap(thandle_t h, void** base, toff_t* size)
{
    auto* m = static_cast<MemoryTiff*>(h);
    *base = const_cast<char*>(m->data->constData());
    *size = toff_t(m->data->size());
    return 1;
}

void memUnmap(thandle_t, void*, toff_t) {}

} // namespace

TIFF* openMemoryTiff(MemoryTiff& state, const QByteArray& data, const char* name, const char* mode,
                     TIFFOpenOptions* options)
{
    state.data = &data;
    state.pos = 0;
    return TIFFClientOpenExt(name, mode, &state, memRead, memWrite, memSeek, memClose, memSize, memMap,
                             memUnmap, options);
}

} // namespace umgate
