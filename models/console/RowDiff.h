// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractItemModel>
#include <QHash>
#include <QModelIndex>
#include <QSet>
#include <vector>

namespace umgate {

// The model's protected row calls, for applyRowDiff(). A model grants access with
// `template <typename> friend struct RowOps;`.
template <typename Model> struct RowOps
{
    Model* m;
    void beginRemove(const QModelIndex& p, int first, int last) { m->beginRemoveRows(p, first, last); }
    void endRemove() { m->endRemoveRows(); }
    void beginInsert(const QModelIndex& p, int first, int last) { m->beginInsertRows(p, first, last); }
    void endInsert() { m->endInsertRows(); }
    void beginReset() { m->beginResetModel(); }
    void endReset() { m->endResetModel(); }
    void changed(const QModelIndex& p, int first, int last, int lastColumn)
    {
        emit m->dataChanged(m->index(first, 0, p), m->index(last, lastColumn, p));
    }
};

// Brings a flat list of rows (under `parent` of `model`) to a new list, row ranges at a time, so
// views keep their selection and scroll position when the engine reports a change: rows gone are
// removed, new rows inserted where they belong, changed rows reported with dataChanged. Rows are
// matched by key(row). When the kept rows changed their order, it falls back to a reset, because
// the whole set is then different to a view anyway.
//
// Row needs operator==, key(row) a hashable value.
template <typename Row, typename Key, typename Ops>
void applyRowDiff(std::vector<Row>& rows, std::vector<Row> next, Key key, int lastColumn, Ops ops,
                  const QModelIndex& parent = {})
{
    QSet<decltype(key(next.front()))> wanted;
    wanted.reserve(qsizetype(next.size()));
    for (const Row& r : next)
        wanted.insert(key(r));
    // 1. Removals, from the end, a contiguous run at a time.
    for (int i = int(rows.size()) - 1; i >= 0;) {
        if (wanted.contains(key(rows[size_t(i)]))) {
            --i;
            continue;
        }
        int first = i;
        while (first > 0 && !wanted.contains(key(rows[size_t(first - 1)])))
            --first;
        ops.beginRemove(parent, first, i);
        rows.erase(rows.begin() + first, rows.begin() + i + 1);
        ops.endRemove();
        i = first - 1;
    }
    // 2. The kept rows must appear in `next` in the same order; else reset.
    {
        QHash<decltype(key(next.front())), int> position;
        for (int i = 0; i < int(next.size()); ++i)
            position.insert(key(next[size_t(i)]), i);
        // A key twice in the answer (a broken or hostile engine) cannot be matched to one row.
        bool reset = position.size() != qsizetype(next.size());
        int last = -1;
        for (auto it = rows.cbegin(); !reset && it != rows.cend(); ++it) {
            const int p = position.value(key(*it), -1);
            reset = p <= last;
            last = p;
        }
        if (reset) {
            ops.beginReset();
            rows = std::move(next);
            ops.endReset();
            return;
        }
    }
    // 3. Walk both: the kept rows are now a subsequence of `next`; everything else is new.
    QSet<decltype(key(next.front()))> existing;
    existing.reserve(qsizetype(rows.size()));
    for (const Row& r : rows)
        existing.insert(key(r));
    size_t j = 0;         // in rows
    int changedFrom = -1; // start of the current run of changed rows
    auto flush = [&](int upTo) {
        if (changedFrom >= 0) ops.changed(parent, changedFrom, upTo, lastColumn);
        changedFrom = -1;
    };
    for (size_t i = 0; i < next.size();) {
        if (existing.contains(key(next[i]))) {
            if (!(rows[j] == next[i])) {
                rows[j] = std::move(next[i]);
                if (changedFrom < 0) changedFrom = int(j);
            } else {
                flush(int(j) - 1);
            }
            ++i;
            ++j;
            continue;
        }
        flush(int(j) - 1);
        size_t end = i;
        while (end < next.size() && !existing.contains(key(next[end])))
            ++end;
        ops.beginInsert(parent, int(j), int(j + (end - i) - 1));
        rows.insert(rows.begin() + qsizetype(j), std::make_move_iterator(next.begin() + qsizetype(i)),
                    std::make_move_iterator(next.begin() + qsizetype(end)));
        ops.endInsert();
        j += end - i;
        i = end;
    }
    flush(int(j) - 1);
}

} // namespace umgate
