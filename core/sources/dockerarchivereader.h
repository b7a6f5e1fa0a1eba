// SPDX-License-Identifier: MIT
// Reads `docker save` style archives through manifest.json (moby image/tarexport/save.go at v24.0.0
// and daemon/internal/image/tarexport/save.go; moby/docker-image-spec v1.2.md), and pre-1.10
// archives through `repositories`.
#pragma once

#include "core/model/imagegraph.h"
#include "core/sources/selection.h"

namespace strata {

class DockerArchiveReader final
{
public:
    static bool hasManifestJson(const Container &c);
    static bool hasRepositoriesOnly(const Container &c);

    // Adds one image per manifest.json entry under `parent`, skipping entries whose config digest is
    // already an image in `g` (the OCI side of a Docker 25+ archive), but cross-checking them: names
    // are attached and a different layer order is reported (Docker 25.0.0 bug).
    // Errors: manifest.json unreadable, not an array (`null` included), or a selection matching nothing.
    static Status read(ImageGraph &g, const Container &c, int parent, const Selection &selection);

    // Pre-1.10: `repositories` + <id>/json parent chains. Shown read-only; nothing is content-addressed.
    static Status readLegacyV1(ImageGraph &g, const Container &c, int parent);
};

} // namespace strata
