// SPDX-License-Identifier: MIT
// OCI layout reading: index.json → nested indexes → manifests → config and layers.
#include "core/sources/ocilayoutreader.h"
#include "core/json/jsondocument.h"
#include "core/json/jsonlimits.h"
#include "core/sources/blobpaths.h"
#include "core/sources/imagebuilder.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace strata {

ProblemKind problemKindForInvalidDescriptor(const Error &e);

namespace {

constexpr auto AnnotationRefName = "org.opencontainers.image.ref.name";
constexpr auto AnnotationImageName = "io.containerd.image.name";
constexpr auto AnnotationRefType = "vnd.docker.reference.type";
constexpr auto AnnotationRefDigest = "vnd.docker.reference.digest";

struct Walker
{
    ImageGraph &g;
    const Container &c;
    QSet<QString> onPath; // digests of the indexes being walked: a repeat is a cycle
    bool budgetReported = false;

    QString nameFor(const Descriptor &d, const QString &inherited) const
    {
        const QString full = d.annotation(QLatin1StringView(AnnotationImageName));
        if (!full.isEmpty())
            return full;
        const QString ref = d.annotation(QLatin1StringView(AnnotationRefName));
        return ref.isEmpty() ? inherited : ref;
    }

    void addDescriptor(const Descriptor &d, int parent, int depth, bool nested, const QString &name)
    {
        if (g.nodes.size() >= limits::MaxGraphNodes) {
            if (!budgetReported)
                g.addProblem(ProblemKind::TooLarge, parent,
                             u"the source describes more than %1 objects (the same documents referenced over and "
                             "over?); the rest is not shown"_s.arg(limits::MaxGraphNodes));
            budgetReported = true;
            return;
        }
        Node n;
        n.descriptor = d;
        n.member = ociBlobPath(d.digest);
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
        n.title = titleFor(n, d);
        const int id = g.addNode(n, parent);
        if (!mediatype::isValidMediaTypeSyntax(d.mediaType)) {
            g.addProblem(ProblemKind::MediaTypeMismatch, id,
                         u"the media type \"%1\" is not valid RFC 6838 syntax"_s.arg(d.mediaType.left(120)))
                .severity = Severity::Warning;
        }

        if (n.kind == NodeKind::Blob) {
            builder::locate(g, c, id);
            return;
        }
        if (!builder::loadDocument(g, c, id, limits::ManifestBytes))
            return;
        Result<QJsonObject> obj = json::parseObject(g.nodes[id].raw, limits::ManifestBytes, g.describe(id));
        if (!obj) {
            g.addProblem(problemKindForInvalidDescriptor(obj.error()), id, obj.error().message);
            return;
        }
        QString warning;
        Result<DocumentKind> kind = detectDocumentKind(obj.value(), d.mediaType, g.describe(id), &warning);
        if (!kind) {
            g.addProblem(ProblemKind::Malformed, id, kind.error().message);
            return;
        }
        if (!warning.isEmpty()) {
            g.addProblem(ProblemKind::MediaTypeMismatch, id, warning).severity = Severity::Warning;
        }
        g.nodes[id].documentKind = kind.value();
        if (kind.value() == DocumentKind::Index)
            walkIndex(id, obj.value(), depth, nameFor(d, name));
        else if (kind.value() == DocumentKind::Manifest)
            addManifest(id, obj.value(), nameFor(d, name));
        else if (kind.value() == DocumentKind::Schema1)
            g.addProblem(ProblemKind::Unverifiable, id,
                         u"a Docker schema 1 manifest: deprecated, its layers are not followed"_s);
        else
            g.addProblem(ProblemKind::Malformed, id, u"neither a manifest nor an index"_s);
    }

    static QString titleFor(const Node &n, const Descriptor &d)
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

    void walkIndex(int id, const QJsonObject &obj, int depth, const QString &name)
    {
        const QString key = g.nodes[id].digest().toString();
        if (onPath.contains(key)) {
            g.addProblem(ProblemKind::Malformed, id, u"this index contains itself (a cycle); not followed again"_s);
            return;
        }
        if (depth >= limits::IndexDepth) {
            g.addProblem(ProblemKind::TooLarge, id,
                         u"indexes nested deeper than %1 levels; not followed"_s.arg(limits::IndexDepth));
            return;
        }
        Result<Index> idx = Index::fromJson(obj, g.describe(id));
        if (!idx) {
            g.addProblem(problemKindForInvalidDescriptor(idx.error()), id, idx.error().toString());
            return;
        }
        for (const Error &e : idx->invalidManifests)
            g.addProblem(problemKindForInvalidDescriptor(e), id, e.toString());
        onPath.insert(key);
        for (const Descriptor &child : idx->manifests)
            addDescriptor(child, id, depth + 1, true, name);
        onPath.remove(key);
    }

