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

class MergedTree final
{
public:
    // Applies layers 0..upTo (inclusive; -1 for all). Layers without a TOC (null) are skipped.
    static MergedTree build(const QList<LayerTocPtr> &layers, int upTo = -1);

    // Sorted by path. Deleted paths are not in it; whiteout markers never are.
    const QMap<QString, MergedEntry> &entries() const { return m_entries; }
    const LayerEntry &entry(const MergedEntry &m) const { return m_layers[m.layer]->entries[m.entryIndex]; }
    qint64 totalFileBytes() const;

private:
    QList<LayerTocPtr> m_layers;
    QMap<QString, MergedEntry> m_entries;
};

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
