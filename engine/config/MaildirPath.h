// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace umgate {

// The local message store's folder (Mail System: Message store, "Maildir") of an instance, as
// the engine uses it: mailSystem.messageStore.maildirPath under the instance folder. The schema
// refuses absolute paths and ".."; this also refuses, at the moment of use, a folder that a
// symbolic link leads out of the instance folder (so a link planted inside cannot send mail files
// elsewhere). Empty, with `error` set, when the path is not inside.
QString maildirRoot(const QString& instanceDir, const QString& maildirPath, QString* error);

} // namespace umgate
