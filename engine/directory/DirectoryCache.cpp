// SPDX-License-Identifier: GPL-3.0-or-later
#include "engine/directory/DirectoryCache.h"

namespace umgate {

DirectoryCache::DirectoryCache()
{
    m_clock.start();
}

void DirectoryCache::setTtl(int positiveSeconds, int negativeSeconds)
{
    m_positiveMs = qint64(positiveSeconds) * 1000;
    m_negativeMs = qint64(negativeSeconds) * 1000;
    clear();
}

std::optional<DirectorySearchResult> DirectoryCache::find(const QString& key)
{
    const auto it = m_entries.find(key);
    if (it == m_entries.end()) return std::nullopt;
    if (it->expiresMs <= m_clock.elapsed()) {
        m_entries.erase(it);
        return std::nullopt;
    }
    return it->result;
}

void DirectoryCache::insert(const QString& key, const DirectorySearchResult& result)
{
    if (!result.ok()) return;
    const qint64 ttl = result.entries.isEmpty() ? m_negativeMs : m_positiveMs;
    if (ttl <= 0) return;
    if (m_entries.size() >= m_maxEntries) {
        // Drop what has expired; if that is not enough, start over rather than grow without bound.
        const qint64 now = m_clock.elapsed();
        for (auto it = m_entries.begin(); it != m_entries.end();)
            it = it->expiresMs <= now ? m_entries.erase(it) : std::next(it);
        if (m_entries.size() >= m_maxEntries) m_entries.clear();
    }
    m_entries.insert(key, Item{result, m_clock.elapsed() + ttl});
}

qint64 DirectoryCache::approximateBytes() const
{
    qint64 bytes = 0;
    for (auto it = m_entries.constBegin(); it != m_entries.constEnd(); ++it) {
        bytes += 64 + it.key().size() * 2 + it->result.server.size() * 2;
        for (const DirectoryEntry& e : it->result.entries) {
            bytes += 48 + e.dn.size() * 2;
            for (auto a = e.attributes.constBegin(); a != e.attributes.constEnd(); ++a) {
                bytes += 48 + a.key().size() * 2;
                for (const QString& v : a.value())
                    bytes += 24 + v.size() * 2;
            }
        }
    }
    return bytes;
}

} // namespace umgate
