// SPDX-License-Identifier: MIT
// Predicate and media types of attestations: SLSA, SPDX, CycloneDX, vulnerability reports, the rest.
#include "core/attestations/predicatekind.h"

using namespace Qt::StringLiterals;

namespace strata {

namespace {

// "https://spdx.dev/Document/v2.3" under "https://spdx.dev/Document" → "v2.3"; the base itself → "".
bool under(const QString &type, QLatin1StringView base, QString *rest)
{
    if (type == base) {
        rest->clear();
        return true;
    }
    if (type.size() > base.size() + 1 && type.startsWith(base) && type.at(base.size()) == u'/') {
        *rest = type.mid(base.size() + 1).left(40);
        return true;
    }
    return false;
}

QString withoutV(const QString &v)
{
    return v.startsWith(u'v') ? v.mid(1) : v;
}

QString named(const QString &what, const QString &version)
{
    return version.isEmpty() ? what : u"%1 %2"_s.arg(what, version);
}

} // namespace

QString predicateKindName(PredicateKind kind)
{
    switch (kind) {
    case PredicateKind::SlsaProvenance: return u"SLSA provenance"_s;
    case PredicateKind::SpdxSbom: return u"SPDX SBOM"_s;
    case PredicateKind::CycloneDxSbom: return u"CycloneDX SBOM"_s;
    case PredicateKind::VulnerabilityReport: return u"vulnerability report"_s;
    case PredicateKind::OtherInToto: break;
    }
    return u"in-toto attestation"_s;
}

PredicateClass classifyPredicate(const QString &typeOrMediaType)
{
    const QString type = typeOrMediaType.trimmed().left(500);
    // Media types: the essence without parameters, case-insensitive (RFC 6838); ";version=1.5" is CycloneDX's.
    const qsizetype semicolon = type.indexOf(u';');
    const QString essence = (semicolon < 0 ? type : type.left(semicolon)).trimmed().toLower();
    QString parameterVersion;
    if (semicolon >= 0) {
        const qsizetype v = type.indexOf("version="_L1, semicolon, Qt::CaseInsensitive);
        if (v >= 0)
            parameterVersion = type.mid(v + 8).section(u';', 0, 0).trimmed().left(20);
    }
    PredicateClass c;
    QString rest;
    if (under(type, "https://slsa.dev/provenance"_L1, &rest)) {
        c.kind = PredicateKind::SlsaProvenance;
        c.version = rest;
        c.displayName = named(u"SLSA provenance"_s, rest);
    } else if (under(type, "https://spdx.dev/Document"_L1, &rest) || essence == "application/spdx+json"_L1 ||
               essence == "text/spdx"_L1 || essence == "application/vnd.spdx+json"_L1) {
        c.kind = PredicateKind::SpdxSbom;
        c.version = withoutV(rest);
        c.displayName = c.version.isEmpty() ? u"SPDX SBOM"_s : u"SPDX %1 SBOM"_s.arg(c.version);
    } else if (under(type, "https://cyclonedx.org/bom"_L1, &rest) || essence == "application/vnd.cyclonedx+json"_L1 ||
               essence == "application/vnd.cyclonedx"_L1) {
        c.kind = PredicateKind::CycloneDxSbom;
        c.version = withoutV(rest.isEmpty() ? parameterVersion : rest);
        c.displayName = c.version.isEmpty() ? u"CycloneDX SBOM"_s : u"CycloneDX %1 SBOM"_s.arg(c.version);
    } else if (type.startsWith("https://openvex.dev/ns"_L1) || essence == "application/openvex+json"_L1) {
        c.kind = PredicateKind::VulnerabilityReport;
        c.version = type.startsWith("https://openvex.dev/ns/"_L1) ? type.mid(23).left(20) : QString();
        c.displayName = named(u"OpenVEX report"_s, c.version);
    } else if (essence == "application/sarif+json"_L1) {
        c.kind = PredicateKind::VulnerabilityReport;
        c.displayName = u"SARIF report"_s;
    } else if (under(type, "https://cosign.sigstore.dev/attestation/vuln"_L1, &rest)) {
        c.kind = PredicateKind::VulnerabilityReport;
        c.version = rest;
        c.displayName = named(u"cosign vulnerability scan"_s, rest);
    } else if (under(type, "https://in-toto.io/attestation/vulns"_L1, &rest)) {
        c.kind = PredicateKind::VulnerabilityReport;
        c.version = rest;
        c.displayName = named(u"in-toto vulnerability report"_s, rest);
    } else {
        c.displayName = type.isEmpty() ? u"in-toto attestation (no predicate type)"_s
                                       : u"in-toto attestation (%1)"_s.arg(type.left(200));
    }
    return c;
}

} // namespace strata
