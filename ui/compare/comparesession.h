// SPDX-License-Identifier: MIT
// Loads two sources and lists the chosen pair of images on the application's pool, then compares.
#pragma once

#include "core/compare/comparison.h"
#include "core/jobs/jobcontext.h"

#include <QObject>
#include <QTimer>

#include <memory>

class QThreadPool;

namespace strata::ui {

using ImageListingPtr = std::shared_ptr<const ImageListing>;

// Both sides open in parallel (two pool tasks), then both listings at once (one pool task running
// listImagePair: layers the right shares with the left are listed once), then the comparison
// (cheap, on the GUI thread). Every open()/selectPair() bumps a generation; a finished task from an
// older generation is dropped. Changing options recomputes the comparison without listing again.
class CompareSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CompareSession)

public:
    explicit CompareSession(QThreadPool *pool, QObject *parent = nullptr);
    ~CompareSession() override;

    void open(const QString &left, const QString &right);
    // Lists and compares pair `i` of pairing().pairs.
    void selectPair(int i);
    void setOptions(const CompareOptions &o);
    void cancel();

    bool isBusy() const { return !m_jobs.isEmpty(); }
    QString leftSource() const { return m_sources[0]; }
    QString rightSource() const { return m_sources[1]; }
    ImageGraphPtr graph(int side) const { return m_graphs[side]; }
    ImageListingPtr listing(int side) const { return m_listings[side]; }
    const ImagePairing &pairing() const { return m_pairing; }
    int currentPair() const { return m_pair; }
    const CompareOptions &options() const { return m_options; }
    // Valid after compared() until the next open or selectPair.
    const ImageComparison &comparison() const { return m_comparison; }
    bool hasComparison() const { return m_hasComparison; }

Q_SIGNALS:
    void started(const QString &what);
    void progress(qint64 done, qint64 total, const QString &currentObject);
    void opened(); // both graphs loaded and paired; listing starts next
    // A new pair was listed and compared (listingChanged true), or the options changed (false).
    void compared(bool listingChanged);
    // Also for a cancelled job (error.code == ErrorCode::Canceled).
    void failed(const strata::Error &error);
    // Nothing runs any more (after compared or failed).
    void settled();

private:
    void startJobs();
    void pollProgress();
    void fail(const Error &e);
    void recompute();

    QThreadPool *m_pool;
    QString m_sources[2];
    ImageGraphPtr m_graphs[2];
    ImageListingPtr m_listings[2];
    ImagePairing m_pairing;
    int m_pair = -1;
    CompareOptions m_options;
    ImageComparison m_comparison;
    bool m_hasComparison = false;
    quint64 m_generation = 0;
    int m_pending = 0;
    QList<std::shared_ptr<JobContext>> m_jobs;
    QTimer m_progressTimer;
};

} // namespace strata::ui
