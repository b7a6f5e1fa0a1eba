// SPDX-License-Identifier: MIT
// Graph helpers.
#include "core/model/imagegraph.h"
#include "core/model/imagename.h"

using namespace Qt::StringLiterals;

namespace strata {

QString nodeKindName(NodeKind k)
{
    switch (k) {
    case NodeKind::Source: return u"source"_s;
    case NodeKind::Index: return u"index"_s;
    case NodeKind::Manifest: return u"manifest"_s;
    case NodeKind::Config: return u"config"_s;
    case NodeKind::Layer: return u"layer"_s;
    case NodeKind::Blob: return u"blob"_s;
    case NodeKind::LegacyLayer: return u"legacy layer"_s;
    case NodeKind::Signature: return u"signature"_s;
    case NodeKind::Attached: return u"attached"_s;
    }
    return {};
}

QString identifierKindName(IdentifierKind k)
{
    switch (k) {
    case IdentifierKind::IndexDigest: return u"index digest"_s;
    case IdentifierKind::ManifestDigest: return u"manifest digest"_s;
    case IdentifierKind::ConfigDigest: return u"config digest (image ID)"_s;
    case IdentifierKind::LayerDigest: return u"layer digest (compressed blob)"_s;
    case IdentifierKind::DiffId: return u"diff_id (uncompressed layer)"_s;
    case IdentifierKind::ChainId: return u"chain ID"_s;
    case IdentifierKind::None: break;
    }
    return {};
}

IdentifierKind Node::identifierKind() const
{
    switch (kind) {
    case NodeKind::Index: return IdentifierKind::IndexDigest;
    case NodeKind::Manifest: return IdentifierKind::ManifestDigest;
    case NodeKind::Config: return IdentifierKind::ConfigDigest;
    case NodeKind::Layer: return descriptor ? IdentifierKind::LayerDigest : IdentifierKind::DiffId;
    default: return IdentifierKind::None;
    }
}

Digest Node::digest() const
{
    if (descriptor)
        return descriptor->digest;
    if (nameDigest)
        return *nameDigest;
    if (kind == NodeKind::Layer && expectedDiffId)
        return *expectedDiffId;
    if (computedDigest)
        return *computedDigest;
    return {};
}

int ImageGraph::addNode(Node node, int parent)
{
    node.id = static_cast<int>(nodes.size());
    node.parent = parent;
    if (parent >= 0) {
        node.row = static_cast<int>(nodes[parent].children.size());
        nodes[parent].children << node.id;
    }
    nodes << std::move(node);
    return nodes.last().id;
}

void ImageGraph::moveNode(int id, int parent)
{
    Q_ASSERT(!isBelow(parent, id));
    Node &n = nodes[id];
    if (n.parent >= 0) {
        QList<int> &siblings = nodes[n.parent].children;
        siblings.removeAt(n.row);
        for (qsizetype r = n.row; r < siblings.size(); ++r)
            nodes[siblings[r]].row = static_cast<int>(r);
    }
    n.parent = parent;
    n.row = static_cast<int>(nodes[parent].children.size());
    nodes[parent].children << id;
}

bool ImageGraph::isBelow(int id, int ancestor) const
{
    for (int it = id, hops = 0; it >= 0 && hops <= nodes.size(); it = nodes[it].parent, ++hops)
        if (it == ancestor)
            return true;
    return false;
}

Digest attachedSubjectOf(const ImageGraph &g, const Node &n)
{
    if (n.attachment)
        return n.attachment->subject;
    return n.parent >= 0 ? g.nodes[n.parent].digest() : Digest();
}

QList<int> attachedTo(const ImageGraph &g, int nodeId)
{
    QList<int> out;
    if (nodeId < 0 || nodeId >= g.nodes.size())
        return out;
    for (int c : g.nodes[nodeId].children)
        if (g.nodes[c].kind == NodeKind::Attached)
            out << g.nodes[c].children;
    return out;
}

QString ImageGraph::describe(int nodeId) const
{
    if (nodeId < 0 || nodeId >= nodes.size())
        return sourcePath;
    const Node &n = nodes[nodeId];
    QString s = n.title;
    if (n.imageIndex >= 0 && n.imageIndex < images.size() && n.kind != NodeKind::Manifest &&
        !images[n.imageIndex].name.isEmpty())
        s += u" of "_s + imageNameInText(images[n.imageIndex].name);
    const Digest d = n.digest();
    if (!d.isNull())
        s += u" ("_s + d.shortString() + u')';
    if (!n.member.isEmpty() && n.member != n.title)
        s += u" in "_s + n.member;
    return s;
}

Problem &ImageGraph::addProblem(ProblemKind kind, int nodeId, const QString &message, const QString &expected,
                                const QString &actual)
{
    problems << Problem::make(kind, nodeId, describe(nodeId), message, expected, actual);
    return problems.last();
}

Digest configDigestOf(const ImageGraph &g, const ImageInfo &img)
{
    if (img.configNode < 0)
        return {};
    const Node &c = g.nodes[img.configNode];
    if (c.descriptor)
        return c.descriptor->digest;
    if (c.nameDigest)
        return *c.nameDigest;
    if (!c.raw.isEmpty())
        return sha256Of(c.raw);
    return {};
}

} // namespace strata
