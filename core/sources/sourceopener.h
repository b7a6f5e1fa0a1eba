// SPDX-License-Identifier: MIT
// Opens any offline source and builds its graph: the one entry point readers hide behind.
#pragma once

#include "core/jobs/jobcontext.h"
#include "core/model/imagegraph.h"
#include "core/sources/sourcespec.h"

namespace strata {

class SourceOpener final
{
public:
    // Synchronous; call from a worker. Never writes to the source. Errors: NotFound, Io,
    // NotAnImage (a plain tar, a text file), Malformed (unreadable top-level metadata), Canceled.
    static Result<ImageGraphPtr> open(const SourceSpec &spec, JobContext *job = nullptr);
    static Result<ImageGraphPtr> open(const QString &text, JobContext *job = nullptr);

private:
    // The graph as the source's reader built it, before attached artifacts are placed under their subjects.
    static Result<ImageGraphPtr> openUnlinked(const SourceSpec &spec, JobContext *job);
};

} // namespace strata
