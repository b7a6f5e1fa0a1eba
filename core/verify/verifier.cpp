// SPDX-License-Identifier: MIT
// A verification run: plan, measure every distinct blob on the worker pool, check every node.
#include "core/verify/verifier.h"
#include "core/logging.h"
#include "core/verify/layershare.h"
#include "core/verify/nodechecks.h"
#include "core/verify/sharedlistings.h"
#include "core/verify/verifyplan.h"
#include "core/verify/verifyscheduler.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace strata {

QString checkStatusName(CheckStatus s)
{
    switch (s) {
    case CheckStatus::NotChecked: return u"not-checked"_s;
    case CheckStatus::Verified: return u"verified"_s;
    case CheckStatus::Mismatch: return u"mismatch"_s;
    case CheckStatus::Missing: return u"missing"_s;
    case CheckStatus::Error: return u"error"_s;
    case CheckStatus::Unverifiable: return u"unverifiable"_s;
    case CheckStatus::Unreadable: return u"unreadable"_s;
    }
    return {};
}

bool VerifyReport::ok() const
{
    if (canceled)
        return false;
    return std::none_of(problems.begin(), problems.end(),
                        [](const Problem &p) { return p.severity == Severity::Error; });
}

bool VerifyReport::problemsProven() const
{
    return std::any_of(problems.begin(), problems.end(), [](const Problem &p) {
        return p.severity == Severity::Error && p.kind != ProblemKind::Unreadable;
    });
}

QList<int> VerifyReport::unreadableNodes() const
{
    QList<int> out;
    for (const Problem &p : problems)
        if (p.kind == ProblemKind::Unreadable && !out.contains(p.nodeId))
            out << p.nodeId;
    std::sort(out.begin(), out.end());
    return out;
}

struct VerifyRun::State
{
    State(const ImageGraph &g, const VerifyOptions &o, JobContext *j)
        : graph(g), options(o), job(j), plan(makeVerifyPlan(g, o)), scheduler(g, o, j)
    {
    }

    const ImageGraph &graph;
    const VerifyOptions &options;
    JobContext *job;
    VerifyPlan plan;
    VerifyScheduler scheduler; // last: destroyed (waited for) first
};

namespace {

VerifyReport assembleReport(const ImageGraph &g, const VerifyOptions &opt, VerifyPlan &plan, JobContext *job)
{
    VerifyReport rep;
    rep.problems = std::move(plan.loadProblems);
    for (auto it = plan.unread.cbegin(); it != plan.unread.cend(); ++it)
        rep.results[it.key()].status = it.value();
    NodeChecks checks(g, rep.results);
    for (int id : std::as_const(plan.documents))
        checks.apply(id, measureDocument(g.nodes[id]), opt.fast);
    rep.canceled = job && job->isCanceled();
    for (const BlobTask &t : std::as_const(plan.tasks)) {
        if (t.measure)
            rep.bytesRead += t.measure->size;
        if (t.toc)
            ++(t.reused ? rep.layersReused : rep.layersListed);
        for (int id : t.nodes) {
            if (t.toc)
                rep.tocs.insert(id, t.toc);
            if (t.measure)
                checks.apply(id, t.measure.value(), opt.fast);
            else if (t.measure.error().code != ErrorCode::Canceled)
                checks.applyFailure(id, t.measure.error());
            else
                rep.results[id]; // not checked: the run was cancelled first
        }
    }
    rep.problems << checks.takeProblems();
    for (const NodeResult &r : std::as_const(rep.results)) {
        rep.checksPassed += r.checksPassed;
        rep.checksTotal += r.checksTotal;
    }
    // Missing blobs count as failed checks.
    for (const Problem &p : std::as_const(rep.problems)) {
        if (p.kind == ProblemKind::MissingBlob)
            ++rep.checksTotal;
    }
    return rep;
}

} // namespace

std::unique_ptr<VerifyRun> Verifier::start(const ImageGraph &g, const VerifyOptions &opt, JobContext *job)
{
    auto state = std::make_unique<VerifyRun::State>(g, opt, job);
    qCDebug(lcVerify) << "verify" << g.sourcePath << ":" << state->plan.tasks.size() << "blob tasks,"
                      << state->plan.totalBytes << "bytes," << state->plan.documents.size() << "documents";
    if (job)
        job->setTotal(state->plan.totalBytes);
    for (BlobTask &t : state->plan.tasks)
        state->scheduler.schedule(t);
    // A consumer waiting on this run must not wait for ever: the share closes when the last task ends.
    if (opt.share && opt.shareRole == VerifyOptions::ShareRole::Publish)
        state->scheduler.whenIdle([share = opt.share] { share->close(); });
    return std::unique_ptr<VerifyRun>(new VerifyRun(std::move(state)));
}

QSet<int> Verifier::retriable(const ImageGraph &g, const VerifyReport &previous)
{
    QSet<int> out;
    for (auto it = previous.results.cbegin(); it != previous.results.cend(); ++it)
        if (it.value().status == CheckStatus::Unreadable && it.key() >= 0 && it.key() < g.nodes.size() &&
            g.nodes[it.key()].present)
            out.insert(it.key());
    return out;
}

VerifyReport Verifier::retry(const ImageGraph &g, const VerifyReport &previous, VerifyOptions opt, JobContext *job)
{
    const QSet<int> nodes = retriable(g, previous);
    if (nodes.isEmpty())
        return previous;
    opt.onlyNodes = nodes;
    const VerifyReport again = run(g, opt, job);
    VerifyReport rep = previous;
    rep.canceled = again.canceled;
    rep.bytesRead += again.bytesRead;
    rep.layersListed += again.layersListed;
    rep.layersReused += again.layersReused;
    rep.problems.removeIf([&nodes](const Problem &p) { return nodes.contains(p.nodeId); });
    rep.problems << again.problems; // of these nodes only (onlyNodes), in node order
    for (int id : nodes) {
        rep.results[id] = again.results.value(id);
        rep.tocs.remove(id);
        if (const auto t = again.tocs.constFind(id); t != again.tocs.cend())
            rep.tocs.insert(id, t.value());
    }
    rep.checksPassed = rep.checksTotal = 0;
    for (const NodeResult &r : std::as_const(rep.results)) {
        rep.checksPassed += r.checksPassed;
        rep.checksTotal += r.checksTotal;
    }
    for (const Problem &p : std::as_const(rep.problems))
        if (p.kind == ProblemKind::MissingBlob)
            ++rep.checksTotal;
    return rep;
}

VerifyReport Verifier::run(const ImageGraph &g, const VerifyOptions &opt, JobContext *job)
{
    return start(g, opt, job)->finish();
}

VerifyRun::VerifyRun(std::unique_ptr<State> state) : m_state(std::move(state)) {}

VerifyRun::~VerifyRun() = default;

VerifyReport VerifyRun::finish()
{
    State &s = *m_state;
    s.scheduler.wait();
    if (s.options.share && s.options.shareRole == VerifyOptions::ShareRole::Reuse) {
        // The producer's listing of the same bytes, or a full pass here after all.
        for (BlobTask *t : adoptSharedListings(s.plan.tasks, s.graph, *s.options.share, s.job))
            s.scheduler.schedule(*t);
        s.scheduler.wait();
    }
    return assembleReport(s.graph, s.options, s.plan, s.job);
}

} // namespace strata
