// SPDX-License-Identifier: MIT
// Graph-building steps shared by every reader: locate a member, load a JSON document with limits,
// add an image's config and layers with diff_ids, history and chain IDs mapped.
#pragma once

#include "core/model/imagegraph.h"

namespace strata::builder {

struct BlobRef
{
    std::optional<Descriptor> descriptor;
    QString member;              // empty when the blob cannot be located (unverifiable digest)
    bool absenceAllowed = false; // absent means "not included", not missing
};

// Marks the node present (with its stored size) or adds missing-blob / not-included / unsafe-path.
bool locate(ImageGraph &g, const Container &c, int nodeId);

// locate() + bounded read of a JSON document into node.raw. The declared size is checked against
// `limit` before anything is read. Returns false when no bytes were loaded (problems recorded).
bool loadDocument(ImageGraph &g, const Container &c, int nodeId, qint64 limit);

// Adds config + ordered layers under `parent` for `image`, returns the image's index.
int addImage(ImageGraph &g, const Container &c, int parent, ImageInfo image, const BlobRef &config,
             const QList<BlobRef> &layers);

} // namespace strata::builder
