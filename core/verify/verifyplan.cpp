// SPDX-License-Identifier: MIT
// Planning a verification run.
#include "core/verify/verifyplan.h"
#include "core/hasher.h"
#include "core/verify/layershare.h"

#include <QSet>

#include <algorithm>

namespace strata {

namespace {

bool isJsonDocument(const Node &n)
{
    return !n.raw.isEmpty() &&
           (n.kind == NodeKind::Index || n.kind == NodeKind::Manifest || n.kind == NodeKind::Config);
}

DigestAlgorithm algorithmOf(const Node &n)
{
    return n.descriptor && n.descriptor->digest.isVerifiable() ? n.descriptor->digest.algorithm()
                                                               : DigestAlgorithm::Sha256;
}

// Nodes of the selected images, plus indexes and holders above them.
QList<bool> nodesInScope(const ImageGraph &g, const VerifyOptions &opt)
{
    QList<bool> inScope(g.nodes.size(), true);
    if (!opt.onlyNodes.isEmpty())
        for (qsizetype i = 0; i < g.nodes.size(); ++i)
            inScope[i] = opt.onlyNodes.contains(static_cast<int>(i));
    if (opt.imageFilter) {
        for (qsizetype i = 0; i < g.nodes.size(); ++i) {
            const int img = g.nodes[i].imageIndex;
            if (img >= 0 && !opt.imageFilter(g.images[img]))
                inScope[i] = false;
        }
    }
    return inScope;
}

} // namespace

BlobMeasure measureDocument(const Node &n)
{
    BlobMeasure m;
    Hasher h(algorithmOf(n));
    h.update(n.raw.constData(), static_cast<size_t>(n.raw.size()));
    m.digest = h.finish();
    m.size = n.raw.size();
    return m;
}

VerifyPlan makeVerifyPlan(const ImageGraph &g, const VerifyOptions &opt)
{
    VerifyPlan plan;
    const QList<bool> inScope = nodesInScope(g, opt);
    // Load problems of images left out by the filter do not count against the chosen ones.
    for (const Problem &p : g.problems) {
        if (p.nodeId < 0 ? opt.onlyNodes.isEmpty() : inScope.value(p.nodeId, true))
            plan.loadProblems << p;
    }
    QSet<int> unreadableAtLoad;
    for (const Problem &p : std::as_const(plan.loadProblems))
        if (p.kind == ProblemKind::Unreadable)
            unreadableAtLoad.insert(p.nodeId);
    const bool reuse = opt.share && opt.shareRole == VerifyOptions::ShareRole::Reuse;
    const bool publish = opt.share && opt.shareRole == VerifyOptions::ShareRole::Publish;

    QHash<QString, qsizetype> taskByMember;
    for (const Node &n : g.nodes) {
        if (!inScope[n.id] || n.kind == NodeKind::Source || n.kind == NodeKind::Attached)
            continue;
        if (n.kind == NodeKind::Signature) {
            plan.unread.insert(n.id, CheckStatus::NotChecked); // not content-addressed; its claim is checked on load
            continue;
        }
        if (!n.present) {
            CheckStatus s = n.absenceAllowed ? CheckStatus::NotChecked : CheckStatus::Missing;
            if (n.descriptor && !n.descriptor->digest.isVerifiable())
                s = CheckStatus::Unverifiable;
            if (unreadableAtLoad.contains(n.id))
                s = CheckStatus::Unreadable; // not known to be absent: it could not be looked up
            plan.unread.insert(n.id, s);
            continue;
        }
        if (n.member.isEmpty() || (n.kind == NodeKind::Manifest && !n.descriptor)) {
            plan.unread.insert(n.id, CheckStatus::NotChecked); // a manifest.json entry: nothing content-addressed
            continue;
        }
        if (isJsonDocument(n)) {
            plan.documents << n.id;
            continue;
        }
        if (n.kind == NodeKind::Index && n.member == u"index.json") {
            plan.unread.insert(n.id, CheckStatus::NotChecked);
            continue;
        }
        auto it = taskByMember.find(n.member);
        if (it == taskByMember.end()) {
            BlobTask t;
            t.member = n.member;
            t.size = qMax<qint64>(n.storedSize, 0);
            t.algorithm = algorithmOf(n);
            if (n.expectedDiffId && n.expectedDiffId->isVerifiable())
                t.diffAlgorithm = n.expectedDiffId->algorithm();
            it = taskByMember.insert(n.member, plan.tasks.size());
            plan.tasks << std::move(t);
        }
        BlobTask &t = plan.tasks[*it];
        t.nodes << n.id;
        if (n.kind != NodeKind::Layer)
            continue;
        if (!opt.fast || opt.listLayers)
            t.decompress = true;
        if (!opt.listLayers)
            continue;
        t.list = true;
        // A listing the other side will take needs no content hashes (see LayerShare::consumerMayReuse).
        if (publish && t.nodes.size() == 1 && opt.share->consumerMayReuse(n))
            t.hashContents = false;
        if (reuse && opt.share->mayShare(n))
            t.hashFirst = true;
        if (reuse && opt.share->sameFile(g, n))
            t.hashFirst = t.sameFile = true;
    }
    std::stable_sort(plan.tasks.begin(), plan.tasks.end(),
                     [](const BlobTask &a, const BlobTask &b) { return a.size > b.size; });
    for (const BlobTask &t : plan.tasks)
        plan.totalBytes += t.size;
    return plan;
}

} // namespace strata
