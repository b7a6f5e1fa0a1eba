// SPDX-License-Identifier: MIT
// The filesystem an image's layers make when applied in order (whiteouts and opaque directories
// applied as overlay does), each path marked with the layer that last touched it.
#pragma once

#include "core/layers/layertoc.h"

#include <QMap>

namespace strata {

struct MergedEntry
{
    int layer = -1;      // index of the layer that last touched the path
    int entryIndex = -1; // into that layer's LayerToc::entries
};

// A path the layers deleted and no later layer brought back (image-spec layer.md §Whiteouts).
struct MergedDeletion
{
    int layer = -1;      // the layer whose whiteout (or opaque marker) deleted it
    int entryIndex = -1; // that marker, in the layer's LayerToc::entries
    MergedEntry deleted; // what was at the path just before (layer -1: nothing; for opaque: the directory)
    int removed = 0;     // paths it removed: the path and everything beneath (opaque: beneath only)
};

class MergedTree final
{
public:
    // Applies layers 0..upTo (inclusive; -1 for all). Layers without a TOC (null) are skipped.
    static MergedTree build(const QList<LayerTocPtr> &layers, int upTo = -1);

    // Sorted by path. Deleted paths are not in it; whiteout markers never are.
    const QMap<QString, MergedEntry> &entries() const { return m_entries; }
    const LayerEntry &entry(const MergedEntry &m) const { return m_layers[m.layer]->entries[m.entryIndex]; }
    // By deleted path: what is still deleted after the last layer applied. Deletions beneath a path
    // deleted later are folded into that one.
    const QMap<QString, MergedDeletion> &deletions() const { return m_deletions; }
    qint64 totalFileBytes() const;

private:
    QList<LayerTocPtr> m_layers;
    QMap<QString, MergedEntry> m_entries;
    QMap<QString, MergedDeletion> m_deletions;
};

// How many keys are `path` (unless keepRoot) and beneath it in a sorted map keyed by path.
template <typename T> int countSubtree(const QMap<QString, T> &map, const QString &path, bool keepRoot = false)
{
    int n = !keepRoot && map.contains(path) ? 1 : 0;
    const QString prefix = path.isEmpty() ? QString() : path + u'/';
    for (auto it = map.lowerBound(prefix); it != map.end() && it.key().startsWith(prefix); ++it)
        ++n;
    return n;
}

// Removes `path` and everything beneath it from a sorted map keyed by path.
template <typename T> void eraseSubtree(QMap<QString, T> &map, const QString &path, bool keepRoot = false)
{
    if (!keepRoot)
        map.remove(path);
    const QString prefix = path.isEmpty() ? QString() : path + u'/';
    auto it = map.lowerBound(prefix);
    while (it != map.end() && it.key().startsWith(prefix))
        it = map.erase(it);
}

} // namespace strata
