// SPDX-License-Identifier: MIT
// Runs SourceOpener::open and Verifier::run on the application's thread pool, never on the GUI thread.
#pragma once

#include "core/jobs/jobcontext.h"
#include "core/model/imagegraph.h"
#include "core/verify/verifier.h"

#include <QObject>

#include <memory>

class QThreadPool;

namespace strata::ui {

struct LoadOutcome
{
    ImageGraphPtr graph;
    Error error;
};

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
    void cancel();
    // Forgets the current source (after cancelling its job).
    void close();

    Phase phase() const { return m_phase; }
    bool isBusy() const { return m_phase != Phase::Idle; }
    QString source() const { return m_source; }
    ImageGraphPtr graph() const { return m_graph; }
    quint64 generation() const { return m_generation; }

Q_SIGNALS:
    void loadStarted(const QString &source);
    void loaded(const strata::ImageGraphPtr &graph);
    // Also for a cancelled load (error.code == ErrorCode::Canceled).
    void loadFailed(const QString &source, const strata::Error &error);
    void verifyStarted();
    void verified(const std::shared_ptr<const strata::VerifyReport> &report);
    // Bytes done and total (0: unknown) and the object being read, while a job runs.
    void progress(qint64 done, qint64 total, const QString &currentObject);
    void phaseChanged(strata::ui::SourceController::Phase phase);

private:
    void setPhase(Phase p);

    Phase m_phase = Phase::Idle;
    QString m_source;
    ImageGraphPtr m_graph;
    quint64 m_generation = 0;
    BackgroundJob *m_job;
};

} // namespace strata::ui
