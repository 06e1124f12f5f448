// SPDX-License-Identifier: GPL-3.0-or-later
// FaxConverter: multi-page fax TIFFs written here with libtiff (G4 fine/normal resolution, 8-bit
// grey), converted to PDF and checked with poppler's pdfinfo/pdftoppm.
#include "engine/mail/FaxConverter.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <tiffio.h>
#include <unistd.h>

using namespace umgate;
using namespace Qt::StringLiterals;

namespace {

struct PageSpec
{
    uint32_t width;
    uint32_t height;
    float xDpi;
    float yDpi;
    int bits; // 1 (CCITT, min-is-white), 8 (grey, min-is-black) or 24 (RGB, LZW)
    uint16_t compression = COMPRESSION_CCITTFAX4; // for bits == 1: G4 or G3
};

// A page whose top-left quarter is black and the rest white, so polarity can be checked.
bool writeTiff(const QString& path, const QList<PageSpec>& pages)
{
    TIFF* tiff = TIFFOpen(QFile::encodeName(path).constData(), "w");
    if (!tiff) return false;
    for (const PageSpec& p : pages) {
        TIFFSetField(tiff, TIFFTAG_IMAGEWIDTH, p.width);
        TIFFSetField(tiff, TIFFTAG_IMAGELENGTH, p.height);
        TIFFSetField(tiff, TIFFTAG_BITSPERSAMPLE, uint16_t(p.bits == 24 ? 8 : p.bits));
        TIFFSetField(tiff, TIFFTAG_SAMPLESPERPIXEL, uint16_t(p.bits == 24 ? 3 : 1));
        TIFFSetField(tiff, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
        TIFFSetField(tiff, TIFFTAG_XRESOLUTION, p.xDpi);
        TIFFSetField(tiff, TIFFTAG_YRESOLUTION, p.yDpi);
        TIFFSetField(tiff, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
        TIFFSetField(tiff, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE);
        if (p.bits == 1) {
            TIFFSetField(tiff, TIFFTAG_COMPRESSION, p.compression);
            if (p.compression == COMPRESSION_CCITTFAX3)
                TIFFSetField(tiff, TIFFTAG_GROUP3OPTIONS,
                             uint32_t(GROUP3OPT_2DENCODING | GROUP3OPT_FILLBITS));
            TIFFSetField(tiff, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE);
            TIFFSetField(tiff, TIFFTAG_ROWSPERSTRIP, p.height);
        } else if (p.bits == 24) {
            TIFFSetField(tiff, TIFFTAG_COMPRESSION, COMPRESSION_LZW);
            TIFFSetField(tiff, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_RGB);
            TIFFSetField(tiff, TIFFTAG_ROWSPERSTRIP, 32);
        } else {
            TIFFSetField(tiff, TIFFTAG_COMPRESSION, COMPRESSION_ADOBE_DEFLATE);
            TIFFSetField(tiff, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
            TIFFSetField(tiff, TIFFTAG_ROWSPERSTRIP, 64);
        }
        const tmsize_t lineBytes = TIFFScanlineSize(tiff);
        QByteArray line(lineBytes, '\0');
        for (uint32_t row = 0; row < p.height; ++row) {
            const bool topHalf = row < p.height / 2;
            for (uint32_t x = 0; x < p.width; ++x) {
                const bool black = topHalf && x < p.width / 2;
                if (p.bits == 1) {
                    if (black)
                        line[x / 8] = char(uchar(line[x / 8]) | (0x80 >> (x % 8)));
                    else
                        line[x / 8] = char(uchar(line[x / 8]) & ~(0x80 >> (x % 8)));
                } else if (p.bits == 24) {
                    const qsizetype i = qsizetype{x} * 3;
                    line[i] = line[i + 1] = line[i + 2] = char(black ? 0 : 255);
                } else {
                    line[x] = char(black ? 0 : 255);
                }
            }
            if (TIFFWriteScanline(tiff, line.data(), row, 0) < 0) {
                TIFFClose(tiff);
                return false;
            }
        }
        TIFFWriteDirectory(tiff);
    }
    TIFFClose(tiff);
    return true;
}

QString run(const QString& program, const QStringList& args, int* exitCode = nullptr)
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished(5000);
    }
    if (exitCode) *exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return QString::fromUtf8(p.readAllStandardOutput());
}

// (width, height) in points of each page according to pdfinfo.
QList<QSizeF> pdfPageSizes(const QString& pdfPath)
{
    const QString info = run(u"pdfinfo"_s, {u"-f"_s, u"1"_s, u"-l"_s, u"9999"_s, pdfPath});
    QList<QSizeF> sizes;
    static const QRegularExpression re(uR"(Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+) pts)"_s);
    auto it = re.globalMatch(info);
    while (it.hasNext()) {
        const auto m = it.next();
        sizes.append(QSizeF(m.captured(1).toDouble(), m.captured(2).toDouble()));
    }
    return sizes;
}

// The grey value at a relative position of a binary PGM (P5) file.
int pgmValue(const QByteArray& pgm, double rx, double ry)
{
    const QList<QByteArray> fields = pgm.left(64).simplified().split(' ');
    if (fields.size() < 4 || fields.at(0) != "P5") return -1;
    const int w = fields.at(1).toInt(), h = fields.at(2).toInt();
    const qsizetype dataStart = pgm.size() - qsizetype(w) * h;
    const int x = int(rx * w), y = int(ry * h);
    return uchar(pgm.at(dataStart + qsizetype(y) * w + x));
}

bool nearA4(const QSizeF& s)
{
    // A fax page is 215 mm wide (1728 dots at 204 dpi): within 5 % of A4 (595 x 842 pt).
    return std::abs(s.width() - 595.0) < 30 && std::abs(s.height() - 842.0) < 42;
}

// `count` white pages (G4 bilevel or deflated 8-bit grey): tiny files, huge when decoded.
bool writeWhitePages(const QString& path, int count, uint32_t width, uint32_t height, int bits)
{
    TIFF* tiff = TIFFOpen(QFile::encodeName(path).constData(), "w");
    if (!tiff) return false;
    for (int page = 0; page < count; ++page) {
        TIFFSetField(tiff, TIFFTAG_IMAGEWIDTH, width);
        TIFFSetField(tiff, TIFFTAG_IMAGELENGTH, height);
        TIFFSetField(tiff, TIFFTAG_BITSPERSAMPLE, uint16_t(bits));
        TIFFSetField(tiff, TIFFTAG_SAMPLESPERPIXEL, uint16_t(1));
        TIFFSetField(tiff, TIFFTAG_XRESOLUTION, 600.0f);
        TIFFSetField(tiff, TIFFTAG_YRESOLUTION, 600.0f);
        TIFFSetField(tiff, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
        TIFFSetField(tiff, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE);
        TIFFSetField(tiff, TIFFTAG_COMPRESSION,
                     bits == 1 ? COMPRESSION_CCITTFAX4 : COMPRESSION_ADOBE_DEFLATE);
        TIFFSetField(tiff, TIFFTAG_PHOTOMETRIC, bits == 1 ? PHOTOMETRIC_MINISWHITE : PHOTOMETRIC_MINISBLACK);
        TIFFSetField(tiff, TIFFTAG_ROWSPERSTRIP, bits == 1 ? height : 256);
        QByteArray line(TIFFScanlineSize(tiff), bits == 1 ? '\0' : '\xff');
        for (uint32_t row = 0; row < height; ++row)
            if (TIFFWriteScanline(tiff, line.data(), row, 0) < 0) {
                TIFFClose(tiff);
                return false;
            }
        if (!TIFFWriteDirectory(tiff)) {
            TIFFClose(tiff);
            return false;
        }
    }
    TIFFClose(tiff);
    return true;
}

// The converter reads from memory (the intake's bytes); a missing file is simply no bytes.
QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestFaxConverter : public QObject
{
    Q_OBJECT
private slots:
    void convertsMultiPageFax();
    void rendersWithCorrectPolarity();
    void corruptFileIsAnError();
    void emptyAndMissingFileAreErrors();
    void budgetRefusesHugeFaxes_data();
    void budgetRefusesHugeFaxes();

private:
    void corruptFiles();
    QTemporaryDir m_dir;
};

void TestFaxConverter::convertsMultiPageFax()
{
    const QString tif = m_dir.filePath(u"fax.tif"_s);
    QVERIFY(writeTiff(tif, {{1728, 2286, 204, 196, 1},
                            {1728, 1143, 204, 98, 1},
                            {827, 1170, 100, 100, 8},
                            {1728, 1143, 204, 98, 1, COMPRESSION_CCITTFAX3},
                            {413, 585, 50, 50, 24}}));
    QString error;
    QCOMPARE(FaxConverter::tiffPageCount(readAll(tif), tif, &error), 5);
    int pages = 0;
    const auto pdf = FaxConverter::tiffToPdf(readAll(tif), tif, &error, &pages);
    QVERIFY2(pdf, qPrintable(error));
    QCOMPARE(pages, 5);
    QVERIFY(pdf->startsWith("%PDF-"));
    const QString pdfPath = m_dir.filePath(u"fax.pdf"_s);
    QFile out(pdfPath);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(*pdf);
    out.close();
    const QList<QSizeF> sizes = pdfPageSizes(pdfPath);
    QCOMPARE(sizes.size(), 5);
    for (const QSizeF& s : sizes)
        QVERIFY2(nearA4(s),
                 qPrintable(u"page size %1 x %2 pt is not about A4"_s.arg(s.width()).arg(s.height())));
    // Fine and normal resolution give the same physical page.
    QVERIFY(std::abs(sizes.at(0).height() - sizes.at(1).height()) < 1.0);
    // The bilevel pages are small because they are CCITT G4 compressed.
    QVERIFY2(pdf->contains("/CCITTFaxDecode"), "bilevel pages are not CCITT encoded");
}

void TestFaxConverter::rendersWithCorrectPolarity()
{
    const QString tif = m_dir.filePath(u"polarity.tif"_s);
    QVERIFY(writeTiff(tif, {{1728, 1143, 204, 98, 1},
                            {827, 1170, 100, 100, 8},
                            {1728, 2286, 204, 196, 1, COMPRESSION_CCITTFAX3},
                            {413, 585, 50, 50, 24}}));
    QString error;
    const auto pdf = FaxConverter::tiffToPdf(readAll(tif), tif, &error);
    QVERIFY2(pdf, qPrintable(error));
    const QString pdfPath = m_dir.filePath(u"polarity.pdf"_s);
    QFile out(pdfPath);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(*pdf);
    out.close();
    int code = -1;
    run(u"pdftoppm"_s, {u"-gray"_s, u"-r"_s, u"30"_s, pdfPath, m_dir.filePath(u"render"_s)}, &code);
    QCOMPARE(code, 0);
    for (const QString& name : {u"render-1.pgm"_s, u"render-2.pgm"_s, u"render-3.pgm"_s, u"render-4.pgm"_s}) {
        QFile pgm(m_dir.filePath(name));
        QVERIFY2(pgm.open(QIODevice::ReadOnly), qPrintable(name));
        const QByteArray data = pgm.readAll();
        QVERIFY2(pgmValue(data, 0.25, 0.25) < 64, qPrintable(name + u": black quarter is not black"_s));
        QVERIFY2(pgmValue(data, 0.75, 0.75) > 192, qPrintable(name + u": white area is not white"_s));
    }
}

void TestFaxConverter::corruptFileIsAnError()
{
    // libtiff's default handlers print to stderr; the converter must not let them. stderr goes to a
    // file for the duration of this test.
    const QString errPath = m_dir.filePath(u"stderr.txt"_s);
    QFile errFile(errPath);
    QVERIFY(errFile.open(QIODevice::WriteOnly));
    fflush(stderr);
    const int savedErr = dup(STDERR_FILENO);
    QVERIFY(savedErr >= 0);
    QVERIFY(dup2(errFile.handle(), STDERR_FILENO) >= 0);
    const auto restore = [&] {
        fflush(stderr);
        dup2(savedErr, STDERR_FILENO);
        close(savedErr);
    };
    corruptFiles();
    restore(); // QVERIFY in corruptFiles() only returns from there, so this always runs
    errFile.close();
    QCOMPARE(QFileInfo(errPath).size(), 0);
}

void TestFaxConverter::corruptFiles()
{
    // Valid header, nonsense after it.
    const QString garbage = m_dir.filePath(u"garbage.tif"_s);
    QFile g(garbage);
    QVERIFY(g.open(QIODevice::WriteOnly));
    g.write(QByteArray("II*\0\x08\0\0\0", 8) + QByteArray(500, '\xff'));
    g.close();
    QString error;
    QVERIFY(!FaxConverter::tiffToPdf(readAll(garbage), garbage, &error));
    QVERIFY(error.contains(garbage));
    QCOMPARE(FaxConverter::tiffPageCount(readAll(garbage), garbage, &error), -1);

    // A real fax cut in the middle of its image data.
    const QString full = m_dir.filePath(u"full.tif"_s);
    QVERIFY(writeTiff(full, {{1728, 2286, 204, 196, 1}, {1728, 2286, 204, 196, 1}}));
    QFile f(full);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    for (const qsizetype cut : {qsizetype(16), bytes.size() / 3, bytes.size() / 2, bytes.size() - 40}) {
        const QString truncated = m_dir.filePath(u"cut-%1.tif"_s.arg(cut));
        QFile t(truncated);
        QVERIFY(t.open(QIODevice::WriteOnly));
        t.write(bytes.left(cut));
        t.close();
        error.clear();
        const auto pdf = FaxConverter::tiffToPdf(readAll(truncated), truncated, &error);
        // Either a clear error or (when only trailing bytes were lost) a PDF; never a crash.
        QVERIFY2(pdf || !error.isEmpty(), qPrintable(truncated));
    }

    // Directory intact, compressed image data overwritten with noise.
    QByteArray noisy = bytes;
    for (qsizetype i = 40; i < 400 && i < noisy.size(); ++i)
        noisy[i] = char((i * 37) ^ 0x5a);
    const QString noisyPath = m_dir.filePath(u"noisy.tif"_s);
    QFile n(noisyPath);
    QVERIFY(n.open(QIODevice::WriteOnly));
    n.write(noisy);
    n.close();
    error.clear();
    // Bad code words are repaired line by line (as fax viewers do): the fax is still converted.
    int noisyPages = 0;
    const auto noisyPdf = FaxConverter::tiffToPdf(readAll(noisyPath), noisyPath, &error, &noisyPages);
    QVERIFY2(noisyPdf, qPrintable(error));
    QCOMPARE(noisyPages, 2);

    // Text that is no TIFF at all.
    const QString text = m_dir.filePath(u"text.tif"_s);
    QFile tx(text);
    QVERIFY(tx.open(QIODevice::WriteOnly));
    tx.write("this is not a fax\n");
    tx.close();
    QVERIFY(!FaxConverter::tiffToPdf(readAll(text), text, &error));
    QVERIFY2(error.contains(u"not a readable TIFF"_s), qPrintable(error));
}

void TestFaxConverter::emptyAndMissingFileAreErrors()
{
    const QString empty = m_dir.filePath(u"empty.tif"_s);
    QFile e(empty);
    QVERIFY(e.open(QIODevice::WriteOnly));
    e.close();
    QString error;
    QVERIFY(!FaxConverter::tiffToPdf(readAll(empty), empty, &error));
    QVERIFY2(error.contains(u"empty"_s), qPrintable(error));
    QCOMPARE(FaxConverter::tiffPageCount(readAll(empty), empty, &error), -1);
    // A missing file reaches the converter as no bytes (the intake reports the file itself).
    QVERIFY(!FaxConverter::tiffToPdf(QByteArray(), u"missing.tif"_s, &error));
    QVERIFY2(error.contains(u"empty"_s), qPrintable(error));
}

void TestFaxConverter::budgetRefusesHugeFaxes_data()
{
    QTest::addColumn<int>("bits");
    QTest::addColumn<int>("pages");
    // 40 white G4 pages of 36 million pixels: 1.4 billion pixels from a file of a few KiB
    // (the pixel budget); 8-bit grey pages of 36 MB each, which libharu keeps raw (the byte budget).
    QTest::newRow("bilevel pixels") << 1 << 40;
    QTest::newRow("grey bytes") << 8 << 10;
}

void TestFaxConverter::budgetRefusesHugeFaxes()
{
    QFETCH(int, bits);
    QFETCH(int, pages);
    const QString tif = m_dir.filePath(u"huge-%1.tif"_s.arg(bits));
    QVERIFY(writeWhitePages(tif, pages, 6000, 6000, bits));
    const QByteArray data = readAll(tif);
    QVERIFY2(data.size() < qsizetype{2} * 1024 * 1024, qPrintable(QString::number(data.size())));
    QString error;
    bool overBudget = false;
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!FaxConverter::tiffToPdf(data, tif, &error, nullptr, &overBudget));
    QVERIFY(overBudget);
    QVERIFY2(error.contains(u"too large to convert"_s), qPrintable(error));
    QVERIFY2(timer.elapsed() < 60000, qPrintable(QString::number(timer.elapsed())));
    // Within the budget the same pages convert.
    const QString few = m_dir.filePath(u"few-%1.tif"_s.arg(bits));
    QVERIFY(writeWhitePages(few, 2, 6000, 6000, bits));
    int converted = 0;
    const auto pdf = FaxConverter::tiffToPdf(readAll(few), few, &error, &converted, &overBudget);
    QVERIFY2(pdf, qPrintable(error));
    QVERIFY(!overBudget);
    QCOMPARE(converted, 2);
}

QTEST_GUILESS_MAIN(TestFaxConverter)
#include "tst_faxconverter.moc"
