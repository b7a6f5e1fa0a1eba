// SPDX-License-Identifier: MIT
// docker://… as a source: resolves the reference and reads the image through RegistryContainer.
#pragma once

#include "core/jobs/jobcontext.h"
#include "core/model/imagegraph.h"
#include "core/sources/sourcespec.h"

namespace strata {

// Synchronous; call from a worker (a QCoreApplication must exist). Only manifests, indexes and configs
// are fetched here; layers are fetched when verified or listed. Errors: Malformed (reference),
// NotFound (repository, tag, manifest), Io (unreachable, TLS, authentication, rate limit), Canceled.
Result<ImageGraphPtr> openRegistrySource(const SourceSpec &spec, JobContext *job);

// Marks a registry host as insecure for this process (docker's "insecure-registries"): docker:// sources
// on it are then opened as with --tls-verify=false. The GUI's "Connect to registry" option uses it,
// since a source is passed around as text. Thread-safe.
void allowInsecureRegistry(const QString &host);
bool isInsecureRegistry(const QString &host);

} // namespace strata
