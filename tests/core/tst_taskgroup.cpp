// SPDX-License-Identifier: MIT
// The worker pool and task groups: every task runs once, the concurrency bound holds, two groups
// share the pool's threads, the idle callback runs once after the last task, waiting really waits.
#include "core/jobs/taskgroup.h"
#include "tests/common/hermeticenv.h"

#include <QTest>
#include <QThread>

#include <atomic>
#include <chrono>
#include <thread>

using namespace strata;
using namespace std::chrono_literals;

namespace {

// Counts how many tasks run at once, and the most seen.
struct Concurrency
{
    std::atomic<int> now{0};
    std::atomic<int> most{0};
    void enter()
    {
        const int n = ++now;
        int m = most.load();
        while (n > m && !most.compare_exchange_weak(m, n)) {
        }
    }
    void leave() { --now; }
};

} // namespace

class TestTaskGroup : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void poolHasOneThreadPerCore() { QCOMPARE(workerPool().maxThreadCount(), qMax(1, QThread::idealThreadCount())); }

    void everyTaskRunsOnceAndWaitWaits()
    {
        std::atomic<int> runs{0};
        std::vector<std::atomic<int>> counts(200);
        {
            TaskGroup g;
            for (auto &c : counts)
                g.add([&c, &runs] {
                    std::this_thread::sleep_for(100us);
                    ++c;
                    ++runs;
                });
            g.wait();
            QCOMPARE(runs.load(), 200); // all done when wait returns, not later
        }
        for (const auto &c : counts)
            QCOMPARE(c.load(), 1);
    }

    void boundIsHeld()
    {
        Concurrency c;
        TaskGroup g(1);
        for (int i = 0; i < 20; ++i)
            g.add([&c] {
                c.enter();
                std::this_thread::sleep_for(1ms);
                c.leave();
            });
        g.wait();
        QCOMPARE(c.most.load(), 1);
    }

    void twoGroupsShareThePoolThreads()
    {
        // A comparison's two sides at once never run more tasks than the pool has threads.
        Concurrency c;
        const int threads = workerPool().maxThreadCount();
        TaskGroup left, right;
        const auto task = [&c] {
            c.enter();
            std::this_thread::sleep_for(2ms);
            c.leave();
        };
        for (int i = 0; i < 8 * threads; ++i) {
            left.add(task);
            right.add(task);
        }
        left.wait();
        right.wait();
        QVERIFY(c.most.load() <= threads);
        QVERIFY(c.most.load() >= qMin(2, threads));
    }

    void whenIdleRunsOnceAfterTheLastTask()
    {
        std::atomic<int> done{0};
        std::atomic<int> idleCalls{0};
        std::atomic<int> doneAtIdle{-1};
        TaskGroup g;
        for (int i = 0; i < 50; ++i)
            g.add([&done] {
                std::this_thread::sleep_for(200us);
                ++done;
            });
        g.whenIdle([&] {
            doneAtIdle = done.load();
            ++idleCalls;
        });
        g.wait();
        QCOMPARE(idleCalls.load(), 1);
        QCOMPARE(doneAtIdle.load(), 50);
    }

    void whenIdleOnAnEmptyGroupRunsAtOnce()
    {
        TaskGroup g;
        bool called = false;
        g.whenIdle([&called] { called = true; });
        QVERIFY(called);
    }

    void destructorWaits()
    {
        std::atomic<int> runs{0};
        {
            TaskGroup g;
            for (int i = 0; i < 10; ++i)
                g.add([&runs] {
                    std::this_thread::sleep_for(2ms);
                    ++runs;
                });
        }
        QCOMPARE(runs.load(), 10);
    }
};

STRATA_TEST_GUILESS_MAIN(TestTaskGroup)
#include "tst_taskgroup.moc"
