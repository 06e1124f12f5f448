// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Files the mail tests share: a fax TIFF as a kernel writes it, and a run of a Python checker
// (email.policy.strict) over a built mail.

#include <QByteArray>
#include <QDebug>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <tiffio.h>

namespace umgate::test {

// A fax of `pages` G4 pages, 1728 x 1143 at 204 x 98 dpi (A4 standard resolution): black bars on
// white, so a converted page and its preview have content.
inline bool writeFaxTiff(const QString& path, int pages = 1)
{
    TIFF* tiff = TIFFOpen(QFile::encodeName(path).constData(), "w");
    if (!tiff) return false;
    for (int page = 0; page < pages; ++page) {
        const uint32_t width = 1728, height = 1143;
        TIFFSetField(tiff, TIFFTAG_IMAGEWIDTH, width);
        TIFFSetField(tiff, TIFFTAG_IMAGELENGTH, height);
        TIFFSetField(tiff, TIFFTAG_BITSPERSAMPLE, uint16_t(1));
        TIFFSetField(tiff, TIFFTAG_SAMPLESPERPIXEL, uint16_t(1));
        TIFFSetField(tiff, TIFFTAG_XRESOLUTION, 204.0f);
        TIFFSetField(tiff, TIFFTAG_YRESOLUTION, 98.0f);
        TIFFSetField(tiff, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
        TIFFSetField(tiff, TIFFTAG_COMPRESSION, COMPRESSION_CCITTFAX4);
        TIFFSetField(tiff, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISWHITE);
        TIFFSetField(tiff, TIFFTAG_ROWSPERSTRIP, height);
        QByteArray line(width / 8, '\0');
        for (uint32_t row = 0; row < height; ++row) {
            line.fill(row % 50 < 10 ? '\xff' : '\0');
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

// Writes `mail` to `path` and runs `python3 checker path`; the checker's JSON answer, or an empty
// object when it failed (policy.strict raises on any defect: the calling test then fails).
inline QJsonObject runMailChecker(const QString& checker, const QString& path, const QByteArray& mail)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly)) return {};
    f.write(mail);
    f.close();
    QProcess p;
    p.start(QStringLiteral("/usr/bin/python3"), {checker, path});
    if (!p.waitForFinished(30000)) {
        p.kill();
        p.waitForFinished(5000);
        return {};
    }
    const QByteArray err = p.readAllStandardError();
    if (!err.isEmpty()) qWarning() << err;
    return QJsonDocument::fromJson(p.readAllStandardOutput()).object();
}

} // namespace umgate::test
