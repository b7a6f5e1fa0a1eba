// SPDX-License-Identifier: MIT
// Opens registry storage (registry-dir:PATH[/REPO[:TAG|@DIGEST]], or a folder holding docker/registry/v2).
#pragma once

#include "core/jobs/jobcontext.h"
#include "core/model/imagegraph.h"
#include "core/sources/sourcespec.h"

namespace strata {

class RegistryDirSource final
{
public:
    // Synchronous; call from a worker; never writes to the storage. Without a repository every tag of
    // every repository is an image (sibling rows, like a multi-image archive), untagged manifests too,
    // and the storage itself is checked: dangling links (a tag or layer link whose blob is missing) and
    // orphan blobs (stored, referenced by no manifest of any repository) become problems, every orphan a
    // node verified against its own path digest. With a repository, only its tags and its layer links.
    // Errors: NotFound (no such folder, repository, tag or digest), NotAnImage (not registry storage),
    // Malformed (a reference that breaks the grammar), Io, Canceled.
    static Result<ImageGraphPtr> open(const SourceSpec &spec, JobContext *job = nullptr);
};

} // namespace strata
