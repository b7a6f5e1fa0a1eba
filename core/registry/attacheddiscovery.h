// SPDX-License-Identifier: MIT
// What a registry holds that refers to an image: the referrers API's answer (or, when the registry has none, the
// referrers tag schema's index under the tag sha256-<hex>) for the root manifest or index and each child manifest,
// and cosign's sha256-<hex>.sig/.att/.sbom tags of the root and its manifests. Lookups run in parallel; a failed one is
// a note, not a failure of the image.
#pragma once

#include "core/digest.h"
#include "core/jobs/jobcontext.h"
#include "core/model/descriptor.h"
#include "core/model/problem.h"

#include <QList>

namespace strata {

class RegistryClient;

struct DiscoveredArtifact
{
    // As the registry described it, plus attached::AnnotationFoundBy / AnnotationSubject (and, for a cosign tag,
    // org.opencontainers.image.ref.name = the tag).
    Descriptor descriptor;
    QByteArray manifest; // its bytes when fetched already (empty: fetched later, when read)
};

struct DiscoveryNote
{
    Digest subject; // the manifest or index the note is about
    ProblemKind kind = ProblemKind::Unverifiable;
    QString message;
};

struct AttachedDiscovery
{
    QList<DiscoveredArtifact> artifacts; // at most attached::MaxAttachedPerSubject per subject and lookup
    QList<DiscoveryNote> notes;          // cut lists, refused entries, failed lookups
};

// The child manifests looked up, at most (beyond: a note). Cosign tags are probed for the root, and found for the
// children in the repository's tag list (at most MaxListedTags tags are listed).
inline constexpr int MaxDiscoverySubjects = 64;
inline constexpr int MaxListedTags = 10000;
// Artifact manifests fetched during discovery, in bytes; the rest are fetched when the graph reads them.
inline constexpr qint64 MaxPrefetchedBytes = 64 * 1024 * 1024;
// Descriptor annotations kept in the synthesized index.json per artifact (JSON bytes).
inline constexpr int MaxKeptAnnotationBytes = 4096;

// `artifactType` (may be empty) is passed to the referrers API as its filter (registries may ignore it: callers
// filter again). Errors: Canceled only (every other failure becomes a note).
Result<AttachedDiscovery> discoverAttached(const RegistryClient &client, const QString &repository, const Digest &root,
                                           const QList<Digest> &children, JobContext *job,
                                           const QString &artifactType = {});

} // namespace strata
