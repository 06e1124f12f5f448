// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/directory/Directory.h"

#include <QElapsedTimer>
#include <QHash>
#include <optional>

namespace umgate {

// Answers of the directory, positive and negative, each kept for its own time to live (Misc
// Setup directory.cacheTtlSeconds / directory.negativeCacheTtlSeconds). Failed searches are never
// cached. Cleared whenever the instance's configuration changes.
class DirectoryCache
{
public:
    DirectoryCache();

    void setTtl(int positiveSeconds, int negativeSeconds);
    void setMaxEntries(int maxEntries) { m_maxEntries = maxEntries; }

    std::optional<DirectorySearchResult> find(const QString& filter);
    void insert(const QString& filter, const DirectorySearchResult& result);
    void clear() { m_entries.clear(); }
    int size() const { return int(m_entries.size()); }
    qint64 approximateBytes() const; // for the benchmark's memory figure

private:
    struct Item
    {
        DirectorySearchResult result;
        qint64 expiresMs;
    };
    QElapsedTimer m_clock;
    QHash<QString, Item> m_entries;
    qint64 m_positiveMs = 300000;
    qint64 m_negativeMs = 60000;
    int m_maxEntries = 500000;
};

} // namespace umgate
