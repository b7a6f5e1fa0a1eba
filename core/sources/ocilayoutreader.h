// SPDX-License-Identifier: MIT
// Reads an OCI image layout (image-spec image-layout.md) from a folder or an archive.
#pragma once

#include "core/model/imagegraph.h"
#include "core/sources/selection.h"

namespace strata {

class OciLayoutReader final
{
public:
    // True when the container holds index.json (oci-layout is checked by read()).
    static bool looksLikeLayout(const Container &c);

    // Adds index.json and everything reachable from it under `parent`. Structural problems
    // (missing blobs, malformed documents, cycles) become problems in `g`; only an unreadable or
    // invalid index.json, or a selection that matches nothing, is an Error.
    static Status read(ImageGraph &g, const Container &c, int parent, const Selection &selection);
};

} // namespace strata
