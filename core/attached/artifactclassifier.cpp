// SPDX-License-Identifier: MIT
// Media types: cosign specs/SIGNATURE_SPEC.md (simplesigning layers, .sig/.att), sigstore bundle media types
// (sigstore protobuf-specs), notation specs/signature-specification.md, BuildKit docs/attestations/
// attestation-storage.md (in-toto layers, in-toto.io/predicate-type), oras/regctl artifactType pushes.
#include "core/attached/artifactclassifier.h"
#include "core/mediatypes.h"
#include "core/signatures/storedsignature.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace strata::attached {

namespace {

constexpr auto AnnotationPredicateBuildKit = "in-toto.io/predicate-type";
constexpr auto AnnotationPredicateCosign = "predicateType";
constexpr auto AnnotationCreated = "org.opencontainers.image.created";
constexpr auto EmptyConfigs = {"application/vnd.oci.empty.v1+json", "application/vnd.oci.image.config.v1+json",
                               "application/vnd.docker.container.image.v1+json",
                               "application/vnd.unknown.config.v1+json"};

QString predicateLabel(const QString &t)
{
    const ArtifactKind k = kindOfPredicate(t);
    if (k == ArtifactKind::InTotoAttestation)
        return t.left(120);
    QString label = artifactKindName(k);
    // "https://slsa.dev/provenance/v0.2" → "SLSA provenance v0.2"
    if (k == ArtifactKind::SlsaProvenance) {
        const QString version = t.section(u'/', -1);
        if (version.startsWith(u'v'))
            label += u' ' + version.left(16);
    }
    return label;
}

bool isPlainConfig(const QString &mediaType)
{
    for (const char *c : EmptyConfigs)
        if (mediaType == QLatin1StringView(c))
            return true;
    return mediaType.isEmpty();
}

} // namespace

ArtifactKind kindOfPredicate(const QString &t)
{
    if (t.startsWith(u"https://slsa.dev/provenance/"_s))
        return ArtifactKind::SlsaProvenance;
    if (t.startsWith(u"https://spdx.dev/Document"_s) || t == u"https://spdx.github.io/spdx-spec/"_s)
        return ArtifactKind::SpdxSbom;
    if (t.startsWith(u"https://cyclonedx.org/bom"_s) || t.startsWith(u"https://cyclonedx.org/schema"_s))
        return ArtifactKind::CycloneDxSbom;
    if (t.startsWith(u"https://openvex.dev/ns"_s) || t.startsWith(u"https://cosign.sigstore.dev/attestation/vuln"_s) ||
        t.contains(u"sarif"_s, Qt::CaseInsensitive))
        return ArtifactKind::VulnerabilityReport;
    return ArtifactKind::InTotoAttestation;
}

ArtifactKind kindOfMediaType(const QString &mt)
{
    const QString m = mt.section(u';', 0, 0).trimmed().toLower();
    if (m == QLatin1StringView(mediatype::CosignSimpleSigning))
        return ArtifactKind::CosignSignature;
    if (m.startsWith(u"application/vnd.dev.sigstore.bundle"_s))
        return ArtifactKind::SigstoreBundle;
    if (m == QLatin1StringView(mediatype::NotarySignature))
        return ArtifactKind::NotationSignature;
    if (m == u"application/spdx+json"_s || m == u"text/spdx"_s || m.startsWith(u"application/spdx"_s))
        return ArtifactKind::SpdxSbom;
    if (m.startsWith(u"application/vnd.cyclonedx"_s))
        return ArtifactKind::CycloneDxSbom;
    if (m == u"application/sarif+json"_s || m.startsWith(u"application/vnd.openvex"_s))
        return ArtifactKind::VulnerabilityReport;
    if (m.contains(u"sbom"_s) || m.startsWith(u"application/vnd.syft"_s))
        return ArtifactKind::Sbom;
    return ArtifactKind::Other;
}

