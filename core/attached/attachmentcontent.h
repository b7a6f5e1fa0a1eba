// SPDX-License-Identifier: MIT
// What an attached artifact holds, decoded from its layers: cosign signatures (simple signing payload, certificate,
// Rekor promise), Sigstore bundles, Notation JWS/COSE envelopes, in-toto statements (raw, DSSE, in a bundle) with
// their SLSA provenance summary, and SBOMs. Decoding only: nothing here says "verified".
#pragma once

#include "core/attestations/intotostatement.h"
#include "core/attestations/provenancesummary.h"
#include "core/attestations/sbomdocument.h"
#include "core/jobs/jobcontext.h"
#include "core/model/imagegraph.h"

#include <memory>
#include <optional>

namespace strata::attached {

struct TlogEntry
{
    qint64 logIndex = -1;
    QDateTime integratedTime;
    QString logId; // hex of the log's key ID
    QString kind;  // "intoto 0.0.2", "hashedrekord 0.0.1"
};

// A Sigstore bundle (sigstore/protobuf-specs bundle.proto, v0.1–v0.3).
struct SigstoreBundleContent
{
    QString mediaType;                      // application/vnd.dev.sigstore.bundle+json;version=0.1, …v0.3+json
    QList<CertificateSummary> certificates; // x509CertificateChain (v0.1/0.2) or certificate (v0.3)
    QString publicKeyHint;                  // verificationMaterial.publicKey.hint
    QList<TlogEntry> tlogEntries;
    QString messageDigest; // messageSignature.messageDigest as "SHA2_256:<hex>", when it signs a blob
    QByteArray raw;        // the bundle's bytes as read (what core/trust verifies)
};

// A Notation signature envelope (notaryproject/specifications signature-envelope-jws.md, -cose.md).
struct NotationContent
{
    QString envelopeType; // application/jose+json or application/cose
    qint64 envelopeBytes = 0;
    bool decoded = false; // the envelope's headers decoded
    QString algorithm;    // the protected header's alg (PS256, ES384, …)
    QString contentType;  // cty
    QString signingScheme;
    QString signingTime; // io.cncf.notary.signingTime, as written (JWS) or in RFC 3339 (COSE's tag 1 integer)
    QString expiry;      // io.cncf.notary.expiry, the same way
    QString signingAgent;
    QString targetMediaType; // the payload's targetArtifact
    Digest targetDigest;
    qint64 targetSize = -1;
    QList<CertificateSummary> certificates; // x5c (JWS) or x5chain (COSE), leaf first
    QByteArray raw;                         // the envelope's bytes as read (JWS JSON or COSE CBOR), for core/trust
};

struct StatementContent
{
    QString carrier; // "DSSE envelope", "in-toto statement", "Sigstore bundle"
    InTotoStatement statement;
    int matchingSubject = -1; // the subject that names the artifact's subject digest
    std::optional<ProvenanceSummary> provenance;
};

struct LayerText
{
    Digest digest;
    QString text; // the first limits::PreviewBytes of a small text layer an unknown media type holds
};

struct AttachmentContent
{
    QString mediaType; // the artifact manifest's
    QString artifactType;
    Descriptor config;
    QList<Descriptor> layers;          // the manifest's layers, or the index's manifests
    QList<StoredSignature> signatures; // cosign .sig layers; a dir: stored signature
    QList<SigstoreBundleContent> bundles;
    QList<NotationContent> notations;
    QList<StatementContent> statements;
    std::shared_ptr<const SbomDocument> sbom; // the first SBOM found (raw layer or in-toto predicate)
    QList<LayerText> previews;
    QStringList problems; // each names the layer and what was wrong

    // One line for people and `inspect --referrers`: "SLSA provenance v1 by https://github.com/…",
    // "SPDX 2.3 SBOM, 612 packages", "cosign signature of sha256:…", "Notation signature (PS256)".
    QString summary() const;
};

inline constexpr qint64 PreviewBytes = 4096;

// Reads and decodes the artifact at `nodeId` (a node with an attachment, or a stored signature) through the
// graph's container: one bounded read per layer (limits::SignatureBytes for signatures and Notation envelopes,
// StatementBytes for statements and bundles, SbomBytes for SBOMs; the descriptor's size is checked before reading).
// Thread-safe (reads the immutable graph); checks `job` between layers. Errors: NotFound (not an artifact),
// Canceled. Everything else, a missing blob or a layer that does not decode, is in problems.
Result<AttachmentContent> readAttachmentContent(const ImageGraph &g, int nodeId, JobContext *job = nullptr);

} // namespace strata::attached
