// SPDX-License-Identifier: MIT
// Load, verify and trust jobs. Workers get copies of what they need (the text, a shared graph, a shared
// JobContext), so a window closed mid-job leaves nothing dangling; the pool's owner waits for them.
#include "ui/sourcecontroller.h"
#include "core/journal/resolvedreferences.h"
#include "core/sources/sourceopener.h"
#include "ui/jobs/backgroundjob.h"
#include "ui/logging.h"
#include "ui/settings.h"
#include "ui/trust/trustsettings.h"

using namespace Qt::StringLiterals;

namespace strata::ui {

SourceController::SourceController(QThreadPool *pool, QObject *parent)
    : QObject(parent), m_job(new BackgroundJob(pool, this)), m_trustJob(new BackgroundJob(pool, this))
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
    m_trustJob->discard();
    const quint64 generation = ++m_generation;
    // A load that fails leaves the image already open where it was. A verification or trust check of it that was
    // still running is not brought back (its job is discarded above).
    Kept kept{m_source, m_graph, m_trust, m_report};
    m_source = source;
    m_graph.reset();
    m_trust.reset();
    m_report.reset();
    qCDebug(lcJobs) << "load" << source << "generation" << generation;

    setPhase(Phase::Loading);
    m_job->start(
        this,
        [source, lookUp = Settings::lookUpAttached(),
         record = Settings::recordTagHistory()](JobContext *job) -> LoadOutcome {
            Result<SourceSpec> spec = SourceSpec::parse(source);
            if (!spec)
                return LoadOutcome{nullptr, spec.error(), {}, {}};
            spec->discoverAttached = lookUp;
            Result<ImageGraphPtr> r = SourceOpener::open(spec.value(), job);
            if (!r)
                return LoadOutcome{nullptr, r.error(), {}, {}};
            if (!record)
                return LoadOutcome{r.value(), {}, {}, {}};
            // The graph is not shared yet: the journal's tag-moved warnings join its load problems.
            journal::RecordOutcome seen = journal::recordAndNote(*std::const_pointer_cast<ImageGraph>(r.value()));
            return LoadOutcome{r.value(), {}, std::move(seen.moves), std::move(seen.notice)};
        },
        [this, source, kept = std::move(kept)](LoadOutcome out) {
            if (!out.graph) {
                m_source = kept.source;
                m_graph = kept.graph; // before going idle: listeners of phaseChanged look at graph()
                m_trust = kept.trust;
                m_report = kept.report;
                setPhase(Phase::Idle);
                Q_EMIT loadFailed(source, out.error);
                return;
            }
            m_graph = out.graph; // before going idle: listeners of phaseChanged look at graph()
            setPhase(Phase::Idle);
            Q_EMIT loaded(m_graph);
            if (m_graph != out.graph) // a listener may have opened something else meanwhile
                return;
            if (!out.moves.isEmpty())
                Q_EMIT tagsMoved(out.moves);
            if (!out.journalNotice.isEmpty())
                Q_EMIT journalNotice(out.journalNotice);
            checkTrust(TrustSettings::load(TrustSettings::scopeOf(source)));
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
            m_report = report;
            setPhase(Phase::Idle);
            Q_EMIT verified(report);
        });
    Q_EMIT verifyStarted();
}

bool SourceController::canRetryUnreadable() const
{
    return m_graph && m_report && !m_report->canceled && !Verifier::retriable(*m_graph, *m_report).isEmpty();
}

void SourceController::retryUnreadable()
{
    if (!canRetryUnreadable())
        return;
    m_job->discard();
    const quint64 generation = ++m_generation;
    qCDebug(lcJobs) << "retry unreadable" << m_source << "generation" << generation;

    using ReportPtr = std::shared_ptr<const VerifyReport>;
    setPhase(Phase::Verifying);
    m_job->start(
        this,
        [graph = m_graph, previous = m_report](JobContext *job) -> ReportPtr {
            VerifyOptions options; // as verify()
            options.listLayers = true;
            options.background = true;
            return std::make_shared<const VerifyReport>(Verifier::retry(*graph, *previous, options, job));
        },
        [this](const ReportPtr &report) {
            m_report = report;
            setPhase(Phase::Idle);
            Q_EMIT verified(report);
        },
        tr("Reading again what could not be read"));
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
    m_trustJob->discard();
    ++m_generation;
    m_graph.reset();
    m_trust.reset();
    m_report.reset();
    m_source.clear();
    setPhase(Phase::Idle);
}

namespace {

struct TrustOutcome
{
    TrustReportPtr report;
    Error error; // loadTrustMaterial's, when report is null
};

} // namespace

void SourceController::checkTrust(const trust::TrustOptions &options)
{
    if (!m_graph)
        return;
    qCDebug(lcJobs) << "trust check" << m_source << "with material:" << options.anyMaterial();
    m_trustJob->start(
        this,
        [graph = m_graph, options](JobContext *job) -> TrustOutcome {
            Result<trust::TrustMaterial> m = trust::loadTrustMaterial(options);
            if (!m)
                return TrustOutcome{nullptr, m.error()};
            return TrustOutcome{std::make_shared<const trust::TrustReport>(trust::checkImageTrust(*graph, *m, job)),
                                {}};
        },
        [this, graph = m_graph](const TrustOutcome &out) {
            if (graph != m_graph) // the source changed under a check that was not discarded in time
                return;
            if (!out.report) {
                Q_EMIT trustMaterialFailed(out.error);
                return;
            }
            m_trust = out.report;
            Q_EMIT trustChecked(m_trust);
        },
        tr("Checking signatures"));
    Q_EMIT trustCheckStarted();
}

void SourceController::cancelTrustCheck()
{
    m_trustJob->cancel();
}

bool SourceController::isCheckingTrust() const
{
    return m_trustJob->isRunning();
}

} // namespace strata::ui
