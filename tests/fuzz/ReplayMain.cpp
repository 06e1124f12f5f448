// SPDX-License-Identifier: GPL-3.0-or-later
// The driver of the normal build: runs a fuzz target once over every file in the folders (or
// files) given, so the corpus and every regression input run in the normal test suite without
// libFuzzer (gcc builds have none). A crash or a violated invariant aborts, which fails the test.
#include "tests/fuzz/FuzzSupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <cstdio>

// Targets that need no set-up do not define it; the fuzz build's libFuzzer treats it as optional too.
extern "C" __attribute__((weak)) int LLVMFuzzerInitialize(int* argc, char*** argv);

namespace {

bool runFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
        return false;
    }
    const QByteArray data = file.readAll();
    std::fprintf(stderr, "input %s (%lld bytes)\n", qPrintable(path), static_cast<long long>(data.size()));
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(data.constData()), size_t(data.size()));
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    if (LLVMFuzzerInitialize) LLVMFuzzerInitialize(&argc, &argv);
    int files = 0;
    bool ok = true;
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        if (QFileInfo(arg).isDir()) {
            const QFileInfoList entries = QDir(arg).entryInfoList(QDir::Files, QDir::Name);
            for (const QFileInfo& entry : entries) {
                ok = runFile(entry.filePath()) && ok;
                ++files;
            }
        } else {
            ok = runFile(arg) && ok;
            ++files;
        }
    }
    std::fprintf(stderr, "%d inputs run\n", files);
    // An empty corpus is a mistake in the test set-up, not a pass.
    return ok && files > 0 ? 0 : 1;
}
