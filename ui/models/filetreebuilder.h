// SPDX-License-Identifier: MIT
// Builds the node tree a FileTreeModel shows, from layer TOCs alone: no model, no widgets, so a
// worker can build the tree of a 100,000-file image while the GUI thread keeps painting.
#pragma once

#include "core/layers/layertoc.h"
#include "ui/models/filefilter.h"

#include <QList>
#include <QString>

#include <memory>
#include <vector>

namespace strata::ui {

struct FileNode
{
    QString name;
    QString path; // full path in the image
    FileNode *parent = nullptr;
    int row = 0;                       // cached index in the parent's children
    const LayerEntry *entry = nullptr; // null for directories only implied by deeper paths
    int layer = -1;                    // the layer that last touched it (merged) or the shown layer
    bool isDir = false;
    bool fetched = false;      // children inserted into the model
    bool fetchPending = false; // fetchMore() asked; the rows come from the event loop
    QString deletes;           // whiteout / opaque marker: the path it deletes
    QString deletedWhat;       // merged view with deletions: what the marker deleted ("file, 12 B, from layer 1")
    bool opaque = false;
    qint64 totalSize = 0; // own size, plus everything beneath for directories (before filtering)
    int descendants = 0;  // nodes beneath it in this tree
    std::vector<std::unique_ptr<FileNode>> children; // sorted by name
};

// single false: the merged filesystem after layer `layer` (-1: all layers); true: that layer's own
// entries. With an active filter only what it accepts stays, with the directories leading to it.
// With `deletions`, the merged tree also holds the whiteouts of paths still deleted, each saying what
// it deleted. The nodes point into `layers`' entries, which must outlive the tree.
std::shared_ptr<FileNode> buildFileTree(const QList<LayerTocPtr> &layers, int layer, bool single,
                                        const FileFilter &filter = {}, bool deletions = false);

} // namespace strata::ui
