// SPDX-License-Identifier: MIT
// What an attached artifact is, from its manifest alone (artifactType, config and layer media types, layer
// annotations): the media types cosign, Notation, the Sigstore bundle, BuildKit and oras-style SBOM pushes use.
#pragma once

#include "core/model/attachment.h"
#include "core/model/manifest.h"

namespace strata {

struct StoredSignature;

namespace attached {

// Fills kind, label, artifactType, created, predicateTypes, annotations and summary.
void classifyManifest(const Manifest &m, Attachment &a);
void classifyIndex(const Index &idx, Attachment &a);
void classifyStoredSignature(const StoredSignature &s, Attachment &a);

// The kind an in-toto predicate type names ("https://slsa.dev/provenance/v1" → SlsaProvenance).
ArtifactKind kindOfPredicate(const QString &predicateType);
// The kind a media type or artifactType names (application/spdx+json → SpdxSbom); Other when none.
ArtifactKind kindOfMediaType(const QString &mediaType);

} // namespace attached
} // namespace strata
