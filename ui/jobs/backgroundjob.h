// SPDX-License-Identifier: MIT
// BackgroundJob: the one way the UI runs a core function off the GUI thread.
//
//   m_listing = new BackgroundJob(pool, this);                 // the application's pool
//   connect(m_listing, &BackgroundJob::progress, m_panel, &ProgressPanel::setProgress);
//   m_listing->start(this, [graph](JobContext *job) { return listImage(*graph, 0, job); },
//                    [this](Result<ImageListing> r) { show(r); });
//
// - The work runs on the given QThreadPool via QtConcurrent::run. It is called as work(JobContext *),
//   work(JobContext *, JobContext *) (two contexts, e.g. for the two sides of a comparison) or work();
//   it gets copies of what it needs, never `this`. Each task's JobContext is shared with the worker,
//   so a runner destroyed mid-job leaves nothing dangling (the pool's owner waits for the workers).
// - done(T) runs on the GUI thread (the runner's thread), and only if the task still belongs to the
//   runner's newest request: start() and discard() make every older result vanish (a dropped result is
//   destroyed on the pool, never on the GUI thread: large trees take a while to free). done() is never
//   called once `receiver` is destroyed. A void work gets a done() without arguments.
// - cancel() sets the cancel flag of the current request's contexts; the worker notices at its next
//   block and returns (core functions return a Canceled error or a report marked canceled), and that
//   outcome is still delivered, so the site can say "canceled". discard() cancels and drops it.
// - While a request runs, progress() is emitted on the GUI thread when it starts and every
//   progressInterval() ms (100 by default): done and total summed over the request's contexts, the
//   non-empty current objects joined by " · ". Polling rather than forwarding every block keeps a fast
//   worker from flooding the event queue.
// - add() puts another task into the current request (the two sources of a comparison open in
//   parallel): its own context, its own done(), the same staleness, progress summed.
#pragma once

#include "core/jobs/jobcontext.h"

#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QThreadPool>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <memory>
#include <type_traits>
#include <utility>

namespace strata::ui {

class BackgroundJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackgroundJob)

public:
    static constexpr int DefaultProgressInterval = 100; // ms

    // `pool` must outlive the workers (the application's pool, whose owner waits for them).
    explicit BackgroundJob(QThreadPool *pool, QObject *parent = nullptr);
    // Discards the running request: its workers are canceled and nothing of it is delivered.
    ~BackgroundJob() override;

    // Starts a new request with one task; any older request is discarded first. `currentObject` is
    // put into the task's context before the worker starts (shown by progress() until it sets its own).
    template <typename Work, typename Done>
    void start(QObject *receiver, Work work, Done done, const QString &currentObject = {})
    {
        discard();
        m_timer.start();
        run(receiver, std::move(work), std::move(done), currentObject);
        pollProgress();
    }
    // Adds a task to the current request (see above); starts a new request if none runs.
    template <typename Work, typename Done>
    void add(QObject *receiver, Work work, Done done, const QString &currentObject = {})
    {
        if (!isRunning())
            return start(receiver, std::move(work), std::move(done), currentObject);
        run(receiver, std::move(work), std::move(done), currentObject);
    }

    // Asks the current request's workers to stop; their (canceled) outcome is still delivered.
    void cancel();
    // Cancels the current request and drops its results: none arrives any more.
    void discard();
    // A task of the current request has not delivered yet (false inside the last task's done()).
    bool isRunning() const { return m_pending > 0; }
    // Bumped by every start() and discard(): results of an older generation are dropped.
    quint64 generation() const { return m_generation; }

    int progressInterval() const { return m_timer.interval(); }
    void setProgressInterval(int ms) { m_timer.setInterval(ms); }

Q_SIGNALS:
    // Bytes done and total (0: unknown) and the objects being worked on, while a request runs.
    void progress(qint64 done, qint64 total, const QString &currentObject);

private:
    template <typename Work, typename Done>
    void run(QObject *receiver, Work work, Done done, const QString &currentObject)
    {
        Q_ASSERT(receiver);
        constexpr bool twoContexts = std::is_invocable_v<Work &, JobContext *, JobContext *>;
        constexpr bool oneContext = std::is_invocable_v<Work &, JobContext *>;
        static_assert(twoContexts || oneContext || std::is_invocable_v<Work &>,
                      "work must be callable as work(JobContext *), work(JobContext *, JobContext *) or work()");
        auto first = std::make_shared<JobContext>();
        auto second = twoContexts ? std::make_shared<JobContext>() : nullptr;
        first->setCurrentObject(currentObject);
        m_contexts << first;
        if (second)
            m_contexts << second;
        ++m_pending;

        auto invoke = [work = std::move(work), first, second]() mutable -> decltype(auto) {
            if constexpr (twoContexts)
                return work(first.get(), second.get());
            else if constexpr (oneContext)
                return work(first.get());
            else
                return work();
        };
        using T = std::decay_t<decltype(invoke())>;
        // The result travels boxed: T need be neither copyable nor default-constructible, and a
        // dropped result can be handed to the pool to be destroyed there.
        using Box = std::shared_ptr<std::conditional_t<std::is_void_v<T>, bool, T>>;
        auto *watcher = new QFutureWatcher<Box>(this);
        const quint64 generation = m_generation;
        connect(watcher, &QFutureWatcherBase::finished, this,
                [this, watcher, generation, receiver = QPointer<QObject>(receiver), done = std::move(done)]() mutable {
                    watcher->deleteLater();
                    Box box = watcher->future().resultCount() > 0 ? watcher->future().takeResult() : Box();
                    if (generation != m_generation) {
                        dropOnPool(std::move(box));
                        return;
                    }
                    if (--m_pending == 0)
                        finishRequest();
                    if (!box || !receiver) { // never ran (the pool was cleared), or nobody to tell
                        dropOnPool(std::move(box));
                        return;
                    }
                    if constexpr (std::is_void_v<T>)
                        done();
                    else
                        done(std::move(*box));
                });
        watcher->setFuture(QtConcurrent::run(m_pool, [invoke = std::move(invoke)]() mutable -> Box {
            if constexpr (std::is_void_v<T>) {
                invoke();
                return std::make_shared<bool>(true);
            } else {
                return std::make_shared<T>(invoke());
            }
        }));
    }

    template <typename Box> void dropOnPool(Box box)
    {
        if (box && box.use_count() == 1)
            m_pool->start([box = std::move(box)]() mutable { box.reset(); });
    }

    void pollProgress();
    void finishRequest();

    QThreadPool *m_pool;
    quint64 m_generation = 0;
    int m_pending = 0;
    QList<std::shared_ptr<JobContext>> m_contexts; // of the current request
    QTimer m_timer;
};

} // namespace strata::ui
