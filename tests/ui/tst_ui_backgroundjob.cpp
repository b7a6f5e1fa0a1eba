// SPDX-License-Identifier: MIT
// BackgroundJob: results arrive on the GUI thread and only for the newest request; cancel reaches the
// worker; a destroyed receiver or runner is never called; progress is polled from the contexts.
#include "tests/common/hermeticenv.h"
#include "ui/jobs/backgroundjob.h"

#include <QElapsedTimer>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

using namespace Qt::StringLiterals;
using namespace strata;
using namespace strata::ui;

namespace {

// Blocks a worker until the test lets it go; never longer than 30 s, so a broken test cannot hang.
struct Gate
{
    QSemaphore sem;
    void open() { sem.release(1000); }
    bool wait() { return sem.tryAcquire(1, 30000); }
};

// Spins until the job is canceled (true) or 30 s passed (false).
bool waitForCancel(JobContext *job)
{
    QElapsedTimer t;
    t.start();
    while (!job->isCanceled()) {
        if (t.elapsed() > 30000)
            return false;
        QThread::msleep(2);
    }
    return true;
}

} // namespace

class TestUiBackgroundJob : public QObject
{
    Q_OBJECT

    QThreadPool m_pool;

    // Lets every worker finish and every queued delivery run.
    void settle()
    {
        QVERIFY(m_pool.waitForDone(30000));
        QCoreApplication::processEvents();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QCoreApplication::processEvents();
    }

private Q_SLOTS:
    void initTestCase() { m_pool.setMaxThreadCount(4); }

    void resultOnGuiThread()
    {
        BackgroundJob runner(&m_pool);
        QObject receiver;
        std::atomic<QThread *> workerThread = nullptr;
        QThread *doneThread = nullptr;
        int got = 0;
        runner.start(
            &receiver,
            [&workerThread](JobContext *job) {
                workerThread = QThread::currentThread();
                return job ? 42 : -1;
            },
            [&](int v) {
                doneThread = QThread::currentThread();
                got = v;
            });
        QVERIFY(runner.isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(got, 42, 30000);
        QCOMPARE(doneThread, QThread::currentThread());
        QVERIFY(workerThread.load() != nullptr);
        QVERIFY(workerThread.load() != QThread::currentThread());
        QVERIFY(!runner.isRunning());
    }

    void moveOnlyAndVoidResults()
    {
        BackgroundJob runner(&m_pool);
        std::unique_ptr<int> got;
        runner.start(
            this, [] { return std::make_unique<int>(7); }, [&](std::unique_ptr<int> v) { got = std::move(v); });
        QTRY_VERIFY_WITH_TIMEOUT(got != nullptr, 30000);
        QCOMPARE(*got, 7);

        std::atomic<bool> ran = false;
        bool delivered = false;
        runner.start(
            this, [&ran] { ran = true; }, [&] { delivered = true; });
        QTRY_VERIFY_WITH_TIMEOUT(delivered, 30000);
        QVERIFY(ran);
    }

    void staleResultDropped()
    {
        BackgroundJob runner(&m_pool);
        Gate gate;
        std::atomic<bool> firstSawCancel = false;
        QStringList delivered;
        runner.start(
            this,
            [&](JobContext *job) {
                gate.wait();
                firstSawCancel = job->isCanceled();
                return u"first"_s;
            },
            [&](const QString &s) { delivered << s; });
        const quint64 firstGeneration = runner.generation();
        runner.start(
            this, [&](JobContext *) { return gate.wait() ? u"second"_s : u"timeout"_s; },
            [&](const QString &s) { delivered << s; });
        QVERIFY(runner.generation() > firstGeneration);
        gate.open();
        QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 1, 30000);
        settle();
        QCOMPARE(delivered, QStringList{u"second"_s});
        QVERIFY(firstSawCancel); // the newer start() canceled the older worker
    }

