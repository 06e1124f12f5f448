// SPDX-License-Identifier: GPL-3.0-or-later
// The kernel's fax TIFF -> PDF (engine/mail/FaxConverter, libtiff + libharu). FaxConverter reads
// a file today, so the input is written to one temporary file first; convert() is the one place
// that knows, for when FaxConverter takes the bytes in memory.
#include "engine/mail/FaxConverter.h"
#include "tests/fuzz/FuzzSupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace umgate;

namespace {

QTemporaryDir* g_dir = nullptr;

struct Converted
{
    std::optional<QByteArray> pdf;
    int pages = 0;
    int pageCount = 0; // tiffPageCount(), -1 on error
    QString error;
};

Converted convert(const QByteArray& tiff)
{
    const QString path = g_dir->filePath(QStringLiteral("fax.tif"));
    QFile f(path);
    fuzz::check(f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(tiff) == tiff.size(),
                "input written to the temporary TIFF");
    f.close();
    Converted c;
    c.pdf = FaxConverter::tiffToPdf(path, &c.error, &c.pages);
    QString countError;
    c.pageCount = FaxConverter::tiffPageCount(path, &countError);
    return c;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    g_dir = new QTemporaryDir(QDir::tempPath() + QStringLiteral("/umgate-fuzz-tiff-XXXXXX"));
    fuzz::check(g_dir->isValid(), "temporary folder");
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (!g_dir) LLVMFuzzerInitialize(nullptr, nullptr);
    const Converted c = convert(fuzz::bytes(data, size));
    if (!c.pdf) {
        fuzz::check(!c.error.isEmpty(), "a failed conversion says why");
        return 0;
    }
    fuzz::check(c.pdf->startsWith("%PDF-"), "the result is a PDF");
    fuzz::check(c.pages >= 1 && c.pages <= FaxConverter::kMaxPages, "1 to kMaxPages pages",
                QString::number(c.pages));
    return 0;
}
