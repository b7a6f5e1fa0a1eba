// SPDX-License-Identifier: MIT
// Places a config's empty_layer history steps between the layers they sit between (config.md §history).
#include "ui/models/treelayout.h"

namespace strata::ui {

namespace {

void insertHistory(TreeLayout &t, const ImageGraph &g, int imageIndex)
{
    const ImageInfo &img = g.images[imageIndex];
    if (!img.config || img.layerNodes.isEmpty())
        return;
    // Without a consistent history↔layer mapping the steps cannot be placed; the config row
    // already carries the count-mismatch problem.
    const QList<int> map = img.config->historyToLayer();
    if (map.isEmpty() || !map.contains(-1))
        return;
    const int parentItem = g.nodes[img.layerNodes.first()].parent;
    if (parentItem < 0)
        return;

    QHash<int, QList<int>> before; // layer index → history steps just before it
    QList<int> pending;
    for (qsizetype h = 0; h < map.size(); ++h) {
        if (map[h] < 0) {
            pending << static_cast<int>(h);
        } else {
            before.insert(map[h], pending);
            pending.clear();
        }
    }
    const auto newItem = [&](int historyIndex) {
        TreeItem it;
        it.parent = parentItem;
        it.imageIndex = imageIndex;
        it.historyIndex = historyIndex;
        t.items << it;
        return static_cast<int>(t.items.size() - 1);
    };

    const int lastLayer = img.layerNodes.last();
    const QList<int> oldChildren = t.items[parentItem].children; // a copy: newItem() grows t.items
    QList<int> children;
    for (int c : oldChildren) {
        const Node &n = g.nodes[c];
        if (n.imageIndex == imageIndex && n.layerIndex >= 0) {
            for (int h : before.value(n.layerIndex))
                children << newItem(h);
        }
        children << c;
        if (c == lastLayer) {
            for (int h : std::as_const(pending))
                children << newItem(h);
        }
    }
    t.items[parentItem].children = children;
}

} // namespace

TreeLayout TreeLayout::build(const ImageGraph &g)
{
    TreeLayout t;
    t.items.reserve(g.nodes.size());
    for (const Node &n : g.nodes) {
        TreeItem it;
        it.nodeId = n.id;
        it.parent = n.parent;
        it.children = n.children;
        t.items << it;
        if (n.parent < 0)
            t.roots << n.id;
    }
    for (int i = 0; i < g.images.size(); ++i)
        insertHistory(t, g, i);
    for (qsizetype r = 0; r < t.roots.size(); ++r)
        t.items[t.roots[r]].row = static_cast<int>(r);
    for (qsizetype i = 0; i < t.items.size(); ++i) {
        const QList<int> children = t.items[i].children;
        for (qsizetype r = 0; r < children.size(); ++r)
            t.items[children[r]].row = static_cast<int>(r);
    }
    return t;
}

} // namespace strata::ui
