// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QFile>
#include <QHash>
#include <QList>
#include <QString>

namespace umgate::test {

// The KEY=VALUE file a CTest fixture script wrote: $UMGATE_FIXTURE_DIR/<fixture>/<fixture>.env.
// Empty when the fixture did not run (the test then skips or fails with its own message).
inline QHash<QString, QString> fixtureEnv(const QString& fixture)
{
    QHash<QString, QString> env;
    const QString dir = qEnvironmentVariable("UMGATE_FIXTURE_DIR");
    QFile f(dir + QLatin1Char('/') + fixture + QLatin1Char('/') + fixture + QStringLiteral(".env"));
    if (dir.isEmpty() || !f.open(QIODevice::ReadOnly)) return env;
    const QList<QByteArray> lines = f.readAll().split('\n');
    for (const QByteArray& line : lines) {
        const qsizetype eq = line.indexOf('=');
        if (eq > 0)
            env.insert(QString::fromUtf8(line.left(eq)), QString::fromUtf8(line.mid(eq + 1).trimmed()));
    }
    return env;
}

} // namespace umgate::test
