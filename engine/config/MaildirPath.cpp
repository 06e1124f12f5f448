// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/config/MaildirPath.h"

#include <QDir>
#include <QFileInfo>

using namespace Qt::StringLiterals;

namespace umgate {

QString maildirRoot(const QString& instanceDir, const QString& maildirPath, QString* error)
{
    const QString slashed = QString(maildirPath).replace(u'\\', u'/');
    if (slashed.isEmpty() || QDir::isAbsolutePath(slashed) || slashed.split(u'/').contains(u".."_s)) {
        *error = u"the message store folder %1 is not inside the instance folder"_s.arg(maildirPath);
        return {};
    }
    const QString base = QFileInfo(instanceDir).canonicalFilePath();
    QString root = QDir::cleanPath(instanceDir + u'/' + slashed); // not const: returned by move
    // The deepest part of the path that exists, with every symbolic link resolved, must still be
    // in the instance folder; what does not exist yet is created below it by the message store.
    QString existing = root;
    for (int depth = 0; depth < 256 && !QFileInfo::exists(existing); ++depth)
        existing = QFileInfo(existing).path();
    const QString resolved = QFileInfo(existing).canonicalFilePath();
    if (base.isEmpty() || resolved.isEmpty() || (resolved != base && !resolved.startsWith(base + u'/'))) {
        *error = u"the message store folder %1 leads out of the instance folder (to %2); mail is not "
                 "stored there"_s.arg(root, resolved.isEmpty() ? existing : resolved);
        return {};
    }
    return root;
}

} // namespace umgate
