// SPDX-License-Identifier: MIT
// What an artifact attached to a manifest is, and how it was found: the ecosystem attaches signatures,
// attestations and SBOMs in six different ways (OCI 1.1 subject, the referrers API and its tag schema,
// cosign's sha256-<hex>.sig/.att/.sbom tags and saved layouts, BuildKit attestation manifests, containers/image
// stored signatures). The linker (core/attached) fills one of these for each artifact node it places.
#pragma once

#include "core/digest.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace strata {

enum class ArtifactKind {
    CosignSignature,     // simple-signing payload + dev.cosignproject.cosign/signature
    SigstoreBundle,      // application/vnd.dev.sigstore.bundle…
    NotationSignature,   // application/vnd.cncf.notary.signature (JWS or COSE envelope)
    GpgSignature,        // containers/image simple signing, OpenPGP
    SlsaProvenance,      // in-toto predicate https://slsa.dev/provenance/…
    SpdxSbom,            // SPDX document (in-toto predicate or artifact)
    CycloneDxSbom,       // CycloneDX BOM
    Sbom,                // another SBOM format (syft, an example.sbom)
    VulnerabilityReport, // OpenVEX, SARIF, cosign vuln
    InTotoAttestation,   // another or several in-toto predicates
    Other,
};
QString artifactKindName(ArtifactKind k); // "cosign signature", "SPDX SBOM", …
bool isSignatureKind(ArtifactKind k);

enum class FoundBy {
    Subject,
    ReferrersApi,
    ReferrersTag,
    CosignTag,
    CosignLayout,
    AttestationManifest,
    StoredSignature
};
QString foundByName(FoundBy f); // "subject", "referrers API", … (for people)
QString foundByKey(FoundBy f);  // "subject", "referrers-api", … (for JSON)

struct Attachment
{
    ArtifactKind kind = ArtifactKind::Other;
    QString label;              // "SLSA provenance v1", "attestation: SLSA provenance v0.2, SPDX SBOM", …
    QList<FoundBy> foundBy;     // every way it was found, first the one that placed it
    Digest subject;             // the manifest or index it refers to
    bool dangling = false;      // no manifest of the source has that digest
    QString artifactType;       // the manifest's artifactType, else its config's media type when not a plain config
    QString created;            // org.opencontainers.image.created (of the manifest or its first layer), as written
    QStringList predicateTypes; // in-toto predicate types its layers declare
    QMap<QString, QString> annotations; // the manifest's own
    QString summary;                    // one line: what the layers hold
};

} // namespace strata