    void staleResultDroppedEvenIfItFinishesLast()
    {
        BackgroundJob runner(&m_pool);
        Gate first, second;
        QStringList delivered;
        runner.start(
            this, [&](JobContext *) { return first.wait() ? u"first"_s : u"timeout"_s; },
            [&](const QString &s) { delivered << s; });
        runner.start(
            this, [&](JobContext *) { return second.wait() ? u"second"_s : u"timeout"_s; },
            [&](const QString &s) { delivered << s; });
        second.open();
        QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 1, 30000);
        first.open();
        settle();
        QCOMPARE(delivered, QStringList{u"second"_s});
    }

    void cancelReachesWorkerAndDeliversCanceled()
    {
        BackgroundJob runner(&m_pool);
        std::atomic<bool> started = false;
        int outcome = -1; // 1: the worker saw the cancel flag, 0: it timed out
        runner.start(
            this,
            [&](JobContext *job) {
                started = true;
                return waitForCancel(job) ? 1 : 0;
            },
            [&](int v) { outcome = v; });
        QTRY_VERIFY_WITH_TIMEOUT(started, 30000);
        QVERIFY(runner.isRunning());
        runner.cancel();
        QTRY_COMPARE_WITH_TIMEOUT(outcome, 1, 30000);
        QVERIFY(!runner.isRunning());
    }

    void discardCancelsAndDrops()
    {
        BackgroundJob runner(&m_pool);
        std::atomic<bool> started = false;
        std::atomic<int> workerOutcome = -1;
        bool delivered = false;
        runner.start(
            this,
            [&](JobContext *job) {
                started = true;
                workerOutcome = waitForCancel(job) ? 1 : 0;
                return 0;
            },
            [&](int) { delivered = true; });
        QTRY_VERIFY_WITH_TIMEOUT(started, 30000);
        runner.discard();
        QVERIFY(!runner.isRunning());
        settle();
        QCOMPARE(workerOutcome.load(), 1);
        QVERIFY(!delivered);
    }

    void deletedReceiverNeverCalled()
    {
        BackgroundJob runner(&m_pool);
        Gate gate;
        bool delivered = false;
        auto *receiver = new QObject;
        runner.start(
            receiver, [&](JobContext *) { return gate.wait(); }, [&delivered](bool) { delivered = true; });
        delete receiver;
        gate.open();
        settle();
        QVERIFY(!delivered);
        QVERIFY(!runner.isRunning()); // the runner still saw its task end
        // and it works on afterwards
        bool again = false;
        runner.start(
            this, [] { return true; }, [&again](bool v) { again = v; });
        QTRY_VERIFY_WITH_TIMEOUT(again, 30000);
    }

    void deletedRunnerNeverCalls()
    {
        Gate gate;
        std::atomic<bool> sawCancel = false;
        bool delivered = false;
        {
            BackgroundJob runner(&m_pool);
            runner.start(
                this,
                [&](JobContext *job) {
                    gate.wait();
                    sawCancel = job->isCanceled();
                    return 1;
                },
                [&delivered](int) { delivered = true; });
        }
        gate.open();
        settle();
        QVERIFY(!delivered);
        QVERIFY(sawCancel);
    }

    void progressPolled()
    {
        BackgroundJob runner(&m_pool);
        QCOMPARE(runner.progressInterval(), 100);
        runner.setProgressInterval(20);
        QSignalSpy spy(&runner, &BackgroundJob::progress);
        Gate gate;
        bool delivered = false;
        runner.start(
            this,
            [&](JobContext *job) {
                job->setTotal(100);
                job->addProgress(40);
                job->setCurrentObject(u"layer 1"_s);
                return gate.wait();
            },
            [&delivered](bool) { delivered = true; }, u"image.tar"_s);
        QVERIFY(spy.size() >= 1); // once at the start, before any timer
        const auto seen = [&spy] {
            for (const QList<QVariant> &args : std::as_const(spy))
                if (args.at(0).toLongLong() == 40 && args.at(1).toLongLong() == 100 &&
                    args.at(2).toString() == u"layer 1"_s)
                    return true;
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(seen(), 30000);
        gate.open();
        QTRY_VERIFY_WITH_TIMEOUT(delivered, 30000);
        // No more progress once the request has ended.
        const qsizetype after = spy.size();
        QTest::qWait(100);
        QCOMPARE(spy.size(), after);
    }

    void progressStartsWithGivenObject()
    {
        BackgroundJob runner(&m_pool);
        QSignalSpy spy(&runner, &BackgroundJob::progress);
        Gate gate;
        runner.start(
            this, [&](JobContext *) { return gate.wait(); }, [](bool) {}, u"image.tar"_s);
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.first().at(0).toLongLong(), 0);
        QCOMPARE(spy.first().at(2).toString(), u"image.tar"_s);
        gate.open();
        QTRY_VERIFY_WITH_TIMEOUT(!runner.isRunning(), 30000);
    }

    void progressSummedOverContexts()
    {
        BackgroundJob runner(&m_pool);
        runner.setProgressInterval(20);
        QSignalSpy spy(&runner, &BackgroundJob::progress);
        Gate gate;
        int delivered = 0;
        runner.start(
            this,
            [&](JobContext *left, JobContext *right) {
                left->setTotal(10);
                left->addProgress(3);
                left->setCurrentObject(u"L"_s);
                right->setTotal(20);
                right->addProgress(5);
                right->setCurrentObject(u"R"_s);
                return gate.wait() && left != right;
            },
            [&delivered](bool ok) { delivered += ok ? 1 : 100; });
        runner.add(
            this,
            [&](JobContext *job) {
                job->setTotal(1);
                job->addProgress(1);
                return gate.wait();
            },
            [&delivered](bool ok) { delivered += ok ? 1 : 100; }, u"third"_s);
        const auto seen = [&spy] {
            for (const QList<QVariant> &args : std::as_const(spy))
                if (args.at(0).toLongLong() == 9 && args.at(1).toLongLong() == 31 &&
                    args.at(2).toString() == u"L · R · third"_s)
                    return true;
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(seen(), 30000);
        QVERIFY(runner.isRunning());
        gate.open();
        QTRY_COMPARE_WITH_TIMEOUT(delivered, 2, 30000);
        QVERIFY(!runner.isRunning());
    }

    void addedTaskIsStaleWithItsRequest()
    {
        BackgroundJob runner(&m_pool);
        Gate gate;
        QStringList delivered;
        runner.start(
            this, [&](JobContext *) { return gate.wait() ? u"a"_s : u"timeout"_s; },
            [&](const QString &s) { delivered << s; });
        runner.add(
            this, [&](JobContext *) { return gate.wait() ? u"b"_s : u"timeout"_s; },
            [&](const QString &s) { delivered << s; });
        runner.discard();
        runner.start(
            this, [] { return u"c"_s; }, [&](const QString &s) { delivered << s; });
        QTRY_COMPARE_WITH_TIMEOUT(delivered.size(), 1, 30000);
        gate.open();
        settle();
        QCOMPARE(delivered, QStringList{u"c"_s});
    }
};

STRATA_TEST_MAIN(TestUiBackgroundJob)
#include "tst_ui_backgroundjob.moc"
