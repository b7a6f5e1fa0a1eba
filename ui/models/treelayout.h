// SPDX-License-Identifier: MIT
// The rows the tree shows: the graph's nodes plus synthesised rows for empty-layer history steps.
#pragma once

#include "core/model/imagegraph.h"

namespace strata::ui {

struct TreeItem
{
    int nodeId = -1;     // -1 for a history step
    int parent = -1;     // item index, -1 at the top
    int row = 0;         // cached position under `parent`, so parent() needs no search
    QList<int> children; // item indices
    int imageIndex = -1; // history steps: the image and history entry they stand for
    int historyIndex = -1;
};

// Items 0..nodes.size()-1 are the graph's nodes with the same index, so an item index is the node id
// for every real row; history steps are appended after them. Node::row cannot serve as the row:
// history steps are inserted between layers, which shifts the layers below them.
struct TreeLayout
{
    QList<TreeItem> items;
    QList<int> roots;

    static TreeLayout build(const ImageGraph &g);
    bool isHistory(int item) const { return items[item].nodeId < 0; }
};

} // namespace strata::ui
