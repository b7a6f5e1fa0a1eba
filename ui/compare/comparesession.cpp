// SPDX-License-Identifier: MIT
// Two-sided load, list and compare. Workers get copies (spec text, shared graph, shared JobContext).
#include "ui/compare/comparesession.h"
#include "core/sources/sourceopener.h"

#include <QFileInfo>
#include <QFutureWatcher>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <array>

using namespace Qt::StringLiterals;

namespace strata::ui {

namespace {

template <typename T> using ResultPtr = std::shared_ptr<Result<T>>;

} // namespace

CompareSession::CompareSession(QThreadPool *pool, QObject *parent) : QObject(parent), m_pool(pool)
{
    Q_ASSERT(m_pool);
    m_progressTimer.setInterval(100);
    connect(&m_progressTimer, &QTimer::timeout, this, &CompareSession::pollProgress);
}

CompareSession::~CompareSession()
{
    cancel();
}

void CompareSession::cancel()
{
    for (const auto &j : std::as_const(m_jobs))
        j->cancel();
}

void CompareSession::pollProgress()
{
    qint64 done = 0, total = 0;
    QStringList objects;
    for (const auto &j : std::as_const(m_jobs)) {
        done += j->done();
        total += j->total();
        if (const QString o = j->currentObject(); !o.isEmpty())
            objects << o;
    }
    Q_EMIT progress(done, total, objects.join(u" · "_s));
}

void CompareSession::startJobs()
{
    cancel();
    m_jobs = {std::make_shared<JobContext>(), std::make_shared<JobContext>()};
    m_pending = 2;
    m_progressTimer.start();
}

void CompareSession::fail(const Error &e)
{
    ++m_generation; // the other side's result is of no use any more
    cancel();
    m_jobs.clear();
    m_progressTimer.stop();
    Q_EMIT failed(e);
    Q_EMIT settled();
}

void CompareSession::open(const QString &left, const QString &right)
{
    const quint64 generation = ++m_generation;
    m_sources[0] = left;
    m_sources[1] = right;
    for (int s = 0; s < 2; ++s) {
        m_graphs[s].reset();
        m_listings[s].reset();
    }
    m_pairing = {};
    m_pair = -1;
    m_hasComparison = false;
    startJobs();
    Q_EMIT started(tr("Opening %1 and %2").arg(QFileInfo(left).fileName(), QFileInfo(right).fileName()));
    for (int side = 0; side < 2; ++side) {
        auto job = m_jobs[side];
        const QString spec = m_sources[side];
        job->setCurrentObject(QFileInfo(spec).fileName());
        auto *w = new QFutureWatcher<ResultPtr<ImageGraphPtr>>(this);
        connect(w, &QFutureWatcherBase::finished, this, [this, w, generation, side] {
            w->deleteLater();
            if (generation != m_generation)
                return;
            const ResultPtr<ImageGraphPtr> r = w->result();
            if (!*r)
                return fail(r->error());
            m_graphs[side] = r->value();
            if (--m_pending > 0)
                return;
            m_pairing = pairImages(*m_graphs[0], *m_graphs[1]);
            Q_EMIT opened();
            if (m_pairing.pairs.isEmpty())
                return fail(makeError(ErrorCode::NotFound,
                                      tr("No platform of %1 matches one of %2.").arg(m_sources[0], m_sources[1])));
            selectPair(0);
        });
        w->setFuture(QtConcurrent::run(m_pool, [spec, job] {
            return std::make_shared<Result<ImageGraphPtr>>(SourceOpener::open(spec, job.get()));
        }));
    }
}

void CompareSession::selectPair(int i)
{
    if (i < 0 || i >= m_pairing.pairs.size() || !m_graphs[0] || !m_graphs[1])
        return;
    const quint64 generation = ++m_generation;
    m_pair = i;
    m_hasComparison = false;
    const QPair<int, int> pair = m_pairing.pairs[i];
    startJobs();
    Q_EMIT started(tr("Listing layers of %1").arg(m_graphs[0]->images[pair.first].platform.toString()));
    m_listings[0].reset();
    m_listings[1].reset();
    // One pool task for both sides: listImagePair runs the left on a thread of its own, because the
    // right waits for the left's listings of shared layers and must not hold a pool thread it needs.
    auto *w = new QFutureWatcher<ResultPtr<ImageListingPair>>(this);
    connect(w, &QFutureWatcherBase::finished, this, [this, w, generation] {
        w->deleteLater();
        if (generation != m_generation)
            return;
        const ResultPtr<ImageListingPair> r = w->result();
        if (!*r)
            return fail(r->error());
        m_listings[0] = std::make_shared<const ImageListing>(std::move(r->value().left));
        m_listings[1] = std::make_shared<const ImageListing>(std::move(r->value().right));
        m_jobs.clear();
        m_progressTimer.stop();
        recompute();
        Q_EMIT compared(true);
        Q_EMIT settled();
    });
    w->setFuture(QtConcurrent::run(m_pool, [graphs = std::array{m_graphs[0], m_graphs[1]}, pair, jobs = m_jobs] {
        return std::make_shared<Result<ImageListingPair>>(
            listImagePair(*graphs[0], pair.first, jobs[0].get(), *graphs[1], pair.second, jobs[1].get()));
    }));
}

void CompareSession::recompute()
{
    m_comparison = compareImages(*m_graphs[0], *m_listings[0], *m_graphs[1], *m_listings[1], m_options);
    m_hasComparison = true;
}

void CompareSession::setOptions(const CompareOptions &o)
{
    m_options = o;
    if (!m_listings[0] || !m_listings[1] || isBusy())
        return;
    recompute();
    Q_EMIT compared(false);
}

} // namespace strata::ui
