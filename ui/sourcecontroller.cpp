// SPDX-License-Identifier: MIT
// Load and verify jobs. Workers get copies of what they need (the text, a shared graph, a shared
// JobContext), so a window closed mid-job leaves nothing dangling; the pool's owner waits for them.
#include "ui/sourcecontroller.h"
#include "core/sources/sourceopener.h"
#include "ui/logging.h"

#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

using namespace Qt::StringLiterals;

namespace strata::ui {

SourceController::SourceController(QThreadPool *pool, QObject *parent) : QObject(parent), m_pool(pool)
{
    Q_ASSERT(m_pool);
    m_progressTimer.setInterval(100);
    connect(&m_progressTimer, &QTimer::timeout, this, &SourceController::pollProgress);
}

SourceController::~SourceController()
{
    if (m_job)
        m_job->cancel();
}

void SourceController::setPhase(Phase p)
{
    if (p == m_phase)
        return;
    m_phase = p;
    if (p == Phase::Idle) {
        m_progressTimer.stop();
        m_job.reset();
    }
    Q_EMIT phaseChanged(p);
}

void SourceController::startProgress(std::shared_ptr<JobContext> job)
{
    m_job = std::move(job);
    m_progressTimer.start();
    pollProgress();
}

void SourceController::pollProgress()
{
    if (m_job)
        Q_EMIT progress(m_job->done(), m_job->total(), m_job->currentObject());
}

void SourceController::open(const QString &source)
{
    if (m_job)
        m_job->cancel();
    const quint64 generation = ++m_generation;
    m_source = source;
    m_graph.reset();
    auto job = std::make_shared<JobContext>();
    job->setCurrentObject(source);
    qCDebug(lcJobs) << "load" << source << "generation" << generation;

    auto *watcher = new QFutureWatcher<LoadOutcome>(this);
    connect(watcher, &QFutureWatcher<LoadOutcome>::finished, this, [this, watcher, generation, source] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // stale: another source was opened meanwhile
        const LoadOutcome out = watcher->result();
        m_graph = out.graph; // before going idle: listeners of phaseChanged look at graph()
        setPhase(Phase::Idle);
        if (!out.graph) {
            Q_EMIT loadFailed(source, out.error);
            return;
        }
        Q_EMIT loaded(m_graph);
    });
    setPhase(Phase::Loading);
    startProgress(job);
    Q_EMIT loadStarted(source);
    watcher->setFuture(QtConcurrent::run(m_pool, [source, job]() -> LoadOutcome {
        Result<ImageGraphPtr> r = SourceOpener::open(source, job.get());
        if (!r)
            return LoadOutcome{nullptr, r.error()};
        return LoadOutcome{r.value(), {}};
    }));
}

void SourceController::verify()
{
    if (!m_graph)
        return;
    if (m_job)
        m_job->cancel();
    const quint64 generation = ++m_generation;
    auto job = std::make_shared<JobContext>();
    qCDebug(lcJobs) << "verify" << m_source << "generation" << generation;

    using ReportPtr = std::shared_ptr<const VerifyReport>;
    auto *watcher = new QFutureWatcher<ReportPtr>(this);
    connect(watcher, &QFutureWatcher<ReportPtr>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        const ReportPtr report = watcher->result();
        setPhase(Phase::Idle);
        Q_EMIT verified(report);
    });
    setPhase(Phase::Verifying);
    startProgress(job);
    Q_EMIT verifyStarted();
    watcher->setFuture(QtConcurrent::run(m_pool, [graph = m_graph, job]() -> ReportPtr {
        // The layers' tables of contents come from the same pass, for the Files view.
        VerifyOptions options;
        options.listLayers = true;
        options.background = true; // the GUI thread stays responsive on a busy machine
        return std::make_shared<const VerifyReport>(Verifier::run(*graph, options, job.get()));
    }));
}

void SourceController::cancel()
{
    // The worker notices at its next block and finishes normally, with a Canceled error or a
    // report marked canceled: the finished handler reports that like any other outcome.
    if (m_job)
        m_job->cancel();
}

void SourceController::close()
{
    if (m_job)
        m_job->cancel();
    ++m_generation;
    m_graph.reset();
    m_source.clear();
    setPhase(Phase::Idle);
}

} // namespace strata::ui
