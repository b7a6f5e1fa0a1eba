// SPDX-License-Identifier: MIT
// manifest.json and repositories reading.
#include "core/sources/dockerarchivereader.h"
#include "core/io/tarindex.h"
#include "core/json/jsondocument.h"
#include "core/json/jsonlimits.h"
#include "core/sources/blobpaths.h"
#include "core/sources/imagebuilder.h"

#include <QJsonArray>
#include <QSet>

using namespace Qt::StringLiterals;

namespace strata {

namespace {

struct Entry
{
    QString config;
    QStringList repoTags;
    QStringList layers;
    QJsonObject layerSources;
};

Result<QList<Entry>> parseManifestJson(const Container &c)
{
    const QString ctx = c.path() + u": manifest.json"_s;
    Result<QByteArray> raw = c.readSmall(u"manifest.json"_s, limits::TopLevelJsonBytes);
    if (!raw)
        return raw.error();
    Result<QJsonValue> v = json::parse(raw.value(), limits::TopLevelJsonBytes, ctx);
    if (!v)
        return v.error();
    if (v->isNull())
        return makeError(ErrorCode::Malformed,
                         u"manifest.json is null: it lists no images (an empty list would be [])"_s, ctx);
    if (!v->isArray())
        return makeError(ErrorCode::Malformed, u"manifest.json must be a JSON array of images"_s, ctx);
    QList<Entry> out;
    const QJsonArray arr = v->toArray();
    if (arr.size() > limits::MaxManifests)
        return makeError(ErrorCode::TooLarge, u"manifest.json lists %1 images"_s.arg(arr.size()), ctx);
    for (qsizetype i = 0; i < arr.size(); ++i) {
        const QJsonObject o = arr[i].toObject();
        if (!arr[i].isObject() || !o.value("Config"_L1).isString())
            return makeError(ErrorCode::Malformed, u"entry %1 has no \"Config\" path"_s.arg(i), ctx);
        Entry e;
        e.config = o.value("Config"_L1).toString();
        e.repoTags = json::optStringList(o, "RepoTags"_L1);
        e.layers = json::optStringList(o, "Layers"_L1);
        if (e.layers.size() > limits::MaxLayers)
            return makeError(ErrorCode::TooLarge, u"entry %1 lists %2 layers"_s.arg(i).arg(e.layers.size()), ctx);
        e.layerSources = o.value("LayerSources"_L1).toObject();
        out << e;
    }
    return out;
}

// The image in `g` whose config digest is `configDigest`, or -1.
int findImageByConfig(const ImageGraph &g, const std::optional<Digest> &configDigest)
{
    if (!configDigest)
        return -1;
    for (qsizetype i = 0; i < g.images.size(); ++i) {
        const int cn = g.images[i].configNode;
        if (cn >= 0 && g.nodes[cn].descriptor && g.nodes[cn].descriptor->digest == *configDigest)
            return static_cast<int>(i);
    }
    return -1;
}

void crossCheck(ImageGraph &g, const Container &c, int imageIndex, const Entry &e)
{
    ImageInfo &img = g.images[imageIndex];
    if (!e.repoTags.isEmpty()) {
        if (img.name.isEmpty() || !img.name.contains(u':'))
            img.name = e.repoTags.first();
        if (img.manifestNode >= 0) {
            for (const QString &t : e.repoTags) {
                if (!g.nodes[img.manifestNode].refNames.contains(t))
                    g.nodes[img.manifestNode].refNames << t;
            }
        }
    }
    // Layer order: manifest.json + diff_ids are authoritative (moby 25.0.0 wrote the OCI
    // manifest's layers in map order, fixed by commit 17fd6562bf).
    QList<QString> jsonOrder, ociOrder;
    for (const QString &l : e.layers) {
        Result<MemberStat> st = c.stat(l);
        const auto d = digestFromMemberName(st ? st->resolved : normaliseMemberName(l));
        jsonOrder << (d ? d->toString() : l);
    }
    for (int ln : img.layerNodes)
        ociOrder << g.nodes[ln].digest().toString();
    if (jsonOrder != ociOrder) {
        QList<QString> a = jsonOrder, b = ociOrder;
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        const int at = img.manifestNode >= 0 ? img.manifestNode : img.configNode;
        if (a == b)
            g.addProblem(
                ProblemKind::LayerOrder, at,
                u"the OCI manifest lists the layers in a different order than manifest.json, as Docker "
                "25.0.0 wrote them (fixed in 25.0.1); manifest.json and the config's diff_ids are authoritative"_s,
                jsonOrder.join(u", "_s), ociOrder.join(u", "_s));
        else
            g.addProblem(ProblemKind::CountMismatch, at,
                         u"manifest.json and the OCI manifest list different layers for this image"_s,
                         jsonOrder.join(u", "_s), ociOrder.join(u", "_s));
    }
}

bool matchesSelection(const Entry &e, int index, const Selection &s)
{
    if (s.index >= 0)
        return s.index == index;
    if (s.reference.isEmpty())
        return true;
    for (const QString &t : e.repoTags) {
        if (t == s.reference || t.endsWith(u'/' + s.reference))
            return true;
    }
    return false;
}

} // namespace

bool DockerArchiveReader::hasManifestJson(const Container &c)
{
    return c.exists(u"manifest.json"_s);
}

bool DockerArchiveReader::hasRepositoriesOnly(const Container &c)
{
    return !c.exists(u"manifest.json"_s) && !c.exists(u"index.json"_s) && c.exists(u"repositories"_s);
}

Status DockerArchiveReader::read(ImageGraph &g, const Container &c, int parent, const Selection &selection)
{
    Result<QList<Entry>> entries = parseManifestJson(c);
    if (!entries)
        return entries.error();
    const bool selective = !selection.isAll();
    int matched = 0;
    for (qsizetype i = 0; i < entries->size(); ++i) {
        const Entry &e = entries->at(i);
        if (!matchesSelection(e, static_cast<int>(i), selection))
            continue;
        ++matched;
        if (g.nodes.size() >= limits::MaxGraphNodes) {
            g.addProblem(ProblemKind::TooLarge, parent,
                         u"manifest.json describes more than %1 objects; entries from %2 on are not shown"_s
                             .arg(limits::MaxGraphNodes)
                             .arg(i + 1));
            break;
        }
        const QString configMember = normaliseMemberName(e.config);
        std::optional<Digest> configDigest;
        if (!configMember.isEmpty()) {
            Result<MemberStat> st = c.stat(configMember);
            configDigest = digestFromMemberName(st ? st->resolved : configMember);
        }
        if (const int existing = findImageByConfig(g, configDigest); existing >= 0) {
            crossCheck(g, c, existing, e);
            continue;
        }

        Node holder;
        holder.kind = NodeKind::Manifest;
        holder.title = e.repoTags.isEmpty() ? u"image %1"_s.arg(i + 1) : e.repoTags.first();
        holder.refNames = e.repoTags;
        holder.member = u"manifest.json"_s;
        holder.present = true;
        holder.note = u"An entry of manifest.json (docker save). It is not content-addressed: there is no manifest "
                      "digest inside a docker save archive; the image is identified by its config digest (image ID)."_s;
        const int holderId = g.addNode(holder, parent);

        ImageInfo img;
        img.name = e.repoTags.isEmpty() ? u"image %1"_s.arg(i + 1) : e.repoTags.first();
        builder::BlobRef config{std::nullopt, configMember};
        if (configMember.isEmpty())
            g.addProblem(ProblemKind::UnsafePath, holderId,
                         u"the config path \"%1\" in manifest.json leaves the archive"_s.arg(e.config.left(200)));
        QList<builder::BlobRef> layers;
        QList<int> unsafeLayers;
        for (qsizetype j = 0; j < e.layers.size(); ++j) {
            const QString m = normaliseMemberName(e.layers[j]);
            if (m.isEmpty())
                unsafeLayers << static_cast<int>(j);
            layers << builder::BlobRef{std::nullopt, m};
        }
        const int imageIndex = builder::addImage(g, c, holderId, img, config, layers);
        g.nodes[holderId].imageIndex = imageIndex;
        for (int j : unsafeLayers)
            g.addProblem(ProblemKind::UnsafePath, g.images[imageIndex].layerNodes[j],
                         u"the layer path \"%1\" in manifest.json leaves the archive; it is not read"_s.arg(
                             e.layers[j].left(200)));
        // LayerSources (foreign layers before Docker 25, every layer since) give real descriptors.
        const ImageInfo &added = g.images[imageIndex];
        for (int ln : added.layerNodes) {
            Node &n = g.nodes[ln];
            if (!n.expectedDiffId)
                continue;
            const QJsonValue src = e.layerSources.value(n.expectedDiffId->toString());
            if (!src.isObject())
                continue;
            Result<Descriptor> d = Descriptor::fromJson(src.toObject(), g.describe(ln) + u" LayerSources"_s);
            if (!d) {
                g.addProblem(ProblemKind::Malformed, ln, d.error().message);
                continue;
            }
            // Since Docker 25 LayerSources describe the stored (uncompressed) tars. Before, and in ggcr
            // bundles, they describe the compressed registry blob while the archive stores the tar:
            // those are shown, never checked against the stored bytes.
            const bool describesStored =
                n.nameDigest ? d->digest == *n.nameDigest
                             : (d->digest == *n.expectedDiffId &&
                                mediatype::declaredCompression(d->mediaType) == mediatype::Compression::None);
            if (describesStored || !n.present) {
                n.descriptor = d.value();
            } else {
                n.registryDescriptor = d.value();
                n.note =
                    u"manifest.json LayerSources names the registry form of this layer (%1, %2 bytes, %3); "
                    "the archive stores the uncompressed tar, checked against its diff_id."_s.arg(d->digest.toString())
                        .arg(d->size)
                        .arg(d->mediaType);
            }
        }
    }
    if (selective && matched == 0) {
        QStringList names;
        for (const Entry &e : entries.value())
            names << e.repoTags;
        return makeError(ErrorCode::NotFound,
                         u"no image matches \"%1\" (images: %2)"_s.arg(
                             selection.index >= 0 ? u"@%1"_s.arg(selection.index) : selection.reference,
                             names.isEmpty() ? u"%1 untagged"_s.arg(entries->size()) : names.join(u", "_s)),
                         c.path());
    }
    return Ok{};
}

Status DockerArchiveReader::readLegacyV1(ImageGraph &g, const Container &c, int parent)
{
    const QString ctx = c.path() + u": repositories"_s;
    Result<QByteArray> raw = c.readSmall(u"repositories"_s, limits::TopLevelJsonBytes);
    if (!raw)
        return raw.error();
    Result<QJsonObject> repos = json::parseObject(raw.value(), limits::TopLevelJsonBytes, ctx);
    if (!repos)
        return repos.error();
    for (auto r = repos->begin(); r != repos->end(); ++r) {
        const QJsonObject tags = r.value().toObject();
        for (auto t = tags.begin(); t != tags.end(); ++t) {
            Node holder;
            holder.kind = NodeKind::Manifest;
            holder.title = r.key() + u':' + t.key();
            holder.refNames << holder.title;
            holder.member = u"repositories"_s;
            holder.present = true;
            holder.note = u"A pre-1.10 docker save archive: layers are chained by v1 IDs and there is no "
                          "content-addressed config, so nothing can be verified."_s;
            const int holderId = g.addNode(holder, parent);
            ImageInfo img;
            img.name = holder.title;
            img.manifestNode = holderId;
            const int imageIndex = static_cast<int>(g.images.size());
            g.nodes[holderId].imageIndex = imageIndex;
            g.images << img;
            // Walk the parent chain from the top layer down; the IDs name folders, so validate them.
            QStringList chain;
            QSet<QString> seen;
            QString id = t.value().toString();
            while (!id.isEmpty() && chain.size() < limits::MaxLayers) {
                static const QRegularExpression hex(u"^[a-f0-9]{64}$"_s);
                if (!hex.match(id).hasMatch() || seen.contains(id)) {
                    g.addProblem(ProblemKind::Malformed, holderId,
                                 u"invalid or repeated v1 layer ID \"%1\""_s.arg(id.left(80)));
                    break;
                }
                seen.insert(id);
                chain.prepend(id);
                Result<QByteArray> j = c.readSmall(id + u"/json"_s, limits::TopLevelJsonBytes);
                if (!j)
                    break;
                Result<QJsonObject> jo =
                    json::parseObject(j.value(), limits::TopLevelJsonBytes, c.path() + u": "_s + id + u"/json"_s);
                id = jo ? json::optString(jo.value(), "parent"_L1) : QString();
            }
            for (qsizetype i = 0; i < chain.size(); ++i) {
                Node ln;
                ln.kind = NodeKind::LegacyLayer;
                ln.title = u"layer %1"_s.arg(i + 1);
                ln.member = chain[i] + u"/layer.tar"_s;
                ln.imageIndex = imageIndex;
                ln.layerIndex = static_cast<int>(i);
                const int lid = g.addNode(ln, holderId);
                g.images[imageIndex].layerNodes << lid;
                builder::locate(g, c, lid);
            }
            g.addProblem(ProblemKind::Legacy, holderId,
                         u"pre-1.10 archive (no manifest.json): shown read-only, nothing is content-addressed"_s);
        }
    }
    return Ok{};
}

} // namespace strata
