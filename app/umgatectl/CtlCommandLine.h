// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "app/umgatectl/CtlCommand.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace umgate {

// One parsed umgatectl invocation: global options, the command and its own options.
struct CtlInvocation
{
    QString dataDir;
    QString connectUrl;
    QString tokenFile;
    QString caFile;
    bool json = false;
    bool help = false;
    bool version = false;

    const CtlCommand* command = nullptr; // set by a successful parse (not for --help, --version)
    QStringList args;                    // positional arguments after the command words

    QString name;
    bool hasName = false;
    bool force = false;
    bool keepQueue = false;
    QString asId;
    bool hasAs = false;
    QString number; // directory lookup --number
    QString sender; // directory lookup --sender
    QString search; // user list --search
    // inject
    QString type;
    QString calling;
    QString called;
    QStringList files;
    QString text;
    bool hasText = false;
    bool follow = false; // log tail --follow
};

class CtlCommandLine
{
public:
    // Parses arguments (without argv[0]). Returns false with a one-line reason on a usage error.
    static bool parse(const QStringList& arguments, CtlInvocation* invocation, QString* error);
    static QString helpText();
    // "umgatectl instance create ID [--name NAME]"
    static QString usage(const CtlCommand& command);
};

} // namespace umgate
