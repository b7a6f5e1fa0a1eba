// SPDX-License-Identifier: MIT
// From descriptors to graph nodes: index → nested indexes → manifests → config and layers, with attestation and
// artifact labels, cycle and budget checks. Shared by the readers whose documents are all content-addressed
// (OCI layouts and archives, dir: folders); where each one stores a digest's bytes is the reader's naming.
#include "core/sources/descriptorwalker.h"
#include "core/json/jsondocument.h"
#include "core/json/jsonlimits.h"
#include "core/sources/imagebuilder.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace strata {

namespace {

constexpr auto AnnotationRefName = "org.opencontainers.image.ref.name";
constexpr auto AnnotationImageName = "io.containerd.image.name";
constexpr auto AnnotationRefType = "vnd.docker.reference.type";
constexpr auto AnnotationRefDigest = "vnd.docker.reference.digest";

} // namespace

ProblemKind problemKindForInvalidDescriptor(const Error &e)
{
    return e.code == ErrorCode::TooLarge ? ProblemKind::TooLarge : ProblemKind::Malformed;
}

DescriptorWalker::DescriptorWalker(ImageGraph &g, const Container &c, Naming naming)
    : m_g(g), m_c(c), m_naming(std::move(naming))
{
}

QString DescriptorWalker::nameFor(const Descriptor &d, const QString &inherited) const
{
    const QString full = d.annotation(QLatin1StringView(AnnotationImageName));
    if (!full.isEmpty())
        return full;
    const QString ref = d.annotation(QLatin1StringView(AnnotationRefName));
    return ref.isEmpty() ? inherited : ref;
}

void DescriptorWalker::addDescriptor(const Descriptor &d, int parent, int depth, bool nested, const QString &name)
{
    if (m_g.nodes.size() >= limits::MaxGraphNodes) {
        if (!m_budgetReported)
            m_g.addProblem(ProblemKind::TooLarge, parent,
                           u"the source describes more than %1 objects (the same documents referenced over and "
                           "over?); the rest is not shown"_s.arg(limits::MaxGraphNodes));
        m_budgetReported = true;
        return;
    }
    Node n;
    n.descriptor = d;
    n.absenceAllowed = nested; // "The blobs directory MAY be missing referenced blobs" (image-layout.md)
    n.platform = d.platform.value_or(Platform{});
    n.imageIndex = -1;
    const QString ref = d.annotation(QLatin1StringView(AnnotationRefName));
    if (!ref.isEmpty())
        n.refNames << ref;
    const QString full = d.annotation(QLatin1StringView(AnnotationImageName));
    if (!full.isEmpty() && !n.refNames.contains(full))
        n.refNames << full;
    // BuildKit attaches attestations (and regclient "builder" records) to a platform manifest with
    // these annotations and an unknown/unknown platform; they are never runnable images.
    n.attestationFor = d.annotation(QLatin1StringView(AnnotationRefDigest));

    if (mediatype::isIndex(d.mediaType))
        n.kind = NodeKind::Index;
    else if (mediatype::isManifest(d.mediaType) || mediatype::kindOf(d.mediaType) == mediatype::Kind::Schema1)
        n.kind = NodeKind::Manifest;
    else
        n.kind = NodeKind::Blob;
    n.member = n.kind == NodeKind::Blob ? m_naming.blob(d.digest) : m_naming.document(d.digest);
    n.title = titleFor(n, d);
    const int id = m_g.addNode(n, parent);
    if (!mediatype::isValidMediaTypeSyntax(d.mediaType)) {
        m_g.addProblem(ProblemKind::MediaTypeMismatch, id,
                       u"the media type \"%1\" is not valid RFC 6838 syntax"_s.arg(d.mediaType.left(120)))
            .severity = Severity::Warning;
    }

    if (n.kind == NodeKind::Blob) {
        builder::locate(m_g, m_c, id);
        return;
    }
    readDocument(id, d, depth, name);
    if (onDocument)
        onDocument(id);
}

void DescriptorWalker::readDocument(int id, const Descriptor &d, int depth, const QString &name)
{
    if (!builder::loadDocument(m_g, m_c, id, limits::ManifestBytes))
        return;
    Result<QJsonObject> obj = json::parseObject(m_g.nodes[id].raw, limits::ManifestBytes, m_g.describe(id));
    if (!obj) {
        m_g.addProblem(problemKindForInvalidDescriptor(obj.error()), id, obj.error().message);
        return;
    }
    QString warning;
    Result<DocumentKind> kind = detectDocumentKind(obj.value(), d.mediaType, m_g.describe(id), &warning);
    if (!kind) {
        m_g.addProblem(ProblemKind::Malformed, id, kind.error().message);
        return;
    }
    if (!warning.isEmpty()) {
        m_g.addProblem(ProblemKind::MediaTypeMismatch, id, warning).severity = Severity::Warning;
    }
    m_g.nodes[id].documentKind = kind.value();
    if (kind.value() == DocumentKind::Index)
        walkIndex(id, obj.value(), depth, nameFor(d, name));
    else if (kind.value() == DocumentKind::Manifest)
        addManifest(id, obj.value(), nameFor(d, name));
    else if (kind.value() == DocumentKind::Schema1)
        m_g.addProblem(ProblemKind::Unverifiable, id,
                       u"a Docker schema 1 manifest: deprecated, its layers are not followed"_s);
    else
        m_g.addProblem(ProblemKind::Malformed, id, u"neither a manifest nor an index"_s);
}

