// SPDX-License-Identifier: MIT
// Loads two sources and lists the chosen pair of images on the application's pool, then compares.
#pragma once

#include "core/compare/comparison.h"
#include "core/jobs/jobcontext.h"

#include <QObject>

#include <memory>

class QThreadPool;

namespace strata::ui {

class BackgroundJob;

using ImageListingPtr = std::shared_ptr<const ImageListing>;

// Both sides open in parallel (two pool tasks), then both listings at once (one pool task running
// listImagePair: layers the right shares with the left are listed once), then the comparison (one
// more pool task: compareImages of two large listings takes seconds). All run on one BackgroundJob:
// every open()/selectPair()/setOptions() drops what an older request would still deliver. Changing
// options recomputes the comparison without listing again; the previous comparison stays readable
// until the new one arrives.
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

    bool isBusy() const;
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
    void fail(const Error &e);
    // Compares the listed pair on the pool with the current options; emits compared() when done.
    void startCompare(bool listingChanged);

    BackgroundJob *m_job;
    QString m_sources[2];
    ImageGraphPtr m_graphs[2];
    ImageListingPtr m_listings[2];
    ImagePairing m_pairing;
    int m_pair = -1;
    CompareOptions m_options;
    ImageComparison m_comparison;
    bool m_hasComparison = false;
    bool m_comparing = false;      // a compareImages task runs
    bool m_listingChanged = false; // the running comparison is of a new pair (compared(true))
    int m_opening = 0;             // sides still opening
};

} // namespace strata::ui
