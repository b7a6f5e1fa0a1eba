// SPDX-License-Identifier: MIT
// OCI layout reading: index.json → nested indexes → manifests → config and layers.
#include "core/sources/ocilayoutreader.h"
#include "core/json/jsondocument.h"
#include "core/json/jsonlimits.h"
#include "core/sources/blobpaths.h"
#include "core/sources/descriptorwalker.h"

using namespace Qt::StringLiterals;

namespace strata {

namespace {

constexpr auto AnnotationRefName = "org.opencontainers.image.ref.name";
constexpr auto AnnotationImageName = "io.containerd.image.name";

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
    DescriptorWalker w(g, c, {ociBlobPath, ociBlobPath});
    for (const Descriptor &d : chosen)
        w.addDescriptor(d, rootId, 1, false, QString());
    return Ok{};
}

} // namespace strata
