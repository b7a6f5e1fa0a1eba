// SPDX-License-Identifier: MIT
// What an attached artifact is, from its in-toto predicate type or its media type (a layer's, an artifactType).
#pragma once

#include <QString>

namespace strata {

enum class PredicateKind {
    SlsaProvenance,      // https://slsa.dev/provenance/v0.1, v0.2, v1
    SpdxSbom,            // https://spdx.dev/Document[/v2.x], application/spdx+json, text/spdx
    CycloneDxSbom,       // https://cyclonedx.org/bom[/v1.x], application/vnd.cyclonedx+json[;version=…]
    VulnerabilityReport, // OpenVEX https://openvex.dev/ns*, SARIF application/sarif+json, cosign's vuln/v1,
                         // in-toto's vulns/v0.1
    OtherInToto,         // any other predicate type
};

struct PredicateClass
{
    PredicateKind kind = PredicateKind::OtherInToto;
    QString version;     // "v1", "2.3", "1.5", "v0.2.0", or empty when the type does not say
    QString displayName; // "SLSA provenance v1", "SPDX 2.3 SBOM", "CycloneDX SBOM", "OpenVEX report",
                         // "in-toto attestation (https://example.com/p/v1)"
};

// Classifies a predicate type or media type (media type parameters and case are ignored where the registries say
// so). Never fails: what is not known is OtherInToto, named by its type.
PredicateClass classifyPredicate(const QString &typeOrMediaType);

// "SLSA provenance", "SPDX SBOM", "CycloneDX SBOM", "vulnerability report", "in-toto attestation".
QString predicateKindName(PredicateKind kind);

} // namespace strata
