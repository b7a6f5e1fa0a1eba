// SPDX-License-Identifier: MIT
// Two-sided load, list and compare. Workers get copies (spec text, shared graph, shared JobContext).
#include "ui/compare/comparesession.h"
#include "core/sources/sourceopener.h"
#include "ui/jobs/backgroundjob.h"

#include <QFileInfo>

#include <array>

using namespace Qt::StringLiterals;

namespace strata::ui {

CompareSession::CompareSession(QThreadPool *pool, QObject *parent)
    : QObject(parent), m_job(new BackgroundJob(pool, this))
{
    connect(m_job, &BackgroundJob::progress, this, &CompareSession::progress);
}

CompareSession::~CompareSession() = default; // m_job discards the running tasks

bool CompareSession::isBusy() const
{
    return m_job->isRunning();
}

void CompareSession::cancel()
{
    if (m_comparing) {
        // compareImages has no cancel flag: its result is dropped, and the comparison is cancelled
        // like a listing would be.
        m_hasComparison = false;
        fail(makeError(ErrorCode::Canceled, tr("canceled")));
        return;
    }
    m_job->cancel(); // the workers end with a Canceled error, reported by fail()
}

void CompareSession::fail(const Error &e)
{
    m_job->discard(); // the other side's result is of no use any more
    m_comparing = false;
    m_opening = 0;
    Q_EMIT failed(e);
    Q_EMIT settled();
}

void CompareSession::open(const QString &left, const QString &right)
{
    m_job->discard();
    m_comparing = false;
    m_sources[0] = left;
    m_sources[1] = right;
    for (int s = 0; s < 2; ++s) {
        m_graphs[s].reset();
        m_listings[s].reset();
    }
    m_pairing = {};
    m_pair = -1;
    m_hasComparison = false;
    m_opening = 2;
    for (int side = 0; side < 2; ++side) {
        const QString spec = m_sources[side];
        auto work = [spec](JobContext *job) { return SourceOpener::open(spec, job); };
        auto done = [this, side](Result<ImageGraphPtr> r) {
            if (!r)
                return fail(r.error());
            m_graphs[side] = r.value();
            if (--m_opening > 0)
                return;
            m_pairing = pairImages(*m_graphs[0], *m_graphs[1]);
            Q_EMIT opened();
            if (m_pairing.pairs.isEmpty())
                return fail(makeError(ErrorCode::NotFound,
                                      tr("No platform of %1 matches one of %2.").arg(m_sources[0], m_sources[1])));
            selectPair(0);
        };
        // Both sides in one request, in parallel: progress is summed, and either side's failure
        // (or a newer open) drops the other.
        if (side == 0)
            m_job->start(this, std::move(work), std::move(done), QFileInfo(spec).fileName());
        else
            m_job->add(this, std::move(work), std::move(done), QFileInfo(spec).fileName());
    }
    Q_EMIT started(tr("Opening %1 and %2").arg(QFileInfo(left).fileName(), QFileInfo(right).fileName()));
}

void CompareSession::selectPair(int i)
{
    if (i < 0 || i >= m_pairing.pairs.size() || !m_graphs[0] || !m_graphs[1])
        return;
    m_comparing = false;
    m_pair = i;
    m_hasComparison = false;
    const QPair<int, int> pair = m_pairing.pairs[i];
    m_listings[0].reset();
    m_listings[1].reset();
    // One task for both sides: listImagePair queues both sides' blobs on the core's worker pool and
    // waits here for the left's listings of shared layers, never on a worker.
    m_job->start(
        this,
        [graphs = std::array{m_graphs[0], m_graphs[1]}, pair](JobContext *leftJob, JobContext *rightJob) {
            return listImagePair(*graphs[0], pair.first, leftJob, *graphs[1], pair.second, rightJob);
        },
        [this](Result<ImageListingPair> r) {
            if (!r)
                return fail(r.error());
            m_listings[0] = std::make_shared<const ImageListing>(std::move(r.value().left));
            m_listings[1] = std::make_shared<const ImageListing>(std::move(r.value().right));
            startCompare(true);
        });
    Q_EMIT started(tr("Listing layers of %1").arg(m_graphs[0]->images[pair.first].platform.toString()));
}

void CompareSession::startCompare(bool listingChanged)
{
    // A comparison of a new pair that a change of options overtakes still tells the window the
    // listing changed.
    m_listingChanged = listingChanged || (m_comparing && m_listingChanged);
    m_comparing = true;
    m_job->start(
        this,
        [graphs = std::array{m_graphs[0], m_graphs[1]}, listings = std::array{m_listings[0], m_listings[1]},
         options = m_options] { return compareImages(*graphs[0], *listings[0], *graphs[1], *listings[1], options); },
        [this](ImageComparison c) {
            m_comparing = false;
            m_comparison = std::move(c);
            m_hasComparison = true;
            const bool changed = std::exchange(m_listingChanged, false);
            Q_EMIT compared(changed);
            if (changed)
                Q_EMIT settled();
        });
}

void CompareSession::setOptions(const CompareOptions &o)
{
    m_options = o;
    // While listing, the comparison that follows uses the new options; while comparing, it restarts.
    if (!m_listings[0] || !m_listings[1] || (isBusy() && !m_comparing))
        return;
    const bool wasComparing = m_comparing;
    startCompare(false);
    if (!wasComparing) // the window shows its working state until compared()
        Q_EMIT started(tr("Comparing with the new options"));
}

} // namespace strata::ui
