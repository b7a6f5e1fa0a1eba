// SPDX-License-Identifier: MIT
#include "core/model/attachment.h"

using namespace Qt::StringLiterals;

namespace strata {

QString artifactKindName(ArtifactKind k)
{
    switch (k) {
    case ArtifactKind::CosignSignature: return u"cosign signature"_s;
    case ArtifactKind::SigstoreBundle: return u"Sigstore bundle"_s;
    case ArtifactKind::NotationSignature: return u"Notation signature"_s;
    case ArtifactKind::GpgSignature: return u"GPG simple signing"_s;
    case ArtifactKind::SlsaProvenance: return u"SLSA provenance"_s;
    case ArtifactKind::SpdxSbom: return u"SPDX SBOM"_s;
    case ArtifactKind::CycloneDxSbom: return u"CycloneDX SBOM"_s;
    case ArtifactKind::Sbom: return u"SBOM"_s;
    case ArtifactKind::VulnerabilityReport: return u"vulnerability report"_s;
    case ArtifactKind::InTotoAttestation: return u"in-toto attestation"_s;
    case ArtifactKind::Other: return u"artifact"_s;
    }
    return {};
}

bool isSignatureKind(ArtifactKind k)
{
    return k == ArtifactKind::CosignSignature || k == ArtifactKind::SigstoreBundle ||
           k == ArtifactKind::NotationSignature || k == ArtifactKind::GpgSignature;
}

QString foundByName(FoundBy f)
{
    switch (f) {
    case FoundBy::Subject: return u"subject"_s;
    case FoundBy::ReferrersApi: return u"referrers API"_s;
    case FoundBy::ReferrersTag: return u"referrers tag"_s;
    case FoundBy::CosignTag: return u"cosign tag"_s;
    case FoundBy::CosignLayout: return u"cosign save layout"_s;
    case FoundBy::AttestationManifest: return u"attestation manifest"_s;
    case FoundBy::StoredSignature: return u"stored signature"_s;
    }
    return {};
}

QString foundByKey(FoundBy f)
{
    switch (f) {
    case FoundBy::Subject: return u"subject"_s;
    case FoundBy::ReferrersApi: return u"referrers-api"_s;
    case FoundBy::ReferrersTag: return u"referrers-tag"_s;
    case FoundBy::CosignTag: return u"cosign-tag"_s;
    case FoundBy::CosignLayout: return u"cosign-layout"_s;
    case FoundBy::AttestationManifest: return u"attestation-manifest"_s;
    case FoundBy::StoredSignature: return u"stored-signature"_s;
    }
    return {};
}

} // namespace strata
