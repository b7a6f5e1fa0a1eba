// SPDX-License-Identifier: MIT
// What a long core job is given: a cancel flag and a progress counter in bytes. Thread-safe.
#pragma once

#include <QMutex>
#include <QString>

#include <atomic>
#include <functional>

namespace strata {

class JobContext final
{
public:
    using ProgressFn = std::function<void(qint64 done, qint64 total)>;

    JobContext() = default;
    Q_DISABLE_COPY_MOVE(JobContext)

    void cancel() { m_canceled.store(true, std::memory_order_relaxed); }
    bool isCanceled() const { return m_canceled.load(std::memory_order_relaxed); }

    void setTotal(qint64 bytes) { m_total.store(bytes); }
    qint64 total() const { return m_total.load(); }
    qint64 done() const { return m_done.load(); }
    // Adds to the work done; calls the progress callback (from the calling thread).
    void addProgress(qint64 bytes)
    {
        const qint64 now = m_done.fetch_add(bytes) + bytes;
        if (m_onProgress)
            m_onProgress(now, m_total.load());
    }
    // Set before the job starts; called from worker threads.
    void setProgressCallback(ProgressFn fn) { m_onProgress = std::move(fn); }

    void setCurrentObject(const QString &what)
    {
        QMutexLocker lock(&m_mutex);
        m_current = what;
    }
    QString currentObject() const
    {
        QMutexLocker lock(&m_mutex);
        return m_current;
    }

private:
    std::atomic<bool> m_canceled{false};
    std::atomic<qint64> m_total{0};
    std::atomic<qint64> m_done{0};
    ProgressFn m_onProgress;
    mutable QMutex m_mutex;
    QString m_current;
};

} // namespace strata
