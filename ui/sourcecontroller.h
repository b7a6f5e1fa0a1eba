// SPDX-License-Identifier: MIT
// Runs SourceOpener::open, Verifier::run and the signature check (core/trust/imagetrust) on the application's
// thread pool, never on the GUI thread.
#pragma once

#include "core/jobs/jobcontext.h"
#include "core/journal/referencejournal.h"
#include "core/model/imagegraph.h"
#include "core/trust/imagetrust.h"
#include "core/verify/verifier.h"

#include <QObject>

#include <memory>

class QThreadPool;

namespace strata::ui {

struct LoadOutcome
{
    ImageGraphPtr graph;
    Error error;
    QList<journal::TagMove> moves; // references that resolved to another digest than the last time
    QString journalNotice;         // a journal file set aside, or why nothing was recorded
};

using TrustReportPtr = std::shared_ptr<const trust::TrustReport>;

class BackgroundJob;

// One source at a time, on one BackgroundJob: a finished job that is no longer the newest (the user
// opened something else, or re-ran verification) is dropped without a signal. Progress is polled from
// the JobContext every 100 ms rather than forwarded per block, so a fast worker cannot flood the GUI's
// event queue.
class SourceController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SourceController)

public:
    enum class Phase { Idle, Loading, Verifying };

    explicit SourceController(QThreadPool *pool, QObject *parent = nullptr);
    ~SourceController() override;

    void open(const QString &source);
    // Verifies the current graph; does nothing without one.
    void verify();
    // Reads again only the objects the last report could not read (Verifier::retry) and delivers the merged
    // report through verified(); does nothing without a graph or when canRetryUnreadable() is false.
    void retryUnreadable();
    bool canRetryUnreadable() const;
    // The last delivered verification report for the current graph (null before one).
    std::shared_ptr<const VerifyReport> report() const { return m_report; }
    void cancel();
    // Forgets the current source (after cancelling its jobs).
    void close();
    // Checks the current graph's signatures against `options` on a second job (the files they name are read
    // there); an older check still running is dropped. Does nothing without a graph. open() starts one by
    // itself when the source has loaded, with TrustSettings::load(TrustSettings::scopeOf(source)).
    void checkTrust(const strata::trust::TrustOptions &options);
    void cancelTrustCheck();
    bool isCheckingTrust() const;
    // The last delivered report for the current graph (null before one, and after open() or close()).
    TrustReportPtr trustReport() const { return m_trust; }

    Phase phase() const { return m_phase; }
    bool isBusy() const { return m_phase != Phase::Idle; }
    QString source() const { return m_source; }
    ImageGraphPtr graph() const { return m_graph; }
    quint64 generation() const { return m_generation; }

Q_SIGNALS:
    void loadStarted(const QString &source);
    void loaded(const strata::ImageGraphPtr &graph);
    // Also for a cancelled load (error.code == ErrorCode::Canceled). The source open before it (graph, report,
    // trust report) is current again by then: graph() is null only when there was none.
    void loadFailed(const QString &source, const strata::Error &error);
    // After loaded(), when the tag history journal found references that moved since Strata last saw them.
    void tagsMoved(const QList<strata::journal::TagMove> &moves);
    // After loaded(), when the journal had something to say (a damaged file set aside, a write that failed).
    void journalNotice(const QString &text);
    void verifyStarted();
    void verified(const std::shared_ptr<const strata::VerifyReport> &report);
    // Bytes done and total (0: unknown) and the object being read, while a job runs.
    void progress(qint64 done, qint64 total, const QString &currentObject);
    void phaseChanged(strata::ui::SourceController::Phase phase);
    void trustCheckStarted();
    // The signature verdicts for the current graph (also a canceled check: report->canceled).
    void trustChecked(const std::shared_ptr<const strata::trust::TrustReport> &report);
    // A file the trust options name did not load (error.context names it); no report follows.
    void trustMaterialFailed(const strata::Error &error);

private:
    void setPhase(Phase p);

    // What was open when open() started, current again when that load fails.
    struct Kept
    {
        QString source;
        ImageGraphPtr graph;
        TrustReportPtr trust;
        std::shared_ptr<const VerifyReport> report;
    };

    Phase m_phase = Phase::Idle;
    QString m_source;
    ImageGraphPtr m_graph;
    quint64 m_generation = 0;
    BackgroundJob *m_job;
    BackgroundJob *m_trustJob;
    TrustReportPtr m_trust;
    std::shared_ptr<const VerifyReport> m_report;
};

} // namespace strata::ui
