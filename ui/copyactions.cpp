// SPDX-License-Identifier: MIT
// Clipboard texts.
#include "ui/copyactions.h"

#include <QJsonDocument>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace strata::ui {

namespace {

// Lenient distribution reference grammar: no spaces, no upper-case repository path (docker rejects it).
bool looksLikeReference(const QString &s)
{
    static const QRegularExpression re(u"^[A-Za-z0-9][A-Za-z0-9._\\-/:@]*$"_s);
    return re.match(s).hasMatch();
}

int manifestOf(const ImageGraph &g, const Node &n)
{
    if (n.kind == NodeKind::Manifest)
        return n.id;
    if (n.imageIndex >= 0 && n.imageIndex < g.images.size())
        return g.images[n.imageIndex].manifestNode;
    return -1;
}

} // namespace

QString CopyActions::repositoryOf(const QString &name)
{
    QString s = name.trimmed();
    if (s.isEmpty() || !looksLikeReference(s))
        return {};
    if (const qsizetype at = s.indexOf(u'@'); at >= 0)
        s.truncate(at);
    const qsizetype slash = s.lastIndexOf(u'/');
    const qsizetype colon = s.lastIndexOf(u':');
    if (slash < 0 && colon < 0)
        return {}; // a bare tag
    if (colon > slash)
        s.truncate(colon); // the tag; a ':' before the last '/' is a registry port
    const QString path = slash >= 0 ? s.mid(slash + 1) : s;
    if (s.isEmpty() || path != path.toLower())
        return {};
    return s;
}

QString CopyActions::pinnedReference(const ImageGraph &g, int nodeId)
{
    for (int id = nodeId; id >= 0 && id < g.nodes.size(); id = g.nodes[id].parent) {
        const Node &n = g.nodes[id];
        if (!n.descriptor || !n.descriptor->digest.isVerifiable())
            continue;
        QStringList names = n.refNames;
        if (n.kind == NodeKind::Manifest && n.imageIndex >= 0 && g.images[n.imageIndex].manifestNode == id)
            names << g.images[n.imageIndex].name;
        for (const QString &name : std::as_const(names)) {
            if (const QString repo = repositoryOf(name); !repo.isEmpty())
                return repo + u'@' + n.descriptor->digest.toString();
        }
    }
    return {};
}

QList<CopyItem> CopyActions::forNode(const ImageGraph &g, int nodeId)
{
    QList<CopyItem> out;
    if (nodeId < 0 || nodeId >= g.nodes.size())
        return out;
    const Node &n = g.nodes[nodeId];
    const Digest d = n.digest();
    if (!d.isNull()) {
        out << CopyItem{CopyKind::Digest, tr("Digest"), d.toString()};
        out << CopyItem{CopyKind::ShortDigest, tr("Short digest"), d.shortString()};
        out << CopyItem{CopyKind::Hex, tr("Hex only"), d.encoded()};
    }
    const QString pinned = pinnedReference(g, nodeId);
    if (!pinned.isEmpty())
        out << CopyItem{CopyKind::PinnedReference, tr("Pinned reference"), pinned};
    if (n.expectedDiffId)
        out << CopyItem{CopyKind::DiffId, tr("diff_id"), n.expectedDiffId->toString()};
    if (const int m = manifestOf(g, n); m >= 0 && g.nodes[m].descriptor && !g.nodes[m].descriptor->digest.isNull()) {
        const Node &mn = g.nodes[m];
        const QString platform = mn.platform.isEmpty() && mn.imageIndex >= 0
                                     ? g.images[mn.imageIndex].platform.toString()
                                     : mn.platform.toString();
        out << CopyItem{CopyKind::PlatformManifestDigest,
                        platform.isEmpty() ? tr("Platform manifest digest")
                                           : tr("Platform manifest digest (%1)").arg(platform),
                        mn.descriptor->digest.toString()};
    }
    for (int id = nodeId; id >= 0; id = g.nodes[id].parent) {
        const Node &a = g.nodes[id];
        if (a.kind == NodeKind::Index && a.descriptor && !a.descriptor->digest.isNull()) {
            out << CopyItem{CopyKind::IndexDigest, tr("Index digest"), a.descriptor->digest.toString()};
            break;
        }
    }
    if (!n.raw.isEmpty())
        out << CopyItem{CopyKind::DocumentJson, tr("Document JSON (exact bytes)"), QString::fromUtf8(n.raw)};
    if (n.descriptor)
        out << CopyItem{
            CopyKind::DescriptorJson, tr("Descriptor JSON"),
            QString::fromUtf8(QJsonDocument(n.descriptor->toJson()).toJson(QJsonDocument::Indented)).trimmed()};
    if (!pinned.isEmpty()) {
        out << CopyItem{CopyKind::SkopeoInspect, tr("skopeo inspect command"), u"skopeo inspect docker://"_s + pinned};
        out << CopyItem{CopyKind::DockerPull, tr("docker pull command"), u"docker pull "_s + pinned};
    }
    return out;
}

QList<CopyItem> CopyActions::forHistory(const ImageGraph &g, int imageIndex, int historyIndex)
{
    if (imageIndex < 0 || imageIndex >= g.images.size() || !g.images[imageIndex].config)
        return {};
    const QList<HistoryEntry> &h = g.images[imageIndex].config->history;
    if (historyIndex < 0 || historyIndex >= h.size() || h[historyIndex].createdBy.isEmpty())
        return {};
    return {CopyItem{CopyKind::CreatedBy, tr("created_by"), h[historyIndex].createdBy}};
}

std::optional<CopyItem> CopyActions::find(const QList<CopyItem> &items, CopyKind kind)
{
    for (const CopyItem &i : items) {
        if (i.kind == kind)
            return i;
    }
    return std::nullopt;
}

std::optional<CopyItem> CopyActions::primary(const QList<CopyItem> &items)
{
    if (auto d = find(items, CopyKind::Digest))
        return d;
    return find(items, CopyKind::CreatedBy);
}

} // namespace strata::ui