    void addManifest(int id, const QJsonObject &obj, const QString &name)
    {
        Result<Manifest> m = Manifest::fromJson(obj, g.describe(id));
        if (!m) {
            g.addProblem(problemKindForInvalidDescriptor(m.error()), id, m.error().toString());
            return;
        }
        Node &n = g.nodes[id];
        if (m->artifactType == QLatin1StringView(mediatype::DockerAttestation) && n.attestationFor.isEmpty() &&
            m->subject)
            n.attestationFor = m->subject->digest.toString();
        if (!n.attestationFor.isEmpty()) {
            n.note =
                n.title == u"attestation"
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
        QList<builder::BlobRef> layers;
        for (const Descriptor &l : m->layers)
            layers << builder::BlobRef{l, ociBlobPath(l.digest)};
        const int imageIndex =
            builder::addImage(g, c, id, img, builder::BlobRef{m->config, ociBlobPath(m->config.digest)}, layers);
        g.nodes[id].imageIndex = imageIndex;
        if (g.nodes[id].title == u"manifest" && !g.images[imageIndex].platform.isEmpty() && !img.attestation)
            g.nodes[id].title = g.images[imageIndex].platform.toString();
    }
};

} // namespace

ProblemKind problemKindForInvalidDescriptor(const Error &e)
{
    return e.code == ErrorCode::TooLarge ? ProblemKind::TooLarge : ProblemKind::Malformed;
}

namespace {

bool matchesReference(const Descriptor &d, const QString &ref)
{
    const QString refName = d.annotation(QLatin1StringView(AnnotationRefName));
    const QString full = d.annotation(QLatin1StringView(AnnotationImageName));
    return refName == ref || full == ref || full.endsWith(u':' + ref) || d.digest.toString() == ref;
}

} // namespace

bool OciLayoutReader::looksLikeLayout(const Container &c)
{
    return c.exists(u"index.json"_s);
}

Status OciLayoutReader::read(ImageGraph &g, const Container &c, int parent, const Selection &selection)
{
    // oci-layout MUST exist with imageLayoutVersion "1.0.0" (image-layout.md); a missing one is
    // reported but index.json is still read, since tools that write only index.json exist.
    Result<QByteArray> layout = c.readSmall(u"oci-layout"_s, limits::TopLevelJsonBytes);
    if (!layout) {
        g.addProblem(ProblemKind::Malformed, parent,
                     u"oci-layout is missing (%1); the spec requires it, index.json is read anyway"_s.arg(
                         layout.error().message))
            .severity = Severity::Warning;
    } else {
        Result<QJsonObject> lo =
            json::parseObject(layout.value(), limits::TopLevelJsonBytes, c.path() + u": oci-layout"_s);
        if (!lo)
            g.addProblem(ProblemKind::Malformed, parent, lo.error().message);
        else if (json::optString(lo.value(), "imageLayoutVersion"_L1) != u"1.0.0")
            g.addProblem(ProblemKind::Malformed, parent,
                         u"oci-layout has imageLayoutVersion \"%1\", not \"1.0.0\""_s.arg(
                             json::optString(lo.value(), "imageLayoutVersion"_L1).left(40)));
    }

    const QString ctx = c.path() + u": index.json"_s;
    Result<QByteArray> raw = c.readSmall(u"index.json"_s, limits::TopLevelJsonBytes);
    if (!raw)
        return raw.error();
    Result<QJsonObject> obj = json::parseObject(raw.value(), limits::TopLevelJsonBytes, ctx);
    if (!obj)
        return obj.error();
    Result<DocumentKind> kind = detectDocumentKind(obj.value(), QString::fromLatin1(mediatype::OciIndex), ctx);
    if (!kind)
        return kind.error();
    Result<Index> idx = Index::fromJson(obj.value(), ctx);
    if (!idx)
        return idx.error();

    Node root;
    root.kind = NodeKind::Index;
    root.title = u"index.json"_s;
    root.member = u"index.json"_s;
    root.present = true;
    root.raw = raw.value();
    root.storedSize = raw->size();
    root.documentKind = DocumentKind::Index;
    if (idx->manifestsWasNull)
        root.note = u"\"manifests\" is null, as Docker 25.0.0–25.0.2 wrote for untagged images."_s;
    const int rootId = g.addNode(root, parent);
    for (const Error &e : idx->invalidManifests)
        g.addProblem(problemKindForInvalidDescriptor(e), rootId, e.toString());

    QList<Descriptor> chosen;
    for (const Descriptor &d : idx->manifests) {
        if (!selection.reference.isEmpty() && !matchesReference(d, selection.reference))
            continue;
        chosen << d;
    }
    if (!selection.reference.isEmpty() && chosen.isEmpty()) {
        QStringList names;
        for (const Descriptor &d : idx->manifests)
            names << d.annotation(QLatin1StringView(AnnotationRefName));
        names.removeAll(QString());
        return makeError(ErrorCode::NotFound,
                         u"no image named \"%1\" in index.json (names: %2)"_s.arg(
                             selection.reference, names.isEmpty() ? u"none"_s : names.join(u", "_s)),
                         c.path());
    }
    Walker w{g, c, {}};
    for (const Descriptor &d : chosen)
        w.addDescriptor(d, rootId, 1, false, QString());
    return Ok{};
}

} // namespace strata
