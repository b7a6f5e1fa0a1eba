// SPDX-License-Identifier: MIT
// Layer merging (image-spec layer.md §Applying Changesets, §Whiteouts).
#include "core/layers/mergedtree.h"

namespace strata {

MergedTree MergedTree::build(const QList<LayerTocPtr> &layers, int upTo)
{
    MergedTree t;
    t.m_layers = layers;
    const int last = upTo < 0 ? static_cast<int>(layers.size()) - 1 : qMin(upTo, static_cast<int>(layers.size()) - 1);
    for (int l = 0; l <= last; ++l) {
        const LayerTocPtr &toc = layers[l];
        if (!toc)
            continue;
        // Whiteouts and opaque markers hide only what lower layers made, whatever their position
        // in this layer's stream: apply them first, then this layer's own entries.
        for (qsizetype i = 0; i < toc->entries.size(); ++i) {
            const LayerEntry &e = toc->entries[i];
            if (e.type != EntryType::Whiteout && e.type != EntryType::Opaque)
                continue;
            const QString path = e.deletedPath();
            const bool opaque = e.type == EntryType::Opaque;
            MergedDeletion d{l, static_cast<int>(i), t.m_entries.value(path), countSubtree(t.m_entries, path, opaque)};
            eraseSubtree(t.m_entries, path, opaque);
            eraseSubtree(t.m_deletions, path, opaque);
            if (!opaque || d.removed > 0) // an opaque marker over nothing deleted nothing
                t.m_deletions.insert(path, d);
        }
        for (qsizetype i = 0; i < toc->entries.size(); ++i) {
            const LayerEntry &e = toc->entries[i];
            if (e.type == EntryType::Whiteout || e.type == EntryType::Opaque)
                continue;
            // A non-directory replacing a directory replaces what was beneath it too.
            auto existing = t.m_entries.constFind(e.path);
            if (existing != t.m_entries.cend() && e.type != EntryType::Directory &&
                t.entry(existing.value()).type == EntryType::Directory)
                eraseSubtree(t.m_entries, e.path, true);
            t.m_entries.insert(e.path, MergedEntry{l, static_cast<int>(i)});
            // Brought back: no longer deleted (an opaque directory listed again still hides the old contents).
            auto deleted = t.m_deletions.find(e.path);
            if (deleted != t.m_deletions.end() &&
                layers[deleted->layer]->entries[deleted->entryIndex].type == EntryType::Whiteout)
                t.m_deletions.erase(deleted);
        }
    }
    return t;
}

qint64 MergedTree::totalFileBytes() const
{
    qint64 total = 0;
    for (const MergedEntry &m : m_entries) {
        const LayerEntry &e = entry(m);
        if (e.type == EntryType::File)
            total += e.size;
    }
    return total;
}

} // namespace strata
