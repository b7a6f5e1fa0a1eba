// SPDX-License-Identifier: MIT
// Image comparison.
#include "core/compare/comparison.h"
#include "core/layers/mergedtree.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace strata {

QString layerStatusName(LayerPair::Status s)
{
    switch (s) {
    case LayerPair::Status::Shared: return u"shared"_s;
    case LayerPair::Status::Changed: return u"changed"_s;
    case LayerPair::Status::Added: return u"added"_s;
    case LayerPair::Status::Removed: return u"removed"_s;
    }
    return {};
}

QString fileStatusName(FileChange::Status s)
{
    switch (s) {
    case FileChange::Status::Added: return u"added"_s;
    case FileChange::Status::Removed: return u"removed"_s;
    case FileChange::Status::Modified: return u"modified"_s;
    case FileChange::Status::Metadata: return u"metadata"_s;
    }
    return {};
}

int ImageComparison::count(LayerPair::Status s) const
{
    return static_cast<int>(
        std::count_if(layers.begin(), layers.end(), [s](const LayerPair &p) { return p.status == s; }));
}

QList<LayerPair> matchLayers(const QList<QString> &a, const QList<QString> &b)
{
    const qsizetype n = a.size(), m = b.size();
    // Layer counts are capped (limits::MaxLayers), so the O(n·m) table stays small.
    std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
    for (qsizetype i = n - 1; i >= 0; --i)
        for (qsizetype j = m - 1; j >= 0; --j)
            lcs[i][j] =
                (!a[i].isEmpty() && a[i] == b[j]) ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    QList<LayerPair> out;
    QList<int> pendingLeft, pendingRight;
    const auto flush = [&] {
        // Between two shared layers, the unmatched ones pair up in order as changed.
        const qsizetype k = std::min(pendingLeft.size(), pendingRight.size());
        for (qsizetype x = 0; x < k; ++x)
            out << LayerPair{pendingLeft[x], pendingRight[x], LayerPair::Status::Changed, false};
        for (qsizetype x = k; x < pendingLeft.size(); ++x)
            out << LayerPair{pendingLeft[x], -1, LayerPair::Status::Removed, false};
        for (qsizetype x = k; x < pendingRight.size(); ++x)
            out << LayerPair{-1, pendingRight[x], LayerPair::Status::Added, false};
        pendingLeft.clear();
        pendingRight.clear();
    };
    qsizetype i = 0, j = 0;
    while (i < n && j < m) {
        if (!a[i].isEmpty() && a[i] == b[j]) {
            flush();
            out << LayerPair{static_cast<int>(i), static_cast<int>(j), LayerPair::Status::Shared, false};
            ++i;
            ++j;
        } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
            pendingLeft << static_cast<int>(i++);
        } else {
            pendingRight << static_cast<int>(j++);
        }
    }
    while (i < n)
        pendingLeft << static_cast<int>(i++);
    while (j < m)
        pendingRight << static_cast<int>(j++);
    flush();
    return out;
}

namespace {

void compareScalar(QList<ConfigChange> &out, const QString &field, const QString &l, const QString &r)
{
    if (l != r)
        out << ConfigChange{field, l, r, l.isEmpty(), r.isEmpty()};
}

void compareMap(QList<ConfigChange> &out, const QString &prefix, const QMap<QString, QString> &l,
                const QMap<QString, QString> &r)
{
    QStringList keys = l.keys() + r.keys();
    keys.removeDuplicates();
    keys.sort();
    for (const QString &k : keys) {
        if (l.value(k) != r.value(k) || l.contains(k) != r.contains(k))
            out << ConfigChange{prefix + u'.' + k, l.value(k), r.value(k), !l.contains(k), !r.contains(k)};
    }
}

QMap<QString, QString> envMap(const QStringList &env)
{
    QMap<QString, QString> m;
    for (const QString &kv : env) {
        const qsizetype eq = kv.indexOf(u'=');
        m.insert(eq < 0 ? kv : kv.left(eq), eq < 0 ? QString() : kv.mid(eq + 1));
    }
    return m;
}

QString joined(const QStringList &l)
{
    return l.isEmpty() ? QString() : u"[\""_s + l.join(u"\", \""_s) + u"\"]"_s;
}

} // namespace