void classifyManifest(const Manifest &m, Attachment &a)
{
    a.annotations = m.annotations;
    a.artifactType = m.artifactType;
    if (a.artifactType.isEmpty() && !isPlainConfig(m.config.mediaType))
        a.artifactType = m.config.mediaType; // OCI 1.0 artifacts put their type in the config (oras, notation)
    a.created = m.annotations.value(QLatin1StringView(AnnotationCreated));

    ArtifactKind byLayers = ArtifactKind::Other;
    QSet<ArtifactKind> predicateKinds;
    QStringList labels;
    for (const Descriptor &l : m.layers) {
        if (a.created.isEmpty())
            a.created = l.annotation(QLatin1StringView(AnnotationCreated));
        QString predicate = l.annotation(QLatin1StringView(AnnotationPredicateBuildKit));
        if (predicate.isEmpty())
            predicate = l.annotation(QLatin1StringView(AnnotationPredicateCosign));
        if (!predicate.isEmpty() || l.mediaType == QLatin1StringView(mediatype::InToto) ||
            l.mediaType == QLatin1StringView(mediatype::Dsse)) {
            if (!predicate.isEmpty() && !a.predicateTypes.contains(predicate)) {
                a.predicateTypes << predicate;
                predicateKinds.insert(kindOfPredicate(predicate));
                labels << predicateLabel(predicate);
            }
            continue;
        }
        if (byLayers == ArtifactKind::Other)
            byLayers = kindOfMediaType(l.mediaType);
    }

    const ArtifactKind byType = kindOfMediaType(a.artifactType);
    if (byType != ArtifactKind::Other)
        a.kind = byType;
    else if (byLayers != ArtifactKind::Other)
        a.kind = byLayers;
    else if (predicateKinds.size() == 1)
        a.kind = *predicateKinds.begin();
    else if (!predicateKinds.isEmpty() || m.artifactType == u"application/vnd.docker.attestation.manifest.v1+json")
        a.kind = ArtifactKind::InTotoAttestation;
    else
        a.kind = ArtifactKind::Other;

    if (!labels.isEmpty())
        a.label = labels.size() == 1 && predicateKinds.size() == 1 && a.kind != ArtifactKind::InTotoAttestation
                      ? labels.first()
                      : u"attestation: "_s + labels.join(u", "_s);
    else if (a.kind == ArtifactKind::Other)
        a.label = a.artifactType.isEmpty() ? u"artifact"_s : u"artifact (%1)"_s.arg(a.artifactType.left(100));
    else
        a.label = artifactKindName(a.kind);

    const int n = static_cast<int>(m.layers.size());
    a.summary = n == 1 ? u"1 layer"_s : u"%1 layers"_s.arg(n);
    if (a.kind == ArtifactKind::CosignSignature && n > 1)
        a.summary = u"%1 signatures"_s.arg(n);
    if (!m.layers.isEmpty())
        a.summary += u" (%1)"_s.arg(m.layers.first().mediaType.left(80));
}

void classifyIndex(const Index &idx, Attachment &a)
{
    a.annotations = idx.annotations;
    a.artifactType = idx.artifactType;
    a.created = idx.annotations.value(QLatin1StringView(AnnotationCreated));
    a.kind = kindOfMediaType(idx.artifactType);
    a.label = a.kind == ArtifactKind::Other
                  ? (a.artifactType.isEmpty() ? u"index"_s : u"artifact index (%1)"_s.arg(a.artifactType.left(100)))
                  : artifactKindName(a.kind);
    a.summary = u"%1 manifests"_s.arg(idx.manifests.size());
}

void classifyStoredSignature(const StoredSignature &s, Attachment &a)
{
    a.kind = s.format == StoredSignature::Format::SimpleSigningGpg ? ArtifactKind::GpgSignature
             : s.format == StoredSignature::Format::Sigstore &&
                     s.mimeType == QLatin1StringView(mediatype::CosignSimpleSigning)
                 ? ArtifactKind::CosignSignature
                 : ArtifactKind::Other;
    a.label = s.kindName();
    a.artifactType = s.mimeType;
    a.annotations = s.annotations;
    a.summary = s.claims ? u"claims %1"_s.arg(s.claims->manifestDigest.toString()) : u"no simple-signing claims"_s;
}

} // namespace strata::attached
