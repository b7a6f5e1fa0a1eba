// SPDX-License-Identifier: MIT
// Places every artifact that refers to a manifest or index under it, in an "attached" group, whatever way the
// source attached it: an OCI 1.1 `subject`, a referrers API answer or the referrers tag schema's index, cosign's
// sha256-<hex>.sig/.att/.sbom tags or `cosign save` layout, a BuildKit attestation manifest, or a containers/image
// stored signature. Artifacts whose subject is not in the source go to one "dangling referrers" group under it.
#pragma once

#include "core/model/imagegraph.h"

namespace strata::attached {

// Annotations a source adds to the descriptors it synthesizes for artifacts it discovered itself (the
// registry's referrers API): how it found them and for which subject.
inline constexpr auto AnnotationFoundBy = "dev.strata.found-by"; // "referrers-api", "referrers-tag", "cosign-tag"
inline constexpr auto AnnotationSubject = "dev.strata.subject";

// At most this many artifacts are grouped under one subject; beyond, they stay where they are and a problem
// says so (a registry or layout with 100,000 referrers costs bounded work).
inline constexpr int MaxAttachedPerSubject = 1000;

void linkAttachments(ImageGraph &g);

} // namespace strata::attached
