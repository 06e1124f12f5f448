// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <tiffio.h>

namespace umgate {

// A TIFF held in memory for libtiff (TIFFClientOpenExt). The fax converter and the first-page
// preview read the bytes the intake read once from the spool descriptor: no path is opened again.
struct MemoryTiff
{
    const QByteArray* data = nullptr;
    toff_t pos = 0;
};

// Opens `data` read-only under `name` (for libtiff's messages). `mode` is "r" (libtiff may map the
// bytes) or "rm" (plain reads). `state` and `data` must outlive the returned TIFF*; `options` (error
// handlers) may be null. Null when libtiff refuses the data.
TIFF* openMemoryTiff(MemoryTiff& state, const QByteArray& data, const char* name, const char* mode,
                     TIFFOpenOptions* options);

} // namespace umgate