QString DescriptorWalker::titleFor(const Node &n, const Descriptor &d)
{
    const QString refType = d.annotation(QLatin1StringView(AnnotationRefType));
    if ((!n.attestationFor.isEmpty() && (refType.isEmpty() || refType == u"attestation-manifest")) ||
        d.artifactType == QLatin1StringView(mediatype::DockerAttestation))
        return u"attestation"_s;
    if (!n.attestationFor.isEmpty())
        return u"attached (%1)"_s.arg(refType.left(40));
    if (n.kind == NodeKind::Index)
        return d.mediaType == QLatin1StringView(mediatype::DockerList) ? u"manifest list"_s : u"index"_s;
    if (n.kind == NodeKind::Manifest) {
        if (d.platform && !d.platform->isEmpty())
            return d.platform->toString();
        return u"manifest"_s;
    }
    return u"blob"_s;
}

void DescriptorWalker::walkIndex(int id, const QJsonObject &obj, int depth, const QString &name)
{
    const QString key = m_g.nodes[id].digest().toString();
    if (m_onPath.contains(key)) {
        m_g.addProblem(ProblemKind::Malformed, id, u"this index contains itself (a cycle); not followed again"_s);
        return;
    }
    if (depth >= limits::IndexDepth) {
        m_g.addProblem(ProblemKind::TooLarge, id,
                       u"indexes nested deeper than %1 levels; not followed"_s.arg(limits::IndexDepth));
        return;
    }
    Result<Index> idx = Index::fromJson(obj, m_g.describe(id));
    if (!idx) {
        m_g.addProblem(problemKindForInvalidDescriptor(idx.error()), id, idx.error().toString());
        return;
    }
    for (const Error &e : idx->invalidManifests)
        m_g.addProblem(problemKindForInvalidDescriptor(e), id, e.toString());
    m_onPath.insert(key);
    for (const Descriptor &child : idx->manifests)
        addDescriptor(child, id, depth + 1, true, name);
    m_onPath.remove(key);
}

void DescriptorWalker::addManifest(int id, const QJsonObject &obj, const QString &name)
{
    Result<Manifest> m = Manifest::fromJson(obj, m_g.describe(id));
    if (!m) {
        m_g.addProblem(problemKindForInvalidDescriptor(m.error()), id, m.error().toString());
        return;
    }
    Node &n = m_g.nodes[id];
    if (m->artifactType == QLatin1StringView(mediatype::DockerAttestation) && n.attestationFor.isEmpty() && m->subject)
        n.attestationFor = m->subject->digest.toString();
    if (!n.attestationFor.isEmpty()) {
        n.note = n.title == u"attestation"
                     ? u"An attestation (SBOM/provenance) of manifest %1, not a runnable image."_s.arg(n.attestationFor)
                     : u"Attached to manifest %1 (%2); BuildKit says to ignore reference types other than "
                       "attestation-manifest. Not a runnable image."_s.arg(n.attestationFor, n.title);
    } else if (m->subject) {
        n.note = u"Refers to %1 (an artifact attached to another manifest)."_s.arg(m->subject->digest.toString());
    }
    ImageInfo img;
    img.name = name;
    img.platform = n.platform;
    img.manifestNode = id;
    img.attestation = !n.attestationFor.isEmpty();
    builder::BlobRef config{m->config, m_naming.blob(m->config.digest)};
    QList<builder::BlobRef> layers;
    for (const Descriptor &l : m->layers)
        layers << builder::BlobRef{l, m_naming.blob(l.digest)};
    // A folder that keeps a manifest for its signatures holds none of its blobs: not included, not corruption.
    const auto stored = [this](const builder::BlobRef &r) { return !r.member.isEmpty() && m_c.exists(r.member); };
    if (noBlobsMeansNotIncluded && !stored(config) && std::none_of(layers.begin(), layers.end(), stored)) {
        config.absenceAllowed = true;
        for (builder::BlobRef &l : layers)
            l.absenceAllowed = true;
        if (n.note.isEmpty())
            n.note = u"This folder holds the manifest without its config and layers (as for keeping signatures): "
                     "they are not included, which is not corruption."_s;
    }
    const int imageIndex = builder::addImage(m_g, m_c, id, img, config, layers);
    m_g.nodes[id].imageIndex = imageIndex;
    if (m_g.nodes[id].title == u"manifest" && !m_g.images[imageIndex].platform.isEmpty() && !img.attestation)
        m_g.nodes[id].title = m_g.images[imageIndex].platform.toString();
}

} // namespace strata
