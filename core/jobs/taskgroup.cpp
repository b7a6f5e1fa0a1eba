// SPDX-License-Identifier: MIT
// The worker pool and task groups.
#include "core/jobs/taskgroup.h"

#include <QThread>

namespace strata {

namespace {
Q_GLOBAL_STATIC(QThreadPool, theWorkerPool)
}

QThreadPool &workerPool()
{
    static const bool sized = [] {
        theWorkerPool->setMaxThreadCount(qMax(1, QThread::idealThreadCount()));
        return true;
    }();
    Q_UNUSED(sized);
    return *theWorkerPool;
}

TaskGroup::TaskGroup(int maxConcurrent)
    : m_max(maxConcurrent > 0 ? maxConcurrent : qMax(1, workerPool().maxThreadCount()))
{
}

TaskGroup::~TaskGroup()
{
    wait();
}

void TaskGroup::add(std::function<void()> task)
{
    std::lock_guard lock(m_mutex);
    m_queue.push_back(std::move(task));
    ++m_outstanding;
    dispatchLocked();
}

void TaskGroup::whenIdle(std::function<void()> done)
{
    {
        std::lock_guard lock(m_mutex);
        if (m_outstanding > 0) {
            m_whenIdle = std::move(done);
            return;
        }
    }
    done();
}

void TaskGroup::wait()
{
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [this] { return m_outstanding == 0; });
}

void TaskGroup::dispatchLocked()
{
    while (m_running < m_max && !m_queue.empty()) {
        std::function<void()> task = std::move(m_queue.front());
        m_queue.pop_front();
        ++m_running;
        workerPool().start([this, task = std::move(task)] {
            task();
            finishOne();
        });
    }
}

void TaskGroup::finishOne()
{
    std::function<void()> done;
    {
        std::lock_guard lock(m_mutex);
        --m_running;
        dispatchLocked();
        if (m_outstanding == 1)
            done = std::exchange(m_whenIdle, {});
        if (m_outstanding > 1) {
            --m_outstanding;
            return;
        }
    }
    // The last task: the idle callback runs before a waiter may return and destroy the group.
    if (done)
        done();
    std::lock_guard lock(m_mutex);
    --m_outstanding;
    m_idle.notify_all();
}

} // namespace strata
