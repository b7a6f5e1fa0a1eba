// SPDX-License-Identifier: MIT
// Opens docker-daemon:NAME[:TAG] (or an image ID) from the local Docker or Podman engine.
#pragma once

#include "core/jobs/jobcontext.h"
#include "core/model/imagegraph.h"
#include "core/sources/sourcespec.h"

namespace strata {

class EngineSource final
{
public:
    // Synchronous; call from a worker. Streams GET /images/{name}/get into a file inside a private
    // QTemporaryDir (never the whole archive in memory), opens it with the archive readers, and removes the
    // folder before returning: the open descriptor keeps the unlinked file readable for as long as the
    // graph lives, and nothing is left behind even after a crash. Progress counts received bytes.
    // Errors: those of findEngine() and EngineClient, NotFound (no such image), Io (disk full), Unavailable (the
    // engine is not answering, or stopped in the middle of the export), Canceled,
    // and those of the archive readers.
    static Result<ImageGraphPtr> open(const SourceSpec &spec, JobContext *job = nullptr);

    // Why the engine's repo digest and the manifest digest in the saved archive differ (shown on screen).
    static QString repoDigestExplanation();
};

} // namespace strata
