// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "engine/directory/Directory.h"

#include <QElapsedTimer>
#include <QHash>
#include <optional>

namespace umgate {

// Answers of the directory, positive and negative, each kept for its own time to live (Misc
// Setup directory.cacheTtlSeconds / directory.negativeCacheTtlSeconds). Failed searches are never
// cached. Cleared whenever the instance's configuration changes, so a key only has to name the
// question ("n:" + E.164 number, "s:" + sender address), not the filter it became.
class DirectoryCache
{
public:
    DirectoryCache();

    void setTtl(int positiveSeconds, int negativeSeconds);
    void setMaxEntries(int maxEntries) { m_maxEntries = maxEntries; }

    std::optional<DirectorySearchResult> find(const QString& key);
    void insert(const QString& key, const DirectorySearchResult& result);
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
