// SPDX-License-Identifier: MIT
// One file's content from a layer, read lazily from the layer stream (nothing is extracted to
// disk unless the user asks, and then only to the file the user chose).
#pragma once

#include "core/jobs/jobcontext.h"
#include "core/layers/layertoc.h"
#include "core/model/imagegraph.h"

namespace strata {

struct LayerFileContent
{
    QByteArray data;        // at most the requested number of bytes
    qint64 size = 0;        // the entry's full size
    bool truncated = false; // data holds only the first bytes
};

// Streams layer `layerNode` from its start until `path` has been read (up to `maxBytes`), then
// stops. A hard link reads its target in the same layer; a symlink's content is its target text,
// never followed. Errors: NotFound (no such regular file in the layer), Malformed, Canceled, Io.
Result<LayerFileContent> readLayerFile(const ImageGraph &g, int layerNode, const QString &path, qint64 maxBytes,
                                       JobContext *job = nullptr);

// Writes the whole file to `destination`, a new file the user chose (O_EXCL, no links followed:
// an existing file or link there is an error, never overwritten). Errors as above, plus Io.
Status saveLayerFile(const ImageGraph &g, int layerNode, const QString &path, const QString &destination,
                     JobContext *job = nullptr);

// For "where did this path come from?": each layer that adds, modifies or deletes `path`.
struct PathChange
{
    enum class Action { Added, Modified, Deleted };
    int layer = -1;
    Action action = Action::Added;
    int entryIndex = -1; // in that layer's TOC (the whiteout for Deleted)
};
QString pathActionName(PathChange::Action a);
QList<PathChange> pathHistory(const QList<LayerTocPtr> &layers, const QString &path);

} // namespace strata
