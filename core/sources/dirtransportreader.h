// SPDX-License-Identifier: MIT
// Reads containers/image's dir: transport (skopeo copy … dir:PATH, podman save --format docker-dir|oci-dir):
// manifest.json (a manifest or, with --all, an index whose instances are <hex>.manifest.json), a version file,
// one file per blob named by its encoded digest, and the stored signatures signature-N (<hex>.signature-N for
// an instance) (containers/image directory/directory_transport.go, directory_dest.go).
#pragma once

#include "core/model/imagegraph.h"
#include "core/sources/selection.h"

namespace strata {

class DirTransportReader final
{
public:
    // A `version` file that names the directory transport, or a manifest.json that is a JSON object (docker
    // save's is an array) with no index.json beside it.
    static bool looksLikeDirTransport(const Container &c);

    // Adds manifest.json and everything below it, with its signatures, under `parent`. Only an unreadable
    // manifest.json, or a selection (a dir: folder holds one image and names none), is an Error.
    static Status read(ImageGraph &g, const Container &c, int parent, const Selection &selection);
};

} // namespace strata
