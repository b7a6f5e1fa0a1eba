// SPDX-License-Identifier: MIT
// Shared graph-building steps.
#include "core/sources/imagebuilder.h"
#include "core/json/jsondocument.h"
#include "core/json/jsonlimits.h"
#include "core/sources/blobpaths.h"
#include "core/sources/descriptorwalker.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace strata {
}

namespace strata::builder {

bool locate(ImageGraph &g, const Container &c, int nodeId)
{
    Node &n = g.nodes[nodeId];
    if (n.member.isEmpty()) {
        if (n.descriptor && !n.descriptor->digest.isVerifiable())
            g.addProblem(
                ProblemKind::Unverifiable, nodeId,
                u"the digest uses the algorithm \"%1\", which Strata cannot compute; the blob is not looked up"_s.arg(
                    n.descriptor->digest.algorithmName()));
        return false;
    }
    Result<MemberStat> st = c.stat(n.member);
    if (st) {
        n.present = true;
        n.storedSize = st->size;
        if (!n.nameDigest && st->resolved != n.member)
            n.nameDigest = digestFromMemberName(st->resolved); // a shared layer symlinked to <hex>.tar
        return true;
    }
    const Error &e = st.error();
    if (e.code == ErrorCode::UnsafePath) {
        g.addProblem(ProblemKind::UnsafePath, nodeId, e.message);
    } else if (e.code == ErrorCode::NotFound) {
        if (n.absenceAllowed) {
            g.addProblem(ProblemKind::NotIncluded, nodeId,
                         u"not included in this source; the format allows referenced blobs to be absent"_s);
            if (n.note.isEmpty())
                n.note = u"Not included in this source (allowed by the format, not corruption)."_s;
        } else if (n.descriptor && mediatype::isNonDistributable(n.descriptor->mediaType)) {
            g.addProblem(ProblemKind::NotIncluded, nodeId,
                         u"a non-distributable (foreign) layer; such layers are normally left out of saved images"_s);
        } else {
            g.addProblem(ProblemKind::MissingBlob, nodeId,
                         u"the blob is referenced but not in the source: %1"_s.arg(e.message));
        }
    } else if (isReadFailure(e.code)) {
        g.addProblem(ProblemKind::Unreadable, nodeId,
                     u"could not look up the blob%1: %2"_s.arg(e.context.isEmpty() ? QString() : u" at "_s + e.context,
                                                               e.message));
    } else {
        g.addProblem(ProblemKind::Malformed, nodeId, e.message);
    }
    return false;
}

bool loadDocument(ImageGraph &g, const Container &c, int nodeId, qint64 limit)
{
    if (!locate(g, c, nodeId))
        return false;
    Node &n = g.nodes[nodeId];
    if (n.descriptor && n.descriptor->size > limit) {
        g.addProblem(
            ProblemKind::TooLarge, nodeId,
            u"declared as %1 bytes, over the %2-byte limit for this document; not read"_s.arg(n.descriptor->size)
                .arg(limit));
        return false;
    }
    const qint64 expected = n.descriptor ? n.descriptor->size : n.storedSize;
    if (g.jsonBytesLoaded + qMax<qint64>(expected, 0) > limits::MaxLoadedJsonBytes) {
        g.addProblem(ProblemKind::TooLarge, nodeId,
                     u"the source's JSON documents add up to more than %1 bytes (a document referenced many times?); "
                     "not read"_s.arg(limits::MaxLoadedJsonBytes));
        return false;
    }
    Result<QByteArray> raw = c.readSmall(n.member, limit);
    if (!raw) {
        const Error &e = raw.error();
        const ProblemKind k = problemKindForReadError(e.code);
        g.addProblem(k, nodeId,
                     k == ProblemKind::Unreadable
                         ? u"could not read the document%1: %2"_s.arg(
                               e.context.isEmpty() ? QString() : u" from "_s + e.context, e.message)
                         : e.message);
        return false;
    }
    n.raw = raw.value();
    g.jsonBytesLoaded += n.raw.size();
    return true;
}

namespace {

std::shared_ptr<const ImageConfig> loadConfig(ImageGraph &g, const Container &c, int nodeId)
{
    if (!loadDocument(g, c, nodeId, limits::ConfigBytes))
        return nullptr;
    Node &n = g.nodes[nodeId];
    if (n.descriptor && !mediatype::isImageConfig(n.descriptor->mediaType)) {
        // image-spec manifest.md: a config of an unknown media type is opaque; never parse it.
        n.note = u"A non-image config (%1); shown as opaque bytes."_s.arg(n.descriptor->mediaType);
        return nullptr;
    }
    Result<QJsonObject> obj = json::parseObject(n.raw, limits::ConfigBytes, g.describe(nodeId));
    if (!obj) {
        g.addProblem(problemKindForInvalidDescriptor(obj.error()), nodeId, obj.error().message);
        return nullptr;
    }
    Result<ImageConfig> cfg = ImageConfig::fromJson(obj.value(), g.describe(nodeId));
    if (!cfg) {
        g.addProblem(ProblemKind::Malformed, nodeId, cfg.error().message);
        return nullptr;
    }
    return std::make_shared<const ImageConfig>(cfg.value());
}

} // namespace

int addImage(ImageGraph &g, const Container &c, int parent, ImageInfo image, const BlobRef &config,
             const QList<BlobRef> &layers)
{
    const int imageIndex = static_cast<int>(g.images.size());
    ImageInfo placeholder; // so that problems found below already name the image
    placeholder.name = image.name;
    g.images << placeholder;

    Node cn;
    cn.kind = NodeKind::Config;
    cn.title = u"config"_s;
    cn.descriptor = config.descriptor;
    cn.member = config.member;
    cn.absenceAllowed = config.absenceAllowed;
    cn.nameDigest = digestFromMemberName(config.member);
    cn.imageIndex = imageIndex;
    const int configNode = g.addNode(cn, parent);
    image.configNode = configNode;
    image.config = loadConfig(g, c, configNode);

    QStringList commands;
    if (image.config) {
        commands = image.config->layerCommands();
        if (image.platform.isEmpty())
            image.platform = Platform{image.config->os, image.config->architecture, image.config->variant, {}, {}};
        if (!image.config->history.isEmpty() && image.config->historyToLayer().isEmpty())
            g.addProblem(ProblemKind::CountMismatch, configNode,
                         u"the history has a different number of non-empty steps than there are diff_ids; layer "
                         "commands are not mapped"_s);
        const bool anyTarLayer = std::any_of(layers.begin(), layers.end(), [](const BlobRef &l) {
            return !l.descriptor || mediatype::isLayer(l.descriptor->mediaType);
        });
        // Artifacts (regclient's build-type blobs, attestations with an empty config) have no rootfs to match.
        if ((anyTarLayer || !image.config->diffIds.isEmpty()) && image.config->diffIds.size() != layers.size())
            g.addProblem(ProblemKind::CountMismatch, parent,
                         u"the manifest lists %1 layers but the config has %2 diff_ids"_s.arg(layers.size())
                             .arg(image.config->diffIds.size()),
                         QString::number(image.config->diffIds.size()), QString::number(layers.size()));
    }

    QList<Digest> chain;
    for (qsizetype i = 0; i < layers.size(); ++i) {
        Node ln;
        const bool isTarLayer = !layers[i].descriptor || mediatype::isLayer(layers[i].descriptor->mediaType);
        ln.kind = isTarLayer ? NodeKind::Layer : NodeKind::Blob;
        ln.title = (isTarLayer ? u"layer %1"_s : u"blob %1"_s).arg(i + 1);
        ln.descriptor = layers[i].descriptor;
        ln.member = layers[i].member;
        ln.absenceAllowed = layers[i].absenceAllowed;
        ln.nameDigest = digestFromMemberName(layers[i].member);
        ln.imageIndex = imageIndex;
        ln.layerIndex = static_cast<int>(i);
        if (image.config && i < image.config->diffIds.size()) {
            ln.expectedDiffId = image.config->diffIds[i];
            chain << image.config->diffIds[i];
            ln.chainId = chainId(chain);
        }
        if (i < commands.size())
            ln.createdBy = commands[i];
        const int id = g.addNode(ln, parent);
        image.layerNodes << id;
        locate(g, c, id);
    }
    g.images[imageIndex] = std::move(image);
    return imageIndex;
}

} // namespace strata::builder
