// SPDX-License-Identifier: MIT
// Load and verify jobs. Workers get copies of what they need (the text, a shared graph, a shared
// JobContext), so a window closed mid-job leaves nothing dangling; the pool's owner waits for them.
#include "ui/sourcecontroller.h"
#include "core/sources/sourceopener.h"
#include "ui/jobs/backgroundjob.h"
#include "ui/logging.h"

using namespace Qt::StringLiterals;

namespace strata::ui {

SourceController::SourceController(QThreadPool *pool, QObject *parent)
    : QObject(parent), m_job(new BackgroundJob(pool, this))
{
    connect(m_job, &BackgroundJob::progress, this, &SourceController::progress);
}

SourceController::~SourceController() = default; // m_job discards the running job

void SourceController::setPhase(Phase p)
{
    if (p == m_phase)
        return;
    m_phase = p;
    Q_EMIT phaseChanged(p);
}

void SourceController::open(const QString &source)
{
    m_job->discard(); // stale: a job still running for the previous source is dropped
    const quint64 generation = ++m_generation;
    m_source = source;
    m_graph.reset();
    qCDebug(lcJobs) << "load" << source << "generation" << generation;

    setPhase(Phase::Loading);
    m_job->start(
        this,
        [source](JobContext *job) -> LoadOutcome {
            Result<ImageGraphPtr> r = SourceOpener::open(source, job);
            if (!r)
                return LoadOutcome{nullptr, r.error()};
            return LoadOutcome{r.value(), {}};
        },
        [this, source](LoadOutcome out) {
            m_graph = out.graph; // before going idle: listeners of phaseChanged look at graph()
            setPhase(Phase::Idle);
            if (!out.graph) {
                Q_EMIT loadFailed(source, out.error);
                return;
            }
            Q_EMIT loaded(m_graph);
        },
        source);
    Q_EMIT loadStarted(source);
}

void SourceController::verify()
{
    if (!m_graph)
        return;
    m_job->discard();
    const quint64 generation = ++m_generation;
    qCDebug(lcJobs) << "verify" << m_source << "generation" << generation;

    using ReportPtr = std::shared_ptr<const VerifyReport>;
    setPhase(Phase::Verifying);
    m_job->start(
        this,
        [graph = m_graph](JobContext *job) -> ReportPtr {
            // The layers' tables of contents come from the same pass, for the Files view.
            VerifyOptions options;
            options.listLayers = true;
            options.background = true; // the GUI thread stays responsive on a busy machine
            return std::make_shared<const VerifyReport>(Verifier::run(*graph, options, job));
        },
        [this](const ReportPtr &report) {
            setPhase(Phase::Idle);
            Q_EMIT verified(report);
        });
    Q_EMIT verifyStarted();
}

void SourceController::cancel()
{
    // The worker notices at its next block and finishes normally, with a Canceled error or a
    // report marked canceled: the finished handler reports that like any other outcome.
    m_job->cancel();
}

void SourceController::close()
{
    m_job->discard();
    ++m_generation;
    m_graph.reset();
    m_source.clear();
    setPhase(Phase::Idle);
}

} // namespace strata::ui