QList<ConfigChange> compareConfigs(const ImageConfig *l, const ImageConfig *r)
{
    static const ImageConfig empty;
    const ImageConfig &a = l ? *l : empty;
    const ImageConfig &b = r ? *r : empty;
    QList<ConfigChange> out;
    compareScalar(out, u"architecture"_s, a.architecture, b.architecture);
    compareScalar(out, u"os"_s, a.os, b.os);
    compareScalar(out, u"variant"_s, a.variant, b.variant);
    compareScalar(out, u"created"_s, a.created, b.created);
    compareScalar(out, u"author"_s, a.author, b.author);
    compareMap(out, u"Env"_s, envMap(a.env), envMap(b.env));
    compareScalar(out, u"Entrypoint"_s, joined(a.entrypoint), joined(b.entrypoint));
    compareScalar(out, u"Cmd"_s, joined(a.cmd), joined(b.cmd));
    compareScalar(out, u"User"_s, a.user, b.user);
    compareScalar(out, u"WorkingDir"_s, a.workingDir, b.workingDir);
    QStringList ap = a.exposedPorts, bp = b.exposedPorts, av = a.volumes, bv = b.volumes;
    ap.sort(), bp.sort(), av.sort(), bv.sort();
    compareScalar(out, u"ExposedPorts"_s, ap.join(u", "_s), bp.join(u", "_s));
    compareScalar(out, u"Volumes"_s, av.join(u", "_s), bv.join(u", "_s));
    compareMap(out, u"Labels"_s, a.labels, b.labels);
    compareScalar(out, u"StopSignal"_s, a.stopSignal, b.stopSignal);
    const qsizetype steps = std::max(a.history.size(), b.history.size());
    for (qsizetype i = 0; i < steps; ++i) {
        const QString lc = i < a.history.size() ? a.history[i].createdBy : QString();
        const QString rc = i < b.history.size() ? b.history[i].createdBy : QString();
        if (lc != rc || (i < a.history.size()) != (i < b.history.size()))
            out << ConfigChange{u"history[%1].created_by"_s.arg(i), lc, rc, i >= a.history.size(),
                                i >= b.history.size()};
    }
    return out;
}

QList<FileChange> compareFiles(const QList<LayerTocPtr> &left, const QList<LayerTocPtr> &right, const CompareOptions &o)
{
    const MergedTree lt = MergedTree::build(left);
    const MergedTree rt = MergedTree::build(right);
    QList<FileChange> out;
    auto li = lt.entries().begin();
    auto ri = rt.entries().begin();
    const auto le = lt.entries().end();
    const auto re = rt.entries().end();
    // Both maps are sorted by path: one merge walk.
    while (li != le || ri != re) {
        if (ri == re || (li != le && li.key() < ri.key())) {
            out << FileChange{li.key(), FileChange::Status::Removed, li->layer, -1, {}};
            ++li;
        } else if (li == le || ri.key() < li.key()) {
            out << FileChange{ri.key(), FileChange::Status::Added, -1, ri->layer, {}};
            ++ri;
        } else {
            // The same entry of a listing both sides share (a layer listed once): nothing changed.
            if (left[li->layer] == right[ri->layer] && li->entryIndex == ri->entryIndex) {
                ++li;
                ++ri;
                continue;
            }
            const LayerEntry &a = lt.entry(li.value());
            const LayerEntry &b = rt.entry(ri.value());
            QStringList content, meta;
            if (a.type != b.type)
                content << u"type %1 → %2"_s.arg(entryTypeName(a.type), entryTypeName(b.type));
            if (a.type == EntryType::File && b.type == EntryType::File) {
                if (a.size != b.size)
                    content << u"size %1 → %2"_s.arg(a.size).arg(b.size);
                else if (a.size > 0 && (a.contentHash.isEmpty() || b.contentHash.isEmpty()))
                    content << u"content not compared (a listing without content hashes)"_s; // never silently equal
                else if (a.size > 0 && a.contentHash != b.contentHash)
                    content << u"content"_s;
            }
            if (a.linkTarget != b.linkTarget)
                meta << u"link target %1 → %2"_s.arg(a.linkTarget, b.linkTarget);
            if (a.mode != b.mode)
                meta << u"mode %1 → %2"_s.arg(QString::number(a.mode, 8), QString::number(b.mode, 8));
            if (a.uid != b.uid || a.gid != b.gid)
                meta << u"owner %1:%2 → %3:%4"_s.arg(a.uid).arg(a.gid).arg(b.uid).arg(b.gid);
            if (!o.ignoreTimestamps && a.mtime != b.mtime)
                meta << u"mtime %1 → %2"_s.arg(a.mtime).arg(b.mtime);
            if (!content.isEmpty())
                out << FileChange{li.key(), FileChange::Status::Modified, li->layer, ri->layer, content + meta};
            else if (!meta.isEmpty() && !o.ignoreMetadata)
                out << FileChange{li.key(), FileChange::Status::Metadata, li->layer, ri->layer, meta};
            ++li;
            ++ri;
        }
    }
    return out;
}

