// SPDX-License-Identifier: MIT
// Clipboard texts.
#include "ui/copyactions.h"

#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

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

// The commands that act on an artifact's subject, for its kind (cosign's --type names: cosign
// pkg/cosign/attestation/attestation.go; oras discover lists every referrer).
void artifactCommands(const ImageGraph &g, const Node &n, const QString &repo, QList<CopyItem> &out)
{
    const Attachment &a = *n.attachment;
    if (a.subject.isNull())
        return;
    const QString name = repo.isEmpty() ? CopyActions::repositoryPlaceholder() : repo;
    const QString ref = name + u'@' + a.subject.toString();
    const QString hint =
        repo.isEmpty() ? CopyActions::tr(" (replace %1 with the repository)").arg(CopyActions::repositoryPlaceholder())
                       : QString();
    const auto add = [&](CopyKind kind, const QString &label, const QString &text) {
        out << CopyItem{kind, label + hint, text};
    };
    const bool cosignTag = a.foundBy.contains(FoundBy::CosignTag) || a.foundBy.contains(FoundBy::CosignLayout);
    const bool referrer = a.foundBy.contains(FoundBy::Subject) || a.foundBy.contains(FoundBy::ReferrersApi) ||
                          a.foundBy.contains(FoundBy::ReferrersTag);
    switch (a.kind) {
    case ArtifactKind::CosignSignature:
        add(CopyKind::CosignVerify, CopyActions::tr("cosign verify command"),
            u"cosign verify --key cosign.pub "_s + ref);
        break;
    case ArtifactKind::SlsaProvenance: {
        const bool v1 = std::any_of(a.predicateTypes.cbegin(), a.predicateTypes.cend(),
                                    [](const QString &t) { return t.endsWith(u"/provenance/v1"_s); });
        add(CopyKind::CosignVerifyAttestation, CopyActions::tr("cosign verify-attestation command"),
            u"cosign verify-attestation --key cosign.pub --type %1 %2"_s.arg(
                v1 ? u"slsaprovenance1"_s : u"slsaprovenance"_s, ref));
        break;
    }
    case ArtifactKind::SpdxSbom:
    case ArtifactKind::CycloneDxSbom:
        if (!a.predicateTypes.isEmpty())
            add(CopyKind::CosignVerifyAttestation, CopyActions::tr("cosign verify-attestation command"),
                u"cosign verify-attestation --key cosign.pub --type %1 %2"_s.arg(
                    a.kind == ArtifactKind::SpdxSbom ? u"spdxjson"_s : u"cyclonedx"_s, ref));
        else if (cosignTag)
            add(CopyKind::CosignDownloadSbom, CopyActions::tr("cosign download sbom command"),
                u"cosign download sbom "_s + ref);
        break;
    case ArtifactKind::InTotoAttestation:
    case ArtifactKind::VulnerabilityReport:
        if (!a.predicateTypes.isEmpty())
            add(CopyKind::CosignVerifyAttestation, CopyActions::tr("cosign verify-attestation command"),
                u"cosign verify-attestation --key cosign.pub --type %1 %2"_s.arg(a.predicateTypes.first(), ref));
        break;
    case ArtifactKind::NotationSignature:
        add(CopyKind::NotationVerify, CopyActions::tr("notation verify command"), u"notation verify "_s + ref);
        break;
    case ArtifactKind::SigstoreBundle:
    case ArtifactKind::GpgSignature:
    case ArtifactKind::Sbom:
    case ArtifactKind::Other: break;
    }
    if (referrer || a.kind == ArtifactKind::NotationSignature || a.kind == ArtifactKind::SigstoreBundle)
        add(CopyKind::OrasDiscover, CopyActions::tr("oras discover command"), u"oras discover "_s + ref);
    Q_UNUSED(g);
}

} // namespace

QString CopyActions::artifactRepository(const ImageGraph &g, int nodeId)
{
    if (nodeId < 0 || nodeId >= g.nodes.size())
        return {};
    // The artifact itself, then its subject's names (it lives in the subject's repository), then the ancestors.
    QList<int> path;
    path << nodeId;
    const Node &n = g.nodes[nodeId];
    if (n.attachment && !n.attachment->dangling)
        for (const Node &s : g.nodes)
            if ((s.kind == NodeKind::Manifest || s.kind == NodeKind::Index) && !s.attachment &&
                s.digest() == n.attachment->subject) {
                path << s.id;
                break;
            }
    for (int start : QList<int>(path))
        for (int id = g.nodes[start].parent; id >= 0; id = g.nodes[id].parent)
            path << id;
    for (int id : std::as_const(path)) {
        const Node &a = g.nodes[id];
        QStringList names = a.refNames;
        if (a.kind == NodeKind::Manifest && a.imageIndex >= 0 && a.imageIndex < g.images.size() &&
            g.images[a.imageIndex].manifestNode == id)
            names << g.images[a.imageIndex].name;
        for (const QString &name : std::as_const(names))
            if (const QString repo = repositoryOf(name); !repo.isEmpty())
                return repo;
    }
    if (g.sourceSpec.startsWith(u"docker://"_s))
        return repositoryOf(g.sourceSpec.mid(9));
    return {};
}

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
    const bool artifact = n.attachment && n.kind != NodeKind::Signature;
    QString repo;
    if (artifact || n.kind == NodeKind::Attached)
        repo = artifactRepository(g, nodeId);
    // An artifact is pinned by its own digest, in the repository of what it is attached to.
    const QString pinned = artifact ? (repo.isEmpty() || !d.isVerifiable() ? QString() : repo + u'@' + d.toString())
                                    : pinnedReference(g, nodeId);
    if (!pinned.isEmpty())
        out << CopyItem{CopyKind::PinnedReference,
                        artifact ? tr("Pinned reference to the artifact") : tr("Pinned reference"), pinned};
    if (artifact)
        artifactCommands(g, n, repo, out);
    if (n.kind == NodeKind::Attached && n.parent > 0 && !g.nodes[n.parent].digest().isNull()) {
        const QString name = repo.isEmpty() ? repositoryPlaceholder() : repo;
        out << CopyItem{CopyKind::OrasDiscover,
                        repo.isEmpty()
                            ? tr("oras discover command (replace %1 with the repository)").arg(repositoryPlaceholder())
                            : tr("oras discover command"),
                        u"oras discover "_s + name + u'@' + g.nodes[n.parent].digest().toString()};
    }
    if (n.expectedDiffId)
        out << CopyItem{CopyKind::DiffId, tr("diff_id"), n.expectedDiffId->toString()};
    if (const int m = artifact ? -1 : manifestOf(g, n);
        m >= 0 && g.nodes[m].descriptor && !g.nodes[m].descriptor->digest.isNull()) {
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
        if (!artifact) // an artifact is not an image: docker pull refuses it
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
