// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

// Shared by the fuzz targets. A target defines LLVMFuzzerTestOneInput (and, when it needs Qt set up
// once, LLVMFuzzerInitialize); libFuzzer drives it in the fuzz build, ReplayMain.cpp in the normal one.
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace umgate::fuzz {

inline QByteArray bytes(const uint8_t* data, size_t size)
{
    return QByteArray(reinterpret_cast<const char*>(data), qsizetype(size));
}

// An invariant of the code under test does not hold: report it and abort, which libFuzzer records
// as a crash with the input that caused it (and ReplayMain as a failed test).
[[noreturn]] inline void fail(const char* what, const QString& detail = {})
{
    std::fprintf(stderr, "fuzz invariant violated: %s %s\n", what, detail.toLocal8Bit().constData());
    std::abort();
}

inline void check(bool ok, const char* what, const QString& detail = {})
{
    if (!ok) fail(what, detail);
}

} // namespace umgate::fuzz
