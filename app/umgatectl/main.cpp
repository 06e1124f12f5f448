// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/umgatectl/CtlCommandLine.h"
#include "app/umgatectl/CtlRunner.h"

#include <QCoreApplication>
#include <QTimer>
#include <cstdio>

using namespace umgate;

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("umgatectl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(UMGATE_VERSION));

    CtlInvocation invocation;
    QString error;
    if (!CtlCommandLine::parse(QCoreApplication::arguments().mid(1), &invocation, &error)) {
        std::fprintf(stderr, "umgatectl: %s\n", error.toLocal8Bit().constData());
        return int(CtlExit::Usage);
    }
    if (invocation.help) {
        std::fputs(CtlCommandLine::helpText().toLocal8Bit().constData(), stdout);
        return int(CtlExit::Ok);
    }
    if (invocation.version) {
        std::printf("umgatectl %s\n", UMGATE_VERSION);
        return int(CtlExit::Ok);
    }

    CtlRunner runner(invocation);
    QTimer::singleShot(0, &runner, &CtlRunner::start);
    return app.exec();
}