namespace {

QString layerIdentity(const ImageGraph &g, int node, const VerifyReport &rep)
{
    const auto it = rep.results.constFind(node);
    const NodeResult *r = it == rep.results.cend() ? nullptr : &it.value();
    const Node &n = g.nodes[node];
    if (n.expectedDiffId)
        return n.expectedDiffId->toString();
    if (r && !r->computedDiffId.isNull())
        return r->computedDiffId.toString();
    return n.digest().toString();
}

} // namespace

ImageComparison compareImages(const ImageGraph &lg, const ImageListing &l, const ImageGraph &rg, const ImageListing &r,
                              const CompareOptions &o)
{
    ImageComparison c;
    const ImageInfo &li = lg.images[l.imageIndex];
    const ImageInfo &ri = rg.images[r.imageIndex];
    QList<QString> lk, rk;
    for (int n : li.layerNodes) {
        lk << layerIdentity(lg, n, l.report);
        c.leftSize += qMax<qint64>(lg.nodes[n].descriptor ? lg.nodes[n].descriptor->size : lg.nodes[n].storedSize, 0);
    }
    for (int n : ri.layerNodes) {
        rk << layerIdentity(rg, n, r.report);
        c.rightSize += qMax<qint64>(rg.nodes[n].descriptor ? rg.nodes[n].descriptor->size : rg.nodes[n].storedSize, 0);
    }
    c.layers = matchLayers(lk, rk);
    bool sameBlobs = true;
    for (LayerPair &p : c.layers) {
        if (p.status != LayerPair::Status::Shared) {
            sameBlobs = false;
            continue;
        }
        const Digest a = lg.nodes[li.layerNodes[p.left]].digest();
        const Digest b = rg.nodes[ri.layerNodes[p.right]].digest();
        p.recompressed = !(a == b);
        sameBlobs = sameBlobs && !p.recompressed;
    }
    c.config = compareConfigs(li.config.get(), ri.config.get());
    c.files = compareFiles(l.layers, r.layers, o);
    const Digest lc = configDigestOf(lg, li), rc = configDigestOf(rg, ri);
    c.sameContent = !lc.isNull() && lc == rc;
    const Node *lm =
        li.manifestNode >= 0 && lg.nodes[li.manifestNode].descriptor ? &lg.nodes[li.manifestNode] : nullptr;
    const Node *rm =
        ri.manifestNode >= 0 && rg.nodes[ri.manifestNode].descriptor ? &rg.nodes[ri.manifestNode] : nullptr;
    if (lm && rm)
        c.identical = lm->descriptor->digest == rm->descriptor->digest;
    else
        c.identical = !lm && !rm && c.sameContent && sameBlobs;
    return c;
}

} // namespace strata

namespace strata {

ImagePairing pairImages(const ImageGraph &lg, const ImageGraph &rg)
{
    ImagePairing p;
    QList<int> l, r;
    for (qsizetype i = 0; i < lg.images.size(); ++i)
        if (!lg.images[i].attestation)
            l << static_cast<int>(i);
    for (qsizetype i = 0; i < rg.images.size(); ++i)
        if (!rg.images[i].attestation)
            r << static_cast<int>(i);
    if (l.size() == 1 && r.size() == 1) {
        p.pairs << qMakePair(l[0], r[0]);
        return p;
    }
    QSet<int> usedRight;
    for (int a : l) {
        int match = -1;
        for (int b : r) {
            if (!usedRight.contains(b) && lg.images[a].platform.toString() == rg.images[b].platform.toString()) {
                match = b;
                break;
            }
        }
        if (match >= 0) {
            p.pairs << qMakePair(a, match);
            usedRight.insert(match);
        } else {
            p.unpairedLeft << a;
        }
    }
    for (int b : r)
        if (!usedRight.contains(b))
            p.unpairedRight << b;
    return p;
}

} // namespace strata
