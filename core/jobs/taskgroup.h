// SPDX-License-Identifier: MIT
// The process's one pool for CPU-bound work (reading, hashing, inflating and listing blobs), and
// groups of tasks run on it with a bound on how many run at once.
#pragma once

#include <QThreadPool>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>

namespace strata {

// One thread per core (QThread::idealThreadCount). Every verification, listing and comparison
// queues its blob work here, so two runs at once (a comparison's two sides) share the cores instead
// of each starting a thread per core. Tasks on it must never block waiting for other tasks on it.
QThreadPool &workerPool();

// Tasks queued on workerPool() in the order they were added, at most `maxConcurrent` of them at a
// time, so that two groups interleave fairly. Thread-safe; the destructor waits for every task.
class TaskGroup final
{
public:
    explicit TaskGroup(int maxConcurrent = 0); // 0: the pool's thread count
    ~TaskGroup();
    Q_DISABLE_COPY_MOVE(TaskGroup)

    void add(std::function<void()> task);
    // Called once, on the thread that ends the last task (or at once, here, if none is left), after
    // every task added before this call. A task added later is not waited for by it.
    void whenIdle(std::function<void()> done);
    // Blocks until every added task has run. Never call it from a task of workerPool().
    void wait();

private:
    void dispatchLocked();
    void finishOne();

    int m_max;
    std::mutex m_mutex;
    std::condition_variable m_idle;
    std::deque<std::function<void()>> m_queue;
    int m_running = 0;
    int m_outstanding = 0; // queued or running
    std::function<void()> m_whenIdle;
};

} // namespace strata
